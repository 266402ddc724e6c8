import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ALL_ISSUE_CODES } from '@ringflow/flow-core';
import { describe, expect, it } from 'vitest';
import { renderAllNodeDocs } from '../scripts/node-docs.js';

const root = resolve(import.meta.dirname, '..');

function markdownFiles(folder: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(folder)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    const path = join(folder, entry);
    if (statSync(path).isDirectory()) out.push(...markdownFiles(path));
    else if (entry.endsWith('.md')) out.push(path);
  }
  return out;
}

describe('generated node reference', () => {
  it('docs/nodes matches the registry (run `npm run docs:nodes` when this fails)', () => {
    const folder = join(root, 'docs', 'nodes');
    const pages = renderAllNodeDocs();
    expect(readdirSync(folder).sort()).toEqual([...pages.keys()].sort());
    for (const [file, text] of pages) {
      expect(readFileSync(join(folder, file), 'utf8'), `docs/nodes/${file} is stale`).toBe(text);
    }
  });
});

describe('docs/errors.md', () => {
  const text = readFileSync(join(root, 'docs', 'errors.md'), 'utf8');
  it.each(ALL_ISSUE_CODES)('documents %s with a heading and an example', (code) => {
    const section = text.split(/^## /m).find((part) => part.startsWith(`\`${code}\``));
    expect(section, `no "## \`${code}\`" section`).toBeDefined();
    expect(section).toContain('```');
  });
});

describe('links in Markdown files', () => {
  const files = [
    join(root, 'README.md'),
    ...markdownFiles(join(root, 'docs')),
    ...markdownFiles(join(root, 'examples')),
  ];
  it.each(files.map((f) => [f.slice(root.length + 1), f]))('%s links to files that exist', (_name, file) => {
    const text = readFileSync(file, 'utf8');
    const broken: string[] = [];
    for (const match of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = match[1]!.split('#')[0]!;
      if (target === '' || /^[a-z]+:/i.test(target)) continue;
      if (!existsSync(resolve(dirname(file), target))) broken.push(target);
    }
    expect(broken).toEqual([]);
  });
});
