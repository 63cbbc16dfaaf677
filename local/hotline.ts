// Assembles the local hotline: environment for the handlers, the HTTP server, the outbox and the jobs.
// `npm start` and the integration tests both start it through here.
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { consoleAssetsDir } from '../infra/console-assets.js';
import { SCHEDULED_FUNCTIONS, type ScheduledFunctionName } from '../infra/routes.js';
import { type Clock, hotlineClock } from '../shared/clock.js';
import { lambdaContext } from './apigw-event.js';
import {
  ensureHotlineTable,
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  localDynamoDbClient,
} from './dynamodb-local.js';
import { Outbox } from './outbox.js';
import { localOutboxDrain } from './outbox-drain.js';
import type { RequestLog } from './request-log.js';
import { createLocalRuntime, type ScheduledJob } from './server.js';
import { simulatorAssetsDir } from './simulator/assets.js';
import { SmsGatewayStandIn } from './sms-gateway-stand-in.js';
import { TelegramStandIn } from './telegram-stand-in.js';

const ROOT = resolve(import.meta.dirname, '..');

/** Local defaults, printed at start. Nothing here is a secret: they only work against this laptop. */
export const LOCAL_DEFAULTS = {
  port: 3000,
  dynamoDbPort: 8000,
  tableName: 'hotline',
  twilioAuthToken: 'local-twilio-auth-token',
  callerHashKey: 'local-caller-hash-key-not-secret',
  twilioAccountSid: `AC${'0'.repeat(32)}`,
  /** The hotline's number the simulator texts and calls. */
  twilioNumber: '+381110000000',
  telegramBotToken: '123456:local-telegram-token',
  telegramWebhookSecret: 'local-telegram-secret',
  smsGatewaySigningKey: 'local-gateway-key',
  smsGatewayUsername: 'hotline',
  smsGatewayPassword: 'local-gateway-password',
};

export interface LocalHotlineOptions {
  dynamoEndpoint: string;
  /** 0 picks a free port (tests). */
  port: number;
  host?: string;
  tableName?: string;
  twilioAuthToken?: string;
  /** Defaults to http://127.0.0.1:<port>. */
  publicBaseUrl?: string;
  /** `npm start`: one readable line per webhook and job run (tests leave it out). */
  requestLog?: RequestLog;
  /**
   * Where the local outbox drain reads DynamoDB Local's stream; default `dynamoEndpoint`. The bench points
   * the handlers at a request-counting proxy and the drain past it: in AWS the stream is not the webhook's.
   */
  drainEndpoint?: string;
}

