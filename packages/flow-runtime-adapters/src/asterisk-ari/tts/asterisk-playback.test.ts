import { mkdir, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startAsterisk, type AsteriskInstance } from '../../../../../scripts/asterisk/instance.js';
import type { LogEntry } from '../../runtime/logger.js';
import { createTtsMedia, type TtsMedia, type TtsSound } from './tts-media.js';
import { encodeWav } from './wav.js';

/*
 * The prompts played by a real Asterisk 22 (the lab chroot of scripts/asterisk): a channel in a
 * Stasis app plays `sound:http://...` through res_http_media_cache, and a `sound:/path` in path
 * mode; PlaybackFinished must say `done`, after as long as the audio lasts.
 */

/** This suite's Asterisk HTTP ports (each helper has its own range). */
const HTTP_PORTS = [18250, 18299] as const;
const APP = `ringflow-tts-${process.pid}`;

interface AriEvent {
  readonly type: string;
  readonly channel?: { readonly id: string };
  readonly playback?: { readonly id: string; readonly state: string; readonly media_uri: string };
}

let asterisk: AsteriskInstance;
let socket: WebSocket;
const events: AriEvent[] = [];
const waiters = new Set<() => void>();
let http: TtsMedia;
let byPath: TtsMedia;
const logs: LogEntry[] = [];
let channelId: string;

async function ari(method: string, path: string, query: Record<string, string> = {}): Promise<unknown> {
  const url = new URL(`/ari${path}`, asterisk.ariUrl);
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  const response = await fetch(url, { method, headers: asterisk.authHeaders });
  const text = await response.text();
  if (!response.ok) throw new Error(`ARI ${method} ${path} answered ${response.status}: ${text}`);
  return text === '' ? undefined : JSON.parse(text);
}

function waitForEvent(
  match: (event: AriEvent) => boolean,
  what: string,
  timeoutMs = 10_000,
): Promise<AriEvent> {
  return new Promise((resolve, reject) => {
    const check = (): void => {
      const found = events.find(match);
      if (found === undefined) return;
      waiters.delete(check);
      clearTimeout(timer);
      resolve(found);
    };
    const timer = setTimeout(() => {
      waiters.delete(check);
      reject(
        new Error(
          `no ${what} within ${timeoutMs} ms; events: ${events.map((event) => event.type).join(', ')}`,
        ),
      );
    }, timeoutMs);
    waiters.add(check);
    check();
  });
}

