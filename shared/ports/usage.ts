// Port: usage counters per window and the block list. The DynamoDB adapter is
// shared/adapters/dynamodb/usage-store.ts.
import type { ItemKey } from '../adapters/dynamodb/keys.js';

export type Counts = Readonly<Record<string, number>>;

export interface UsageCounters {
  /** Adds `counts` to the window's item (created on first use) and answers every count it now holds. */
  add(key: ItemKey, counts: Counts, expiresAt: number): Promise<Counts>;
  read(key: ItemKey): Promise<Counts>;
  /** Sets fields outright (a PIN lock's end, a reset count). */
  set(key: ItemKey, values: Counts, expiresAt: number): Promise<void>;
  /** Adds `counts` and keeps `text[field]` the first value anyone offered for it; answers both. */
  addAndClaim(
    key: ItemKey,
    counts: Counts,
    field: string,
    offered: string,
    expiresAt: number,
  ): Promise<{ counts: Counts; claimed: string }>;
}

export interface BlockEntry {
  callerId: string;
  /** `+381•••••67`: enough for a coordinator to recognise, never to call. Absent for automatic blocks. */
  masked?: string | undefined;
  reason: string;
  addedAt: string;
  /** Epoch seconds the block ends; absent: until removed. */
  until?: number | undefined;
  automatic: boolean;
}

export interface BlockList {
  get(callerId: string): Promise<BlockEntry | undefined>;
  put(entry: BlockEntry): Promise<void>;
  remove(callerId: string): Promise<boolean>;
  list(): Promise<BlockEntry[]>;
}
