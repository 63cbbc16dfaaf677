import { describe, expect, it } from 'vitest';
import type { Clock } from '../../../shared/clock.js';
import { createLogger } from '../../../shared/logger.js';
import { SmsOutcomeUnknownError, SmsRejectedError } from '../../../shared/ports/notifier.js';
import type { Recipient } from '../../../shared/ports/reminder-store.js';
import {
  DEFAULT_SWEEP_SETTINGS,
  type SweepSettings,
  sweepReminders,
} from '../../../shared/reminders/sweep.js';
import {
  InMemoryReminderStore,
  KillSwitch,
  pendingReminder,
  RecordingNotifier,
  VirtualTimer,
} from '../../support/reminder-fakes.js';

// June 2026: Belgrade is UTC+2, so 09:00 there is 07:00Z and 20:00 is 18:00Z.
const NOON = '2026-06-01T10:00:00.000Z';

const SETTINGS: SweepSettings = {
  ...DEFAULT_SWEEP_SETTINGS,
  sendRatePerSecond: 1000,
  concurrency: 1,
  backoffMs: 100,
};

function world(now = NOON) {
  const store = new InMemoryReminderStore();
  const notifier = new RecordingNotifier();
  const timer = new VirtualTimer();
  let current = new Date(now);
  const clock: Clock = { now: () => new Date(current.getTime()) };
  const caller = (callerId: string, profile: Partial<Recipient> = {}) =>
    store.profiles.set(callerId, {
      phone: `+99670000${callerId.length.toString().padStart(4, '0')}`,
      channel: 'sms',
      language: 'ky',
      latin: false,
      optedOut: false,
      ...profile,
    });
  return {
    store,
    notifier,
    timer,
    clock,
    caller,
    setNow: (at: string) => {
      current = new Date(at);
    },
    sweep: (settings: Partial<SweepSettings> = {}, sweepId?: string) =>
      sweepReminders({ reminders: store, notifier, clock, timer, sweepId }, { ...SETTINGS, ...settings }),
  };
}

