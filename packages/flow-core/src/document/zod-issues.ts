import type { z } from 'zod';
import type { Locale, LocalizedText } from '../i18n/locale.js';
import type { IssueCode } from '../validation/codes.js';
import type { IssueList, JsonPath } from '../validation/issue.js';
import { describeType, previewValue, typeOfJsonValue } from './describe.js';
import { PATTERN_CODES } from './primitives.js';

type ZodIssue = z.core.$ZodIssue;

/** Reads the value at `path` inside `root`, or undefined when there is none. */
export function valueAt(root: unknown, path: JsonPath): unknown {
  let current = root;
  for (const part of path) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, part)) return undefined;
    current = (current as Record<string | number, unknown>)[part];
  }
  return current;
}

/** What zod's built-in formats expect, in words. */
const FORMAT_EXPECTATIONS: Record<string, LocalizedText> = {
  datetime: {
    en: 'a date and time with seconds and an offset, such as 2026-11-24T09:30:00+01:00',
    fr: 'une date et une heure avec secondes et décalage, comme 2026-11-24T09:30:00+01:00',
  },
  regex: { en: 'a value in the documented format', fr: 'une valeur au format documenté' },
};

function boundText(issue: ZodIssue & { code: 'too_small' | 'too_big' }, locale: Locale): string {
  const small = issue.code === 'too_small';
  const limit = Number(small ? issue.minimum : issue.maximum);
  const fr = locale === 'fr';
  switch (issue.origin) {
    case 'string':
      return fr
        ? `${small ? 'd’au moins' : 'd’au plus'} ${limit} caractère${limit > 1 ? 's' : ''}`
        : `${small ? 'at least' : 'at most'} ${limit} character${limit === 1 ? '' : 's'} long`;
    case 'array':
    case 'set':
      return fr
        ? `une liste ${small ? 'd’au moins' : 'd’au plus'} ${limit} élément${limit > 1 ? 's' : ''}`
        : `a list of ${small ? 'at least' : 'at most'} ${limit} item${limit === 1 ? '' : 's'}`;
    default:
      return fr ? `${small ? 'au moins' : 'au plus'} ${limit}` : `${small ? 'at least' : 'at most'} ${limit}`;
  }
}

/**
 * Turns zod issues into ringflow issues with stable codes and readable messages. `root` is the
 * input the issues' paths point into, after `prefix`.
 */
export function reportZodIssues(
  issues: readonly ZodIssue[],
  root: unknown,
  prefix: JsonPath,
  list: IssueList,
  context: { nodeId?: string } = {},
): void {
  const locale = list.locale;
  const add = (code: IssueCode, path: JsonPath, params: Record<string, string | number>) =>
    list.add(code, {
      path: [...prefix, ...path],
      params,
      ...(context.nodeId ? { nodeId: context.nodeId } : {}),
    });

  const patternIssue = (issue: ZodIssue & { code: 'invalid_format' }, path: JsonPath, received: unknown) => {
    const known = issue.pattern !== undefined ? PATTERN_CODES.get(issue.pattern) : undefined;
    add((known?.code ?? 'invalid_format') as IssueCode, path, {
      expected:
        known?.expected[locale] ?? (FORMAT_EXPECTATIONS[issue.format] ?? FORMAT_EXPECTATIONS.regex!)[locale],
      received: previewValue(received),
    });
  };

  for (const issue of issues) {
    const path = issue.path as JsonPath;
    const value = valueAt(root, path);
    switch (issue.code) {
      case 'invalid_type':
        if (value === undefined) add('missing_field', path, { field: String(path[path.length - 1] ?? '') });
        else {
          add('invalid_type', path, {
            expected: describeType(issue.expected, locale),
            received: describeType(typeOfJsonValue(value), locale),
          });
        }
        break;
      case 'invalid_value':
        if (value === undefined) add('missing_field', path, { field: String(path[path.length - 1] ?? '') });
        else if (path.length === 1 && path[0] === 'format' && prefix.length === 0) {
          add('unsupported_format', path, { received: previewValue(value) });
        } else {
          const expected = issue.values.map((v) => JSON.stringify(v)).join(locale === 'fr' ? ' ou ' : ' or ');
          add('invalid_value', path, { expected, received: previewValue(value) });
        }
        break;
      case 'too_small':
      case 'too_big':
        add('out_of_range', path, { bound: boundText(issue, locale), received: previewValue(value) });
        break;
      case 'invalid_format':
        patternIssue(issue, path, value);
        break;
      case 'unrecognized_keys':
        for (const key of issue.keys) add('unknown_field', [...path, key], { field: key });
        break;
      case 'invalid_key': {
        // A record key that failed its own schema; zod ends the path with the key itself.
        const key = path[path.length - 1];
        for (const inner of issue.issues) {
          if (inner.code === 'invalid_format') patternIssue(inner, path, key);
          else add('invalid_value', path, { expected: inner.message, received: previewValue(key) });
        }
        break;
      }
      case 'invalid_union':
        reportUnion(issue, path, value, root, prefix, list, context);
        break;
      case 'custom': {
        const params = (issue.params ?? {}) as { ringflowCode?: IssueCode; expected?: LocalizedText };
        const id = valueAt(value, ['id']);
        add(params.ringflowCode ?? 'invalid_value', path, {
          received: previewValue(value),
          expected: params.expected?.[locale] ?? issue.message,
          ...(typeof id === 'string' ? { id } : {}),
        });
        break;
      }
      default:
        add('invalid_value', path, { expected: issue.message, received: previewValue(value) });
    }
  }
}

