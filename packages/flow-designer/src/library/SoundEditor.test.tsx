import { soundRefSchema } from '@ringflow/flow-core';
import type { Locale, SoundRef } from '@ringflow/flow-core';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { exampleFlow } from '../../test/fixtures.js';
import { LibraryHarness } from './LibraryHarness.js';
import { SoundEditor } from './SoundEditor.js';

/** The values the editor reported, in order. */
interface Probe {
  readonly values: (SoundRef | undefined)[];
}

function Controlled({
  initial,
  optional,
  probe,
}: {
  initial: SoundRef | undefined;
  optional?: boolean;
  probe: Probe;
}) {
  const [value, setValue] = useState(initial);
  return (
    <SoundEditor
      label="Message d’accueil"
      value={value}
      optional={optional}
      onChange={(next) => {
        probe.values.push(next);
        setValue(next);
      }}
    />
  );
}

function renderSound(
  initial: SoundRef | undefined,
  { optional = false, locale }: { optional?: boolean; locale?: Locale } = {},
) {
  const probe: Probe = { values: [] };
  const { unmount } = render(
    <LibraryHarness flow={exampleFlow('ringover-standard')} locale={locale}>
      <Controlled initial={initial} optional={optional} probe={probe} />
    </LibraryHarness>,
  );
  const last = () => probe.values.at(-1);
  return { probe, last, unmount, editor: within(screen.getByRole('group', { name: 'Message d’accueil' })) };
}

const type = (element: HTMLElement, value: string) => fireEvent.change(element, { target: { value } });
const isValid = (value: SoundRef | undefined) => soundRefSchema.safeParse(value).success;

// jsdom has no object URLs; the preview needs one.
const objectUrls = { createObjectURL: URL.createObjectURL, revokeObjectURL: URL.revokeObjectURL };
afterEach(() => {
  Object.assign(URL, objectUrls);
});

