// The reminder sweep against the real DynamoDB Local, publishing with the real SNS client to the local
// runtime's SNS stand-in (what lands there is what `GET /_local/outbox` shows).
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PublishCommand, SNSClient, ThrottledException } from '@aws-sdk/client-sns';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ensureHotlineTable } from '../../local/dynamodb-local.js';
import type { LocalHotline } from '../../local/hotline.js';
import type { OutboxMessage } from '../../local/outbox.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { callerKeys } from '../../shared/adapters/dynamodb/keys.js';
import { DynamoReminderStore } from '../../shared/adapters/dynamodb/reminder-store.js';
import { createSnsClient } from '../../shared/adapters/sns/client.js';
import { SnsNotifier } from '../../shared/adapters/sns/sns-notifier.js';
import { fixedClock } from '../../shared/clock.js';
import { planReminders, type Reminder } from '../../shared/deadlines/index.js';
import type { Notifier } from '../../shared/ports/notifier.js';
import { type ReminderItem, reminderItem } from '../../shared/reminders/reminder-item.js';
import { DEFAULT_SWEEP_SETTINGS, type SweepSettings, sweepReminders } from '../../shared/reminders/sweep.js';
import { postSigned, setClock, smsParams, startTestHotline, uniquePhone } from '../support/local-hotline.js';
import { KillSwitch, pendingReminder } from '../support/reminder-fakes.js';

let hotline: LocalHotline;
const db = createDocumentClient(inject('dynamoEndpoint'));
let sns: SNSClient;

beforeAll(async () => {
  hotline = await startTestHotline();
  sns = createSnsClient(`${hotline.url}/_local/sns`);
});

afterAll(async () => {
  sns.destroy();
  db.destroy();
  await hotline.stop();
});

const SETTINGS: SweepSettings = {
  ...DEFAULT_SWEEP_SETTINGS,
  sendRatePerSecond: 500,
  backoffMs: 5,
  lookbackDays: 3,
};

/** Each test gets its own table: a sweep sends everything due in its table. */
async function freshTable(): Promise<string> {
  const name = `reminders-${randomBytes(4).toString('hex')}`;
  await ensureHotlineTable(inject('dynamoEndpoint'), name);
  return name;
}

interface CallerSeed {
  phone?: string;
  language?: 'ky' | 'ru';
  latin?: boolean;
  optedOut?: boolean;
  channel?: 'sms' | 'whatsapp';
}

async function seedCaller(
  table: string,
  seed: CallerSeed = {},
): Promise<{ callerId: string; phone: string }> {
  const callerId = randomBytes(11).toString('base64url');
  const phone = seed.phone ?? uniquePhone();
  await db.send(
    new PutCommand({
      TableName: table,
      Item: {
        ...callerKeys.profile(callerId),
        type: 'caller',
        callerId,
        phone,
        channel: seed.channel ?? 'sms',
        language: seed.language ?? 'ky',
        latin: seed.latin ?? false,
        optedOut: seed.optedOut ?? false,
        reminderIds: { entry: [], permit: [] },
        firstContactAt: '2026-03-01T10:00:00.000Z',
        lastContactAt: '2026-03-01T10:00:00.000Z',
        version: 1,
        expiresAt: 2_000_000_000,
      },
    }),
  );
  return { callerId, phone };
}

async function seedReminder(table: string, item: ReminderItem): Promise<void> {
  await db.send(new PutCommand({ TableName: table, Item: item }));
}

async function stored(table: string, callerId: string, reminderId: string) {
  const { Item } = await db.send(
    new GetCommand({
      TableName: table,
      Key: callerKeys.reminder(callerId, reminderId),
      ConsistentRead: true,
    }),
  );
  return Item;
}

function sweep(
  table: string,
  now: string,
  settings: Partial<SweepSettings> = {},
  notifier: Notifier = new SnsNotifier(sns),
) {
  return sweepReminders(
    { reminders: new DynamoReminderStore(db, table), notifier, clock: fixedClock(new Date(now)) },
    { ...SETTINGS, ...settings },
  );
}

const outboxTo = (phone: string): OutboxMessage[] =>
  hotline.outbox.list().filter((message) => message.to === phone);

