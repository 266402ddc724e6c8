import type { SoundRef } from '@ringflow/flow-core';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useEditor } from '../editor/useFlowEditor.js';
import { useTranslator } from '../i18n/i18n.js';
import { describeSound } from '../nodes/describe.js';
import { soundFileProblem } from './flow-rules.js';
import { sanitizeFileName } from './ids.js';
import { languageName, TTS_LANGUAGES } from './intl.js';
import './library.css';

/** A sound given in place rather than by library id: a TTS text (maybe over music) or a file. */
export type InlineSound = Exclude<SoundRef, string>;

/** Text to speech: what is said, and optionally in which language and voice. */
export type TtsText = NonNullable<InlineSound['tts']>;

/** Where a sound comes from, as the admin chooses it. */
export type SoundSource = 'none' | 'library' | 'tts' | 'file';

/** The source of a sound reference. */
export function sourceOf(value: SoundRef | undefined): SoundSource {
  if (value === undefined) return 'none';
  if (typeof value === 'string') return 'library';
  return value.file !== undefined && value.tts === undefined ? 'file' : 'tts';
}

/** Props of {@link SourceRadios}. */
export interface SourceRadiosProps {
  readonly sources: readonly SoundSource[];
  readonly value: SoundSource;
  readonly onChange: (source: SoundSource) => void;
  /** Sources that cannot be chosen (the library when it has no sound). */
  readonly disabled?: readonly SoundSource[];
}

/** Radio buttons choosing where a sound comes from (arrow keys move between them). */
export function SourceRadios({ sources, value, onChange, disabled = [] }: SourceRadiosProps) {
  const { t } = useTranslator();
  const name = useId();
  return (
    <div role="radiogroup" aria-label={t('library.sound.source')} className="rf-sound-sources">
      {sources.map((source) => (
        <label key={source} className="rf-lib-inline">
          <input
            type="radio"
            name={name}
            value={source}
            checked={value === source}
            disabled={disabled.includes(source)}
            onChange={() => onChange(source)}
          />
          {t(`library.sound.source.${source}`)}
        </label>
      ))}
    </div>
  );
}

/** Props of {@link TtsFields}. */
export interface TtsFieldsProps {
  readonly tts: TtsText;
  /** The library sound mixed under the text, if any. */
  readonly music: string | undefined;
  /** Receives the new text and music; `field` names what changed (to merge typing into one step). */
  readonly onChange: (next: { tts: TtsText; music: string | undefined }, field: string) => void;
  /** A library sound that cannot be its own music (the one being edited). */
  readonly excludeMusic?: string;
}

/** Removes the optional TTS fields left empty, so the document does not hold empty strings. */
function cleanTts(tts: TtsText): TtsText {
  const next: { text: string; language?: string; voice?: string } = { text: tts.text };
  if (tts.language !== undefined && tts.language !== '') next.language = tts.language;
  if (tts.voice !== undefined && tts.voice !== '') next.voice = tts.voice;
  return next;
}

/** The text said by the PBX's speech synthesis: text, language, voice and background music. */
export function TtsFields({ tts, music, onChange, excludeMusic }: TtsFieldsProps) {
  const { flow } = useEditor();
  const { t, locale } = useTranslator();
  const id = useId();
  const languages =
    tts.language === undefined || TTS_LANGUAGES.includes(tts.language)
      ? TTS_LANGUAGES
      : [tts.language, ...TTS_LANGUAGES];
  // Music is mixed under a voice, so it must be a file (flow-core reports `music_not_a_file`).
  const musicChoices = flow.sounds.filter((sound) => sound.file !== undefined && sound.id !== excludeMusic);
  const currentMusic = flow.sounds.find((sound) => sound.id === music);
  const update = (patch: Partial<TtsText>, field: string) =>
    onChange({ tts: cleanTts({ ...tts, ...patch }), music }, field);

  return (
    <div className="rf-sound-fields">
      <label className="rf-lib-field">
        {t('library.sound.text')}
        <textarea
          rows={3}
          value={tts.text}
          onChange={(event) => update({ text: event.target.value }, 'text')}
        />
      </label>
      <div className="rf-lib-row">
        <label className="rf-lib-field">
          {t('library.sound.language')}
          <select
            value={tts.language ?? ''}
            onChange={(event) => update({ language: event.target.value }, 'language')}
          >
            <option value="">
              {t('library.sound.language.flow', { language: languageName(flow.locale, locale) })}
            </option>
            {languages.map((tag) => (
              <option key={tag} value={tag}>
                {languageName(tag, locale)} ({tag})
              </option>
            ))}
          </select>
        </label>
        <label className="rf-lib-field">
          {t('library.sound.voice')}
          <input
            type="text"
            value={tts.voice ?? ''}
            placeholder={t('library.sound.voice.placeholder')}
            onChange={(event) => update({ voice: event.target.value }, 'voice')}
          />
        </label>
      </div>
      <label className="rf-lib-field">
        {t('library.sound.music')}
        <select
          value={music ?? ''}
          aria-describedby={musicChoices.length === 0 ? `${id}-music-hint` : undefined}
          onChange={(event) => onChange({ tts, music: event.target.value || undefined }, 'music')}
        >
          <option value="">{t('library.sound.music.none')}</option>
          {music !== undefined && !musicChoices.some((sound) => sound.id === music) && (
            <option value={music}>
              {currentMusic === undefined
                ? t('library.sound.unknown', { id: music })
                : t('library.sound.music.notFile', { name: currentMusic.name ?? music })}
            </option>
          )}
          {musicChoices.map((sound) => (
            <option key={sound.id} value={sound.id}>
              {sound.name ?? sound.id}
            </option>
          ))}
        </select>
      </label>
      {musicChoices.length === 0 && (
        <p className="rf-lib-hint" id={`${id}-music-hint`}>
          {t('library.sound.music.hint')}
        </p>
      )}
    </div>
  );
}

