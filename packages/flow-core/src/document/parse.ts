import { z } from 'zod';
import type { Locale } from '../i18n/locale.js';
import { getNodeKind, NODE_KIND_IDS } from '../nodes/registry.js';
import { IssueList, type FlowIssue } from '../validation/issue.js';
import { guardJsonValue } from './guard.js';
import { describeType } from './describe.js';
import { scanJsonText, type ScanPath } from './json-text.js';
import {
  edgeSchema,
  FLOW_LIMITS,
  flowEnvelopeSchema,
  nodeEnvelopeSchema,
  type FlowDocument,
} from './schema.js';
import { reportZodIssues, valueAt } from './zod-issues.js';

/** Options of parseFlow and parseFlowText. */
export interface ParseOptions {
  /** Language of issue messages. Default `en`. */
  readonly locale?: Locale;
  /**
   * Deep-freezes the document returned on success. Validating a frozen document again (validateFlow,
   * after each edit in an editor built on immer) does not parse again the nodes, configs and edges it
   * holds. Default false: the document returned can be changed in place.
   */
  readonly freeze?: boolean;
}

/** Either the typed document, or every issue that stops it from being one. */
export type ParseResult =
  | { readonly ok: true; readonly flow: FlowDocument; readonly issues: readonly [] }
  | { readonly ok: false; readonly flow?: undefined; readonly issues: readonly FlowIssue[] };

// Generous for a 10 MB document, small enough to bound the walk of a hostile one.
const MAX_VALUES = 2_000_000;

function failure(list: IssueList): ParseResult {
  return { ok: false, issues: list.issues };
}

/** The length of `text` encoded as UTF-8, without encoding it. */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** The start of a very deep path: enough to find the place, short enough to read. */
function shortPath<T>(path: readonly T[]): T[] {
  return path.slice(0, 8);
}

const SYNTAX_DETAILS_FR: Record<string, string> = {
  'unexpected end of text': 'fin de texte inattendue',
  'expected a key in double quotes': 'une clé entre guillemets doubles est attendue',
  'malformed string': 'chaîne de caractères mal formée',
  'expected ":" after a key': '":" attendu après une clé',
  'trailing comma': 'virgule en trop',
  'expected "," or "]"': '"," ou "]" attendu',
  'expected "," or "}"': '"," ou "}" attendu',
  'unexpected text after the end of the document': 'texte inattendu après la fin du document',
};

/** The French version of a JSON syntax error detail. */
function syntaxDetailFr(detail: string): string {
  if (detail.startsWith('unexpected character ')) return `caractère inattendu ${detail.slice(21)}`;
  return SYNTAX_DETAILS_FR[detail] ?? detail;
}

function humanSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}

/**
 * Checks a flow document given as a value (for example from `JSON.parse`) against the
 * `ringflow.flow/v1` schema and the config schema of each node's kind, and applies defaults.
 * Never throws on bad input: every problem is returned as an issue with a code and a path.
 *
 * @example
 * const result = parseFlow(JSON.parse(text));
 * if (result.ok) console.log(result.flow.nodes.length);
 * else for (const issue of result.issues) console.error(issue.code, issue.message);
 */
export function parseFlow(input: unknown, options: ParseOptions = {}): ParseResult {
  if (typeof input === 'object' && input !== null && parsedDocuments.has(input))
    return { ok: true, flow: input as FlowDocument, issues: [] };
  // Every object of the schema is strict, record keys have patterns and no schema is recursive, so a
  // document that parses holds no forbidden key, no foreign value and no deep nesting. The guard
  // walk is needed only to explain a failure in those terms, and runs only then.
  const parsed = parseShape(input, new IssueList(options.locale));
  if (parsed.ok) {
    if (options.freeze === true) freezeParsed(parsed.flow);
    return parsed;
  }
  const guarded = new IssueList(options.locale);
  reportGuardFindings(input, guarded);
  return guarded.issues.length > 0 ? failure(guarded) : parsed;
}

function reportGuardFindings(input: unknown, list: IssueList): void {
  for (const finding of guardJsonValue(input, FLOW_LIMITS.maxDepth, MAX_VALUES)) {
    if (finding.kind === 'tooDeep')
      list.add('too_deeply_nested', {
        path: shortPath(finding.path),
        params: { limit: FLOW_LIMITS.maxDepth },
      });
    else if (finding.kind === 'tooLarge')
      list.add('document_too_large', {
        params: { size: `${finding.count} values`, limit: `${MAX_VALUES} values` },
      });
    else if (finding.kind === 'forbiddenKey')
      list.add('forbidden_key', { path: finding.path, params: { key: finding.key } });
    else {
      const expected = list.locale === 'fr' ? 'une valeur JSON' : 'a JSON value';
      const received = describeType(finding.type, list.locale);
      list.add('invalid_type', { path: finding.path, params: { expected, received } });
    }
  }
}