/** The reminders the deadline engine plans for an entry date, as the conversation stores them. */
function plannedItems(callerId: string, entry: string, plannedAt: string): ReminderItem[] {
  return planReminders({ entry: entry as never }, new Date(plannedAt)).map((reminder: Reminder) =>
    reminderItem(callerId, 'entry', reminder, 2_000_000_000),
  );
}

describe('the reminder sweep on DynamoDB Local and the SNS client', () => {
  it('sends what is due once, in the caller’s language and Latin mode, and leaves what is not due', async () => {
    const table = await freshTable();
    const ky = await seedCaller(table, { language: 'ky' });
    const ruLatin = await seedCaller(table, { language: 'ru', latin: true });
    // Entered 12 March 2026: last lawful day 9 June; reminders 26 May, 2 June, 7 June at 09:00 Belgrade.
    for (const caller of [ky, ruLatin]) {
      for (const item of plannedItems(caller.callerId, '2026-03-12', '2026-04-01T10:00:00Z')) {
        await seedReminder(table, item);
      }
    }

    const first = await sweep(table, '2026-05-26T07:05:00.000Z');
    const again = await sweep(table, '2026-05-26T07:10:00.000Z');

    expect(outboxTo(ky.phone).map((message) => message.body)).toEqual([
      'Эскертме: 90 күн 09.06.2026 бүтөт, 15 күн калды. Меню: 0',
    ]);
    expect(outboxTo(ruLatin.phone).map((message) => message.body)).toEqual([
      'Napominanie: 90 dney zakanchivayutsya 09.06.2026. Ostalos dney: 15.',
    ]);
    expect(outboxTo(ky.phone)[0]).toMatchObject({ channel: 'sms', smsType: 'Transactional' });
    expect(first).toMatchObject({ due: 2, claimed: 2, sent: 2, failed: 0 });
    expect(again).toMatchObject({ due: 0, sent: 0 });
    expect(await stored(table, ky.callerId, 'visa:2026-06-09:d14')).toMatchObject({ status: 'sent' });
    expect(await stored(table, ky.callerId, 'visa:2026-06-09:d7')).toMatchObject({
      status: 'pending',
      duePk: 'DUE#2026-06-02',
    });
  });

  it('moves a reminder a late sweep finds at 20:03 to 09:00 Belgrade the next morning, then sends it', async () => {
    const table = await freshTable();
    const caller = await seedCaller(table);
    await seedReminder(
      table,
      pendingReminder({
        callerId: caller.callerId,
        dueAt: '2026-06-01T17:58:00.000Z',
        deadline: '2026-06-15',
      }),
    );

    const late = await sweep(table, '2026-06-01T18:03:00.000Z');
    const deferred = await stored(table, caller.callerId, 'visa:2026-06-15:d14');
    const morning = await sweep(table, '2026-06-02T07:00:30.000Z');

    expect(late).toMatchObject({ due: 1, deferred: 1, sent: 0 });
    expect(deferred).toMatchObject({
      status: 'pending',
      dueAt: '2026-06-02T07:00:00.000Z',
      duePk: 'DUE#2026-06-02',
    });
    expect(morning.sent).toBe(1);
    expect(outboxTo(caller.phone)).toHaveLength(1);
  });

  it('skips and cancels the reminders of a caller who said STOP', async () => {
    const table = await freshTable();
    const caller = await seedCaller(table, { optedOut: true });
    await seedReminder(
      table,
      pendingReminder({
        callerId: caller.callerId,
        dueAt: '2026-06-01T07:00:00.000Z',
        deadline: '2026-06-15',
      }),
    );

    const summary = await sweep(table, '2026-06-01T10:00:00.000Z');

    expect(summary).toMatchObject({ skipped: 1, sent: 0 });
    expect(outboxTo(caller.phone)).toEqual([]);
    const item = await stored(table, caller.callerId, 'visa:2026-06-15:d14');
    expect(item).toMatchObject({ status: 'cancelled', outcome: 'opted-out' });
    expect(item?.duePk).toBeUndefined();
  });

  it('sends each reminder once when two sweeps run at the same time', async () => {
    const table = await freshTable();
    const callers = await Promise.all(Array.from({ length: 30 }, () => seedCaller(table)));
    await Promise.all(
      callers.map((caller, i) =>
        seedReminder(
          table,
          pendingReminder({
            callerId: caller.callerId,
            dueAt: `2026-06-01T07:${String(i).padStart(2, '0')}:00.000Z`,
            deadline: '2026-06-15',
          }),
        ),
      ),
    );

    // A slow SNS holds every reminder between claim and mark for a while: the moment a second sweep
    // would send it again if the claim did not keep it out.
    const slowSns: Notifier = {
      sendSms: async (sms) => {
        await new Promise((done) => setTimeout(done, 25));
        return new SnsNotifier(sns).sendSms(sms);
      },
    };
    const [a, b] = await Promise.all([
      sweep(table, '2026-06-01T10:00:00.000Z', { concurrency: 4 }, slowSns),
      sweep(table, '2026-06-01T10:00:00.000Z', { concurrency: 4 }, slowSns),
    ]);

    expect(callers.map((caller) => outboxTo(caller.phone).length)).toEqual(callers.map(() => 1));
    expect(a.sent + b.sent).toBe(30);
    // Each reminder was held by one sweep and refused to the other, never settled as a doubtful send.
    expect(a.contended + b.contended).toBe(30);
    expect(a.unconfirmed + b.unconfirmed).toBe(0);
  });

  it('resumes after a sweep killed right after publishing: the rest sent once, the published one not again', async () => {
    const table = await freshTable();
    const callers = await Promise.all(Array.from({ length: 4 }, () => seedCaller(table)));
    for (const [i, caller] of callers.entries()) {
      await seedReminder(
        table,
        pendingReminder({
          callerId: caller.callerId,
          dueAt: `2026-06-01T07:0${i}:00.000Z`,
          deadline: '2026-06-15',
        }),
      );
    }
    const kill = new KillSwitch();
    void sweepReminders(
      {
        reminders: kill.wrap(new DynamoReminderStore(db, table)),
        notifier: kill.wrap(new SnsNotifier(sns), 'sendSms'),
        clock: fixedClock(new Date('2026-06-01T10:00:00.000Z')),
      },
      { ...SETTINGS, concurrency: 1 },
    );
    await until(() => kill.dead);

    const duringLease = await sweep(table, '2026-06-01T10:05:00.000Z');
    const afterLease = await sweep(table, '2026-06-01T10:10:01.000Z');

    expect(duringLease).toMatchObject({ contended: 1, sent: 3 });
    expect(afterLease).toMatchObject({ unconfirmed: 1, sent: 0 });
    expect(callers.map((caller) => outboxTo(caller.phone).length)).toEqual([1, 1, 1, 1]);
    const settled = await Promise.all(
      callers.map((caller) => stored(table, caller.callerId, 'visa:2026-06-15:d14')),
    );
    expect(settled.map((item) => [item?.status, item?.unconfirmed]).sort()).toEqual([
      ['sent', false],
      ['sent', false],
      ['sent', false],
      ['sent', true],
    ]);
  });

  it('does not send a reminder whose sweep was killed between its claim and the publish: the documented price', async () => {
    const table = await freshTable();
    const caller = await seedCaller(table);
    await seedReminder(
      table,
      pendingReminder({
        callerId: caller.callerId,
        dueAt: '2026-06-01T07:00:00.000Z',
        deadline: '2026-06-15',
      }),
    );
    const kill = new KillSwitch();
    void sweepReminders(
      {
        reminders: kill.wrap(new DynamoReminderStore(db, table), 'claim'),
        notifier: kill.wrap(new SnsNotifier(sns)),
        clock: fixedClock(new Date('2026-06-01T10:00:00.000Z')),
      },
      SETTINGS,
    );
    await until(() => kill.dead);

    const afterLease = await sweep(table, '2026-06-01T10:10:01.000Z');

    expect(afterLease).toMatchObject({ sent: 0, unconfirmed: 1 });
    expect(outboxTo(caller.phone)).toEqual([]);
    expect(await stored(table, caller.callerId, 'visa:2026-06-15:d14')).toMatchObject({
      status: 'sent',
      unconfirmed: true,
      sentAt: '2026-06-01T10:00:00.000Z',
      attempts: 2,
    });
  });

  it('retries an SNS throttle with backoff and sends once', async () => {
    const table = await freshTable();
    const caller = await seedCaller(table);
    await seedReminder(
      table,
      pendingReminder({
        callerId: caller.callerId,
        dueAt: '2026-06-01T07:00:00.000Z',
        deadline: '2026-06-15',
      }),
    );
    const throttling = await throttlingSns(2, `${hotline.url}/_local/sns`);
    const client = createSnsClient(throttling.url);

    const summary = await sweep(
      table,
      '2026-06-01T10:00:00.000Z',
      { sendAttempts: 3 },
      new SnsNotifier(client),
    );

    client.destroy();
    await throttling.close();
    expect(throttling.requests()).toBe(3);
    expect(summary).toMatchObject({ sent: 1, failed: 0 });
    expect(outboxTo(caller.phone)).toHaveLength(1);
  });

  it('marks a reminder failed, and counts it, when SNS still refuses after the last attempt', async () => {
    const table = await freshTable();
    const caller = await seedCaller(table);
    await seedReminder(
      table,
      pendingReminder({
        callerId: caller.callerId,
        dueAt: '2026-06-01T07:00:00.000Z',
        deadline: '2026-06-15',
      }),
    );
    const client = new SNSClient({ region: 'eu-central-1' });
    const mocked = mockClient(client);
    mocked.on(PublishCommand).rejects(new ThrottledException({ message: 'Rate exceeded', $metadata: {} }));

    const summary = await sweep(
      table,
      '2026-06-01T10:00:00.000Z',
      { sendAttempts: 3 },
      new SnsNotifier(client),
    );

    expect(mocked.commandCalls(PublishCommand)).toHaveLength(3);
    expect(summary).toMatchObject({ sent: 0, failed: 1 });
    const item = await stored(table, caller.callerId, 'visa:2026-06-15:d14');
    expect(item).toMatchObject({ status: 'failed', outcome: 'sns:ThrottledException' });
    expect(item?.duePk).toBeUndefined();
    mocked.restore();
  });

  it('reports the DynamoDB read units it consumed', async () => {
    const table = await freshTable();
    const caller = await seedCaller(table);
    await seedReminder(
      table,
      pendingReminder({
        callerId: caller.callerId,
        dueAt: '2026-06-01T07:00:00.000Z',
        deadline: '2026-06-15',
      }),
    );

    const summary = await sweep(table, '2026-06-01T10:00:00.000Z');

    expect(summary.readUnits).toBeGreaterThan(0);
    expect(summary.writeUnits).toBeGreaterThan(0);
  });
});

