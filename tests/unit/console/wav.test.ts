// The prompt studio's audio conversion (functions/console/client/wav.ts), run in Node: what leaves the
// browser must be the file the IVR plays, 8000 Hz mono G.711 µ-law, and still sound like what was said.
import { describe, expect, it } from 'vitest';
import {
  downmix,
  encodeMuLawWav,
  muLawWavSeconds,
  PHONE_RATE,
  peakDb,
  resample,
  trimSilence,
} from '../../../functions/console/client/wav.js';
import { decodeWav } from '../../../shared/voice/wav.js';

function tone(hz: number, amplitude: number, sampleRate: number, seconds: number): Float32Array {
  const samples = new Float32Array(Math.round(sampleRate * seconds));
  for (let i = 0; i < samples.length; i++)
    samples[i] = amplitude * Math.sin((2 * Math.PI * hz * i) / sampleRate);
  return samples;
}

function concat(...parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

const silence = (sampleRate: number, seconds: number) => new Float32Array(Math.round(sampleRate * seconds));

/** The samples of a µ-law WAV written by encodeMuLawWav, back in -1..1. */
const samplesOf = (wav: Uint8Array): Float32Array => decodeWav(wav).samples;

/** The middle half of a signal, away from the edges where the filter runs out of input. */
function middle(samples: Float32Array): Float32Array {
  const quarter = Math.floor(samples.length / 4);
  return samples.subarray(quarter, samples.length - quarter);
}

function rms(samples: Float32Array): number {
  let energy = 0;
  for (const sample of samples) energy += sample * sample;
  return Math.sqrt(energy / samples.length);
}

/** Sign changes per second: twice the frequency of a pure tone. */
function crossingsPerSecond(samples: Float32Array, sampleRate: number): number {
  let crossings = 0;
  for (let i = 1; i < samples.length; i++) {
    if ((samples[i - 1] ?? 0) < 0 !== (samples[i] ?? 0) < 0) crossings++;
  }
  return (crossings * sampleRate) / samples.length;
}

const ascii = (bytes: Uint8Array, at: number, length: number) =>
  String.fromCharCode(...bytes.subarray(at, at + length));

describe('encodeMuLawWav', () => {
  it('writes a RIFF WAVE header that says 8000 Hz, mono, 8-bit G.711 µ-law, with fact and data sizes', () => {
    const wav = encodeMuLawWav(tone(440, 0.5, 48_000, 1), 48_000);
    const view = new DataView(wav.buffer, wav.byteOffset, wav.byteLength);
    expect(ascii(wav, 0, 4)).toBe('RIFF');
    expect(view.getUint32(4, true)).toBe(wav.byteLength - 8);
    expect(ascii(wav, 8, 4)).toBe('WAVE');
    expect(ascii(wav, 12, 4)).toBe('fmt ');
    expect(view.getUint32(16, true)).toBe(18);
    expect(view.getUint16(20, true)).toBe(7); // WAVE_FORMAT_MULAW
    expect(view.getUint16(22, true)).toBe(1); // channels
    expect(view.getUint32(24, true)).toBe(8000); // sample rate
    expect(view.getUint32(28, true)).toBe(8000); // byte rate
    expect(view.getUint16(32, true)).toBe(1); // block align
    expect(view.getUint16(34, true)).toBe(8); // bits per sample
    expect(view.getUint16(36, true)).toBe(0); // cbSize
    expect(ascii(wav, 38, 4)).toBe('fact');
    expect(view.getUint32(42, true)).toBe(4);
    expect(view.getUint32(46, true)).toBe(8000);
    expect(ascii(wav, 50, 4)).toBe('data');
    expect(view.getUint32(54, true)).toBe(8000);
    expect(wav.byteLength).toBe(58 + 8000);
  });

  it('pads an odd number of samples to an even data chunk, keeping the sizes true', () => {
    const wav = encodeMuLawWav(tone(440, 0.5, 8000, 0.000_375), 8000); // 3 samples
    const view = new DataView(wav.buffer, wav.byteOffset, wav.byteLength);
    expect(view.getUint32(54, true)).toBe(3);
    expect(view.getUint32(46, true)).toBe(3);
    expect(wav.byteLength).toBe(58 + 4);
    expect(view.getUint32(4, true)).toBe(wav.byteLength - 8);
  });

  it('makes a file the hotline’s own WAV reader takes as 8000 Hz mono µ-law of the right length', () => {
    const decoded = decodeWav(encodeMuLawWav(tone(440, 0.5, 44_100, 1.5), 44_100));
    expect(decoded).toMatchObject({ encoding: 'mulaw', sampleRate: 8000, channels: 1 });
    expect(decoded.durationSeconds).toBeCloseTo(1.5, 3);
  });

  it.each([48_000, 44_100, 22_050, 16_000, 8000])(
    'keeps one second at %i Hz one second long (8000 samples)',
    (rate) => {
      const wav = encodeMuLawWav(tone(300, 0.3, rate, 1), rate);
      const count = new DataView(wav.buffer, wav.byteOffset, wav.byteLength).getUint32(54, true);
      expect(Math.abs(count - 8000)).toBeLessThanOrEqual(1);
    },
  );

  it('tells how long a file it wrote plays, odd sample counts included', () => {
    expect(muLawWavSeconds(encodeMuLawWav(tone(440, 0.5, 48_000, 1.5), 48_000))).toBe(1.5);
    expect(muLawWavSeconds(encodeMuLawWav(new Float32Array(3), 8000))).toBe(3 / 8000);
  });

  it('writes an empty but valid file for no samples', () => {
    const decoded = decodeWav(encodeMuLawWav(new Float32Array(0), 48_000));
    expect(decoded).toMatchObject({ encoding: 'mulaw', sampleRate: 8000, channels: 1, durationSeconds: 0 });
  });
});

describe('resampling to the phone rate', () => {
  it.each([48_000, 44_100])('keeps a 1 kHz tone at %i Hz a 1 kHz tone, at the same level', (rate) => {
    const input = tone(1000, 0.5, rate, 1);
    const out = samplesOf(encodeMuLawWav(input, rate));
    expect(crossingsPerSecond(middle(out), PHONE_RATE)).toBeGreaterThan(1990);
    expect(crossingsPerSecond(middle(out), PHONE_RATE)).toBeLessThan(2010);
    const gainDb = 20 * Math.log10(rms(middle(out)) / rms(middle(input)));
    expect(Math.abs(gainDb)).toBeLessThan(0.5);
  });

  it('keeps speech frequencies up to 3.4 kHz within 1 dB', () => {
    for (const hz of [300, 2000, 3000, 3400]) {
      const input = tone(hz, 0.5, 48_000, 0.5);
      const gainDb = 20 * Math.log10(rms(middle(resample(input, 48_000, 8000))) / rms(middle(input)));
      expect(Math.abs(gainDb), `${hz} Hz`).toBeLessThan(1);
    }
  });

  it('removes a 6 kHz tone at 48 kHz, above the phone’s 4 kHz, instead of folding it to 2 kHz', () => {
    const input = tone(6000, 0.5, 48_000, 1);
    const filtered = resample(input, 48_000, 8000);
    const attenuationDb = 20 * Math.log10(rms(middle(filtered)) / rms(middle(input)));
    expect(attenuationDb).toBeLessThan(-60);
    // In the file itself, past µ-law's quantisation: nothing left but the coder's floor.
    const coded = samplesOf(encodeMuLawWav(input, 48_000));
    expect(20 * Math.log10(rms(middle(coded)) / rms(middle(input)))).toBeLessThan(-50);
  });

  it('removes a 4.5 kHz tone at 44.1 kHz, just above the phone’s band', () => {
    const input = tone(4500, 0.5, 44_100, 1);
    const attenuationDb = 20 * Math.log10(rms(middle(resample(input, 44_100, 8000))) / rms(middle(input)));
    expect(attenuationDb).toBeLessThan(-50);
  });

  it('copies audio already at 8 kHz unchanged', () => {
    const input = tone(440, 0.5, 8000, 0.1);
    expect(Array.from(resample(input, 8000, 8000))).toEqual(Array.from(input));
  });

  it('refuses a sample rate that is not positive', () => {
    expect(() => resample(new Float32Array(8), 0, 8000)).toThrow(RangeError);
  });
});

describe('trimSilence', () => {
  const rate = 48_000;

  it('cuts long silence before and after the voice but keeps 250 ms of it at each end', () => {
    const voice = tone(500, 0.3, rate, 0.5);
    const trimmed = trimSilence(concat(silence(rate, 1), voice, silence(rate, 1.2)), rate);
    expect(trimmed.length / rate).toBeGreaterThan(0.99);
    expect(trimmed.length / rate).toBeLessThan(1.02);
    const soundAt = trimmed.findIndex((sample) => Math.abs(sample) > 0.01);
    expect(soundAt / rate).toBeGreaterThan(0.24);
    expect(soundAt / rate).toBeLessThan(0.26);
    const lastSound = trimmed.findLastIndex((sample) => Math.abs(sample) > 0.01);
    expect((trimmed.length - 1 - lastSound) / rate).toBeGreaterThan(0.24);
    expect((trimmed.length - 1 - lastSound) / rate).toBeLessThan(0.27);
  });

  it('keeps what silence there is when there is less than 250 ms of it', () => {
    const input = concat(silence(rate, 0.1), tone(500, 0.3, rate, 0.5), silence(rate, 0.05));
    expect(trimSilence(input, rate).length).toBe(input.length);
  });

  it('counts hiss below the threshold as silence, and a quiet voice above it as sound', () => {
    let seed = 1;
    const hiss = (seconds: number) =>
      Float32Array.from({ length: rate * seconds }, () => {
        seed = (seed * 16_807) % 2_147_483_647;
        return (seed / 2_147_483_647 - 0.5) * 0.002; // about -65 dBFS
      });
    const voice = tone(500, 0.02, rate, 0.5); // about -37 dBFS
    const trimmed = trimSilence(concat(hiss(2), voice, hiss(2)), rate);
    expect(trimmed.length / rate).toBeCloseTo(1, 1);
  });

  it('follows the threshold and margin it is given', () => {
    const input = concat(silence(rate, 1), tone(500, 0.3, rate, 0.5), silence(rate, 1));
    expect(trimSilence(input, rate, -45, 100).length / rate).toBeCloseTo(0.7, 1);
    // A threshold above the tone's level finds no sound at all.
    expect(trimSilence(input, rate, -3).length).toBe(0);
  });

  it('answers nothing for a recording that is all silence', () => {
    expect(trimSilence(silence(rate, 2), rate).length).toBe(0);
    expect(trimSilence(new Float32Array(0), rate).length).toBe(0);
  });
});

describe('downmix and peakDb', () => {
  it('averages two channels into one, as long as the shorter', () => {
    const mono = downmix([Float32Array.of(1, 0.5, 0.25), Float32Array.of(0, -0.5)]);
    expect(Array.from(mono)).toEqual([0.5, 0]);
  });

  it('gives a mono recording back as a copy, and nothing for no channels', () => {
    const channel = Float32Array.of(0.1, -0.2);
    const mono = downmix([channel]);
    expect(Array.from(mono)).toEqual(Array.from(channel));
    expect(mono).not.toBe(channel);
    expect(downmix([]).length).toBe(0);
  });

  it('measures the loudest sample in dBFS, either sign, and silence as -Infinity', () => {
    expect(peakDb(Float32Array.of(0.1, -0.5, 0.25))).toBeCloseTo(-6.02, 2);
    expect(peakDb(Float32Array.of(1))).toBe(0);
    expect(peakDb(new Float32Array(10))).toBe(Number.NEGATIVE_INFINITY);
    expect(peakDb(new Float32Array(0))).toBe(Number.NEGATIVE_INFINITY);
  });
});
