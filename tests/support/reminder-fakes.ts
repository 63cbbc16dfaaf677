// Fakes for the sweep's ports: an in-memory reminder store with the same conditions as the DynamoDB one,
// a notifier that records what it "sent", a virtual timer, and a kill switch that stops a sweep dead at a
// chosen step, as a crashed Lambda would.

import { dueIndexKeys } from '../../shared/adapters/dynamodb/keys.js';
import type { Notifier, OutgoingSms, SentSms } from '../../shared/ports/notifier.js';
import type {
  CapacityUsed,
  ClaimedReminder,
  DueCursor,
  DuePage,
  DueReminder,
  Lease,
  Recipient,
  ReminderStore,
} from '../../shared/ports/reminder-store.js';
import { type ReminderItem, reminderItem } from '../../shared/reminders/reminder-item.js';
import type { Timer } from '../../shared/reminders/send-pace.js';

type StoredReminder = ReminderItem;

export class InMemoryReminderStore implements ReminderStore {
  readonly items = new Map<string, StoredReminder>();
  readonly profiles = new Map<string, Recipient>();
  readonly queriedPartitions: string[] = [];

  put(item: ReminderItem): void {
    this.items.set(`${item.pk}|${item.sk}`, { ...item });
  }

  get(callerId: string, reminderId: string): StoredReminder | undefined {
    const item = [...this.items.values()].find(
      (one) => one.callerId === callerId && one.reminderId === reminderId,
    );
    return item ? { ...item } : undefined;
  }

  async findDue(
    partition: string,
    upTo: string,
    page: { cursor?: DueCursor; limit: number },
  ): Promise<DuePage> {
    this.queriedPartitions.push(partition);
    // Newest first, and like DynamoDB the cursor is the last key returned, not an offset: items that left
    // the index since (sent, deferred) must not make the next page skip any.
    const after = page.cursor ? `${page.cursor.dueAt}|${page.cursor.pk}|${page.cursor.sk}` : '';
    const matching = [...this.items.values()]
      .filter((item) => item.duePk === partition && item.dueAt <= upTo)
      .map((item) => ({ item, order: `${item.dueAt}|${item.pk}|${item.sk}` }))
      .filter(({ order }) => !after || order < after)
      .sort((a, b) => b.order.localeCompare(a.order));
    const slice = matching.slice(0, page.limit).map(({ item }) => item);
    const last = slice.at(-1);
    return {
      reminders: slice.map(toDue),
      cursor:
        last && matching.length > page.limit ? { dueAt: last.dueAt, pk: last.pk, sk: last.sk } : undefined,
    };
  }

  async recipients(callerIds: readonly string[]): Promise<Map<string, Recipient>> {
    const found = new Map<string, Recipient>();
    for (const id of callerIds) {
      const profile = this.profiles.get(id);
      if (profile) found.set(id, { ...profile });
    }
    return found;
  }

  async claim(reminder: DueReminder, lease: Lease, sendingAt?: string): Promise<ClaimedReminder | undefined> {
    const item = this.find(reminder);
    if (!item?.duePk || item.dueAt > lease.now) return undefined;
    if (item.leaseUntil !== undefined && !(item.leaseUntil < lease.now)) return undefined;
    const before = toDue(item);
    item.leaseUntil = lease.until;
    item.leaseOwner = lease.owner;
    item.attempts = (item.attempts ?? 0) + 1;
    if (sendingAt) item.sendingSince = sendingAt;
    return { ...before, attempts: item.attempts, earlierSendingSince: before.sendingSince };
  }

  async markSending(reminder: DueReminder, owner: string, at: string): Promise<boolean> {
    return this.held(reminder, owner, (item) => {
      item.sendingSince = at;
    });
  }

  async clearSending(reminder: DueReminder, owner: string): Promise<boolean> {
    return this.held(reminder, owner, (item) => {
      delete item.sendingSince;
    });
  }

  async markSent(
    reminder: DueReminder,
    owner: string,
    sent: { at: string; unconfirmed: boolean; messageId?: string },
  ): Promise<boolean> {
    return this.held(reminder, owner, (item) => {
      settle(item);
      Object.assign(item, { status: 'sent', sentAt: sent.at, unconfirmed: sent.unconfirmed });
      if (sent.messageId) item.messageId = sent.messageId;
    });
  }

  async markFailed(reminder: DueReminder, owner: string, failed: { at: string; outcome: string }) {
    return this.held(reminder, owner, (item) => {
      settle(item);
      Object.assign(item, { status: 'failed', failedAt: failed.at, outcome: failed.outcome });
    });
  }

  async cancel(reminder: DueReminder, owner: string, cancelled: { at: string; outcome: string }) {
    return this.held(reminder, owner, (item) => {
      settle(item);
      Object.assign(item, { status: 'cancelled', cancelledAt: cancelled.at, outcome: cancelled.outcome });
    });
  }

