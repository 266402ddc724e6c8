import type { SoundRef } from '@ringflow/flow-core';
import { fireEvent, render, screen, within } from '@testing-library/react';
import axe from 'axe-core';
import { describe, expect, it } from 'vitest';
import { exampleFlow } from '../../test/fixtures.js';
import { LibraryHarness } from './LibraryHarness.js';
import { LibraryPanel } from './LibraryPanel.js';
import { ScheduleEditor } from './ScheduleEditor.js';
import { SoundEditor } from './SoundEditor.js';

/** axe-core's violations in `element`, as "rule: target" lines (jsdom has no layout: no contrast check). */
async function violations(element: HTMLElement): Promise<string[]> {
  const results = await axe.run(element, { rules: { 'color-contrast': { enabled: false } } });
  return results.violations.flatMap((v) => v.nodes.map((node) => `${v.id}: ${node.target.join(' ')}`));
}

describe('library accessibility (axe-core)', () => {
  it.each([
    ['Agents', 'Sarah Lambert'],
    ['Groupes', 'Service commercial'],
    ['Sons', 'MyAnnounce'],
  ])(
    'has no violations in the %s manager, with an item open and its delete confirmation',
    async (tab, item) => {
      const { container } = render(
        <LibraryHarness flow={exampleFlow('ringover-standard')}>
          <LibraryPanel />
        </LibraryHarness>,
      );
      fireEvent.click(screen.getByRole('tab', { name: new RegExp(`^${tab}`) }));
      fireEvent.click(
        within(screen.getByRole('list', { name: tab })).getByRole('button', { name: new RegExp(item) }),
      );
      fireEvent.click(screen.getByRole('button', { name: /^Supprimer/ }));
      fireEvent.click(screen.getByRole('button', { name: /^Ajouter/ }));
      expect(await violations(container)).toEqual([]);
    },
  );

  // 7 × 48 grid cells and some 400 time zones: axe needs more than the default 5 s in jsdom.
  it(
    'has no violations in the schedule editor, with closures, special hours and holidays',
    { timeout: 60_000 },
    async () => {
      const { container } = render(
        <LibraryHarness flow={exampleFlow('ringover-standard')}>
          <ScheduleEditor scheduleId="horaires-standard" />
        </LibraryHarness>,
      );
      fireEvent.change(screen.getByLabelText('Mercredi'), { target: { value: '25:00-26:00' } });
      expect(await violations(container)).toEqual([]);
    },
  );

  it.each<[string, SoundRef | undefined]>([
    ['no sound', undefined],
    ['a library sound', 'accueil'],
    ['a text', { tts: { text: 'Bonjour', language: 'fr-FR' }, music: 'musique-douce' }],
    ['a file', { file: 'sounds/x.m4a' }],
  ])('has no violations in the sound editor with %s', async (_, value) => {
    const { container } = render(
      <LibraryHarness flow={exampleFlow('ringover-standard')}>
        <SoundEditor label="Message" value={value} optional onChange={() => undefined} />
      </LibraryHarness>,
    );
    expect(await violations(container)).toEqual([]);
  });
});
