import type { SoundRef } from '@ringflow/flow-core';

/** Props of {@link SoundEditor}. */
export interface SoundEditorProps {
  /** The sound: a library sound id, or a sound given in place (TTS text or file). */
  readonly value: SoundRef | undefined;
  /** Receives the new sound; `undefined` when the admin removes it (only when `optional`). */
  readonly onChange: (next: SoundRef | undefined) => void;
  /** The accessible name of the editor, e.g. the field it edits ("Message", "Greeting"). */
  readonly label: string;
  /** Whether "no sound" is a valid choice. */
  readonly optional?: boolean;
}

/** Picks a library sound or edits a sound in place. (Being built.) */
export function SoundEditor({ label }: SoundEditorProps) {
  return <div className="rf-sound-editor" aria-label={label} />;
}
