// `npm run bench`: measures every figure the README quotes and writes bench/.out/results.json and
// bench/.out/RESULTS.md (ignored by git; `npm run docs:refresh` copies them into bench/, the README and docs/).
//   1. size of each function's bundle as `cdk synth` writes it into cdk.out (the deployed file itself);
//   2. module load time of each deployed bundle in fresh Node processes, next to the same handler built
//      against the root `twilio` package, as a ratio measured in the same run;
//   3. DynamoDB requests per inbound SMS, counted on the wire by a proxy in front of DynamoDB Local;
//   4. the same per IVR step (bench/voice.ts) and per step of the volunteer relay (bench/volunteers.ts).
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { SegmentedMessage } from 'sms-segments-calculator';
import { BUNDLE_BUDGET_BYTES } from '../infra/bundle-budget.js';
import { BUNDLE_CHARSET, esbuildOptionsFor } from '../infra/constructs/hotline-function.js';
import { type DeployedBundle, synthesizeBundles } from '../infra/deployed-bundles.js';
import { FUNCTION_ENTRIES, type WebhookFunctionName } from '../infra/routes.js';
import { startDynamoDbLocal } from '../local/dynamodb-local.js';
import { startLocalHotline } from '../local/hotline.js';
import { twilioSignature } from '../shared/adapters/twilio/signature.js';
import { BENCH_OUT, countingProxy, freePort, round } from './support.js';
import { type VoiceStepRow, voiceStepsMarkdown } from './voice.js';
import { type VolunteerResults, volunteersMarkdown } from './volunteers.js';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = BENCH_OUT;
const LOAD_RUNS = Number(process.env.BENCH_LOAD_RUNS ?? 15);
/** The charset the deployed build does not use, measured beside it. */
const OTHER_CHARSET = BUNDLE_CHARSET === 'utf8' ? 'ascii' : 'utf8';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
process.env.LOG_LEVEL = 'warn';
// As deployed: a container keeps the volunteer roster for 60 s (the local runtime's default is 0, so that
// `npm run admin` counts at once). The volunteer bench (bench/volunteers.ts) reports both.
process.env.ROSTER_CACHE_SECONDS ??= '60';
// These scripts measure honest conversations at machine speed, on one simulated minute, a day's worth of
// them: the flood limit, the relay gap, the pause before a "not understood" answer and the day's spend
// ceiling are set out of their way. Every other limit runs as deployed (its counters are in the request
// counts); bench/abuse.ts measures the limits.
process.env.FLOOD_TEXTS_PER_MINUTE ??= '1000';
process.env.RELAY_GAP_SECONDS ??= '0';
process.env.DAILY_SPEND_CEILING_USD ??= '100000';
process.env.CALLER_REPLIES_PER_HOUR ??= '1000';
process.env.IVR_SMS_PER_HOUR ??= '10000';
process.env.IVR_SMS_TOTAL_PER_DAY ??= '100000';
process.env.UNKNOWN_REPLY_GAP_SECONDS ??= '0';

/** Rewrites our deep twilio imports to the package root: the "what if we had not bothered" variant. */
const rootTwilio: Plugin = {
  name: 'root-twilio',
  setup(builder) {
    builder.onResolve({ filter: /^twilio\/lib\/(webhooks\/webhooks|twiml\/\w+)\.js$/ }, (args) => ({
      path: args.path,
      namespace: 'root-twilio',
    }));
    builder.onLoad({ filter: /.*/, namespace: 'root-twilio' }, (args) => {
      const twiml = /twiml\/(\w+)\.js$/.exec(args.path)?.[1];
      const contents = twiml
        ? `import twilio from 'twilio'; export default twilio.twiml.${twiml};`
        : `import twilio from 'twilio'; export const validateRequest = twilio.validateRequest; export const getExpectedTwilioSignature = twilio.getExpectedTwilioSignature;`;
      return { contents, resolveDir: ROOT, loader: 'js' };
    });
  },
};

/** A variant of a deployed bundle, built with the deployed options but one change, for comparison. */
async function variant(
  fn: WebhookFunctionName,
  variant: 'root' | 'other-charset',
): Promise<{ file: string; bytes: number }> {
  const file = join(OUT, `${fn}-${variant}.mjs`);
  const result = await build({
    ...esbuildOptionsFor(join(ROOT, FUNCTION_ENTRIES[fn])),
    outfile: file,
    sourcemap: false,
    // The other charset, weighed against the deployed one.
    ...(variant === 'other-charset' ? { charset: OTHER_CHARSET } : {}),
    plugins: variant === 'root' ? [rootTwilio] : [],
  });
  const output = Object.entries(result.metafile.outputs).find(([path]) => path.endsWith('.mjs'))?.[1];
  return { file, bytes: output?.bytes ?? 0 };
}

