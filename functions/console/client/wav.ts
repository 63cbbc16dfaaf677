// What the prompt studio makes of a recording, before it leaves the browser: one channel, leading and
// trailing silence trimmed, band-limited and resampled to 8000 Hz, then written by the hotline's own
// µ-law WAV encoder (shared/voice/wav.ts, which the placeholders and the server's check use too): what the
// IVR plays and what phone networks carry. Pure functions over typed arrays, no DOM: the unit tests run
// them in Node.
import {
  blackman,
  decodeWav,
  encodeMulawWav,
  sinc,
  TELEPHONE_SAMPLE_RATE,
} from '../../../shared/voice/wav.js';

/** The telephone rate: G.711 carries 8000 samples a second. */
export const PHONE_RATE = TELEPHONE_SAMPLE_RATE;

/** Speech above this goes nowhere on a phone line (the network band ends near 3.4 kHz). */
const PASS_HZ = 3400;
/** Where the stop band starts: just below 4 kHz, the Nyquist frequency of 8 kHz audio. */
const STOP_HZ = 3950;

/** The mean of the channels, sample by sample (a mono recording comes back as it is). */
export function downmix(channels: readonly Float32Array[]): Float32Array {
  const first = channels[0];
  if (!first) return new Float32Array(0);
  if (channels.length === 1) return first.slice();
  const length = Math.min(...channels.map((channel) => channel.length));
  const out = new Float32Array(length);
  for (const channel of channels) {
    for (let i = 0; i < length; i++) out[i] = (out[i] ?? 0) + (channel[i] ?? 0);
  }
  for (let i = 0; i < length; i++) out[i] = (out[i] ?? 0) / channels.length;
  return out;
}

/** The loudest sample in dBFS (0 is full scale); -Infinity for silence or nothing. */
export function peakDb(samples: Float32Array): number {
  let peak = 0;
  for (let i = 0; i < samples.length; i++) {
    const magnitude = Math.abs(samples[i] ?? 0);
    if (magnitude > peak) peak = magnitude;
  }
  return peak > 0 ? 20 * Math.log10(peak) : Number.NEGATIVE_INFINITY;
}

/**
 * Cuts the silence before the first sound and after the last, keeping up to `keepMs` of it at each end
 * so that the first syllable is not clipped and prompts played one after another do not run together.
 * Sound is a 10 ms frame whose RMS level reaches `thresholdDb` (dBFS). Nothing but silence: empty.
 */
export function trimSilence(
  samples: Float32Array,
  sampleRate: number,
  thresholdDb = -45,
  keepMs = 250,
): Float32Array {
  const frame = Math.max(1, Math.round(sampleRate / 100));
  const threshold = 10 ** (thresholdDb / 20);
  const frames = Math.ceil(samples.length / frame);
  const loud = (f: number): boolean => {
    const start = f * frame;
    const end = Math.min(samples.length, start + frame);
    let energy = 0;
    for (let i = start; i < end; i++) energy += (samples[i] ?? 0) ** 2;
    return Math.sqrt(energy / (end - start)) >= threshold;
  };
  let first = 0;
  while (first < frames && !loud(first)) first++;
  if (first === frames) return new Float32Array(0);
  let last = frames - 1;
  while (last > first && !loud(last)) last--;
  const keep = Math.round((sampleRate * keepMs) / 1000);
  const start = Math.max(0, first * frame - keep);
  const end = Math.min(samples.length, (last + 1) * frame + keep);
  return samples.slice(start, end);
}

/**
 * Band-limited resampling by a Blackman-windowed sinc: the low-pass (flat to 3.4 kHz, stopping before
 * 4 kHz when the output is 8 kHz) is the interpolation kernel itself, so 48 kHz speech does not alias.
 * Output sample n is at input position n·from/to. The kernel is tabulated for a fixed number of
 * fractional positions: exactly those the ratio produces when there are few (48 kHz → 8 kHz has one,
 * 44.1 kHz → 8 kHz has 80), the nearest of 1024 otherwise (a timing error under 0.05 % of a sample).
 */
