// The volunteer relay (issue #6), measured: scripted cases through the local runtime (signed webhooks,
// the real SMS and voice handlers), with the sample roster in DynamoDB Local and a counting proxy in
// front of it that tells roster reads apart.
//   npx tsx bench/volunteers.ts          prints the tables
//   npx tsx bench/volunteers.ts --json   what bench/run.ts reads (its own process: handlers read their
//                                        configuration once per process, as in Lambda)
// The local runtime reads the roster on every request (ROSTER_CACHE_SECONDS=0); a Lambda container keeps
// it for 60 s, so each step is reported both as measured and without the roster queries.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SegmentedMessage } from 'sms-segments-calculator';
import { localDynamoDbClient, startDynamoDbLocal } from '../local/dynamodb-local.js';
import { startLocalHotline } from '../local/hotline.js';
import { rosterKeys } from '../shared/adapters/dynamodb/keys.js';
import { DynamoRosterStore } from '../shared/adapters/dynamodb/roster-store.js';
import { twilioSignature } from '../shared/adapters/twilio/signature.js';
import { parseRoster, type Volunteer } from '../shared/volunteers/volunteer.js';
import { countingProxy, freePort, round } from './support.js';

const ROOT = resolve(import.meta.dirname, '..');
const ROSTER_FILE = 'local/roster.sample.json';
const HOTLINE = '+381110000000';
/** Wednesday 25 November 2026, 12:00 in Belgrade: the sample roster's weekday volunteers are on shift. */
const CLOCK = '2026-11-25T11:00:00.000Z';
const CASES = Number(process.env.BENCH_VOLUNTEER_CASES ?? 20);
const RECORDING =
  'https://api.twilio.com/2010-04-01/Accounts/ACbench/Recordings/RE0123456789abcdef0123456789abcd';

const SMS_STEPS = {
  open: 'caller opens a case (ADAM / ЧЕЛОВЕК + words)',
  take: 'volunteer TAKE',
  relay: 'caller message relayed to the volunteer',
  reply: 'volunteer reply R (relayed to the caller)',
  note: 'volunteer NOTE',
  list: 'volunteer LIST',
  close: 'volunteer CLOSE',
  after: 'caller message after close',
} as const;

const VOICE_STEPS = {
  dial: 'IVR key 4: case opened, `<Dial>` to the volunteers on shift',
  whisper: 'whisper to the volunteer who picks up',
  accept: 'whisper-accept 1 (takes the case)',
  connected: 'dial-done, call completed',
  unanswered: 'dial-done, nobody answered (voicemail offered)',
  voicemail: 'voicemail saved (link texted to volunteers by SNS)',
} as const;

/** The same cases worked in the console by volunteers who chose short pings (consoleOnly). */
const CONSOLE_STEPS = {
  open: 'caller opens a case (volunteers told without the words)',
  take: 'console: take',
  relay: 'caller message: a short ping to the volunteer',
  reply: 'console: reply (to the caller from the hotline number, through the outbox)',
  poll_list: 'console: the case list (polled every 5 s)',
  poll_case: 'console: the open case (polled every 4 s)',
  close: 'console: close',
} as const;

type SmsStep = keyof typeof SMS_STEPS;
type VoiceStep = keyof typeof VOICE_STEPS;
type ConsoleStep = `console_${keyof typeof CONSOLE_STEPS}`;
const CONSOLE_LABELS = Object.fromEntries(
  Object.entries(CONSOLE_STEPS).map(([step, label]) => [`console_${step}`, label]),
) as Record<ConsoleStep, string>;

/** Median (the mean of the two middle values for an even count) and maximum. */
export interface Spread {
  median: number;
  max: number;
}

export interface VolunteerStepRow {
  step: string;
  label: string;
  samples: number;
  /** DynamoDB requests as measured locally (roster read on every request). */
  requests: Spread;
  /** The same without the roster queries: a warm Lambda container within its 60 s roster cache. */
  withoutRoster: Spread;
  rosterQueries: Spread;
  byOperation: Record<string, number>;
  /** `<Message>` elements of the TwiML reply: outbound texts, to the sender and to others. */
  messages: Spread;
  /** SMS segments of all those messages together. */
  segments: Spread;
  /** Texts sent through the outbox (outside the TwiML reply: Twilio's Messages API or SNS) during the step. */
  snsTexts: Spread;
}

