// Use case: send every reminder that is due, once. EventBridge runs it every few minutes in AWS, and
// `POST /_local/tick` locally. The claim, the lease and what a crash leaves behind are explained in
// docs/reminders.md ("Crash safety"); the short version is in the comments below.
import { randomUUID } from 'node:crypto';
import { dueIndexKeys } from '../adapters/dynamodb/keys.js';
import type { Clock } from '../clock.js';
import {
  addDays,
  isLocalDate,
  type LocalDate,
  localDateIn,
  nextDeliveryInstant,
  parseLocalDate,
  type ReminderKind,
} from '../deadlines/index.js';
import { deliveryWindow } from '../deadlines/rules.js';
import type { Logger } from '../logger.js';
import { type Notifier, SmsOutcomeUnknownError, SmsRejectedError } from '../ports/notifier.js';
import type {
  ClaimedReminder,
  DueReminder,
  Lease,
  Recipient,
  ReminderStore,
} from '../ports/reminder-store.js';
import { REMINDER_MESSAGES, reminderText } from './reminder-text.js';
import { realTimer, SendPace, type Timer } from './send-pace.js';

export interface SweepSettings {
  /** Messages a second handed to SNS, across the whole sweep. */
  sendRatePerSecond: number;
  /**
   * How long a claim lasts. It must outlast the longest a live sweep can hold one reminder (the send
   * tries with their backoff plus the SNS timeouts), or a slow sweep's reminder could be taken over.
   */
  leaseSeconds: number;
  /** UTC days before today whose `due` partitions are read too: reminders a stopped sweeper left behind. */
  lookbackDays: number;
  /** Publish tries for one claim when SNS refuses with a retryable error (throttling, its own fault). */
  sendAttempts: number;
  /** Claims of one reminder before it is marked failed: bounds a reminder that keeps killing sweeps. */
  maxClaims: number;
  /** Wait before the first retry; doubled for each further one, with jitter. */
  backoffMs: number;
  /** Reminders read per index query. */
  pageSize: number;
  /** Reminders worked on at once (the send rate still applies). */
  concurrency: number;
  /** No new reminder is claimed after this long; the next sweep carries on where this one stopped. */
  timeBudgetMs: number;
}

export const DEFAULT_SWEEP_SETTINGS: SweepSettings = {
  sendRatePerSecond: 10,
  leaseSeconds: 600,
  lookbackDays: 7,
  sendAttempts: 3,
  maxClaims: 5,
  backoffMs: 500,
  pageSize: 100,
  concurrency: 4,
  timeBudgetMs: 60_000,
};

export interface SweepPorts {
  reminders: ReminderStore;
  notifier: Notifier;
  /** Business time: what is due, leases, the delivery window. Simulated locally. */
  clock: Clock;
  /** Elapsed time for pacing, backoff and the time budget. */
  timer?: Timer;
  log?: Logger;
  /** Names this sweep in leases. */
  sweepId?: string;
}

export interface SweepSummary {
  /** Pending reminders read from the index with a due time up to the sweep's start. */
  due: number;
  /** Reminders this sweep took a lease on. */
  claimed: number;
  sent: number;
  /**
   * Not sent and never will be: the caller opted out or was erased, the deadline has passed, or a newer
   * reminder of the same deadline went out in this sweep.
   */
  skipped: number;
  /** Given up after the last send attempt, or unusable; counted in the `RemindersFailed` metric. */
  failed: number;
  /** Due outside 09:00–20:00 Belgrade time: moved to the next morning. */
  deferred: number;
  /** An earlier sweep recorded a publish and died before confirming it; counted as sent, not re-sent. */
  unconfirmed: number;
  /** Another sweep, or the conversation, changed the reminder first. */
  contended: number;
  /** Read but not touched because the time budget ran out. */
  leftForNextSweep: number;
  /** Per-reminder errors other than SNS refusals (e.g. DynamoDB); the reminder is retried later. */
  errors: number;
  readUnits: number;
  writeUnits: number;
  durationMs: number;
}

