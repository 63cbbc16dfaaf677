// `npx tsx bench/costs.ts` (the last step of `npm run bench`): operating costs per 1,000 conversations.
// Reads what the benchmark measured (bench/.out/results.json, bench/.out/reminders-results.json) and the unit
// prices (bench/prices.json), prices a few conversation profiles on each channel, and writes
// bench/.out/costs.json, the "Costs per 1,000 conversations" section of bench/.out/RESULTS.md (replaced; the
// rest of the file is kept) and bench/.out/costs-tables.md, which `npm run docs:refresh` puts between the
// markers in docs/costs.md.
// Counts of requests, texts and segments come from the benchmark (reminder segments from the message
// catalogue, measured here with the same calculator). The prices, the request-unit conversion and the
// Lambda duration are assumptions, named below; nothing here is a timing.
// The text profiles are priced on every text channel (SMS through Twilio, WhatsApp, Telegram, the NGO's
// Serbian SIM), with what the NGO pays per 1,000 conversations and, apart, what the caller pays per
// conversation; the SIM's monthly plan is a fixed cost, shown apart. Voice profiles are one channel.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SegmentedMessage } from 'sms-segments-calculator';
import { localDateIn } from '../shared/deadlines/calendar.js';
import { parseLocalDate, planReminders } from '../shared/deadlines/index.js';
import type { Language } from '../shared/messages/catalogue.js';
import { reminderText } from '../shared/reminders/reminder-text.js';
import { DEFAULT_SWEEP_SETTINGS } from '../shared/reminders/sweep.js';
import { BENCH_OUT } from './support.js';
import type { VoiceStepRow } from './voice.js';
import type { VolunteerResults, VolunteerStepRow } from './volunteers.js';

const ROOT = resolve(import.meta.dirname, '..');
const HEADING = '## Costs per 1,000 conversations';

// ---- Inputs -------------------------------------------------------------------------------------------

interface Price {
  usd: number;
  per: string;
  basis: string;
  source: string;
  note?: string;
}

const PRICE_NAMES = [
  'twilioSmsInboundPerSegment',
  'twilioSmsOutboundSerbiaPerSegment',
  'twilioWhatsAppPerMessage',
  'metaWhatsAppServiceMessage',
  'telegramBotApiPerMessage',
  'serbianSimOutboundPerText',
  'serbianSimPlanPerMonth',
  'serbianSimPhoneOneOff',
  'snsSmsSerbiaPerPart',
  'twilioVoiceInboundLocalPerMinute',
  'twilioVoiceOutboundSerbiaMobilePerMinute',
  'dynamodbWriteRequestUnitPerMillion',
  'dynamodbReadRequestUnitPerMillion',
  'apiGatewayHttpApiPerMillion',
  'lambdaArm64PerGbSecond',
  'lambdaPerMillionRequests',
  'callerInternationalSmsPerText',
  'callerDomesticSmsPerText',
  'callerMobileDataPerMessage',
] as const;
type PriceName = (typeof PRICE_NAMES)[number];

interface PriceFile {
  checkedOn: string;
  currency: string;
  /** How amounts quoted in EUR or RSD were converted to USD (in words). */
  exchangeRates?: string;
  prices: Record<PriceName, Price>;
}

interface SmsRequests {
  label: string;
  messages: number;
  byOperation: Record<string, number>;
}

interface SegmentsPerReply {
  reader: string;
  replies: number;
  mean: number;
}

interface Results {
  measuredAt: string;
  dynamoRequestsPerSms: SmsRequests[];
  segmentsPerReply: SegmentsPerReply[];
  voiceSteps: VoiceStepRow[];
  volunteers: VolunteerResults;
}

interface ReminderRow {
  scenario: string;
  sent: number;
  readUnits: number;
  writeUnits: number;
}

interface ReminderResults {
  measuredAt: string;
  rows: ReminderRow[];
}

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(join(ROOT, path), 'utf8')) as T;
}

function readPrices(): PriceFile {
  const file = readJson<PriceFile>('bench/prices.json');
  for (const name of PRICE_NAMES) {
    const price = file.prices?.[name];
    if (!price || typeof price.usd !== 'number' || !price.source) {
      throw new Error(`bench/prices.json: "${name}" needs a number "usd" and a "source"`);
    }
  }
  return file;
}

/** The `memorySize` a CDK file gives its function(s): the webhooks' in the stack, the sweep's in its construct. */
function memoryMbIn(path: string): number {
  const sizes = [...readFileSync(join(ROOT, path), 'utf8').matchAll(/memorySize:\s*(\d+)/g)].map((m) =>
    Number(m[1]),
  );
  const [first] = sizes;
  if (first === undefined || sizes.some((size) => size !== first)) {
    throw new Error(`${path}: expected one memorySize, found ${sizes.join(', ') || 'none'}`);
  }
  return first;
}

// ---- Assumptions --------------------------------------------------------------------------------------

/**
 * Request units per DynamoDB request, by operation, as counted on the wire by the benchmark. Conservative:
 * every item under 1 KB (under 4 KB for reads), every read strongly consistent (the code reads that way),
 * every write to an item that also has a copy in the `due` index (reminders, open cases) paying for it.
 */
const UNITS_PER_REQUEST: Record<string, { rru: number; wru: number; assumption: string }> = {
  GetItem: { rru: 1, wru: 0, assumption: 'one item, strongly consistent: 1 RRU' },
  BatchGetItem: {
    rru: 4,
    wru: 0,
    assumption:
      'up to 4 keys, strongly consistent (a caller: profile, handled message, erasure marker, block-list entry; a case: case and step): 4 RRU',
  },
  Query: {
    rru: 2,
    wru: 0,
    assumption: 'strongly consistent, up to 8 KB read (a caller partition, the roster, a case trail): 2 RRU',
  },
  PutItem: { rru: 0, wru: 2, assumption: 'one item, plus its copy in the `due` index: 2 WRU' },
  UpdateItem: {
    rru: 0,
    wru: 1,
    assumption: 'a usage counter (shared/limits), under 1 KB, in no index: 1 WRU',
  },
  DeleteItem: { rru: 0, wru: 2, assumption: 'one item, plus its copy in the `due` index: 2 WRU' },
  BatchWriteItem: {
    rru: 0,
    wru: 50,
    assumption: 'a full batch of 25 items, each with an index copy: 50 WRU',
  },
  TransactWriteItems: {
    rru: 0,
    wru: 10,
    assumption:
      '4 items (handled record, profile or case, two more) at 2 WRU each, as a transactional write of N items costs 2N WRU, plus 2 index copies: 10 WRU',
  },
};

