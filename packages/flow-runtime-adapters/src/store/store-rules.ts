import { createHash } from 'node:crypto';
import {
  createIssue,
  serializeFlow,
  validateFlowText,
  type FlowDocument,
  type FlowIssue,
  type IssueCode,
  type Locale,
} from '@ringflow/flow-core';
import { isFlowId } from './flow-id.js';
import {
  TEXT_LIMITS,
  type FlowInput,
  type FlowValidation,
  type PublishMetadata,
  type RouteIssue,
  type RoutingTable,
} from './types.js';

/*
 * The rules every FlowStore applies, whatever it stores on: what a storable draft is, what may be
 * published, what a routing table is. The folder and memory stores differ only in where bytes go.
 */

/**
 * Issues that make a text unsound as JSON, not just a flow with mistakes: such a draft is refused
 * rather than stored, since storing it would lose data (a duplicate key) or keep a hazard (a
 * `__proto__` key, a huge or deeply nested value).
 */
export const UNSOUND_JSON_CODES: ReadonlySet<IssueCode> = new Set<IssueCode>([
  'invalid_json',
  'document_too_large',
  'too_deeply_nested',
  'forbidden_key',
  'duplicate_key',
  'menu_duplicate_digit',
]);

/** SHA-256 of a text's UTF-8 bytes, in hex. */
export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The JSON text of an input; a value that JSON cannot write (a cycle, a BigInt) gives an issue. */
function inputText(
  input: FlowInput,
  locale: Locale,
): { ok: true; text: string } | { ok: false; issue: FlowIssue } {
  if ('text' in input) return { ok: true, text: input.text };
  let text: string | undefined;
  let detail = 'the value is not JSON';
  try {
    text = JSON.stringify(input.document);
  } catch (error) {
    detail = error instanceof Error ? error.message : detail;
  }
  if (text !== undefined) return { ok: true, text };
  return {
    ok: false,
    issue: createIssue('invalid_json', { params: { line: 1, column: 1, detail } }, locale),
  };
}

/** A draft ready to store, or why it cannot be. */
export type CheckedDraft =
  | {
      readonly ok: true;
      readonly text: string;
      readonly name: string | null;
      readonly sha256: string;
      readonly validation: FlowValidation;
    }
  | { readonly ok: false; readonly problem: 'unreadable'; readonly issues: readonly FlowIssue[] }
  | { readonly ok: false; readonly problem: 'id_mismatch'; readonly documentId: unknown };

/**
 * Checks a draft for flow `flowId`: sound JSON, an object whose `id` is `flowId`. Validation errors
 * do not stop a draft (it is work in progress); they are returned with it. The stored text is the
 * canonical form when the document parses, else two-space JSON.
 */
export function checkDraft(flowId: string, input: FlowInput, locale: Locale = 'en'): CheckedDraft {
  const read = inputText(input, locale);
  if (!read.ok) return { ok: false, problem: 'unreadable', issues: [read.issue] };
  const report = validateFlowText(read.text, { locale });
  const unsound = report.errors.filter((issue) => UNSOUND_JSON_CODES.has(issue.code));
  if (unsound.length > 0) return { ok: false, problem: 'unreadable', issues: unsound };
  // Sound JSON from here on: no forbidden key, no duplicate, bounded size and depth.
  const value: unknown = report.flow ?? JSON.parse(read.text);
  const documentId = isPlainObject(value) ? value.id : undefined;
  if (documentId !== flowId) return { ok: false, problem: 'id_mismatch', documentId };
  const text = report.flow === undefined ? `${JSON.stringify(value, null, 2)}\n` : serializeFlow(report.flow);
  const name = isPlainObject(value) && typeof value.name === 'string' ? value.name : null;
  return {
    ok: true,
    text,
    name,
    sha256: sha256(text),
    validation: { ok: report.ok, errors: report.errors, warnings: report.warnings },
  };
}

/** A document ready to publish, or its errors. */
export type CheckedPublication =
  | {
      readonly ok: true;
      readonly text: string;
      readonly flow: FlowDocument;
      readonly sha256: string;
      readonly warnings: readonly FlowIssue[];
    }
  | {
      readonly ok: false;
      readonly errors: readonly FlowIssue[];
      readonly warnings: readonly FlowIssue[];
    };

/** Validates a text for publishing: no error at all (warnings allowed); returns its canonical form. */
export function checkPublishable(text: string, locale: Locale = 'en'): CheckedPublication {
  const report = validateFlowText(text, { locale });
  if (!report.ok || report.flow === undefined) {
    return { ok: false, errors: report.errors, warnings: report.warnings };
  }
  const canonical = serializeFlow(report.flow);
  return {
    ok: true,
    text: canonical,
    flow: report.flow,
    sha256: sha256(canonical),
    warnings: report.warnings,
  };
}

// C0 and C1 controls and bidirectional overrides: metadata is shown in terminals and in the designer.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/**
 * Checks the free text of a publication: `author` on one line, `comment` may span lines, both
 * within TEXT_LIMITS and free of control characters. Returns a message for the first problem.
 */
