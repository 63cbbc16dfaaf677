import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { dirname, extname, join, normalize, resolve } from 'node:path';
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import {
  FUNCTION_ENTRIES,
  matchRoute,
  type WebhookFunctionName,
  type WebhookRoute,
} from '../infra/routes.js';
import { DynamoCaseStore } from '../shared/adapters/dynamodb/case-store.js';
import { callerKeys } from '../shared/adapters/dynamodb/keys.js';
import { DynamoRosterStore } from '../shared/adapters/dynamodb/roster-store.js';
import { checkLocalUpload, LOCAL_UPLOAD_PREFIX } from '../shared/adapters/prompt-audio/local.js';
import { signGatewayWebhook } from '../shared/adapters/sms-gateway/webhook.js';
import { TELEGRAM_SECRET_HEADER } from '../shared/adapters/telegram/update.js';
import { twilioSignature } from '../shared/adapters/twilio/signature.js';
import { fixedClock, hotlineClock, installClock, systemClock } from '../shared/clock.js';
import type { TwilioWebhookHandler } from '../shared/http/twilio-webhook.js';
import { DEFAULT_LIMITS, estimatedUsd } from '../shared/limits/settings.js';
import { callerIdFor } from '../shared/privacy.js';
import { isOnShift, pinMatches } from '../shared/volunteers/volunteer.js';
import { apiGatewayEvent, apiGatewayEventFrom, lambdaContext } from './apigw-event.js';
import { isLoopbackRequest } from './loopback.js';
import { answerSnsRequest, answerTwilioMessage, type Outbox } from './outbox.js';
import type { OutboxDrain } from './outbox-drain.js';
import type { RequestLog } from './request-log.js';
import { simulatorAssetsDir } from './simulator/assets.js';
import type { SmsGatewayStandIn } from './sms-gateway-stand-in.js';
import type { TelegramStandIn } from './telegram-stand-in.js';

const ROOT = resolve(import.meta.dirname, '..');
const MAX_BODY_BYTES = 1_000_000;

/** The IVR audio the runtime serves, and where the studio's recordings go (PROMPTS_AUDIO_DIR). */
const promptsDir = () => process.env.PROMPTS_AUDIO_DIR ?? join(ROOT, 'prompts/audio');

/** The simulator's bundled script: built at start (SIMULATOR_ASSETS_DIR), or here on first request. */
const simulatorAssets = () => process.env.SIMULATOR_ASSETS_DIR ?? simulatorAssetsDir();

/** A job EventBridge runs on a schedule in AWS; locally `POST /_local/tick` runs it at the simulated time. */
export interface ScheduledJob {
  name: string;
  run(): Promise<unknown>;
}

export interface LocalRuntimeOptions {
  publicBaseUrl: string;
  authToken: string;
  tableName: string;
  dynamo: DynamoDBClient;
  outbox: Outbox;
  jobs: readonly ScheduledJob[];
  /** `npm start`: one readable line per webhook and job run in the terminal. */
  requestLog?: RequestLog | undefined;
  /** The outbox sender over DynamoDB Local's stream, run after each webhook and job. */
  drain?: OutboxDrain | undefined;
  /** The Bot API stand-in at /_local/telegram. */
  telegram?: TelegramStandIn | undefined;
  /** The phone's API stand-in at /_local/sms-gateway. */
  smsGateway?: SmsGatewayStandIn | undefined;
}

