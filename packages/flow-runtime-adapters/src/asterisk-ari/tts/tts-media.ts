import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename, isAbsolute, relative, resolve } from 'node:path';
import type { ResolvedSound } from '@ringflow/flow-core';
import type { RuntimeLogger } from '../../runtime/logger.js';
import { createAudioCache, type AudioCache } from './audio-cache.js';
import { mixUnder, normalizePeak, resampleInSlices, type MusicMix } from './audio.js';
import { espeakNgProvider } from './espeak-ng.js';
import { startTtsHttpServer, type TtsHttpServer } from './http-server.js';
import { loadMusic } from './music.js';
import type { TtsProvider, TtsRequest } from './provider.js';
import { TtsError } from './tts-error.js';
import { decodeWav, encodeWav, type PcmAudio } from './wav.js';

/** A TTS sound as the engine asks for it in a `play` command. */
export type TtsSound = Extract<ResolvedSound, { kind: 'tts' }>;

/** Serve rendered prompts over HTTP; Asterisk fetches them through res_http_media_cache. */
export interface TtsHttpServe {
  /** Interface to listen on. Default `127.0.0.1`: only a PBX on the same machine can fetch. */
  readonly host?: string;
  /** Port; default 0 (any free port). Give a fixed one in production: see `docs/adapters/asterisk-ari.md`. */
  readonly port?: number;
  /**
   * The URL the PBX uses to reach this server, when it is not `http://host:port` (Asterisk on
   * another machine or in a container): `http://10.0.0.5:8089`.
   */
  readonly baseUrl?: string;
}

/** Give Asterisk the file by path: the cache folder is on a file system Asterisk reads too. */
export interface TtsPathServe {
  /** The path Asterisk sees for a file of the cache (a chroot or container maps paths). */
  pathFor(hostPath: string): string;
}

/** Options of {@link createTtsMedia}. */
export interface TtsMediaOptions {
  /** The TTS engine. Default: `espeakNgProvider()`. */
  readonly provider?: TtsProvider;
  /** Where rendered prompts are kept (created if missing). Survives restarts; safe to delete. */
  readonly cacheDir: string;
  /** The folder that music files (`music.file`, relative paths) are read from: the flow's folder. */
  readonly musicDir?: string;
  /** HTTP (default, `{ host: '127.0.0.1', port: 0 }`) or path mode. */
  readonly serve?: TtsHttpServe | TtsPathServe;
  /**
   * Rate of the files written. 8000 (default): `.wav`, what narrowband calls (G.711, the vast
   * majority on trunks) carry, played without any conversion. 16000: `.wav16`, better on wideband
   * calls (G.722, Opus); Asterisk converts it down for narrowband ones.
   */
  readonly sampleRate?: 8000 | 16000;
  /** Size above which least recently used prompts are removed. Default 256 MiB (about 4 h of audio). */
  readonly maxCacheBytes?: number;
  /** How background music sits under the voice. Default `{ gainDb: -18, tailSeconds: 1.5, fadeInSeconds: 0.05 }`. */
  readonly music?: Partial<MusicMix>;
  /** The sox program, used to decode compressed music (`.mp3`, `.ogg`, `.gsm`). Default `sox`. */
  readonly sox?: string;
  /** A render (engine + processing) taking longer than this fails. Default 30 000 ms. */
  readonly renderTimeoutMs?: number;
  /** Renders running at once; more wait their turn. Default: the number of CPU cores. */
  readonly maxConcurrentRenders?: number;
  /** Receives `tts.rendered`, `tts.music.unavailable`, `tts.http.request` and `tts.http.failed` lines. */
  readonly logger?: RuntimeLogger;
}

