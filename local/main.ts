// `npm start`: the whole hotline on this machine — DynamoDB Local, the Lambda handlers over HTTP, the page.
// It checks the whole configuration before it listens, writes .local-data/runtime.json so `npm run send` and
// `npm run admin` find it, prints one line per webhook, and stops DynamoDB Local with itself.

import { readFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoRosterStore } from '../shared/adapters/dynamodb/roster-store.js';
import { setLogSink } from '../shared/logger.js';
import { parseRoster } from '../shared/volunteers/volunteer.js';
import { checkLocalEnvironment } from './config-check.js';
import {
  JavaMissingError,
  localDynamoDbClient,
  type RunningDynamoDbLocal,
  startDynamoDbLocal,
} from './dynamodb-local.js';
import { LOCAL_DEFAULTS, type LocalHotline, startLocalHotline } from './hotline.js';
import { portInUse } from './ports.js';
import { RequestLog } from './request-log.js';
import { RUNTIME_FILE, removeRuntimeInfo, writeRuntimeInfo } from './runtime-file.js';

const SAMPLE_ROSTER = resolve(import.meta.dirname, 'roster.sample.json');
const dataDir = resolve(process.env.LOCAL_DATA_DIR ?? '.local-data/dynamodb');

async function main(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const { settings, problems } = checkLocalEnvironment(process.env, process.argv.includes('--in-memory'));
  if (problems.length > 0) {
    fail(
      [
        `npm start: ${problems.length === 1 ? 'a setting is' : 'some settings are'} not right, so nothing was started:`,
        ...problems.map((problem) => `  ${problem}`),
      ].join('\n'),
    );
  }
  const { port, dynamoDbPort, inMemory } = settings;
  for (const [name, value] of [
    ['PORT', port],
    ['DYNAMODB_PORT', dynamoDbPort],
  ] as const) {
    if (await portInUse(value))
      fail(`Port ${value} is in use. Stop what uses it, or start with ${name}=<another port>.`);
  }

  let dynamo: RunningDynamoDbLocal | undefined;
  let hotline: LocalHotline | undefined;
  let stopping = false;
  const shutdown = async (reason: string, code: number) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${reason}: stopping the hotline and DynamoDB Local…\n`);
    removeRuntimeInfo();
    await hotline?.stop();
    await dynamo?.stop();
    process.exit(code);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => void shutdown(signal, 0));
  }
  // `npm start` execs node, so npm is the parent; `kill <npm pid>` does not reach this process, and npm
  // gone means nobody is watching: stop rather than keep both ports.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) void shutdown('npm start was stopped', 0);
  }, 1_000).unref();

  dynamo = await startDynamoDbLocal({ port: dynamoDbPort, dataDir: inMemory ? undefined : dataDir });
  dynamo.onUnexpectedExit((code, signal) => {
    process.stderr.write(
      `DynamoDB Local stopped on its own (${signal ?? `exit code ${code}`}); the hotline cannot answer without it. Run npm start again.\n`,
    );
    void shutdown('DynamoDB Local is gone', 1);
  });
  const requestLog = new RequestLog((line) => process.stdout.write(`${line}\n`));
  setLogSink(requestLog.sink);
  hotline = await startLocalHotline({
    dynamoEndpoint: dynamo.endpoint,
    port,
    tableName: process.env.TABLE_NAME,
    twilioAuthToken: process.env.TWILIO_AUTH_TOKEN,
    publicBaseUrl: process.env.PUBLIC_BASE_URL,
    requestLog,
  });
  const defaultToken = hotline.authToken === LOCAL_DEFAULTS.twilioAuthToken;
  writeRuntimeInfo({
    pid: process.pid,
    url: hotline.url,
    publicBaseUrl: hotline.publicBaseUrl,
    dynamoEndpoint: dynamo.endpoint,
    tableName: hotline.tableName,
    defaultToken,
    startedAt: new Date().toISOString(),
  });

  const volunteers = await seedSampleRoster(dynamo.endpoint, hotline.tableName);
  const tunnelled = !hotline.publicBaseUrl.startsWith(hotline.url);
  const lines = [
    '',
    `Hotline running at ${hotline.url}  (open it in a browser to try it)`,
    `  DynamoDB Local   ${dynamo.endpoint}  table "${hotline.tableName}", ${inMemory ? 'in memory' : `data in ${relative(process.cwd(), dataDir) || dataDir}`}${dynamo.loopbackOnly ? '' : '  (listening on every interface: see the warning above)'}`,
    `  Webhooks         POST ${hotline.publicBaseUrl}/sms   POST ${hotline.publicBaseUrl}/voice   POST ${hotline.publicBaseUrl}/voice/...`,
    defaultToken
      ? `  Signing          X-Twilio-Signature with the local TWILIO_AUTH_TOKEN="${hotline.authToken}"`
      : '  Signing          X-Twilio-Signature with your TWILIO_AUTH_TOKEN (from the environment; not shown)',
    `                   over PUBLIC_BASE_URL="${hotline.publicBaseUrl}" + path + query, then the sorted form params`,
    `  Telegram         POST ${hotline.publicBaseUrl}/telegram   with X-Telegram-Bot-Api-Secret-Token (docs/telegram.md; local secret: see README, Configuration)`,
    `  Serbian SIM      POST ${hotline.publicBaseUrl}/sms-gateway   signed as SMS Gateway for Android signs (docs/sms-gateway.md)`,
    '  Outbox           replies on Telegram and the SIM leave through the outbox: GET /_local/outbox shows every message',
    ...(tunnelled
      ? [
          '  Tunnel           only the webhooks and /prompts answer through it; the page and /_local/* answer on this machine only',
        ]
      : []),
    '  Try it           npm run send -- /sms From=+996700123456 Body=salam',
    `  Volunteers       ${volunteers}   (npm run admin -- volunteers list)`,
    `  Local routes     POST /_local/clock {"now":"2026-03-01T10:00:00Z"}   POST /_local/tick   GET /_local/outbox`,
    '                   GET /_local/volunteers   GET /_local/cases   GET /_local/caller?phone=…   GET /healthz',
    `  Found by         npm run send / admin, through ${relative(process.cwd(), RUNTIME_FILE)}`,
    '  Stop             Ctrl-C',
    '',
    'One line per webhook and job run follows (LOG_LEVEL=debug for more):',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** A fresh local table gets the sample roster, so a volunteer is on shift from the first try. */
async function seedSampleRoster(endpoint: string, tableName: string): Promise<string> {
  const client = DynamoDBDocumentClient.from(localDynamoDbClient(endpoint), {
    marshallOptions: { removeUndefinedValues: true },
  });
  try {
    const store = new DynamoRosterStore(client, tableName);
    const existing = await store.list();
    if (existing.length > 0) return `${existing.length} on the roster`;
    const file = JSON.parse(await readFile(SAMPLE_ROSTER, 'utf8')) as { volunteers?: unknown } | unknown[];
    const roster = parseRoster(Array.isArray(file) ? file : file.volunteers);
    await store.importRoster(roster, { replace: false });
    return `${roster.length} sample volunteers from ${relative(process.cwd(), SAMPLE_ROSTER)}`;
  } finally {
    client.destroy();
  }
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

main().catch((error: unknown) => {
  if (error instanceof JavaMissingError) fail(error.message);
  fail(`Could not start the hotline: ${error instanceof Error ? error.message : String(error)}`);
});
