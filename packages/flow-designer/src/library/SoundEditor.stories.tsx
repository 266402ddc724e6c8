import type { SoundRef } from '@ringflow/flow-core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, fn, userEvent, within } from 'storybook/test';
import { exampleFlow, sayer, storyLocale } from '../../.storybook/story-kit.js';
import { LibraryHarness } from './LibraryHarness.js';
import { SoundEditor } from './SoundEditor.js';
import type { SoundEditorProps } from './SoundEditor.js';

/** The editor with its value kept in state, as the inspector keeps it in the flow; the value shown below. */
function Controlled(props: SoundEditorProps) {
  const [value, setValue] = useState(props.value);
  return (
    <>
      <SoundEditor
        {...props}
        value={value}
        onChange={(next) => {
          props.onChange(next);
          setValue(next);
        }}
      />
      <output data-testid="value">{JSON.stringify(value ?? null)}</output>
    </>
  );
}

// Sounds of the ringover-standard example's library: synthesized messages and two music files.
const meta = {
  title: 'Library/Sound editor',
  component: SoundEditor,
  render: (args, { globals }) => (
    <LibraryHarness flow={exampleFlow('ringover-standard')} locale={storyLocale(globals)}>
      <div style={{ width: 420, padding: 8 }}>
        <Controlled {...args} />
      </div>
    </LibraryHarness>
  ),
  args: { label: 'Message', value: 'accueil', onChange: fn() },
} satisfies Meta<typeof SoundEditor>;

export default meta;
type Story = StoryObj<typeof meta>;

const valueOf = (canvasElement: HTMLElement): SoundRef | null =>
  JSON.parse(within(canvasElement).getByTestId('value').textContent ?? 'null') as SoundRef | null;

/** A library sound: chosen by name, what it says shown below. */
export const LibrarySound: Story = {
  play: async ({ canvasElement, globals, args }) => {
    const say = sayer(globals);
    const canvas = within(canvasElement);
    await expect(
      canvas.getByRole('radio', { name: say('Son de la bibliothèque', 'Library sound') }),
    ).toBeChecked();
    await expect(canvas.getByText(/^Bonjour et bienvenue chez Solaris/)).toBeVisible();
    await userEvent.selectOptions(canvas.getByLabelText(say('Son', 'Sound')), 'Hors horaires');
    await expect(args.onChange).toHaveBeenLastCalledWith('annonce-fermeture');
    await expect(canvas.getByText(/^Nos bureaux sont actuellement fermés/)).toBeVisible();
  },
};

/** Text to speech: starts from the library sound's text and music, then typed. */
export const TextToSpeech: Story = {
  play: async ({ canvasElement, globals }) => {
    const say = sayer(globals);
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('radio', { name: say('Synthèse vocale', 'Text to speech') }));
    const text = canvas.getByLabelText(say('Texte prononcé', 'Text spoken'));
    await expect((text as HTMLTextAreaElement).value).toMatch(/^Bonjour et bienvenue/);
    await userEvent.clear(text);
    await userEvent.type(text, 'Bienvenue !');
    await userEvent.selectOptions(canvas.getByLabelText(say('Langue', 'Language')), 'en-GB');
    await expect(valueOf(canvasElement)).toEqual({
      tts: { text: 'Bienvenue !', language: 'en-GB' },
      music: 'musique-douce',
    });
  },
};

/** A file: the path is checked by flow-core as it is typed. */
export const AudioFile: Story = {
  args: { value: { file: 'sounds/accueil.m4a' } },
  play: async ({ canvasElement, globals }) => {
    const say = sayer(globals);
    const canvas = within(canvasElement);
    const path = canvas.getByLabelText(say('Chemin du fichier', 'File path'));
    await expect(path).toHaveAttribute('aria-invalid', 'true');
    await expect(canvas.getByText(/sounds\/accueil\.m4a/, { selector: '.rf-lib-issue' })).toBeVisible();
    await userEvent.clear(path);
    await userEvent.type(path, 'sounds/accueil.wav');
    await expect(path).not.toHaveAttribute('aria-invalid');
    await expect(valueOf(canvasElement)).toEqual({ file: 'sounds/accueil.wav' });
    await expect(
      canvas.getByLabelText(say('Choisir un fichier audio', 'Choose an audio file')),
    ).toHaveAttribute('accept', 'audio/*');
  },
};

/** Uploading a file names the path after it and plays it back in the browser. */
export const UploadAndListen: Story = {
  args: { value: { file: '' } },
  play: async ({ canvasElement, globals }) => {
    const say = sayer(globals);
    const canvas = within(canvasElement);
    const upload = canvas.getByLabelText(say('Choisir un fichier audio', 'Choose an audio file'));
    await userEvent.upload(upload, new File(['RIFF'], 'Accueil été.wav', { type: 'audio/wav' }));
    await expect(valueOf(canvasElement)).toEqual({ file: 'sounds/accueil-ete.wav' });
    const player = canvas.getByLabelText(say('Écouter Accueil été.wav', 'Listen to Accueil été.wav'));
    await expect(player.tagName).toBe('AUDIO');
    await expect(player.getAttribute('src')).toMatch(/^blob:/);
  },
};

/** An optional sound: “no sound” is a choice, and the value becomes undefined. */
export const Optional: Story = {
  args: { optional: true, value: undefined, label: 'Message avant de raccrocher' },
  play: async ({ canvasElement, globals, args }) => {
    const say = sayer(globals);
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('radio', { name: say('Aucun son', 'No sound') })).toBeChecked();
    await userEvent.click(canvas.getByRole('radio', { name: say('Synthèse vocale', 'Text to speech') }));
    await expect(args.onChange).toHaveBeenLastCalledWith({ tts: { text: '' } });
    await userEvent.click(canvas.getByRole('radio', { name: say('Aucun son', 'No sound') }));
    await expect(args.onChange).toHaveBeenLastCalledWith(undefined);
    await expect(valueOf(canvasElement)).toBeNull();
  },
};
