import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanJsonText } from './json-text.js';

const syntaxError = (text: string) => scanJsonText(text, 1000).find((f) => f.kind === 'syntax');

describe('scanJsonText', () => {
  it('accepts what JSON.parse accepts and refuses what it refuses', () => {
    fc.assert(
      fc.property(
        fc.json({ maxDepth: 6 }),
        fc.nat(),
        fc.constantFrom('', ',', '}', ']', '"', ':', '\u0001', 'x'),
        (json, at, insert) => {
          const text = json.slice(0, at % (json.length + 1)) + insert + json.slice(at % (json.length + 1));
          let parses = true;
          try {
            JSON.parse(text);
          } catch {
            parses = false;
          }
          expect(syntaxError(text) === undefined).toBe(parses);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('locates a syntax error by line and column', () => {
    expect(syntaxError('{\n  "a": 1,\n  "b" 2\n}')).toMatchObject({ line: 3, column: 7 });
    expect(syntaxError('')).toMatchObject({ detail: 'unexpected end of text' });
    expect(syntaxError('[1, 2,]')).toMatchObject({ detail: 'trailing comma' });
  });

  it('finds duplicate keys with the path of their object', () => {
    const findings = scanJsonText('{"a": {"x": 1, "y": [{"k": 1, "k": 2}]}, "a": 3}', 64);
    expect(findings).toEqual([
      { kind: 'duplicateKey', key: 'k', line: 1, path: ['a', 'y', 0] },
      { kind: 'duplicateKey', key: 'a', line: 1, path: [] },
    ]);
  });

  it('decodes escaped keys before checking them', () => {
    expect(scanJsonText('{"\\u005f_proto__": {}}', 64)).toMatchObject([
      { kind: 'forbiddenKey', key: '__proto__' },
    ]);
  });

  it('stops at the depth limit without recursion', () => {
    expect(scanJsonText('['.repeat(1_000_000), 64)).toMatchObject([{ kind: 'tooDeep' }]);
    expect(scanJsonText(`${'['.repeat(64)}${']'.repeat(64)}`, 64)).toEqual([]);
  });
});