type LoadTimes = { medianMs: number; p90Ms: number; runs: number };

/**
 * Milliseconds from `import()` to loaded, in a fresh Node process each time (median and p90), for several
 * bundles at once: the runs take turns, in an order that changes every round, so a busy moment of the
 * machine or a warm file cache favours none of them.
 */
function loadTimesInterleaved(files: readonly string[]): LoadTimes[] {
  const samples = files.map(() => [] as number[]);
  for (let run = 0; run < LOAD_RUNS; run++) {
    const order = files.map((_, i) => (i + run) % files.length);
    for (const i of order) samples[i]?.push(loadOnce(files[i] ?? ''));
  }
  return samples.map(summarise);
}

function summarise(samples: number[]): LoadTimes {
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? 0;
  return { medianMs: round(at(0.5)), p90Ms: round(at(0.9)), runs: samples.length };
}

function loadOnce(file: string): number {
  const env = {
    ...process.env,
    TABLE_NAME: 'bench',
    PUBLIC_BASE_URL: 'https://bench.example.org',
    TWILIO_SECRET_ID: 'bench',
    AWS_REGION: 'eu-central-1',
  };
  const script = `const t=performance.now();await import(${JSON.stringify(`file://${file}`)});process.stdout.write(String(performance.now()-t));`;
  return Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], { env }).toString());
}

/** The scripted conversation per reader: every kind of reply the SMS line gives, in order. */
const SCRIPTS: Record<string, { country: string; texts: string[] }> = {
  ky: {
    country: '+996',
    texts: [
      'салам',
      '1',
      '0',
      '1',
      '2',
      '3',
      '4',
      '5',
      'кирдим 12.03.2026',
      'разрешение 01.05.2027',
      '6',
      '7',
      'абв',
      'тил',
      'өчүр',
      'ооба',
    ],
  },
  ru: {
    country: '+381',
    texts: [
      'привет',
      '2',
      '0',
      '1',
      '2',
      '3',
      '4',
      '5',
      'въезд 12.03.2026',
      'разрешение 01.05.2027',
      '6',
      '7',
      'абв',
      'язык',
      'удалить',
      'да',
    ],
  },
  'ky-latn': {
    country: '+381',
    texts: [
      // A first text in Latin letters turns Latin replies on: no 9 needed.
      'jardam',
      '0',
      '1',
      '2',
      '3',
      '4',
      '5',
      'kirdim 12.03.2026',
      'uruksat 01.05.2027',
      '6',
      '7',
      'abv',
      'ochur',
      'ooba',
    ],
  },
  'ru-latn': {
    country: '+381',
    texts: [
      'pomosh',
      '0',
      '1',
      '2',
      '3',
      '4',
      '5',
      'vezd 12.03.2026',
      'razreshenie 01.05.2027',
      '6',
      '7',
      'abv',
      'udalit',
      'da',
    ],
  },
};

interface Turn {
  reader: string;
  /** False for a retry's stored answer, which is not counted again. */
  counted: boolean;
  text: string;
  requests: number;
  operations: Record<string, number>;
  segments: number[];
}