// Parses of frozen objects (node configs, node and edge envelopes), by object and schema. An editor built on immer (the
// designer) freezes every document it makes and keeps the nodes an edit did not touch identical, so
// validating after an edit parses only the configs that changed. A frozen object cannot change, so
// the cached result stays true; objects that are not frozen are parsed every time.
const cachedParses = new WeakMap<object, Map<z.ZodType, z.ZodSafeParseResult<unknown>>>();

function parseCached(schema: z.ZodType, raw: unknown): z.ZodSafeParseResult<unknown> {
  if (typeof raw !== 'object' || raw === null || !Object.isFrozen(raw)) return schema.safeParse(raw);
  let bySchema = cachedParses.get(raw);
  if (bySchema === undefined) cachedParses.set(raw, (bySchema = new Map()));
  let result = bySchema.get(schema);
  if (result === undefined) bySchema.set(schema, (result = schema.safeParse(raw)));
  return result;
}

/** Records a successful parse of `value` (frozen) by `schema`: `value` is what the parse gives. */
function rememberParsed(schema: z.ZodType, value: object): void {
  let bySchema = cachedParses.get(value);
  if (bySchema === undefined) cachedParses.set(value, (bySchema = new Map()));
  bySchema.set(schema, { success: true, data: value } as z.ZodSafeParseResult<unknown>);
}

// Documents parseFlow returned frozen: parsing one again gives the document itself.
const parsedDocuments = new WeakSet<object>();

function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
}

/**
 * Freezes a document parseShape returned and records it, its nodes, configs and edges as parsed: they
 * are the output of their schemas, and parsing an output again gives the same value (the schemas
 * only fill defaults and order menu keys), so the next parse of the document (the first validation
 * of a document just opened) returns at once, and that of an edited copy finds the parts the edit
 * kept in the cache.
 */
function freezeParsed(flow: FlowDocument): void {
  deepFreeze(flow);
  parsedDocuments.add(flow);
  for (const node of flow.nodes) {
    const kind = getNodeKind(node.kind);
    if (kind !== undefined && typeof node.config === 'object') rememberParsed(kind.config, node.config);
    rememberParsed(nodeEnvelopeSchema, node);
  }
  for (const edge of flow.edges) rememberParsed(edgeSchema, edge);
}

// The document without its nodes and edges, which parseEnvelopeFast parses one by one.
const shellSchema = flowEnvelopeSchema.extend({
  nodes: z.array(z.unknown()).max(FLOW_LIMITS.maxNodes).default([]),
  edges: z.array(z.unknown()).max(FLOW_LIMITS.maxEdges).default([]),
});

type EnvelopeResult = ReturnType<typeof flowEnvelopeSchema.safeParse>;

/**
 * The envelope of a frozen document that parses, from the document's own fields and each node's and
 * edge's (cached) parse: the same data as the whole schema gives, without parsing again the nodes and
 * edges an edit did not touch. Undefined when the document is not frozen or anything fails: the whole
 * schema then runs, and reports every problem in its usual order.
 */
function parseEnvelopeFast(input: unknown): EnvelopeResult | undefined {
  if (typeof input !== 'object' || input === null || !Object.isFrozen(input)) return undefined;
  const shell = shellSchema.safeParse(input);
  if (!shell.success) return undefined;
  const nodes: unknown[] = [];
  for (const raw of shell.data.nodes) {
    const node = parseCached(nodeEnvelopeSchema, raw);
    if (!node.success) return undefined;
    nodes.push(node.data);
  }
  const edges: unknown[] = [];
  for (const raw of shell.data.edges) {
    const edge = parseCached(edgeSchema, raw);
    if (!edge.success) return undefined;
    edges.push(edge.data);
  }
  return { success: true, data: { ...shell.data, nodes, edges } } as EnvelopeResult;
}

