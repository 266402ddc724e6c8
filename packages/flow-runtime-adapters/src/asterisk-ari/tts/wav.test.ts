import { describe, expect, it } from 'vitest';
import { TtsError } from './tts-error.js';
import { decodeRaw, decodeWav, encodeWav, toInt16 } from './wav.js';

/** A WAV header + data built by hand, the way other writers lay them out. */
function wavBytes(options: {
  format: number;
  channels: number;
  rate: number;
  bits: number;
  data: Buffer;
  dataSize?: number;
  extraChunk?: boolean;
  extensible?: boolean;
}): Buffer {
  const blockAlign = (options.channels * options.bits) / 8;
  const fmt = Buffer.alloc(options.extensible ? 40 : 16);
  fmt.writeUInt16LE(options.extensible ? 0xfffe : options.format, 0);
  fmt.writeUInt16LE(options.channels, 2);
  fmt.writeUInt32LE(options.rate, 4);
  fmt.writeUInt32LE(options.rate * blockAlign, 8);
  fmt.writeUInt16LE(blockAlign, 12);
  fmt.writeUInt16LE(options.bits, 14);
  if (options.extensible) {
    fmt.writeUInt16LE(22, 16);
    fmt.writeUInt16LE(options.bits, 18);
    fmt.writeUInt16LE(options.format, 24);
  }
  const chunk = (id: string, body: Buffer, size = body.length): Buffer => {
    const head = Buffer.alloc(8);
    head.write(id, 0, 'ascii');
    head.writeUInt32LE(size, 4);
    return Buffer.concat([head, body, body.length % 2 === 1 ? Buffer.alloc(1) : Buffer.alloc(0)]);
  };
  const parts = [
    chunk('fmt ', fmt),
    ...(options.extraChunk ? [chunk('LIST', Buffer.from('INFOabc'))] : []),
    chunk('data', options.data, options.dataSize),
  ];
  const body = Buffer.concat([Buffer.from('WAVE'), ...parts]);
  return Buffer.concat([chunk('RIFF', body).subarray(0, 8), body]);
}

