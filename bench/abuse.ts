// `npx tsx bench/abuse.ts` (part of `npm run bench`): what floods cost the NGO with the deployment's
// default limits. Each shape runs against the local runtime (the same handlers, DynamoDB Local, the SNS
// stand-in) in its own table, on a simulated clock; every text the hotline sends is counted where it
// leaves (a <Message> in TwiML, or a publish to the SNS stand-in) and priced at bench/prices.json.
// Writes bench/.out/abuse.json and the "Abuse" section of bench/.out/RESULTS.md.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SegmentedMessage } from 'sms-segments-calculator';
import { startDynamoDbLocal } from '../local/dynamodb-local.js';
import { type LocalHotline, startLocalHotline } from '../local/hotline.js';
import { createDocumentClient } from '../shared/adapters/dynamodb/client.js';
import { DynamoRosterStore } from '../shared/adapters/dynamodb/roster-store.js';
import { twilioSignature } from '../shared/adapters/twilio/signature.js';
import { DEFAULT_LIMITS } from '../shared/limits/settings.js';
import { parseRoster } from '../shared/volunteers/volunteer.js';
import { replaceSection } from './costs.js';
import { BENCH_OUT, freePort, round } from './support.js';

const ROOT = resolve(import.meta.dirname, '..');
const HEADING = '## Abuse: what a flood costs';
const HOTLINE = '+381110000000';
const VOLUNTEER = '+381600009001';
/** Wednesday 25 November 2026, 12:00 in Belgrade: the volunteer is on shift. */
const START = Date.parse('2026-11-25T11:00:00.000Z');

// The deployment's defaults: whatever the shell set for the limits is cleared.
for (const name of Object.keys(process.env)) {
  if (
    /^(ALLOWED_COUNTRY_CODES|CALLER_|UNKNOWN_|FLOOD_|RELAY_GAP|IVR_|WITHHELD_|DAILY_SPEND|SMS_SEGMENT|WHATSAPP_MESSAGE)/.test(
      name,
    )
  ) {
    delete process.env[name];
  }
}
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
process.env.LOG_LEVEL = 'error';

interface Prices {
  sms: number;
  whatsapp: number;
  sns: number;
}

function prices(): Prices {
  const file = JSON.parse(readFileSync(join(ROOT, 'bench/prices.json'), 'utf8')) as {
    prices: Record<string, { usd: number }>;
  };
  const usd = (name: string) => file.prices[name]?.usd ?? Number.NaN;
  return {
    sms: usd('twilioSmsOutboundSerbiaPerSegment'),
    whatsapp: usd('twilioWhatsAppPerMessage') + usd('metaWhatsAppServiceMessage'),
    sns: usd('snsSmsSerbiaPerPart'),
  };
}

interface Tally {
  smsSegments: number;
  whatsappMessages: number;
  snsParts: number;
  /** Volunteers' phones rung (an unanswered leg costs nothing; an answered one per minute). */
  legsRung: number;
  cases: number;
}

const empty = (): Tally => ({ smsSegments: 0, whatsappMessages: 0, snsParts: 0, legsRung: 0, cases: 0 });
const segments = (body: string) => new SegmentedMessage(body).segmentsCount;

class Runtime {
  private sequence = 0;
  readonly tally = empty();
  private outboxSeen = 0;

  constructor(
    readonly hotline: LocalHotline,
    private readonly tableName: string,
  ) {}

  async clock(at: number): Promise<void> {
    await fetch(`${this.hotline.url}/_local/clock`, {
      method: 'POST',
      body: JSON.stringify({ now: new Date(at).toISOString() }),
    });
  }