export function createLocalRuntime(options: LocalRuntimeOptions): Server {
  /** What the TwiML answers sent, per UTC day, for the usage-records stand-in. */
  const twilioSpend = twilioSpendCounter();
  /** Recordings deleted through the Twilio API stand-in (`GET /_local/twilio/recordings/deleted`). */
  const deletedRecordings: { recordingSid: string; at: string }[] = [];
  const handlers = new Map<WebhookFunctionName, Promise<TwilioWebhookHandler>>();
  const handlerFor = (fn: WebhookFunctionName) => {
    let loaded = handlers.get(fn);
    if (!loaded) {
      // The same module Lambda loads; imported on first use, after the environment is set.
      loaded = import(join(ROOT, FUNCTION_ENTRIES[fn])).then(
        (module) => module.handler as TwilioWebhookHandler,
      );
      handlers.set(fn, loaded);
    }
    return loaded;
  };

  return createServer((request, response) => {
    route(request, response).catch((error: unknown) => {
      process.stderr.write(`local runtime error: ${error instanceof Error ? error.name : 'unknown'}\n`);
      if (!response.headersSent) sendJson(response, 500, { error: 'local runtime error' });
    });
  });

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://local');
    const method = request.method ?? 'GET';
    const webhook = matchRoute(method, url.pathname);
    if (webhook) {
      const body = await readBody(request);
      const routeKey = `${webhook.method} ${webhook.path}`;
      const proxy = webhook.path.endsWith('{proxy+}')
        ? { proxy: url.pathname.slice(webhook.path.length - '{proxy+}'.length) }
        : undefined;
      const event = apiGatewayEvent(request, body, routeKey, proxy);
      return runWebhook(webhook, event, `${method} ${url.pathname}`, response);
    }

    if (method === 'GET' && url.pathname.startsWith('/prompts/')) return sendPrompt(url.pathname, response);
    // The studio's upload is the browser's, like the presigned PUT it stands in for: loopback only.
    if (method === 'PUT' && url.pathname.startsWith(LOCAL_UPLOAD_PREFIX) && isLoopbackRequest(request)) {
      return receivePromptUpload(url, await readBody(request), response);
    }
    // Through a tunnel only the webhooks and the prompts answer: nothing below is for the outside world.
    if (!isLoopbackRequest(request)) return sendJson(response, 404, { error: 'Not found' });

    switch (`${method} ${url.pathname}`) {
      case 'GET /healthz':
        return health(response);
      case 'GET /_local/clock':
        return sendJson(response, 200, { now: hotlineClock.now().toISOString() });
      case 'POST /_local/clock':
        return setClock(await readBody(request), response);
      case 'POST /_local/sign':
        return signForPage(await readBody(request), response);
      case 'POST /_local/sign-gateway':
        return signGatewayForPage(await readBody(request), response);
      case 'POST /_local/telegram-webhook':
        return forwardTelegramUpdate(request, await readBody(request), response);
      case 'POST /_local/tick': {
        const started = performance.now();
        const summary = await tick();
        await options.drain?.drain();
        options.requestLog?.end('', 'POST /_local/tick', 200, started);
        return sendJson(response, 200, summary);
      }
      case 'GET /_local/outbox':
        // Everything queued so far has gone out (or failed) before the outbox is shown.
        await options.drain?.settled();
        return sendJson(
          response,
          200,
          options.outbox.list({ inline: url.searchParams.get('inline') === '1' }),
        );
      case 'GET /_local/twilio/recordings/deleted':
        return sendJson(response, 200, deletedRecordings);
      case 'GET /_local/volunteers':
        return sendJson(response, 200, await volunteers());
      case 'GET /_local/cases':
        return sendJson(response, 200, await openCases());
      case 'GET /_local/caller':
        return sendJson(response, 200, await callerItems(url.searchParams.get('phone') ?? ''));
      case 'POST /_local/sns':
      case 'POST /_local/sns/': {
        const answer = answerSnsRequest(
          new URLSearchParams((await readBody(request)).toString('utf8')),
          options.outbox,
          hotlineClock.now(),
        );
        return send(response, answer.status, 'text/xml', answer.body);
      }
      case 'GET /':
      case 'GET /index.html':
        return sendPage(response);
    }
    // Telegram's Bot API and the phone's SMS API, as the hotline uses them.
    if (url.pathname.startsWith('/_local/telegram/') && options.telegram) {
      const answer = options.telegram.answerTelegramRequest(
        url.pathname.slice('/_local/telegram'.length),
        (await readBody(request)).toString('utf8'),
        hotlineClock.now(),
      );
      return send(response, answer.status, 'application/json', answer.body);
    }
    if (url.pathname.startsWith('/_local/sms-gateway/') && options.smsGateway) {
      const answer = options.smsGateway.answer(
        method,
        url.pathname.slice('/_local/sms-gateway'.length),
        flatHeaders(request),
        (await readBody(request)).toString('utf8'),
        hotlineClock.now(),
      );
      return send(response, answer.status, 'application/json', answer.body);
    }
    // Twilio's REST API, as far as the hotline uses it: deleting a voicemail recording.
    const recording =
      /^\/_local\/twilio\/2010-04-01\/Accounts\/(AC\w+)\/Recordings\/(RE[0-9a-f]{32})\.json$/.exec(
        url.pathname,
      );
    // A voicemail's audio, as the console plays it: a short tone stands in for what the caller said.
    const media = /^\/_local\/twilio\/2010-04-01\/Accounts\/(AC\w+)\/Recordings\/(RE[0-9a-f]{32})\.mp3$/.exec(
      url.pathname,
    );
    // The same audio for the simulator page, which holds no token (loopback only, as every /_local route).
    const played = /^\/_local\/twilio\/recordings\/(RE[0-9a-f]{32})\.mp3$/.exec(url.pathname);
    if (method === 'GET' && played) {
      if (deletedRecordings.some((r) => r.recordingSid === played[1]))
        return sendJson(response, 404, { code: 20404 });
      return send(response, 200, 'audio/wav', toneWav());
    }
    if (method === 'GET' && media) {
      const expected = `Basic ${Buffer.from(`${media[1]}:${options.authToken}`).toString('base64')}`;
      if (request.headers.authorization !== expected) return sendJson(response, 401, { code: 20003 });
      if (deletedRecordings.some((r) => r.recordingSid === media[2]))
        return sendJson(response, 404, { code: 20404 });
      return send(response, 200, 'audio/wav', toneWav());
    }
    if (method === 'DELETE' && recording) {
      const expected = `Basic ${Buffer.from(`${recording[1]}:${options.authToken}`).toString('base64')}`;
      if (request.headers.authorization !== expected) return sendJson(response, 401, { code: 20003 });
      deletedRecordings.push({ recordingSid: recording[2] ?? '', at: hotlineClock.now().toISOString() });
      response.writeHead(204).end();
      return;
    }
    // Sending a text from the hotline's number (the outbox: console replies, sign-in codes, relays).
    const messages = /^\/_local\/twilio\/2010-04-01\/Accounts\/(AC\w+)\/Messages\.json$/.exec(url.pathname);
    if (method === 'POST' && messages) {
      const expected = `Basic ${Buffer.from(`${messages[1]}:${options.authToken}`).toString('base64')}`;
      if (request.headers.authorization !== expected) {
        return sendJson(response, 401, { code: 20003, message: 'Authenticate', status: 401 });
      }
      const answer = answerTwilioMessage(
        messages[1] ?? '',
        new URLSearchParams((await readBody(request)).toString('utf8')),
        options.outbox,
        hotlineClock.now(),
      );
      if (answer.status === 201) twilioSpend.add(answer.usd, hotlineClock.now());
      return sendJson(response, answer.status, answer.body);
    }
    // Usage records, as far as the hotline reads them: today's total price (the case chase's hourly check),
    // here what the TwiML answers sent today at the limits' estimate.
    const usage = /^\/_local\/twilio\/2010-04-01\/Accounts\/(AC\w+)\/Usage\/Records\/Today\.json$/.exec(
      url.pathname,
    );
    if (method === 'GET' && usage) {
      const expected = `Basic ${Buffer.from(`${usage[1]}:${options.authToken}`).toString('base64')}`;
      if (request.headers.authorization !== expected) return sendJson(response, 401, { code: 20003 });
      const day = hotlineClock.now().toISOString().slice(0, 10);
      const category = url.searchParams.get('Category') ?? 'totalprice';
      return sendJson(response, 200, {
        usage_records: [
          {
            account_sid: usage[1],
            category,
            description: 'Total Price',
            start_date: day,
            end_date: day,
            price: twilioSpend.today(day).toFixed(5),
            price_unit: 'usd',
          },
        ],
      });
    }
    if (method === 'GET' && url.pathname.startsWith('/static/')) return sendStatic(url.pathname, response);
    return sendJson(response, 404, { error: `No route ${method} ${url.pathname}` });
  }

  /** Runs one webhook's handler on its API Gateway event, as Lambda would, and answers with its result. */
  async function runWebhook(
    webhook: WebhookRoute,
    event: APIGatewayProxyEventV2,
    logLine: string,
    response: ServerResponse,
  ): Promise<void> {
    const { requestId } = event.requestContext;
    const started = performance.now();
    options.requestLog?.begin(requestId);
    const handler = await handlerFor(webhook.fn);
    const result = await handler(event, lambdaContext(`hotline-${webhook.fn}`, requestId));
    options.requestLog?.end(requestId, logLine, result.statusCode ?? 200, started);
    if (webhook.fn === 'sms') {
      twilioSpend.count(String(result.body ?? ''), hotlineClock.now());
      recordInline(event, String(result.body ?? ''));
    }
    sendLambdaResult(response, result, requestId);
    // What the request queued leaves now, as the stream would hand it to the sender in AWS.
    await options.drain?.drain();
  }

  /** The texts a messaging answer's TwiML carries, into the outbox (listed with `?inline=1`). */
  function recordInline(event: APIGatewayProxyEventV2, twiml: string): void {
    const form = new URLSearchParams(
      event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : (event.body ?? ''),
    );
    const sender = form.get('From') ?? '';
    const at = hotlineClock.now().toISOString();
    for (const match of twiml.matchAll(/<Message(?: to="([^"]*)")?[^>]*>([\s\S]*?)<\/Message>/g)) {
      const address = match[1] ?? sender;
      const body = (match[2] ?? '')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'")
        .replace(/&amp;/g, '&');
      const whatsapp = /^whatsapp:/i.test(address);
      options.outbox.add({
        to: address.replace(/^whatsapp:/i, ''),
        body,
        channel: whatsapp ? 'whatsapp' : 'sms',
        at,
        via: 'twiml',
      });
    }
  }

  async function health(response: ServerResponse): Promise<void> {
    try {
      await options.dynamo.send(new DescribeTableCommand({ TableName: options.tableName }));
    } catch (error) {
      return sendJson(response, 503, {
        ok: false,
        table: options.tableName,
        error: `DynamoDB Local does not answer (${error instanceof Error ? error.name : 'unknown'})`,
      });
    }
    return sendJson(response, 200, {
      ok: true,
      table: options.tableName,
      now: hotlineClock.now().toISOString(),
    });
  }

  function setClock(body: Buffer, response: ServerResponse) {
    let now: unknown;
    try {
      now = (JSON.parse(body.toString('utf8') || '{}') as { now?: unknown }).now;
    } catch {
      return sendJson(response, 400, {
        error: 'Send JSON: {"now":"2026-03-01T10:00:00Z"} (or {"now":null} for real time)',
      });
    }
    if (now === null) {
      installClock(systemClock);
      return sendJson(response, 200, { now: hotlineClock.now().toISOString(), simulated: false });
    }
    const at = typeof now === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(now) ? new Date(now) : undefined;
    if (!at || Number.isNaN(at.getTime())) {
      return sendJson(response, 400, {
        error: '"now" must be an ISO-8601 date-time, e.g. 2026-03-01T10:00:00Z',
      });
    }
    installClock(fixedClock(at));
    return sendJson(response, 200, { now: at.toISOString(), simulated: true });
  }

  /**
   * The page's Twilio stand-in signs here, so the auth token stays on the server: `{url, params}` in, the
   * `X-Twilio-Signature` Twilio would send out. Loopback only, like every /_local route.
   */
  function signForPage(body: Buffer, response: ServerResponse) {
    let request: { url?: unknown; params?: unknown };
    try {
      request = JSON.parse(body.toString('utf8') || '{}') as typeof request;
    } catch {
      return sendJson(response, 400, { error: 'Send JSON: {"url":"…","params":{"Name":"value"}}' });
    }
    const { url, params } = request;
    const isForm =
      params !== null &&
      typeof params === 'object' &&
      Object.values(params).every((value) => typeof value === 'string');
    if (typeof url !== 'string' || !url.startsWith(`${options.publicBaseUrl}/`) || !isForm) {
      return sendJson(response, 400, {
        error: `"url" must start with ${options.publicBaseUrl}/ and "params" map names to strings`,
      });
    }
    return sendJson(response, 200, {
      signature: twilioSignature(options.authToken, url, params as Record<string, string>),
    });
  }

  /**
   * The page's stand-in for the Serbian SIM's phone signs here, so the signing key stays on the server:
   * `{body}` (the webhook's raw JSON) in, the `X-Timestamp` and `X-Signature` the app would send out. The
   * timestamp is the real time, as the phone signs with its own clock (the hotline checks it against its
   * own real clock, not the simulated one). Loopback only, like every /_local route.
   */
  function signGatewayForPage(body: Buffer, response: ServerResponse) {
    let raw: unknown;
    try {
      raw = (JSON.parse(body.toString('utf8') || '{}') as { body?: unknown }).body;
    } catch {
      raw = undefined;
    }
    if (typeof raw !== 'string') {
      return sendJson(response, 400, { error: 'Send JSON: {"body":"<the webhook\'s raw JSON text>"}' });
    }
    const signingKey = process.env.SMS_GATEWAY_SIGNING_KEY;
    if (!signingKey) return sendJson(response, 503, { error: 'SMS_GATEWAY_SIGNING_KEY is not set' });
    const timestamp = String(Math.floor(Date.now() / 1000));
    return sendJson(response, 200, { timestamp, signature: signGatewayWebhook(signingKey, raw, timestamp) });
  }

  /**
   * The page's Telegram stand-in posts an update here, and it goes to the /telegram webhook with the
   * secret header Telegram sends, so the secret stays on the server: `{update}` in, the webhook's answer
   * out. Loopback only, like every /_local route.
   */
  async function forwardTelegramUpdate(request: IncomingMessage, body: Buffer, response: ServerResponse) {
    let update: unknown;
    try {
      update = (JSON.parse(body.toString('utf8') || '{}') as { update?: unknown }).update;
    } catch {
      update = undefined;
    }
    if (update === null || typeof update !== 'object' || Array.isArray(update)) {
      return sendJson(response, 400, { error: 'Send JSON: {"update":{…a Bot API Update…}}' });
    }
    const secret = process.env.TELEGRAM_WEBHOOK_SECRET;
    const webhook = matchRoute('POST', '/telegram');
    if (!secret || !webhook) return sendJson(response, 503, { error: 'TELEGRAM_WEBHOOK_SECRET is not set' });
    const event = apiGatewayEventFrom(
      {
        method: 'POST',
        url: '/telegram',
        headers: {
          host: request.headers.host,
          'content-type': 'application/json',
          [TELEGRAM_SECRET_HEADER]: secret,
        },
        body: Buffer.from(JSON.stringify(update), 'utf8'),
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
        httpVersion: request.httpVersion,
      },
      'POST /telegram',
    );
    return runWebhook(webhook, event, 'POST /telegram', response);
  }

  /** The roster, each volunteer marked on or off shift at the simulated time (the page's volunteer phones). */
  async function volunteers(): Promise<unknown> {
    const roster = await new DynamoRosterStore(
      DynamoDBDocumentClient.from(options.dynamo),
      options.tableName,
    ).list();
    const now = hotlineClock.now();
    // The page's TAKE button types the PIN for the sample volunteers only: their PINs are printed in
    // local/roster.sample.json. A PIN set any other way never leaves the hash, and the hash stays here.
    const samples = await samplePins();
    return roster.map(({ pinHash, ...volunteer }) => {
      const samplePin = samples.find((pin) => pinMatches(pin, pinHash));
      return {
        ...volunteer,
        hasPin: pinHash !== undefined,
        onShift: isOnShift(volunteer, now),
        ...(samplePin ? { samplePin } : {}),
      };
    });
  }

  /** Open and taken cases, newest last: code, status, language, volunteer and history (no caller number). */
  async function openCases(): Promise<unknown> {
    const cases = await new DynamoCaseStore(
      DynamoDBDocumentClient.from(options.dynamo),
      options.tableName,
    ).listOpen(100);
    return cases.map(({ callerPhone: _phone, callerId: _id, ...rest }) => rest);
  }

  /** Everything stored about one number, for the simulator's "under the hood" panel. Local only. */
  async function callerItems(phone: string): Promise<unknown> {
    const number = phone.replace(/^whatsapp:/i, '').trim();
    const callerId = callerIdFor(number, process.env.CALLER_HASH_KEY ?? '');
    const result = await DynamoDBDocumentClient.from(options.dynamo).send(
      new QueryCommand({
        TableName: options.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': callerKeys.partition(callerId) },
        ConsistentRead: true,
      }),
    );
    return { phone: number, callerId, items: result.Items ?? [] };
  }

  async function tick(): Promise<unknown> {
    const ran: { job: string; result: unknown }[] = [];
    for (const job of options.jobs) ran.push({ job: job.name, result: await job.run() });
    return { now: hotlineClock.now().toISOString(), jobs: ran };
  }

  async function sendPage(response: ServerResponse): Promise<void> {
    const page = await readFile(join(ROOT, 'local/public/index.html'), 'utf8');
    // The page addresses its webhooks to the public URL, as Twilio does; /_local/sign signs them.
    const filled = page.replaceAll('__PUBLIC_BASE_URL__', escapeAttribute(options.publicBaseUrl));
    send(response, 200, 'text/html; charset=utf-8', filled);
  }

  async function sendPrompt(pathname: string, response: ServerResponse): Promise<void> {
    const relative = normalize(pathname.slice('/prompts/'.length));
    if (relative.startsWith('..') || !/^(recorded\/)?[a-z]{2}\/[\w-]+\.(wav|mp3)$/.test(relative)) {
      return sendJson(response, 404, { error: 'No such prompt' });
    }
    await sendFile(join(promptsDir(), relative), response);
  }

  /**
   * The prompt studio's upload, as the presigned PUT to the prompts bucket is deployed: signed, valid 5
   * minutes, a WAV into `recorded/` of the prompts folder. The console checks it before any call plays it.
   */
  async function receivePromptUpload(url: URL, body: Buffer, response: ServerResponse): Promise<void> {
    const checked = checkLocalUpload(url, process.env.CALLER_HASH_KEY ?? '', new Date());
    if ('refused' in checked) return sendJson(response, 403, { error: checked.refused });
    const file = join(promptsDir(), checked.path);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, body);
    response.writeHead(200, { etag: `"${body.length}"` }).end();
  }

  async function sendStatic(pathname: string, response: ServerResponse): Promise<void> {
    const relative = normalize(pathname.slice('/static/'.length));
    if (relative.startsWith('..') || !/^[\w./-]+$/.test(relative))
      return sendJson(response, 404, { error: 'No such file' });
    // The page's script: the typed client (local/simulator/client) as esbuild bundled it at start.
    if (relative === 'app.js') return sendFile(join(simulatorAssets(), 'app.js'), response);
    await sendFile(join(ROOT, 'local/public', relative), response);
  }

  async function sendFile(path: string, response: ServerResponse): Promise<void> {
    try {
      const content = await readFile(path);
      send(response, 200, CONTENT_TYPES[extname(path)] ?? 'application/octet-stream', content);
    } catch {
      sendJson(response, 404, { error: 'Not found' });
    }
  }
}

