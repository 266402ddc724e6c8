import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { appendFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simulateCall, ttsSeconds, type ResolvedSound } from '@ringflow/flow-core';
import { startAsterisk, type AsteriskInstance } from '../../../../scripts/asterisk/instance.js';
import { createAriClient, type AriClient } from '../../src/asterisk-ari/ari/client.js';
import { isAriNotFound } from '../../src/asterisk-ari/ari/ari-error.js';
import { createTtsMedia, espeakNgProvider, type TtsMedia } from '../../src/asterisk-ari/tts/index.js';
import type { TtsProvider } from '../../src/asterisk-ari/tts/provider.js';
import { decodeWav, encodeWav } from '../../src/asterisk-ari/tts/wav.js';
import type { ConformanceWorld } from '../../src/conformance/world.js';

/*
 * The Asterisk the conformance drivers play scenarios on: one lab instance (scripts/asterisk) per
 * test file, prompts that last exactly as long as the simulator says, `file` sounds of the length a
 * scenario gives them, and the few test agents the lab dialplan lacks.
 */

/** The dialplan context of the test agents added here (see {@link CONFORMANCE_DIALPLAN}). */
export const CONFORMANCE_CONTEXT = 'ringflow-conformance';

/**
 * Test agents the lab's `[ringflow-agents]` lacks, added at run time (`dialplan add extension`, no
 * file is changed): `reject-<N>` rings N seconds (decimals allowed), then declines (cause 21), as a
 * scenario's `reject: true, rejectAfterSeconds: N` does. The lab's own `reject` declines at once.
 */
export const CONFORMANCE_DIALPLAN: readonly string[] = [
  '_reject-.,1,Ringing()',
  '_reject-.,2,Wait(${CUT(EXTEN,-,2)})',
  '_reject-.,3,Hangup(21)',
];

/** What the conformance drivers share on one Asterisk. */
export interface ConformanceLab {
  readonly asterisk: AsteriskInstance;
  /** Prompts rendered by espeak-ng, each exactly `ttsSeconds(text)` long (see {@link exactLengthTts}). */
  readonly tts: TtsMedia;
  /**
   * The media URI of a `file` sound that lasts `seconds` (a soft tone, 8 kHz WAV written into the
   * instance folder the first time that length is asked for).
   */
  soundOfLength(seconds: number): string;
  /** An ARI client of the instance, its event socket open on {@link phoneApp}. */
  readonly ari: AriClient;
  /** The Stasis app the drivers' Local-channel phones are held in (one event socket for all). */
  readonly phoneApp: string;
  /** Channels and bridges Asterisk still has, as readable lines (empty when everything is clean). */
  leftovers(): Promise<string[]>;
  /** Stops Asterisk and the TTS server. */
  close(): Promise<void>;
}

/** Options of {@link startConformanceLab}. */
export interface ConformanceLabOptions {
  /** Instance folder name. */
  readonly name: string;
  readonly httpPort: number;
  readonly sipPort: number;
  /** SIP agents (sipp servers) reachable as `PJSIP/<id>`. */
  readonly sipAgents?: readonly { id: string; port: number }[];
}

/**
 * Starts a lab Asterisk with the conformance test agents and a TTS whose prompts last what the
 * simulator says. Renders every prompt of `world` up front, so that no call waits for a render.
 */
export async function startConformanceLab(
  options: ConformanceLabOptions,
  world: ConformanceWorld,
): Promise<ConformanceLab> {
  const asterisk = await startAsterisk({
    name: options.name,
    httpPort: options.httpPort,
    sipPort: options.sipPort,
    sipAgents: (options.sipAgents ?? []).map((agent) => ({ ...agent })),
  });
  let tts: TtsMedia | undefined;
  try {
    await raiseHttpSessionLimit(asterisk);
    for (const line of CONFORMANCE_DIALPLAN) {
      await asterisk.cli(`dialplan add extension ${line} into ${CONFORMANCE_CONTEXT}`);
    }
    tts = await createTtsMedia({
      provider: exactLengthTts(espeakNgProvider()),
      // Kept between runs (the cache key holds the text, the voice and the provider's version); one
      // per lab, so that labs started at the same time do not tidy each other's renders in progress.
      cacheDir: join(tmpdir(), `ringflow-conformance-tts-${options.name}`),
      // No music folder: a prompt with background music is its voice alone, of the same length.
      // No tail either, so that a prompt with music lasts as long as the simulator says.
      music: { tailSeconds: 0 },
    });
    await prerender(tts, world);
    const phoneApp = `${options.name}-phones`;
    const ari = await createAriClient({
      url: asterisk.ariUrl,
      user: asterisk.ariUser,
      password: asterisk.ariPassword,
      apps: [phoneApp],
    });
    await ari.events.connect();
    const soundsDir = join(asterisk.dir, 'conformance-sounds');
    mkdirSync(soundsDir, { recursive: true });
    const media = tts;
    return {
      asterisk,
      tts: media,
      ari,
      phoneApp,
      soundOfLength(seconds) {
        const ms = Math.round(seconds * 1000);
        const file = join(soundsDir, `tone-${ms}ms`);
        if (!existsSync(`${file}.wav`)) writeFileSync(`${file}.wav`, softTone(ms / 1000));
        // Asterisk picks the .wav itself; an absolute path inside the chroot.
        return `sound:${asterisk.toChroot(file)}`;
      },
      async leftovers() {
        const channels = await ari.channels.list();
        const bridges = await ari.bridges.list();
        return [
          ...channels.map((channel) => `channel ${channel.name} (${channel.id}, ${channel.state})`),
          ...bridges.map((bridge) => `bridge ${bridge.id} (${bridge.channels.length} channels)`),
        ];
      },
      async close() {
        await ari.close();
        await media.close();
        await asterisk.stop();
      },
    };
  } catch (error) {
    await tts?.close();
    await asterisk.stop();
    throw error;
  }
}

