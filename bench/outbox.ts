// `npx tsx bench/outbox.ts` (part of `npm run bench`): the outbox sender against DynamoDB Local. How many
// messages a second leave under each channel's pace (Telegram one a second per chat and 30 overall, the
// SIM one text every 3 s, SMS unpaced: the table is the limit), and what a sender killed mid-batch costs
// (messages sent twice, messages lost) when the stream delivers the batch again after the claim's lease.
// The senders stand in at the channel port and count what they are handed; the store, the claims and the
// pacing are the deployed code. Writes bench/.out/outbox.json and the "Outbox" section of RESULTS.md.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import {
  ensureHotlineTable,
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  startDynamoDbLocal,
} from '../local/dynamodb-local.js';
import { createDocumentClient } from '../shared/adapters/dynamodb/client.js';
import { DynamoOutboxStore } from '../shared/adapters/dynamodb/outbox-store.js';
import { outboxPut } from '../shared/adapters/dynamodb/side-writes.js';
import type { ChannelName, ChannelSender, OutboundMessage, OutboxStore } from '../shared/ports/outbox.js';
import { KeyedPace, realTimer } from '../shared/reminders/send-pace.js';
import { drainOutbox } from '../shared/use-cases/drain-outbox.js';
import { replaceSection } from './costs.js';
import { BENCH_OUT, freePort, round } from './support.js';

const HEADING = '## Outbox';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
Object.assign(process.env, {
  AWS_REGION: LOCAL_REGION,
  AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
});

const dynamo = await startDynamoDbLocal({ port: await freePort() });
const tableName = 'outbox-bench';
await ensureHotlineTable(dynamo.endpoint, tableName);
const client = createDocumentClient(dynamo.endpoint);
const store = new DynamoOutboxStore(client, tableName);
let batch = 0;

async function queue(channel: ChannelName, recipients: readonly string[]): Promise<string[]> {
  const run = ++batch;
  const messages: OutboundMessage[] = recipients.map((to, index) => ({
    id: `bench${run}#${index}`,
    channel,
    to,
    body: `Эскертме: 90 күн 09.06.2026 бүтөт, ${index} күн калды. Меню: 0`,
  }));
  for (let at = 0; at < messages.length; at += 25) {
    await client.send(
      new TransactWriteCommand({
        TransactItems: messages
          .slice(at, at + 25)
          .map((message) => outboxPut(tableName, message, new Date())),
      }),
    );
  }
  return messages.map((message) => message.id);
}

/** A sender that counts what it is handed; `dedupe` refuses an id it has seen, as the SIM's phone does (409). */
function countingSender(dedupe = false) {
  const sent = new Map<string, number>();
  const delivered = new Set<string>();
  const sender: ChannelSender = {
    async send(message) {
      sent.set(message.id, (sent.get(message.id) ?? 0) + 1);
      if (dedupe && delivered.has(message.id)) return { ok: true };
      delivered.add(message.id);
      return { ok: true };
    },
  };
  return { sender, sent, delivered };
}

const PACES: Record<string, () => (channel: ChannelName, to: string) => Promise<void>> = {
  telegram: () => {
    const pace = new KeyedPace(1000, realTimer, 30);
    return (_channel, to) => pace.take(to);
  },
  'sms-gateway': () => {
    const pace = new KeyedPace(3000, realTimer);
    return () => pace.take('phone');
  },
  sms: () => async () => {},
};

interface Throughput {
  scenario: string;
  channel: ChannelName;
  messages: number;
  seconds: number;
  perSecond: number;
}

async function throughput(scenario: string, channel: ChannelName, recipients: string[]): Promise<Throughput> {
  const ids = await queue(channel, recipients);
  const { sender, sent } = countingSender();
  const started = performance.now();
  const result = await drainOutbox(
    {
      store,
      senders: { [channel]: sender },
      pace: PACES[channel]?.() ?? (async () => {}),
      now: () => new Date(),
    },
    ids,
  );
  const seconds = (performance.now() - started) / 1000;
  if (result.sent !== ids.length || sent.size !== ids.length)
    throw new Error(`${scenario}: not every message left`);
  return {
    scenario,
    channel,
    messages: ids.length,
    seconds: round(seconds),
    perSecond: round(ids.length / seconds),
  };
}

class Killed extends Error {}

/** The store, with the process dying at one step of the `killAt`-th message. */
function dyingStore(inner: OutboxStore, killAt: number, step: 'claim' | 'send' | 'remove'): OutboxStore {
  let claims = 0;
  return {
    async claim(id, now, lease) {
      const got = await inner.claim(id, now, lease);
      if (typeof got !== 'string' && ++claims === killAt && step === 'claim') throw new Killed();
      return got;
    },
    async remove(id) {
      await inner.remove(id);
      if (claims === killAt && step === 'remove') throw new Killed();
    },
    release: (id) => inner.release(id),
    callerErased: (callerId) => inner.callerErased(callerId),
  };
}