  async post(path: string, params: Record<string, string>): Promise<string> {
    const url = `${this.hotline.publicBaseUrl}${path}`;
    const response = await fetch(`${this.hotline.url}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': twilioSignature(this.hotline.authToken, url, params),
      },
      body: new URLSearchParams(params).toString(),
    });
    if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
    return response.text();
  }

  /** One inbound text; every <Message> of the answer is counted on its channel. */
  async text(from: string, body: string): Promise<string> {
    const xml = await this.post('/sms', {
      MessageSid: `SMabuse${++this.sequence}`,
      AccountSid: 'ACbench',
      From: from,
      To: from.startsWith('whatsapp:') ? `whatsapp:${HOTLINE}` : HOTLINE,
      Body: body,
    });
    for (const match of xml.matchAll(/<Message(?: to="([^"]*)")?[^>]*>([\s\S]*?)<\/Message>/g)) {
      const to = match[1] ?? from;
      const text = unescapeXml(match[2] ?? '');
      if (to.startsWith('whatsapp:')) this.tally.whatsappMessages++;
      else this.tally.smsSegments += segments(text);
    }
    return xml;
  }

  /** A call from `from` pressing `keys` one prompt after another. */
  async call(from: string, keys: readonly string[], voicemail = false): Promise<void> {
    const callSid = `CAabuse${String(++this.sequence).padStart(8, '0')}`;
    const params = {
      CallSid: callSid,
      AccountSid: 'ACbench',
      From: from,
      To: HOTLINE,
      CallStatus: 'in-progress',
    };
    let xml = await this.post('/voice', params);
    for (const digits of keys) {
      this.countDial(xml);
      const action = /<Gather[^>]* action="([^"]+)"/.exec(xml)?.[1];
      if (!action) break;
      const path = unescapeXml(action).slice(this.hotline.publicBaseUrl.length);
      xml = await this.post(path, { ...params, Digits: digits });
    }
    this.countDial(xml);
    const record = /<Record[^>]* action="([^"]+)"/.exec(xml)?.[1];
    if (voicemail && record) {
      const sid = `RE${String(this.sequence).padStart(32, '0')}`;
      await this.post(unescapeXml(record).slice(this.hotline.publicBaseUrl.length), {
        ...params,
        RecordingUrl: `https://api.twilio.com/2010-04-01/Accounts/ACbench/Recordings/${sid}`,
        RecordingSid: sid,
        RecordingDuration: '20',
      });
    }
  }

  private countDial(xml: string): void {
    this.tally.legsRung += [...xml.matchAll(/<Number[ >]/g)].length;
  }

  async tick(at: number): Promise<void> {
    await this.clock(at);
    await fetch(`${this.hotline.url}/_local/tick`, { method: 'POST' });
  }

  /**
   * SNS publishes since the last call (reminders, chase notices, voicemail notices, the IVR's SMS), once
   * everything the outbox holds has left it: a text queued by one step is counted with that step, not
   * with whatever is measured next.
   */
  async countOutbox(): Promise<void> {
    await this.hotline.settled();
    const all = this.hotline.outbox.list();
    for (const message of all.slice(this.outboxSeen)) this.tally.snsParts += segments(message.body);
    this.outboxSeen = all.length;
  }

  async openCases(): Promise<number> {
    const { QueryCommand } = await import('@aws-sdk/lib-dynamodb');
    const client = createDocumentClient(process.env.DYNAMODB_ENDPOINT ?? '');
    try {
      const result = await client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: 'due',
          KeyConditionExpression: 'duePk = :pk',
          ExpressionAttributeValues: { ':pk': 'CASES#OPEN' },
        }),
      );
      return result.Count ?? 0;
    } finally {
      client.destroy();
    }
  }
}

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

interface ShapeResult {
  shape: string;
  inbound: number;
  sms: number;
  whatsapp: number;
  sns: number;
  legsRung: number;
  openCases?: number | undefined;
  usd: number;
}

/** One runtime for every shape (handlers read their configuration once per process, as in Lambda); each shape runs on its own simulated weekday, with its own numbers. */
async function shape(
  runtime: Runtime,
  day: number,
  name: string,
  inbound: number,
  run: (runtime: Runtime, start: number) => Promise<void>,
  price: Prices,
): Promise<ShapeResult> {
  // Wednesdays, a week apart: the volunteer is on shift at noon, and no hour's counters are shared.
  const start = START + day * 7 * 86_400_000;
  await runtime.clock(start);
  await runtime.countOutbox();
  Object.assign(runtime.tally, empty());
  const before = await runtime.openCases();
  await run(runtime, start);
  await runtime.countOutbox();
  const { tally } = runtime;
  const open = name.includes('withheld') ? (await runtime.openCases()) - before : undefined;
  return {
    shape: name,
    inbound,
    sms: tally.smsSegments,
    whatsapp: tally.whatsappMessages,
    sns: tally.snsParts,
    legsRung: tally.legsRung,
    openCases: open,
    usd: round(
      tally.smsSegments * price.sms + tally.whatsappMessages * price.whatsapp + tally.snsParts * price.sns,
    ),
  };
}