/** A stored entry date adds its reminder items to that message's transaction: 2 WRU each, plus the index copy. */
const WRU_PER_REMINDER_ITEM = 3;

/** No duration is measured here: every webhook request is assumed to run 100 ms (billed per 1 ms). */
const ASSUMED_WEBHOOK_MS = 100;

/** A caller's text (a keyword, a date, a short question): one segment. The replies are measured. */
const INBOUND_SEGMENTS_PER_TEXT = 1;

const WEBHOOK_MEMORY_MB = memoryMbIn('infra/hotline-stack.ts');
const SWEEP_MEMORY_MB = memoryMbIn('infra/constructs/reminder-sweep.ts');
/** The sweep holds each reminder at least this long: SNS hand-overs are paced at the deployed rate. */
const SWEEP_MS_PER_REMINDER = 1000 / DEFAULT_SWEEP_SETTINGS.sendRatePerSecond;

/**
 * Telegram and Serbian-SIM replies (and the SMS a Telegram or SIM text causes) leave through the outbox
 * (shared/ports/outbox.ts): one more item in the message's transaction, 2 WRU (a transactional write costs
 * 2 WRU per KB; the item is in no index), and the sender's delete once it is sent, 1 WRU. Not measured.
 */
const OUTBOX_WRU_PER_SEND = 2 + 1;
/**
 * The table's stream invokes the outbox sender once per batch; at a hotline's pace a batch is assumed to
 * hold one message, so one invocation per message sent (an upper bound). Streams reads by a Lambda trigger
 * cost nothing.
 */
const OUTBOX_SENDS_PER_INVOCATION = 1;
/**
 * No duration is measured: each outbox sender invocation is assumed to run 300 ms (one call to the Bot API
 * or the phone), at the webhooks' memory size (the sender is not in infra/ yet).
 */
const ASSUMED_OUTBOX_SENDER_MS = 300;

/**
 * A console case: the volunteer keeps the page open this long while working it, and the page polls the
 * case list every 5 s and the open case every 4 s (functions/console/client/cases.ts). Not measured.
 */
const CONSOLE_MINUTES_PER_CASE = 20;
const CONSOLE_LIST_POLL_SECONDS = 5;
const CONSOLE_CASE_POLL_SECONDS = 4;

// ---- Usage --------------------------------------------------------------------------------------------

/** What one conversation uses; priced below. */
interface Usage {
  smsInSegments: number;
  smsOutSegments: number;
  whatsAppIn: number;
  whatsAppOut: number;
  /** Telegram messages received and sent through the Bot API. */
  telegramIn: number;
  telegramOut: number;
  /** Texts received by the NGO's Serbian SIM, and SMS parts it sends. */
  simIn: number;
  simOutParts: number;
  snsParts: number;
  voiceInMinutes: number;
  voiceOutMinutes: number;
  /** Webhook requests: one API Gateway request and one Lambda invocation each. */
  webhooks: number;
  /** Lambda time outside the webhooks (the reminder sweep). */
  extraGbSeconds: number;
  rru: number;
  wru: number;
  /** Messages sent through the outbox (Telegram, the SIM, SMS caused by a Telegram or SIM text). */
  outboxSends: number;
  /** What the caller pays for: texts to the foreign Twilio number, texts to the SIM, messages over data. */
  callerInternationalTexts: number;
  callerDomesticTexts: number;
  callerDataMessages: number;
}

const NONE: Usage = {
  smsInSegments: 0,
  smsOutSegments: 0,
  whatsAppIn: 0,
  whatsAppOut: 0,
  telegramIn: 0,
  telegramOut: 0,
  simIn: 0,
  simOutParts: 0,
  snsParts: 0,
  voiceInMinutes: 0,
  voiceOutMinutes: 0,
  webhooks: 0,
  extraGbSeconds: 0,
  rru: 0,
  wru: 0,
  outboxSends: 0,
  callerInternationalTexts: 0,
  callerDomesticTexts: 0,
  callerDataMessages: 0,
};

const add = (...parts: Partial<Usage>[]): Usage => {
  const total = { ...NONE };
  for (const part of parts)
    for (const [key, value] of Object.entries(part)) total[key as keyof Usage] += value ?? 0;
  return total;
};

const times = (n: number, usage: Partial<Usage>): Partial<Usage> =>
  Object.fromEntries(Object.entries(usage).map(([key, value]) => [key, (value ?? 0) * n]));

/** Request units of `requests` DynamoDB requests with these operation totals, per request. */
function unitsOf(byOperation: Record<string, number>, requests: number): Partial<Usage> {
  let rru = 0;
  let wru = 0;
  for (const [operation, count] of Object.entries(byOperation)) {
    const units = UNITS_PER_REQUEST[operation];
    if (!units) throw new Error(`No request-unit assumption for DynamoDB ${operation}: add one to costs.ts`);
    rru += units.rru * count;
    wru += units.wru * count;
  }
  return requests > 0 ? { rru: rru / requests, wru: wru / requests } : {};
}

function find<T>(list: readonly T[], test: (item: T) => boolean, what: string): T {
  const found = list.find(test);
  if (!found) throw new Error(`bench/results.json has no ${what}: run \`npm run bench\``);
  return found;
}

// ---- Profiles -----------------------------------------------------------------------------------------

type Channel = 'SMS, Cyrillic' | 'SMS, Latin mode' | 'WhatsApp' | 'Telegram' | 'Serbian SIM' | 'voice';

/** The text channels side by side: SMS through Twilio (the default, Cyrillic), WhatsApp, Telegram, the SIM. */
const TEXT_CHANNELS = ['SMS, Cyrillic', 'WhatsApp', 'Telegram', 'Serbian SIM'] as const satisfies Channel[];
type TextChannel = (typeof TEXT_CHANNELS)[number];

interface Priced {
  profile: string;
  channel: Channel;
  /** What the conversation is billed for, in words. */
  billed: string;
  note?: string;
  usage: Usage;
}

