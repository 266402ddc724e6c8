import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderAllNodeDocs } from './node-docs.js';

// Writes docs/nodes/ from the registry, removing pages of kinds that no longer exist.
const folder = join(import.meta.dirname, '..', 'docs', 'nodes');
mkdirSync(folder, { recursive: true });
const pages = renderAllNodeDocs();
for (const file of readdirSync(folder)) if (!pages.has(file)) rmSync(join(folder, file));
for (const [file, text] of pages) writeFileSync(join(folder, file), text);
process.stdout.write(`docs/nodes: ${pages.size} pages written\n`);