/** Asterisk's HTTP sessions (ARI event sockets and REST connections) a lab instance accepts. */
const HTTP_SESSION_LIMIT = 1000;

/**
 * Raises the instance's HTTP session limit (Asterisk's default is 100) when the lab's http.conf
 * does not set it: scenarios played side by side each hold an ARI event socket and REST
 * connections, and past the limit Asterisk resets new connections. Rewrites the generated
 * http.conf of this instance only, then reloads the module.
 */
async function raiseHttpSessionLimit(asterisk: AsteriskInstance): Promise<void> {
  const file = join(asterisk.dir, 'etc/http.conf');
  if (/^\s*sessionlimit\s*=/m.test(await readFile(file, 'utf8'))) return;
  await appendFile(file, `sessionlimit = ${HTTP_SESSION_LIMIT}\n`);
  await asterisk.cli('module reload http');
}

/**
 * A TTS provider whose renders last exactly `ttsSeconds(text)`, the length flow-core's simulator
 * gives a prompt: `inner`'s audio, cut or padded with silence. The conformance compares times, so
 * a prompt must take on Asterisk the time it takes in the simulator.
 */
export function exactLengthTts(inner: TtsProvider): TtsProvider {
  return {
    name: `${inner.name}-exact-length`,
    version: async (signal) => `${await inner.version(signal)}; exact length 1`,
    async render(request, signal) {
      const audio = await inner.render(request, signal);
      const bytes = typeof audio.wav === 'string' ? await readFile(audio.wav) : audio.wav;
      const voice = decodeWav(bytes, `the audio ${inner.name} rendered`);
      const samples = new Float32Array(Math.round(ttsSeconds(request.text) * voice.sampleRate));
      samples.set(voice.samples.subarray(0, samples.length));
      return { wav: encodeWav({ sampleRate: voice.sampleRate, samples }) };
    },
  };
}

/** Renders the prompts of every scenario (as the simulator's engine asks for them) into the cache. */
async function prerender(tts: TtsMedia, world: ConformanceWorld): Promise<void> {
  const sounds = new Map<string, Extract<ResolvedSound, { kind: 'tts' }>>();
  for (const example of world.examples) {
    for (const { scenario } of example.scenarios) {
      simulateCall(example.flow, scenario, {
        onTrace: ({ command }) => {
          const sound =
            command?.type === 'play' ? command.sound : command?.type === 'ring' ? command.music : undefined;
          if (sound?.kind === 'tts') sounds.set(JSON.stringify(sound), sound);
        },
      });
    }
  }
  await Promise.all([...sounds.values()].map((sound) => tts.fileFor(sound)));
}

/** A quiet 440 Hz tone of `seconds`, as an 8 kHz 16-bit mono WAV. */
function softTone(seconds: number): Buffer {
  const rate = 8000;
  const samples = new Float32Array(Math.round(seconds * rate));
  for (let i = 0; i < samples.length; i++) samples[i] = 0.05 * Math.sin((2 * Math.PI * 440 * i) / rate);
  return encodeWav({ sampleRate: rate, samples });
}

/** Hangs a channel up, ignoring one that is gone already. */
export async function hangUpQuietly(ari: AriClient, channelId: string): Promise<void> {
  try {
    await ari.channels.hangup(channelId);
  } catch (error) {
    if (!isAriNotFound(error)) throw error;
  }
}
