import type { TtsAudio, TtsProvider, TtsRequest } from './provider.js';
import { runTool } from './run-tool.js';
import { TtsError } from './tts-error.js';

/** Options of the bundled espeak-ng provider. */
export interface EspeakNgOptions {
  /** The espeak-ng program: a name looked up in PATH, or a path. Default `espeak-ng`. */
  readonly binary?: string;
  /** Speaking rate in words per minute (espeak-ng `-s`, 80 to 450); espeak-ng's default (175) when absent. */
  readonly wordsPerMinute?: number;
  /** Pitch, 0 to 99 (espeak-ng `-p`); espeak-ng's default (50) when absent. */
  readonly pitch?: number;
}

/** A language voice espeak-ng has, as `espeak-ng --voices` lists it. */
interface EspeakVoice {
  /** Its language identifier, given to `-v`: `fr-fr`, `en-gb`, `cmn`. */
  readonly language: string;
  /** Other language tags it answers for, with espeak-ng's priority (lower is preferred). */
  readonly aliases: readonly { readonly tag: string; readonly priority: number }[];
}

/** What an espeak-ng installation offers, read once from its `--voices` listings. */
export interface EspeakCatalog {
  readonly version: string;
  readonly voices: readonly EspeakVoice[];
  /** Variant names (`f3`, `klatt`, `Annie`), keyed by their lower-case form. */
  readonly variants: ReadonlyMap<string, string>;
}

const INSTALL_HINT = 'Debian/Ubuntu: apt-get install espeak-ng';

/**
 * The default TTS provider: espeak-ng, the open-source synthesizer Debian packages
 * (`apt-get install espeak-ng`). Robotic but instant, offline and free: good for trying flows and
 * for systems that must not send text to a cloud. Languages are BCP 47 tags mapped onto its voices
 * (`fr-FR` → `fr-fr`, `en-GB` → `en-gb`, `en` → its preferred English, `es-ES` → `es`); `voice`
 * names an espeak-ng variant (`f3`, `m2`, `klatt`, `Annie`...; `espeak-ng --voices=variant`) or
 * another of its language voices (`fr-be`). The text goes to its standard input, never through a
 * shell.
 *
 * @example
 * const tts = await createTtsMedia({ provider: espeakNgProvider({ wordsPerMinute: 160 }), cacheDir });
 */
export function espeakNgProvider(options: EspeakNgOptions = {}): TtsProvider {
  const binary = options.binary ?? 'espeak-ng';
  let catalog: Promise<EspeakCatalog> | undefined;
  const loadCatalog = (signal?: AbortSignal): Promise<EspeakCatalog> => {
    catalog ??= readEspeakCatalog(binary, signal).catch((error: unknown) => {
      // Not remembered: once espeak-ng is installed, the next call works.
      catalog = undefined;
      throw error;
    });
    return catalog;
  };
  const settings = [
    options.wordsPerMinute === undefined ? [] : ['-s', String(Math.round(options.wordsPerMinute))],
    options.pitch === undefined ? [] : ['-p', String(Math.round(options.pitch))],
  ].flat();

  return {
    name: 'espeak-ng',
    async version(signal) {
      const { version } = await loadCatalog(signal);
      return [version, ...settings].join(' ');
    },
    async render(request: TtsRequest, signal?: AbortSignal): Promise<TtsAudio> {
      const known = await loadCatalog(signal);
      const voice = chooseEspeakVoice(known, request);
      // -b 1: the input is UTF-8. --stdin: the text is read from standard input, so no text can be
      // taken for an option (a text starting with "-") and no shell ever sees it.
      const args = ['-v', voice, '-b', '1', ...settings, '--stdout', '--stdin'];
      const { stdout } = await runTool(binary, args, {
        input: request.text,
        signal,
        installHint: INSTALL_HINT,
      });
      if (stdout.byteLength <= 44) {
        throw new TtsError('render_failed', `espeak-ng produced no audio for voice "${voice}"`);
      }
      return { wav: stdout };
    },
  };
}

