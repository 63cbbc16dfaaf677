// Passkeys for the volunteers' console: after a first sign-in with a texted code, a volunteer can add a
// passkey on their phone or computer and sign in with it next time, with no text (no cost, no wait, and
// no lockout: the five-wrong-codes lock someone can cause with a volunteer's number does not touch it).
// Challenges are signed by the hotline (so asking for one writes nothing) and used up once at the end.
// The checks themselves are shared/webauthn/verify.ts.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type {
  Me,
  PasskeyCreationOptions,
  PasskeyList,
  PasskeyResponse,
  SignInOptions,
} from '../console/api.js';
import type { StoredPasskey } from '../ports/console-store.js';
import type { Volunteer } from '../volunteers/volunteer.js';
import {
  COSE_ALGORITHMS,
  fromBase64Url,
  type RelyingParty,
  toBase64Url,
  verifyAssertion,
  verifyRegistration,
  WebAuthnError,
} from '../webauthn/verify.js';
import { type ConsolePorts, epochSeconds, keyed, startSession } from './console.js';

export const PASSKEY_LIMITS = {
  /** Passkeys one volunteer may keep (a phone, a computer, a spare). */
  perVolunteer: 5,
  /** A ceremony's challenge works this long; the browser's own timeout is the same. */
  challengeMinutes: 5,
} as const;

type Purpose = 'create' | 'get';

/** expiry (8 bytes, ms) ‖ random (16) ‖ HMAC (16): the hotline can tell its own live challenge apart. */
function issueChallenge(ports: ConsolePorts, purpose: Purpose, volunteerId: string): string {
  const raw = Buffer.alloc(24);
  raw.writeBigUInt64BE(BigInt(ports.clock.now().getTime() + PASSKEY_LIMITS.challengeMinutes * 60_000));
  randomBytes(16).copy(raw, 8);
  return toBase64Url(Buffer.concat([raw, challengeMac(ports, purpose, volunteerId, raw)]));
}

const challengeMac = (ports: ConsolePorts, purpose: Purpose, volunteerId: string, raw: Buffer) =>
  Buffer.from(
    keyed(ports.hashKey, `passkey-challenge:${purpose}:${volunteerId}`, toBase64Url(raw)),
    'base64url',
  ).subarray(0, 16);

/** The challenge is one the hotline issued for this ceremony (and volunteer) and it is still live. */
function checkChallenge(ports: ConsolePorts, challenge: string, purpose: Purpose, volunteerId: string): void {
  const bytes = fromBase64Url(challenge, 'challenge');
  if (bytes.length !== 40) throw new WebAuthnError('not a hotline challenge');
  const raw = bytes.subarray(0, 24);
  if (!timingSafeEqual(bytes.subarray(24), challengeMac(ports, purpose, volunteerId, raw))) {
    throw new WebAuthnError('not a hotline challenge');
  }
  if (Number(raw.readBigUInt64BE(0)) <= ports.clock.now().getTime())
    throw new WebAuthnError('the challenge expired');
}

/** Uses the challenge up (after every other check): a replayed response is refused. */
async function useUp(ports: ConsolePorts, challenge: string): Promise<void> {
  const ttl = epochSeconds(ports.clock.now().getTime()) + PASSKEY_LIMITS.challengeMinutes * 60 + 60;
  const hash = createHash('sha256').update(challenge).digest('base64url');
  if (!(await ports.store.useChallenge(hash, ttl))) throw new WebAuthnError('the challenge was used before');
}

/** The opaque id the device keeps for the volunteer: no number, no name. */
const userHandle = (ports: ConsolePorts, volunteerId: string) =>
  toBase64Url(Buffer.from(keyed(ports.hashKey, 'passkey-user', volunteerId), 'base64url').subarray(0, 16));

/** A passkey made before a coordinator ended the volunteer's sessions (pause, number or role change) ends too. */
const stillValid = (passkey: StoredPasskey, volunteer: Volunteer) =>
  !volunteer.sessionsValidAfter || passkey.createdAt > volunteer.sessionsValidAfter;

const timeoutMs = PASSKEY_LIMITS.challengeMinutes * 60_000;

export async function listPasskeys(ports: ConsolePorts, volunteer: Volunteer): Promise<PasskeyList> {
  const all = await ports.store.passkeysOf(volunteer.volunteerId);
  const ended = all.filter((p) => !stillValid(p, volunteer));
  await Promise.all(ended.map((p) => ports.store.deletePasskey(p.credentialId, volunteer.volunteerId)));
  return {
    passkeys: all
      .filter((p) => stillValid(p, volunteer))
      .map((p) => ({
        id: p.credentialId,
        createdAt: p.createdAt,
        lastUsedAt: p.lastUsedAt,
        synced: p.backedUp,
      })),
    limit: PASSKEY_LIMITS.perVolunteer,
  };
}

export type PasskeyOutcome<T> =
  | { ok: true; value: T }
  | { ok: false; status: 400 | 404 | 409; message: string };

