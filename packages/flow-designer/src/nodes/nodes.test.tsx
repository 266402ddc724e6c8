import { KEYPAD_ORDER, NODE_KIND_IDS, NODE_KINDS } from '@ringflow/flow-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { kitchenSink } from '../../test/kitchen-sink.js';
import { canvasNode, renderDesigner, sourceHandleIds } from '../../test/render.js';
import { NODE_FACETS, NODE_TYPES } from './index.js';

afterEach(() => {
  vi.useRealTimers();
});

function portsOf(nodeId: string): string[] {
  const node = kitchenSink.nodes.find((n) => n.id === nodeId)!;
  const kind = NODE_KINDS[node.kind] as unknown as { portsOf(config: unknown): { id: string }[] };
  return kind.portsOf(node.config).map((port) => port.id);
}

describe('node facets', () => {
  it('cover every kind of the registry, and nothing else', () => {
    expect(Object.keys(NODE_FACETS).sort()).toEqual([...NODE_KIND_IDS].sort());
    expect(Object.keys(NODE_TYPES).sort()).toEqual([...NODE_KIND_IDS].sort());
  });

  it('the test flow has one node of every kind', () => {
    expect(new Set(kitchenSink.nodes.map((n) => n.kind))).toEqual(new Set(NODE_KIND_IDS));
  });

  it.each(kitchenSink.nodes.map((n) => [n.kind, n.id] as const))(
    '%s: title, label and one labelled handle per port',
    (kind, nodeId) => {
      const { container } = renderDesigner(kitchenSink);
      const node = canvasNode(container, nodeId);
      expect(node.getByText(NODE_KINDS[kind].title.fr)).toBeTruthy();
      expect(node.getByText(`Nœud ${nodeId}`)).toBeTruthy();
      expect(sourceHandleIds(node.element)).toEqual(portsOf(nodeId));
      expect(node.element.querySelectorAll('.react-flow__handle.target')).toHaveLength(1);
    },
  );
});

describe('node summaries', () => {
  it('announcement: the TTS text of its library sound', () => {
    const node = canvasNode(renderDesigner(kitchenSink).container, 'annonce');
    expect(node.getByText('Bonjour et bienvenue')).toBeTruthy();
    expect(node.getByText('Suite')).toBeTruthy();
  });

  it('menu: the prompt, one labelled handle per digit in keypad order, then timeout and invalid', () => {
    const node = canvasNode(renderDesigner(kitchenSink).container, 'menu');
    expect(node.getByText('Message : Tapez 1 pour les ventes')).toBeTruthy();
    const digits = KEYPAD_ORDER.filter((d) => ['#', '0', '1'].includes(d));
    expect(sourceHandleIds(node.element)).toEqual([...digits, 'timeout', 'invalid']);
    for (const label of ['1 : Ventes', '0 : Standard', '# : Répéter', 'Aucune touche', 'Touche invalide']) {
      expect(node.getByText(label)).toBeTruthy();
    }
  });

  it('business hours: the schedule name and whether it is open right now', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-23T10:00:00+01:00')); // a Monday morning in Paris
    let node = canvasNode(renderDesigner(kitchenSink).container, 'horaires');
    expect(node.getByText('Bureau')).toBeTruthy();
    expect(node.getByText('Ouvert en ce moment')).toBeTruthy();
    document.body.innerHTML = '';

    vi.setSystemTime(new Date('2026-11-22T10:00:00+01:00')); // a Sunday
    node = canvasNode(renderDesigner(kitchenSink, 'en').container, 'horaires');
    expect(node.getByText('Closed right now')).toBeTruthy();
  });

  it('ring group: strategy, ring time, repeats and members by name', () => {
    const node = canvasNode(renderDesigner(kitchenSink).container, 'sonnerie');
    expect(node.getByText('En cascade')).toBeTruthy();
    expect(node.element.textContent).toContain('Sonnerie : 15 s');
    expect(node.element.textContent).toContain('Répétitions : 2');
    for (const name of ['Léa Fontaine', 'Hugo Mercier', 'Astreinte (+33612345678)']) {
      expect(node.getByText(name)).toBeTruthy();
    }
  });

  it('agent condition: the question and its members', () => {
    const node = canvasNode(renderDesigner(kitchenSink).container, 'dispo');
    expect(node.getByText('Au moins un disponible ?')).toBeTruthy();
    expect(node.getByText('Léa Fontaine')).toBeTruthy();
  });

  it('caller match: numbers and VIP', () => {
    const node = canvasNode(renderDesigner(kitchenSink).container, 'appelant');
    expect(node.getByText('Numéros : +3361*')).toBeTruthy();
    expect(node.getByText('Appelants VIP')).toBeTruthy();
  });

  it('poll: its id and questions', () => {
    const node = canvasNode(renderDesigner(kitchenSink).container, 'sondage');
    expect(node.getByText('Sondage « satisfaction »')).toBeTruthy();
    expect(node.element.textContent).toContain('1 question(s)');
    expect(node.element.textContent).toContain('q1: 1–5');
  });

  it('voicemail: the mailbox and maximum length', () => {
    const node = canvasNode(renderDesigner(kitchenSink).container, 'messagerie');
    expect(node.getByText('Boîte : accueil')).toBeTruthy();
    expect(node.getByText('Jusqu’à 60 s')).toBeTruthy();
  });

  it('forward: the number', () => {
    const node = canvasNode(renderDesigner(kitchenSink, 'en').container, 'transfert');
    expect(node.getByText('To +33699999999')).toBeTruthy();
    expect(node.getByText('Rings: 30 s')).toBeTruthy();
  });

  it('hang up: no message, and no output', () => {
    const node = canvasNode(renderDesigner(kitchenSink).container, 'fin');
    expect(node.getByText('Raccroche sans message')).toBeTruthy();
    expect(sourceHandleIds(node.element)).toEqual([]);
  });
});
