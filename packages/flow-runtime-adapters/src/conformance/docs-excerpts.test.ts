import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/*
 * The code the runtime and adapter docs quote is taken from compiled, tested examples: a block after
 * `<!-- excerpt: <path> -->` must appear in that file (whitespace aside, since prettier reflows
 * code in Markdown), so the docs cannot drift from the code.
 */

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const DOCS = ['docs/runtime.md', 'docs/adapters/writing-an-adapter.md'];
const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

function excerpts(doc: string): Array<{ file: string; code: string }> {
  const text = readFileSync(`${root}${doc}`, 'utf8');
  return [...text.matchAll(/<!-- excerpt: (\S+) -->\s*```\w*\n([\s\S]*?)```/g)].map((match) => ({
    file: match[1]!,
    code: match[2]!,
  }));
}

describe.each(DOCS)('%s', (doc) => {
  const found = excerpts(doc);

  it('quotes code from the examples', () => {
    expect(found.length).toBeGreaterThan(0);
  });

  it.each(found.map((excerpt, index) => [index + 1, excerpt.file, excerpt.code]))(
    'excerpt %i is in %s',
    (_index, file, code) => {
      expect(squash(readFileSync(`${root}${file}`, 'utf8'))).toContain(squash(code));
    },
  );
});
