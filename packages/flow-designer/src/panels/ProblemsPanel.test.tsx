import { fireEvent } from '@testing-library/react';
import { produce } from 'immer';
import { describe, expect, it } from 'vitest';
import { exampleFlow } from '../../test/fixtures.js';
import { canvasNode, renderDesigner, sidePanel } from '../../test/render.js';

// The onoff-greeting example with its ring group also ringing an agent the flow does not define.
const broken = produce(exampleFlow('onoff-greeting'), (draft) => {
  const ring = draft.nodes.find((n) => n.id === 'boucle-appel')!;
  if (ring.kind === 'ringGroup') ring.config.members.push({ agent: 'fantome' });
});

describe('validation in the designer', () => {
  it('shows an unknown agent as an error badge on its node and in the Problems panel, in French', async () => {
    const { container } = renderDesigner(broken);
    const node = canvasNode(container, 'boucle-appel');
    expect(node.getByLabelText('1 erreur(s)')).toBeTruthy();
    expect(node.getByText('Agent inconnu : fantome')).toBeTruthy();
    expect(canvasNode(container, 'accueil').element.querySelector('.rf-badge-error')).toBeNull();

    const panel = await sidePanel('Problèmes');
    const row = panel.getByText('unknown_agent').closest('tr')!;
    expect(row.textContent).toContain('fantome');
    expect(row.textContent).toContain('Boucle');
    expect(panel.getByText(/1 erreur\(s\)/)).toBeTruthy();
  });

  it('shows the same problem in English', async () => {
    const { container } = renderDesigner(broken, 'en');
    const node = canvasNode(container, 'boucle-appel');
    expect(node.getByLabelText('1 error(s)')).toBeTruthy();
    expect(node.getByText('Unknown agent: fantome')).toBeTruthy();
    const row = (await sidePanel('Problems')).getByText('unknown_agent').closest('tr')!;
    expect(row.textContent).toContain('fantome');
  });

  it('gives messages from flow-core in the chosen language', async () => {
    renderDesigner(broken, 'fr');
    const fr = (await sidePanel('Problèmes')).getByText('unknown_agent').closest('tr')!.textContent;
    document.body.innerHTML = '';
    renderDesigner(broken, 'en');
    const en = (await sidePanel('Problems')).getByText('unknown_agent').closest('tr')!.textContent;
    expect(fr).not.toBe(en);
  });

  it('says so when the flow has no problem', async () => {
    renderDesigner(exampleFlow('onoff-greeting'));
    expect((await sidePanel('Problèmes')).getByText('Aucun problème : le flux est valide.')).toBeTruthy();
  });

  it('selects the node of a problem when it is clicked', async () => {
    const { container } = renderDesigner(broken);
    const node = canvasNode(container, 'boucle-appel').element;
    expect(node.classList.contains('selected')).toBe(false);
    fireEvent.click((await sidePanel('Problèmes')).getByText('unknown_agent'));
    expect(node.classList.contains('selected')).toBe(true);
  });
});
