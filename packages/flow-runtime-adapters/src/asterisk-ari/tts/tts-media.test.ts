import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LogEntry } from '../../runtime/logger.js';
import { dbToGain, peak } from './audio.js';
import type { TtsProvider, TtsRequest } from './provider.js';
import { TtsError } from './tts-error.js';
import { createTtsMedia, type TtsMedia, type TtsSound } from './tts-media.js';
import { decodeWav, encodeWav } from './wav.js';

/**
 * A provider written the way an integrator plugs a cloud TTS: it answers a 16 kHz WAV (a tone
 * whose length follows the text) and counts its renders.
 */
function countingProvider(options: { version?: string; delayMs?: number; asPath?: string } = {}) {
  const renders: TtsRequest[] = [];
  let running = 0;
  let maxRunning = 0;
  const provider: TtsProvider = {
    name: 'test-tts',
    version: async () => options.version ?? '1',
    async render(request, signal) {
      renders.push(request);
      running++;
      maxRunning = Math.max(maxRunning, running);
      try {
        if (options.delayMs !== undefined) {
          await new Promise((resolve, reject) => {
            const timer = setTimeout(resolve, options.delayMs);
            signal?.addEventListener('abort', () => {
              clearTimeout(timer);
              reject(new Error('render aborted'));
            });
          });
        }
        const seconds = 0.05 * request.text.length;
        const samples = Float32Array.from(
          { length: Math.round(16000 * seconds) },
          (_, i) => 0.3 * Math.sin(i / 5),
        );
        const wav = encodeWav({ sampleRate: 16000, samples });
        if (options.asPath !== undefined) {
          await writeFile(options.asPath, wav);
          return { wav: options.asPath };
        }
        return { wav };
      } finally {
        running--;
      }
    },
  };
  return { provider, renders, maxRunning: () => maxRunning };
}

const tts = (text: string, extra: Partial<TtsSound> = {}): TtsSound => ({
  kind: 'tts',
  text,
  language: 'fr-FR',
  ...extra,
});

let dir: string;
let media: TtsMedia[];
let logs: LogEntry[];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ringflow-tts-media-'));
  media = [];
  logs = [];
});
afterEach(async () => {
  await Promise.all(media.map((item) => item.close()));
  await rm(dir, { recursive: true, force: true });
});

async function open(options: Partial<Parameters<typeof createTtsMedia>[0]> = {}): Promise<TtsMedia> {
  const created = await createTtsMedia({
    cacheDir: join(dir, 'cache'),
    logger: (entry) => logs.push(entry),
    ...options,
  });
  media.push(created);
  return created;
}

describe('createTtsMedia with espeak-ng (real)', () => {
  it('renders a valid 8 kHz mono 16-bit WAV with speech in it, served at the URI it returns', async () => {
    const media = await open();
    const sound = tts('Bonjour et bienvenue chez Solaris Énergie.');
    const file = await media.fileFor(sound);
    const bytes = await readFile(file);
    expect(bytes.toString('ascii', 0, 4)).toBe('RIFF');
    expect(bytes.toString('ascii', 8, 12)).toBe('WAVE');
    expect(bytes.readUInt16LE(20)).toBe(1);
    expect(bytes.readUInt16LE(22)).toBe(1);
    expect(bytes.readUInt32LE(24)).toBe(8000);
    expect(bytes.readUInt16LE(34)).toBe(16);
    const audio = decodeWav(bytes, file);
    expect(audio.samples.length / 8000).toBeGreaterThan(1.5);
    // Normalized to a -3 dBFS peak, with real signal throughout (not a click and silence).
    expect(peak(audio.samples)).toBeCloseTo(dbToGain(-3), 2);
    const loud = audio.samples.filter((sample) => Math.abs(sample) > 0.05).length;
    expect(loud / audio.samples.length).toBeGreaterThan(0.1);

    const uri = await media.uriFor(sound);
    expect(uri).toBe(`sound:${media.baseUrl}/tts/${basename(file)}`);
    expect(uri).toMatch(/^sound:http:\/\/127\.0\.0\.1:\d+\/tts\/[0-9a-f]{64}\.wav$/);
    const response = await fetch(uri.slice('sound:'.length));
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);
    // The request is logged once the response has been sent.
    await vi.waitFor(() =>
      expect(logs.map((entry) => entry.event)).toEqual(['tts.rendered', 'tts.http.request']),
    );
  });

  it('rejects a language espeak-ng does not speak with a clear TtsError', async () => {
    const media = await open();
    await expect(media.uriFor(tts('hello', { language: 'tlh-QO' }))).rejects.toMatchObject({
      code: 'language_unknown',
      message: expect.stringContaining('"tlh-QO"') as string,
    });
  });
});

