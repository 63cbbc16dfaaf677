// WebAuthn (Level 2) checks for the console's passkeys, on node:crypto alone: a new credential's
// registration (attestation "none": the hotline trusts no maker, only the key) and a sign-in's assertion
// (ES256, EdDSA or RS256). Pure: what is stored and which challenge is live are the caller's business.
import { createHash, createPublicKey, type JsonWebKey, verify } from 'node:crypto';
import { type CborValue, decodeCbor, decodeCborItem } from './cbor.js';

/** Why a response was refused: names only, never shown to the person signing in. */
export class WebAuthnError extends Error {}

/** COSE algorithms the console accepts, in its order of preference. */
export const COSE_ALGORITHMS = [-7, -8, -257] as const;
export type CoseAlgorithm = (typeof COSE_ALGORITHMS)[number];

export interface RelyingParty {
  /** The console's host name, e.g. `abc.execute-api.eu-central-1.amazonaws.com` or `localhost`. */
  id: string;
  /** The console's origin, e.g. `https://abc.execute-api.eu-central-1.amazonaws.com`. */
  origin: string;
}

export interface RegisteredKey {
  credentialId: string;
  publicKey: JsonWebKey;
  algorithm: CoseAlgorithm;
  signCount: number;
  /** The authenticator says the key is synced (a cloud passkey), per the BS flag. */
  backedUp: boolean;
}

export interface ParsedClientData {
  type: string;
  challenge: string;
  origin: string;
}

const FLAG_UP = 0x01;
const FLAG_UV = 0x04;
const FLAG_BS = 0x10;
const FLAG_AT = 0x40;

export const toBase64Url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');

export function fromBase64Url(value: unknown, what: string): Buffer {
  if (typeof value !== 'string' || !/^[A-Za-z0-9_-]*$/.test(value) || value.length > 8_000) {
    throw new WebAuthnError(`${what} is not base64url`);
  }
  return Buffer.from(value, 'base64url');
}

/** clientDataJSON: its type, origin and challenge must be the ones this ceremony expects. */
export function checkClientData(
  clientDataJSON: Buffer,
  type: 'webauthn.create' | 'webauthn.get',
  rp: RelyingParty,
): ParsedClientData {
  let data: unknown;
  try {
    data = JSON.parse(clientDataJSON.toString('utf8'));
  } catch {
    throw new WebAuthnError('clientDataJSON is not JSON');
  }
  const fields = data as Record<string, unknown>;
  if (!data || typeof data !== 'object') throw new WebAuthnError('clientDataJSON is not an object');
  if (fields.type !== type) throw new WebAuthnError(`clientData type is not ${type}`);
  if (fields.origin !== rp.origin) throw new WebAuthnError('clientData origin is not the console');
  if (fields.crossOrigin === true) throw new WebAuthnError('clientData is cross-origin');
  if (typeof fields.challenge !== 'string') throw new WebAuthnError('clientData has no challenge');
  return { type, origin: rp.origin, challenge: fields.challenge };
}

interface AuthenticatorData {
  flags: number;
  signCount: number;
  credentialId?: Buffer;
  publicKey?: Map<CborValue, CborValue>;
}

function parseAuthenticatorData(bytes: Buffer, rp: RelyingParty): AuthenticatorData {
  if (bytes.length < 37) throw new WebAuthnError('authenticatorData is too short');
  const rpIdHash = createHash('sha256').update(rp.id).digest();
  if (!rpIdHash.equals(bytes.subarray(0, 32)))
    throw new WebAuthnError('authenticatorData is for another site');
  const flags = bytes[32] ?? 0;
  if (!(flags & FLAG_UP)) throw new WebAuthnError('the user was not present');
  if (!(flags & FLAG_UV)) throw new WebAuthnError('the user was not verified');
  const signCount = bytes.readUInt32BE(33);
  if (!(flags & FLAG_AT)) return { flags, signCount };
  if (bytes.length < 55) throw new WebAuthnError('attested credential data is too short');
  const idLength = bytes.readUInt16BE(53);
  if (idLength < 16 || idLength > 1023 || 55 + idLength > bytes.length) {
    throw new WebAuthnError('credential id length is out of range');
  }
  const credentialId = bytes.subarray(55, 55 + idLength);
  const { value, end } = decodeCborItem(bytes, 55 + idLength);
  // Extensions (ED flag) may follow the key; the console asks for none and reads none.
  if (end !== bytes.length && !(flags & 0x80)) throw new WebAuthnError('bytes after the public key');
  if (!(value instanceof Map)) throw new WebAuthnError('the public key is not a COSE map');
  return { flags, signCount, credentialId, publicKey: value };
}

