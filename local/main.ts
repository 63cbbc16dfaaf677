// `npm start`: the whole hotline on this machine — DynamoDB Local, the Lambda handlers over HTTP, the page.

import { readFile } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { relative, resolve } from 'node:path';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoRosterStore } from '../shared/volunteers/roster-store.js';
import { parseRoster } from '../shared/volunteers/volunteer.js';
import {
  JavaMissingError,
  localDynamoDbClient,
  type RunningDynamoDbLocal,
  startDynamoDbLocal,
} from './dynamodb-local.js';
import { LOCAL_DEFAULTS, type LocalHotline, startLocalHotline } from './hotline.js';

const args = new Set(process.argv.slice(2));
const port = Number(process.env.PORT ?? LOCAL_DEFAULTS.port);
const dynamoDbPort = Number(process.env.DYNAMODB_PORT ?? LOCAL_DEFAULTS.dynamoDbPort);
const inMemory = args.has('--in-memory') || process.env.HOTLINE_IN_MEMORY === '1';
const SAMPLE_ROSTER = resolve(import.meta.dirname, 'roster.sample.json');
const dataDir = resolve(process.env.LOCAL_DATA_DIR ?? '.local-data/dynamodb');

async function main(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  for (const [name, value] of [
    ['PORT', port],
    ['DYNAMODB_PORT', dynamoDbPort],
  ] as const) {
    if (await portInUse(value))
      fail(`Port ${value} is in use. Stop what uses it, or start with ${name}=<another port>.`);
  }

  let dynamo: RunningDynamoDbLocal | undefined;
  let hotline: LocalHotline | undefined;
  const shutdown = async (signal: string) => {
    process.stdout.write(`\n${signal}: stopping the hotline and DynamoDB Local…\n`);
    await hotline?.stop();
    await dynamo?.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  dynamo = await startDynamoDbLocal({ port: dynamoDbPort, dataDir: inMemory ? undefined : dataDir });
  hotline = await startLocalHotline({
    dynamoEndpoint: dynamo.endpoint,
    port,
    tableName: process.env.TABLE_NAME,
    twilioAuthToken: process.env.TWILIO_AUTH_TOKEN,
    publicBaseUrl: process.env.PUBLIC_BASE_URL,
  });

  const volunteers = await seedSampleRoster(dynamo.endpoint, hotline.tableName);

  const lines = [
    '',
    `Hotline running at ${hotline.url}  (open it in a browser to try it)`,
    `  DynamoDB Local   ${dynamo.endpoint}  table "${hotline.tableName}", ${inMemory ? 'in memory' : `data in ${dataDir}`}`,
    `  Webhooks         POST ${hotline.url}/sms   POST ${hotline.url}/voice   POST ${hotline.url}/voice/...`,
    `  Signing          X-Twilio-Signature with TWILIO_AUTH_TOKEN="${hotline.authToken}"`,
    `                   over PUBLIC_BASE_URL="${hotline.publicBaseUrl}" + path + query, then the sorted form params`,
    '  Try it           npm run send -- /sms From=+996700123456 Body=salam',
    `  Volunteers       ${volunteers}   (npm run admin -- volunteers list)`,
    `  Local routes     POST /_local/clock {"now":"2026-03-01T10:00:00Z"}   POST /_local/tick   GET /_local/outbox`,
    '                   GET /_local/volunteers   GET /_local/cases   GET /_local/caller?phone=…   GET /healthz',
    '  Stop             Ctrl-C',
    '',
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

function portInUse(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

main().catch((error: unknown) => {
  if (error instanceof JavaMissingError) fail(error.message);
  fail(`Could not start the hotline: ${error instanceof Error ? error.message : String(error)}`);
});