describe('createTtsMedia cache', () => {
  it('renders a sound once: the same sound later, in another case or Unicode form, or after a restart is a hit', async () => {
    const { provider, renders } = countingProvider();
    const first = await open({ provider });
    const uri = await first.uriFor(tts('Ça va ?'));
    expect(await first.uriFor(tts('Ça va ?'))).toBe(uri);
    expect(await first.uriFor(tts('C\u0327a va ?', { language: 'fr-fr' }))).toBe(uri);
    expect(renders).toEqual([{ text: 'Ça va ?', language: 'fr-FR' }]);
    const hash = /([0-9a-f]{64})\.wav$/.exec(uri)![1];

    // A new process on the same folder: no render either.
    await first.close();
    const second = await open({ provider });
    expect(await second.uriFor(tts('Ça va ?'))).toMatch(new RegExp(`/tts/${hash}\\.wav$`));
    expect(renders).toHaveLength(1);
  });

  it('renders anew for another text, language, voice or provider version', async () => {
    const { provider, renders } = countingProvider();
    const media = await open({ provider });
    const uris = new Set([
      await media.uriFor(tts('Bonjour')),
      await media.uriFor(tts('Bonsoir')),
      await media.uriFor(tts('Bonjour', { language: 'fr-CA' })),
      await media.uriFor(tts('Bonjour', { voice: 'f3' })),
    ]);
    expect(uris.size).toBe(4);
    expect(renders).toHaveLength(4);
    const upgraded = countingProvider({ version: '2' });
    const media2 = await open({ provider: upgraded.provider });
    expect(await media2.uriFor(tts('Bonjour'))).not.toBe([...uris][0]);
    expect(upgraded.renders).toHaveLength(1);
  });

  it('shares one render among concurrent asks, and caps renders running at once', async () => {
    const { provider, renders, maxRunning } = countingProvider({ delayMs: 50 });
    const media = await open({ provider, maxConcurrentRenders: 2 });
    const same = await Promise.all(Array.from({ length: 10 }, () => media.uriFor(tts('Un instant'))));
    expect(new Set(same).size).toBe(1);
    expect(renders).toHaveLength(1);
    await Promise.all(['a', 'b', 'c', 'd', 'e'].map((text) => media.uriFor(tts(`Texte ${text}`))));
    expect(renders).toHaveLength(6);
    expect(maxRunning()).toBe(2);
  });

  it('renders again, on the PBX request, a file evicted after its URI was handed out', async () => {
    const { provider, renders } = countingProvider();
    const media = await open({ provider });
    const sound = tts('Merci');
    const file = await media.fileFor(sound);
    const uri = await media.uriFor(sound);
    const original = await readFile(file);
    await rm(file);
    const response = await fetch(uri.slice('sound:'.length));
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).equals(original)).toBe(true);
    expect(renders).toHaveLength(2);
    // An unknown hash is still a plain 404.
    expect((await fetch(uri.slice('sound:'.length).replace(/[0-9a-f]{64}/, 'e'.repeat(64)))).status).toBe(
      404,
    );
  });

  it('reads a WAV file the provider leaves on disk, and converts its 16 kHz to 8 kHz', async () => {
    const { provider } = countingProvider({ asPath: join(dir, 'provider-output.wav') });
    const media = await open({ provider });
    const audio = decodeWav(await readFile(await media.fileFor(tts('0123456789'))), 'out');
    expect(audio.sampleRate).toBe(8000);
    expect(audio.samples.length).toBe(4000);
  });
});

