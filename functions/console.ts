// Lambda: the volunteers' console, `/console/` (the page) and `/console/api/*` (JSON), on the same HTTP
// API as the webhooks. Reads need a session cookie; every POST also needs the console's own Origin.
// docs/console.md describes the routes; shared/console/api.ts their shapes.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { documentClient } from '../shared/adapters/dynamodb/client.js';
import { DynamoConsoleStore } from '../shared/adapters/dynamodb/console-store.js';
import { DynamoPromptRecordings } from '../shared/adapters/dynamodb/prompt-recordings.js';
import { DynamoRosterStore } from '../shared/adapters/dynamodb/roster-store.js';
import { localPromptAudio } from '../shared/adapters/prompt-audio/local.js';
import { environmentCredentials, s3PromptAudio } from '../shared/adapters/prompt-audio/s3.js';
import { fetchRecording } from '../shared/adapters/twilio/recordings.js';
import { CASE_CODE_PATTERN } from '../shared/cases/case.js';
import { hotlineClock } from '../shared/clock.js';
import { hotlineConfig } from '../shared/config.js';
import type { ApiError, PasskeyResponse, RosterView, TelegramLinkCode } from '../shared/console/api.js';
import { caseFigures } from '../shared/console/figures.js';
import { meOf } from '../shared/console/views.js';
import { callerTextDependencies, recordingEraserFor } from '../shared/edge/caller-texts.js';
import { isLoopbackHost } from '../shared/http/loopback-host.js';
import { routePath } from '../shared/http/route-path.js';
import { limitSettings } from '../shared/limits/settings.js';
import { logger } from '../shared/logger.js';
import { once } from '../shared/once.js';
import { hotlineSecrets } from '../shared/secrets.js';
import {
  type ConsoleCommand,
  type ConsolePorts,
  countSourceTry,
  isConsolePhone,
  listCases,
  readCase,
  requestSignInCode,
  runCaseCommand,
  sessionVolunteer,
  signOut,
  verifySignInCode,
} from '../shared/use-cases/console.js';
import {
  addPasskey,
  listPasskeys,
  passkeyCreationOptions,
  passkeySignInOptions,
  removePasskey,
  signInWithPasskey,
} from '../shared/use-cases/console-passkeys.js';
import { changeRoster, rosterView, setConsoleOnly } from '../shared/use-cases/console-roster.js';
import {
  confirmUpload,
  listPrompts,
  type StudioPorts,
  startUpload,
} from '../shared/use-cases/prompt-studio.js';
import { startTelegramLink } from '../shared/use-cases/telegram-link.js';

const CASE_ROUTE = new RegExp(
  `^/cases/(${CASE_CODE_PATTERN})(?:/(take|reply|note|close|voicemail/(\\d{1,2})))?$`,
);

type Result = APIGatewayProxyStructuredResultV2;
type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<Result>;

export const SESSION_COOKIE = 'hotline_console';
/** Weeks the coordinators' figures show. */
const FIGURE_WEEKS = 8;

const dependencies = once(() => {
  const config = hotlineConfig();
  const shared = callerTextDependencies();
  const client = documentClient(config);
  return {
    config,
    client,
    store: new DynamoConsoleStore(client, config.TABLE_NAME),
    rosterStore: new DynamoRosterStore(client, config.TABLE_NAME),
    shared,
  };
});

/** The page, the script and the styles: built next to the bundle (CONSOLE_ASSETS_DIR locally). */
const ASSETS: Record<string, { file: string; type: string }> = {
  '/console': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/console/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/console/app.js': { file: 'app.js', type: 'text/javascript; charset=utf-8' },
  '/console/app.css': { file: 'app.css', type: 'text/css; charset=utf-8' },
};

const assetCache = new Map<string, Promise<string>>();
function asset(file: string): Promise<string> {
  const dir = process.env.CONSOLE_ASSETS_DIR ?? join(import.meta.dirname, 'console');
  let cached = assetCache.get(file);
  if (!cached) {
    cached = readFile(join(dir, file), 'utf8');
    // Locally the page is rebuilt on each start; in Lambda the files never change within a container.
    if (!process.env.CONSOLE_ASSETS_DIR) assetCache.set(file, cached);
  }
  return cached;
}

