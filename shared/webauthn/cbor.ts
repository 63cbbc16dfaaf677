// The little of CBOR (RFC 8949) that WebAuthn needs: an attestation object and a COSE public key.
// Definite lengths only (CTAP2's canonical form); integers, byte and text strings, arrays, maps, simple
// values. Anything else, or bytes past the end, is an error, never a guess.

export type CborValue =
  | number
  | bigint
  | string
  | Uint8Array
  | boolean
  | null
  | undefined
  | CborValue[]
  | Map<CborValue, CborValue>;

export class CborError extends Error {}

const MAX_DEPTH = 16;

/** Decodes one item at `offset`; answers it and the offset just past it. */
export function decodeCborItem(bytes: Uint8Array, offset = 0): { value: CborValue; end: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = offset;

  const need = (n: number) => {
    if (at + n > bytes.length) throw new CborError('CBOR ends too early');
  };
  const length = (info: number): number | bigint => {
    if (info < 24) return info;
    if (info === 24) {
      need(1);
      return view.getUint8(at++);
    }
    if (info === 25) {
      need(2);
      const n = view.getUint16(at);
      at += 2;
      return n;
    }
    if (info === 26) {
      need(4);
      const n = view.getUint32(at);
      at += 4;
      return n;
    }
    if (info === 27) {
      need(8);
      const n = view.getBigUint64(at);
      at += 8;
      return n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n;
    }
    throw new CborError('CBOR indefinite or reserved length');
  };
  const count = (info: number): number => {
    const n = length(info);
    if (typeof n !== 'number' || n > bytes.length) throw new CborError('CBOR length too large');
    return n;
  };

  const item = (depth: number): CborValue => {
    if (depth > MAX_DEPTH) throw new CborError('CBOR nested too deep');
    need(1);
    const initial = view.getUint8(at++);
    const major = initial >> 5;
    const info = initial & 0x1f;
    switch (major) {
      case 0:
        return length(info);
      case 1: {
        const n = length(info);
        return typeof n === 'bigint' ? -1n - n : -1 - n;
      }
      case 2: {
        const n = count(info);
        need(n);
        const value = bytes.slice(at, at + n);
        at += n;
        return value;
      }
      case 3: {
        const n = count(info);
        need(n);
        const value = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(at, at + n));
        at += n;
        return value;
      }
      case 4: {
        const n = count(info);
        const list: CborValue[] = [];
        for (let i = 0; i < n; i++) list.push(item(depth + 1));
        return list;
      }
      case 5: {
        const n = count(info);
        const map = new Map<CborValue, CborValue>();
        for (let i = 0; i < n; i++) {
          const key = item(depth + 1);
          if (map.has(key)) throw new CborError('CBOR map key repeated');
          map.set(key, item(depth + 1));
        }
        return map;
      }
      case 7:
        if (info === 20) return false;
        if (info === 21) return true;
        if (info === 22) return null;
        if (info === 23) return undefined;
        throw new CborError('CBOR float or simple value not supported');
      default:
        throw new CborError('CBOR tags are not supported');
    }
  };

  const value = item(0);
  return { value, end: at };
}

/** Decodes exactly one item filling `bytes`. */
export function decodeCbor(bytes: Uint8Array): CborValue {
  const { value, end } = decodeCborItem(bytes);
  if (end !== bytes.length) throw new CborError('bytes left after the CBOR item');
  return value;
}
