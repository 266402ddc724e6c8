import { describe, expect, it } from 'vitest';
import { dbToGain, mixUnder, normalizePeak, peak, resample } from './audio.js';

function sine(frequency: number, rate: number, seconds: number, amplitude = 0.5): Float32Array {
  return Float32Array.from(
    { length: Math.round(rate * seconds) },
    (_, i) => amplitude * Math.sin((2 * Math.PI * frequency * i) / rate),
  );
}

/** RMS of the middle of a signal (away from the filter's edge effects). */
function middleRms(samples: Float32Array): number {
  const from = Math.floor(samples.length * 0.2);
  const to = Math.floor(samples.length * 0.8);
  let sum = 0;
  for (let i = from; i < to; i++) sum += samples[i]! ** 2;
  return Math.sqrt(sum / (to - from));
}

function zeroCrossings(samples: Float32Array): number {
  let count = 0;
  for (let i = 1; i < samples.length; i++) if (samples[i - 1]! < 0 !== samples[i]! < 0) count++;
  return count;
}

describe('resample', () => {
  it('keeps a tone in the pass band at its level and pitch (22 050 Hz → 8 000 Hz, espeak-ng to telephone)', () => {
    const out = resample({ sampleRate: 22050, samples: sine(1000, 22050, 1) }, 8000);
    expect(out.sampleRate).toBe(8000);
    expect(out.samples.length).toBe(8000);
    expect(middleRms(out.samples)).toBeCloseTo(0.5 / Math.SQRT2, 2);
    // 1 kHz for 1 s crosses zero 2 000 times.
    expect(Math.abs(zeroCrossings(out.samples) - 2000)).toBeLessThanOrEqual(2);
  });

  it('removes what the new rate cannot carry instead of folding it back as aliasing', () => {
    // 6 kHz cannot exist at 8 kHz; a naive interpolation would turn it into an audible 2 kHz tone.
    const out = resample({ sampleRate: 22050, samples: sine(6000, 22050, 1) }, 8000);
    expect(20 * Math.log10(middleRms(out.samples) / (0.5 / Math.SQRT2))).toBeLessThan(-60);
    // Just above the new Nyquist frequency (4 kHz) is gone too.
    const above = resample({ sampleRate: 44100, samples: sine(4100, 44100, 1) }, 8000);
    expect(20 * Math.log10(middleRms(above.samples) / (0.5 / Math.SQRT2))).toBeLessThan(-60);
    // The whole telephone band (300 Hz to 3.4 kHz) passes within 0.1 dB.
    for (const frequency of [300, 2000, 3400]) {
      const kept = resample({ sampleRate: 44100, samples: sine(frequency, 44100, 1) }, 8000);
      expect(Math.abs(20 * Math.log10(middleRms(kept.samples) / (0.5 / Math.SQRT2)))).toBeLessThan(0.1);
    }
  });

  it('upsamples 8 kHz to 16 kHz and keeps a constant constant', () => {
    const up = resample({ sampleRate: 8000, samples: sine(440, 8000, 0.5) }, 16000);
    expect(up.samples.length).toBe(8000);
    expect(middleRms(up.samples)).toBeCloseTo(0.5 / Math.SQRT2, 2);
    const dc = resample({ sampleRate: 11025, samples: new Float32Array(4000).fill(0.25) }, 8000);
    expect(dc.samples[1500]).toBeCloseTo(0.25, 4);
  });

  it('returns a copy at the same rate', () => {
    const samples = Float32Array.from([0.1, 0.2]);
    const out = resample({ sampleRate: 8000, samples }, 8000);
    expect(out.samples).toEqual(samples);
    expect(out.samples).not.toBe(samples);
  });
});

describe('levels', () => {
  it('converts decibels to gains', () => {
    expect(dbToGain(0)).toBe(1);
    expect(dbToGain(-20)).toBeCloseTo(0.1, 10);
    expect(dbToGain(-18)).toBeCloseTo(0.1259, 4);
  });

  it('normalizes the peak to the target, raising by at most maxGainDb', () => {
    const loud = normalizePeak({ sampleRate: 8000, samples: Float32Array.from([0.9, -0.45]) }, -3, 12);
    expect(peak(loud.samples)).toBeCloseTo(dbToGain(-3), 5);
    expect(loud.samples[1]).toBeCloseTo(-dbToGain(-3) / 2, 5);
    const quiet = normalizePeak({ sampleRate: 8000, samples: Float32Array.from([0.01]) }, -3, 12);
    expect(quiet.samples[0]).toBeCloseTo(0.01 * dbToGain(12), 6);
    const silence = { sampleRate: 8000, samples: new Float32Array(3) };
    expect(normalizePeak(silence, -3, 12)).toBe(silence);
  });
});

describe('mixUnder', () => {
  const voice = { sampleRate: 8000, samples: new Float32Array(8000).fill(0.5) };
  const music = {
    sampleRate: 8000,
    samples: Float32Array.from({ length: 3000 }, (_, i) => (i % 2 === 0 ? 1 : -1) * ((i % 3000) / 3000)),
  };

  it('loops the music under the whole voice, attenuated, plus a tail that fades to silence', () => {
    const mixed = mixUnder(voice, music, { gainDb: -18, tailSeconds: 1, fadeInSeconds: 0.05 });
    expect(mixed.samples.length).toBe(16000);
    const gain = dbToGain(-18);
    // After the fade-in and before the tail: voice + music × gain, the music looped (3 000 samples).
    for (const i of [400, 2999, 3000, 5123, 7999]) {
      expect(mixed.samples[i]).toBeCloseTo(0.5 + music.samples[i % 3000]! * gain, 6);
    }
    // Fade-in: the first sample carries no music.
    expect(mixed.samples[0]).toBe(0.5);
    // Tail: no voice, music fading from full (attenuated) level to nothing.
    expect(mixed.samples[8000]).toBeCloseTo(music.samples[8000 % 3000]! * gain, 6);
    expect(Math.abs(mixed.samples[12001]!)).toBeLessThan(Math.abs(music.samples[12001 % 3000]!) * gain);
    expect(Math.abs(mixed.samples[15999]!)).toBeLessThan(1e-6);
  });

  it('never exceeds full scale with a voice at -3 dBFS and music at -18 dB', () => {
    const loudVoice = { sampleRate: 8000, samples: new Float32Array(800).fill(dbToGain(-3)) };
    const loudMusic = { sampleRate: 8000, samples: new Float32Array(100).fill(1) };
    expect(
      peak(mixUnder(loudVoice, loudMusic, { gainDb: -18, tailSeconds: 0.1, fadeInSeconds: 0 }).samples),
    ).toBeLessThan(1);
  });

  it('keeps the voice alone when the music is empty, and refuses mismatched rates', () => {
    const mixed = mixUnder(
      voice,
      { sampleRate: 8000, samples: new Float32Array(0) },
      { gainDb: -18, tailSeconds: 0.5, fadeInSeconds: 0 },
    );
    expect(mixed.samples.length).toBe(12000);
    expect(mixed.samples[100]).toBe(0.5);
    expect(mixed.samples[11000]).toBe(0);
    expect(() =>
      mixUnder(
        voice,
        { sampleRate: 16000, samples: new Float32Array(1) },
        { gainDb: 0, tailSeconds: 0, fadeInSeconds: 0 },
      ),
    ).toThrow(/16000 Hz/);
  });
});