/**
 * 200 calls over an hour, one every 18 s: `from(i)` and `keys(i)` for the i-th. With `chase`, the case
 * chase runs every third call and every 5 minutes for the hour after, as EventBridge would run it.
 */
async function callsOverAnHour(
  r: Runtime,
  start: number,
  from: (i: number) => string,
  keys: (i: number) => readonly string[],
  options: { voicemail?: boolean; chase?: boolean } = {},
): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const at = start + i * 18_000;
    await r.clock(at);
    await r.call(from(i), keys(i), options.voicemail === true);
    if (options.chase && i % 3 === 2) await r.tick(at + 1000);
  }
  if (options.chase) for (let minute = 61; minute <= 120; minute += 5) await r.tick(start + minute * 60_000);
}

/** Russian, set my entry date, 20.11.2026, confirm: the hotline texts the code (the language menu first). */
const ASK_FOR_A_CODE = ['2', '3', '20112026', '1'];

async function main() {
  const price = prices();
  const dynamo = await startDynamoDbLocal({ port: await freePort() });
  process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;
  const tableName = 'abuse';
  const hotline = await startLocalHotline({ dynamoEndpoint: dynamo.endpoint, port: 0, tableName });
  const runtime = new Runtime(hotline, tableName);
  const roster = parseRoster([
    {
      volunteerId: 'aida',
      name: 'Aida',
      phone: VOLUNTEER,
      languages: ['ru', 'ky'],
      shifts: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '18:00' }],
    },
    {
      volunteerId: 'nurlan',
      name: 'Nurlan',
      phone: '+381600009002',
      languages: ['ky', 'ru'],
      coordinator: true,
    },
  ]);
  const client = createDocumentClient(dynamo.endpoint);
  await new DynamoRosterStore(client, tableName).importRoster(roster, { replace: true });
  client.destroy();
  const results: ShapeResult[] = [];
  try {
    results.push(
      await shape(
        runtime,
        0,
        '60 texts in 60 s inside a taken case (WhatsApp caller, SMS volunteer)',
        60,
        async (r, start) => {
          const caller = 'whatsapp:+996700900001';
          const asked = await r.text(caller, 'мне нужен оператор');
          const opened = /\b[1-9]\d{5}\b/.exec(asked)?.[0];
          const xml = await r.text(VOLUNTEER, `TAKE ${opened ?? ''}`);
          if (!opened || !xml.includes(opened)) throw new Error('the case was not opened and taken');
          // Only what the flood itself causes is counted.
          Object.assign(r.tally, empty());
          await r.countOutbox();
          Object.assign(r.tally, empty());
          for (let i = 0; i < 60; i++) {
            await r.clock(start + 60_000 + i * 1000);
            await r.text(caller, `сообщение номер ${i}`);
          }
          for (let minute = 2; minute <= 12; minute++) await r.tick(start + minute * 60_000);
        },
        price,
      ),
    );
    results.push(
      await shape(
        runtime,
        1,
        '60 texts nobody understands, one a second, from one number',
        60,
        async (r, start) => {
          for (let i = 0; i < 60; i++) {
            await r.clock(start + i * 1000);
            await r.text('+381640900002', `qwzx ${i} ффыв`);
          }
        },
        price,
      ),
    );
    results.push(
      await shape(
        runtime,
        10,
        '60 texts nobody understands, one every 61 s (a person’s pace), from one number',
        60,
        async (r, start) => {
          for (let i = 0; i < 60; i++) {
            await r.clock(start + i * 61_000);
            await r.text('+381640900003', `qwzx ${i} ффыв`);
          }
        },
        price,
      ),
    );
    results.push(
      await shape(
        runtime,
        2,
        '200 calls from a withheld number asking for a person, over an hour (chase running)',
        200,
        (r, start) =>
          callsOverAnHour(
            r,
            start,
            () => '+266696687',
            () => ['2', '4'],
            { chase: true },
          ),
        price,
      ),
    );
    results.push(
      await shape(
        runtime,
        9,
        '200 calls from a withheld number, each leaving a 20 s voicemail, over an hour (chase running)',
        200,
        (r, start) =>
          callsOverAnHour(
            r,
            start,
            () => '+266696687',
            () => ['2', '4'],
            { chase: true, voicemail: true },
          ),
        price,
      ),
    );
    results.push(
      await shape(
        runtime,
        3,
        '200 IVR SMS requests from one shown number, over an hour',
        200,
        // The language is remembered after the first call: the later ones open on the main menu.
        (r, start) =>
          callsOverAnHour(
            r,
            start,
            () => '+381640900003',
            (i) => (i === 0 ? ASK_FOR_A_CODE : ASK_FOR_A_CODE.slice(1)),
          ),
        price,
      ),
    );
    results.push(
      await shape(
        runtime,
        4,
        '200 IVR SMS requests from 200 forged Serbian numbers, over an hour',
        200,
        (r, start) =>
          callsOverAnHour(
            r,
            start,
            (i) => `+38164${String(1_000_000 + i)}`,
            () => ASK_FOR_A_CODE,
          ),
        price,
      ),
    );
    results.push(
      await shape(
        runtime,
        5,
        '200 IVR SMS requests from 200 forged foreign numbers (+44, +1), over an hour',
        200,
        (r, start) =>
          callsOverAnHour(
            r,
            start,
            (i) => (i % 2 ? `+44770${String(9_000_000 + i)}` : `+1202${String(5_550_000 + i)}`),
            () => ASK_FOR_A_CODE,
          ),
        price,
      ),
    );
  } finally {
    await hotline.stop();
    await dynamo.stop();
  }

  const written = {
    measuredAt: new Date().toISOString(),
    // The country list as one string: the file stays as biome formats it.
    limits: { ...DEFAULT_LIMITS, allowedCountryCodes: DEFAULT_LIMITS.allowedCountryCodes.join(',') },
    prices: price,
    shapes: results,
  };
  writeFileSync(join(BENCH_OUT, 'abuse.json'), `${JSON.stringify(written, null, 2)}\n`);
  const section = [
    HEADING,
    '',
    `Measured by \`npx tsx bench/abuse.ts\` (part of \`npm run bench\`) with the deployment's default limits (README, "Limits"), against the local runtime on a simulated clock. Every text the hotline sent is counted where it left (TwiML \`<Message>\` or the SNS stand-in) and priced at \`bench/prices.json\`: SMS ${price.sms} USD a segment, WhatsApp ${Number(price.whatsapp.toFixed(4))} USD a message, SNS ${price.sns} USD a part. Goal: less than 1 USD per flood.`,
    '',
    '| flood | texts or calls in | SMS segments out | WhatsApp out | SNS parts out | volunteer phones rung | cost (USD) |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...results.map(
      (r) =>
        `| ${r.shape}${r.openCases !== undefined ? ` (${r.openCases} cases open after)` : ''} | ${r.inbound} | ${r.sms} | ${r.whatsapp} | ${r.sns} | ${r.legsRung} | ${r.usd.toFixed(2)}${r.usd < 1 ? '' : ' ⚠'} |`,
    ),
    '',
    'A rung phone that nobody answers costs nothing; one answered is billed per minute like any transferred call.',
  ];
  const resultsPath = join(BENCH_OUT, 'RESULTS.md');
  let document = '';
  try {
    document = readFileSync(resultsPath, 'utf8');
  } catch {
    document = '# Benchmark results\n';
  }
  writeFileSync(resultsPath, replaceSection(document, HEADING, section));
  process.stdout.write(`${section.join('\n')}\n\nWrote bench/.out/abuse.json and bench/.out/RESULTS.md.\n`);
}

await main();
