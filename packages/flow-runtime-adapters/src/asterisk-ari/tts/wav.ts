import { TtsError } from './tts-error.js';

/*
 * WAV and raw telephony audio in and out, in TypeScript: the voice from any provider and the
 * common music formats never need an external tool to be read.
 */

/** Mono audio as floating-point samples in [-1, 1]. */
export interface PcmAudio {
  readonly sampleRate: number;
  readonly samples: Float32Array;
}

const FORMAT_PCM = 1;
const FORMAT_FLOAT = 3;
const FORMAT_ALAW = 6;
const FORMAT_MULAW = 7;
const FORMAT_EXTENSIBLE = 0xfffe;

/**
 * Reads a RIFF/WAVE file (integer PCM of 8 to 32 bits, 32/64-bit float, G.711 A-law or mu-law,
 * any rate and channel count) and mixes it down to mono. Tolerates the oversized length fields
 * that streaming writers such as `espeak-ng --stdout` put in the header. `where` names the audio
 * in error messages.
 */
export function decodeWav(bytes: Uint8Array, where: string): PcmAudio {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (at: number): string => String.fromCharCode(...bytes.subarray(at, at + 4));
  if (bytes.byteLength < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') {
    throw new TtsError('audio_invalid', `${where} is not a WAV file (no RIFF/WAVE header)`);
  }
  let format:
    { code: number; channels: number; sampleRate: number; bits: number; blockAlign: number } | undefined;
  let offset = 12;
  while (offset + 8 <= bytes.byteLength) {
    const id = tag(offset);
    const declared = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (id === 'fmt ') {
      if (declared < 16 || body + 16 > bytes.byteLength) {
        throw new TtsError('audio_invalid', `${where} has a truncated "fmt " chunk`);
      }
      let code = view.getUint16(body, true);
      if (code === FORMAT_EXTENSIBLE && declared >= 26 && body + 26 <= bytes.byteLength) {
        code = view.getUint16(body + 24, true);
      }
      format = {
        code,
        channels: view.getUint16(body + 2, true),
        sampleRate: view.getUint32(body + 4, true),
        blockAlign: view.getUint16(body + 12, true),
        bits: view.getUint16(body + 14, true),
      };
    } else if (id === 'data') {
      if (format === undefined) {
        throw new TtsError('audio_invalid', `${where} has its "data" chunk before its "fmt " chunk`);
      }
      // Streaming writers cannot know the length and write a huge one: read what is there.
      const end = Math.min(body + declared, bytes.byteLength);
      return {
        sampleRate: format.sampleRate,
        samples: decodeFrames(bytes.subarray(body, end), format, where),
      };
    }
    offset = body + declared + (declared & 1);
  }
  throw new TtsError(
    'audio_invalid',
    `${where} has no ${format === undefined ? '"fmt " chunk' : '"data" chunk'}`,
  );
}

function decodeFrames(
  data: Uint8Array,
  format: { code: number; channels: number; sampleRate: number; bits: number; blockAlign: number },
  where: string,
): Float32Array {
  const { code, channels, bits, sampleRate } = format;
  if (channels < 1 || sampleRate < 1000 || sampleRate > 384000) {
    throw new TtsError('audio_invalid', `${where} declares ${channels} channels at ${sampleRate} Hz`);
  }
  const bytesPerSample = bits / 8;
  const read = sampleReader(code, bits);
  if (read === undefined || !Number.isInteger(bytesPerSample)) {
    throw new TtsError(
      'audio_invalid',
      `${where} uses WAV format ${code} with ${bits} bits per sample; supported: integer PCM (8-32 bits), float, A-law, mu-law`,
    );
  }
  const frameBytes = Math.max(format.blockAlign, bytesPerSample * channels);
  const frames = Math.floor(data.byteLength / frameBytes);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const out = new Float32Array(frames);
  for (let frame = 0; frame < frames; frame++) {
    let sum = 0;
    for (let channel = 0; channel < channels; channel++) {
      sum += read(view, frame * frameBytes + channel * bytesPerSample);
    }
    out[frame] = sum / channels;
  }
  return out;
}

type SampleReader = (view: DataView, at: number) => number;

