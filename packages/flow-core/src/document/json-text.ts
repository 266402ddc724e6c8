/**
 * A strict scanner for JSON text. `JSON.parse` silently keeps the last of two equal keys and says
 * little about where a mistake is; this scanner finds syntax errors with their line and column,
 * duplicate keys, forbidden keys and excessive nesting before the text is parsed. It is iterative,
 * so hostile nesting cannot overflow the stack.
 */

/** Keys that could reach an object's prototype when copied; refused everywhere in a document. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export type ScanPath = Array<string | number>;

export type ScanFinding =
  | { kind: 'syntax'; line: number; column: number; detail: string }
  | { kind: 'tooDeep'; line: number; column: number; path: ScanPath }
  | { kind: 'duplicateKey'; key: string; line: number; path: ScanPath }
  | { kind: 'forbiddenKey'; key: string; line: number; path: ScanPath };

interface Frame {
  readonly type: 'object' | 'array';
  readonly keys: Set<string> | undefined;
  index: number;
  key: string | undefined;
}

/**
 * Scans `text` as one JSON value. Returns every duplicate or forbidden key found, or the first
 * syntax or nesting problem (after which the rest of the text cannot be read reliably).
 */
export function scanJsonText(text: string, maxDepth: number): ScanFinding[] {
  const findings: ScanFinding[] = [];
  const stack: Frame[] = [];
  let pos = 0;
  let line = 1;
  let lineStart = 0;

  const fail = (detail: string, at = pos): ScanFinding[] => {
    findings.push({ kind: 'syntax', line, column: at - lineStart + 1, detail });
    return findings;
  };
  const skipSpace = () => {
    while (pos < text.length) {
      const c = text.charCodeAt(pos);
      if (c === 0x0a) {
        line++;
        lineStart = pos + 1;
      } else if (c !== 0x20 && c !== 0x09 && c !== 0x0d) break;
      pos++;
    }
  };
  const path = (): ScanPath => stack.map((f) => (f.type === 'array' ? f.index : (f.key ?? '')));
  // Reads a string starting at the opening quote; returns its end (after the closing quote) or -1.
  const readString = (): number => {
    let i = pos + 1;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 0x22) return i + 1;
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return -1;
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else return -1;
      } else if (c < 0x20) return -1;
      else i++;
    }
    return -1;
  };
  const describe = (at: number) =>
    at >= text.length ? 'unexpected end of text' : `unexpected character ${JSON.stringify(text[at])}`;

  skipSpace();
  // `expectValue` is true where a value must come next; otherwise a comma or a closing bracket.
  let expectValue = true;
  for (;;) {
    skipSpace();
    if (expectValue) {
      const frame = stack[stack.length - 1];
      const c = text[pos];
      if (frame?.type === 'object' && frame.key === undefined) {
        // An object key, or the end of an empty object.
        if (c === '}' && frame.keys!.size === 0) {
          stack.pop();
          pos++;
          expectValue = false;
          if (stack.length === 0) break;
          continue;
        }
        if (c !== '"')
          return fail(c === undefined ? 'unexpected end of text' : 'expected a key in double quotes');
        const end = readString();
        if (end < 0) return fail('malformed string');
        const key = JSON.parse(text.slice(pos, end)) as string;
        pos = end;
        skipSpace();
        if (text[pos] !== ':') return fail('expected ":" after a key');
        pos++;
        frame.key = key;
        if (FORBIDDEN_KEYS.has(key)) findings.push({ kind: 'forbiddenKey', key, line, path: path() });
        if (frame.keys!.has(key))
          findings.push({ kind: 'duplicateKey', key, line, path: path().slice(0, -1) });
        frame.keys!.add(key);
        continue;
      }
      if (c === '{' || c === '[') {
        if (stack.length >= maxDepth) {
          findings.push({ kind: 'tooDeep', line, column: pos - lineStart + 1, path: path() });
          return findings;
        }
        stack.push({
          type: c === '{' ? 'object' : 'array',
          keys: c === '{' ? new Set() : undefined,
          index: 0,
          key: undefined,
        });
        pos++;
        skipSpace();
        if (c === '[' && text[pos] === ']') {
          stack.pop();
          pos++;
          expectValue = false;
          if (stack.length === 0) break;
        }
        continue;
      }
      if (c === '"') {
        const end = readString();
        if (end < 0) return fail('malformed string');
        pos = end;
      } else {
        const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(
          text.slice(pos, pos + 400),
        );
        if (m === null) return fail(describe(pos));
        pos += m[0].length;
      }
      expectValue = false;
      if (stack.length === 0) break;
      continue;
    }
    const frame = stack[stack.length - 1]!;
    const c = text[pos];
    if (c === ',') {
      pos++;
      if (frame.type === 'array') frame.index++;
      else frame.key = undefined;
      expectValue = true;
      skipSpace();
      if (text[pos] === ']' || text[pos] === '}') return fail('trailing comma');
      continue;
    }
    if ((c === ']' && frame.type === 'array') || (c === '}' && frame.type === 'object')) {
      stack.pop();
      pos++;
      if (stack.length === 0) break;
      continue;
    }
    return fail(
      c === undefined ? 'unexpected end of text' : `expected "," or "${frame.type === 'array' ? ']' : '}'}"`,
    );
  }
  skipSpace();
  if (pos < text.length) return fail('unexpected text after the end of the document');
  return findings;
}