export interface LocalHotline {
  url: string;
  publicBaseUrl: string;
  authToken: string;
  tableName: string;
  outbox: Outbox;
  /** Resolves once everything queued so far has left the outbox (Telegram, the SIM, their relays). */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

export async function startLocalHotline(options: LocalHotlineOptions): Promise<LocalHotline> {
  const tableName = options.tableName ?? LOCAL_DEFAULTS.tableName;
  const authToken = options.twilioAuthToken ?? LOCAL_DEFAULTS.twilioAuthToken;
  const host = options.host ?? '127.0.0.1';
  await ensureHotlineTable(options.dynamoEndpoint, tableName);

  const dynamo = localDynamoDbClient(options.dynamoEndpoint);
  const outbox = new Outbox();
  const jobs: ScheduledJob[] = [scheduledJob('reminders'), scheduledJob('escalations')];
  const drainDynamo = options.drainEndpoint ? localDynamoDbClient(options.drainEndpoint) : dynamo;
  const drain = localOutboxDrain({
    endpoint: options.drainEndpoint ?? options.dynamoEndpoint,
    dynamo: drainDynamo,
    tableName,
    onError: (error) =>
      process.stderr.write(`outbox drain failed: ${error instanceof Error ? error.message : 'unknown'}\n`),
  });
  const runtime = {
    drain,
    telegram: new TelegramStandIn(process.env.TELEGRAM_BOT_TOKEN ?? LOCAL_DEFAULTS.telegramBotToken, outbox),
    smsGateway: new SmsGatewayStandIn({
      username: process.env.SMS_GATEWAY_USERNAME ?? LOCAL_DEFAULTS.smsGatewayUsername,
      password: process.env.SMS_GATEWAY_PASSWORD ?? LOCAL_DEFAULTS.smsGatewayPassword,
      outbox,
    }),
    publicBaseUrl: '',
    authToken,
    tableName,
    dynamo,
    outbox,
    jobs,
    requestLog: options.requestLog,
  };
  const server = createLocalRuntime(runtime);
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port, host, () => done());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host}:${port}`;
  const publicBaseUrl = (options.publicBaseUrl ?? url).replace(/\/+$/, '');
  runtime.publicBaseUrl = publicBaseUrl;

  // The console's page and script, built as the stack builds them beside the console function's bundle.
  process.env.CONSOLE_ASSETS_DIR = consoleAssetsDir();
  // The simulator's script, its typed client bundled the same way (served at /static/app.js).
  process.env.SIMULATOR_ASSETS_DIR = simulatorAssetsDir();
  // The handlers read their configuration from the environment, exactly as in Lambda.
  Object.assign(
    process.env,
    handlerEnvironment(process.env, {
      tableName,
      publicBaseUrl,
      authToken,
      url,
      dynamoEndpoint: options.dynamoEndpoint,
    }),
  );

  return {
    url,
    publicBaseUrl,
    authToken,
    tableName,
    outbox,
    settled: () => drain.settled(),
    async stop() {
      await drain.settled();
      drain.stop();
      if (drainDynamo !== dynamo) drainDynamo.destroy();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      dynamo.destroy();
    },
  };
}

/** What the local runtime adds to the environment the handlers read, as the stack sets it in Lambda. */
export function handlerEnvironment(
  env: Record<string, string | undefined>,
  local: { tableName: string; publicBaseUrl: string; authToken: string; url: string; dynamoEndpoint: string },
): Record<string, string> {
  return {
    TABLE_NAME: local.tableName,
    PUBLIC_BASE_URL: local.publicBaseUrl,
    TWILIO_AUTH_TOKEN: local.authToken,
    CALLER_HASH_KEY: env.CALLER_HASH_KEY ?? LOCAL_DEFAULTS.callerHashKey,
    DYNAMODB_ENDPOINT: local.dynamoEndpoint,
    // A volunteer added with `npm run admin` counts from the next message.
    ROSTER_CACHE_SECONDS: env.ROSTER_CACHE_SECONDS ?? '0',
    SNS_ENDPOINT: `${local.url}/_local/sns`,
    TWILIO_API_BASE: `${local.url}/_local/twilio`,
    // The prompts served at /prompts/ and where the console's studio writes its recordings (`recorded/`).
    PROMPTS_AUDIO_DIR: env.PROMPTS_AUDIO_DIR ?? join(ROOT, 'prompts/audio'),
    // The case chase's hourly check of Twilio's usage records goes to the stand-in too.
    TWILIO_ACCOUNT_SID: env.TWILIO_ACCOUNT_SID ?? LOCAL_DEFAULTS.twilioAccountSid,
    // Texts outside a webhook's answer (console replies, sign-in codes) from the hotline's number.
    TWILIO_NUMBER: env.TWILIO_NUMBER ?? LOCAL_DEFAULTS.twilioNumber,
    // Telegram and the Serbian SIM, each against its stand-in (docs/telegram.md, docs/sms-gateway.md).
    TELEGRAM_API_BASE: `${local.url}/_local/telegram`,
    TELEGRAM_BOT_TOKEN: env.TELEGRAM_BOT_TOKEN ?? LOCAL_DEFAULTS.telegramBotToken,
    TELEGRAM_WEBHOOK_SECRET: env.TELEGRAM_WEBHOOK_SECRET ?? LOCAL_DEFAULTS.telegramWebhookSecret,
    SMS_GATEWAY_API_BASE: `${local.url}/_local/sms-gateway`,
    SMS_GATEWAY_MODE: 'local',
    SMS_GATEWAY_SIGNING_KEY: env.SMS_GATEWAY_SIGNING_KEY ?? LOCAL_DEFAULTS.smsGatewaySigningKey,
    SMS_GATEWAY_USERNAME: env.SMS_GATEWAY_USERNAME ?? LOCAL_DEFAULTS.smsGatewayUsername,
    SMS_GATEWAY_PASSWORD: env.SMS_GATEWAY_PASSWORD ?? LOCAL_DEFAULTS.smsGatewayPassword,
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
}

type ScheduledHandler = (event: ScheduledEvent, context: Context) => Promise<unknown>;

/** A scheduled function as EventBridge runs it: the same handler, a scheduled event, the simulated time. */
function scheduledJob(name: ScheduledFunctionName): ScheduledJob {
  let handler: Promise<ScheduledHandler> | undefined;
  const { entry, timeoutSeconds } = SCHEDULED_FUNCTIONS[name];
  return {
    name,
    async run() {
      // Imported on first tick, once the environment above is set, as Lambda loads it at cold start.
      handler ??= import(join(ROOT, entry)).then((module) => module.handler as ScheduledHandler);
      const requestId = randomUUID();
      return (await handler)(scheduledEvent(hotlineClock, name), {
        ...lambdaContext(`hotline-${name}`, requestId),
        getRemainingTimeInMillis: () => timeoutSeconds * 1000,
      });
    },
  };
}

function scheduledEvent(clock: Clock, name: ScheduledFunctionName): ScheduledEvent {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: '000000000000',
    time: clock.now().toISOString(),
    region: LOCAL_REGION,
    resources: [`arn:aws:events:local:000000000000:rule/hotline-${name}`],
    detail: {},
  };
}