interface Measured {
  results: Results;
  reminders: ReminderResults;
}

/** Mean SMS segments of one reply and one reminder, per script. */
interface Segments {
  cyrillic: number;
  latin: number;
  reminderCyrillic: number;
  reminderLatin: number;
}

function profiles({ results, reminders }: Measured): { rows: Priced[]; segments: Segments } {
  // Mean SMS segments of one reply, over the Kyrgyz and Russian readers of each script (measured).
  const meanSegments = (readers: readonly string[]) => {
    const rows = readers.map((reader) =>
      find(results.segmentsPerReply, (row) => row.reader === reader, `segments for ${reader}`),
    );
    const replies = rows.reduce((sum, row) => sum + row.replies, 0);
    return rows.reduce((sum, row) => sum + row.mean * row.replies, 0) / replies;
  };
  const replySegments = { cyrillic: meanSegments(['ky', 'ru']), latin: meanSegments(['ky-latn', 'ru-latn']) };

  // One ordinary inbound text (keywords, information, dates, STOP…): mean DynamoDB units, measured.
  const ordinary = find(
    results.dynamoRequestsPerSms,
    (row) => row.label.startsWith('ordinary'),
    'ordinary SMS',
  );
  const text: Partial<Usage> = { webhooks: 1, ...unitsOf(ordinary.byOperation, ordinary.messages) };

  // A turn on each text channel: `texts` in from the caller, `replies` out to them.
  // A text to the foreign Twilio number costs the caller an international SMS, one to the SIM a domestic
  // one; WhatsApp and Telegram cost mobile data. Replies cost a caller in Serbia nothing on any channel.
  // Telegram and SIM replies leave through the outbox.
  const turns = (
    channel: TextChannel | 'SMS, Latin mode',
    texts: number,
    replies: number,
  ): Partial<Usage> => {
    switch (channel) {
      case 'SMS, Cyrillic':
      case 'SMS, Latin mode': {
        const perReply = channel === 'SMS, Cyrillic' ? replySegments.cyrillic : replySegments.latin;
        return {
          smsInSegments: texts * INBOUND_SEGMENTS_PER_TEXT,
          smsOutSegments: replies * perReply,
          callerInternationalTexts: texts * INBOUND_SEGMENTS_PER_TEXT,
        };
      }
      case 'WhatsApp':
        return { whatsAppIn: texts, whatsAppOut: replies, callerDataMessages: texts + replies };
      case 'Telegram':
        return {
          telegramIn: texts,
          telegramOut: replies,
          outboxSends: replies,
          callerDataMessages: texts + replies,
        };
      case 'Serbian SIM':
        return {
          simIn: texts,
          simOutParts: replies * replySegments.cyrillic,
          outboxSends: replies,
          callerDomesticTexts: texts * INBOUND_SEGMENTS_PER_TEXT,
        };
    }
  };
  const turnsBilled = (channel: TextChannel | 'SMS, Latin mode', texts: number, replies: number) => {
    switch (channel) {
      case 'SMS, Cyrillic':
        return `${texts} texts in, ${replies} replies (${fmt(replies * replySegments.cyrillic)} segments)`;
      case 'SMS, Latin mode':
        return `${texts} texts in, ${replies} replies (${fmt(replies * replySegments.latin)} segments)`;
      case 'WhatsApp':
        return `${texts} messages in, ${replies} out`;
      case 'Telegram':
        return `${texts} messages in, ${replies} out, through the outbox`;
      case 'Serbian SIM':
        return `${texts} texts in, ${replies} replies (${fmt(replies * replySegments.cyrillic)} parts, in the plan), through the outbox`;
    }
  };
  const textChannels = ['SMS, Cyrillic', 'SMS, Latin mode', 'WhatsApp', 'Telegram', 'Serbian SIM'] as const;

  const rows: Priced[] = [];

  // "information": 3 texts in (menu, a topic, another topic), 3 replies out.
  for (const channel of textChannels) {
    rows.push({
      profile: 'information',
      channel,
      billed: turnsBilled(channel, 3, 3),
      usage: add(times(3, text), turns(channel, 3, 3)),
    });
  }

  // "deadline": 2 texts in and out (the entry date, then "my deadlines"), and the reminders the stored
  // entry date produces later, sent by the sweep through SNS as SMS on every channel (the sweep sends only
  // through SNS).
  // The plan and the texts come from the code: an entry 31 days before the planning day leaves the
  // visa-free reminders (14, 7, 2 days before the last day); the registration window has passed.
  const planned = planReminders({ entry: parseLocalDate('2026-03-01') }, new Date('2026-04-01T10:00:00Z'));
  const reminderSegments = (latin: boolean) => {
    let total = 0;
    for (const language of ['ky', 'ru'] satisfies Language[]) {
      for (const reminder of planned) {
        const today = localDateIn(new Date(reminder.dueAt), 'Europe/Belgrade');
        const body = reminderText(reminder, { phone: '+381600000000', language, latin }, today);
        total += new SegmentedMessage(body).segmentsCount;
      }
    }
    return total / 2; // per caller: the mean of a Kyrgyz and a Russian one
  };
  const segments: Segments = {
    ...replySegments,
    reminderCyrillic: reminderSegments(false) / planned.length,
    reminderLatin: reminderSegments(true) / planned.length,
  };
  // DynamoDB's own consumed capacity per reminder sent (bench/reminders.ts); the largest of its scenarios.
  const perReminder = (of: (row: ReminderRow) => number) =>
    Math.max(...reminders.rows.map((row) => of(row) / row.sent));
  const sweep: Partial<Usage> = {
    rru: planned.length * perReminder((row) => row.readUnits),
    wru: planned.length * (perReminder((row) => row.writeUnits) + WRU_PER_REMINDER_ITEM),
    extraGbSeconds: planned.length * (SWEEP_MS_PER_REMINDER / 1000) * (SWEEP_MEMORY_MB / 1024),
  };
  for (const channel of textChannels) {
    const parts = reminderSegments(channel === 'SMS, Latin mode');
    // Reminders go on the caller's channel (shared/notify/channel-notifier.ts): Telegram costs nothing,
    // the SIM's texts are in its plan (SNS only while its phone is quiet); SMS and WhatsApp callers by SNS.
    const ownChannel = channel === 'Telegram' || channel === 'Serbian SIM';
    rows.push({
      profile: 'deadline',
      channel,
      billed: ownChannel
        ? `${turnsBilled(channel, 2, 2)}; ${planned.length} reminders ${channel === 'Telegram' ? 'on Telegram' : 'through the SIM (in the plan)'}`
        : `${turnsBilled(channel, 2, 2)}; ${planned.length} reminders by SNS (${fmt(parts)} parts)`,
      usage: ownChannel
        ? add(times(2, text), turns(channel, 2, 2), sweep)
        : add(times(2, text), turns(channel, 2, 2), sweep, { snsParts: parts }),
    });
  }

  // "volunteer case": the caller opens a case (the volunteers on shift are told), a volunteer TAKEs it,
  // 3 caller messages relayed to the volunteer, 3 volunteer replies relayed to the caller, CLOSE. Requests,
  // texts and segments: the measured medians of each step (bench/volunteers.ts, ky and ru callers), with
  // the roster read on every request as measured locally (a warm Lambda reads it once a minute).
  const volunteer = results.volunteers;
  const step = (name: string): VolunteerStepRow =>
    find(volunteer.sms, (row) => row.step === name, `volunteer step ${name}`);
  const caseSteps = [
    { row: step('open'), n: 1, from: 'caller' },
    { row: step('take'), n: 1, from: 'volunteer' },
    { row: step('relay'), n: 3, from: 'caller' },
    { row: step('reply'), n: 3, from: 'volunteer' },
    { row: step('close'), n: 1, from: 'volunteer' },
  ] as const;
  // Inbound: a relayed or answered text is at most the segments of what the hotline sends on (it adds a
  // prefix); OPEN, TAKE and CLOSE are one segment.
  const inSegments = (row: VolunteerStepRow) =>
    row.step === 'relay' || row.step === 'reply' ? row.segments.median : INBOUND_SEGMENTS_PER_TEXT;
  // The benchmark counts a step's texts together, not by recipient. From the code (shared/cases): what goes
  // to the caller is the open step's acknowledgement (its texts less the notices to the volunteers told)
  // and every relayed reply; the rest goes to volunteers, always by SMS through Twilio. An estimate from
  // the step medians, used on the channels other than SMS.
  const toCaller = (row: VolunteerStepRow): { texts: number; segments: number } => {
    if (row.step === 'reply') return { texts: row.messages.median, segments: row.segments.median };
    if (row.step !== 'open') return { texts: 0, segments: 0 };
    const texts = Math.max(0, row.messages.median - volunteer.notice.perCase.median);
    const segments = row.segments.median - volunteer.notice.perCase.median * volunteer.notice.segments.median;
    return { texts, segments: Math.max(texts, segments) };
  };
  const caseUsage = (channel: TextChannel | 'SMS, Latin mode') =>
    add(
      ...caseSteps.map(({ row, n, from }) => {
        const usage: Partial<Usage> = { webhooks: 1, ...unitsOf(row.byOperation, row.samples) };
        const inbound = inSegments(row);
        const caller = toCaller(row);
        const sms = channel === 'SMS, Cyrillic' || channel === 'SMS, Latin mode';
        // Volunteers text the Twilio number; the caller uses their channel.
        if (from === 'volunteer' || sms) usage.smsInSegments = inbound;
        if (from === 'caller' && sms) usage.callerInternationalTexts = inbound;
        if (from === 'caller' && channel === 'WhatsApp') usage.whatsAppIn = 1;
        if (from === 'caller' && channel === 'Telegram') usage.telegramIn = 1;
        if (from === 'caller' && channel === 'Serbian SIM') usage.simIn = 1;
        if (from === 'caller' && channel === 'Serbian SIM') usage.callerDomesticTexts = inbound;
        if (from === 'caller' && (channel === 'WhatsApp' || channel === 'Telegram'))
          usage.callerDataMessages = 1;
        // Outbound: all by SMS on the SMS channels; elsewhere the caller's share on their channel.
        usage.smsOutSegments = sms ? row.segments.median : row.segments.median - caller.segments;
        if (channel === 'WhatsApp') usage.whatsAppOut = caller.texts;
        if (channel === 'Telegram') usage.telegramOut = caller.texts;
        if (channel === 'Serbian SIM') usage.simOutParts = caller.segments;
        if (channel === 'WhatsApp' || channel === 'Telegram') {
          usage.callerDataMessages = (usage.callerDataMessages ?? 0) + caller.texts;
        }
        // Everything a Telegram or SIM text causes leaves through the outbox, and so does what a volunteer's
        // text sends to a Telegram or SIM caller (the volunteer's own answer is the TwiML reply).
        if (channel === 'Telegram' || channel === 'Serbian SIM') {
          usage.outboxSends = from === 'caller' ? row.messages.median : caller.texts;
        }
        return times(n, usage);
      }),
    );
  const caseTexts = caseSteps.reduce((sum, { row, n }) => sum + n * row.messages.median, 0);
  const caseSegments = caseSteps.reduce((sum, { row, n }) => sum + n * row.segments.median, 0);
  const callerTexts = caseSteps.reduce((sum, { row, n }) => sum + n * toCaller(row).texts, 0);
  const callerSegments = caseSteps.reduce((sum, { row, n }) => sum + n * toCaller(row).segments, 0);
  const toVolunteers = `${fmt(caseTexts - callerTexts)} texts (${fmt(caseSegments - callerSegments)} segments) to volunteers`;
  const caseRows: { channel: TextChannel | 'SMS, Latin mode'; billed: string; note?: string }[] = [
    {
      channel: 'SMS, Cyrillic',
      billed: `9 texts in; ${fmt(caseTexts)} texts out (${fmt(caseSegments)} segments) to caller and volunteers`,
    },
    {
      channel: 'SMS, Latin mode',
      billed: `9 texts in; ${fmt(caseTexts)} texts out (${fmt(caseSegments)} segments) to caller and volunteers`,
      note: 'relay not measured in Latin mode: Cyrillic figures',
    },
    {
      channel: 'WhatsApp',
      billed: `4 WhatsApp + 5 SMS in; ${fmt(callerTexts)} WhatsApp out, ${toVolunteers}`,
      note: 'texts out split by recipient: an estimate from the step medians',
    },
    {
      channel: 'Telegram',
      billed: `4 Telegram + 5 SMS in; ${fmt(callerTexts)} Telegram out, ${toVolunteers}`,
      note: 'texts out split by recipient: an estimate from the step medians',
    },
    {
      channel: 'Serbian SIM',
      billed: `4 texts to the SIM + 5 SMS in; ${fmt(callerTexts)} texts from the SIM, ${toVolunteers}`,
      note: 'texts out split by recipient: an estimate from the step medians',
    },
  ];
  for (const { channel, billed, note } of caseRows) {
    rows.push({
      profile: 'volunteer case',
      channel,
      billed,
      ...(note ? { note } : {}),
      usage: caseUsage(channel),
    });
  }

  // "volunteer case, console": the same case worked in the console by a volunteer who chose short pings
  // (consoleOnly): the caller texts as before (open + 3 messages), the volunteer takes, answers 3 times and
  // closes in the browser (each an API request, its text to the caller through the outbox), and gets one
  // short ping by SMS per caller message instead of the words. Requests, texts and segments: the measured
  // medians of bench/volunteers.ts's console steps; the page's polling is an assumption (below).
  const consoleStep = (name: string): VolunteerStepRow =>
    find(volunteer.console ?? [], (row) => row.step === `console_${name}`, `console step ${name}`);
  const consolePolls = {
    list: (CONSOLE_MINUTES_PER_CASE * 60) / CONSOLE_LIST_POLL_SECONDS,
    case: (CONSOLE_MINUTES_PER_CASE * 60) / CONSOLE_CASE_POLL_SECONDS,
  };
  const consoleOpen = consoleStep('open');
  // The open step's acknowledgement to the caller: one text, the segments the SMS flow's estimate gives.
  const ackSegments = toCaller(step('open')).segments;
  const consoleUsage = (channel: TextChannel) => {
    const sms = channel === 'SMS, Cyrillic';
    const fromCaller = (row: VolunteerStepRow, toVolunteersSegments: number): Partial<Usage> => ({
      webhooks: 1,
      ...unitsOf(row.byOperation, row.samples),
      ...(sms
        ? { smsInSegments: INBOUND_SEGMENTS_PER_TEXT, callerInternationalTexts: INBOUND_SEGMENTS_PER_TEXT }
        : {}),
      ...(channel === 'WhatsApp' ? { whatsAppIn: 1, callerDataMessages: 1 } : {}),
      ...(channel === 'Telegram' ? { telegramIn: 1, callerDataMessages: 1 } : {}),
      ...(channel === 'Serbian SIM' ? { simIn: 1, callerDomesticTexts: INBOUND_SEGMENTS_PER_TEXT } : {}),
      smsOutSegments: toVolunteersSegments,
      ...(channel === 'Telegram' || channel === 'Serbian SIM' ? { outboxSends: row.messages.median } : {}),
    });
    /** `texts` to the caller on their channel, through the outbox. */
    const toCallerOn = (texts: number, segments: number): Partial<Usage> => ({
      outboxSends: texts,
      ...(sms ? { smsOutSegments: segments } : {}),
      ...(channel === 'WhatsApp' ? { whatsAppOut: texts, callerDataMessages: texts } : {}),
      ...(channel === 'Telegram' ? { telegramOut: texts, callerDataMessages: texts } : {}),
      ...(channel === 'Serbian SIM' ? { simOutParts: segments } : {}),
    });
    const consoleRequest = (row: VolunteerStepRow): Partial<Usage> => ({
      webhooks: 1,
      ...unitsOf(row.byOperation, row.samples),
      ...toCallerOn(row.messages.median, row.segments.median),
    });
    const ping = consoleStep('relay');
    return add(
      // The open: the acknowledgement to the caller on their channel, the short notices to volunteers by SMS.
      fromCaller(consoleOpen, consoleOpen.segments.median - ackSegments),
      // The acknowledgement: in the TwiML answer on SMS and WhatsApp, through the outbox (counted above)
      // on Telegram and the SIM.
      sms ? { smsOutSegments: ackSegments } : {},
      channel === 'WhatsApp' ? { whatsAppOut: 1, callerDataMessages: 1 } : {},
      channel === 'Telegram' ? { telegramOut: 1, callerDataMessages: 1 } : {},
      channel === 'Serbian SIM' ? { simOutParts: ackSegments } : {},
      consoleRequest(consoleStep('take')),
      times(3, fromCaller(ping, ping.segments.median)),
      times(3, consoleRequest(consoleStep('reply'))),
      consoleRequest(consoleStep('close')),
      times(consolePolls.list, {
        webhooks: 1,
        ...unitsOf(consoleStep('poll_list').byOperation, consoleStep('poll_list').samples),
      }),
      times(consolePolls.case, {
        webhooks: 1,
        ...unitsOf(consoleStep('poll_case').byOperation, consoleStep('poll_case').samples),
      }),
    );
  };
  const consoleCallerTexts =
    1 +
    consoleStep('take').messages.median +
    3 * consoleStep('reply').messages.median +
    consoleStep('close').messages.median;
  const consoleVolunteerSegments =
    consoleOpen.segments.median - ackSegments + 3 * consoleStep('relay').segments.median;
  const polls = `${fmt(consolePolls.list + consolePolls.case)} console requests polling (${CONSOLE_MINUTES_PER_CASE} min open)`;
  for (const channel of TEXT_CHANNELS) {
    const inbound =
      channel === 'SMS, Cyrillic'
        ? '4 texts in'
        : channel === 'Serbian SIM'
          ? '4 texts to the SIM'
          : `4 ${channel} in`;
    rows.push({
      profile: 'volunteer case, console',
      channel,
      billed: `${inbound}; ${fmt(consoleCallerTexts)} texts to the caller, ${fmt(consoleVolunteerSegments)} SMS segments of short pings to volunteers; ${polls}`,
      note: 'the volunteer works the case in the console with short pings on their phone',
      usage: consoleUsage(channel),
    });
  }

  // "call": a known caller hears the main menu, goes through 4 menus or topics and hears their deadline
  // (6 webhook requests), 3 minutes on the line.
  const voiceKind = (kind: string) =>
    find(results.voiceSteps, (row) => row.kind === kind, `voice step ${kind}`);
  const voiceRequest = (row: VoiceStepRow) => ({ webhooks: 1, ...unitsOf(row.byOperation, row.requests) });
  rows.push({
    profile: 'call, IVR 3 min',
    channel: 'voice',
    billed: '3 min inbound, 6 IVR steps',
    usage: add(
      voiceRequest(voiceKind('call_known')),
      times(4, voiceRequest(voiceKind('navigate'))),
      voiceRequest(voiceKind('deadlines')),
      { voiceInMinutes: 3 },
    ),
  });

  // "call transferred": main menu, key 4 dials the volunteers on shift, one answers, hears the whisper,
  // presses 1 and talks 10 minutes. Twilio bills the caller's leg for the whole call (1 minute of IVR
  // assumed before the transfer) and the volunteer's leg from the answer.
  const transferStep = (name: string): VolunteerStepRow =>
    find(volunteer.voice, (row) => row.step === name, `volunteer voice step ${name}`);
  const transferRequest = (row: VolunteerStepRow) => ({
    webhooks: 1,
    ...unitsOf(row.byOperation, row.samples),
  });
  rows.push({
    profile: 'call, transferred 10 min',
    channel: 'voice',
    billed: '11 min inbound + 10 min to a Serbian mobile, 5 webhook steps',
    usage: add(
      voiceRequest(voiceKind('call_known')),
      ...['dial', 'whisper', 'accept', 'connected'].map((name) => transferRequest(transferStep(name))),
      { voiceInMinutes: 1 + 10, voiceOutMinutes: 10 },
    ),
  });
  return { rows, segments };
}

