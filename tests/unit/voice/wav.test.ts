import { describe, expect, it } from 'vitest';
import {
  decodeWav,
  encodeMulawWav,
  InvalidWavError,
  linearToMulaw,
  mulawToLinear,
  resample,
  rmsOf,
  trimSilence,
} from '../../../shared/voice/wav.js';

function tone(hz: number, amplitude: number, sampleRate: number, seconds: number): Float32Array {
  const samples = new Float32Array(Math.round(sampleRate * seconds));
  for (let i = 0; i < samples.length; i++)
    samples[i] = amplitude * Math.sin((2 * Math.PI * hz * i) / sampleRate);
  return samples;
}

/** The middle of a signal, away from edge effects of filtering. */
function middle(samples: Float32Array): Float32Array {
  const quarter = Math.floor(samples.length / 4);
  return samples.subarray(quarter, samples.length - quarter);
}

function pcm16Wav(samples: Int16Array, sampleRate: number, extraChunk: boolean): Uint8Array {
  const extra = extraChunk ? 8 + 6 : 0;
  const bytes = new Uint8Array(44 + extra + samples.length * 2);
  const view = new DataView(bytes.buffer);
  const ascii = (at: number, text: string) => {
    for (let i = 0; i < text.length; i++) bytes[at + i] = text.charCodeAt(i);
  };
  ascii(0, 'RIFF');
  view.setUint32(4, bytes.length - 8, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  let at = 36;
  if (extraChunk) {
    ascii(at, 'LIST');
    view.setUint32(at + 4, 6, true);
    ascii(at + 8, 'INFOxx');
    at += 14;
  }
  ascii(at, 'data');
  view.setUint32(at + 4, samples.length * 2, true);
  for (const [i, sample] of samples.entries()) view.setInt16(at + 8 + i * 2, sample, true);
  return bytes;
}

describe('µ-law coding', () => {
  it('matches G.711 code words for silence and full scale', () => {
    // Act
    const codes = [linearToMulaw(0), linearToMulaw(32767), linearToMulaw(-32768)];

    // Assess
    expect(codes).toEqual([0xff, 0x80, 0x00]);
  });

  it('restores every sample within the quantisation step of its segment', () => {
    // Prepare
    const inputs = Array.from({ length: 676 }, (_, i) => -32768 + i * 97);

    // Act
    const errors = inputs.map((x) => ({ x, error: Math.abs(mulawToLinear(linearToMulaw(x)) - x) }));

    // Assess
    for (const { x, error } of errors) expect(error, String(x)).toBeLessThanOrEqual(Math.abs(x) * 0.035 + 8);
  });
});

describe('WAV files', () => {
  it('writes µ-law WAV that reads back as 8 kHz mono with the same length', () => {
    // Prepare
    const samples = tone(440, 0.5, 8000, 0.5);

    // Act
    const wav = decodeWav(encodeMulawWav(samples, 8000));

    // Assess
    expect(wav).toMatchObject({ encoding: 'mulaw', sampleRate: 8000, channels: 1, durationSeconds: 0.5 });
    expect(rmsOf(wav.samples)).toBeCloseTo(rmsOf(samples), 2);
  });

  it('reads 16-bit PCM WAV and skips chunks it does not know, as Audacity writes them', () => {
    // Prepare
    const bytes = pcm16Wav(Int16Array.from([0, 16384, -16384, 32767]), 22050, true);

    // Act
    const wav = decodeWav(bytes);

    // Assess
    expect(wav.encoding).toBe('pcm16');
    expect(wav.sampleRate).toBe(22050);
    expect(Array.from(wav.samples)).toEqual([0, 0.5, -0.5, 32767 / 32768]);
  });

  it('rejects bytes that are not a WAV file', () => {
    // Prepare
    const bytes = new TextEncoder().encode('ID3 this is an mp3, not a wav file');

    // Act
    const decode = () => decodeWav(bytes);

    // Assess
    expect(decode).toThrow(InvalidWavError);
  });
});

describe('resampling to telephone rate', () => {
  it('keeps a 1 kHz tone at its level when going from 22.05 kHz to 8 kHz', () => {
    // Prepare
    const input = tone(1000, 0.5, 22050, 1);

    // Act
    const output = resample(input, 22050, 8000);

    // Assess
    expect(output.length).toBe(8000);
    expect(rmsOf(middle(output))).toBeCloseTo(0.5 / Math.SQRT2, 2);
  });

  it('removes a 6 kHz tone instead of folding it back into the voice band', () => {
    // Prepare
    const input = tone(6000, 0.5, 22050, 1);

    // Act
    const output = resample(input, 22050, 8000);

    // Assess
    expect(rmsOf(middle(output))).toBeLessThan(0.005);
  });
});

describe('silence trimming', () => {
  it('drops leading and trailing silence but keeps the margin around speech', () => {
    // Prepare
    const samples = new Float32Array(1000);
    samples.fill(0.5, 400, 600);

    // Act
    const trimmed = trimSilence(samples, 1000, 0.05);

    // Assess
    expect(trimmed.length).toBe(300);
  });
});