/**
 * A union failed every branch. Branches that failed only because the value has another type are
 * set aside; when one branch remains with the fewest issues, its issues are the most precise
 * explanation. Otherwise the value is simply of none of the accepted types.
 */
function reportUnion(
  issue: ZodIssue & { code: 'invalid_union' },
  path: JsonPath,
  value: unknown,
  root: unknown,
  prefix: JsonPath,
  list: IssueList,
  context: { nodeId?: string },
): void {
  const branches = (issue.errors ?? []).filter(
    (branch) => !(branch.length === 1 && branch[0]!.code === 'invalid_type' && branch[0]!.path.length === 0),
  );
  const fewest = Math.min(...branches.map((b) => b.length));
  const best = branches.filter((b) => b.length === fewest);
  if (best.length === 1) {
    const inner = best[0]!.map((i) => ({ ...i, path: [...path, ...(i.path as JsonPath)] })) as ZodIssue[];
    reportZodIssues(inner, root, prefix, list, context);
    return;
  }
  // Object shapes that differ by a required key ({agent} | {group} | {number}) are named by it.
  const distinguishingKeys = best
    .map((b) =>
      b.find(
        (i) =>
          i.code === 'invalid_type' &&
          i.path.length === 1 &&
          valueAt(value, i.path as JsonPath) === undefined,
      ),
    )
    .map((i) => (i ? `"${String(i.path[0])}"` : undefined));
  if (
    typeOfJsonValue(value) === 'object' &&
    best.length > 1 &&
    distinguishingKeys.every((k) => k !== undefined)
  ) {
    list.add('invalid_value', {
      path: [...prefix, ...path],
      params: {
        expected: `${list.locale === 'fr' ? 'un objet avec la clé' : 'an object with the key'} ${distinguishingKeys.join(list.locale === 'fr' ? ' ou ' : ' or ')}`,
        received: 'object',
      },
      ...(context.nodeId ? { nodeId: context.nodeId } : {}),
    });
    return;
  }
  const expectedTypes = [
    ...new Set(
      (issue.errors ?? [])
        .map((b) => (b[0]?.code === 'invalid_type' && b[0].path.length === 0 ? b[0].expected : 'object'))
        .map((t) => describeType(t, list.locale)),
    ),
  ];
  list.add(value === undefined ? 'missing_field' : 'invalid_type', {
    path: [...prefix, ...path],
    params: {
      field: String(path[path.length - 1] ?? ''),
      expected: expectedTypes.join(list.locale === 'fr' ? ' ou ' : ' or '),
      received: describeType(typeOfJsonValue(value), list.locale),
    },
    ...(context.nodeId ? { nodeId: context.nodeId } : {}),
  });
}