// ---- Pricing ------------------------------------------------------------------------------------------

interface Breakdown {
  telecom: {
    twilioSms: number;
    whatsApp: number;
    telegram: number;
    serbianSim: number;
    snsSms: number;
    twilioVoice: number;
    total: number;
  };
  /** `outbox`: its writes and its sender's Lambda, apart from the parts every channel has. */
  aws: { dynamodb: number; lambda: number; apiGateway: number; outbox: number; total: number };
  /** What the NGO pays (telecom and AWS; the SIM's monthly plan is apart). */
  total: number;
  /** What the caller pays their own operator: not in `total`. */
  caller: { sms: number; data: number; total: number };
}

function price(usage: Usage, prices: Record<PriceName, Price>): Breakdown {
  const p = (name: PriceName) => prices[name].usd;
  const twilioSms =
    usage.smsInSegments * p('twilioSmsInboundPerSegment') +
    usage.smsOutSegments * p('twilioSmsOutboundSerbiaPerSegment');
  const whatsApp =
    (usage.whatsAppIn + usage.whatsAppOut) * p('twilioWhatsAppPerMessage') +
    usage.whatsAppOut * p('metaWhatsAppServiceMessage');
  const telegram = (usage.telegramIn + usage.telegramOut) * p('telegramBotApiPerMessage');
  const serbianSim = usage.simOutParts * p('serbianSimOutboundPerText');
  const snsSms = usage.snsParts * p('snsSmsSerbiaPerPart');
  const twilioVoice =
    usage.voiceInMinutes * p('twilioVoiceInboundLocalPerMinute') +
    usage.voiceOutMinutes * p('twilioVoiceOutboundSerbiaMobilePerMinute');
  const dynamodb =
    (usage.rru * p('dynamodbReadRequestUnitPerMillion') +
      usage.wru * p('dynamodbWriteRequestUnitPerMillion')) /
    1e6;
  const gbSeconds =
    usage.webhooks * (ASSUMED_WEBHOOK_MS / 1000) * (WEBHOOK_MEMORY_MB / 1024) + usage.extraGbSeconds;
  const lambda =
    gbSeconds * p('lambdaArm64PerGbSecond') + (usage.webhooks * p('lambdaPerMillionRequests')) / 1e6;
  const apiGateway = (usage.webhooks * p('apiGatewayHttpApiPerMillion')) / 1e6;
  const senderRuns = usage.outboxSends / OUTBOX_SENDS_PER_INVOCATION;
  const outbox =
    (usage.outboxSends * OUTBOX_WRU_PER_SEND * p('dynamodbWriteRequestUnitPerMillion')) / 1e6 +
    senderRuns *
      (ASSUMED_OUTBOX_SENDER_MS / 1000) *
      (WEBHOOK_MEMORY_MB / 1024) *
      p('lambdaArm64PerGbSecond') +
    (senderRuns * p('lambdaPerMillionRequests')) / 1e6;
  const callerSms =
    usage.callerInternationalTexts * p('callerInternationalSmsPerText') +
    usage.callerDomesticTexts * p('callerDomesticSmsPerText');
  const callerData = usage.callerDataMessages * p('callerMobileDataPerMessage');
  const telecom = twilioSms + whatsApp + telegram + serbianSim + snsSms + twilioVoice;
  const aws = dynamodb + lambda + apiGateway + outbox;
  return {
    telecom: { twilioSms, whatsApp, telegram, serbianSim, snsSms, twilioVoice, total: telecom },
    aws: { dynamodb, lambda, apiGateway, outbox, total: aws },
    total: telecom + aws,
    caller: { sms: callerSms, data: callerData, total: callerSms + callerData },
  };
}

