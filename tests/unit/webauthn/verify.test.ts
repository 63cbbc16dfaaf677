import { describe, expect, it } from 'vitest';
import { decodeCbor } from '../../../shared/webauthn/cbor.js';
import {
  fromBase64Url,
  type RelyingParty,
  verifyAssertion,
  verifyRegistration,
  WebAuthnError,
} from '../../../shared/webauthn/verify.js';
import {
  assert,
  encodeCbor,
  newSoftPasskey,
  register,
  type SoftAlgorithm,
} from '../../support/soft-authenticator.js';

const rp: RelyingParty = { id: 'console.example.org', origin: 'https://console.example.org' };
const ceremony = { origin: rp.origin, rpId: rp.id, challenge: 'c2lnbi1pbi1jaGFsbGVuZ2U' };

function registered(algorithm: SoftAlgorithm = 'ES256') {
  const passkey = newSoftPasskey(algorithm);
  const response = register(passkey, ceremony);
  const result = verifyRegistration(
    {
      credentialId: response.id,
      clientDataJSON: fromBase64Url(response.response.clientDataJSON, 'clientDataJSON'),
      attestationObject: fromBase64Url(response.response.attestationObject, 'attestationObject'),
    },
    rp,
  );
  return { passkey, key: result.key, clientData: result.clientData };
}

function signInWith(passkey: ReturnType<typeof newSoftPasskey>, c = ceremony, countBy?: number) {
  const response = assert(passkey, c, countBy === undefined ? {} : { countBy });
  return {
    clientDataJSON: fromBase64Url(response.response.clientDataJSON, 'c'),
    authenticatorData: fromBase64Url(response.response.authenticatorData, 'a'),
    signature: fromBase64Url(response.response.signature, 's'),
  };
}

describe('CBOR decoding', () => {
  it('reads maps, negative keys, byte and text strings the way they were written', () => {
    const bytes = encodeCbor(
      new Map<never, never>([
        [1 as never, 2 as never],
        [-3 as never, Buffer.from([9, 8]) as never],
        ['fmt' as never, 'none' as never],
      ]),
    );
    const value = decodeCbor(bytes) as Map<unknown, unknown>;
    expect(value.get(1)).toBe(2);
    expect(Buffer.from(value.get(-3) as Uint8Array)).toEqual(Buffer.from([9, 8]));
    expect(value.get('fmt')).toBe('none');
  });

  it('refuses truncated input, trailing bytes and indefinite lengths', () => {
    const bytes = encodeCbor(new Map([['authData', Buffer.alloc(40)]]) as never);
    expect(() => decodeCbor(bytes.subarray(0, bytes.length - 1))).toThrow(/ends too early/);
    expect(() => decodeCbor(Buffer.concat([bytes, Buffer.from([0])]))).toThrow(/bytes left/);
    expect(() => decodeCbor(Buffer.from([0x5f, 0x41, 0x00, 0xff]))).toThrow(/indefinite/);
  });
});

describe('passkey registration', () => {
  it.each(['ES256', 'EdDSA', 'RS256'] as const)('accepts a %s passkey and keeps its key', (algorithm) => {
    const { key, clientData } = registered(algorithm);
    expect(key.algorithm).toBe({ ES256: -7, EdDSA: -8, RS256: -257 }[algorithm]);
    expect(clientData.challenge).toBe(ceremony.challenge);
    expect(key.signCount).toBe(0);
  });

  it('refuses a registration made on another site, origin or with no user verification', () => {
    const passkey = newSoftPasskey();
    const attempt = (c: typeof ceremony & { flags?: number; type?: string }, id?: string) => {
      const response = register(passkey, c);
      return () =>
        verifyRegistration(
          {
            credentialId: id ?? response.id,
            clientDataJSON: fromBase64Url(response.response.clientDataJSON, 'c'),
            attestationObject: fromBase64Url(response.response.attestationObject, 'a'),
          },
          rp,
        );
    };
    expect(attempt({ ...ceremony, rpId: 'evil.example.org' })).toThrow(/another site/);
    expect(attempt({ ...ceremony, origin: 'https://evil.example.org' })).toThrow(/origin/);
    expect(attempt({ ...ceremony, flags: 0x41 })).toThrow(/not verified/);
    expect(attempt({ ...ceremony, type: 'webauthn.get' })).toThrow(/type/);
    expect(attempt(ceremony, 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).toThrow(/does not match/);
    expect(attempt(ceremony)).not.toThrow();
  });
});

describe('passkey sign-in', () => {
  it.each(['ES256', 'EdDSA', 'RS256'] as const)(
    'accepts a genuine %s signature and answers the new counter',
    (algorithm) => {
      const { passkey, key } = registered(algorithm);
      const result = verifyAssertion(signInWith(passkey), key, rp);
      expect(result.signCount).toBe(1);
      expect(result.clientData.challenge).toBe(ceremony.challenge);
    },
  );

  it('refuses a signature by another key, a changed challenge and another origin', () => {
    const { key } = registered();
    const other = newSoftPasskey();
    expect(() => verifyAssertion(signInWith(other), key, rp)).toThrow(/signature is wrong/);
    const { passkey } = registered();
    const genuine = signInWith(passkey);
    const stored = { ...key, publicKey: passkey.publicKey.export({ format: 'jwk' }) };
    const swapped = Buffer.from(
      genuine.clientDataJSON.toString('utf8').replace(ceremony.challenge, 'b3RoZXItY2hhbGxlbmdl'),
    );
    expect(() => verifyAssertion({ ...genuine, clientDataJSON: swapped }, stored, rp)).toThrow(
      /signature is wrong/,
    );
    expect(() =>
      verifyAssertion(signInWith(passkey, { ...ceremony, origin: 'http://console.example.org' }), stored, rp),
    ).toThrow(/origin/);
    expect(() => verifyAssertion({ ...genuine, signature: Buffer.from('not der') }, stored, rp)).toThrow(
      WebAuthnError,
    );
  });

  it('refuses a counter that does not grow (a cloned key) but accepts authenticators that never count', () => {
    const { passkey, key } = registered();
    const first = verifyAssertion(signInWith(passkey, ceremony, 5), key, rp);
    expect(first.signCount).toBe(5);
    passkey.signCount = 2;
    expect(() => verifyAssertion(signInWith(passkey), { ...key, signCount: first.signCount }, rp)).toThrow(
      /cloned/,
    );
    const counterless = registered();
    expect(verifyAssertion(signInWith(counterless.passkey, ceremony, 0), counterless.key, rp).signCount).toBe(
      0,
    );
  });
});
