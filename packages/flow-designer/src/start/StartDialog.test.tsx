import { validateFlow } from '@ringflow/flow-core';
import type { FlowDocument, Locale } from '@ringflow/flow-core';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { EXAMPLES } from '../app/examples.js';
import { LocaleProvider } from '../i18n/i18n.js';
import type { SavedFlow } from '../io/autosave.js';
import { StartDialog } from './StartDialog.js';
import type { StartDialogProps } from './StartDialog.js';

function renderDialog(props: Partial<StartDialogProps> = {}, locale: Locale = 'fr') {
  const onCreate = vi.fn<(flow: FlowDocument, kind: string) => void>();
  const onClose = vi.fn();
  const onOpenDraft = vi.fn<(draft: SavedFlow) => void>();
  const opener = document.createElement('button');
  document.body.append(opener);
  opener.focus();
  const view = render(
    <LocaleProvider locale={locale}>
      <StartDialog
        examples={EXAMPLES}
        onCreate={onCreate}
        onClose={onClose}
        onOpenDraft={onOpenDraft}
        {...props}
      />
    </LocaleProvider>,
  );
  const dialog = screen.getByRole('dialog');
  return { ...view, dialog, onCreate, onClose, onOpenDraft, opener, inDialog: within(dialog) };
}

describe('StartDialog', () => {
  it('is a modal dialog named by its title, focused on the first starting point', () => {
    const { dialog } = renderDialog();
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(screen.getByRole('dialog', { name: 'Nouveau flux' })).toBe(dialog);
    expect(document.activeElement).toBe(
      screen.getByRole('button', { name: 'Remplir le formulaire d’accueil' }),
    );
  });

  it('closes on Escape and gives the focus back', () => {
    const { dialog, onClose, opener, unmount } = renderDialog();
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(onClose).toHaveBeenCalledTimes(1);
    unmount();
    expect(document.activeElement).toBe(opener);
    expect(dialog.isConnected).toBe(false);
    opener.remove();
  });

  it('keeps Tab and Shift+Tab inside', () => {
    const { dialog } = renderDialog();
    const buttons = within(dialog).getAllByRole('button');
    const first = within(dialog).getByRole('button', { name: 'Fermer' });
    const last = buttons.at(-1)!;
    last.focus();
    fireEvent.keyDown(last, { key: 'Tab' });
    expect(document.activeElement).toBe(first);
    fireEvent.keyDown(first, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(last);
  });

  it('creates a blank flow named as typed, submitted with Enter', () => {
    const { inDialog, onCreate } = renderDialog({ takenIds: new Set(['mon-standard']) });
    const name = inDialog.getByLabelText('Nom du nouveau flux');
    fireEvent.change(name, { target: { value: 'Mon standard' } });
    fireEvent.submit(name);
    const [flow, kind] = onCreate.mock.lastCall!;
    expect(kind).toBe('blank');
    expect(flow).toMatchObject({
      id: 'mon-standard-2',
      name: 'Mon standard',
      timezone: 'Europe/Paris',
      nodes: [],
    });
    // A blank flow parses; its only error is the entry that the first node added will fill.
    const report = validateFlow(flow);
    expect(report.errors.map((e) => e.code)).toEqual(['unknown_entry']);
    expect(report.warnings).toEqual([]);
  });

  it('copies an example under a new id and name', () => {
    const { inDialog, onCreate } = renderDialog();
    fireEvent.click(inDialog.getByRole('button', { name: 'Partir de « Greeting – Immobilière des Quais »' }));
    const [flow, kind] = onCreate.mock.lastCall!;
    const example = EXAMPLES.find((e) => e.folder === 'onoff-greeting')!.flow;
    expect(kind).toBe('example');
    expect(flow.id).toBe('onoff-greeting-copie');
    expect(flow.name).toBe('Greeting – Immobilière des Quais (copie)');
    expect(flow.nodes).toEqual(example.nodes);
    expect(validateFlow(flow).ok).toBe(true);
  });

  it('opens the greeting form, and goes back', async () => {
    const { dialog, inDialog } = renderDialog();
    fireEvent.click(inDialog.getByRole('button', { name: 'Remplir le formulaire d’accueil' }));
    expect(screen.getByRole('dialog', { name: 'Accueil téléphonique' })).toBe(dialog);
    const name = await inDialog.findByLabelText('Nom du flux');
    await waitFor(() => expect(document.activeElement).toBe(name));
    fireEvent.click(inDialog.getByRole('button', { name: 'Retour' }));
    expect(document.activeElement).toBe(
      inDialog.getByRole('button', { name: 'Remplir le formulaire d’accueil' }),
    );
  });

  it('creates a greeting flow from the form, with the users of the open flow on offer', async () => {
    const open = EXAMPLES.find((e) => e.folder === 'onoff-greeting')!.flow;
    const { inDialog, onCreate } = renderDialog({ currentFlow: open, initialStep: 'greeting' });
    fireEvent.click(await inDialog.findByLabelText('Léa Fontaine'));
    fireEvent.click(inDialog.getByRole('button', { name: 'Créer le flux' }));
    const [flow, kind] = onCreate.mock.lastCall!;
    expect(kind).toBe('greeting');
    expect(flow.agents).toEqual([{ id: 'lea', name: 'Léa Fontaine', number: '+33639980101' }]);
    const report = validateFlow(flow);
    expect([...report.errors, ...report.warnings]).toEqual([]);
  });

  it('offers the drafts saved in this browser', () => {
    const draft: SavedFlow = {
      id: 'brouillon',
      name: 'Mon brouillon',
      savedAt: '2026-03-01T09:05:00Z',
      flow: { ...EXAMPLES[0]!.flow, id: 'brouillon', name: 'Mon brouillon' },
    };
    const { inDialog, onOpenDraft } = renderDialog({ drafts: [draft] }, 'en');
    fireEvent.click(inDialog.getByRole('button', { name: /^Open “Mon brouillon”, saved on / }));
    expect(onOpenDraft).toHaveBeenCalledWith(draft);
  });

  it('speaks English', () => {
    const { inDialog } = renderDialog({}, 'en');
    expect(screen.getByRole('dialog', { name: 'New flow' })).toBeTruthy();
    expect(inDialog.getByRole('button', { name: 'Create a blank flow' })).toBeTruthy();
  });
});