const scale = (breakdown: Breakdown, n: number): Breakdown =>
  JSON.parse(JSON.stringify(breakdown), (_, value) =>
    typeof value === 'number' ? Number((value * n).toPrecision(6)) : value,
  );

const round = (value: number, digits = 4) => Number(value.toFixed(digits));

// ---- Output -------------------------------------------------------------------------------------------

/** A count, without trailing zeros. */
function fmt(value: number): string {
  return String(round(value, 2));
}

function usd(value: number): string {
  if (value === 0) return '$0';
  if (value < 1) return `$${value.toFixed(4)}`;
  return `$${value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

interface Row extends Priced {
  perConversation: Breakdown;
  per1000: Breakdown;
}

/** One text profile on each text channel: the NGO's cost per 1,000 and the caller's per conversation. */
interface ChannelRow {
  profile: string;
  ngoPer1000: Record<TextChannel, number>;
  callerPerConversation: Record<TextChannel, number>;
}

function channelRows(rows: readonly Row[]): ChannelRow[] {
  const textProfiles = [...new Set(rows.filter((row) => row.channel !== 'voice').map((row) => row.profile))];
  return textProfiles.map((profile) => {
    const of = (channel: TextChannel) =>
      find(rows, (row) => row.profile === profile && row.channel === channel, `${profile} on ${channel}`);
    return {
      profile,
      ngoPer1000: Object.fromEntries(TEXT_CHANNELS.map((c) => [c, of(c).per1000.total])) as Record<
        TextChannel,
        number
      >,
      callerPerConversation: Object.fromEntries(
        TEXT_CHANNELS.map((c) => [c, of(c).perConversation.caller.total]),
      ) as Record<TextChannel, number>,
    };
  });
}

/** The fixed costs of the Serbian SIM: a monthly plan and a phone, not per conversation. */
function fixedCosts(prices: Record<PriceName, Price>) {
  return {
    serbianSimPlanPerMonthUsd: prices.serbianSimPlanPerMonth.usd,
    serbianSimPhoneOneOffUsd: prices.serbianSimPhoneOneOff.usd,
  };
}

const CHANNEL_LABEL: Record<TextChannel, string> = {
  'SMS, Cyrillic': 'SMS via Twilio',
  WhatsApp: 'WhatsApp',
  Telegram: 'Telegram',
  'Serbian SIM': 'Serbian SIM',
};

function tables(
  rows: readonly Row[],
  prices: Record<PriceName, Price>,
): { summary: string[]; channels: string[]; breakdown: string[] } {
  const fixed = fixedCosts(prices);
  return {
    summary: [
      '| profile | channel | billed per conversation | telecom | AWS | total per 1,000 | caller pays, per conversation | note |',
      '| --- | --- | --- | --- | --- | --- | --- | --- |',
      ...rows.map(
        (row) =>
          `| ${row.profile} | ${row.channel} | ${row.billed} | ${usd(row.per1000.telecom.total)} | ${usd(row.per1000.aws.total)} | **${usd(row.per1000.total)}** | ${row.channel === 'voice' ? 'not priced' : usd(row.perConversation.caller.total)} | ${row.note ?? ''} |`,
      ),
    ],
    channels: [
      `The text profiles by channel: what the NGO pays per 1,000 conversations, and what the caller pays their own operator per conversation (SMS via Twilio: the default, Cyrillic; Latin mode above). Voice profiles are not in it: a call costs the same whatever text channel the caller uses. Fixed, not per conversation: the Serbian SIM's plan, ${usd(fixed.serbianSimPlanPerMonthUsd)} a month, and its phone, ${usd(fixed.serbianSimPhoneOneOffUsd)} once (both assumptions).`,
      '',
      `| profile | ${TEXT_CHANNELS.map((c) => `NGO per 1,000: ${CHANNEL_LABEL[c]}`).join(' | ')} | ${TEXT_CHANNELS.map((c) => `caller per conversation: ${CHANNEL_LABEL[c]}`).join(' | ')} |`,
      `| --- | ${TEXT_CHANNELS.map(() => '--- | --- |').join(' ')}`,
      ...channelRows(rows).map(
        (row) =>
          `| ${row.profile} | ${TEXT_CHANNELS.map((c) => usd(row.ngoPer1000[c])).join(' | ')} | ${TEXT_CHANNELS.map((c) => usd(row.callerPerConversation[c])).join(' | ')} |`,
      ),
    ],
    breakdown: [
      '| profile | channel | Twilio SMS | WhatsApp | Telegram | Serbian SIM | SNS SMS | Twilio voice | DynamoDB | Lambda | API Gateway | outbox |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
      ...rows.map((row) => {
        const { telecom, aws } = row.per1000;
        return `| ${row.profile} | ${row.channel} | ${usd(telecom.twilioSms)} | ${usd(telecom.whatsApp)} | ${usd(telecom.telegram)} | ${usd(telecom.serbianSim)} | ${usd(telecom.snsSms)} | ${usd(telecom.twilioVoice)} | ${usd(aws.dynamodb)} | ${usd(aws.lambda)} | ${usd(aws.apiGateway)} | ${usd(aws.outbox)} |`;
      }),
    ],
  };
}

