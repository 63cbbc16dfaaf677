// WAV reading and writing plus the little signal processing that turns a synthesiser's output into
// telephone audio. Pure functions over typed arrays: the prompt generator and the tests share them.

/** Twilio plays 8 kHz mono G.711 µ-law natively: no transcoding delay and half the size of 16-bit PCM. */
export const TELEPHONE_SAMPLE_RATE = 8000;

/** Energy above this goes nowhere on a phone line (the network band ends near 3.4 kHz). */
export const TELEPHONE_CUTOFF_HZ = 3400;

export type WavEncoding = 'pcm8' | 'pcm16' | 'mulaw';

export interface DecodedWav {
  readonly encoding: WavEncoding;
  readonly sampleRate: number;
  readonly channels: number;
  /** First channel only, scaled to -1..1. */
  readonly samples: Float32Array;
  readonly durationSeconds: number;
}

export class InvalidWavError extends Error {
  override readonly name = 'InvalidWavError';
}

const FORMAT_PCM = 1;
const FORMAT_MULAW = 7;
const FORMAT_EXTENSIBLE = 0xfffe;

export function decodeWav(bytes: Uint8Array): DecodedWav {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 12 || ascii(bytes, 0, 4) !== 'RIFF' || ascii(bytes, 8, 4) !== 'WAVE') {
    throw new InvalidWavError('not a RIFF/WAVE file');
  }
  let format: { code: number; channels: number; sampleRate: number; bits: number } | undefined;
  let data: Uint8Array | undefined;
  // Chunks other than fmt and data (LIST, fact, bext from Audacity...) are legal and skipped.
  for (let offset = 12; offset + 8 <= bytes.byteLength; ) {
    const id = ascii(bytes, offset, 4);
    const size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (id === 'fmt ') {
      if (size < 16) throw new InvalidWavError('fmt chunk too short');
      let code = view.getUint16(body, true);
      if (code === FORMAT_EXTENSIBLE && size >= 26) code = view.getUint16(body + 24, true);
      format = {
        code,
        channels: view.getUint16(body + 2, true),
        sampleRate: view.getUint32(body + 4, true),
        bits: view.getUint16(body + 14, true),
      };
    } else if (id === 'data') {
      // Some writers leave the size of a streamed data chunk at 0 or too large: clamp to the file.
      data = bytes.subarray(body, Math.min(body + size, bytes.byteLength));
    }
    offset = body + size + (size % 2);
  }
  if (!format) throw new InvalidWavError('no fmt chunk');
  if (!data) throw new InvalidWavError('no data chunk');
  if (format.channels < 1) throw new InvalidWavError('no channels');

  const encoding = encodingOf(format.code, format.bits);
  const bytesPerSample = encoding === 'pcm16' ? 2 : 1;
  const frameBytes = bytesPerSample * format.channels;
  const frames = Math.floor(data.byteLength / frameBytes);
  const samples = new Float32Array(frames);
  const dataView = new DataView(data.buffer, data.byteOffset, data.byteLength);
  for (let i = 0; i < frames; i++) {
    const at = i * frameBytes;
    if (encoding === 'pcm16') samples[i] = dataView.getInt16(at, true) / 32768;
    else if (encoding === 'pcm8') samples[i] = (dataView.getUint8(at) - 128) / 128;
    else samples[i] = mulawToLinear(dataView.getUint8(at)) / 32768;
  }
  return {
    encoding,
    sampleRate: format.sampleRate,
    channels: format.channels,
    samples,
    durationSeconds: format.sampleRate > 0 ? frames / format.sampleRate : 0,
  };
}

function encodingOf(code: number, bits: number): WavEncoding {
  if (code === FORMAT_PCM && bits === 16) return 'pcm16';
  if (code === FORMAT_PCM && bits === 8) return 'pcm8';
  if (code === FORMAT_MULAW && bits === 8) return 'mulaw';
  throw new InvalidWavError(`unsupported WAV format ${code} with ${bits} bits`);
}

/** An 8-bit µ-law mono WAV. The fact chunk is required by the spec for non-PCM data. */
export function encodeMulawWav(samples: Float32Array, sampleRate: number): Uint8Array {
  const dataSize = samples.length;
  const pad = dataSize % 2;
  const bytes = new Uint8Array(58 + dataSize + pad);
  const view = new DataView(bytes.buffer);
  writeAscii(bytes, 0, 'RIFF');
  view.setUint32(4, bytes.byteLength - 8, true);
  writeAscii(bytes, 8, 'WAVE');
  writeAscii(bytes, 12, 'fmt ');
  view.setUint32(16, 18, true);
  view.setUint16(20, FORMAT_MULAW, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate, true);
  view.setUint16(32, 1, true);
  view.setUint16(34, 8, true);
  view.setUint16(36, 0, true);
  writeAscii(bytes, 38, 'fact');
  view.setUint32(42, 4, true);
  view.setUint32(46, dataSize, true);
  writeAscii(bytes, 50, 'data');
  view.setUint32(54, dataSize, true);
  for (let i = 0; i < dataSize; i++) {
    bytes[58 + i] = linearToMulaw(Math.round(clamp(samples[i] ?? 0) * 32767));
  }
  return bytes;
}

const MULAW_BIAS = 0x84;
const MULAW_CLIP = 32635;

