// DynamoDB requests per IVR step: scripted calls walk every branch in both languages through the local
// runtime (signed POSTs, the real voice handler), with a counting proxy in front of DynamoDB Local.
//   npx tsx bench/voice.ts          prints the table
//   import { measureVoiceSteps }    for bench/run.ts
import { pathToFileURL } from 'node:url';
import { startDynamoDbLocal } from '../local/dynamodb-local.js';
import { startLocalHotline } from '../local/hotline.js';
import { twilioSignature } from '../shared/twilio/signature.js';
import { countingProxy, freePort, round } from './support.js';

/** What a step does, as the table reports it; each press of a script below names one. */
const KINDS = {
  call_new: 'incoming call, language not known (language menu)',
  call_known: 'incoming call, language known (greeting + main menu)',
  language: 'language chosen with 1 or 2 (remembered)',
  navigate: 'menus, topics, repeat (0), back (*)',
  deadlines: 'my deadlines spoken',
  typed: 'entry date typed, read back',
  confirmed: 'entry date confirmed (profile + reminders)',
  sms: 'SMS summary sent (claim, then SNS)',
  switch: 'language switched with 9 (remembered)',
  failure: 'wrong key or no input (re-prompt)',
  replay: 'the same step posted again (confirmation)',
  withheld: 'withheld number, any step',
} as const;

type Kind = keyof typeof KINDS;
type Press = readonly [digits: string, kind: Kind];

function script(languageKey: '1' | '2'): Press[] {
  return [
    [languageKey, 'language'],
    ['1', 'navigate'],
    ['2', 'navigate'],
    ['0', 'navigate'],
    ['*', 'navigate'],
    ['*', 'navigate'],
    ['2', 'deadlines'],
    ['*', 'navigate'],
    ['3', 'navigate'],
    ['12032026', 'typed'],
    ['1', 'confirmed'],
    ['1', 'sms'],
    ['2', 'deadlines'],
    ['*', 'navigate'],
    // Key 4 (a person) hands the call to volunteers and ends this script: bench/volunteers.ts measures it.
    ['9', 'switch'],
    ['7', 'failure'],
    ['', 'failure'],
  ];
}

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
    port: 0,
    tableName: 'bench-voice',
  });
  const samples: Sample[] = [];
  await fetch(`${hotline.url}/_local/clock`, {
    method: 'POST',
    body: JSON.stringify({ now: '2026-04-01T10:00:00Z' }),
  });

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
      press: async (digits: string, kind: Kind) => {
        const path = actionOf(xml);
        const request = { ...params, Digits: digits };
        xml = await measured(kind, path, request);
        return async () => {
          await measured('replay', path, request);
        };
      },
    };
  };

  try {
    for (const [country, languageKey] of [
      ['+996', '1'],
      ['+381', '2'],
    ] as const) {
      for (let n = 0; n < CALLERS_PER_LANGUAGE; n++) {
        const from = `${country}7${String(++sequence).padStart(8, '0')}`;
        const first = call(from);
        await first.start('call_new');
        for (const [digits, kind] of script(languageKey)) {
          const replay = await first.press(digits, kind);
          if (kind === 'confirmed') await replay();
        }
        const again = call(from);
        await again.start('call_known');
        await again.press('2', 'deadlines');

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
