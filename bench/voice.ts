// DynamoDB requests per IVR step: scripted calls walk every branch in both languages through the local
// runtime (signed POSTs, the real voice handler), with a counting proxy in front of DynamoDB Local.
//   npx tsx bench/voice.ts          prints the table
//   import { measureVoiceSteps }    for bench/run.ts
import { pathToFileURL } from 'node:url';
import { startDynamoDbLocal } from '../local/dynamodb-local.js';
import { startLocalHotline } from '../local/hotline.js';
import { twilioSignature } from '../shared/adapters/twilio/signature.js';
import { countingProxy, freePort, round } from './support.js';

/** What a step does, as the table reports it; each press of a script below names one. */
const KINDS = {
  call_new: 'incoming call, language not known (language menu)',
  call_known: 'incoming call, language known (greeting + main menu)',
  language: 'language chosen with 1 or 2 (remembered)',
  navigate: 'menus, topics, repeat (0), back (*)',
  deadlines: 'my deadlines spoken (nothing stored, or the number proved in this call)',
  deadlines_code: 'my deadlines asked, dates stored, number not proved: code sent (claim, then SNS)',
  code_deadlines: 'code typed back: the stored deadline spoken',
  typed: 'entry date typed, read back',
  confirmed: 'entry date confirmed, number not proved: code sent (claim, then SNS)',
  code_saved: 'code typed back: entry date saved (profile + reminders)',
  sms: 'SMS summary sent (claim, then SNS)',
  switch: 'language switched with 9 (remembered)',
  failure: 'wrong key, wrong code or no input (re-prompt)',
  replay: 'the same step posted again (the code that saved the date)',
  withheld: 'withheld number, any step',
} as const;

type Kind = keyof typeof KINDS;
/** Typed as the caller would: the code the hotline texted to the number in this call, or one digit off it. */
const CODE = Symbol('the code from the SMS');
const WRONG_CODE = Symbol('a wrong code');
type Digits = string | typeof CODE | typeof WRONG_CODE;
/** `next`: the step the answer must gather for, so a branch that went elsewhere stops the bench. */
type Press = readonly [digits: Digits, kind: Kind, next?: string];

function script(languageKey: '1' | '2'): Press[] {
  return [
    [languageKey, 'language'],
    ['1', 'navigate'],
    ['2', 'navigate'],
    ['0', 'navigate'],
    ['*', 'navigate'],
    ['*', 'navigate'],
    ['2', 'deadlines', '/voice/deadlines'],
    ['*', 'navigate'],
    ['3', 'navigate'],
    ['12032026', 'typed', '/voice/confirm'],
    ['1', 'confirmed', '/voice/verify'],
    [CODE, 'code_saved', '/voice/saved'],
    ['1', 'sms', '/voice/menu'],
    // Proved in this call: no second code.
    ['2', 'deadlines', '/voice/deadlines'],
    ['*', 'navigate'],
    // Key 4 (a person) hands the call to volunteers and ends this script: bench/volunteers.ts measures it.
    ['9', 'switch'],
    ['7', 'failure'],
    ['', 'failure'],
  ];
}

/** The next call of the same caller: the stored deadline, after one wrong code and the right one. */
const AGAIN: Press[] = [
  ['2', 'deadlines_code', '/voice/verify'],
  [WRONG_CODE, 'failure', '/voice/verify'],
  [CODE, 'code_deadlines', '/voice/deadlines'],
];

export interface VoiceStepRow {
  kind: Kind;
  label: string;
  requests: number;
  meanDynamoRequests: number;
  maxDynamoRequests: number;
  byOperation: Record<string, number>;
}

interface Sample {
  kind: Kind;
  total: number;
  operations: Record<string, number>;
}

const CALLERS_PER_LANGUAGE = 5;