describe('the reminder sweep', () => {
  it('sends a due reminder once, in the caller’s language, and marks it sent', async () => {
    const w = world();
    w.caller('caller-a', { phone: '+996700111222', language: 'ru' });
    w.store.put(
      pendingReminder({ callerId: 'caller-a', dueAt: '2026-06-01T07:00:00.000Z', deadline: '2026-06-15' }),
    );

    const first = await w.sweep();
    const second = await w.sweep();

    expect(w.notifier.sent).toEqual([
      {
        to: '+996700111222',
        // The caller's channel goes with it: Telegram and SIM callers get reminders on theirs.
        channel: 'sms',
        body: 'Напоминание: 90 дней заканчиваются 15.06.2026. Осталось дней: 15.',
        idempotencyKey: 'reminder:caller-a:visa:2026-06-15:d14',
      },
    ]);
    expect(first).toMatchObject({ due: 1, claimed: 1, sent: 1, failed: 0, skipped: 0, deferred: 0 });
    expect(second).toMatchObject({ due: 0, sent: 0 });
    const stored = w.store.get('caller-a', 'visa:2026-06-15:d14');
    expect(stored).toMatchObject({ status: 'sent', sentAt: NOON, unconfirmed: false, messageId: 'msg-1' });
    expect(stored?.duePk).toBeUndefined();
    expect(stored?.leaseOwner).toBeUndefined();
  });

  it('writes in Latin letters to a caller who chose Latin mode', async () => {
    const w = world();
    w.caller('caller-b', { language: 'ky', latin: true });
    w.store.put(
      pendingReminder({
        callerId: 'caller-b',
        kind: 'permit-expires-soon',
        reminderId: 'permit:2026-06-08:last-reminder',
        dueAt: '2026-06-01T07:00:00.000Z',
        deadline: '2026-06-08',
      }),
    );

    await w.sweep();

    expect(w.notifier.sent.map((sms) => sms.body)).toEqual([
      'Eskertme: uruksat 08.06.2026 bütöt. Uzartuu boyuncha jardam: 7',
    ]);
  });

  it('reads Kyrgyz to a +996 caller who never chose a language', async () => {
    const w = world();
    w.caller('caller-c', { phone: '+996555000111', language: undefined });
    w.store.put(
      pendingReminder({
        callerId: 'caller-c',
        kind: 'police-registration',
        reminderId: 'registration:2026-05-31:now',
        dueAt: '2026-06-01T09:00:00.000Z',
        deadline: '2026-06-01',
      }),
    );

    await w.sweep();

    expect(w.notifier.sent[0]?.body).toBe('Эскертме: каттоо (белый картон) 01.06.2026 чейин. Меню: 0');
  });

  it('leaves a reminder that is not due yet', async () => {
    const w = world();
    w.caller('caller-d');
    w.store.put(
      pendingReminder({ callerId: 'caller-d', dueAt: '2026-06-01T10:00:00.001Z', deadline: '2026-06-15' }),
    );

    const summary = await w.sweep();

    expect(w.notifier.sent).toEqual([]);
    expect(summary.due).toBe(0);
    expect(w.store.get('caller-d', 'visa:2026-06-15:d14')?.status).toBe('pending');
  });

  it('moves a reminder found after 20:00 Belgrade time to 09:00 the next morning, without sending', async () => {
    const w = world('2026-06-01T18:03:00.000Z'); // 20:03 in Belgrade
    w.caller('caller-e');
    w.store.put(
      pendingReminder({ callerId: 'caller-e', dueAt: '2026-06-01T17:58:00.000Z', deadline: '2026-06-15' }),
    );

    const summary = await w.sweep();

    expect(w.notifier.sent).toEqual([]);
    expect(summary).toMatchObject({ due: 1, deferred: 1, sent: 0, claimed: 0 });
    expect(w.store.get('caller-e', 'visa:2026-06-15:d14')).toMatchObject({
      status: 'pending',
      dueAt: '2026-06-02T07:00:00.000Z',
      duePk: 'DUE#2026-06-02',
    });
  });

  it('sends a deferred reminder at the next morning’s sweep', async () => {
    const w = world('2026-06-01T18:03:00.000Z');
    w.caller('caller-f');
    w.store.put(
      pendingReminder({ callerId: 'caller-f', dueAt: '2026-06-01T17:58:00.000Z', deadline: '2026-06-15' }),
    );
    await w.sweep();

    w.setNow('2026-06-02T03:00:00.000Z'); // 05:00 in Belgrade: still night, and not due any more
    const night = await w.sweep();
    w.setNow('2026-06-02T07:00:00.000Z');
    const morning = await w.sweep();

    expect(night.due).toBe(0);
    expect(morning.sent).toBe(1);
    expect(w.notifier.sent).toHaveLength(1);
  });

  it('moves a reminder found before 09:00 to 09:00 the same day, across the change to summer time', async () => {
    // 29 March 2026: clocks go forward at 02:00; 09:00 that morning is 07:00Z, not 08:00Z.
    const w = world('2026-03-29T05:30:00.000Z');
    w.caller('caller-g');
    w.store.put(
      pendingReminder({ callerId: 'caller-g', dueAt: '2026-03-28T18:30:00.000Z', deadline: '2026-04-10' }),
    );

    await w.sweep();

    expect(w.store.get('caller-g', 'visa:2026-04-10:d14')).toMatchObject({
      dueAt: '2026-03-29T07:00:00.000Z',
      duePk: 'DUE#2026-03-29',
    });
  });

  it('reads the callers when the night ends during a sweep, rather than taking them for erased', async () => {
    const w = world();
    w.caller('caller-dawn');
    w.store.put(
      pendingReminder({ callerId: 'caller-dawn', dueAt: '2026-06-01T06:00:00.000Z', deadline: '2026-06-15' }),
    );
    // The sweep starts at 08:59:59.9 in Belgrade; the reminder is handled a moment later, at 09:00.
    const times = ['2026-06-01T06:59:59.900Z'];
    const dawn: Clock = { now: () => new Date(times.shift() ?? '2026-06-01T07:00:00.100Z') };

    const summary = await sweepReminders(
      { reminders: w.store, notifier: w.notifier, clock: dawn, timer: w.timer },
      SETTINGS,
    );

    expect(summary).toMatchObject({ sent: 1, skipped: 0 });
    expect(w.store.get('caller-dawn', 'visa:2026-06-15:d14')?.status).toBe('sent');
  });

  it('cancels, without sending, the reminder of a caller who said STOP', async () => {
    const w = world();
    w.caller('caller-h', { optedOut: true });
    w.store.put(
      pendingReminder({ callerId: 'caller-h', dueAt: '2026-06-01T07:00:00.000Z', deadline: '2026-06-15' }),
    );

    const summary = await w.sweep();

    expect(w.notifier.sent).toEqual([]);
    expect(summary).toMatchObject({ skipped: 1, sent: 0 });
    const stored = w.store.get('caller-h', 'visa:2026-06-15:d14');
    expect(stored).toMatchObject({ status: 'cancelled', outcome: 'opted-out' });
    expect(stored?.duePk).toBeUndefined();
  });

  it('deletes the reminder of a caller who no longer exists (erased), without sending', async () => {
    const w = world();
    w.store.put(
      pendingReminder({ callerId: 'caller-gone', dueAt: '2026-06-01T07:00:00.000Z', deadline: '2026-06-15' }),
    );

    const summary = await w.sweep();

    expect(w.notifier.sent).toEqual([]);
    expect(summary.skipped).toBe(1);
    expect(w.store.items.size).toBe(0);
  });

  it('cancels a reminder whose deadline passed while it waited', async () => {
    const w = world('2026-06-20T10:00:00.000Z');
    w.caller('caller-i');
    w.store.put(
      pendingReminder({ callerId: 'caller-i', dueAt: '2026-06-17T07:00:00.000Z', deadline: '2026-06-19' }),
    );

    const summary = await w.sweep();

    expect(w.notifier.sent).toEqual([]);
    expect(summary.skipped).toBe(1);
    expect(w.store.get('caller-i', 'visa:2026-06-19:d14')).toMatchObject({
      status: 'cancelled',
      outcome: 'deadline-passed',
    });
  });

  it('still sends on the deadline day itself, with one day left', async () => {
    const w = world();
    w.caller('caller-j', { language: 'ky' });
    w.store.put(
      pendingReminder({
        callerId: 'caller-j',
        reminderId: 'visa:2026-06-01:catch-up',
        dueAt: '2026-06-01T09:59:00.000Z',
        deadline: '2026-06-01',
        catchUp: true,
      }),
    );

    await w.sweep();

    expect(w.notifier.sent[0]?.body).toBe('Эскертме: 90 күн 01.06.2026 бүтөт, 1 күн калды. Меню: 0');
  });

  it('reads today’s due partition and those of the lookback days, never older ones (no scan)', async () => {
    const w = world();

    await w.sweep({ lookbackDays: 2 });

    expect(w.store.queriedPartitions).toEqual(['DUE#2026-06-01', 'DUE#2026-05-31', 'DUE#2026-05-30']);
  });

  it('sends only the newest of several reminders of one deadline that piled up, and cancels the older', async () => {
    const w = world();
    w.caller('caller-k');
    w.store.put(
      pendingReminder({
        callerId: 'caller-k',
        reminderId: 'permit:2026-08-01:safe-deadline',
        kind: 'permit-safe-deadline',
        dueAt: '2026-06-01T07:00:00.000Z',
        deadline: '2026-08-01',
      }),
    );
    w.store.put(
      pendingReminder({
        callerId: 'caller-k',
        reminderId: 'permit:2026-08-01:window-opens',
        kind: 'permit-extension-window-opens',
        dueAt: '2026-05-28T07:00:00.000Z',
        deadline: '2026-08-01',
      }),
    );

    const summary = await w.sweep();

    expect(w.notifier.sent.map((sms) => sms.idempotencyKey)).toEqual([
      'reminder:caller-k:permit:2026-08-01:safe-deadline',
    ]);
    expect(summary).toMatchObject({ due: 2, sent: 1, skipped: 1 });
    expect(w.store.get('caller-k', 'permit:2026-08-01:window-opens')).toMatchObject({
      status: 'cancelled',
      outcome: 'superseded',
    });
  });

  it('picks up a reminder a stopped sweeper left days ago, next to one of another deadline', async () => {
    const w = world();
    w.caller('caller-k2');
    w.store.put(
      pendingReminder({
        callerId: 'caller-k2',
        reminderId: 'permit:2026-08-01:window-opens',
        kind: 'permit-extension-window-opens',
        dueAt: '2026-05-28T07:00:00.000Z',
        deadline: '2026-08-01',
      }),
    );
    w.store.put(
      pendingReminder({ callerId: 'caller-k2', dueAt: '2026-06-01T07:00:00.000Z', deadline: '2026-06-15' }),
    );

    const summary = await w.sweep();

    expect(summary).toMatchObject({ due: 2, sent: 2 });
    expect(w.notifier.sent.map((sms) => sms.idempotencyKey).sort()).toEqual([
      'reminder:caller-k2:permit:2026-08-01:window-opens',
      'reminder:caller-k2:visa:2026-06-15:d14',
    ]);
  });

  it('pages through a partition with more due reminders than one query returns', async () => {
    const w = world();
    for (let i = 0; i < 7; i++) {
      w.caller(`caller-p${i}`);
      w.store.put(
        pendingReminder({
          callerId: `caller-p${i}`,
          dueAt: `2026-06-01T07:0${i}:00.000Z`,
          deadline: '2026-06-15',
        }),
      );
    }

    const summary = await w.sweep({ pageSize: 3 });

    expect(summary).toMatchObject({ due: 7, sent: 7 });
  });

  it('retries an SNS refusal that may pass later, with growing waits, and sends once', async () => {
    const w = world();
    w.caller('caller-l');
    w.store.put(
      pendingReminder({ callerId: 'caller-l', dueAt: '2026-06-01T07:00:00.000Z', deadline: '2026-06-15' }),
    );
    w.notifier.failures.push(
      new SmsRejectedError('Throttling', true),
      new SmsRejectedError('InternalError', true),
    );

    const summary = await w.sweep({ sendAttempts: 3 });

    expect(summary).toMatchObject({ sent: 1, failed: 0 });
    expect(w.notifier.calls).toBe(3);
    expect(w.notifier.sent).toHaveLength(1);
    const [firstWait = 0, secondWait = 0] = w.timer.sleeps;
    expect(firstWait).toBeGreaterThanOrEqual(50);
    expect(secondWait).toBeGreaterThan(firstWait);
    expect(w.store.get('caller-l', 'visa:2026-06-15:d14')?.sendingSince).toBeUndefined();
  });

  it('marks a reminder failed after the last attempt, and counts it', async () => {
    const w = world();
    w.caller('caller-m');
    w.store.put(
      pendingReminder({ callerId: 'caller-m', dueAt: '2026-06-01T07:00:00.000Z', deadline: '2026-06-15' }),
    );
    for (let i = 0; i < 3; i++) w.notifier.failures.push(new SmsRejectedError('Throttling', true));

    const summary = await w.sweep({ sendAttempts: 3 });
    const later = await w.sweep();

    expect(summary).toMatchObject({ sent: 0, failed: 1 });
    expect(w.notifier.calls).toBe(3);
    expect(later.due).toBe(0);
    const stored = w.store.get('caller-m', 'visa:2026-06-15:d14');
    expect(stored).toMatchObject({ status: 'failed', outcome: 'sns:Throttling' });
    expect(stored?.duePk).toBeUndefined();
  });

  it('gives up at once when SNS refuses for good (a bad number)', async () => {
    const w = world();
    w.caller('caller-n');
    w.store.put(
      pendingReminder({ callerId: 'caller-n', dueAt: '2026-06-01T07:00:00.000Z', deadline: '2026-06-15' }),
    );
    w.notifier.failures.push(new SmsRejectedError('InvalidParameter', false));

    const summary = await w.sweep({ sendAttempts: 3 });

    expect(summary.failed).toBe(1);
    expect(w.notifier.calls).toBe(1);
  });

  it('never sends again when SNS may have taken the text but did not answer, and counts it unconfirmed', async () => {
    const w = world();
    w.caller('caller-o');
    w.store.put(
      pendingReminder({ callerId: 'caller-o', dueAt: '2026-06-01T07:00:00.000Z', deadline: '2026-06-15' }),
    );
    w.notifier.failures.push(new SmsOutcomeUnknownError('TimeoutError'));

    const summary = await w.sweep();
    const later = await w.sweep();

    expect(summary).toMatchObject({ unconfirmed: 1, sent: 0, failed: 0 });
    expect(w.notifier.calls).toBe(1);
    expect(later.due).toBe(0);
    expect(w.store.get('caller-o', 'visa:2026-06-15:d14')).toMatchObject({
      status: 'sent',
      unconfirmed: true,
    });
  });

  it('sends the SMS to the same number for a caller who only wrote on WhatsApp', async () => {
    const w = world();
    w.caller('caller-w', { phone: '+996700999888', channel: 'whatsapp', language: 'ky' });
    w.store.put(
      pendingReminder({ callerId: 'caller-w', dueAt: '2026-06-01T07:00:00.000Z', deadline: '2026-06-15' }),
    );

    await w.sweep();

    expect(w.notifier.sent.map((sms) => sms.to)).toEqual(['+996700999888']);
  });

  it('marks failed, without sending, a stored reminder of a kind it does not know', async () => {
    const w = world();
    w.caller('caller-q');
    w.store.put({
      ...pendingReminder({ callerId: 'caller-q', dueAt: '2026-06-01T07:00:00.000Z', deadline: '2026-06-15' }),
      kind: 'something-new' as never,
    });

    const summary = await w.sweep();

    expect(summary.failed).toBe(1);
    expect(w.notifier.sent).toEqual([]);
  });

  it('spaces sends to the configured rate', async () => {
    const w = world();
    for (let i = 0; i < 5; i++) {
      w.caller(`caller-r${i}`);
      w.store.put(
        pendingReminder({
          callerId: `caller-r${i}`,
          dueAt: `2026-06-01T07:0${i}:00.000Z`,
          deadline: '2026-06-15',
        }),
      );
    }

    await w.sweep({ sendRatePerSecond: 2 });

    expect(w.notifier.sent).toHaveLength(5);
    expect(w.timer.sleeps).toEqual([500, 500, 500, 500]);
  });

  it('stops claiming when its time budget is spent and leaves the rest to the next sweep', async () => {
    const w = world();
    for (let i = 0; i < 5; i++) {
      w.caller(`caller-s${i}`);
      w.store.put(
        pendingReminder({
          callerId: `caller-s${i}`,
          dueAt: `2026-06-01T07:0${i}:00.000Z`,
          deadline: '2026-06-15',
        }),
      );
    }

    // At 1 a second, the third send waits until 2 s have passed: past a 1.5 s budget.
    const first = await w.sweep({ sendRatePerSecond: 1, timeBudgetMs: 1_500 });
    const second = await w.sweep({ sendRatePerSecond: 1000 });

    expect(first).toMatchObject({ sent: 3, leftForNextSweep: 2 });
    expect(second).toMatchObject({ due: 2, sent: 2 });
    expect(w.notifier.duplicates()).toEqual([]);
  });

  it('marks failed a reminder that has been claimed too many times (it keeps killing sweeps)', async () => {
    const w = world();
    w.caller('caller-t');
    w.store.put({
      ...pendingReminder({ callerId: 'caller-t', dueAt: '2026-06-01T07:00:00.000Z', deadline: '2026-06-15' }),
      attempts: 5,
      leaseUntil: '2026-06-01T09:00:00.000Z',
      leaseOwner: 'dead-sweep',
    });

    const summary = await w.sweep({ maxClaims: 5 });

    expect(summary.failed).toBe(1);
    expect(w.store.get('caller-t', 'visa:2026-06-15:d14')).toMatchObject({
      status: 'failed',
      outcome: 'too-many-claims',
    });
  });
});

