import { fireEvent, render, screen } from '@testing-library/react';
import axe from 'axe-core';
import { describe, expect, it, vi } from 'vitest';
import { EXAMPLES } from '../app/examples.js';
import { LocaleProvider } from '../i18n/i18n.js';
import { importFlowText } from '../io/import.js';
import { ImportProblems } from '../io/ImportProblems.js';
import { RecoveryBanner } from '../io/RecoveryBanner.js';
import { StartDialog } from './StartDialog.js';

/** axe-core's violations in `element`, as "rule: target" lines (jsdom has no layout: no contrast check). */
async function violations(element: HTMLElement): Promise<string[]> {
  const results = await axe.run(element, { rules: { 'color-contrast': { enabled: false } } });
  return results.violations.flatMap((v) => v.nodes.map((node) => `${v.id}: ${node.target.join(' ')}`));
}

const onoff = EXAMPLES.find((e) => e.folder === 'onoff-greeting')!.flow;
const draft = { id: 'brouillon', name: 'Brouillon', savedAt: '2026-03-01T09:00:00Z', flow: onoff };

describe('starting points, import and recovery accessibility (axe-core)', { timeout: 30_000 }, () => {
  it('has no violations in the start dialog', async () => {
    const { container } = render(
      <LocaleProvider locale="fr">
        <StartDialog
          examples={EXAMPLES}
          drafts={[draft]}
          onCreate={vi.fn()}
          onOpenDraft={vi.fn()}
          onClose={vi.fn()}
        />
      </LocaleProvider>,
    );
    expect(await violations(container)).toEqual([]);
  });

  it('has no violations in the greeting form, with users of the open flow and with problems shown', async () => {
    const { container } = render(
      <LocaleProvider locale="fr">
        <StartDialog
          examples={EXAMPLES}
          currentFlow={onoff}
          initialStep="greeting"
          onCreate={vi.fn()}
          onClose={vi.fn()}
        />
      </LocaleProvider>,
    );
    fireEvent.click(await screen.findByLabelText('Hugo Mercier'));
    fireEvent.click(screen.getByRole('button', { name: 'Ajouter un utilisateur' }));
    fireEvent.change(screen.getByLabelText('Poste de l’utilisateur 2 (facultatif)'), {
      target: { value: '1' },
    });
    fireEvent.click(screen.getByLabelText('Transférer vers un collaborateur d’astreinte'));
    fireEvent.click(screen.getByRole('button', { name: 'Créer le flux' }));
    expect(screen.getByRole('alert')).toBeTruthy();
    expect(await violations(container)).toEqual([]);
  });

  it('has no violations in the import problems dialog and the recovery banner', async () => {
    const result = importFlowText('{"format": "ringflow.flow/v1", "id": 4}', 'fr');
    const { container } = render(
      <LocaleProvider locale="fr">
        <RecoveryBanner saved={draft} onRecover={vi.fn()} onDiscard={vi.fn()} />
        <ImportProblems
          fileName="x.json"
          problems={result.ok ? [] : result.problems}
          onClose={vi.fn()}
          onChooseAnother={vi.fn()}
        />
      </LocaleProvider>,
    );
    expect(result.ok).toBe(false);
    expect(await violations(container)).toEqual([]);
  });
});