describe('encodeWav / decodeWav', () => {
  it('writes the canonical 8 kHz mono 16-bit header Asterisk reads, and reads it back', () => {
    const samples = Float32Array.from([0, 0.5, -0.5, 1, -1, 0.25]);
    const bytes = encodeWav({ sampleRate: 8000, samples });
    expect(bytes.length).toBe(44 + samples.length * 2);
    expect(bytes.toString('ascii', 0, 4)).toBe('RIFF');
    expect(bytes.readUInt32LE(4)).toBe(bytes.length - 8);
    expect(bytes.toString('ascii', 8, 16)).toBe('WAVEfmt ');
    expect(bytes.readUInt16LE(20)).toBe(1); // PCM
    expect(bytes.readUInt16LE(22)).toBe(1); // mono
    expect(bytes.readUInt32LE(24)).toBe(8000);
    expect(bytes.readUInt32LE(28)).toBe(16000);
    expect(bytes.readUInt16LE(34)).toBe(16);
    expect(bytes.readUInt32LE(40)).toBe(samples.length * 2);
    expect(bytes.readInt16LE(44 + 3 * 2)).toBe(32767);
    const back = decodeWav(bytes, 'test');
    expect(back.sampleRate).toBe(8000);
    expect(Array.from(back.samples)).toEqual([0, 0.5, -0.5, 32767 / 32768, -1, 0.25]);
  });

  it('clips instead of wrapping around', () => {
    expect(toInt16(1.5)).toBe(32767);
    expect(toInt16(-1.5)).toBe(-32768);
    expect(toInt16(0.0000152)).toBe(0);
  });

  it('mixes stereo down to mono and reads 8, 24, 32-bit and float samples', () => {
    const stereo16 = Buffer.alloc(8);
    stereo16.writeInt16LE(16384, 0);
    stereo16.writeInt16LE(0, 2);
    stereo16.writeInt16LE(-32768, 4);
    stereo16.writeInt16LE(-32768, 6);
    expect(
      Array.from(
        decodeWav(wavBytes({ format: 1, channels: 2, rate: 44100, bits: 16, data: stereo16 }), 't').samples,
      ),
    ).toEqual([0.25, -1]);

    const eight = Buffer.from([128, 255, 0]);
    expect(
      Array.from(
        decodeWav(wavBytes({ format: 1, channels: 1, rate: 8000, bits: 8, data: eight }), 't').samples,
      ),
    ).toEqual([0, 127 / 128, -1]);

    const twentyFour = Buffer.from([0x00, 0x00, 0x40, 0x00, 0x00, 0xc0]);
    expect(
      Array.from(
        decodeWav(wavBytes({ format: 1, channels: 1, rate: 8000, bits: 24, data: twentyFour }), 't').samples,
      ),
    ).toEqual([0.5, -0.5]);

    const float = Buffer.alloc(8);
    float.writeFloatLE(0.75, 0);
    float.writeFloatLE(-0.125, 4);
    const decoded = decodeWav(
      wavBytes({ format: 3, channels: 1, rate: 16000, bits: 32, data: float, extensible: true }),
      't',
    );
    expect(decoded.sampleRate).toBe(16000);
    expect(Array.from(decoded.samples)).toEqual([0.75, -0.125]);
  });

  it('skips unknown chunks and reads what is there when the data length is a streaming placeholder', () => {
    const data = Buffer.alloc(6);
    data.writeInt16LE(1000, 0);
    data.writeInt16LE(2000, 2);
    data.writeInt16LE(3000, 4);
    // espeak-ng --stdout writes 0x7ffff000-ish sizes it cannot know in advance.
    const bytes = wavBytes({
      format: 1,
      channels: 1,
      rate: 22050,
      bits: 16,
      data,
      dataSize: 0x7ffff000,
      extraChunk: true,
    });
    const audio = decodeWav(bytes, 't');
    expect(audio.sampleRate).toBe(22050);
    expect(Array.from(audio.samples, (s) => Math.round(s * 32768))).toEqual([1000, 2000, 3000]);
  });

  it('reads G.711 inside WAV and raw Asterisk formats', () => {
    // mu-law 0xff and A-law 0xd5 are the codes for (near) silence; 0x80 / 0xaa are near full scale.
    const mulaw = decodeWav(
      wavBytes({ format: 7, channels: 1, rate: 8000, bits: 8, data: Buffer.from([0xff, 0x80, 0x00]) }),
      't',
    );
    expect(Array.from(mulaw.samples, (s) => Math.round(s * 32768))).toEqual([0, 32124, -32124]);
    const alaw = decodeRaw(Buffer.from([0xd5, 0x55, 0xaa, 0x2a]), 'alaw');
    expect(alaw.sampleRate).toBe(8000);
    expect(Array.from(alaw.samples, (s) => Math.round(s * 32768))).toEqual([8, -8, 32256, -32256]);
    const sln16 = Buffer.alloc(4);
    sln16.writeInt16LE(-16384, 0);
    sln16.writeInt16LE(8192, 2);
    expect(decodeRaw(sln16, 'sln16')).toEqual({
      sampleRate: 16000,
      samples: Float32Array.from([-0.5, 0.25]),
    });
    expect(decodeRaw(sln16, 'sln').sampleRate).toBe(8000);
  });

  it('refuses what is not a WAV it can read, naming the file', () => {
    const fail = (bytes: Buffer): TtsError => {
      try {
        decodeWav(bytes, 'music file a.wav');
      } catch (error) {
        return error as TtsError;
      }
      throw new Error('decodeWav accepted it');
    };
    expect(fail(Buffer.from('ID3 this is an mp3')).message).toBe(
      'music file a.wav is not a WAV file (no RIFF/WAVE header)',
    );
    const adpcm = fail(wavBytes({ format: 2, channels: 1, rate: 8000, bits: 4, data: Buffer.alloc(8) }));
    expect(adpcm).toBeInstanceOf(TtsError);
    expect(adpcm.code).toBe('audio_invalid');
    expect(adpcm.message).toContain('WAV format 2');
    const noData = wavBytes({ format: 1, channels: 1, rate: 8000, bits: 16, data: Buffer.alloc(0) }).subarray(
      0,
      36,
    );
    expect(fail(noData).message).toContain('has no "data" chunk');
  });
});