const coseBytes = (key: Map<CborValue, CborValue>, label: number, what: string): string => {
  const value = key.get(label);
  if (!(value instanceof Uint8Array)) throw new WebAuthnError(`COSE key has no ${what}`);
  return toBase64Url(value);
};

/** A COSE key (RFC 9053) as a JWK node:crypto reads; only the three algorithms the console offers. */
export function coseToJwk(key: Map<CborValue, CborValue>): { jwk: JsonWebKey; algorithm: CoseAlgorithm } {
  const kty = key.get(1);
  const alg = key.get(3);
  if (alg === -7 && kty === 2 && key.get(-1) === 1) {
    const jwk = { kty: 'EC', crv: 'P-256', x: coseBytes(key, -2, 'x'), y: coseBytes(key, -3, 'y') };
    return { jwk, algorithm: -7 };
  }
  if (alg === -8 && kty === 1 && key.get(-1) === 6) {
    return { jwk: { kty: 'OKP', crv: 'Ed25519', x: coseBytes(key, -2, 'x') }, algorithm: -8 };
  }
  if (alg === -257 && kty === 3) {
    return { jwk: { kty: 'RSA', n: coseBytes(key, -1, 'n'), e: coseBytes(key, -2, 'e') }, algorithm: -257 };
  }
  throw new WebAuthnError('the key is not ES256, EdDSA or RS256');
}

/**
 * A registration (navigator.credentials.create) checked: client data, the attestation object's
 * authenticator data and the key. The attestation statement is not checked (the console asks for
 * "none"): a passkey proves it is the same device again, not who made it.
 */
export function verifyRegistration(
  input: { credentialId: string; clientDataJSON: Buffer; attestationObject: Buffer },
  rp: RelyingParty,
): { clientData: ParsedClientData; key: RegisteredKey } {
  const clientData = checkClientData(input.clientDataJSON, 'webauthn.create', rp);
  let attestation: CborValue;
  try {
    attestation = decodeCbor(input.attestationObject);
  } catch (error) {
    throw new WebAuthnError(`attestationObject: ${(error as Error).message}`);
  }
  if (!(attestation instanceof Map)) throw new WebAuthnError('attestationObject is not a map');
  const authData = attestation.get('authData');
  if (!(authData instanceof Uint8Array)) throw new WebAuthnError('attestationObject has no authData');
  const parsed = parseAuthenticatorData(Buffer.from(authData), rp);
  if (!parsed.credentialId || !parsed.publicKey) throw new WebAuthnError('no attested credential');
  if (toBase64Url(parsed.credentialId) !== input.credentialId) {
    throw new WebAuthnError('credential id does not match the attested one');
  }
  const { jwk, algorithm } = coseToJwk(parsed.publicKey);
  try {
    createPublicKey({ key: jwk, format: 'jwk' });
  } catch {
    throw new WebAuthnError('the public key is not a valid key');
  }
  return {
    clientData,
    key: {
      credentialId: input.credentialId,
      publicKey: jwk,
      algorithm,
      signCount: parsed.signCount,
      backedUp: Boolean(parsed.flags & FLAG_BS),
    },
  };
}

/**
 * A sign-in (navigator.credentials.get) checked against the stored key: client data, the authenticator
 * data (this site, user present and verified) and the signature over authenticatorData ‖ SHA-256(clientData).
 * A counter that does not grow (when either side counts) means a cloned key and is refused.
 */
export function verifyAssertion(
  input: { clientDataJSON: Buffer; authenticatorData: Buffer; signature: Buffer },
  stored: Pick<RegisteredKey, 'publicKey' | 'algorithm' | 'signCount'>,
  rp: RelyingParty,
): { clientData: ParsedClientData; signCount: number } {
  const clientData = checkClientData(input.clientDataJSON, 'webauthn.get', rp);
  const parsed = parseAuthenticatorData(input.authenticatorData, rp);
  const signed = Buffer.concat([
    input.authenticatorData,
    createHash('sha256').update(input.clientDataJSON).digest(),
  ]);
  let genuine = false;
  try {
    const key = createPublicKey({ key: stored.publicKey, format: 'jwk' });
    genuine =
      stored.algorithm === -8
        ? verify(null, signed, key, input.signature)
        : stored.algorithm === -7
          ? verify('sha256', signed, { key, dsaEncoding: 'der' }, input.signature)
          : verify('sha256', signed, key, input.signature);
  } catch {
    // A malformed signature (not DER, wrong length) is a wrong one.
  }
  if (!genuine) throw new WebAuthnError('the signature is wrong');
  if ((parsed.signCount > 0 || stored.signCount > 0) && parsed.signCount <= stored.signCount) {
    throw new WebAuthnError('the signature counter went back: a cloned key');
  }
  return { clientData, signCount: parsed.signCount };
}