/** G.711 µ-law compression of one 16-bit sample. */
export function linearToMulaw(sample: number): number {
  const sign = sample < 0 ? 0x80 : 0;
  let magnitude = Math.min(Math.abs(Math.trunc(sample)), MULAW_CLIP) + MULAW_BIAS;
  let exponent = 7;
  for (let mask = 0x4000; (magnitude & mask) === 0 && exponent > 0; mask >>= 1) exponent--;
  const mantissa = (magnitude >> (exponent + 3)) & 0x0f;
  magnitude = sign | (exponent << 4) | mantissa;
  return ~magnitude & 0xff;
}

/** G.711 µ-law expansion back to a 16-bit sample. */
export function mulawToLinear(code: number): number {
  const u = ~code & 0xff;
  const exponent = (u >> 4) & 0x07;
  const magnitude = ((((u & 0x0f) << 3) + MULAW_BIAS) << exponent) - MULAW_BIAS;
  return u & 0x80 ? -magnitude : magnitude;
}

/**
 * Band-limited resampling by windowed-sinc interpolation. The synthesiser's 22.05 kHz is not an integer
 * multiple of 8 kHz, so plain decimation would not do; the low-pass is built into the kernel.
 */
export function resample(
  samples: Float32Array,
  fromRate: number,
  toRate: number,
  cutoffHz: number = Math.min(TELEPHONE_CUTOFF_HZ, toRate / 2),
): Float32Array {
  if (!Number.isInteger(fromRate) || !Number.isInteger(toRate) || fromRate <= 0 || toRate <= 0) {
    throw new RangeError(`sample rates must be positive integers: ${fromRate} -> ${toRate}`);
  }
  if (fromRate === toRate) return samples.slice();
  const cutoff = Math.min(cutoffHz, toRate / 2, fromRate / 2) / fromRate;
  // 64 input samples each side keeps the transition band under ~1 kHz at 22.05 kHz input.
  const halfWidth = Math.max(64, Math.ceil(64 * (fromRate / 22050)));
  const kernel = (t: number) => 2 * cutoff * sinc(2 * cutoff * t) * blackman(t / halfWidth);
  // Output sample n sits at input position n * from / to; with integer rates its fractional part takes
  // only `phases` values, so the kernel is tabulated once per phase instead of once per sample.
  const divisor = gcd(fromRate, toRate);
  const phases = toRate / divisor;
  const stride = fromRate / divisor;
  const taps = 2 * halfWidth + 1;
  const table = new Float64Array(phases * taps);
  for (let phase = 0; phase < phases; phase++) {
    const fraction = phase / phases;
    for (let tap = 0; tap < taps; tap++) table[phase * taps + tap] = kernel(tap - halfWidth - fraction);
  }
  const out = new Float32Array(Math.floor((samples.length * toRate) / fromRate));
  for (let n = 0; n < out.length; n++) {
    const position = n * stride;
    const base = Math.floor(position / phases);
    const phase = position - base * phases;
    const row = phase * taps;
    let sum = 0;
    let weights = 0;
    for (let tap = 0; tap < taps; tap++) {
      const k = base + tap - halfWidth;
      if (k < 0 || k >= samples.length) continue;
      const weight = table[row + tap] ?? 0;
      sum += (samples[k] ?? 0) * weight;
      weights += weight;
    }
    // Normalising by the kernel's sum keeps DC gain at 1 even where the kernel is cut by the edges.
    out[n] = weights !== 0 ? sum / weights : 0;
  }
  return out;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** Drops leading and trailing near-silence, keeping `marginSeconds` so words do not start clipped. */
export function trimSilence(
  samples: Float32Array,
  sampleRate: number,
  marginSeconds: number,
  threshold = 0.02,
): Float32Array {
  const peak = peakOf(samples);
  if (peak === 0) return samples.slice(0, 0);
  const level = peak * threshold;
  let start = 0;
  while (start < samples.length && Math.abs(samples[start] ?? 0) < level) start++;
  let end = samples.length - 1;
  while (end > start && Math.abs(samples[end] ?? 0) < level) end--;
  const margin = Math.round(marginSeconds * sampleRate);
  return samples.slice(Math.max(0, start - margin), Math.min(samples.length, end + 1 + margin));
}

/** Scales so the loudest sample reaches `targetPeak`: fragments played one after another sound even. */
export function normalise(samples: Float32Array, targetPeak = 0.89): Float32Array {
  const peak = peakOf(samples);
  if (peak === 0) return samples.slice();
  const gain = targetPeak / peak;
  return samples.map((s) => s * gain);
}

export function peakOf(samples: Float32Array): number {
  let peak = 0;
  for (const s of samples) peak = Math.max(peak, Math.abs(s));
  return peak;
}

export function rmsOf(samples: Float32Array): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (const s of samples) sum += s * s;
  return Math.sqrt(sum / samples.length);
}

export function sinc(x: number): number {
  if (x === 0) return 1;
  const px = Math.PI * x;
  return Math.sin(px) / px;
}

/** Blackman window over -1..1 (zero outside). */
export function blackman(x: number): number {
  if (x <= -1 || x >= 1) return 0;
  const phase = Math.PI * (x + 1);
  return 0.42 - 0.5 * Math.cos(phase) + 0.08 * Math.cos(2 * phase);
}

function clamp(value: number): number {
  return Math.max(-1, Math.min(1, value));
}

function ascii(bytes: Uint8Array, offset: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(offset, offset + length));
}

function writeAscii(bytes: Uint8Array, offset: number, text: string): void {
  for (let i = 0; i < text.length; i++) bytes[offset + i] = text.charCodeAt(i);
}
