import type { PcmAudio } from './wav.js';

/*
 * The little signal processing TTS prompts need, in TypeScript on float samples: resampling to
 * the telephone rate, level normalization and background music mixed under the voice.
 */

/** An amplitude ratio from decibels: -6 dB is about 0.5. */
export function dbToGain(db: number): number {
  return 10 ** (db / 20);
}

/**
 * Zero crossings of the sinc kept on each side: the filter's sharpness. 32 keeps the telephone
 * band (up to 3.4 kHz) flat at 8 kHz while rejecting what lies above 4 kHz.
 */
const ZERO_CROSSINGS = 32;
/** Kaiser window shape: about 80 dB of stop-band rejection. */
const KAISER_BETA = 8;
/** Filter cutoff as a fraction of the lower Nyquist frequency; the transition band is centred on it. */
const CUTOFF = 0.93;
/** Above this many phases the kernel is computed per sample rather than tabulated. */
const MAX_TABLE_PHASES = 4096;

/**
 * Changes the sample rate with a Kaiser-windowed sinc filter. When lowering the rate it removes
 * what the new rate cannot carry instead of folding it back as audible aliasing, which a plain
 * interpolation would do to a 22 kHz voice taken to 8 kHz. At 8 kHz the band up to 3.4 kHz passes
 * within 0.1 dB and everything above 4 kHz is 60 dB down or more.
 */
export function resample(audio: PcmAudio, toRate: number): PcmAudio {
  const resampler = createResampler(audio, toRate);
  resampler.run(0, resampler.out.length);
  return { sampleRate: toRate, samples: resampler.out };
}

/** Output samples computed between two yields to the event loop (a few milliseconds of work). */
const SLICE = 8192;

/**
 * {@link resample}, giving the event loop back every few milliseconds: a long prompt or music file
 * must not hold up the ARI events of the calls in progress.
 */
export async function resampleInSlices(audio: PcmAudio, toRate: number): Promise<PcmAudio> {
  const resampler = createResampler(audio, toRate);
  for (let from = 0; from < resampler.out.length; from += SLICE) {
    if (from > 0) await new Promise<void>((wake) => setImmediate(wake));
    resampler.run(from, Math.min(from + SLICE, resampler.out.length));
  }
  return { sampleRate: toRate, samples: resampler.out };
}

function createResampler(
  audio: PcmAudio,
  toRate: number,
): { out: Float32Array; run: (from: number, to: number) => void } {
  const { sampleRate: fromRate, samples } = audio;
  if (fromRate === toRate) {
    const out = new Float32Array(samples.length);
    return { out, run: (from, to) => out.set(samples.subarray(from, to), from) };
  }
  const common = gcd(fromRate, toRate);
  const up = toRate / common;
  const down = fromRate / common;
  // Cutoff as a fraction of the input Nyquist frequency.
  const cutoff = Math.min(1, toRate / fromRate) * CUTOFF;
  const half = Math.ceil(ZERO_CROSSINGS / cutoff);
  const taps = 2 * half;
  const out = new Float32Array(Math.floor((samples.length * up) / down));

  const kernelAt = (fraction: number, into: Float64Array): void => {
    let sum = 0;
    for (let j = 0; j < taps; j++) {
      const distance = j - half + 1 - fraction;
      const value = cutoff * sinc(cutoff * distance) * kaiser(distance / half);
      into[j] = value;
      sum += value;
    }
    // Unity gain at DC for every phase, so a constant stays constant.
    for (let j = 0; j < taps; j++) into[j]! /= sum;
  };

  const table = up <= MAX_TABLE_PHASES ? new Float64Array(up * taps) : undefined;
  if (table !== undefined) {
    for (let phase = 0; phase < up; phase++)
      kernelAt(phase / up, table.subarray(phase * taps, (phase + 1) * taps));
  }
  const scratch = new Float64Array(taps);

  const run = (fromIndex: number, toIndex: number): void => {
    for (let n = fromIndex; n < toIndex; n++) {
      const position = n * down;
      const base = Math.floor(position / up);
      const phase = position - base * up;
      let kernel: Float64Array;
      if (table !== undefined) {
        kernel = table.subarray(phase * taps, (phase + 1) * taps);
      } else {
        kernelAt(phase / up, scratch);
        kernel = scratch;
      }
      const first = base - half + 1;
      let acc = 0;
      const from = Math.max(0, -first);
      const to = Math.min(taps, samples.length - first);
      for (let j = from; j < to; j++) acc += samples[first + j]! * kernel[j]!;
      out[n] = acc;
    }
  };
  return { out, run };
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

function sinc(x: number): number {
  if (x === 0) return 1;
  const px = Math.PI * x;
  return Math.sin(px) / px;
}

function kaiser(r: number): number {
  if (r <= -1 || r >= 1) return 0;
  return besselI0(KAISER_BETA * Math.sqrt(1 - r * r)) / besselI0(KAISER_BETA);
}

/** Modified Bessel function of the first kind, order 0, by its power series. */
function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  const quarter = (x * x) / 4;
  for (let k = 1; k < 50 && term > sum * 1e-12; k++) {
    term *= quarter / (k * k);
    sum += term;
  }
  return sum;
}

