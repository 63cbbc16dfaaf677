// A volunteer's PIN (dialback, TAKE by SMS), with a lockout that holds across calls and texts: after
// `pinAttempts` wrong PINs in a row the PIN is refused, even when right, for `pinLockMinutes`, and the
// coordinators are told. The count is one atomic counter item per volunteer (usageKeys.pin).
import { usageKeys } from '../adapters/dynamodb/keys.js';
import type { UsageCounters } from '../ports/usage.js';
import { pinMatches, type Volunteer } from '../volunteers/volunteer.js';
import type { LimitSettings } from './settings.js';

export type PinCheck =
  | { result: 'ok' }
  | { result: 'wrong'; left: number }
  /** Locked before this try: refused whatever was typed. */
  | { result: 'locked'; minutes: number }
  /** This wrong try locked it: tell the coordinators. */
  | { result: 'now_locked'; minutes: number };

export interface PinGuard {
  counters: UsageCounters;
  settings: Pick<LimitSettings, 'pinAttempts' | 'pinLockMinutes'>;
}

export async function checkPin(
  guard: PinGuard,
  volunteer: Pick<Volunteer, 'volunteerId' | 'pinHash'>,
  digits: string,
  now: Date,
): Promise<PinCheck> {
  const key = usageKeys.pin(volunteer.volunteerId);
  const seconds = Math.floor(now.getTime() / 1000);
  const state = await guard.counters.read(key);
  const lockedUntil = state.lockedUntil ?? 0;
  if (lockedUntil > seconds) return { result: 'locked', minutes: Math.ceil((lockedUntil - seconds) / 60) };
  // Six digits at most: anything longer is not a PIN, and is not hashed.
  const typed = digits.slice(0, 12);
  const lockSeconds = guard.settings.pinLockMinutes * 60;
  if (pinMatches(typed, volunteer.pinHash)) {
    if ((state.wrong ?? 0) > 0) await guard.counters.set(key, { wrong: 0 }, seconds + 86_400);
    return { result: 'ok' };
  }
  const after = await guard.counters.add(key, { wrong: 1 }, seconds + 86_400);
  const wrong = after.wrong ?? 1;
  if (wrong >= guard.settings.pinAttempts) {
    await guard.counters.set(
      key,
      { wrong: 0, lockedUntil: seconds + lockSeconds },
      seconds + lockSeconds + 86_400,
    );
    return { result: 'now_locked', minutes: guard.settings.pinLockMinutes };
  }
  return { result: 'wrong', left: guard.settings.pinAttempts - wrong };
}