async function smsConversations() {
  const dynamo = await startDynamoDbLocal({ port: await freePort() });
  const proxy = await countingProxy(dynamo.endpoint);
  const hotline = await startLocalHotline({
    dynamoEndpoint: proxy.endpoint,
    // The outbox drain reads the stream past the proxy: in AWS that is the outbox function's, not the webhook's.
    drainEndpoint: dynamo.endpoint,
    port: 0,
    tableName: 'bench',
  });
  await fetch(`${hotline.url}/_local/clock`, {
    method: 'POST',
    body: JSON.stringify({ now: '2026-04-01T10:00:00Z' }),
  });
  const send = async (params: Record<string, string>) => {
    const signature = twilioSignature(hotline.authToken, `${hotline.publicBaseUrl}/sms`, params);
    const response = await fetch(`${hotline.url}/sms`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
      body: new URLSearchParams(params).toString(),
    });
    if (response.status !== 200) throw new Error(`SMS answered ${response.status}`);
    const xml = await response.text();
    return [...xml.matchAll(/<Message>([\s\S]*?)<\/Message>/g)].map((match) => unescapeXml(match[1] ?? ''));
  };
  const turns: Turn[] = [];
  let sequence = 0;
  try {
    for (const [reader, script] of Object.entries(SCRIPTS)) {
      for (let caller = 0; caller < 5; caller++) {
        const from = `${script.country}7${String(++sequence).padStart(8, '0')}`;
        const counted = true;
        for (const text of script.texts) {
          const params = {
            MessageSid: `SMbench${++sequence}`,
            AccountSid: 'ACbench',
            From: from,
            To: '+381110000000',
            Body: text,
          };
          proxy.reset();
          const replies = await send(params);
          turns.push({
            reader,
            counted,
            text,
            requests: proxy.total(),
            operations: proxy.snapshot(),
            segments: replies.map((reply) => new SegmentedMessage(reply).segmentsCount),
          });
          if (text === script.texts[2]) {
            // A Twilio retry of the same message: answered from the stored reply.
            proxy.reset();
            await send(params);
            turns.push({
              reader,
              counted: false,
              text: '(retry)',
              requests: proxy.total(),
              operations: proxy.snapshot(),
              segments: [],
            });
          }
        }
      }
    }
  } finally {
    await hotline.stop();
    await proxy.close();
    await dynamo.stop();
  }
  const isErasure = (turn: Turn) => ['ооба', 'да', 'ooba', 'da'].includes(turn.text);
  const ordinary = turns.filter((turn) => turn.text !== '(retry)' && !isErasure(turn));
  const summarise = (label: string, group: Turn[]) => {
    const operations: Record<string, number> = {};
    for (const turn of group)
      for (const [op, n] of Object.entries(turn.operations)) operations[op] = (operations[op] ?? 0) + n;
    const requests = group.map((turn) => turn.requests);
    return {
      label,
      messages: group.length,
      meanRequests: round(requests.reduce((a, b) => a + b, 0) / group.length),
      maxRequests: Math.max(...requests),
      byOperation: operations,
    };
  };
  const dynamoRequests = [
    summarise('ordinary message (keywords, info, dates with reminder plans, STOP…)', ordinary),
    summarise(
      'Twilio retry (same MessageSid)',
      turns.filter((turn) => turn.text === '(retry)'),
    ),
    summarise('erasure confirmation (query + batched deletes + tombstone)', turns.filter(isErasure)),
  ];
  const segments = Object.keys(SCRIPTS).map((reader) => {
    const counts = turns
      .filter((turn) => turn.reader === reader && turn.counted)
      .flatMap((turn) => turn.segments)
      .sort((a, b) => a - b);
    return {
      reader,
      replies: counts.length,
      median: counts[Math.floor(counts.length / 2)] ?? 0,
      max: counts[counts.length - 1] ?? 0,
      mean: round(counts.reduce((a, b) => a + b, 0) / counts.length),
    };
  });
  return { dynamoRequests, segments };
}

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

