// Benchmark of the reminder sweep: 100,000 callers in DynamoDB Local (in memory), each with a pending
// reminder, of which 10,000 are due on one day and 1,000 on another. The real sweep, the real DynamoDB
// store and the real SNS client (pointed at a local stub that counts publishes) run over each day; the
// figures show that its cost follows the number due, not the number of callers.
//   npx tsx bench/reminders.ts            (BENCH_CALLERS=20000 for a quicker run)
// Prints a markdown table and writes bench/.out/reminders-results.json.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  ensureHotlineTable,
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  startDynamoDbLocal,
} from '../local/dynamodb-local.js';
import { createDocumentClient } from '../shared/adapters/dynamodb/client.js';
import { callerKeys } from '../shared/adapters/dynamodb/keys.js';
import { DynamoReminderStore } from '../shared/adapters/dynamodb/reminder-store.js';
import { createSnsClient } from '../shared/adapters/sns/client.js';
import { SnsNotifier } from '../shared/adapters/sns/sns-notifier.js';
import { fixedClock } from '../shared/clock.js';
import { reminderItem } from '../shared/reminders/reminder-item.js';
import {
  DEFAULT_SWEEP_SETTINGS,
  type SweepSettings,
  type SweepSummary,
  sweepReminders,
} from '../shared/reminders/sweep.js';
import { BENCH_OUT, freePort } from './support.js';

const CALLERS = Number(process.env.BENCH_CALLERS ?? 100_000);
const DUE_BIG = Math.round(CALLERS / 10);
const DUE_SMALL = Math.round(CALLERS / 100);
const SEED_PARALLELISM = 24;
const TABLE = 'hotline-bench';

// Three sweep days; June 2026, so 09:00 Belgrade is 07:00Z and 12:00 is 10:00Z.
const DAY_BIG = '2026-06-01';
const DAY_SMALL = '2026-06-21';
const DAY_OVERLAP = '2026-07-01';

/** As deployed, except the SNS rate: the stub has no account limit, and the point is the sweep's own cost. */
const SETTINGS: SweepSettings = {
  ...DEFAULT_SWEEP_SETTINGS,
  sendRatePerSecond: 5_000,
  concurrency: 16,
  timeBudgetMs: 30 * 60_000,
};

Object.assign(process.env, {
  AWS_REGION: LOCAL_REGION,
  AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
});

interface Row {
  scenario: string;
  callers: number;
  due: number;
  sent: number;
  publishes: number;
  duplicates: number;
  sweepMs: number;
  readUnits: number;
  writeUnits: number;
  peakRssMb: number;
  rssBeforeMb: number;
}

async function main(): Promise<void> {
  const port = await freePort();
  const dynamo = await startDynamoDbLocal({ port });
  const stub = await snsStub();
  const db = createDocumentClient(dynamo.endpoint);
  const sns = createSnsClient(stub.url);
  try {
    await ensureHotlineTable(dynamo.endpoint, TABLE);
    const seedStarted = performance.now();
    await seed(db);
    const seedMs = Math.round(performance.now() - seedStarted);
    log(`seeded ${CALLERS} callers and ${CALLERS} reminders in ${(seedMs / 1000).toFixed(1)} s`);

    const rows: Row[] = [];
    rows.push(await measure(`${DUE_BIG} due`, DAY_BIG, 1, db, sns, stub));
    rows.push(await measure(`${DUE_SMALL} due`, DAY_SMALL, 1, db, sns, stub));
    rows.push(await measure(`${DUE_SMALL} due, two sweeps at once`, DAY_OVERLAP, 2, db, sns, stub));

    const table = [
      '| scenario | callers | due | sent | SNS publishes | duplicates | sweep time | read units | write units | peak RSS (before) |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
      ...rows.map(
        (row) =>
          `| ${row.scenario} | ${row.callers.toLocaleString('en')} | ${row.due.toLocaleString('en')} | ${row.sent.toLocaleString('en')} | ${row.publishes.toLocaleString('en')} | ${row.duplicates} | ${(row.sweepMs / 1000).toFixed(2)} s | ${row.readUnits.toLocaleString('en')} | ${row.writeUnits.toLocaleString('en')} | ${row.peakRssMb} MB (${row.rssBeforeMb} MB) |`,
      ),
    ].join('\n');
    process.stdout.write(`\n${table}\n\n`);
    writeFileSync(
      join(BENCH_OUT, 'reminders-results.json'),
      `${JSON.stringify(
        {
          measuredAt: new Date().toISOString(),
          machine: { cpus: cpus().length, node: process.version },
          settings: { ...SETTINGS, note: 'sendRatePerSecond raised for the stub; deployed default is 10' },
          seed: { callers: CALLERS, remindersPerCaller: 1, seedMs },
          rows,
        },
        null,
        2,
      )}\n`,
    );
    const duplicates = rows.reduce((sum, row) => sum + row.duplicates, 0);
    if (duplicates > 0) {
      process.stderr.write(`FAIL: ${duplicates} duplicate reminders\n`);
      process.exitCode = 1;
    }
  } finally {
    sns.destroy();
    db.destroy();
    await stub.close();
    await dynamo.stop();
  }
}

/**
 * Every caller gets a profile and one pending reminder: DUE_BIG due on DAY_BIG, DUE_SMALL on DAY_SMALL and
 * again on DAY_OVERLAP, the rest spread over later weeks (in the index, never due during the bench).
 */
