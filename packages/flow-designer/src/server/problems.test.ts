import { describe, expect, it } from 'vitest';
import type { ServerProblem } from './api-client.js';
import { createServerTranslator } from './i18n.js';
import { describeProblem, issueMessage } from './problems.js';

const problem = (kind: ServerProblem['kind'], code: string | null = null, errors = 0): ServerProblem => ({
  kind,
  status: null,
  code,
  message: 'server words',
  errors: Array.from({ length: errors }, () => ({ code: 'x', message: 'x' })),
  warnings: [],
  details: undefined,
  requestId: null,
});

describe('server problems in the admin’s words', () => {
  it('explains each kind of failure, in French and English', () => {
    const fr = createServerTranslator('fr');
    const en = createServerTranslator('en');
    const url = 'http://127.0.0.1:8300';
    expect(describeProblem(problem('network'), fr, url)).toContain('Impossible de joindre 127.0.0.1:8300');
    expect(describeProblem(problem('network'), en, url)).toContain('--cors-origin');
    expect(describeProblem(problem('unauthorized'), en, url)).toContain('refuses this token');
    expect(describeProblem(problem('notFound', 'draft_not_found'), fr, url)).toBe(
      'Ce flux n’a pas de brouillon sur le serveur.',
    );
    expect(describeProblem(problem('invalid', 'flow_invalid', 2), fr, url)).toContain('2 erreur(s)');
    expect(describeProblem(problem('unavailable', 'shutting_down'), en, url)).toContain('shutting down');
    expect(describeProblem(problem('badResponse'), en, url)).toContain('not a ringflow server');
  });

  it('words the server’s validation issues with flow-core, in the designer’s language', () => {
    const issue = {
      code: 'edge_unknown_target',
      severity: 'error' as const,
      message: 'Edge "e1" leads to "nowhere", which is not a node.',
      params: { edgeId: 'e1', node: 'nowhere' },
    };
    const french = issueMessage(issue, 'fr');
    expect(french).not.toBe(issue.message);
    expect(french).toContain('nowhere');
    // A code flow-core does not know, or parameters missing: the server's own words.
    expect(issueMessage({ code: 'flow_not_published', message: 'Not published.' }, 'fr')).toBe(
      'Not published.',
    );
    expect(issueMessage({ code: 'edge_unknown_target', message: 'As sent.' }, 'fr')).toBe('As sent.');
  });
});