export interface VolunteerResults {
  cases: number;
  calls: number;
  clock: string;
  roster: { file: string; volunteers: number };
  rosterCacheSecondsLocal: number;
  sms: VolunteerStepRow[];
  /** The text telling volunteers of a new case (from the open step, one per volunteer told). */
  notice: { texts: number; perCase: Spread; segments: Spread };
  voice: VolunteerStepRow[];
  /**
   * The same cases worked in the console (steps `console_*`): `messages` counts every text the step sent
   * (the TwiML answer's and the outbox's), `snsTexts` those outside the TwiML answer.
   */
  console: VolunteerStepRow[];
}

interface Sample {
  step: string;
  total: number;
  roster: number;
  operations: Record<string, number>;
  messages: number;
  segments: number;
  sns: number;
}

/** A Query whose key condition names the `ROSTER` partition. */
export function isRosterQuery(operation: string, body: string): boolean {
  if (operation !== 'Query') return false;
  try {
    const input = JSON.parse(body) as {
      KeyConditionExpression?: string;
      ExpressionAttributeValues?: Record<string, { S?: string }>;
    };
    const condition = input.KeyConditionExpression ?? '';
    return Object.entries(input.ExpressionAttributeValues ?? {}).some(
      ([name, value]) => value.S === rosterKeys.partition && condition.includes(name),
    );
  } catch {
    return false;
  }
}

interface Sent {
  to?: string;
  body: string;
}

/** The `<Message>`s of a messaging reply, with their `to` when addressed to someone else. */
function messagesOf(xml: string): Sent[] {
  return [...xml.matchAll(/<Message(\s[^>]*)?>([\s\S]*?)<\/Message>/g)].map((match) => {
    const to = /\bto="([^"]*)"/.exec(match[1] ?? '')?.[1];
    return { ...(to ? { to: unescapeXml(to) } : {}), body: unescapeXml(match[2] ?? '') };
  });
}

/** Attributes of every `<name …>` element of a voice reply, with its text. */
function elementsOf(xml: string, name: string): { attributes: Record<string, string>; text: string }[] {
  return [
    ...xml.matchAll(new RegExp(`<${name}((?:\\s+[\\w:-]+="[^"]*")*)\\s*(?:/>|>([\\s\\S]*?)</${name}>)`, 'g')),
  ].map((match) => ({
    attributes: Object.fromEntries(
      [...(match[1] ?? '').matchAll(/([\w:-]+)="([^"]*)"/g)].map((a) => [
        a[1] ?? '',
        unescapeXml(a[2] ?? ''),
      ]),
    ),
    text: unescapeXml(match[2] ?? ''),
  }));
}

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

const segmentsOf = (text: string) => new SegmentedMessage(text).segmentsCount;

function spread(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return { median: 0, max: 0 };
  const middle = sorted.length / 2;
  const median = Number.isInteger(middle)
    ? ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2
    : (sorted[Math.floor(middle)] ?? 0);
  return { median: round(median), max: sorted[sorted.length - 1] ?? 0 };
}

function rows(labels: Record<string, string>, samples: readonly Sample[]): VolunteerStepRow[] {
  return Object.entries(labels).map(([step, label]) => {
    const group = samples.filter((sample) => sample.step === step);
    const byOperation: Record<string, number> = {};
    for (const sample of group)
      for (const [op, n] of Object.entries(sample.operations)) byOperation[op] = (byOperation[op] ?? 0) + n;
    return {
      step,
      label,
      samples: group.length,
      requests: spread(group.map((s) => s.total)),
      withoutRoster: spread(group.map((s) => s.total - s.roster)),
      rosterQueries: spread(group.map((s) => s.roster)),
      byOperation,
      messages: spread(group.map((s) => s.messages)),
      segments: spread(group.map((s) => s.segments)),
      snsTexts: spread(group.map((s) => s.sns)),
    };
  });
}