interface KillResult {
  killedAt: string;
  channel: ChannelName;
  messages: number;
  sentTwice: number;
  deliveredTwice: number;
  lost: number;
}

async function killMidBatch(
  step: 'claim' | 'send' | 'remove',
  channel: ChannelName,
  dedupe: boolean,
): Promise<KillResult> {
  const count = 50;
  const killAt = 25;
  const ids = await queue(
    channel,
    Array.from(
      { length: count },
      (_, index) => `${channel === 'telegram' ? '' : '+381'}6000${String(index).padStart(5, '0')}`,
    ),
  );
  const { sender, sent, delivered } = countingSender(dedupe);
  let handed = 0;
  // "send": the process dies right after the channel accepted the message, before it is deleted.
  const dying: ChannelSender = {
    async send(message) {
      const result = await sender.send(message);
      if (step === 'send' && ++handed === killAt) throw new Killed();
      return result;
    },
  };
  const first = dyingStore(store, killAt, step === 'send' ? 'claim' : step);
  const lease = 120;
  await drainOutbox(
    {
      store: step === 'send' ? store : first,
      senders: { [channel]: dying },
      pace: async () => {},
      now: () => new Date(),
      leaseSeconds: lease,
    },
    ids,
  ).catch((error: unknown) => {
    if (!(error instanceof Killed)) throw error;
  });
  // The stream delivers the whole batch again once the dead sender's claim has run out.
  const later = new Date(Date.now() + (lease + 1) * 1000);
  await drainOutbox(
    { store, senders: { [channel]: sender }, pace: async () => {}, now: () => later, leaseSeconds: lease },
    ids,
  );
  const twice = [...sent.values()].filter((n) => n > 1).length;
  return {
    killedAt: { claim: 'claimed, not sent', send: 'sent, not yet deleted', remove: 'sent and deleted' }[step],
    channel,
    messages: count,
    sentTwice: twice,
    deliveredTwice: dedupe ? 0 : twice,
    lost: ids.filter((id) => !delivered.has(id)).length,
  };
}

const rates = [
  await throughput(
    'Telegram, 150 chats, one message each',
    'telegram',
    Array.from({ length: 150 }, (_, i) => String(700_000 + i)),
  ),
  await throughput('Telegram, one chat, 4 messages', 'telegram', ['700999', '700999', '700999', '700999']),
  await throughput('Serbian SIM, 4 texts', 'sms-gateway', ['+381601', '+381602', '+381603', '+381604']),
  await throughput(
    'SMS (SNS), 300 texts, unpaced',
    'sms',
    Array.from({ length: 300 }, (_, i) => `+38160${i}`),
  ),
];
// A crash between the channel accepting a message and its deletion is the one window: Telegram has no
// idempotency key, so that one message goes twice; the SIM's phone refuses a message id it has (409).
const kills: KillResult[] = [];
for (const step of ['claim', 'send', 'remove'] as const)
  kills.push(await killMidBatch(step, 'telegram', false));
kills.push(await killMidBatch('send', 'sms-gateway', true));
await dynamo.stop();

const output = { measuredAt: new Date().toISOString(), rates, kills };
writeFileSync(join(BENCH_OUT, 'outbox.json'), `${JSON.stringify(output, null, 2)}\n`);
const section = [
  HEADING,
  '',
  'The outbox sender against DynamoDB Local (bench/outbox.ts): claim, send at the channel’s pace, delete.',
  '',
  '| scenario | messages | seconds | messages/s |',
  '| --- | ---: | ---: | ---: |',
  ...rates.map((r) => `| ${r.scenario} | ${r.messages} | ${r.seconds} | ${r.perSecond} |`),
  '',
  'A sender killed mid-batch (50 messages, killed at message 25 in the state named), then the whole batch delivered again after the claim’s lease:',
  '',
  '| message 25 when killed | channel | sent twice | received twice | lost |',
  '| --- | --- | ---: | ---: | ---: |',
  ...kills.map((k) => `| ${k.killedAt} | ${k.channel} | ${k.sentTwice} | ${k.deliveredTwice} | ${k.lost} |`),
];
const resultsPath = join(BENCH_OUT, 'RESULTS.md');
writeFileSync(resultsPath, replaceSection(readFileSync(resultsPath, 'utf8'), HEADING, section));
process.stdout.write(`${section.join('\n')}\n\nWrote bench/.out/outbox.json and bench/.out/RESULTS.md.\n`);