/** Asks espeak-ng for its version, language voices and variants. */
export async function readEspeakCatalog(binary: string, signal?: AbortSignal): Promise<EspeakCatalog> {
  const run = (args: string[]): Promise<string> =>
    runTool(binary, args, { signal, installHint: INSTALL_HINT }).then(({ stdout }) =>
      stdout.toString('utf8'),
    );
  const [versionText, voicesText, variantsText] = await Promise.all([
    run(['--version']),
    run(['--voices']),
    run(['--voices=variant']),
  ]);
  const version = /text-to-speech:\s*(\S+)/.exec(versionText)?.[1] ?? versionText.trim().split('\n')[0] ?? '';
  const voices = parseVoiceList(voicesText).map((line) => ({
    language: line.language,
    aliases: line.aliases,
  }));
  const variants = new Map<string, string>();
  for (const line of parseVoiceList(variantsText)) {
    const name = line.file.replace(/^!v\//, '');
    variants.set(name.toLowerCase(), name);
  }
  if (voices.length === 0) {
    throw new TtsError('render_failed', `"${binary} --voices" listed no voice: is espeak-ng-data installed?`);
  }
  return { version, voices, variants };
}

/** One line of `espeak-ng --voices`: `5  fr-fr  --/M  French_(France)  roa/fr  (fr 5)`. */
export function parseVoiceList(
  text: string,
): { language: string; file: string; aliases: { tag: string; priority: number }[] }[] {
  const lines = [];
  for (const line of text.split('\n')) {
    const match = /^\s*\d+\s+(\S+)\s+\S+\s+\S+\s+(\S+)\s*(.*)$/.exec(line);
    if (match === null) continue;
    const aliases = [...match[3]!.matchAll(/\((\S+)\s+(\d+)\)/g)].map((alias) => ({
      tag: alias[1]!.toLowerCase(),
      priority: Number(alias[2]),
    }));
    lines.push({ language: match[1]!.toLowerCase(), file: match[2]!, aliases });
  }
  return lines;
}

/**
 * The `-v` argument for a request: the voice for the language tag (the whole tag, then shorter
 * and shorter prefixes: `pt-BR-x` → `pt-br`, `es-ES` → `es`), plus `+variant` for a voice.
 */
export function chooseEspeakVoice(catalog: EspeakCatalog, request: TtsRequest): string {
  const requested = request.voice?.trim();
  if (requested !== undefined && requested !== '') {
    const asLanguageVoice = catalog.voices.find((voice) => voice.language === requested.toLowerCase());
    if (asLanguageVoice !== undefined) return asLanguageVoice.language;
  }
  const language = languageVoice(catalog, request.language);
  if (requested === undefined || requested === '') return language;
  const variant = catalog.variants.get(requested.toLowerCase());
  if (variant === undefined) {
    const some = [...catalog.variants.values()].slice(0, 12).join(', ');
    throw new TtsError(
      'voice_unknown',
      `espeak-ng has no voice "${requested}" (language ${request.language}): use a variant such as ${some} ` +
        `(espeak-ng --voices=variant), a language voice (espeak-ng --voices), or no voice`,
    );
  }
  return `${language}+${variant}`;
}

function languageVoice(catalog: EspeakCatalog, tag: string): string {
  const parts = tag.trim().toLowerCase().replaceAll('_', '-').split('-');
  for (let length = parts.length; length > 0; length--) {
    const candidate = parts.slice(0, length).join('-');
    const exact = catalog.voices.find((voice) => voice.language === candidate);
    if (exact !== undefined) return exact.language;
    let best: { language: string; priority: number } | undefined;
    for (const voice of catalog.voices) {
      for (const alias of voice.aliases) {
        if (alias.tag === candidate && (best === undefined || alias.priority < best.priority)) {
          best = { language: voice.language, priority: alias.priority };
        }
      }
    }
    if (best !== undefined) return best.language;
  }
  throw new TtsError(
    'language_unknown',
    `espeak-ng has no voice for language "${tag}" (see espeak-ng --voices for the languages it speaks)`,
  );
}
