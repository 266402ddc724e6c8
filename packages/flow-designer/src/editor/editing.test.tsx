import type { FlowDocument } from '@ringflow/flow-core';
import { createEvent, fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FlowDesigner } from '../FlowDesigner.js';
import { exampleFlow, flowOf } from '../../test/fixtures.js';

const blank = flowOf({
  format: 'ringflow.flow/v1',
  id: 'blank',
  name: 'Vide',
  timezone: 'Europe/Paris',
  entry: 'start',
  nodes: [],
});

function designer(flow: FlowDocument, locale: 'fr' | 'en' = 'en') {
  const seen: FlowDocument[] = [];
  const view = render(
    <div style={{ width: 1200, height: 800 }}>
      <FlowDesigner flow={flow} locale={locale} onChange={(next) => seen.push(next)} />
    </div>,
  );
  const latest = () => seen.at(-1) ?? flow;
  return { view, latest, seen };
}

const toolbar = () => within(screen.getByRole('toolbar', { name: 'Editing' }));
const palette = () => within(screen.getByRole('navigation', { name: 'Steps' }));

describe('editing in the designer', () => {
  it('adds steps from the palette, connecting each to the free exit of the selected one', () => {
    const { latest } = designer(blank);
    fireEvent.click(palette().getByRole('button', { name: 'Add: Announcement' }));
    expect(latest().nodes.map((n) => n.kind)).toEqual(['announcement']);
    expect(latest().entry).toBe('announcement-1');
    // The new node is selected, so the next one follows it.
    fireEvent.click(palette().getByRole('button', { name: 'Add: Hang up' }));
    expect(latest().edges).toEqual([
      { id: 'e-announcement-1-next-1', source: 'announcement-1', port: 'next', target: 'hangup-1' },
    ]);
    expect(latest().nodes[1]!.position.x).toBeGreaterThan(latest().nodes[0]!.position.x);
  });

  it('searches the palette in the chosen language, accents ignored', () => {
    designer(blank, 'fr');
    const nav = within(screen.getByRole('navigation', { name: 'Étapes' }));
    fireEvent.change(nav.getByRole('searchbox', { name: 'Rechercher une étape' }), {
      target: { value: 'messagerie vocale' },
    });
    expect(nav.getAllByRole('button').map((b) => b.getAttribute('data-kind'))).toEqual(['voicemail']);
    // Case and accents do not matter: "SYNTHESE" finds "synthèse vocale".
    fireEvent.change(nav.getByRole('searchbox'), { target: { value: 'SYNTHESE vocale' } });
    expect(nav.getAllByRole('button').map((b) => b.getAttribute('data-kind'))).toContain('announcement');
    fireEvent.change(nav.getByRole('searchbox'), { target: { value: 'zzz' } });
    expect(nav.queryAllByRole('button')).toHaveLength(0);
    expect(nav.getByText('Aucune étape ne correspond.')).toBeTruthy();
  });

  it('undoes and redoes with the toolbar and with Ctrl+Z / Ctrl+Shift+Z', () => {
    const { latest } = designer(blank);
    fireEvent.click(palette().getByRole('button', { name: 'Add: Announcement' }));
    fireEvent.click(palette().getByRole('button', { name: 'Add: Hang up' }));
    expect(latest().nodes).toHaveLength(2);
    fireEvent.click(toolbar().getByRole('button', { name: 'Undo' }));
    expect(latest().nodes).toHaveLength(1);
    fireEvent.keyDown(document.body, { key: 'z', ctrlKey: true });
    expect(latest().nodes).toHaveLength(0);
    expect((toolbar().getByRole('button', { name: 'Undo' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.keyDown(document.body, { key: 'Z', ctrlKey: true, shiftKey: true });
    fireEvent.click(toolbar().getByRole('button', { name: 'Redo' }));
    expect(latest().nodes).toHaveLength(2);
    expect(latest().edges).toHaveLength(1);
  });

  it('deletes, duplicates and selects all with the keyboard, but not while typing in a field', () => {
    const onoff = exampleFlow('onoff-greeting');
    const { latest } = designer(onoff);
    fireEvent.keyDown(document.body, { key: 'a', ctrlKey: true });
    fireEvent.keyDown(document.body, { key: 'd', ctrlKey: true });
    expect(latest().nodes).toHaveLength(onoff.nodes.length * 2);
    expect(latest().edges).toHaveLength(onoff.edges.length * 2);
    // Typing Delete in the palette's search box deletes nothing.
    fireEvent.keyDown(palette().getByRole('searchbox'), { key: 'Delete' });
    expect(latest().nodes).toHaveLength(onoff.nodes.length * 2);
    // Nor does Delete on a button outside the canvas (a side panel, the palette).
    fireEvent.keyDown(palette().getByRole('button', { name: 'Add: Hang up' }), { key: 'Delete' });
    expect(latest().nodes).toHaveLength(onoff.nodes.length * 2);
    // The copies are selected: Delete removes them and only them.
    fireEvent.keyDown(document.body, { key: 'Delete' });
    expect(latest().nodes.map((n) => n.id)).toEqual(onoff.nodes.map((n) => n.id));
    expect(latest().edges).toEqual(onoff.edges);
  });

  it('copies and pastes through the clipboard events', () => {
    const onoff = exampleFlow('onoff-greeting');
    const { latest } = designer(onoff);
    fireEvent.keyDown(document.body, { key: 'a', ctrlKey: true });
    const store = new Map<string, string>();
    const clipboardData = {
      setData: (type: string, value: string) => store.set(type, value),
      getData: (type: string) => store.get(type) ?? '',
    };
    const copy = createEvent.copy(document.body);
    Object.assign(copy, { clipboardData });
    fireEvent(document.body, copy);
    expect(JSON.parse(store.get('text/plain') ?? '{}').nodes).toHaveLength(onoff.nodes.length);
    const paste = createEvent.paste(document.body);
    Object.assign(paste, { clipboardData });
    fireEvent(document.body, paste);
    expect(latest().nodes).toHaveLength(onoff.nodes.length * 2);
    expect(new Set(latest().nodes.map((n) => n.id)).size).toBe(onoff.nodes.length * 2);
  });

  it('announces nodes and edges by kind, label and exit', () => {
    const { view } = designer(exampleFlow('onoff-greeting'), 'fr');
    const onoff = exampleFlow('onoff-greeting');
    const entry = onoff.nodes.find((n) => n.id === onoff.entry)!;
    const element = view.container.querySelector(`.react-flow__node[data-id="${entry.id}"]`);
    expect(element?.getAttribute('aria-label')).toContain('(début du flux)');
    expect(element?.getAttribute('aria-label')).toContain(entry.label ?? entry.id);
    expect(screen.getByRole('application', { name: `Plan du flux « ${onoff.name} »` })).toBeTruthy();
  });
});