describe('the sound editor', () => {
  it('picks a library sound by name and shows what it says', () => {
    const { last, editor } = renderSound('accueil');
    expect(editor.getByRole('radio', { name: 'Son de la bibliothèque' })).toHaveProperty('checked', true);
    fireEvent.change(editor.getByLabelText('Son'), { target: { value: 'annonce-fermeture' } });
    expect(last()).toBe('annonce-fermeture');
    expect(editor.getByText(/Nos bureaux sont actuellement fermés/)).toBeTruthy();
  });

  it('turns a library sound into a text of its own, starting from its text and music', () => {
    const { last, editor } = renderSound('accueil');
    fireEvent.click(editor.getByRole('radio', { name: 'Synthèse vocale' }));
    expect(last()).toMatchObject({
      tts: { text: expect.stringMatching(/^Bonjour et bienvenue/) },
      music: 'musique-douce',
    });
    expect(isValid(last())).toBe(true);
    type(editor.getByLabelText('Texte prononcé'), 'Bonjour, bienvenue chez nous.');
    fireEvent.change(editor.getByLabelText('Langue'), { target: { value: 'en-GB' } });
    type(editor.getByLabelText('Voix (facultatif)'), 'fr-FR-Denise');
    fireEvent.change(editor.getByLabelText('Musique de fond'), { target: { value: '' } });
    expect(last()).toEqual({
      tts: { text: 'Bonjour, bienvenue chez nous.', language: 'en-GB', voice: 'fr-FR-Denise' },
    });
    expect(isValid(last())).toBe(true);
    // Only file sounds can be background music.
    const music = editor.getByLabelText('Musique de fond') as HTMLSelectElement;
    expect([...music.options].map((option) => option.value)).toEqual([
      '',
      'musique-douce',
      'musique-attente',
    ]);
    fireEvent.change(music, { target: { value: 'musique-attente' } });
    expect(last()).toMatchObject({ music: 'musique-attente' });
  });

  it('takes a file path checked by flow-core, and names it after an uploaded file it can play', () => {
    Object.assign(URL, { createObjectURL: vi.fn(() => 'blob:preview'), revokeObjectURL: vi.fn() });
    const { last, editor } = renderSound({ tts: { text: 'Bonjour' } });
    fireEvent.click(editor.getByRole('radio', { name: 'Fichier audio' }));
    expect(last()).toEqual({ file: '' });
    const path = editor.getByLabelText('Chemin du fichier');
    type(path, 'sounds/accueil.m4a');
    expect(editor.getByText(/Fichier son "sounds\/accueil.m4a" invalide/)).toBeTruthy();
    expect(path.getAttribute('aria-invalid')).toBe('true');
    expect(isValid(last())).toBe(false);
    type(path, 'sounds/accueil.wav');
    expect(editor.queryByText(/invalide/)).toBeNull();
    expect(isValid(last())).toBe(true);

    const file = new File(['RIFF'], 'Message d’accueil été.MP3', { type: 'audio/mpeg' });
    fireEvent.change(editor.getByLabelText('Choisir un fichier audio'), { target: { files: [file] } });
    expect(last()).toEqual({ file: 'sounds/message-d-accueil-ete.mp3' });
    expect(isValid(last())).toBe(true);
    const audio = editor.getByLabelText('Écouter Message d’accueil été.MP3');
    expect(audio.tagName).toBe('AUDIO');
    expect(audio.getAttribute('src')).toBe('blob:preview');
    expect(editor.getByText(/déposez le fichier à cet emplacement/)).toBeTruthy();

    // Back to the text: it is still there.
    fireEvent.click(editor.getByRole('radio', { name: 'Synthèse vocale' }));
    expect(last()).toEqual({ tts: { text: 'Bonjour' } });
  });

  it('offers “no sound” only when the sound is optional', () => {
    const required = renderSound('accueil');
    expect(required.editor.queryByRole('radio', { name: 'Aucun son' })).toBeNull();
    required.unmount();
    const { last, editor } = renderSound(undefined, { optional: true });
    expect(editor.getByRole('radio', { name: 'Aucun son' })).toHaveProperty('checked', true);
    fireEvent.click(editor.getByRole('radio', { name: 'Son de la bibliothèque' }));
    expect(last()).toBe(exampleFlow('ringover-standard').sounds[0]?.id);
    fireEvent.click(editor.getByRole('radio', { name: 'Aucun son' }));
    expect(last()).toBeUndefined();
  });

  it('produces a valid sound reference from every source', () => {
    const { probe, editor } = renderSound(undefined, { optional: true });
    fireEvent.click(editor.getByRole('radio', { name: 'Son de la bibliothèque' }));
    fireEvent.click(editor.getByRole('radio', { name: 'Synthèse vocale' }));
    type(editor.getByLabelText('Texte prononcé'), 'Au revoir');
    fireEvent.click(editor.getByRole('radio', { name: 'Fichier audio' }));
    type(editor.getByLabelText('Chemin du fichier'), 'sounds/bye.ogg');
    fireEvent.click(editor.getByRole('radio', { name: 'Son de la bibliothèque' }));
    const finals = [probe.values[0], probe.values[2], probe.values[4], probe.values[5]];
    expect(finals.every(isValid)).toBe(true);
    expect(finals.map((value) => typeof value)).toEqual(['string', 'object', 'object', 'string']);
  });

  it('speaks English', () => {
    const { last, editor } = renderSound('accueil', { locale: 'en' });
    fireEvent.click(editor.getByRole('radio', { name: 'Audio file' }));
    expect(last()).toEqual({ file: '' });
    type(editor.getByLabelText('File path'), '/etc/passwd.wav');
    expect(editor.getByText(/relative path/)).toBeTruthy();
    fireEvent.click(editor.getByRole('radio', { name: 'Text to speech' }));
    expect(editor.getByLabelText('Text spoken')).toBeTruthy();
  });
});