/** The document schema, then each node's config by the schema of its kind. */
function parseShape(input: unknown, list: IssueList): ParseResult {
  const envelope = parseEnvelopeFast(input) ?? flowEnvelopeSchema.safeParse(input);
  if (!envelope.success) {
    const format = valueAt(input, ['format']);
    const wrongFormat = envelope.error.issues.find(
      (i) => i.path.length === 1 && i.path[0] === 'format' && format !== undefined,
    );
    // A document of another format is not checked field by field against this one.
    reportZodIssues(wrongFormat ? [wrongFormat] : envelope.error.issues, input, [], list);
    if (wrongFormat) return failure(list);
  }

  // Each node's config is checked by the schema of its own kind.
  const rawNodes = valueAt(input, ['nodes']);
  const parsedNodes = envelope.success ? envelope.data.nodes : [];
  const nodes: unknown[] = [];
  if (Array.isArray(rawNodes)) {
    rawNodes.forEach((raw: unknown, index) => {
      const kindName = valueAt(raw, ['kind']);
      const nodeId = valueAt(raw, ['id']);
      const context = typeof nodeId === 'string' ? { nodeId } : {};
      if (typeof kindName !== 'string') return;
      const kind = getNodeKind(kindName);
      if (kind === undefined) {
        list.add('unknown_kind', {
          path: ['nodes', index, 'kind'],
          ...context,
          params: { kind: kindName, known: NODE_KIND_IDS.join(', ') },
        });
        return;
      }
      const rawConfig = valueAt(raw, ['config']) ?? {};
      const config = parseCached(kind.config, rawConfig);
      if (!config.success)
        reportZodIssues(config.error.issues, rawConfig, ['nodes', index, 'config'], list, context);
      else if (envelope.success) nodes.push({ ...parsedNodes[index]!, config: config.data });
    });
  }
  if (!envelope.success || list.issues.length > 0) return failure(list);
  return { ok: true, flow: { ...envelope.data, nodes } as FlowDocument, issues: [] };
}

/**
 * Parses a flow document from its JSON text: refuses oversized text, reports syntax errors with
 * their line and column, duplicate keys (a menu key offered twice is `menu_duplicate_digit`),
 * forbidden keys and excessive nesting, then checks the document as `parseFlow` does.
 */
export function parseFlowText(text: string, options: ParseOptions = {}): ParseResult {
  const list = new IssueList(options.locale);
  const read = readJsonText(text, list);
  return read.ok ? parseFlow(read.value, options) : failure(list);
}

/**
 * Reads JSON text with the checks every ringflow document gets: size, syntax with line and column,
 * nesting, forbidden and duplicate keys (a menu key offered twice is `menu_duplicate_digit`).
 * Reports into `list`; returns the value only when the text is clean.
 */
export function readJsonText(text: string, list: IssueList): { ok: true; value: unknown } | { ok: false } {
  // Every UTF-16 unit takes at most 3 bytes of UTF-8: short texts need no exact count.
  const bytes = text.length <= FLOW_LIMITS.maxBytes / 3 ? text.length : utf8Length(text);
  if (bytes > FLOW_LIMITS.maxBytes) {
    list.add('document_too_large', {
      params: { size: humanSize(bytes), limit: humanSize(FLOW_LIMITS.maxBytes) },
    });
    return { ok: false };
  }
  const findings = scanJsonText(text, FLOW_LIMITS.maxDepth);
  const syntax = findings.find((f) => f.kind === 'syntax');
  if (syntax?.kind === 'syntax') {
    const detail = list.locale === 'fr' ? syntaxDetailFr(syntax.detail) : syntax.detail;
    list.add('invalid_json', { params: { line: syntax.line, column: syntax.column, detail } });
    return { ok: false };
  }
  const deep = findings.find((f) => f.kind === 'tooDeep');
  if (deep?.kind === 'tooDeep') {
    list.add('too_deeply_nested', {
      path: shortPath(deep.path),
      params: { limit: FLOW_LIMITS.maxDepth, line: deep.line },
    });
    return { ok: false };
  }
  const value: unknown = JSON.parse(text);
  const forbidden: ScanPath[] = [];
  for (const finding of findings) {
    if (finding.kind === 'forbiddenKey') {
      // A forbidden key inside the value of another one is the same mistake.
      if (forbidden.some((outer) => outer.every((part, i) => finding.path[i] === part))) continue;
      forbidden.push(finding.path);
      list.add('forbidden_key', { path: finding.path, params: { key: finding.key, line: finding.line } });
    } else if (finding.kind === 'duplicateKey') {
      const [top, index, config, options] = finding.path;
      const isMenuOption =
        top === 'nodes' &&
        typeof index === 'number' &&
        config === 'config' &&
        options === 'options' &&
        finding.path.length === 4;
      const nodeId = isMenuOption ? valueAt(value, ['nodes', index, 'id']) : undefined;
      if (isMenuOption && valueAt(value, ['nodes', index, 'kind']) === 'menu') {
        list.add('menu_duplicate_digit', {
          path: [...finding.path, finding.key],
          ...(typeof nodeId === 'string' ? { nodeId } : {}),
          params: { digit: finding.key, nodeId: typeof nodeId === 'string' ? nodeId : '' },
        });
      } else {
        list.add('duplicate_key', {
          path: [...finding.path, finding.key],
          params: { key: finding.key, line: finding.line },
        });
      }
    }
  }
  return list.issues.length > 0 ? { ok: false } : { ok: true, value };
}
