import { describe, expect, it } from 'vitest';
import { printable } from './io.js';
import { formatLocation, formatTextReport, unreadableIssue, type CliIssue } from './report.js';

const issue = (fields: Partial<CliIssue> & Pick<CliIssue, 'code'>): CliIssue => ({
  severity: 'error',
  message: 'Something is wrong.',
  ...fields,
});

describe('formatTextReport', () => {
  it('says a flow without issues is valid, in one line', () => {
    expect(formatTextReport('flow.json', { ok: true, errors: [], warnings: [] })).toEqual([
      'flow.json: valid',
    ]);
  });

  it('counts errors and warnings, errors first, in aligned columns', () => {
    const lines = formatTextReport('flow.json', {
      ok: false,
      errors: [
        issue({ code: 'unknown_entry', path: ['entry'], message: 'The entry is unknown.' }),
        issue({ code: 'invalid_json', message: 'Not JSON.' }),
      ],
      warnings: [
        issue({
          code: 'unwired_port',
          severity: 'warning',
          path: ['nodes', 3],
          nodeId: 'menu',
          message: 'Leads nowhere.',
        }),
      ],
    });
    expect(lines).toEqual([
      'flow.json: 2 errors, 1 warning',
      '  error   unknown_entry  entry                 The entry is unknown.',
      '  error   invalid_json   -                     Not JSON.',
      '  warning unwired_port   nodes[3] (node menu)  Leads nowhere.',
    ]);
  });

  it('does not let one very long location push every message to the right', () => {
    const long = issue({
      code: 'invalid_type',
      path: Array.from({ length: 20 }, () => 'deep'),
      message: 'Long.',
    });
    const short = issue({ code: 'invalid_type', path: ['id'], message: 'Short.' });
    const [, first, second] = formatTextReport('f.json', { ok: false, errors: [long, short], warnings: [] });
    expect(first!.endsWith('  Long.')).toBe(true);
    expect(second!.indexOf('Short.')).toBeLessThan(first!.indexOf('Long.'));
  });

  it('prints text from the document on one line without control characters', () => {
    const lines = formatTextReport('a\nb.json', {
      ok: false,
      errors: [issue({ code: 'unknown_entry', nodeId: 'x\u001b[31m', message: 'Bad\u2028"\u202eid".' })],
      warnings: [],
    });
    expect(lines).toHaveLength(2);
    expect(lines.join('\n')).toBe(
      'a\\u000ab.json: 1 error, 0 warnings\n  error   unknown_entry  (node x\\u001b[31m)  Bad\\u2028"\\u202eid".',
    );
  });
});

describe('formatLocation', () => {
  it('names the path, the edge and the node', () => {
    expect(
      formatLocation(
        issue({ code: 'unknown_port', path: ['edges', 2, 'port'], edgeId: 'e3', nodeId: 'menu' }),
      ),
    ).toBe('edges[2].port (edge e3, node menu)');
    expect(formatLocation(issue({ code: 'forbidden_key', path: ['nodes', 0, '__proto__'] }))).toBe(
      'nodes[0].__proto__',
    );
    expect(formatLocation(issue({ code: 'invalid_type', path: [] }))).toBe('-');
  });
});

describe('unreadableIssue', () => {
  it('describes an unreadable file in each language', () => {
    expect(unreadableIssue('a.json', 'permission_denied', undefined, 'en')).toEqual({
      code: 'file_unreadable',
      severity: 'error',
      message: 'Cannot read the file "a.json": permission denied.',
      params: { file: 'a.json', reason: 'permission_denied' },
    });
    expect(unreadableIssue('a.json', 'io_error', 'EIO', 'fr').message).toBe(
      'Impossible de lire le fichier "a.json" : erreur de lecture (EIO).',
    );
  });
});

describe('printable', () => {
  it('keeps ordinary text, accents and emoji', () => {
    expect(printable('Accueil – Noël 😀')).toBe('Accueil – Noël 😀');
  });

  it('escapes C0 and C1 controls', () => {
    expect(printable('\t\r\u007f\u009b')).toBe('\\u0009\\u000d\\u007f\\u009b');
  });
});
