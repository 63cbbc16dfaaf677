// The limits' I/O in one place, for the use cases: count a caller's text, block a flooding number, add
// to the day's spend. Each is one atomic DynamoDB request (shared/adapters/dynamodb/usage-store.ts).

import { usageKeys } from '../adapters/dynamodb/keys.js';
import type { Logger } from '../logger.js';
import type { BlockList, Counts, UsageCounters } from '../ports/usage.js';
import type { LimitSettings } from './settings.js';
import { textCounts, toMicroUsd } from './text-guard.js';
import { dayOf, hourOf, windowExpiry } from './windows.js';

export interface Limits {
  settings: LimitSettings;
  counters: UsageCounters;
  blocks: BlockList;
}

export function countCallerText(
  limits: Limits,
  callerId: string,
  now: Date,
  reply: boolean,
  unknown: boolean,
): Promise<Counts> {
  return limits.counters.add(
    usageKeys.callerHour(callerId, hourOf(now)),
    textCounts(now, reply, unknown),
    windowExpiry(now, 3600),
  );
}

/** Blocks a flooding number for `floodBlockMinutes`; logged with the caller reference, never the number. */
export async function blockFlood(limits: Limits, callerId: string, now: Date, log?: Logger): Promise<void> {
  const until = Math.floor(now.getTime() / 1000) + limits.settings.floodBlockMinutes * 60;
  await limits.blocks.put({
    callerId,
    reason: 'flood',
    addedAt: now.toISOString(),
    until,
    automatic: true,
  });
  log?.warn('abuse.flood_blocked', {
    callerRef: callerId.slice(0, 8),
    minutes: limits.settings.floodBlockMinutes,
  });
}

export interface SpendCheck {
  /** The day's estimated spend after this, in USD. */
  spentUsd: number;
  /** The ceiling was reached before this message: only STOP, erasure and emergency go out. */
  overCeiling: boolean;
}

/** Adds `usd` to the day's spend; past the ceiling a refused message is taken back off. */
export async function addSpend(
  limits: Pick<Limits, 'settings' | 'counters'>,
  now: Date,
  usd: number,
  exempt: boolean,
): Promise<SpendCheck> {
  const key = usageKeys.spendDay(dayOf(now));
  const micro = toMicroUsd(usd);
  const after =
    (await limits.counters.add(key, { microUsd: micro }, windowExpiry(now, 86_400))).microUsd ?? 0;
  const ceiling = toMicroUsd(limits.settings.dailySpendCeilingUsd);
  const overCeiling = after - micro >= ceiling;
  if (overCeiling && !exempt && micro > 0) {
    const back =
      (await limits.counters.add(key, { microUsd: -micro }, windowExpiry(now, 86_400))).microUsd ?? 0;
    return { spentUsd: back / 1_000_000, overCeiling };
  }
  return { spentUsd: after / 1_000_000, overCeiling };
}