type Outcome = Exclude<keyof SweepSummary, 'due' | 'claimed' | 'readUnits' | 'writeUnits' | 'durationMs'>;

export async function sweepReminders(
  ports: SweepPorts,
  settings: SweepSettings = DEFAULT_SWEEP_SETTINGS,
): Promise<SweepSummary> {
  const timer = ports.timer ?? realTimer;
  const owner = ports.sweepId ?? `sweep-${randomUUID()}`;
  const startedMs = timer.now();
  const startedAt = ports.clock.now();
  const capacityBefore = ports.reminders.capacityUsed();
  const pace = new SendPace(settings.sendRatePerSecond, timer);
  /** Deadlines (per caller) this sweep has sent a reminder about: an older one due too says less. */
  const remindedOf = new Set<string>();
  const summary: SweepSummary = {
    due: 0,
    claimed: 0,
    sent: 0,
    skipped: 0,
    failed: 0,
    deferred: 0,
    unconfirmed: 0,
    contended: 0,
    leftForNextSweep: 0,
    errors: 0,
    readUnits: 0,
    writeUnits: 0,
    durationMs: 0,
  };
  const outOfTime = () => timer.now() - startedMs > settings.timeBudgetMs;
  const leaseAt = (now: Date): Lease => ({
    owner,
    now: now.toISOString(),
    until: new Date(now.getTime() + settings.leaseSeconds * 1000).toISOString(),
  });

  const outside = (now: Date) => nextDeliveryInstant(now).getTime() > now.getTime();

  /** One reminder from the index to its end state (or left for a later sweep). Returns what happened. */
  async function handle(
    reminder: DueReminder,
    recipients: () => Promise<Map<string, Recipient>>,
  ): Promise<Outcome> {
    const now = ports.clock.now();
    if (outside(now)) {
      if (!reminder.sendingSince) {
        const moved = await ports.reminders.defer(
          reminder,
          leaseAt(now),
          nextDeliveryInstant(now).toISOString(),
        );
        return moved ? 'deferred' : 'contended';
      }
      // A recorded publish is settled day or night, since nothing is sent for it.
      const claim = await ports.reminders.claim(reminder, leaseAt(now));
      if (!claim) return 'contended';
      summary.claimed++;
      if (claim.earlierSendingSince) return settleUnconfirmed(claim, claim.earlierSendingSince);
      const moved = await ports.reminders.defer(claim, leaseAt(now), nextDeliveryInstant(now).toISOString());
      return moved ? 'deferred' : 'contended';
    }

    const today = localDateIn(now, deliveryWindow.timeZone);
    const recipient = (await recipients()).get(reminder.callerId);
    const verdict = reasonNotToSend(reminder, recipient, today);
    if (verdict) {
      const claim = await ports.reminders.claim(reminder, leaseAt(now));
      if (!claim) return 'contended';
      summary.claimed++;
      if (claim.earlierSendingSince) return settleUnconfirmed(claim, claim.earlierSendingSince);
      const at = now.toISOString();
      const settled =
        verdict === 'malformed'
          ? await ports.reminders.markFailed(claim, owner, { at, outcome: verdict })
          : verdict === 'caller-gone'
            ? // Erased while the reminder waited (or the erasure raced the plan): keep nothing about them.
              await ports.reminders.discard(claim, owner)
            : await ports.reminders.cancel(claim, owner, { at, outcome: verdict });
      if (!settled) return 'contended';
      return verdict === 'malformed' ? 'failed' : 'skipped';
    }
    // Several reminders of one deadline are due at once only when sweeps stopped for a while: the newest
    // (read first) says where the caller stands now, and the older would repeat it.
    remindedOf.add(deadlineKey(reminder));
    return send(
      reminder,
      reminder.kind as ReminderKind,
      reminder.deadline as LocalDate,
      recipient as Recipient,
      today,
    );
  }

  /** Why a due reminder must not go out, or undefined when it should. */
  function reasonNotToSend(
    reminder: DueReminder,
    recipient: Recipient | undefined,
    today: LocalDate,
  ): 'malformed' | 'caller-gone' | 'opted-out' | 'deadline-passed' | 'superseded' | undefined {
    if (!isReminderKind(reminder.kind) || !isLocalDate(reminder.deadline)) return 'malformed';
    if (!recipient) return 'caller-gone';
    if (recipient.optedOut) return 'opted-out';
    // A reminder about a day already gone would only confuse; the deadline engine plans what comes next.
    if (reminder.deadline < today) return 'deadline-passed';
    if (remindedOf.has(deadlineKey(reminder))) return 'superseded';
    return undefined;
  }

  /**
   * The sweep that held it died after recording the publish and before confirming it. SNS cannot tell us
   * whether the text left, and has no idempotency key for SMS: we count it as sent rather than risk
   * sending it twice (the trade-off is written up in docs/reminders.md).
   */
  async function settleUnconfirmed(claim: ClaimedReminder, since: string): Promise<Outcome> {
    await ports.reminders.markSent(claim, owner, { at: since, unconfirmed: true });
    ports.log?.warn('reminder.unconfirmed', { callerRef: ref(claim), kind: claim.kind });
    return 'unconfirmed';
  }

  async function send(
    reminder: DueReminder,
    kind: ReminderKind,
    deadline: LocalDate,
    recipient: Recipient,
    today: LocalDate,
  ): Promise<Outcome> {
    // WhatsApp callers get an SMS to the same number: SNS sends SMS only (docs/reminders.md). Telegram
    // and SIM callers get it on their own channel (ChannelNotifier), SNS when the SIM's phone is gone.
    const sms = {
      to: recipient.phone,
      channel: recipient.channel,
      body: reminderText({ kind, deadline }, recipient, today),
      idempotencyKey: `reminder:${reminder.callerId}:${reminder.reminderId}`,
    };
    // Waiting for a send slot comes before the claim, so that the claim, which also records the publish,
    // is the last write before it: nothing slow sits between the two.
    await pace.take();
    let now = ports.clock.now();
    if (outside(now)) {
      // The sweep ran past 20:00 while this reminder waited for its slot.
      const moved = await ports.reminders.defer(
        reminder,
        leaseAt(now),
        nextDeliveryInstant(now).toISOString(),
      );
      return moved ? 'deferred' : 'contended';
    }
    const claim = await ports.reminders.claim(reminder, leaseAt(now), now.toISOString());
    if (!claim) return 'contended';
    summary.claimed++;
    if (claim.earlierSendingSince) return settleUnconfirmed(claim, claim.earlierSendingSince);
    if (claim.attempts > settings.maxClaims) {
      await ports.reminders.markFailed(claim, owner, { at: now.toISOString(), outcome: 'too-many-claims' });
      return 'failed';
    }

    for (let attempt = 1; ; attempt++) {
      try {
        const { messageId } = await ports.notifier.sendSms(sms);
        const marked = await ports.reminders.markSent(claim, owner, {
          at: ports.clock.now().toISOString(),
          unconfirmed: false,
          messageId,
        });
        // Not marked only if our lease ran out mid-publish and another sweep took over: that sweep finds
        // the recorded publish and counts it as sent without sending.
        if (!marked) ports.log?.warn('reminder.lease-lost-after-send', { callerRef: ref(claim), kind });
        return 'sent';
      } catch (error) {
        if (!(error instanceof SmsRejectedError)) {
          // Anything else may have reached SNS: the same rule as a crash, counted as sent, never re-sent.
          const code = error instanceof SmsOutcomeUnknownError ? error.code : errorName(error);
          await ports.reminders.markSent(claim, owner, { at: now.toISOString(), unconfirmed: true });
          ports.log?.warn('reminder.unconfirmed', { callerRef: ref(claim), kind, code });
          return 'unconfirmed';
        }
        // SNS said no, so nothing went out: forget the recorded publish before waiting, so that a crash
        // during the wait does not pass for an unconfirmed send.
        await ports.reminders.clearSending(claim, owner);
        if (!error.retryable || attempt >= settings.sendAttempts) {
          await ports.reminders.markFailed(claim, owner, {
            at: ports.clock.now().toISOString(),
            outcome: `sns:${error.code}`,
          });
          ports.log?.warn('reminder.failed', { callerRef: ref(claim), kind, code: error.code, attempt });
          return 'failed';
        }
        await timer.sleep(backoff(settings.backoffMs, attempt));
        await pace.take();
        now = ports.clock.now();
        if (outside(now)) {
          const moved = await ports.reminders.defer(
            claim,
            leaseAt(now),
            nextDeliveryInstant(now).toISOString(),
          );
          return moved ? 'deferred' : 'contended';
        }
        if (!(await ports.reminders.markSending(claim, owner, now.toISOString()))) return 'contended';
      }
    }
  }

  const today = parseLocalDate(startedAt.toISOString().slice(0, 10));
  const upTo = startedAt.toISOString();
  // Newest first: if reminders piled up while no sweep ran, the latest of each deadline goes out and
  // makes the older ones redundant (below, `remindedOf`).
  sweep: for (let back = 0; back <= settings.lookbackDays; back++) {
    const partition = dueIndexKeys.partitionFor(addDays(today, -back));
    let cursor: Record<string, unknown> | undefined;
    do {
      if (outOfTime()) break sweep;
      const page = await ports.reminders.findDue(partition, upTo, { cursor, limit: settings.pageSize });
      cursor = page.cursor;
      summary.due += page.reminders.length;
      // Read on first need: at night everything is deferred, and deferring needs no profile.
      let profiles: Promise<Map<string, Recipient>> | undefined;
      const recipients = () =>
        (profiles ??= ports.reminders.recipients(page.reminders.map((reminder) => reminder.callerId)));
      await forEachAtMost(settings.concurrency, page.reminders, async (reminder) => {
        if (outOfTime()) {
          summary.leftForNextSweep++;
          return;
        }
        try {
          summary[await handle(reminder, recipients)]++;
        } catch (error) {
          // The lease runs out and a later sweep picks the reminder up again.
          summary.errors++;
          ports.log?.error('reminder.error', { callerRef: ref(reminder), error: errorName(error) });
        }
      });
    } while (cursor);
  }

  const capacity = ports.reminders.capacityUsed();
  summary.readUnits = round(capacity.readUnits - capacityBefore.readUnits);
  summary.writeUnits = round(capacity.writeUnits - capacityBefore.writeUnits);
  summary.durationMs = Math.round(timer.now() - startedMs);
  return summary;
}

const REMINDER_KINDS = new Set<string>(Object.keys(REMINDER_MESSAGES));

function deadlineKey(reminder: DueReminder): string {
  return `${reminder.callerId}|${reminder.deadline}`;
}

function isReminderKind(kind: string): kind is ReminderKind {
  return REMINDER_KINDS.has(kind);
}

/** Exponential, with jitter so retries from parallel workers do not arrive together. */
function backoff(baseMs: number, attempt: number): number {
  return baseMs * 2 ** (attempt - 1) * (0.5 + Math.random() / 2);
}

async function forEachAtMost<T>(limit: number, items: readonly T[], work: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

/** The short caller reference the webhooks log too; never the number. */
function ref(reminder: DueReminder): string {
  return reminder.callerId.slice(0, 8);
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : 'UnknownError';
}

function round(units: number): number {
  return Math.round(units * 10) / 10;
}