function markdown(rows: readonly Row[], measured: Measured, prices: PriceFile, segments: Segments): string[] {
  const { summary, channels, breakdown } = tables(rows, prices.prices);
  const units = Object.entries(UNITS_PER_REQUEST)
    .map(([operation, units]) => `${operation} ${units.rru ? `${units.rru} RRU` : `${units.wru} WRU`}`)
    .join(', ');
  return [
    HEADING,
    '',
    `Per 1,000 conversations of each profile, in USD, from the figures above (\`bench/results.json\` of ${measured.results.measuredAt}, \`bench/reminders-results.json\` of ${measured.reminders.measuredAt}) and the unit prices in \`bench/prices.json\`. **The prices are list prices, third-party transcriptions and labelled assumptions, not checked live: verify them in the NGO's Twilio console, Meta's rate card, the Serbian operators' price lists and on the AWS pricing pages before relying on them.** The total is what the NGO pays; what the caller pays their own operator is apart. Written by \`bench/costs.ts\` (also \`bench/costs.json\`); after editing the prices run \`npx tsx bench/costs.ts\` again. Profiles and reasoning: [docs/costs.md](../docs/costs.md).`,
    '',
    ...summary,
    '',
    ...channels,
    '',
    "The same, by item (per 1,000 conversations; `outbox`: the Telegram and SIM channels' extra writes and sender runs):",
    '',
    ...breakdown,
    '',
    `Unit prices (USD; AWS in eu-central-1, no free tier${prices.exchangeRates ? `; ${prices.exchangeRates}` : ''}):`,
    '',
    '| price | USD | basis | source |',
    '| --- | --- | --- | --- |',
    ...PRICE_NAMES.map((name) => {
      const entry = prices.prices[name];
      const source = entry.source.startsWith('http') ? `<${entry.source}>` : entry.source;
      return `| ${entry.per} | ${entry.usd} | ${entry.basis} | ${source} |`;
    }),
    '',
    `Assumptions besides the prices: mean SMS segments per reply as measured (${fmt(segments.cyrillic)} Cyrillic, ${fmt(segments.latin)} Latin mode; a reminder ${fmt(segments.reminderCyrillic)} part in Cyrillic and ${fmt(segments.reminderLatin)} in Latin mode, measured on the catalogue texts the plan produces); a caller's own text is ${INBOUND_SEGMENTS_PER_TEXT} segment; Lambda ${WEBHOOK_MEMORY_MB} MB arm64 (\`infra/hotline-stack.ts\`) at an assumed ${ASSUMED_WEBHOOK_MS} ms per webhook request (no duration is measured), the reminder sweep (${SWEEP_MEMORY_MB} MB) ${fmt(SWEEP_MS_PER_REMINDER)} ms per reminder at the deployed pace of ${DEFAULT_SWEEP_SETTINGS.sendRatePerSecond} a second; DynamoDB request units per request counted by the benchmark, items under 1 KB, reads strongly consistent: ${units}, plus ${WRU_PER_REMINDER_ITEM} WRU per reminder item written with the entry date; for the reminders themselves DynamoDB's own consumed capacity per reminder from \`bench/reminders.ts\` (the largest of its scenarios). A Telegram or SIM text makes the same DynamoDB requests as an SMS (the same use case), plus the outbox: ${OUTBOX_WRU_PER_SEND} WRU per message sent through it (2 for the put in the transaction, 1 for the delete) and one outbox sender run per ${OUTBOX_SENDS_PER_INVOCATION} message, an assumed ${ASSUMED_OUTBOX_SENDER_MS} ms at ${WEBHOOK_MEMORY_MB} MB. In a volunteer case on WhatsApp, Telegram or the SIM, the texts to the caller (the acknowledgement of the case and the relayed replies) are told apart from those to volunteers (always SMS through Twilio) from the step medians. Reminders go on the caller's own channel: by SNS for SMS and WhatsApp callers, on Telegram, through the SIM (by SNS while its phone is quiet). The caller pays per text they send (an international SMS to the Twilio number, a domestic one to the SIM); replies cost a caller in Serbia nothing, and WhatsApp and Telegram only mobile data. Not included: phone number rental, Twilio text-to-speech, CloudWatch logs and X-Ray, KMS, CloudFront and S3 for the prompts, storage, the SMS Gateway relay server, what volunteers pay their own operators, and what a caller pays for a call.`,
  ];
}