// Its own filter rather than shared/voice/wav.ts's: a live recording at 44.1 or 48 kHz keeps the whole
// speech band flat to 3.4 kHz and stops before 4 kHz, where the placeholders' filter (made for the
// synthesiser's 22.05 kHz) rolls off from 3.4 kHz.
export function resample(samples: Float32Array, fromRate: number, toRate: number): Float32Array {
  if (!(fromRate > 0) || !(toRate > 0)) throw new RangeError(`bad sample rates ${fromRate} -> ${toRate}`);
  const length = Math.round((samples.length * toRate) / fromRate);
  if (fromRate === toRate) return samples.slice();
  const nyquist = Math.min(fromRate, toRate) / 2;
  // Both band edges scale with the narrower rate, so the same code serves any pair of rates.
  const stop = Math.min(STOP_HZ, nyquist * (STOP_HZ / 4000));
  const pass = Math.min(PASS_HZ, stop * (PASS_HZ / STOP_HZ));
  const cutoff = (pass + stop) / 2 / fromRate;
  // A Blackman window's transition band is about 5.5 / (kernel length) of the input rate.
  const halfWidth = Math.ceil((5.5 * fromRate) / (stop - pass) / 2);
  const taps = 2 * halfWidth + 1;

  const exact = exactPhases(fromRate, toRate);
  const phases = exact ?? 1024;
  const table = new Float32Array(phases * taps);
  for (let phase = 0; phase < phases; phase++) {
    const fraction = phase / phases;
    let sum = 0;
    for (let tap = 0; tap < taps; tap++) {
      const t = tap - halfWidth - fraction;
      const value = 2 * cutoff * sinc(2 * cutoff * t) * blackman(t / (halfWidth + 1));
      table[phase * taps + tap] = value;
      sum += value;
    }
    // Unit gain at DC for every phase: no level change, and no ripple between phases.
    for (let tap = 0; tap < taps; tap++) table[phase * taps + tap] = (table[phase * taps + tap] ?? 0) / sum;
  }

  const out = new Float32Array(length);
  const step = fromRate / toRate;
  for (let n = 0; n < length; n++) {
    const position = n * step;
    let base = Math.floor(position);
    let phase = Math.round((position - base) * phases);
    if (phase === phases) {
      base += 1;
      phase = 0;
    }
    const row = phase * taps;
    const from = Math.max(0, halfWidth - base);
    const to = Math.min(taps, samples.length - base + halfWidth);
    const offset = base - halfWidth;
    let sum = 0;
    // Outside the recording is silence: the kernel is cut there rather than the edges stretched.
    for (let tap = from; tap < to; tap++) sum += samples[offset + tap]! * table[row + tap]!;
    out[n] = sum;
  }
  return out;
}

/** The number of distinct fractional positions of `from → to`, when both are integers and it is small. */
function exactPhases(fromRate: number, toRate: number): number | undefined {
  if (!Number.isInteger(fromRate) || !Number.isInteger(toRate)) return undefined;
  let a = fromRate;
  let b = toRate;
  while (b !== 0) [a, b] = [b, a % b];
  const phases = toRate / a;
  return phases <= 1024 ? phases : undefined;
}

/**
 * Mono float PCM at any rate → an 8000 Hz, mono, 8-bit µ-law RIFF WAVE (`fmt ` format 7, `fact`, `data`),
 * as the IVR plays it.
 */
export function encodeMuLawWav(samples: Float32Array, sampleRate: number): Uint8Array<ArrayBuffer> {
  return encodeMulawWav(resample(samples, sampleRate, PHONE_RATE), PHONE_RATE) as Uint8Array<ArrayBuffer>;
}

/** How long a WAV plays, in seconds. */
export function muLawWavSeconds(wav: Uint8Array): number {
  return decodeWav(wav).durationSeconds;
}