/** What callers and their volunteer write, in turn: ky callers ask with ADAM, ru callers with ЧЕЛОВЕК. */
const CALLER_WORDS = {
  ky: {
    choose: '1',
    open: [
      'ADAM айлыгымды бербей жатышат',
      'ADAM кожоюнум паспортумду алып койду, эмне кылам?',
      'ADAM',
      'ADAM полиция токтотту, документтерим жок',
    ],
    relay: 'Мен Суботицада турам, курулушта иштейм',
    reply: 'Саламатсызбы! Кайсы шаарда иштейсиз? Эртең 10:00дө чалам.',
    note: 'айлык 2 ай, Суботица, эртең чалуу',
    after: 'рахмат',
  },
  ru: {
    choose: '2',
    open: [
      'ЧЕЛОВЕК работодатель не платит зарплату два месяца',
      'ЧЕЛОВЕК',
      'ЧЕЛОВЕК забрали паспорт, что делать?',
      'ЧЕЛОВЕК нужна помощь с разрешением на работу',
    ],
    relay: 'Я в Нови-Саде, работаю на стройке',
    reply: 'Здравствуйте! В каком городе вы работаете? Позвоню завтра в 10:00.',
    note: 'зарплата 2 мес., Нови-Сад, позвонить завтра',
    after: 'спасибо',
  },
} as const;