/** Replaces the section under `heading` (up to the next `## ` heading) or appends it. */
export function replaceSection(document: string, heading: string, section: readonly string[]): string {
  const lines = document.replace(/\n+$/, '').split('\n');
  const start = lines.indexOf(heading);
  if (start === -1) return `${[...lines, '', ...section].join('\n')}\n`;
  const next = lines.findIndex((line, index) => index > start && line.startsWith('## '));
  const end = next === -1 ? lines.length : next;
  const after = lines.slice(end);
  return `${[...lines.slice(0, start), ...section, ...(after.length > 0 ? ['', ...after] : [])].join('\n')}\n`;
}

function main() {
  const prices = readPrices();
  const measured: Measured = {
    results: readJson<Results>('bench/.out/results.json'),
    reminders: readJson<ReminderResults>('bench/.out/reminders-results.json'),
  };
  const { rows: priced, segments } = profiles(measured);
  const rows: Row[] = priced.map((row) => {
    const perConversation = price(row.usage, prices.prices);
    return { ...row, perConversation: scale(perConversation, 1), per1000: scale(perConversation, 1000) };
  });

  const json = {
    note: 'Written by bench/costs.ts from bench/results.json, bench/reminders-results.json and bench/prices.json. Prices are list prices, third-party transcriptions and labelled assumptions to verify; counts are measured. per1000Usd.total is what the NGO pays; caller is what the caller pays their own operator, apart.',
    resultsMeasuredAt: measured.results.measuredAt,
    remindersMeasuredAt: measured.reminders.measuredAt,
    pricesCheckedOn: prices.checkedOn,
    ...(prices.exchangeRates ? { exchangeRates: prices.exchangeRates } : {}),
    assumptions: {
      webhookMsPerRequest: ASSUMED_WEBHOOK_MS,
      webhookMemoryMb: WEBHOOK_MEMORY_MB,
      sweepMemoryMb: SWEEP_MEMORY_MB,
      sweepMsPerReminder: SWEEP_MS_PER_REMINDER,
      inboundSegmentsPerText: INBOUND_SEGMENTS_PER_TEXT,
      wruPerReminderItem: WRU_PER_REMINDER_ITEM,
      outboxWruPerSend: OUTBOX_WRU_PER_SEND,
      outboxSendsPerInvocation: OUTBOX_SENDS_PER_INVOCATION,
      outboxSenderMs: ASSUMED_OUTBOX_SENDER_MS,
      dynamoUnitsPerRequest: UNITS_PER_REQUEST,
    },
    fixedCosts: fixedCosts(prices.prices),
    conversations: rows.map((row) => ({
      profile: row.profile,
      channel: row.channel,
      billed: row.billed,
      ...(row.note ? { note: row.note } : {}),
      usage: Object.fromEntries(Object.entries(row.usage).map(([key, value]) => [key, round(value)])),
      perConversationUsd: row.perConversation,
      per1000Usd: row.per1000,
    })),
    byChannel: channelRows(rows),
  };
  writeFileSync(join(BENCH_OUT, 'costs.json'), `${JSON.stringify(json, null, 2)}\n`);

  const section = markdown(rows, measured, prices, segments);
  const resultsPath = join(BENCH_OUT, 'RESULTS.md');
  writeFileSync(resultsPath, replaceSection(readFileSync(resultsPath, 'utf8'), HEADING, section));
  // docs/costs.md carries the tables only; its prose is written by hand.
  const { summary, channels, breakdown } = tables(rows, prices.prices);
  writeFileSync(
    join(BENCH_OUT, 'costs-tables.md'),
    `${[...summary, '', ...channels, '', ...breakdown].join('\n')}\n`,
  );

  process.stdout.write(
    `${summary.join('\n')}\n\n${channels.join('\n')}\n\nWrote bench/.out/costs.json, bench/.out/RESULTS.md and bench/.out/costs-tables.md (npm run docs:refresh copies them).\n`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