  async discard(reminder: DueReminder, owner: string): Promise<boolean> {
    const item = this.find(reminder);
    if (!item || item.leaseOwner !== owner) return false;
    this.items.delete(`${item.pk}|${item.sk}`);
    return true;
  }

  async defer(reminder: DueReminder, lease: Lease, to: string): Promise<boolean> {
    const item = this.find(reminder);
    if (!item?.duePk || item.dueAt !== reminder.dueAt || item.sendingSince !== undefined) return false;
    const free =
      item.leaseUntil === undefined || item.leaseUntil < lease.now || item.leaseOwner === lease.owner;
    if (!free) return false;
    Object.assign(item, dueIndexKeys.of(to));
    delete item.leaseUntil;
    delete item.leaseOwner;
    return true;
  }

  capacityUsed(): CapacityUsed {
    return { readUnits: 0, writeUnits: 0 };
  }

  private find(reminder: DueReminder): StoredReminder | undefined {
    return [...this.items.values()].find(
      (item) => item.callerId === reminder.callerId && item.reminderId === reminder.reminderId,
    );
  }

  private held(reminder: DueReminder, owner: string, change: (item: StoredReminder) => void): boolean {
    const item = this.find(reminder);
    if (!item?.duePk || item.leaseOwner !== owner) return false;
    change(item);
    return true;
  }
}

function settle(item: StoredReminder): void {
  delete item.duePk;
  delete item.leaseUntil;
  delete item.leaseOwner;
  delete item.sendingSince;
}

function toDue(item: StoredReminder): DueReminder {
  return {
    callerId: item.callerId,
    reminderId: item.reminderId,
    kind: item.kind,
    deadline: item.deadline,
    catchUp: item.catchUp,
    dueAt: item.dueAt,
    sendingSince: item.sendingSince,
  };
}

/** Records every text; `failWith` queues errors thrown (after or instead of sending) before later successes. */
export class RecordingNotifier implements Notifier {
  readonly sent: OutgoingSms[] = [];
  readonly failures: Error[] = [];
  calls = 0;

  async sendSms(sms: OutgoingSms): Promise<SentSms> {
    this.calls++;
    const failure = this.failures.shift();
    if (failure) throw failure;
    this.sent.push(sms);
    return { messageId: `msg-${this.sent.length}` };
  }

  /** How many texts went out per idempotency key, for keys sent more than once. */
  duplicates(): string[] {
    const seen = new Map<string, number>();
    for (const sms of this.sent) seen.set(sms.idempotencyKey, (seen.get(sms.idempotencyKey) ?? 0) + 1);
    return [...seen].filter(([, times]) => times > 1).map(([key]) => key);
  }
}

/** Time that moves only when someone sleeps: pacing and backoff become plain numbers to check. */
export class VirtualTimer implements Timer {
  at = 0;
  readonly sleeps: number[] = [];

  now(): number {
    return this.at;
  }

  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.at += ms;
  }
}

/**
 * Stops a sweep dead right after one step completes, as a Lambda killed at that moment would: the
 * step's effect stays, and nothing after it happens (every later call on the wrapped ports never returns).
 */
export class KillSwitch {
  dead = false;

  /** `target`'s methods, with a kill right after `step` completes once. */
  wrap<T extends object>(target: T, step?: keyof T): T {
    return new Proxy(target, {
      get: (object, property, receiver) => {
        const value = Reflect.get(object, property, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          if (this.dead) return never();
          const result: unknown = value.apply(object, args);
          if (!(result instanceof Promise)) return result;
          return result.then((resolved: unknown) => {
            if (property === step && !this.dead) this.dead = true;
            return this.dead ? never() : resolved;
          });
        };
      },
    });
  }
}

function never(): Promise<never> {
  return new Promise(() => {});
}

export interface SeedOptions {
  callerId: string;
  reminderId?: string;
  kind?: ReminderItem['kind'];
  dueAt: string;
  deadline: string;
  catchUp?: boolean;
}

/** A pending reminder item exactly as the conversation writes it. */
export function pendingReminder(options: SeedOptions): ReminderItem {
  return reminderItem(
    options.callerId,
    options.kind === 'permit-expires-soon' ||
      options.kind === 'permit-safe-deadline' ||
      options.kind === 'permit-extension-window-opens'
      ? 'permit'
      : 'entry',
    {
      id: options.reminderId ?? `visa:${options.deadline}:d14`,
      kind: options.kind ?? 'visa-free-stay-ends',
      dueAt: options.dueAt,
      deadline: options.deadline as never,
      catchUp: options.catchUp ?? false,
    },
    2_000_000_000,
  );
}