/** Rendered TTS prompts, ready for a PBX to play. */
export interface TtsMedia {
  /**
   * The media URI Asterisk plays for `sound` (renders it first when not cached):
   * `sound:http://127.0.0.1:PORT/tts/<hash>.wav` in HTTP mode, `sound:/path/seen/by/asterisk/<hash>`
   * in path mode. Rejects with a TtsError when the sound cannot be rendered.
   */
  uriFor(sound: TtsSound): Promise<string>;
  /** The rendered WAV file on this machine (renders it first when not cached). */
  fileFor(sound: TtsSound): Promise<string>;
  /** The HTTP server's base URL in HTTP mode, else undefined. */
  readonly baseUrl: string | undefined;
  /** Stops the HTTP server and aborts renders in progress. Idempotent. */
  close(): Promise<void>;
}

/** The default rate of what is written: WAV, PCM signed 16-bit little-endian, mono, 8 kHz (Asterisk's `wav`). */
export const TTS_SAMPLE_RATE = 8000;
/** Bumped whenever the processing below changes what a given input sounds like. */
const PIPELINE_VERSION = 1;
/** The voice's peak level after normalization, in dBFS, and the most it may be raised. */
const VOICE_PEAK_DB = -3;
const VOICE_MAX_GAIN_DB = 12;
/** Files used in the last 10 minutes are never evicted: a URI just handed out must still play. */
const KEEP_RECENT_MS = 10 * 60 * 1000;
/** Recipes kept to render an evicted file again when the PBX asks for it. */
const MAX_RECIPES = 10_000;
const DEFAULT_MIX: MusicMix = { gainDb: -18, tailSeconds: 1.5, fadeInSeconds: 0.05 };

/** A music file found and hashed. */
interface MusicSource {
  readonly path: string;
  readonly hash: string;
}

/** A music problem: the prompt is still rendered, without music (reusing the voice if rendered). */
class MusicUnavailable extends Error {
  constructor(
    message: string,
    readonly voice?: PcmAudio,
  ) {
    super(message);
  }
}

/**
 * Renders the flow's TTS sounds to cached WAV files and hands Asterisk a URI for each. The cache
 * key is a hash of everything that decides the audio (text, language, voice, music file content,
 * mix, output format, provider name and version), so a sound is rendered once, whichever call asks
 * first; concurrent asks share the render. Rejects when the provider cannot work (espeak-ng not
 * installed) or the HTTP port is taken.
 *
 * @example
 * const tts = await createTtsMedia({ cacheDir: '/var/cache/ringflow/tts', musicDir: '/etc/ringflow/flows' });
 * const uri = await tts.uriFor({ kind: 'tts', text: 'Bonjour', language: 'fr-FR' });
 * // 'sound:http://127.0.0.1:40123/tts/3f1c...e9.wav', given to POST /channels/{id}/play?media=...
 */
