// Port: what the volunteers' console keeps: sign-in codes and their attempt counters, sessions, and the
// access log kept beside each case. No SDK type here; the DynamoDB adapter is
// shared/adapters/dynamodb/console-store.ts.
import type { OutboundMessage } from './outbox.js';

/** One phone number's sign-in: the live code (hashed), the codes sent today, the wrong tries. */
export interface SignInState {
  /** HMAC of the live code; absent when none is live. */
  codeHash?: string | undefined;
  /** Epoch ms: the code stops working. */
  codeExpiresAt?: number | undefined;
  /** Epoch ms: the code was sent. */
  codeSentAt?: number | undefined;
  /** UTC day (`2026-12-01`) of `sends`. */
  sendsDay?: string | undefined;
  sends: number;
  /** Tries since the last success or lock, counted before each code is compared. */
  attempts: number;
  /** Epoch ms: no try is compared before this. */
  lockedUntil?: number | undefined;
}

export interface ConsoleSession {
  volunteerId: string;
  createdAt: string;
  /** Epoch seconds. */
  expiresAt: number;
}

export type AccessAction = 'read' | 'take' | 'reply' | 'note' | 'close' | 'voicemail';

/** Who read or changed which case, when: never what was written. */
export interface AccessEntry {
  at: string;
  volunteerId: string;
  action: AccessAction;
}

/** A volunteer's passkey: the public half only (the private key never leaves their device). */
export interface StoredPasskey {
  credentialId: string;
  volunteerId: string;
  /** The public key as a JWK (EC P-256, Ed25519 or RSA). */
  publicKey: Record<string, string>;
  /** COSE algorithm: -7 ES256, -8 EdDSA, -257 RS256. */
  algorithm: -7 | -8 | -257;
  signCount: number;
  /** Synced by the device's maker (a cloud passkey) rather than kept on one device. */
  backedUp: boolean;
  createdAt: string;
  lastUsedAt?: string | undefined;
}

export interface ConsoleStore {
  /** The number's sign-in state (`subject`: the number's keyed hash); empty when there is none. */
  signIn(subject: string): Promise<SignInState>;
  /** A new code and the message that carries it, in one transaction. */
  saveCode(subject: string, state: SignInState, message: OutboundMessage, expiresAt: number): Promise<void>;
  /** Counts one try atomically before the code is compared; answers the state after it. */
  countAttempt(subject: string, expiresAt: number): Promise<SignInState>;
  /** No tries are compared until `until`; the live code is dropped. */
  lock(subject: string, until: number, expiresAt: number): Promise<void>;
  /**
   * Starts a lock's count again once it is over: only if the lock is still the one read (`lockedUntil`),
   * so a burst of tries after a lock resets the count once, not once per try.
   */
  resetAttempts(subject: string, lockedUntil: number): Promise<void>;
  /** Uses the code up (only if it is still `codeHash`): false when another try used it first. */
  consumeCode(subject: string, codeHash: string): Promise<boolean>;
  createSession(sessionHash: string, session: ConsoleSession): Promise<void>;
  session(sessionHash: string): Promise<ConsoleSession | undefined>;
  deleteSession(sessionHash: string): Promise<void>;
  /**
   * Records an access beside the case, kept as long as the case. `bucket` (reads): one entry per
   * volunteer and bucket, so a page polling every few seconds writes one line per few minutes.
   */
  recordAccess(code: string, entry: AccessEntry, expiresAt: number, bucket?: string): Promise<void>;
  accessLog(code: string): Promise<AccessEntry[]>;
  /** Keeps a new passkey; false when that credential is already kept. */
  savePasskey(passkey: StoredPasskey): Promise<boolean>;
  passkey(credentialId: string): Promise<StoredPasskey | undefined>;
  passkeysOf(volunteerId: string): Promise<StoredPasskey[]>;
  /** Records a sign-in's counter, only if the counter is still `seen`: false when another sign-in won. */
  usePasskey(credentialId: string, seen: number, signCount: number, at: string): Promise<boolean>;
  /** Removes one of the volunteer's passkeys: false when it is not theirs or gone. */
  deletePasskey(credentialId: string, volunteerId: string): Promise<boolean>;
  deletePasskeysOf(volunteerId: string): Promise<void>;
  /** Counts one sign-in request from a source address in this clock hour; answers the hour's count. */
  countSourceTry(sourceHash: string, hour: string, expiresAt: number): Promise<number>;
  /** Uses a ceremony's challenge up: false when it was used before. Kept until `expiresAt` (epoch s). */
  useChallenge(challengeHash: string, expiresAt: number): Promise<boolean>;
}
