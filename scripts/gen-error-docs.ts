import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_ISSUE_CODES } from '@ringflow/flow-core';
import { renderErrorsDoc } from './error-docs.js';

// Writes docs/errors.md from the issue code table, the explanations and the fixtures' real output.
const folder = join(import.meta.dirname, '..', 'docs');
mkdirSync(folder, { recursive: true });
writeFileSync(join(folder, 'errors.md'), renderErrorsDoc());
process.stdout.write(`docs/errors.md: ${ALL_ISSUE_CODES.length} codes written\n`);
