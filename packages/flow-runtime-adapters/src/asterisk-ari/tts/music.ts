import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { resampleInSlices } from './audio.js';
import { runTool } from './run-tool.js';
import { TtsError } from './tts-error.js';
import { decodeRaw, decodeWav, type PcmAudio } from './wav.js';

/**
 * Reads a background-music file as mono audio at `sampleRate`. WAV and Asterisk's raw formats
 * (`.sln`, `.sln16`, `.ulaw`, `.alaw`) are decoded in TypeScript; compressed formats (`.mp3`,
 * `.ogg`, `.gsm`) and unusual WAV encodings go through sox (`sox` package; `.mp3` also needs
 * `libsox-fmt-mp3`). Only the first `maxSeconds` are kept. `bytes` are the file's content when the
 * caller already read it.
 */
export async function loadMusic(
  path: string,
  options: { sampleRate: number; maxSeconds: number; sox: string; signal?: AbortSignal; bytes?: Uint8Array },
): Promise<PcmAudio> {
  const extension = extname(path).slice(1).toLowerCase();
  const bytes = options.bytes ?? (await readFile(path));
  let audio: PcmAudio | undefined;
  if (extension === 'sln' || extension === 'sln16' || extension === 'ulaw' || extension === 'alaw') {
    audio = decodeRaw(bytes, extension);
  } else if (extension === 'wav') {
    try {
      audio = decodeWav(bytes, `music file ${path}`);
    } catch (error) {
      // ADPCM, GSM in WAV and friends: sox knows them.
      if (!(error instanceof TtsError && error.code === 'audio_invalid')) throw error;
    }
  }
  audio ??= await decodeWithSox(path, extension, options);
  // Only what is heard: a three-minute file under a ten-second prompt is cut before the work.
  const kept = Math.ceil(options.maxSeconds * audio.sampleRate);
  if (audio.samples.length > kept)
    audio = { sampleRate: audio.sampleRate, samples: audio.samples.subarray(0, kept) };
  return resampleInSlices(audio, options.sampleRate);
}

async function decodeWithSox(
  path: string,
  extension: string,
  options: { sampleRate: number; maxSeconds: number; sox: string; signal?: AbortSignal },
): Promise<PcmAudio> {
  const output = [
    '-t',
    'wav',
    '-e',
    'signed-integer',
    '-b',
    '16',
    '-c',
    '1',
    '-r',
    String(options.sampleRate),
    '-',
  ];
  const args = [path, ...output, 'trim', '0', options.maxSeconds.toFixed(3)];
  try {
    const { stdout } = await runTool(options.sox, args, {
      signal: options.signal,
      installHint: 'Debian/Ubuntu: apt-get install sox libsox-fmt-mp3',
    });
    return decodeWav(stdout, `music file ${path} decoded by sox`);
  } catch (error) {
    if (error instanceof TtsError && error.code === 'render_failed') {
      const hint = /no handler for file extension/i.test(error.message)
        ? extension === 'mp3'
          ? ' (sox needs libsox-fmt-mp3 for .mp3: apt-get install libsox-fmt-mp3)'
          : ` (sox cannot read .${extension} files: convert the music to .wav)`
        : '';
      throw new TtsError(
        'audio_invalid',
        `music file ${path} could not be decoded${hint}: ${error.message}`,
        {
          cause: error,
        },
      );
    }
    throw error;
  }
}