describe('POST /_local/tick', () => {
  const json = async (path: string, init?: RequestInit) =>
    (await (await fetch(`${hotline.url}${path}`, init)).json()) as Record<string, unknown>;
  const setClock = (now: string | null) =>
    json('/_local/clock', {
      method: 'POST',
      body: JSON.stringify({ now }),
      headers: { 'content-type': 'application/json' },
    });

  it('runs the reminder sweep at the simulated time, and what it sends appears in GET /_local/outbox', async () => {
    const caller = await seedCaller(hotline.tableName, { language: 'ru' });
    for (const item of plannedItems(caller.callerId, '2026-03-12', '2026-04-01T10:00:00Z')) {
      await seedReminder(hotline.tableName, item);
    }

    await setClock('2026-05-25T10:00:00Z');
    const early = await json('/_local/tick', { method: 'POST' });
    await setClock('2026-06-02T07:00:00Z');
    const due = await json('/_local/tick', { method: 'POST' });
    const outbox = (await json('/_local/outbox').then((list) => list)) as unknown as OutboxMessage[];
    await setClock(null);

    // Every scheduled job runs on a tick: the reminder sweep and the case chase (nothing to chase here).
    expect(early.jobs).toEqual([
      { job: 'reminders', result: expect.objectContaining({ due: 0, sent: 0 }) },
      { job: 'escalations', result: expect.objectContaining({ due: 0, chased: 0 }) },
    ]);
    // 26 May was never swept; 2 June is due now. The newer one goes out, once; the older would repeat it.
    expect(due.jobs).toEqual([
      { job: 'reminders', result: expect.objectContaining({ due: 2, sent: 1, skipped: 1 }) },
      { job: 'escalations', result: expect.objectContaining({ due: 0, chased: 0 }) },
    ]);
    expect(outbox.filter((message) => message.to === caller.phone)).toEqual([
      expect.objectContaining({
        body: 'Напоминание: 90 дней заканчиваются 09.06.2026. Осталось дней: 8.',
        channel: 'sms',
        at: '2026-06-02T07:00:00.000Z',
        smsType: 'Transactional',
      }),
    ]);
  });
});