export function checkPublishMetadata(metadata: PublishMetadata): string | undefined {
  for (const field of ['author', 'comment'] as const) {
    const value: unknown = metadata[field];
    if (value === undefined) continue;
    if (typeof value !== 'string') return `"${field}" must be a string`;
    if (value.length > TEXT_LIMITS[field])
      return `"${field}" is longer than ${TEXT_LIMITS[field]} characters`;
    if (CONTROL_CHARACTERS.test(value) || (field === 'author' && /[\n\t\r]/.test(value))) {
      return `"${field}" contains control characters`;
    }
  }
  return undefined;
}

/** The metadata as stored: trimmed, an empty text being no text. Throws for what checkPublishMetadata refuses. */
export function normalizePublishMetadata(metadata: PublishMetadata): {
  author: string | null;
  comment: string | null;
} {
  const problem = checkPublishMetadata(metadata);
  if (problem !== undefined) throw new RangeError(problem);
  const clean = (value: string | undefined) =>
    value === undefined || value.trim() === '' ? null : value.trim();
  return { author: clean(metadata.author), comment: clean(metadata.comment) };
}

/** A dialed number in the routing table: a full E.164 number (DESIGN 3). */
export const ROUTE_NUMBER_PATTERN = /^\+[1-9]\d{1,14}$/;

/** The format tag of routes.json. */
export const ROUTES_FORMAT = 'ringflow.routes/v1';

/** More routes than any switchboard has; bounds the work of a hostile table. */
export const MAX_ROUTES = 100_000;

/** Whether `value` is an object literal (not an array, not null). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks the shape of a routing table, `{ "routes": { "+33180000000": "support-line" } }` (plus,
 * in routes.json, `format` and `updatedAt`). Returns the routes in ascending number order, or every
 * problem. Whether each flow is published is the store's check, not this one.
 */
export function checkRoutingTable(
  value: unknown,
  options: { allowStoredFields?: boolean } = {},
):
  | { ok: true; routes: Record<string, string>; updatedAt: string | null }
  /** `routes`: the entries whose flow id is valid, for the checks that come next. */
  | { ok: false; issues: RouteIssue[]; routes: Record<string, string> } {
  const issues: RouteIssue[] = [];
  if (!isPlainObject(value) || !isPlainObject(value.routes)) {
    const message = 'The routing table must be an object: { "routes": { "+33180000000": "flow-id" } }.';
    return { ok: false, issues: [{ code: 'routes_not_an_object', message, path: [] }], routes: {} };
  }
  const allowed = options.allowStoredFields === true ? ['routes', 'format', 'updatedAt'] : ['routes'];
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      issues.push({ code: 'unknown_field', message: `Unknown field "${key}".`, path: [key] });
    }
  }
  if (value.format !== undefined && value.format !== ROUTES_FORMAT) {
    issues.push({
      code: 'invalid_format',
      message: `"format" must be "${ROUTES_FORMAT}".`,
      path: ['format'],
    });
  }
  const updatedAt = typeof value.updatedAt === 'string' ? value.updatedAt : null;
  const entries = Object.entries(value.routes);
  if (entries.length > MAX_ROUTES) {
    const message = `The routing table has ${entries.length} routes; the limit is ${MAX_ROUTES}.`;
    return {
      ok: false,
      issues: [...issues, { code: 'too_many_routes', message, path: ['routes'] }],
      routes: {},
    };
  }
  const routes: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [number, flowId] of entries) {
    if (!ROUTE_NUMBER_PATTERN.test(number)) {
      const message = `"${number.slice(0, 40)}" is not a full E.164 number such as +33180000000.`;
      issues.push({ code: 'invalid_number', message, path: ['routes', number] });
    }
    if (!isFlowId(flowId)) {
      const message = `The flow of ${number.slice(0, 40)} must be a flow id (a letter, then letters, digits, "_" or "-").`;
      issues.push({ code: 'invalid_flow_id', message, path: ['routes', number] });
      continue;
    }
    routes[number] = flowId;
  }
  if (issues.length > 0) return { ok: false, issues, routes: sortedRoutes(routes) };
  return { ok: true, routes: sortedRoutes(routes), updatedAt };
}

/** The routes with numbers in ascending order, on a plain object. */
export function sortedRoutes(routes: Readonly<Record<string, string>>): Record<string, string> {
  const sorted: Record<string, string> = {};
  for (const number of Object.keys(routes).sort()) sorted[number] = routes[number]!;
  return sorted;
}

/** The issues of routes whose flow has no published version. */
export function unpublishedRouteIssues(
  routes: Readonly<Record<string, string>>,
  isPublished: (flowId: string) => boolean,
): RouteIssue[] {
  return Object.entries(routes)
    .filter(([, flowId]) => !isPublished(flowId))
    .map(([number, flowId]) => ({
      code: 'flow_not_published' as const,
      message: `Flow "${flowId}" (for ${number}) has no published version.`,
      path: ['routes', number],
    }));
}

/** routes.json as the folder store writes it: format tag, date, numbers in order. */
export function routesFileText(table: RoutingTable): string {
  return `${JSON.stringify({ format: ROUTES_FORMAT, updatedAt: table.updatedAt, routes: table.routes }, null, 2)}\n`;
}