async function freePortIn([from, to]: readonly [number, number]): Promise<number> {
  for (let port = from; port <= to; port++) {
    const free = await new Promise<boolean>((resolve) => {
      const probe = createServer();
      probe.once('error', () => resolve(false));
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`no free port in ${from}-${to}`);
}

/** Plays `uri` on the test channel; resolves with the final state and how long it took. */
async function play(uri: string, playbackId: string): Promise<{ state: string; ms: number }> {
  const started = Date.now();
  await ari('POST', `/channels/${channelId}/play`, { media: uri, playbackId });
  const finished = await waitForEvent(
    (event) => event.type === 'PlaybackFinished' && event.playback?.id === playbackId,
    `PlaybackFinished of ${playbackId}`,
  );
  return { state: finished.playback!.state, ms: Date.now() - started };
}

/** Length of a rendered 8 kHz 16-bit mono WAV, in milliseconds. */
async function durationMs(media: TtsMedia, sound: TtsSound): Promise<number> {
  const { size } = await stat(await media.fileFor(sound));
  return ((size - 44) / 2 / 8000) * 1000;
}

beforeAll(async () => {
  asterisk = await startAsterisk({ name: 'tts-playback', httpPort: await freePortIn(HTTP_PORTS) });
  // A flow folder with a music file: one second of a soft A major chord.
  const flowDir = join(asterisk.dir, 'flow');
  await mkdir(join(flowDir, 'sounds'), { recursive: true });
  const chord = Float32Array.from({ length: 8000 }, (_, i) =>
    [440, 554.37, 659.25].reduce((sum, hz) => sum + 0.25 * Math.sin((2 * Math.PI * hz * i) / 8000), 0),
  );
  await writeFile(join(flowDir, 'sounds', 'chord.wav'), encodeWav({ sampleRate: 8000, samples: chord }));
  http = await createTtsMedia({
    cacheDir: join(asterisk.dir, 'tts-http'),
    musicDir: flowDir,
    logger: (entry) => logs.push(entry),
  });
  // Path mode: the cache lives inside the chroot, and Asterisk reads it by its path there.
  byPath = await createTtsMedia({
    cacheDir: join(asterisk.dir, 'tts-files'),
    serve: { pathFor: (hostPath) => asterisk.toChroot(hostPath) },
  });
  socket = new WebSocket(`${asterisk.ariUrl.replace(/^http/, 'ws')}/ari/events?app=${APP}`, {
    headers: asterisk.authHeaders,
  });
  socket.on('message', (data: Buffer) => {
    events.push(JSON.parse(data.toString('utf8')) as AriEvent);
    for (const waiter of [...waiters]) waiter();
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  // A Local channel whose other half answers at once: ours enters the Stasis app, answered.
  const channel = (await ari('POST', '/channels', {
    endpoint: 'Local/answer-0@ringflow-agents',
    app: APP,
  })) as {
    id: string;
  };
  channelId = channel.id;
  await waitForEvent(
    (event) => event.type === 'StasisStart' && event.channel?.id === channelId,
    'StasisStart',
  );
}, 40_000);

afterAll(async () => {
  await ari('DELETE', `/channels/${channelId}`).catch(() => undefined);
  socket?.close();
  await http?.close();
  await byPath?.close();
  await asterisk?.stop();
});

// Each test plays a few seconds of audio in real time.
describe('TTS prompts played by a real Asterisk', { timeout: 20_000 }, () => {
  it('plays a sound:http:// URI fetched from the TTS server, to the end', async () => {
    const sound: TtsSound = { kind: 'tts', text: 'Bonjour, ceci est un essai.', language: 'fr-FR' };
    const uri = await http.uriFor(sound);
    expect(uri).toMatch(/^sound:http:\/\/127\.0\.0\.1:\d+\/tts\/[0-9a-f]{64}\.wav$/);
    const { state, ms } = await play(uri, 'tts-http-1');
    expect(state).toBe('done');
    // Played in real time: a failed or skipped playback ends at once.
    expect(ms).toBeGreaterThan((await durationMs(http, sound)) * 0.8);
    const hash = /([0-9a-f]{64})\.wav$/.exec(uri)![1];
    expect(logs.filter((entry) => entry.event === 'tts.http.request')).toEqual([
      expect.objectContaining({ method: 'GET', status: 200, hash }),
    ]);

    // Asterisk keeps it in its media cache: a second play does not fetch it again.
    expect((await play(uri, 'tts-http-2')).state).toBe('done');
    expect(logs.filter((entry) => entry.event === 'tts.http.request')).toHaveLength(1);
  });

  it('plays a prompt with background music, and reports a URI it cannot fetch as failed', async () => {
    const sound: TtsSound = {
      kind: 'tts',
      text: 'Good morning.',
      language: 'en-GB',
      music: { file: 'sounds/chord.wav' },
    };
    const { state, ms } = await play(await http.uriFor(sound), 'tts-http-3');
    expect(state).toBe('done');
    // The voice plus the 1.5 s music tail.
    expect(ms).toBeGreaterThan((await durationMs(http, sound)) * 0.8);
    expect(await durationMs(http, sound)).toBeGreaterThan(1500);
    expect(logs.filter((entry) => entry.level === 'warn' && entry.event !== 'tts.http.request')).toEqual([]);
    const missing = `sound:${http.baseUrl}/tts/${'0'.repeat(64)}.wav`;
    expect((await play(missing, 'tts-http-4')).state).toBe('failed');
  });

  it('plays a sound:/path URI in path mode', async () => {
    const sound: TtsSound = { kind: 'tts', text: 'Au revoir.', language: 'fr-FR', voice: 'f3' };
    const uri = await byPath.uriFor(sound);
    expect(uri).toBe(`sound:${asterisk.toChroot(await byPath.fileFor(sound)).replace(/\.wav$/, '')}`);
    const { state, ms } = await play(uri, 'tts-path-1');
    expect(state).toBe('done');
    expect(ms).toBeGreaterThan((await durationMs(byPath, sound)) * 0.8);
  });
});