export async function createTtsMedia(options: TtsMediaOptions): Promise<TtsMedia> {
  const provider = options.provider ?? espeakNgProvider();
  const log = options.logger ?? (() => undefined);
  const emit = (level: 'info' | 'warn' | 'error', event: string, fields: Record<string, unknown>): void => {
    try {
      log({ time: new Date().toISOString(), level, event, ...fields });
    } catch {
      // A logger that throws is ignored (RuntimeLogger's contract).
    }
  };
  const mix: MusicMix = { ...DEFAULT_MIX, ...options.music };
  const sox = options.sox ?? 'sox';
  const renderTimeoutMs = options.renderTimeoutMs ?? 30_000;
  const closed = new AbortController();
  const sampleRate = options.sampleRate ?? TTS_SAMPLE_RATE;
  if (sampleRate !== 8000 && sampleRate !== 16000) {
    throw new TypeError(`createTtsMedia: sampleRate must be 8000 or 16000, not ${String(sampleRate)}`);
  }
  const extension = sampleRate === 16000 ? 'wav16' : 'wav';
  const limit = createLimiter(options.maxConcurrentRenders ?? availableParallelism());

  const providerVersion = await provider.version(AbortSignal.timeout(renderTimeoutMs));
  const cache: AudioCache = await createAudioCache({
    dir: resolve(options.cacheDir),
    extension,
    maxBytes: options.maxCacheBytes ?? 256 * 1024 * 1024,
    keepRecentMs: KEEP_RECENT_MS,
  });

  const musicHashes = new Map<string, { size: number; mtimeMs: number; hash: string }>();
  const findMusic = async (file: string): Promise<MusicSource> => {
    if (options.musicDir === undefined) {
      throw new MusicUnavailable('no musicDir was given to createTtsMedia');
    }
    const root = resolve(options.musicDir);
    const path = resolve(root, file);
    const inside = relative(root, path);
    if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) {
      throw new MusicUnavailable(`"${file}" is outside the music folder`);
    }
    const facts = await stat(path).catch(() => undefined);
    if (facts === undefined || !facts.isFile()) throw new MusicUnavailable(`${path} does not exist`);
    const known = musicHashes.get(path);
    if (known !== undefined && known.size === facts.size && known.mtimeMs === facts.mtimeMs) {
      return { path, hash: known.hash };
    }
    const hash = createHash('sha256')
      .update(await readFile(path))
      .digest('hex');
    musicHashes.set(path, { size: facts.size, mtimeMs: facts.mtimeMs, hash });
    return { path, hash };
  };

  const hashOf = (request: TtsRequest, music: MusicSource | undefined): string =>
    createHash('sha256')
      .update(
        JSON.stringify({
          pipeline: PIPELINE_VERSION,
          format: `wav/s16le/${sampleRate}/mono`,
          provider: provider.name,
          providerVersion,
          text: request.text,
          language: request.language,
          voice: request.voice ?? null,
          music: music === undefined ? null : { sha256: music.hash, ...mix },
        }),
      )
      .digest('hex');

  const renderVoice = (request: TtsRequest): Promise<PcmAudio> =>
    limit(async () => {
      const signal = AbortSignal.any([closed.signal, AbortSignal.timeout(renderTimeoutMs)]);
      const where = `the audio ${provider.name} rendered`;
      let wav: Uint8Array;
      try {
        const audio = await provider.render(request, signal);
        wav = typeof audio.wav === 'string' ? await readFile(audio.wav) : audio.wav;
      } catch (error) {
        if (signal.aborted && !(error instanceof TtsError && error.code === 'aborted')) {
          throw new TtsError('aborted', `${provider.name} did not finish within ${renderTimeoutMs} ms`, {
            cause: error,
          });
        }
        throw error;
      }
      const voice = await resampleInSlices(decodeWav(wav, where), sampleRate);
      return normalizePeak(voice, VOICE_PEAK_DB, VOICE_MAX_GAIN_DB);
    });

  const recipes = new Map<string, () => Promise<Uint8Array>>();
  const remember = (hash: string, recipe: () => Promise<Uint8Array>): void => {
    recipes.delete(hash);
    recipes.set(hash, recipe);
    if (recipes.size > MAX_RECIPES) recipes.delete(recipes.keys().next().value!);
  };

  const render = async (hash: string, recipe: () => Promise<Uint8Array>, fields: Record<string, unknown>) => {
    const started = Date.now();
    const { path, created } = await cache.obtain(hash, recipe);
    remember(hash, recipe);
    if (created) {
      emit('info', 'tts.rendered', { hash, provider: provider.name, ms: Date.now() - started, ...fields });
    }
    return path;
  };

  const fileFor = async (sound: TtsSound): Promise<string> => {
    if (closed.signal.aborted) throw new TtsError('aborted', 'the TTS media is closed');
    const request: TtsRequest = {
      text: sound.text.normalize('NFC'),
      language: canonicalLanguage(sound.language),
      ...(sound.voice === undefined || sound.voice === '' ? {} : { voice: sound.voice }),
    };
    const described = {
      language: request.language,
      ...(request.voice === undefined ? {} : { voice: request.voice }),
    };
    let spareVoice: PcmAudio | undefined;
    if (sound.music !== undefined) {
      const musicFile = sound.music.file;
      try {
        const music = await findMusic(musicFile);
        return await render(
          hashOf(request, music),
          async () => {
            const voice = await renderVoice(request);
            let background: PcmAudio;
            try {
              background = await loadMusic(music.path, {
                sampleRate,
                maxSeconds: voice.samples.length / sampleRate + mix.tailSeconds + 0.1,
                sox,
                signal: AbortSignal.any([closed.signal, AbortSignal.timeout(renderTimeoutMs)]),
              });
            } catch (error) {
              throw new MusicUnavailable(error instanceof Error ? error.message : String(error), voice);
            }
            return encodeWav(mixUnder(voice, background, mix));
          },
          { ...described, music: musicFile },
        );
      } catch (error) {
        if (!(error instanceof MusicUnavailable)) throw error;
        // The words matter more than the music: say them without it rather than not at all.
        emit('warn', 'tts.music.unavailable', { music: musicFile, reason: error.message });
        spareVoice = error.voice;
      }
    }
    try {
      return await render(
        hashOf(request, undefined),
        async () => encodeWav(spareVoice ?? (await renderVoice(request))),
        described,
      );
    } finally {
      // The recipe is kept for re-renders: it must not keep the audio alive.
      spareVoice = undefined;
    }
  };

  let server: TtsHttpServer | undefined;
  let baseUrl: string | undefined;
  let uriOf: (path: string) => string;
  const serve = options.serve ?? {};
  if ('pathFor' in serve) {
    // Without the extension: Asterisk finds `<hash>.wav` or `<hash>.wav16` by itself.
    uriOf = (path) => `sound:${serve.pathFor(path).replace(/\.wav(?:16)?$/, '')}`;
  } else {
    server = await startTtsHttpServer({
      host: serve.host ?? '127.0.0.1',
      port: serve.port ?? 0,
      extension,
      async fileOf(hash) {
        const cached = await cache.lookup(hash);
        if (cached !== undefined) return cached;
        // Evicted (or the folder was wiped) after its URI was handed out: render it again.
        const recipe = recipes.get(hash);
        return recipe === undefined ? undefined : (await cache.obtain(hash, recipe)).path;
      },
      onRequest: (info) => emit(info.status < 400 ? 'info' : 'warn', 'tts.http.request', { ...info }),
      onError: (error, hash) =>
        emit('error', 'tts.http.failed', {
          hash,
          error: error instanceof Error ? error.message : String(error),
        }),
    });
    const base = (serve.baseUrl ?? server.url).replace(/\/+$/, '');
    baseUrl = base;
    uriOf = (path) => `sound:${base}/tts/${basename(path)}`;
  }

  let closing: Promise<void> | undefined;
  return {
    baseUrl,
    fileFor,
    async uriFor(sound) {
      return uriOf(await fileFor(sound));
    },
    close() {
      closing ??= (async () => {
        closed.abort(new TtsError('aborted', 'the TTS media was closed'));
        await server?.close();
      })();
      return closing;
    },
  };
}

/** Runs at most `max` tasks at once; the others wait in order. */
function createLimiter(max: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    // A finishing task hands its slot straight to the next waiting one, so none can jump the queue.
    if (running >= max) await new Promise<void>((wake) => waiting.push(wake));
    else running++;
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next === undefined) running--;
      else next();
    }
  };
}

/** A BCP 47 tag in its usual case, so `fr-fr` and `fr-FR` are one sound: `fr-FR`, `zh-Hant-TW`. */
export function canonicalLanguage(tag: string): string {
  return tag
    .trim()
    .replaceAll('_', '-')
    .split('-')
    .map((part, index) => {
      if (index === 0) return part.toLowerCase();
      if (part.length === 2) return part.toUpperCase();
      if (part.length === 4) return part[0]!.toUpperCase() + part.slice(1).toLowerCase();
      return part.toLowerCase();
    })
    .join('-');
}