describe('createTtsMedia music', () => {
  async function musicFile(name: string): Promise<void> {
    await mkdir(join(dir, 'flow', 'sounds'), { recursive: true });
    // Stereo 44.1 kHz, as music files usually are: 0.5 s of a 440 Hz tone.
    const frames = 22050;
    const bytes = Buffer.alloc(44 + frames * 4);
    bytes.write('RIFF', 0, 'ascii');
    bytes.writeUInt32LE(36 + frames * 4, 4);
    bytes.write('WAVEfmt ', 8, 'ascii');
    bytes.writeUInt32LE(16, 16);
    bytes.writeUInt16LE(1, 20);
    bytes.writeUInt16LE(2, 22);
    bytes.writeUInt32LE(44100, 24);
    bytes.writeUInt32LE(44100 * 4, 28);
    bytes.writeUInt16LE(4, 32);
    bytes.writeUInt16LE(16, 34);
    bytes.write('data', 36, 'ascii');
    bytes.writeUInt32LE(frames * 4, 40);
    for (let i = 0; i < frames; i++) {
      const value = Math.round(16000 * Math.sin((2 * Math.PI * 440 * i) / 44100));
      bytes.writeInt16LE(value, 44 + i * 4);
      bytes.writeInt16LE(value, 46 + i * 4);
    }
    await writeFile(join(dir, 'flow', 'sounds', name), bytes);
  }

  /** RMS over [from, to) seconds of an 8 kHz file. */
  function rms(samples: Float32Array, from: number, to: number): number {
    const part = samples.subarray(Math.round(from * 8000), Math.round(to * 8000));
    return Math.sqrt(part.reduce((sum, sample) => sum + sample * sample, 0) / part.length);
  }

  it('mixes the music under the voice, looped, with a tail that fades out', async () => {
    await musicFile('soft.wav');
    const { provider } = countingProvider();
    const media = await open({ provider, musicDir: join(dir, 'flow') });
    const voiceOnly = decodeWav(await readFile(await media.fileFor(tts('0123456789'))), 'voice');
    const mixed = decodeWav(
      await readFile(await media.fileFor(tts('0123456789', { music: { file: 'sounds/soft.wav' } }))),
      'mixed',
    );
    // 0.5 s of voice + 1.5 s of tail.
    expect(voiceOnly.samples.length).toBe(4000);
    expect(mixed.samples.length).toBe(4000 + 12000);
    // In the tail: the music alone at about -18 dB of its level (0.49 peak, so RMS ~0.35 × 0.126),
    // looped past its own 0.5 s, and fading to silence at the end.
    expect(rms(mixed.samples, 0.6, 0.8)).toBeGreaterThan(0.03);
    expect(rms(mixed.samples, 0.6, 0.8)).toBeLessThan(0.06);
    expect(rms(mixed.samples, 1.1, 1.2)).toBeGreaterThan(0.01);
    expect(rms(mixed.samples, 1.95, 2)).toBeLessThan(0.002);
  });

  it('decodes mp3 music with sox (libsox-fmt-mp3)', async () => {
    await mkdir(join(dir, 'flow', 'sounds'), { recursive: true });
    const mp3 = join(dir, 'flow', 'sounds', 'musique-douce.mp3');
    execFileSync('sox', ['-n', '-r', '44100', '-c', '2', mp3, 'synth', '3', 'sine', '440', 'vol', '0.5']);
    const { provider } = countingProvider();
    const media = await open({ provider, musicDir: join(dir, 'flow') });
    const mixed = decodeWav(
      await readFile(await media.fileFor(tts('0123456789', { music: { file: 'sounds/musique-douce.mp3' } }))),
      'mixed',
    );
    expect(mixed.samples.length).toBe(16000);
    expect(rms(mixed.samples, 0.6, 0.8)).toBeGreaterThan(0.02);
    expect(logs.filter((entry) => entry.level === 'warn')).toEqual([]);
  });

  it('says the words without music, with a warning, when the music cannot be had', async () => {
    await mkdir(join(dir, 'flow', 'sounds'), { recursive: true });
    await writeFile(join(dir, 'flow', 'sounds', 'broken.mp3'), 'this is not an mp3');
    await writeFile(join(dir, 'outside.wav'), 'x');
    const { provider, renders } = countingProvider();
    const media = await open({ provider, musicDir: join(dir, 'flow') });
    const plain = await media.fileFor(tts('Bonjour'));
    for (const file of ['sounds/missing.wav', '../outside.wav', 'sounds/broken.mp3']) {
      expect(await media.fileFor(tts('Bonjour', { music: { file } }))).toBe(plain);
    }
    const warnings = logs.filter((entry) => entry.event === 'tts.music.unavailable');
    expect(warnings.map((entry) => [entry.level, entry.music])).toEqual([
      ['warn', 'sounds/missing.wav'],
      ['warn', '../outside.wav'],
      ['warn', 'sounds/broken.mp3'],
    ]);
    expect(warnings[0]!.reason).toMatch(/missing\.wav does not exist$/);
    expect(warnings[1]!.reason).toBe('"../outside.wav" is outside the music folder');
    expect(warnings[2]!.reason).toMatch(/could not be decoded/);
    // The voice rendered for the broken mp3 was reused, not rendered twice; one render in all.
    expect(renders).toHaveLength(2);

    const noDir = await open({ provider, cacheDir: join(dir, 'cache2') });
    await noDir.fileFor(tts('Bonjour', { music: { file: 'sounds/soft.wav' } }));
    expect(logs.at(-2)).toMatchObject({
      event: 'tts.music.unavailable',
      reason: 'no musicDir was given to createTtsMedia',
    });
  });
});

