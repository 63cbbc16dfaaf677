// Counting windows and block entries, pure: which hour and day a moment falls in, when a window's item may
// go, whether a block is in force.
import type { BlockEntry } from '../ports/usage.js';

/** Is the entry in force at `now`? (TTL deletes an ended block only eventually.) */
export function isBlocking(entry: BlockEntry | undefined, now: Date): boolean {
  if (!entry) return false;
  return entry.until === undefined || entry.until * 1000 > now.getTime();
}

/** Window names: the clock hour `2026-12-01T13` and the UTC day `2026-12-01`. */
export function hourOf(now: Date): string {
  return now.toISOString().slice(0, 13);
}

export function dayOf(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** Epoch seconds a window's item may go: a day after it ends, for the reports. */
export function windowExpiry(now: Date, windowSeconds: number): number {
  const start = Math.floor(now.getTime() / 1000 / windowSeconds) * windowSeconds;
  return start + windowSeconds + 86_400;
}