export async function measureVoiceSteps(): Promise<VoiceStepRow[]> {
  const dynamo = await startDynamoDbLocal({ port: await freePort() });
  const proxy = await countingProxy(dynamo.endpoint);
  const hotline = await startLocalHotline({
    dynamoEndpoint: proxy.endpoint,
    // The outbox drain reads the stream past the proxy: in AWS that is the outbox function's, not the webhook's.
    drainEndpoint: dynamo.endpoint,
    port: 0,
    tableName: 'bench-voice',
  });
  const samples: Sample[] = [];
  /**
   * Each caller in an hour of their own: the IVR's SMS (codes and summaries) are capped per clock hour
   * for all numbers together, and this bench measures the steps, not that cap.
   */
  const setHour = async (hour: number) => {
    const now = new Date(Date.UTC(2026, 3, 1, 6 + hour)).toISOString();
    const answer = await fetch(`${hotline.url}/_local/clock`, {
      method: 'POST',
      body: JSON.stringify({ now }),
    });
    if (!answer.ok) throw new Error(`/_local/clock refused ${now}`);
  };

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
  const measured = async (kind: Kind, path: string, params: Record<string, string>) => {
    proxy.reset();
    const xml = await post(path, params);
    samples.push({ kind, total: proxy.total(), operations: proxy.snapshot() });
    return xml;
  };
  const actionOf = (xml: string): string => {
    const action = /<Gather [^>]*action="([^"]+)"/.exec(xml)?.[1]?.replace(/&amp;/g, '&');
    if (!action) throw new Error('the call ended before the script did');
    return action.slice(hotline.publicBaseUrl.length);
  };
  /** The code in the newest SMS to the number; throws when the newest is not a code. */
  const codeFor = (from: string): string => {
    const newest = hotline.outbox
      .list()
      .filter((message) => message.to === from)
      .at(-1);
    const code = /\b(\d{6})\b/.exec(newest?.body ?? '')?.[1];
    if (!code) throw new Error(`no code SMS reached ${from}`);
    return code;
  };

  let sequence = 0;
  const call = (from: string) => {
    const params = {
      CallSid: `CAbench${++sequence}`,
      AccountSid: 'ACbench',
      From: from,
      To: '+381110000000',
    };
    let xml = '';
    return {
      start: async (kind: Kind) => {
        xml = await measured(kind, '/voice', params);
      },
      press: async (digits: Digits, kind: Kind, next?: string) => {
        const path = actionOf(xml);
        const code = typeof digits === 'symbol' ? codeFor(from) : '';
        const typed =
          digits === CODE
            ? code
            : digits === WRONG_CODE
              ? `${code.slice(0, 5)}${(Number(code.slice(5)) + 1) % 10}`
              : (digits as string);
        const request = { ...params, Digits: typed };
        xml = await measured(kind, path, request);
        if (next && !actionOf(xml).startsWith(`${next}?`)) {
          throw new Error(`${KINDS[kind]}: the call went to ${actionOf(xml)}, not ${next}`);
        }
        return async () => {
          const again = await measured('replay', path, request);
          if (again !== xml) throw new Error(`${KINDS[kind]}: a replay answered differently`);
        };
      },
    };
  };

  let hour = 0;
  try {
    for (const [country, languageKey] of [
      ['+996', '1'],
      ['+381', '2'],
    ] as const) {
      for (let n = 0; n < CALLERS_PER_LANGUAGE; n++) {
        await setHour(++hour);
        const from = `${country}7${String(++sequence).padStart(8, '0')}`;
        const first = call(from);
        await first.start('call_new');
        for (const [digits, kind, next] of script(languageKey)) {
          const replay = await first.press(digits, kind, next);
          if (kind === 'code_saved') await replay();
        }
        const again = call(from);
        await again.start('call_known');
        for (const [digits, kind, next] of AGAIN) await again.press(digits, kind, next);

        const withheld = call('+266696687');
        await withheld.start('withheld');
        await withheld.press(languageKey, 'withheld');
        await withheld.press('2', 'withheld');
      }
    }
  } finally {
    await hotline.stop();
    await proxy.close();
    await dynamo.stop();
  }

  return (Object.keys(KINDS) as Kind[]).map((kind) => {
    const group = samples.filter((sample) => sample.kind === kind);
    const byOperation: Record<string, number> = {};
    for (const sample of group)
      for (const [op, n] of Object.entries(sample.operations)) byOperation[op] = (byOperation[op] ?? 0) + n;
    const totals = group.map((sample) => sample.total);
    return {
      kind,
      label: KINDS[kind],
      requests: group.length,
      meanDynamoRequests: round(totals.reduce((a, b) => a + b, 0) / Math.max(1, group.length)),
      maxDynamoRequests: Math.max(0, ...totals),
      byOperation,
    };
  });
}

export function voiceStepsMarkdown(rows: readonly VoiceStepRow[]): string[] {
  return [
    '| voice step | requests | DynamoDB requests per step: mean (max) | operations in all |',
    '| --- | --- | --- | --- |',
    ...rows.map(
      (row) =>
        `| ${row.label} | ${row.requests} | ${row.meanDynamoRequests} (${row.maxDynamoRequests}) | ${
          Object.entries(row.byOperation)
            .map(([op, n]) => `${op} ${n}`)
            .join(', ') || '–'
        } |`,
    ),
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  process.env.LOG_LEVEL = 'warn';
  const rows = await measureVoiceSteps();
  process.stdout.write(
    process.argv.includes('--json') ? JSON.stringify(rows) : `${voiceStepsMarkdown(rows).join('\n')}\n`,
  );
}