describe('createTtsMedia serving and lifecycle', () => {
  it('gives Asterisk a path without extension in path mode', async () => {
    const { provider } = countingProvider();
    const seen: string[] = [];
    const media = await open({
      provider,
      serve: {
        pathFor(hostPath) {
          seen.push(hostPath);
          return hostPath.replace(dir, '/chroot-view');
        },
      },
    });
    const uri = await media.uriFor(tts('Bonjour'));
    expect(media.baseUrl).toBeUndefined();
    expect(seen).toEqual([await media.fileFor(tts('Bonjour'))]);
    expect(uri).toMatch(/^sound:\/chroot-view\/cache\/[0-9a-f]{64}$/);
  });

  it('writes 16 kHz .wav16 files when asked, with the type Asterisk needs to recognize them', async () => {
    const { provider } = countingProvider();
    const media = await open({
      provider,
      sampleRate: 16000,
      serve: { host: '127.0.0.1', port: 0, baseUrl: 'http://pbx-side:8080/' },
    });
    const uri = await media.uriFor(tts('0123456789'));
    expect(uri).toMatch(/^sound:http:\/\/pbx-side:8080\/tts\/[0-9a-f]{64}\.wav16$/);
    expect(media.baseUrl).toBe('http://pbx-side:8080');
    const file = await media.fileFor(tts('0123456789'));
    expect(file.endsWith('.wav16')).toBe(true);
    const audio = decodeWav(await readFile(file), 'wav16');
    expect(audio.sampleRate).toBe(16000);
    expect(audio.samples.length).toBe(8000);
  });

  it('fails a render that takes too long, and stops renders on close', async () => {
    const slow = countingProvider({ delayMs: 60_000 });
    const media = await open({ provider: slow.provider, renderTimeoutMs: 200 });
    const error = await media.uriFor(tts('Bonjour')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TtsError);
    expect(error).toMatchObject({ code: 'aborted', message: 'test-tts did not finish within 200 ms' });

    const other = await open({ provider: slow.provider, cacheDir: join(dir, 'cache2') });
    const pending = other.uriFor(tts('Au revoir'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    await other.close();
    await expect(pending).rejects.toMatchObject({ code: 'aborted' });
    await expect(other.uriFor(tts('Au revoir'))).rejects.toThrow('the TTS media is closed');
  });

  it('refuses a sample rate Asterisk has no WAV format for', async () => {
    await expect(open({ sampleRate: 44100 as 8000 })).rejects.toThrow(
      'sampleRate must be 8000 or 16000, not 44100',
    );
  });
});
