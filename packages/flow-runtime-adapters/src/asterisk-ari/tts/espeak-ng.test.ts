import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { peak } from './audio.js';
import { chooseEspeakVoice, espeakNgProvider, readEspeakCatalog, type EspeakCatalog } from './espeak-ng.js';
import { TtsError } from './tts-error.js';
import { createTtsMedia } from './tts-media.js';
import { decodeWav } from './wav.js';

// These run the real espeak-ng of the machine (Debian package espeak-ng).

let catalog: EspeakCatalog;
let dir: string;
beforeAll(async () => {
  catalog = await readEspeakCatalog('espeak-ng');
  dir = await mkdtemp(join(tmpdir(), 'ringflow-espeak-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function rejection(promise: Promise<unknown>): Promise<TtsError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(TtsError);
    return error as TtsError;
  }
  throw new Error('expected a rejection');
}

describe('espeak-ng voices', () => {
  it('maps BCP 47 tags onto espeak-ng voices, the whole tag first, then its prefixes and aliases', () => {
    const voice = (language: string, name?: string): string =>
      chooseEspeakVoice(catalog, { text: 'x', language, ...(name === undefined ? {} : { voice: name }) });
    expect(voice('fr-FR')).toBe('fr-fr');
    expect(voice('fr-BE')).toBe('fr-be');
    expect(voice('fr')).toBe('fr-fr');
    expect(voice('en-GB')).toBe('en-gb');
    expect(voice('en-US')).toBe('en-us');
    expect(voice('en')).toBe('en-gb');
    expect(voice('es-ES')).toBe('es');
    expect(voice('de-DE')).toBe('de');
    expect(voice('pt-BR')).toBe('pt-br');
    expect(voice('pt-PT')).toBe('pt');
    expect(voice('zh-CN')).toBe('cmn');
    expect(voice('fr-FR', 'f3')).toBe('fr-fr+f3');
    expect(voice('fr-FR', 'KLATT')).toBe('fr-fr+klatt');
    expect(voice('fr-FR', 'fr-be')).toBe('fr-be');
  });

  it('says clearly when the language or the voice does not exist', () => {
    const language = (() => {
      try {
        chooseEspeakVoice(catalog, { text: 'x', language: 'xx-YY' });
      } catch (error) {
        return error as TtsError;
      }
      throw new Error('accepted');
    })();
    expect(language.code).toBe('language_unknown');
    expect(language.message).toBe(
      'espeak-ng has no voice for language "xx-YY" (see espeak-ng --voices for the languages it speaks)',
    );
    expect(() =>
      chooseEspeakVoice(catalog, { text: 'x', language: 'fr-FR', voice: 'fr-FR-DeniseNeural' }),
    ).toThrow(/espeak-ng has no voice "fr-FR-DeniseNeural" \(language fr-FR\): use a variant such as/);
  });
});

describe('espeakNgProvider', () => {
  it('renders French as a WAV with speech in it, and reports its version', async () => {
    const provider = espeakNgProvider({ wordsPerMinute: 160 });
    expect(await provider.version()).toMatch(/^1\.\d+.* -s 160$/);
    const { wav } = await provider.render({ text: 'Bonjour et bienvenue.', language: 'fr-FR' });
    const audio = decodeWav(wav as Uint8Array, 'espeak-ng output');
    expect(audio.sampleRate).toBe(22050);
    expect(audio.samples.length / audio.sampleRate).toBeGreaterThan(0.5);
    expect(peak(audio.samples)).toBeGreaterThan(0.1);
  });

  it('never lets the text reach a shell or be taken for an option', async () => {
    const marker = join(dir, 'pwned');
    const text = [
      `-v en --version`,
      `$(touch ${marker}) \`touch ${marker}\` ; touch ${marker} && echo "quoted" 'single' | cat > ${marker}`,
      '\\ $HOME %s %n <speak>tag</speak> & | > < * ? ~ # !',
      'Élève à l’hôtel, déjà noël, ça coûte 12 € — ok 😀🎉',
    ].join('\n');
    const provider = espeakNgProvider();
    const { wav } = await provider.render({ text, language: 'fr-FR' });
    const audio = decodeWav(wav as Uint8Array, 'espeak-ng output');
    // All of it was spoken (several seconds), not cut at a quote or a newline.
    expect(audio.samples.length / audio.sampleRate).toBeGreaterThan(8);
    expect(await readdir(dir)).toEqual([]);
  });

  it('fails with a clear error when espeak-ng is not installed', async () => {
    const missing = espeakNgProvider({ binary: join(dir, 'no-such-espeak-ng') });
    const error = await rejection(missing.version());
    expect(error.code).toBe('tool_missing');
    expect(error.message).toContain('could not be run (ENOENT): it is not installed or not executable');
    expect(error.message).toContain('apt-get install espeak-ng');
    const media = await rejection(createTtsMedia({ provider: missing, cacheDir: join(dir, 'cache') }));
    expect(media.code).toBe('tool_missing');
  });

  it('rejects an unknown language before running anything', async () => {
    const error = await rejection(espeakNgProvider().render({ text: 'hello', language: 'tlh' }));
    expect(error.code).toBe('language_unknown');
  });
});