async function seed(db: DynamoDBDocumentClient): Promise<void> {
  const items = function* () {
    for (let i = 0; i < CALLERS; i++) {
      const callerId = `bench${String(i).padStart(7, '0')}${randomBytes(4).toString('hex')}`;
      yield {
        ...callerKeys.profile(callerId),
        type: 'caller',
        callerId,
        phone: `+9967${String(i).padStart(8, '0')}`,
        channel: i % 5 === 0 ? 'whatsapp' : 'sms',
        language: i % 3 === 0 ? 'ru' : 'ky',
        latin: i % 4 === 0,
        optedOut: false,
        reminderIds: { entry: [], permit: [] },
        firstContactAt: '2026-03-01T10:00:00.000Z',
        lastContactAt: '2026-03-01T10:00:00.000Z',
        version: 1,
        expiresAt: 2_000_000_000,
      };
      const minute = String(i % 60).padStart(2, '0');
      const dueAt =
        i < DUE_BIG
          ? `${DAY_BIG}T07:${minute}:00.000Z`
          : i < DUE_BIG + DUE_SMALL
            ? `${DAY_SMALL}T07:${minute}:00.000Z`
            : i < DUE_BIG + 2 * DUE_SMALL
              ? `${DAY_OVERLAP}T07:${minute}:00.000Z`
              : `2026-08-${String(1 + (i % 28)).padStart(2, '0')}T07:${minute}:00.000Z`;
      const deadline = `${dueAt.slice(0, 8)}28`;
      yield reminderItem(
        callerId,
        'entry',
        {
          id: `visa:${deadline}:d14`,
          kind: 'visa-free-stay-ends',
          dueAt,
          deadline: deadline as never,
          catchUp: false,
        },
        2_000_000_000,
      );
    }
  };
  const source = items();
  let written = 0;
  const worker = async () => {
    for (;;) {
      const batch: Record<string, unknown>[] = [];
      for (let next = source.next(); !next.done; next = source.next()) {
        batch.push(next.value as Record<string, unknown>);
        if (batch.length === 25) break;
      }
      if (batch.length === 0) return;
      await writeBatch(db, batch);
      written += batch.length;
      if (written % 50_000 < 25) log(`  ${written.toLocaleString('en')} items`);
    }
  };
  await Promise.all(Array.from({ length: SEED_PARALLELISM }, worker));
}

async function writeBatch(db: DynamoDBDocumentClient, items: Record<string, unknown>[]): Promise<void> {
  let pending = items.map((Item) => ({ PutRequest: { Item } }));
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt > 0) await new Promise((done) => setTimeout(done, 20 * attempt));
    const result = await db.send(new BatchWriteCommand({ RequestItems: { [TABLE]: pending } }));
    pending = (result.UnprocessedItems?.[TABLE] ?? []) as typeof pending;
  }
}

async function measure(
  scenario: string,
  day: string,
  sweeps: number,
  db: DynamoDBDocumentClient,
  sns: ReturnType<typeof createSnsClient>,
  stub: Awaited<ReturnType<typeof snsStub>>,
): Promise<Row> {
  stub.reset();
  const clock = fixedClock(new Date(`${day}T10:00:00.000Z`));
  const stores = Array.from({ length: sweeps }, () => new DynamoReminderStore(db, TABLE));
  const notifier = new SnsNotifier(sns);
  const rssBefore = process.memoryUsage().rss;
  let peakRss = rssBefore;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 20);
  const started = performance.now();
  const summaries: SweepSummary[] = await Promise.all(
    stores.map((reminders) => sweepReminders({ reminders, notifier, clock }, SETTINGS)),
  );
  const sweepMs = performance.now() - started;
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const row: Row = {
    scenario,
    callers: CALLERS,
    due: Math.max(...summaries.map((summary) => summary.due)),
    sent: summaries.reduce((sum, summary) => sum + summary.sent, 0),
    publishes: stub.publishes(),
    duplicates: stub.duplicates(),
    sweepMs: Math.round(sweepMs),
    readUnits: Math.round(summaries.reduce((sum, summary) => sum + summary.readUnits, 0)),
    writeUnits: Math.round(summaries.reduce((sum, summary) => sum + summary.writeUnits, 0)),
    peakRssMb: Math.round(peakRss / 1024 / 1024),
    rssBeforeMb: Math.round(rssBefore / 1024 / 1024),
  };
  log(`${scenario}: ${JSON.stringify(row)}`);
  return row;
}

/** Answers SNS `Publish` like SNS does, and counts texts per phone number. */
async function snsStub() {
  const perPhone = new Map<string, number>();
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const phone = form.get('PhoneNumber') ?? '';
      perPhone.set(phone, (perPhone.get(phone) ?? 0) + 1);
      response.writeHead(200, { 'content-type': 'text/xml' });
      response.end(
        `<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>${randomBytes(8).toString('hex')}</MessageId></PublishResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></PublishResponse>`,
      );
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    reset: () => perPhone.clear(),
    publishes: () => [...perPhone.values()].reduce((sum, times) => sum + times, 0),
    /** Texts beyond the first to the same number (each bench caller has one due reminder at most). */
    duplicates: () => [...perPhone.values()].reduce((sum, times) => sum + times - 1, 0),
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((done) => server.close(() => done()));
    },
  };
}

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