function sampleReader(code: number, bits: number): SampleReader | undefined {
  if (code === FORMAT_PCM) {
    if (bits === 8) return (view, at) => (view.getUint8(at) - 128) / 128;
    if (bits === 16) return (view, at) => view.getInt16(at, true) / 32768;
    if (bits === 24) {
      return (view, at) =>
        (view.getUint8(at) | (view.getUint8(at + 1) << 8) | (view.getInt8(at + 2) << 16)) / 8388608;
    }
    if (bits === 32) return (view, at) => view.getInt32(at, true) / 2147483648;
  }
  if (code === FORMAT_FLOAT) {
    if (bits === 32) return (view, at) => view.getFloat32(at, true);
    if (bits === 64) return (view, at) => view.getFloat64(at, true);
  }
  if (code === FORMAT_MULAW && bits === 8) return (view, at) => MULAW[view.getUint8(at)]!;
  if (code === FORMAT_ALAW && bits === 8) return (view, at) => ALAW[view.getUint8(at)]!;
  return undefined;
}

/** Raw headerless telephony formats Asterisk uses, by file extension. */
export type RawFormat = 'sln' | 'sln16' | 'ulaw' | 'alaw';

/** Reads a raw Asterisk sound file: signed linear 16-bit (8 or 16 kHz), or G.711 at 8 kHz. */
export function decodeRaw(bytes: Uint8Array, format: RawFormat): PcmAudio {
  if (format === 'ulaw' || format === 'alaw') {
    const table = format === 'ulaw' ? MULAW : ALAW;
    return { sampleRate: 8000, samples: Float32Array.from(bytes, (byte) => table[byte]!) };
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const samples = new Float32Array(Math.floor(bytes.byteLength / 2));
  for (let i = 0; i < samples.length; i++) samples[i] = view.getInt16(i * 2, true) / 32768;
  return { sampleRate: format === 'sln16' ? 16000 : 8000, samples };
}

/**
 * Writes mono samples as a canonical 44-byte-header WAV, PCM signed 16-bit little-endian, the
 * format Asterisk's format_wav reads (`.wav` at 8 kHz). Samples outside [-1, 1] are clipped.
 */
export function encodeWav(audio: PcmAudio): Buffer {
  const { samples, sampleRate } = audio;
  const dataBytes = samples.length * 2;
  const out = Buffer.alloc(44 + dataBytes);
  out.write('RIFF', 0, 'ascii');
  out.writeUInt32LE(36 + dataBytes, 4);
  out.write('WAVE', 8, 'ascii');
  out.write('fmt ', 12, 'ascii');
  out.writeUInt32LE(16, 16);
  out.writeUInt16LE(FORMAT_PCM, 20);
  out.writeUInt16LE(1, 22);
  out.writeUInt32LE(sampleRate, 24);
  out.writeUInt32LE(sampleRate * 2, 28);
  out.writeUInt16LE(2, 32);
  out.writeUInt16LE(16, 34);
  out.write('data', 36, 'ascii');
  out.writeUInt32LE(dataBytes, 40);
  for (let i = 0; i < samples.length; i++) out.writeInt16LE(toInt16(samples[i]!), 44 + i * 2);
  return out;
}

/** A float sample as a 16-bit integer: rounded, and clipped rather than wrapped. */
export function toInt16(sample: number): number {
  const scaled = Math.round(sample * 32768);
  return scaled > 32767 ? 32767 : scaled < -32768 ? -32768 : scaled;
}

/** G.711 mu-law byte to linear (ITU-T G.711), scaled to [-1, 1]. */
function mulawToLinear(byte: number): number {
  const u = ~byte & 0xff;
  const exponent = (u >> 4) & 0x07;
  const magnitude = ((((u & 0x0f) << 3) + 0x84) << exponent) - 0x84;
  return ((u & 0x80) !== 0 ? -magnitude : magnitude) / 32768;
}

/** G.711 A-law byte to linear (ITU-T G.711), scaled to [-1, 1]. */
function alawToLinear(byte: number): number {
  const a = byte ^ 0x55;
  const exponent = (a >> 4) & 0x07;
  const mantissa = a & 0x0f;
  const magnitude = exponent === 0 ? (mantissa << 4) + 8 : ((mantissa << 4) + 0x108) << (exponent - 1);
  return ((a & 0x80) !== 0 ? magnitude : -magnitude) / 32768;
}

const MULAW = Float32Array.from({ length: 256 }, (_, byte) => mulawToLinear(byte));
const ALAW = Float32Array.from({ length: 256 }, (_, byte) => alawToLinear(byte));