async function main() {
  mkdirSync(OUT, { recursive: true });
  process.stdout.write('cdk synth into cdk.out (the bundles that deploy)…\n');
  const deployed = synthesizeBundles(join(ROOT, 'cdk.out'));
  const deployedBundle = (entry: string): DeployedBundle => {
    const found = deployed.find((bundle) => bundle.entry === entry);
    if (!found) throw new Error(`cdk synth wrote no bundle for ${entry}`);
    return found;
  };
  const otherFunctions = deployed
    .filter((bundle) => !Object.values(FUNCTION_ENTRIES).includes(bundle.entry))
    .map((bundle) => ({
      function: bundle.name,
      bytes: bundle.bytes,
      withinBudget: bundle.bytes <= BUNDLE_BUDGET_BYTES,
    }));
  const bundles = [];
  for (const fn of Object.keys(FUNCTION_ENTRIES) as WebhookFunctionName[]) {
    process.stdout.write(`loading ${fn} and its variants…\n`);
    const deep = deployedBundle(FUNCTION_ENTRIES[fn]);
    const root = await variant(fn, 'root');
    const other = await variant(fn, 'other-charset');
    const [deepLoad, rootLoad, otherLoad] = loadTimesInterleaved([deep.file, root.file, other.file]);
    if (!deepLoad || !rootLoad || !otherLoad) throw new Error('no load times');
    bundles.push({
      otherCharset: OTHER_CHARSET,
      otherCharsetBytes: other.bytes,
      otherCharsetLoadMedianMs: otherLoad.medianMs,
      function: fn,
      bytes: deep.bytes,
      withinBudget: deep.bytes <= BUNDLE_BUDGET_BYTES,
      loadMedianMs: deepLoad.medianMs,
      loadP90Ms: deepLoad.p90Ms,
      rootTwilioBytes: root.bytes,
      rootTwilioLoadMedianMs: rootLoad.medianMs,
      loadRatio: round(deepLoad.medianMs / rootLoad.medianMs),
      runs: deepLoad.runs,
    });
  }
  process.stdout.write('running scripted SMS conversations…\n');
  const sms = await smsConversations();
  process.stdout.write('walking every IVR branch…\n');
  // Its own process: handlers read their configuration once per process, as in Lambda, and the
  // conversations above ran against another local runtime.
  const voice = JSON.parse(
    execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/voice.ts'), '--json'], {
      env: process.env,
      maxBuffer: 10_000_000,
    }).toString(),
  ) as VoiceStepRow[];
  process.stdout.write('running scripted volunteer cases (SMS relay and calls to volunteers)…\n');
  // Its own process too, for the same reason.
  const volunteers = JSON.parse(
    execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/volunteers.ts'), '--json'], {
      // The roster read on every request, so each step's roster query shows on the wire and is counted
      // apart: the "without the roster query" column is the warm-container figure.
      env: { ...process.env, ROSTER_CACHE_SECONDS: '0' },
      maxBuffer: 10_000_000,
    }).toString(),
  ) as VolunteerResults;

  const results = {
    measuredAt: new Date().toISOString(),
    node: process.version,
    machine: `${process.platform}/${process.arch}`,
    bundles,
    otherFunctions,
    dynamoRequestsPerSms: sms.dynamoRequests,
    segmentsPerReply: sms.segments,
    voiceSteps: voice,
    volunteers,
  };
  writeFileSync(join(OUT, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  const lines = [
    '# Benchmark results',
    '',
    `Measured by \`npm run bench\` on ${results.measuredAt.slice(0, 10)}, Node ${results.node}, ${results.machine}; load times are medians of ${LOAD_RUNS} fresh Node processes.`,
    '',
    `Bundles are the files \`cdk synth\` wrote into \`cdk.out\` (budget ${kb(BUNDLE_BUDGET_BYTES)} each).`,
    '',
    '| function | deployed bundle (minified) | load median (p90) | root `twilio` bundle | root `twilio` load | load ratio |',
    '| --- | --- | --- | --- | --- | --- |',
    ...bundles.map(
      (b) =>
        `| ${b.function} | ${kb(b.bytes)} | ${b.loadMedianMs} ms (${b.loadP90Ms} ms) | ${kb(b.rootTwilioBytes)} | ${b.rootTwilioLoadMedianMs} ms | ${b.loadRatio} |`,
    ),
    ...otherFunctions.map((b) => `| ${b.function} (scheduled) | ${kb(b.bytes)} | – | – | – | – |`),
    '',
    `Load times are interleaved: each round loads every variant once, in a turning order. The deployed bundles keep Kyrgyz and Russian text as ${BUNDLE_CHARSET === 'utf8' ? 'UTF-8' : '\\uXXXX escapes'} (esbuild \`--charset=${BUNDLE_CHARSET}\`); the same bundles with \`charset: ${OTHER_CHARSET}\`:`,
    '',
    `| function | ${BUNDLE_CHARSET} (deployed) | ${OTHER_CHARSET} | load ${BUNDLE_CHARSET} | load ${OTHER_CHARSET} |`,
    '| --- | --- | --- | --- | --- |',
    ...bundles.map(
      (b) =>
        `| ${b.function} | ${kb(b.bytes)} | ${kb(b.otherCharsetBytes)} | ${b.loadMedianMs} ms | ${b.otherCharsetLoadMedianMs} ms |`,
    ),
    '',
    '| inbound SMS | messages | DynamoDB requests per message: mean (max) | operations in all |',
    '| --- | --- | --- | --- |',
    ...sms.dynamoRequests.map(
      (d) =>
        `| ${d.label} | ${d.messages} | ${d.meanRequests} (${d.maxRequests}) | ${Object.entries(d.byOperation)
          .map(([op, n]) => `${op} ${n}`)
          .join(', ')} |`,
    ),
    '',
    '| replies in | replies | SMS segments per reply: median | max | mean |',
    '| --- | --- | --- | --- | --- |',
    ...sms.segments.map((s) => `| ${s.reader} | ${s.replies} | ${s.median} | ${s.max} | ${s.mean} |`),
    '',
    ...voiceStepsMarkdown(voice),
    '',
    ...volunteersMarkdown(volunteers),
    '',
  ];
  writeFileSync(join(OUT, 'RESULTS.md'), lines.join('\n'));
  process.stdout.write(`${lines.join('\n')}\n`);
  const over = [...bundles, ...otherFunctions].filter((b) => !b.withinBudget);
  if (over.length > 0) {
    process.stderr.write(
      `Over the ${kb(BUNDLE_BUDGET_BYTES)} budget: ${over.map((b) => b.function).join(', ')}\n`,
    );
    process.exitCode = 1;
  }
}

await main();