describe('a caller’s entry date, from a text to the reminders (conversation, clock, tick, outbox)', () => {
  const tickAt = async (now: string) => {
    await setClock(hotline, now);
    await fetch(`${hotline.url}/_local/tick`, { method: 'POST' });
  };
  const text = (phone: string, body: string) => postSigned(hotline, '/sms', smsParams(phone, body));

  it('sends each reminder once, on its day, in daytime, in the caller’s language, and none after STOP', async () => {
    const phone = uniquePhone('+996');
    const stopped = uniquePhone('+996');
    await setClock(hotline, '2026-04-01T10:00:00Z');
    for (const body of ['салам', '1', 'КИРДИМ 12.03.2026']) await text(phone, body);
    for (const body of ['салам', '1', 'КИРДИМ 12.03.2026', 'СТОП']) await text(stopped, body);

    const seen: Record<string, string[]> = {};
    for (const at of [
      '2026-05-25T10:00:00Z', // the day before the first reminder
      '2026-05-26T06:55:00Z', // 08:55 in Belgrade: not yet
      '2026-05-26T07:00:00Z', // 09:00: the 14-day reminder
      '2026-05-26T07:05:00Z', // the next tick sends nothing again
      '2026-06-02T07:00:00Z',
      '2026-06-07T12:00:00Z',
      '2026-06-10T07:00:00Z', // the stay has ended: nothing more
    ]) {
      await tickAt(at);
      seen[at] = hotline.outbox
        .list()
        .filter((message) => message.to === phone && message.at === new Date(at).toISOString())
        .map((message) => message.body);
    }
    await setClock(hotline, null);

    expect(seen).toEqual({
      '2026-05-25T10:00:00Z': [],
      '2026-05-26T06:55:00Z': [],
      '2026-05-26T07:00:00Z': ['Эскертме: 90 күн 09.06.2026 бүтөт, 15 күн калды. Меню: 0'],
      '2026-05-26T07:05:00Z': [],
      '2026-06-02T07:00:00Z': ['Эскертме: 90 күн 09.06.2026 бүтөт, 8 күн калды. Меню: 0'],
      '2026-06-07T12:00:00Z': ['Эскертме: 90 күн 09.06.2026 бүтөт, 3 күн калды. Меню: 0'],
      '2026-06-10T07:00:00Z': [],
    });
    expect(hotline.outbox.list().filter((message) => message.to === phone)).toHaveLength(3);
    expect(hotline.outbox.list().filter((message) => message.to === stopped)).toEqual([]);
  });
});

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((done) => setTimeout(done, 10));
  if (!condition()) throw new Error('the condition never came true');
}

/** An SNS endpoint that answers `Throttled` to the first `times` publishes, then passes them on. */
async function throttlingSns(times: number, passTo: string) {
  let count = 0;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      count++;
      if (count <= times) {
        response.writeHead(429, { 'content-type': 'text/xml' });
        response.end(
          '<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>Sender</Type><Code>Throttled</Code><Message>Rate exceeded</Message></Error><RequestId>r</RequestId></ErrorResponse>',
        );
        return;
      }
      const passed = await fetch(passTo, {
        method: 'POST',
        headers: { 'content-type': String(request.headers['content-type']) },
        body: Buffer.concat(chunks),
      });
      response.writeHead(passed.status, { 'content-type': 'text/xml' });
      response.end(await passed.text());
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => count,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
