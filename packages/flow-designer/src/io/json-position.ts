import type { JsonPath } from '@ringflow/flow-core';

/** A place in a text, as editors show it: lines and columns counted from 1. */
export interface TextPosition {
  readonly line: number;
  readonly column: number;
}

/** The line and column of offset `at` in `text`. */
export function positionAt(text: string, at: number): TextPosition {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < at && i < text.length; i++) {
    if (text.charCodeAt(i) === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: at - lineStart + 1 };
}

/**
 * Where the value at `path` is written in the JSON `text`: the position of its key for a member of
 * an object, of the value itself for an item of an array. When the path goes further than the text
 * (a required field that is missing), the position of the deepest part that exists. Undefined when
 * the text is not JSON that can be walked to the path's first step.
 *
 * Meant for text that flow-core has read (valid JSON, nesting bounded): it finds a place for a
 * problem flow-core reported by path, so that a person can go to it in an editor.
 */
export function locateJsonPath(text: string, path: JsonPath): TextPosition | undefined {
  let pos = 0;
  const space = () => {
    while (pos < text.length && ' \t\r\n'.includes(text[pos]!)) pos++;
  };
  const skipString = (): boolean => {
    // At the opening quote.
    pos++;
    while (pos < text.length) {
      const c = text[pos];
      if (c === '\\') pos += 2;
      else if (c === '"') {
        pos++;
        return true;
      } else pos++;
    }
    return false;
  };
  const skipValue = (): boolean => {
    const c = text[pos];
    if (c === '"') return skipString();
    if (c === '{' || c === '[') {
      let depth = 0;
      while (pos < text.length) {
        const d = text[pos];
        if (d === '"') {
          if (!skipString()) return false;
          continue;
        }
        if (d === '{' || d === '[') depth++;
        else if (d === '}' || d === ']') {
          depth--;
          if (depth === 0) {
            pos++;
            return true;
          }
        }
        pos++;
      }
      return false;
    }
    const start = pos;
    while (pos < text.length && !',]} \t\r\n'.includes(text[pos]!)) pos++;
    return pos > start;
  };

  space();
  if (pos >= text.length) return undefined;
  let found = pos;
  for (const step of path) {
    const c = text[pos];
    if (c === '{' && typeof step === 'string') {
      pos++;
      let hit = false;
      for (;;) {
        space();
        if (text[pos] !== '"') break;
        const keyStart = pos;
        if (!skipString()) return positionAt(text, found);
        let key: unknown;
        try {
          key = JSON.parse(text.slice(keyStart, pos));
        } catch {
          return positionAt(text, found);
        }
        space();
        if (text[pos] !== ':') break;
        pos++;
        space();
        if (key === step) {
          found = keyStart;
          hit = true;
          break;
        }
        if (!skipValue()) return positionAt(text, found);
        space();
        if (text[pos] !== ',') break;
        pos++;
      }
      if (!hit) return positionAt(text, found);
    } else if (c === '[' && typeof step === 'number') {
      pos++;
      space();
      if (text[pos] === ']') return positionAt(text, found);
      for (let index = 0; index < step; index++) {
        if (!skipValue()) return positionAt(text, found);
        space();
        if (text[pos] !== ',') return positionAt(text, found);
        pos++;
        space();
      }
      found = pos;
    } else {
      return positionAt(text, found);
    }
  }
  return positionAt(text, found);
}
