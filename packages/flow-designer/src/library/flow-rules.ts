import { agentSchema, FLOW_FORMAT, parseFlow, scheduleSchema, validateFlow } from '@ringflow/flow-core';
import type { FlowDocument, FlowIssue, JsonPath, Locale } from '@ringflow/flow-core';

/*
 * flow-core's rules, as the library needs to ask them. flow-core exports its document schemas but
 * not the patterns inside them (ID_PATTERN, SOUND_FILE_PATTERN...), so each check here goes through
 * the schema that holds the pattern, and messages come from flow-core's own validation: the designer
 * never writes a rule of the flow again.
 */

const idSchema = agentSchema.shape.id;
const timeRangeSchema = scheduleSchema.shape.specialHours.unwrap().element.shape.hours.element;

/** True when `id` is an id flow-core accepts for agents, groups, schedules and sounds. */
export function isValidId(id: string): boolean {
  return idSchema.safeParse(id).success;
}

/** True when both times of `range` are times flow-core accepts (`HH:MM`, `24:00` allowed). */
export function isValidTimeRange(range: readonly [string, string]): boolean {
  return timeRangeSchema.safeParse(range).success;
}

/** True when `path` lies at or below `prefix`. */
export function isUnder(path: JsonPath | undefined, prefix: JsonPath): boolean {
  return path !== undefined && prefix.length <= path.length && prefix.every((part, i) => path[i] === part);
}

/** The issues whose path lies at or below `prefix`. */
export function issuesUnder(issues: readonly FlowIssue[], prefix: JsonPath): FlowIssue[] {
  return issues.filter((issue) => isUnder(issue.path, prefix));
}

/** The issues whose path lies at or below `prefix`, with paths made relative to it. */
export function issuesWithin(issues: readonly FlowIssue[], prefix: JsonPath): FlowIssue[] {
  return issuesUnder(issues, prefix).map((issue) => ({ ...issue, path: issue.path?.slice(prefix.length) }));
}

/** The library collections of a flow document. */
export type LibraryCollection = 'agents' | 'groups' | 'schedules' | 'sounds';

/**
 * flow-core's issues about an item that is not in the flow yet (the item being created), as if it
 * were added at the end of its collection. Paths are the item's own (`['id']`, `['name']`).
 */
export function candidateIssues(
  flow: FlowDocument,
  collection: LibraryCollection,
  item: object,
  locale: Locale,
): FlowIssue[] {
  const index = flow[collection].length;
  const report = validateFlow({ ...flow, [collection]: [...flow[collection], item] }, { locale });
  return issuesWithin([...report.errors, ...report.warnings], [collection, index]);
}

/**
 * flow-core's message about a sound file path, or undefined when flow-core accepts it. A sound
 * given in place in a node has no path of its own in the library, so the path is checked as the
 * file of a library sound of an otherwise empty flow.
 */
export function soundFileProblem(file: string, locale: Locale): string | undefined {
  const parsed = parseFlow(
    {
      format: FLOW_FORMAT,
      id: 'check',
      name: 'check',
      timezone: 'UTC',
      entry: 'check',
      sounds: [{ id: 'check', file }],
    },
    { locale },
  );
  if (parsed.ok) return undefined;
  return parsed.issues.find((issue) => isUnder(issue.path, ['sounds', 0, 'file']))?.message;
}