export async function measureVolunteers(cases = CASES): Promise<VolunteerResults> {
  const file = JSON.parse(readFileSync(join(ROOT, ROSTER_FILE), 'utf8')) as { volunteers?: unknown };
  const roster = parseRoster(file.volunteers);
  // The sample roster's PINs, in the clear in the file (public by design); the table keeps their hashes.
  const pins = new Map(
    ((file.volunteers ?? []) as { phone?: string; pin?: string }[]).map((v) => [v.phone, v.pin] as const),
  );
  const pinOf = (phone: string) => (pins.get(phone) ? ` ${pins.get(phone)}` : '');
  const dynamo = await startDynamoDbLocal({ port: await freePort() });
  const proxy = await countingProxy(dynamo.endpoint, {
    classify: (operation, body) => (isRosterQuery(operation, body) ? 'roster' : undefined),
  });
  const hotline = await startLocalHotline({
    dynamoEndpoint: proxy.endpoint,
    // The outbox drain reads the stream past the proxy: in AWS that is the outbox function's, not the webhook's.
    drainEndpoint: dynamo.endpoint,
    port: 0,
    tableName: 'bench-volunteers',
  });
  // Written straight to DynamoDB Local, not through the proxy: setting up is not measured.
  const seed = DynamoDBDocumentClient.from(localDynamoDbClient(dynamo.endpoint), {
    marshallOptions: { removeUndefinedValues: true },
  });
  await new DynamoRosterStore(seed, hotline.tableName).importRoster(roster, { replace: true });
  seed.destroy();
  await fetch(`${hotline.url}/_local/clock`, { method: 'POST', body: JSON.stringify({ now: CLOCK }) });

  const post = async (path: string, params: Record<string, string>): Promise<string> => {
    const signature = twilioSignature(hotline.authToken, `${hotline.publicBaseUrl}${path}`, params);
    const response = await fetch(`${hotline.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
      body: new URLSearchParams(params).toString(),
    });
    if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
    return response.text();
  };
  const samples: Sample[] = [];
  /** Posts one request and records what it cost; `step` undefined: setting up, not recorded. */
  const measured = async (
    step: SmsStep | VoiceStep | ConsoleStep | undefined,
    path: string,
    params: Record<string, string>,
  ) => {
    const sentBefore = hotline.outbox.list().length;
    proxy.reset();
    const xml = await post(path, params);
    // Texts to anyone but the sender leave through the outbox (Twilio's Messages API from the hotline
    // number, or SNS): counted once the drain has sent them, with the drain's own claim and delete.
    await hotline.settled();
    const queued = hotline.outbox.list().slice(sentBefore);
    const inline = messagesOf(xml);
    if (step) {
      samples.push({
        step,
        total: proxy.total(),
        roster: proxy.labelled().roster ?? 0,
        operations: proxy.snapshot(),
        messages: inline.length + queued.length,
        segments: [...inline, ...queued].reduce((sum, m) => sum + segmentsOf(m.body), 0),
        sns: queued.length,
      });
    }
    const messages: Sent[] = [...inline, ...queued.map((m) => ({ to: m.to, body: m.body }))];
    return { xml, messages };
  };

  /** One console request with a volunteer's session, as the page makes it; what it cost is recorded. */
  const consoleRequest = async (
    step: ConsoleStep | undefined,
    path: string,
    cookie: string,
    body?: unknown,
  ): Promise<Record<string, unknown>> => {
    const sentBefore = hotline.outbox.list().length;
    proxy.reset();
    const response = await fetch(`${hotline.url}/console/api${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        cookie,
        ...(body === undefined ? {} : { 'content-type': 'application/json', origin: hotline.url }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (response.status !== 200) throw new Error(`console ${path} answered ${response.status}`);
    const answer = (await response.json()) as Record<string, unknown>;
    // What the request queued has left (the outbox drains after the answer, as the stream does).
    await hotline.settled();
    const sent = hotline.outbox.list().slice(sentBefore);
    if (step) {
      samples.push({
        step,
        total: proxy.total(),
        roster: proxy.labelled().roster ?? 0,
        operations: proxy.snapshot(),
        messages: sent.length,
        segments: sent.reduce((sum, m) => sum + segmentsOf(m.body), 0),
        sns: sent.length,
      });
    }
    return answer;
  };
  /** Signs a volunteer in with the code texted to their phone (not measured). */
  const signIn = async (phone: string): Promise<string> => {
    const post = (path: string, body: unknown) =>
      fetch(`${hotline.url}/console/api${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: hotline.url },
        body: JSON.stringify(body),
      });
    await post('/sign-in', { phone });
    await hotline.settled();
    const texts = hotline.outbox.list().filter((m) => m.to === phone && /\b\d{6}\b/.test(m.body));
    const code = /\b(\d{6})\b/.exec(texts[texts.length - 1]?.body ?? '')?.[1];
    const verified = await post('/sign-in/verify', { phone, code });
    const cookie = verified.headers.getSetCookie()[0]?.split(';')[0];
    if (verified.status !== 200 || !cookie)
      throw new Error(`console sign-in for a volunteer: ${verified.status}`);
    return cookie;
  };

  let sequence = 0;
  const sms = (step: SmsStep | ConsoleStep | undefined, from: string, body: string) =>
    measured(step, '/sms', {
      MessageSid: `SMbenchvol${++sequence}`,
      AccountSid: 'ACbench',
      From: from,
      To: HOTLINE,
      Body: body,
    });
  const phoneOf = (volunteer: Volunteer | undefined) => {
    if (!volunteer) throw new Error('no volunteer on shift to take the case');
    return volunteer.phone;
  };
  const codeIn = (text: string) => {
    const code = /\b([1-9]\d{5})\b/.exec(text)?.[1];
    if (!code) throw new Error(`no case code in "${text}"`);
    return code;
  };

  const notices: { perCase: number[]; segments: number[] } = { perCase: [], segments: [] };
  let calls = 0;
  try {
    for (let n = 0; n < cases; n++) {
      const language = n % 2 === 0 ? 'ky' : 'ru';
      const words = CALLER_WORDS[language];
      const caller = `${language === 'ky' ? '+996' : '+381'}7${String(++sequence).padStart(8, '0')}`;
      await sms(undefined, caller, words.choose); // the welcome, the language chosen: not measured
      const opened = await sms('open', caller, words.open[n % words.open.length] ?? 'ADAM');
      const code = codeIn(opened.messages.find((m) => !m.to)?.body ?? '');
      const told = opened.messages.filter((m) => m.to);
      notices.perCase.push(told.length);
      notices.segments.push(...told.map((m) => segmentsOf(m.body)));
      // The volunteers told take turns taking the case.
      const taker = phoneOf(
        roster.find((v) => v.phone === told[Math.floor(n / 2) % Math.max(1, told.length)]?.to),
      );
      // With the taker's PIN, as a volunteer with one must (without it TAKE is refused and nothing is taken).
      await sms('take', taker, `TAKE ${code}${pinOf(taker)}`);
      await sms('relay', caller, words.relay);
      await sms('reply', taker, `R ${code} ${words.reply}`);
      await sms('note', taker, `NOTE ${code} ${words.note}`);
      await sms('list', taker, 'LIST');
      await sms('close', taker, `CLOSE ${code}`);
      await sms('after', caller, words.after);

      // By phone: a new caller presses 4; one call is answered, the next goes to voicemail.
      const from = `${language === 'ky' ? '+996' : '+381'}7${String(++sequence).padStart(8, '0')}`;
      const callParams = {
        CallSid: `CAbenchvol${++sequence}`,
        AccountSid: 'ACbench',
        From: from,
        To: HOTLINE,
      };
      calls++;
      const actionOf = (xml: string) => {
        const action = elementsOf(xml, 'Gather')[0]?.attributes.action;
        if (!action) throw new Error('the call has no <Gather>');
        return action.slice(hotline.publicBaseUrl.length);
      };
      const menu = await measured(undefined, '/voice', { ...callParams, CallStatus: 'ringing' });
      const main = await measured(undefined, actionOf(menu.xml), { ...callParams, Digits: words.choose });
      const dialled = await measured('dial', actionOf(main.xml), { ...callParams, Digits: '4' });
      const dial = elementsOf(dialled.xml, 'Dial')[0];
      const number = elementsOf(dialled.xml, 'Number')[0];
      if (!dial?.attributes.action || !number?.attributes.url) throw new Error('key 4 gave no <Dial>');
      const path = (url: string) => url.slice(hotline.publicBaseUrl.length);
      if (n % 2 === 0) {
        const leg = {
          CallSid: `CAbenchvol${++sequence}`,
          AccountSid: 'ACbench',
          From: HOTLINE,
          To: number.text,
        };
        const whispered = await measured('whisper', path(number.attributes.url), leg);
        const accept = elementsOf(whispered.xml, 'Gather')[0]?.attributes.action;
        if (!accept) throw new Error('the whisper has no <Gather>');
        await measured('accept', path(accept), { ...leg, Digits: '1' });
        await measured('connected', path(dial.attributes.action), {
          ...callParams,
          DialCallStatus: 'completed',
        });
      } else {
        const offered = await measured('unanswered', path(dial.attributes.action), {
          ...callParams,
          DialCallStatus: 'no-answer',
        });
        const record = elementsOf(offered.xml, 'Record')[0]?.attributes.action;
        if (!record) throw new Error('no voicemail offered');
        await measured('voicemail', path(record), {
          ...callParams,
          RecordingUrl: RECORDING,
          RecordingDuration: '42',
        });
      }
    }

    // The same cases again, worked in the console by volunteers who chose short pings on their phones.
    const consoleSeed = DynamoDBDocumentClient.from(localDynamoDbClient(dynamo.endpoint), {
      marshallOptions: { removeUndefinedValues: true },
    });
    await new DynamoRosterStore(consoleSeed, hotline.tableName).importRoster(
      roster.map((v) => ({ ...v, consoleOnly: true })),
      { replace: true },
    );
    consoleSeed.destroy();
    const sessions = new Map<string, string>();
    for (const volunteer of roster.filter((v) => v.active))
      sessions.set(volunteer.phone, await signIn(volunteer.phone));
    for (let n = 0; n < cases; n++) {
      const language = n % 2 === 0 ? 'ky' : 'ru';
      const words = CALLER_WORDS[language];
      const caller = `${language === 'ky' ? '+996' : '+381'}7${String(++sequence).padStart(8, '0')}`;
      await sms(undefined, caller, words.choose);
      const opened = await sms('console_open', caller, words.open[n % words.open.length] ?? 'ADAM');
      const code = codeIn(opened.messages.find((m) => !m.to)?.body ?? '');
      const told = opened.messages.filter((m) => m.to);
      const taker = told[Math.floor(n / 2) % Math.max(1, told.length)]?.to ?? '';
      const cookie = sessions.get(taker);
      if (!cookie) throw new Error('the volunteer told has no console session');
      await consoleRequest('console_take', `/cases/${code}/take`, cookie, {});
      await sms('console_relay', caller, words.relay);
      await consoleRequest('console_reply', `/cases/${code}/reply`, cookie, { text: words.reply });
      await consoleRequest('console_poll_list', '/cases', cookie);
      await consoleRequest('console_poll_case', `/cases/${code}`, cookie);
      await consoleRequest('console_close', `/cases/${code}/close`, cookie, {});
    }
  } finally {
    await hotline.stop();
    await proxy.close();
    await dynamo.stop();
  }

  return {
    cases,
    calls,
    clock: CLOCK,
    roster: { file: ROSTER_FILE, volunteers: roster.length },
    rosterCacheSecondsLocal: Number(process.env.ROSTER_CACHE_SECONDS ?? 0),
    sms: rows(SMS_STEPS, samples),
    notice: {
      texts: notices.segments.length,
      perCase: spread(notices.perCase),
      segments: spread(notices.segments),
    },
    voice: rows(VOICE_STEPS, samples),
    console: rows(CONSOLE_LABELS, samples),
  };
}

const cell = (s: Spread) => `${s.median} (${s.max})`;

export function volunteersMarkdown(results: VolunteerResults): string[] {
  const table = (
    title: string,
    list: readonly VolunteerStepRow[],
    texts: { heading: string; of: (row: VolunteerStepRow) => Spread },
  ) => [
    `| ${title} | samples | DynamoDB requests: median (max) | without the roster query | ${texts.heading} | SMS segments |`,
    '| --- | --- | --- | --- | --- | --- |',
    ...list.map(
      (row) =>
        `| ${row.label} | ${row.samples} | ${cell(row.requests)} | ${cell(row.withoutRoster)} | ${cell(texts.of(row))} | ${cell(row.segments)} |`,
    ),
  ];
  return [
    '## Volunteer relay',
    '',
    `${results.cases} scripted cases (ky and ru callers in turn) with the ${results.roster.volunteers} volunteers of \`${results.roster.file}\`, clock at ${results.clock} (a weekday noon in Belgrade), and ${results.calls} calls pressing 4 (every other one answered, the others to voicemail). Locally the roster is read on every request (ROSTER_CACHE_SECONDS=${results.rosterCacheSecondsLocal}); in Lambda a container keeps it for 60 s, so the column without the roster query (a Query on the \`ROSTER\` partition, counted on the wire) is the warm-container figure. Segments: all outbound texts of the step together.`,
    '',
    ...table('SMS step', results.sms, {
      heading: 'texts sent (TwiML and outbox)',
      of: (row) => row.messages,
    }),
    '',
    `Notice to volunteers of a new case: ${cell(results.notice.perCase)} volunteers told per case, ${results.notice.texts} texts, ${cell(results.notice.segments)} SMS segments each (median (max)).`,
    '',
    ...table('voice step', results.voice, {
      heading: 'texts outside the TwiML answer',
      of: (row) => row.snsTexts,
    }),
    '',
    'The same cases worked in the console (`/console`) by volunteers who chose short pings on their phones: the caller still texts, the volunteer takes, answers and closes in the browser. Texts: every text the step sent, in the TwiML answer or through the outbox.',
    '',
    ...table('console step', results.console ?? [], { heading: 'texts sent', of: (row) => row.messages }),
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  process.env.LOG_LEVEL = 'warn';
  const results = await measureVolunteers();
  process.stdout.write(
    process.argv.includes('--json') ? JSON.stringify(results) : `${volunteersMarkdown(results).join('\n')}\n`,
  );
}