const CONTENT_TYPES: Record<string, string> = {
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.png': 'image/png',
};

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        fail(new Error('request body too large'));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => done(Buffer.concat(chunks)));
    request.on('error', fail);
  });
}

function sendLambdaResult(
  response: ServerResponse,
  result: APIGatewayProxyStructuredResultV2,
  requestId: string,
): void {
  // The same id the handler logs under, so a response can be found in the log.
  const headers: Record<string, string | string[]> = {
    ...((result.headers ?? {}) as Record<string, string>),
    'x-request-id': requestId,
  };
  // API Gateway turns the result's cookies into Set-Cookie headers, one each.
  if (result.cookies && result.cookies.length > 0) headers['set-cookie'] = result.cookies;
  const body = result.isBase64Encoded ? Buffer.from(result.body ?? '', 'base64') : (result.body ?? '');
  response.writeHead(result.statusCode ?? 200, headers);
  response.end(body);
}

function sendJson(response: ServerResponse, status: number, value: unknown): void {
  send(response, status, 'application/json; charset=utf-8', JSON.stringify(value, null, 2));
}

function send(response: ServerResponse, status: number, contentType: string, body: string | Buffer): void {
  response.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store' });
  response.end(body);
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/** Prices the `<Message>`s of messaging answers as the limits estimate them, per UTC day. */
function twilioSpendCounter() {
  const byDay = new Map<string, number>();
  return {
    count(twiml: string, now: Date) {
      const day = now.toISOString().slice(0, 10);
      let usd = byDay.get(day) ?? 0;
      for (const match of twiml.matchAll(/<Message(?: to="([^"]*)")?[^>]*>([\s\S]*?)<\/Message>/g)) {
        const body = (match[2] ?? '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
        usd += estimatedUsd(
          body,
          (match[1] ?? '').startsWith('whatsapp:') ? 'whatsapp' : 'sms',
          DEFAULT_LIMITS,
        );
      }
      byDay.set(day, usd);
    },
    add(usd: number, now: Date) {
      const day = now.toISOString().slice(0, 10);
      byDay.set(day, (byDay.get(day) ?? 0) + usd);
    },
    today(day: string): number {
      return byDay.get(day) ?? 0;
    },
  };
}

let samplePinsRead: Promise<string[]> | undefined;

/** The PINs printed in local/roster.sample.json (public by design). */
function samplePins(): Promise<string[]> {
  samplePinsRead ??= readFile(join(import.meta.dirname, 'roster.sample.json'), 'utf8')
    .then((text) => {
      const file = JSON.parse(text) as { volunteers?: { pin?: unknown }[] };
      return (file.volunteers ?? [])
        .map((v) => v.pin)
        .filter((pin): pin is string => typeof pin === 'string');
    })
    .catch(() => []);
  return samplePinsRead;
}

function flatHeaders(request: IncomingMessage): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(request.headers).map(([name, value]) => [
      name,
      Array.isArray(value) ? value.join(',') : value,
    ]),
  );
}

/** One second of a quiet 440 Hz tone, 8 kHz 16-bit mono WAV: the local stand-in for a voicemail. */
function toneWav(): Buffer {
  const rate = 8000;
  const samples = rate;
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++)
    data.writeInt16LE(Math.round(3000 * Math.sin((2 * Math.PI * 440 * i) / rate)), i * 2);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8);
  header.write('fmt ', 12);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}