/** Props of {@link FileFields}. */
export interface FileFieldsProps {
  /** The path of the file, relative to the flow's folder (`sounds/welcome.mp3`). */
  readonly file: string;
  readonly onChange: (file: string) => void;
}

/**
 * A sound file: its path, checked by flow-core, and an upload that names the path after the chosen
 * file and lets the admin listen to it. The flow refers to files by path and never holds audio: the
 * file is deployed beside the flow (see the hint shown).
 */
export function FileFields({ file, onChange }: FileFieldsProps) {
  const { t, locale } = useTranslator();
  const id = useId();
  const [preview, setPreview] = useState<{ url: string; name: string } | null>(null);
  useEffect(
    () => () => {
      if (preview !== null) URL.revokeObjectURL(preview.url);
    },
    [preview],
  );
  const problem = useMemo(() => (file === '' ? undefined : soundFileProblem(file, locale)), [file, locale]);

  return (
    <div className="rf-sound-fields">
      <label className="rf-lib-field">
        {t('library.sound.file')}
        <input
          type="text"
          value={file}
          placeholder="sounds/accueil.mp3"
          spellCheck={false}
          aria-invalid={problem !== undefined || undefined}
          aria-describedby={`${id}-hint${problem === undefined ? '' : ` ${id}-problem`}`}
          onChange={(event) => onChange(event.target.value)}
        />
      </label>
      {problem !== undefined && (
        <p className="rf-lib-issue rf-lib-issue-error" id={`${id}-problem`}>
          {problem}
        </p>
      )}
      <label className="rf-lib-field rf-lib-upload">
        {t('library.sound.upload')}
        <input
          type="file"
          accept="audio/*"
          onChange={(event) => {
            const chosen = event.target.files?.[0];
            if (chosen === undefined) return;
            onChange(`sounds/${sanitizeFileName(chosen.name)}`);
            // Listening needs an object URL; without one (tests, old browsers) the path is still set.
            if (typeof URL.createObjectURL === 'function') {
              setPreview({ url: URL.createObjectURL(chosen), name: chosen.name });
            }
          }}
        />
      </label>
      <p className="rf-lib-hint" id={`${id}-hint`}>
        {t('library.sound.file.deploy')}
      </p>
      {preview !== null && (
        <audio
          className="rf-sound-preview"
          controls
          src={preview.url}
          aria-label={t('library.sound.preview', { name: preview.name })}
        />
      )}
    </div>
  );
}

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

/**
 * Picks a library sound or edits a sound in place: a text said by speech synthesis (language, voice,
 * background music from the library) or a file. Switching source and back brings back what was
 * there; switching from a library sound to a text or a file starts from that sound's text or file.
 * Every keystroke is reported (the caller merges typing into one undo step).
 */
export function SoundEditor({ value, onChange, label, optional = false }: SoundEditorProps) {
  const { flow } = useEditor();
  const translator = useTranslator();
  const { t } = translator;
  const id = useId();
  const source = sourceOf(value);
  // The last value of each source, so that trying another source loses nothing.
  const memory = useRef<Partial<Record<SoundSource, SoundRef>>>({});
  useEffect(() => {
    if (value !== undefined) memory.current[source] = value;
  }, [value, source]);

  const choose = (next: SoundSource) => {
    if (next === source) return;
    if (next === 'none') {
      onChange(undefined);
      return;
    }
    const remembered = memory.current[next];
    if (remembered !== undefined) {
      onChange(remembered);
      return;
    }
    const library = typeof value === 'string' ? flow.sounds.find((sound) => sound.id === value) : undefined;
    if (next === 'library') onChange(flow.sounds[0]?.id ?? '');
    else if (next === 'tts') {
      onChange(
        library?.tts === undefined
          ? { tts: { text: '' } }
          : { tts: library.tts, ...(library.music === undefined ? {} : { music: library.music }) },
      );
    } else onChange({ file: library?.file ?? '' });
  };

  const sources: SoundSource[] = optional ? ['none', 'library', 'tts', 'file'] : ['library', 'tts', 'file'];
  const known = typeof value === 'string' && flow.sounds.some((sound) => sound.id === value);

  return (
    <fieldset className="rf-sound-editor">
      <legend>{label}</legend>
      <SourceRadios
        sources={sources}
        value={source}
        onChange={choose}
        disabled={flow.sounds.length === 0 && source !== 'library' ? ['library'] : []}
      />
      {typeof value === 'string' && (
        <>
          <label className="rf-lib-field">
            {t('library.sound.pick')}
            <select
              value={value}
              aria-describedby={`${id}-said`}
              onChange={(event) => onChange(event.target.value)}
            >
              {!known && <option value={value}>{t('library.sound.unknown', { id: value })}</option>}
              {flow.sounds.map((sound) => (
                <option key={sound.id} value={sound.id}>
                  {sound.name ?? sound.id}
                </option>
              ))}
            </select>
          </label>
          <p className="rf-lib-hint rf-sound-said" id={`${id}-said`}>
            {describeSound(value, flow, translator)}
          </p>
        </>
      )}
      {typeof value === 'object' && source === 'tts' && (
        <TtsFields
          tts={value.tts ?? { text: '' }}
          music={value.music}
          onChange={(next) =>
            onChange(next.music === undefined ? { tts: next.tts } : { tts: next.tts, music: next.music })
          }
        />
      )}
      {typeof value === 'object' && source === 'file' && (
        <FileFields file={value.file ?? ''} onChange={(file) => onChange({ file })} />
      )}
    </fieldset>
  );
}
