// A software authenticator for tests: makes passkeys the way a phone does (CTAP2 attestation object with
// "none" attestation, COSE key, authenticator data, signatures over authData ‖ SHA-256(clientData)), so
// the console's WebAuthn checks meet the bytes a browser sends, and each test can tamper one of them.
import { createHash, generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto';

type Cbor = number | string | Uint8Array | Cbor[] | Map<Cbor, Cbor>;

function head(major: number, n: number): Buffer {
  if (n < 24) return Buffer.from([(major << 5) | n]);
  if (n < 0x100) return Buffer.from([(major << 5) | 24, n]);
  if (n < 0x10000) {
    const b = Buffer.alloc(3);
    b[0] = (major << 5) | 25;
    b.writeUInt16BE(n, 1);
    return b;
  }
  const b = Buffer.alloc(5);
  b[0] = (major << 5) | 26;
  b.writeUInt32BE(n, 1);
  return b;
}

/** CBOR encoding (definite lengths) of the values WebAuthn uses. */
export function encodeCbor(value: Cbor): Buffer {
  if (typeof value === 'number') return value >= 0 ? head(0, value) : head(1, -1 - value);
  if (typeof value === 'string') {
    const bytes = Buffer.from(value, 'utf8');
    return Buffer.concat([head(3, bytes.length), bytes]);
  }
  if (value instanceof Uint8Array) return Buffer.concat([head(2, value.length), Buffer.from(value)]);
  if (Array.isArray(value)) return Buffer.concat([head(4, value.length), ...value.map(encodeCbor)]);
  const parts = [head(5, value.size)];
  for (const [k, v] of value) parts.push(encodeCbor(k), encodeCbor(v));
  return Buffer.concat(parts);
}

export type SoftAlgorithm = 'ES256' | 'EdDSA' | 'RS256';

export interface SoftPasskey {
  credentialId: Buffer;
  algorithm: SoftAlgorithm;
  privateKey: KeyObject;
  publicKey: KeyObject;
  signCount: number;
  userHandle?: Buffer;
}

const b64u = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');

function coseKey(passkey: SoftPasskey): Map<Cbor, Cbor> {
  const jwk = passkey.publicKey.export({ format: 'jwk' });
  const bytes = (v: string | undefined) => Buffer.from(v ?? '', 'base64url');
  if (passkey.algorithm === 'ES256') {
    return new Map<Cbor, Cbor>([
      [1, 2],
      [3, -7],
      [-1, 1],
      [-2, bytes(jwk.x)],
      [-3, bytes(jwk.y)],
    ]);
  }
  if (passkey.algorithm === 'EdDSA') {
    return new Map<Cbor, Cbor>([
      [1, 1],
      [3, -8],
      [-1, 6],
      [-2, bytes(jwk.x)],
    ]);
  }
  return new Map<Cbor, Cbor>([
    [1, 3],
    [3, -257],
    [-1, bytes(jwk.n)],
    [-2, bytes(jwk.e)],
  ]);
}

export function newSoftPasskey(algorithm: SoftAlgorithm = 'ES256'): SoftPasskey {
  const pair =
    algorithm === 'ES256'
      ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
      : algorithm === 'EdDSA'
        ? generateKeyPairSync('ed25519')
        : generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { credentialId: randomBytes(32), algorithm, ...pair, signCount: 0 };
}

export interface Ceremony {
  /** The page's origin, as the browser would write it into clientDataJSON. */
  origin: string;
  rpId: string;
  challenge: string;
  flags?: number;
  type?: string;
}

const clientData = (c: Ceremony, type: string) =>
  Buffer.from(
    JSON.stringify({ type: c.type ?? type, challenge: c.challenge, origin: c.origin, crossOrigin: false }),
  );

function authenticatorData(c: Ceremony, flags: number, signCount: number, attested?: Buffer): Buffer {
  const count = Buffer.alloc(4);
  count.writeUInt32BE(signCount);
  return Buffer.concat([
    createHash('sha256').update(c.rpId).digest(),
    Buffer.from([flags]),
    count,
    ...(attested ? [attested] : []),
  ]);
}

/** What `navigator.credentials.create()` answers, as the console's page posts it (base64url fields). */
export function register(passkey: SoftPasskey, c: Ceremony) {
  const idLength = Buffer.alloc(2);
  idLength.writeUInt16BE(passkey.credentialId.length);
  const attested = Buffer.concat([
    Buffer.alloc(16),
    idLength,
    passkey.credentialId,
    encodeCbor(coseKey(passkey)),
  ]);
  const authData = authenticatorData(c, c.flags ?? 0x45, passkey.signCount, attested);
  const attestationObject = encodeCbor(
    new Map<Cbor, Cbor>([
      ['fmt', 'none'],
      ['attStmt', new Map()],
      ['authData', authData],
    ]),
  );
  return {
    id: b64u(passkey.credentialId),
    response: {
      clientDataJSON: b64u(clientData(c, 'webauthn.create')),
      attestationObject: b64u(attestationObject),
    },
  };
}

/** What `navigator.credentials.get()` answers: the counter moves on by one each time, as on a key. */
export function assert(passkey: SoftPasskey, c: Ceremony, options: { countBy?: number } = {}) {
  passkey.signCount += options.countBy ?? 1;
  const authData = authenticatorData(c, c.flags ?? 0x05, passkey.signCount);
  const data = clientData(c, 'webauthn.get');
  const signed = Buffer.concat([authData, createHash('sha256').update(data).digest()]);
  const signature =
    passkey.algorithm === 'EdDSA'
      ? sign(null, signed, passkey.privateKey)
      : sign(
          'sha256',
          signed,
          passkey.algorithm === 'ES256'
            ? { key: passkey.privateKey, dsaEncoding: 'der' }
            : passkey.privateKey,
        );
  return {
    id: b64u(passkey.credentialId),
    response: {
      clientDataJSON: b64u(data),
      authenticatorData: b64u(authData),
      signature: b64u(signature),
      ...(passkey.userHandle ? { userHandle: b64u(passkey.userHandle) } : {}),
    },
  };
}