const originOf = (url: string | undefined) => {
  try {
    return url ? new URL(url).origin : undefined;
  } catch {
    return undefined;
  }
};

/**
 * Strict: the page loads only its own script and styles and cannot be framed. Audio also plays from the
 * prompts' delivery (the studio), and recordings are PUT straight into the prompts bucket.
 */
function contentSecurityPolicy(): string {
  const config = hotlineConfig();
  const prompts = originOf(config.PROMPTS_BASE_URL);
  const bucket = config.PROMPTS_BUCKET
    ? `https://${config.PROMPTS_BUCKET}.s3.${process.env.AWS_REGION ?? 'us-east-1'}.amazonaws.com`
    : undefined;
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `media-src 'self' blob:${prompts ? ` ${prompts}` : ''}`,
    `connect-src 'self'${bucket ? ` ${bucket}` : ''}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'self'",
  ].join('; ');
}

const SECURITY_HEADERS = {
  // The API's answers are data, never a page; the page itself gets contentSecurityPolicy().
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

const json = (statusCode: number, body: unknown, extra: Partial<Result> = {}): Result => ({
  statusCode,
  headers: { 'content-type': 'application/json; charset=utf-8', ...SECURITY_HEADERS },
  body: JSON.stringify(body),
  ...extra,
});

const fail = (statusCode: number, error: ApiError['error'], message: string, retryAfterSeconds?: number) =>
  json(
    statusCode,
    {
      error,
      message,
      ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
    } satisfies ApiError,
    retryAfterSeconds !== undefined
      ? {
          headers: {
            'content-type': 'application/json; charset=utf-8',
            'retry-after': String(retryAfterSeconds),
            ...SECURITY_HEADERS,
          },
        }
      : {},
  );

/** The host the request was made to names the console's origin; loopback runs without TLS. */
function consoleOrigin(event: APIGatewayProxyEventV2): { origin: string; secure: boolean } {
  const host = event.requestContext.domainName || event.headers.host || '';
  const loopback = isLoopbackHost(host);
  const forwardedProto = event.headers['x-forwarded-proto'];
  const scheme = loopback && forwardedProto !== 'https' ? 'http' : 'https';
  return { origin: `${scheme}://${host}`, secure: scheme === 'https' };
}

/** The passkeys' relying party: the console's own host (no port) and origin. */
function relyingParty(origin: string): { id: string; origin: string } {
  return { id: new URL(origin).hostname.replace(/^\[|\]$/g, ''), origin };
}

/** The page's `PublicKeyCredential` as it posts it; anything else is not one. */
function passkeyResponseOf(body: Record<string, unknown> | undefined): PasskeyResponse | undefined {
  const response = body?.response as Record<string, unknown> | undefined;
  if (typeof body?.id !== 'string' || !response || typeof response !== 'object') return undefined;
  const text = (key: string) => (typeof response[key] === 'string' ? (response[key] as string) : undefined);
  const clientDataJSON = text('clientDataJSON');
  if (!clientDataJSON) return undefined;
  return {
    id: body.id,
    response: {
      clientDataJSON,
      ...(text('attestationObject') ? { attestationObject: text('attestationObject') } : {}),
      ...(text('authenticatorData') ? { authenticatorData: text('authenticatorData') } : {}),
      ...(text('signature') ? { signature: text('signature') } : {}),
      ...(text('userHandle') ? { userHandle: text('userHandle') } : {}),
    },
  };
}

function cookieOf(event: APIGatewayProxyEventV2): string | undefined {
  const all = [...(event.cookies ?? []), ...(event.headers.cookie ? event.headers.cookie.split(';') : [])];
  for (const cookie of all) {
    const [name, ...value] = cookie.trim().split('=');
    if (name === SESSION_COOKIE) return value.join('=');
  }
  return undefined;
}