/** The largest absolute sample value (0 for silence). */
export function peak(samples: Float32Array): number {
  let max = 0;
  for (const sample of samples) {
    const magnitude = Math.abs(sample);
    if (magnitude > max) max = magnitude;
  }
  return max;
}

/**
 * Scales the audio so that its peak sits at `targetDb` dBFS, raising it by at most `maxGainDb`
 * (so near-silence is not blown up into noise). TTS engines deliver very different levels;
 * prompts at one level sound like one system.
 */
export function normalizePeak(audio: PcmAudio, targetDb: number, maxGainDb: number): PcmAudio {
  const top = peak(audio.samples);
  if (top === 0) return audio;
  const gain = Math.min(dbToGain(targetDb) / top, dbToGain(maxGainDb));
  return { sampleRate: audio.sampleRate, samples: audio.samples.map((sample) => sample * gain) };
}

/** How background music goes under a voice. */
export interface MusicMix {
  /** Level of the music relative to its file, in dB (negative: quieter). */
  readonly gainDb: number;
  /** Music heard after the voice ends, in seconds, during which it fades out. */
  readonly tailSeconds: number;
  /** Fade-in at the start, in seconds, so a loop cut mid-wave does not click. */
  readonly fadeInSeconds: number;
}

/**
 * Mixes `music` under `voice` (same sample rate): the music is looped or cut to the voice's length
 * plus `tailSeconds`, attenuated by `gainDb`, faded in briefly and faded out over the tail. The sum
 * is not limited here; with a voice at -3 dBFS and music at -18 dB it cannot exceed full scale.
 */
export function mixUnder(voice: PcmAudio, music: PcmAudio, mix: MusicMix): PcmAudio {
  if (voice.sampleRate !== music.sampleRate) {
    throw new Error(`mixUnder: voice at ${voice.sampleRate} Hz, music at ${music.sampleRate} Hz`);
  }
  const rate = voice.sampleRate;
  const tail = Math.round(mix.tailSeconds * rate);
  const length = voice.samples.length + tail;
  const out = new Float32Array(length);
  out.set(voice.samples);
  const loop = music.samples;
  if (loop.length === 0) return { sampleRate: rate, samples: out };
  const gain = dbToGain(mix.gainDb);
  const fadeIn = Math.round(mix.fadeInSeconds * rate);
  const fadeOutStart = length - tail;
  for (let i = 0; i < length; i++) {
    let envelope = gain;
    if (i < fadeIn) envelope *= raisedCosine(i / fadeIn);
    if (i >= fadeOutStart && tail > 0) envelope *= raisedCosine(1 - (i - fadeOutStart) / tail);
    out[i]! += loop[i % loop.length]! * envelope;
  }
  return { sampleRate: rate, samples: out };
}

/** 0 at x=0 rising smoothly to 1 at x=1: fades without the click of a linear ramp's corners. */
function raisedCosine(x: number): number {
  return 0.5 - 0.5 * Math.cos(Math.PI * Math.min(1, Math.max(0, x)));
}