export async function passkeyCreationOptions(
  ports: ConsolePorts,
  volunteer: Volunteer,
  rp: RelyingParty,
): Promise<PasskeyOutcome<PasskeyCreationOptions>> {
  const kept = (await listPasskeys(ports, volunteer)).passkeys;
  if (kept.length >= PASSKEY_LIMITS.perVolunteer) {
    return {
      ok: false,
      status: 409,
      message: `You already have ${PASSKEY_LIMITS.perVolunteer} passkeys: remove one first`,
    };
  }
  return {
    ok: true,
    value: {
      challenge: issueChallenge(ports, 'create', volunteer.volunteerId),
      rp: { id: rp.id, name: 'Hotline console' },
      user: {
        id: userHandle(ports, volunteer.volunteerId),
        name: volunteer.name,
        displayName: volunteer.name,
      },
      pubKeyCredParams: COSE_ALGORITHMS.map((alg) => ({ type: 'public-key' as const, alg })),
      authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
      attestation: 'none',
      excludeCredentials: kept.map((p) => ({ type: 'public-key' as const, id: p.id })),
      timeout: timeoutMs,
    },
  };
}

export async function addPasskey(
  ports: ConsolePorts,
  volunteer: Volunteer,
  rp: RelyingParty,
  response: PasskeyResponse,
): Promise<PasskeyOutcome<PasskeyList>> {
  try {
    const { clientData, key } = verifyRegistration(
      {
        credentialId: response.id,
        clientDataJSON: fromBase64Url(response.response.clientDataJSON, 'clientDataJSON'),
        attestationObject: fromBase64Url(response.response.attestationObject, 'attestationObject'),
      },
      rp,
    );
    checkChallenge(ports, clientData.challenge, 'create', volunteer.volunteerId);
    if ((await listPasskeys(ports, volunteer)).passkeys.length >= PASSKEY_LIMITS.perVolunteer) {
      return { ok: false, status: 409, message: 'You have as many passkeys as you may keep' };
    }
    await useUp(ports, clientData.challenge);
    const saved = await ports.store.savePasskey({
      credentialId: key.credentialId,
      volunteerId: volunteer.volunteerId,
      publicKey: key.publicKey as Record<string, string>,
      algorithm: key.algorithm,
      signCount: key.signCount,
      backedUp: key.backedUp,
      createdAt: ports.clock.now().toISOString(),
    });
    if (!saved) return { ok: false, status: 409, message: 'That passkey is already added' };
    ports.log?.info('console.passkey_added', { volunteer: volunteer.volunteerId, algorithm: key.algorithm });
    return { ok: true, value: await listPasskeys(ports, volunteer) };
  } catch (error) {
    if (!(error instanceof WebAuthnError)) throw error;
    ports.log?.warn('console.passkey_refused', { volunteer: volunteer.volunteerId, reason: error.message });
    return { ok: false, status: 400, message: 'The passkey could not be added: try again' };
  }
}

export async function removePasskey(
  ports: ConsolePorts,
  volunteer: Volunteer,
  credentialId: string,
): Promise<PasskeyOutcome<PasskeyList>> {
  if (!(await ports.store.deletePasskey(credentialId, volunteer.volunteerId))) {
    return { ok: false, status: 404, message: 'No such passkey of yours' };
  }
  ports.log?.info('console.passkey_removed', { volunteer: volunteer.volunteerId });
  return { ok: true, value: await listPasskeys(ports, volunteer) };
}

/** Anyone may ask: it writes nothing, and a challenge alone signs no one in. */
export function passkeySignInOptions(ports: ConsolePorts, rp: RelyingParty): SignInOptions {
  return {
    challenge: issueChallenge(ports, 'get', ''),
    rpId: rp.id,
    userVerification: 'required',
    timeout: timeoutMs,
  };
}

export async function signInWithPasskey(
  ports: ConsolePorts,
  rp: RelyingParty,
  response: PasskeyResponse,
): Promise<{ ok: true; token: string; me: Me; expiresAt: Date } | { ok: false; status: 401 }> {
  try {
    const stored = typeof response.id === 'string' ? await ports.store.passkey(response.id) : undefined;
    if (!stored) throw new WebAuthnError('no such passkey');
    const { clientData, signCount } = verifyAssertion(
      {
        clientDataJSON: fromBase64Url(response.response.clientDataJSON, 'clientDataJSON'),
        authenticatorData: fromBase64Url(response.response.authenticatorData, 'authenticatorData'),
        signature: fromBase64Url(response.response.signature, 'signature'),
      },
      stored,
      rp,
    );
    checkChallenge(ports, clientData.challenge, 'get', '');
    if (
      response.response.userHandle !== undefined &&
      response.response.userHandle !== userHandle(ports, stored.volunteerId)
    ) {
      throw new WebAuthnError('the passkey names another volunteer');
    }
    const volunteer = (await ports.roster.list()).find((v) => v.volunteerId === stored.volunteerId);
    if (!volunteer?.active) throw new WebAuthnError('the volunteer is paused or removed');
    if (!stillValid(stored, volunteer))
      throw new WebAuthnError('the passkey was made before the sessions ended');
    await useUp(ports, clientData.challenge);
    const now = ports.clock.now();
    if (
      !(await ports.store.usePasskey(stored.credentialId, stored.signCount, signCount, now.toISOString()))
    ) {
      throw new WebAuthnError('another sign-in used this passkey at the same moment');
    }
    return await startSession(ports, volunteer, now.getTime());
  } catch (error) {
    if (!(error instanceof WebAuthnError)) throw error;
    ports.log?.warn('console.passkey_sign_in_refused', { reason: error.message });
    return { ok: false, status: 401 };
  }
}