function sessionCookie(value: string, maxAgeSeconds: number, secure: boolean): string {
  return [
    `${SESSION_COOKIE}=${value}`,
    'Path=/console',
    `Max-Age=${maxAgeSeconds}`,
    'HttpOnly',
    'SameSite=Strict',
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

function bodyOf(event: APIGatewayProxyEventV2): Record<string, unknown> | undefined {
  const raw = event.isBase64Encoded
    ? Buffer.from(event.body ?? '', 'base64').toString('utf8')
    : (event.body ?? '');
  if (raw.length > 10_000) return undefined;
  try {
    const parsed = JSON.parse(raw || '{}') as unknown;
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** The studio's stores: the prompts bucket when deployed, the prompts folder locally. */
async function studioPorts(): Promise<StudioPorts> {
  const { config, client } = dependencies();
  const secrets = await hotlineSecrets(config);
  const now = () => new Date();
  return {
    recordings: new DynamoPromptRecordings(client, config.TABLE_NAME),
    audio: config.PROMPTS_BUCKET
      ? s3PromptAudio({
          bucket: config.PROMPTS_BUCKET,
          region: process.env.AWS_REGION ?? 'us-east-1',
          credentials: () => environmentCredentials(),
          now,
        })
      : localPromptAudio({
          dir: config.PROMPTS_AUDIO_DIR ?? join(process.cwd(), 'prompts/audio'),
          signingKey: secrets.callerHashKey,
          now,
        }),
    urls: { PUBLIC_BASE_URL: config.PUBLIC_BASE_URL, PROMPTS_BASE_URL: config.PROMPTS_BASE_URL },
    now,
  };
}

async function portsFor(): Promise<ConsolePorts> {
  const { config, store, shared } = dependencies();
  const secrets = await hotlineSecrets(config);
  return {
    store,
    // Uncached: a pause, a removal or a role change counts from the console's next request.
    roster: dependencies().rosterStore,
    inbox: shared.inbox,
    cases: shared.cases,
    clock: hotlineClock,
    hashKey: secrets.callerHashKey,
    recordings: recordingEraserFor(config, { authToken: secrets.twilioAuthToken }),
    allowedCountryCodes: limitSettings(config).allowedCountryCodes,
    log: logger,
  };
}

async function route(event: APIGatewayProxyEventV2, context: Context): Promise<Result> {
  const method = event.requestContext.http.method.toUpperCase();
  const path = routePath(event).replace(/\/+$/, '') || '/';
  const page = ASSETS[routePath(event)] ?? ASSETS[path];
  if (page) {
    if (method !== 'GET' && method !== 'HEAD') return fail(405, 'bad_request', 'Use GET');
    return {
      statusCode: 200,
      headers: {
        'content-type': page.type,
        ...SECURITY_HEADERS,
        'content-security-policy': contentSecurityPolicy(),
      },
      body: await asset(page.file),
    };
  }
  if (!path.startsWith('/console/api/')) return fail(404, 'not_found', 'No such page');
  const api = path.slice('/console/api'.length);
  const { origin, secure } = consoleOrigin(event);
  if (method === 'POST' && event.headers.origin !== origin) {
    return fail(403, 'wrong_origin', 'This request did not come from the console page');
  }
  if (method !== 'POST' && method !== 'GET') return fail(405, 'bad_request', 'Use GET or POST');
  const ports = await portsFor();
  const log = logger.child({ requestId: context.awsRequestId, route: '/console/api' });

  if (method === 'POST' && (api === '/sign-in' || api === '/sign-in/verify')) {
    const counted = await countSourceTry({ ...ports, log }, event.requestContext.http.sourceIp);
    if (!counted.ok)
      return fail(
        429,
        'locked',
        'Too many sign-in tries from here: wait, then try again',
        counted.retryAfterSeconds,
      );
  }
  if (method === 'POST' && api === '/sign-in') {
    const body = bodyOf(event);
    const phone = typeof body?.phone === 'string' ? body.phone.replace(/[\s()-]/g, '') : '';
    if (!isConsolePhone(phone))
      return fail(400, 'bad_request', 'A phone number in international form: +381…');
    await requestSignInCode({ ...ports, log }, phone);
    return json(202, { sent: true });
  }
  if (method === 'POST' && api === '/sign-in/verify') {
    const body = bodyOf(event);
    const phone = typeof body?.phone === 'string' ? body.phone.replace(/[\s()-]/g, '') : '';
    const code = typeof body?.code === 'string' ? body.code.trim() : '';
    if (!isConsolePhone(phone))
      return fail(400, 'bad_request', 'A phone number in international form: +381…');
    const result = await verifySignInCode({ ...ports, log }, phone, code);
    if (!result.ok) {
      return result.status === 429
        ? fail(429, 'locked', 'Too many wrong codes: wait, then ask for a new one', result.retryAfterSeconds)
        : fail(401, 'wrong_code', 'That code is wrong or has expired');
    }
    const maxAge = Math.floor((result.expiresAt.getTime() - hotlineClock.now().getTime()) / 1000);
    return json(200, result.me, { cookies: [sessionCookie(result.token, maxAge, secure)] });
  }

  if (method === 'POST' && api === '/sign-in/passkey/options') {
    return json(200, passkeySignInOptions(ports, relyingParty(origin)));
  }
  if (method === 'POST' && api === '/sign-in/passkey') {
    const response = passkeyResponseOf(bodyOf(event));
    if (!response) return fail(400, 'bad_request', 'Send the passkey’s answer');
    const result = await signInWithPasskey({ ...ports, log }, relyingParty(origin), response);
    if (!result.ok) return fail(401, 'wrong_code', 'That passkey did not sign you in: use a code');
    const maxAge = Math.floor((result.expiresAt.getTime() - hotlineClock.now().getTime()) / 1000);
    return json(200, result.me, { cookies: [sessionCookie(result.token, maxAge, secure)] });
  }

  const token = cookieOf(event);
  if (method === 'POST' && api === '/sign-out') {
    await signOut(ports, token);
    return json(200, { signedOut: true }, { cookies: [sessionCookie('', 0, secure)] });
  }
  const session = await sessionVolunteer(ports, token);
  if (!session) return fail(401, 'signed_out', 'Sign in first');
  const { volunteer, roster } = session;
  const sessionLog = log.child({ volunteer: volunteer.volunteerId });

  if (method === 'GET' && api === '/me') return json(200, meOf(volunteer));
  if (method === 'POST' && api === '/me') {
    const body = bodyOf(event);
    if (typeof body?.consoleOnly !== 'boolean')
      return fail(400, 'bad_request', 'Send {"consoleOnly": true|false}');
    const next = await setConsoleOnly(dependencies().rosterStore, volunteer, body.consoleOnly);
    sessionLog.info('console.preference', { consoleOnly: next.consoleOnly });
    return json(200, meOf(next));
  }
  if (method === 'GET' && api === '/cases') return json(200, await listCases(ports, volunteer, roster));
  if (method === 'POST' && api === '/telegram/link') {
    const { code, expiresInMinutes } = await startTelegramLink(
      { links: dependencies().shared.telegramLinks, clock: hotlineClock },
      volunteer,
    );
    sessionLog.info('console.telegram_link_code');
    const link: TelegramLinkCode = { command: `/link ${code}`, expiresInMinutes };
    return json(200, link);
  }
  if (method === 'POST' && api === '/telegram/unlink') {
    await dependencies().shared.telegramLinks.unlink(volunteer.volunteerId);
    sessionLog.info('console.telegram_unlinked');
    return json(200, meOf({ ...volunteer, telegramChatId: undefined }));
  }

  if (api === '/passkeys' || api.startsWith('/passkeys/')) {
    return passkeyRoute({ ...ports, log: sessionLog }, volunteer, method, api, event, origin);
  }

  const caseRoute = CASE_ROUTE.exec(api);
  if (caseRoute) {
    const code = caseRoute[1] ?? '';
    const action = caseRoute[2];
    if (method === 'GET' && !action) {
      const detail = await readCase(ports, volunteer, roster, code);
      return detail ? json(200, detail) : fail(404, 'not_found', 'No such open case in your languages');
    }
    if (method === 'GET' && action?.startsWith('voicemail/')) {
      return voicemail(ports, session, code, Number(caseRoute[3]));
    }
    if (
      method === 'POST' &&
      (action === 'take' || action === 'reply' || action === 'note' || action === 'close')
    ) {
      const body = bodyOf(event);
      if (!body) return fail(400, 'bad_request', 'Send JSON');
      const text = typeof body.text === 'string' ? body.text : '';
      const command: ConsoleCommand =
        action === 'reply' || action === 'note' ? { kind: action, text } : { kind: action };
      const result = await runCaseCommand(
        { ...ports, log: sessionLog },
        session,
        code,
        command,
        context.awsRequestId,
      );
      if (!result.ok) return fail(result.status, result.error, result.message);
      sessionLog.info('console.command', { action, outcome: result.answer.outcome });
      return json(200, result.answer);
    }
    return fail(405, 'bad_request', 'No such action');
  }

  if (method === 'GET' && api === '/figures') {
    if (!volunteer.coordinator) return fail(403, 'not_allowed', 'Only coordinators see the figures');
    const now = hotlineClock.now();
    const since = new Date(now.getTime() - (FIGURE_WEEKS + 1) * 7 * 86_400_000);
    return json(200, caseFigures(await dependencies().shared.cases.histories(since), now, FIGURE_WEEKS));
  }

  if (api === '/prompts' || api.startsWith('/prompts/')) {
    if (!volunteer.coordinator) return fail(403, 'not_allowed', 'Only coordinators record prompts');
    const studio = await studioPorts();
    if (method === 'GET' && api === '/prompts') return json(200, await listPrompts(studio, roster));
    const target = /^\/prompts\/(ky|ru)\/([a-z0-9_]{1,40})\/(upload|recorded)$/.exec(api);
    if (method !== 'POST' || !target) return fail(404, 'not_found', 'No such prompt route');
    const key = `${target[1]}/${target[2]}`;
    if (target[3] === 'upload') {
      const upload = await startUpload(studio, key);
      return upload ? json(200, upload) : fail(404, 'not_found', `No recordable prompt ${key}`);
    }
    const body = bodyOf(event);
    const version = typeof body?.version === 'string' ? body.version : '';
    const confirmed = await confirmUpload(studio, key, version, volunteer);
    if (!confirmed.ok)
      return fail(
        confirmed.status,
        confirmed.status === 404 ? 'not_found' : 'bad_request',
        confirmed.message,
      );
    sessionLog.info('console.prompt_recorded', { prompt: key });
    const updated = (await listPrompts(studio, roster)).prompts.find((p) => p.key === key);
    return json(200, updated);
  }

  if (api === '/roster' || api.startsWith('/roster/')) {
    if (!volunteer.coordinator) return fail(403, 'not_allowed', 'Only coordinators manage the roster');
    const { rosterStore } = dependencies();
    if (method === 'GET' && api === '/roster') {
      return json(200, rosterView(await rosterStore.list(), hotlineClock.now()) satisfies RosterView);
    }
    if (method === 'POST') {
      const body = bodyOf(event);
      if (!body) return fail(400, 'bad_request', 'Send JSON');
      const target = /^\/roster(?:\/([a-z][a-z0-9-]{1,31})(\/remove)?)?$/.exec(api);
      if (!target) return fail(404, 'not_found', 'No such volunteer route');
      const change = await changeRoster(
        rosterStore,
        target[1] === undefined
          ? { kind: 'add', input: body }
          : target[2]
            ? { kind: 'remove', volunteerId: target[1] }
            : { kind: 'update', volunteerId: target[1], input: body },
        volunteer,
        () => hotlineClock.now(),
      );
      if (!change.ok)
        return fail(
          change.status,
          change.status === 404 ? 'not_found' : change.status === 409 ? 'conflict' : 'bad_request',
          change.message,
        );
      // A removed volunteer's passkeys go with them (a reused id starts with none).
      if (target[2] && target[1]) await dependencies().store.deletePasskeysOf(target[1]);
      sessionLog.info('console.roster_changed', {
        change: target[1] === undefined ? 'add' : target[2] ? 'remove' : 'update',
      });
      return json(200, rosterView(await rosterStore.list(), hotlineClock.now()));
    }
  }
  return fail(404, 'not_found', 'No such route');
}

/** The volunteer's own passkeys: list, add (options, then the device's answer), remove. */
async function passkeyRoute(
  ports: ConsolePorts,
  volunteer: import('../shared/volunteers/volunteer.js').Volunteer,
  method: string,
  api: string,
  event: APIGatewayProxyEventV2,
  origin: string,
): Promise<Result> {
  if (method === 'GET' && api === '/passkeys') return json(200, await listPasskeys(ports, volunteer));
  if (method !== 'POST') return fail(405, 'bad_request', 'Use POST');
  const rp = relyingParty(origin);
  const remove = /^\/passkeys\/([A-Za-z0-9_-]{16,1400})\/remove$/.exec(api);
  let outcome: Awaited<ReturnType<typeof removePasskey>> | Awaited<ReturnType<typeof passkeyCreationOptions>>;
  if (api === '/passkeys/options') outcome = await passkeyCreationOptions(ports, volunteer, rp);
  else if (remove) outcome = await removePasskey(ports, volunteer, remove[1] ?? '');
  else if (api === '/passkeys') {
    const response = passkeyResponseOf(bodyOf(event));
    if (!response) return fail(400, 'bad_request', 'Send the passkey’s answer');
    outcome = await addPasskey(ports, volunteer, rp, response);
  } else return fail(404, 'not_found', 'No such passkey route');
  if (!outcome.ok)
    return fail(
      outcome.status,
      outcome.status === 404 ? 'not_found' : outcome.status === 409 ? 'conflict' : 'bad_request',
      outcome.message,
    );
  return json(200, outcome.value);
}

/** A voicemail's audio, fetched from Twilio with the account's key: the browser never sees Twilio's URL. */
async function voicemail(
  ports: ConsolePorts,
  session: { volunteer: import('../shared/volunteers/volunteer.js').Volunteer },
  code: string,
  index: number,
): Promise<Result> {
  const target = await ports.cases.get(code);
  const sid = target?.recordingSids[index - 1];
  if (
    !target ||
    target.status === 'closed' ||
    !sid ||
    (!session.volunteer.coordinator && !session.volunteer.languages.includes(target.language))
  ) {
    return fail(404, 'not_found', 'No such voicemail');
  }
  const { config } = dependencies();
  const secrets = await hotlineSecrets(config);
  if (!config.TWILIO_ACCOUNT_SID) return fail(404, 'not_found', 'The Twilio account is not configured');
  const audio = await fetchRecording(
    {
      accountSid: config.TWILIO_ACCOUNT_SID,
      authToken: secrets.twilioAuthToken,
      apiBase: config.TWILIO_API_BASE,
    },
    sid,
  );
  if (!audio) return fail(404, 'not_found', 'The recording is gone');
  await ports.store.recordAccess(
    code,
    { at: hotlineClock.now().toISOString(), volunteerId: session.volunteer.volunteerId, action: 'voicemail' },
    target.expiresAt,
  );
  return {
    statusCode: 200,
    headers: { 'content-type': audio.type, ...SECURITY_HEADERS },
    body: audio.body.toString('base64'),
    isBase64Encoded: true,
  };
}

export const handler: Handler = middy<APIGatewayProxyEventV2, Result>()
  .use({
    onError: async (request) => {
      logger.child({ requestId: request.context.awsRequestId, route: '/console' }).error('console.failed', {
        error: request.error,
      });
      request.response = fail(500, 'server_error', 'Something went wrong; try again');
    },
  })
  .handler(route) as unknown as Handler;