describe('what the sweep logs', () => {
  it('never logs a phone number or a message text, even when sends fail', async () => {
    const w = world();
    const lines: string[] = [];
    const log = createLogger({ level: 'debug', sink: (line) => lines.push(line) });
    for (const [i, failure] of [
      new SmsRejectedError('InvalidParameter', false),
      new SmsOutcomeUnknownError('TimeoutError'),
    ].entries()) {
      w.caller(`caller-log${i}`, { phone: `+99670012345${i}`, language: 'ru' });
      w.store.put(
        pendingReminder({
          callerId: `caller-log${i}`,
          dueAt: '2026-06-01T07:00:00.000Z',
          deadline: '2026-06-15',
        }),
      );
      w.notifier.failures.push(failure);
    }

    await sweepReminders(
      { reminders: w.store, notifier: w.notifier, clock: w.clock, timer: w.timer, log },
      SETTINGS,
    );

    expect(lines.length).toBeGreaterThanOrEqual(2);
    const all = lines.join('\n');
    expect(all).not.toMatch(/99670012345/);
    expect(all).not.toContain('Напоминание');
    expect(all).toContain('caller-l');
  });
});

describe('two sweeps and crashes', () => {
  function manyDue(w: ReturnType<typeof world>, count: number) {
    for (let i = 0; i < count; i++) {
      w.caller(`caller-${i}`);
      w.store.put(
        pendingReminder({
          callerId: `caller-${i}`,
          dueAt: `2026-06-01T07:${String(i % 60).padStart(2, '0')}:00.000Z`,
          deadline: '2026-06-15',
        }),
      );
    }
  }

  it('sends each reminder once when two sweeps run at the same time', async () => {
    const w = world();
    manyDue(w, 40);

    const [a, b] = await Promise.all([
      w.sweep({ concurrency: 3 }, 'sweep-a'),
      w.sweep({ concurrency: 3 }, 'sweep-b'),
    ]);

    expect(w.notifier.sent).toHaveLength(40);
    expect(w.notifier.duplicates()).toEqual([]);
    expect(a.sent + b.sent).toBe(40);
    expect(a.claimed + b.claimed).toBe(40);
    expect(a.unconfirmed + b.unconfirmed).toBe(0);
  });

  it('leaves a reminder held by a live sweep alone', async () => {
    const w = world();
    manyDue(w, 1);
    const kill = new KillSwitch();
    void sweepReminders(
      {
        reminders: kill.wrap(w.store, 'claim'),
        notifier: kill.wrap(w.notifier),
        clock: w.clock,
        timer: w.timer,
      },
      SETTINGS,
    );
    await until(() => kill.dead);

    w.setNow('2026-06-01T10:09:00.000Z'); // the 10-minute lease still runs
    const second = await w.sweep();

    expect(second).toMatchObject({ due: 1, claimed: 0, contended: 1, sent: 0 });
    expect(w.notifier.sent).toEqual([]);
  });

  it('sends everything, once, after a sweep that died before claiming anything', async () => {
    const w = world();
    manyDue(w, 3);
    const kill = new KillSwitch();
    void sweepReminders(
      {
        reminders: kill.wrap(w.store, 'recipients'),
        notifier: kill.wrap(w.notifier),
        clock: w.clock,
        timer: w.timer,
      },
      SETTINGS,
    );
    await until(() => kill.dead);

    const second = await w.sweep();

    expect(second).toMatchObject({ sent: 3, contended: 0 });
    expect(w.notifier.sent).toHaveLength(3);
    expect(w.notifier.duplicates()).toEqual([]);
  });

  it('does not send again a reminder whose sweep died right after publishing it, and counts it unconfirmed', async () => {
    const w = world();
    manyDue(w, 3);
    const kill = new KillSwitch();
    void sweepReminders(
      {
        reminders: kill.wrap(w.store),
        notifier: kill.wrap(w.notifier, 'sendSms'),
        clock: w.clock,
        timer: w.timer,
      },
      SETTINGS,
    );
    await until(() => kill.dead);

    w.setNow('2026-06-01T10:10:01.000Z');
    const second = await w.sweep();

    // The first reminder went out before the crash, the two others from the second sweep: each once.
    expect(w.notifier.sent).toHaveLength(3);
    expect(w.notifier.duplicates()).toEqual([]);
    expect(second).toMatchObject({ sent: 2, unconfirmed: 1 });
    const settled = [...w.store.items.values()].map((item) => [item.status, item.unconfirmed]);
    expect(settled.sort()).toEqual([
      ['sent', false],
      ['sent', false],
      ['sent', true],
    ]);
  });

  it('does not send a reminder whose sweep died between its claim and the publish, and counts it unconfirmed: the documented price', async () => {
    const w = world();
    manyDue(w, 2);
    const kill = new KillSwitch();
    void sweepReminders(
      {
        reminders: kill.wrap(w.store, 'claim'),
        notifier: kill.wrap(w.notifier),
        clock: w.clock,
        timer: w.timer,
      },
      SETTINGS,
    );
    await until(() => kill.dead);

    w.setNow('2026-06-01T10:10:01.000Z');
    const second = await w.sweep();

    // The claim also records the publish, so the second sweep cannot tell this case from the one above.
    expect(w.notifier.sent).toHaveLength(1);
    expect(second).toMatchObject({ unconfirmed: 1, sent: 1 });
  });
});

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !condition(); i++) await new Promise((done) => setImmediate(done));
  if (!condition()) throw new Error('the condition never came true');
}
