// Test helpers: start the real local runtime in this test file's process (against the run's DynamoDB
// Local) and talk to it as Twilio does — signed form posts — then read the reply as parsed XML.
import { randomBytes } from 'node:crypto';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { XMLParser } from 'fast-xml-parser';
import { inject } from 'vitest';
import { localDynamoDbClient } from '../../local/dynamodb-local.js';
import { type LocalHotline, startLocalHotline } from '../../local/hotline.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { callerKeys } from '../../shared/adapters/dynamodb/keys.js';
import { twilioSignature } from '../../shared/adapters/twilio/signature.js';
import { callerIdFor } from '../../shared/privacy.js';

export const TEST_HASH_KEY = 'test-caller-hash-key-0123456789';

/**
 * Limits loose enough that a test about something else never meets one: scripted conversations send a
 * dozen texts in one simulated minute, and relays are read one by one. tests/integration/limits*.test.ts
 * run with the deployment's defaults (or tighter) instead.
 */
export const LOOSE_LIMITS: Readonly<Record<string, string>> = {
  CALLER_REPLIES_PER_HOUR: '1000',
  UNKNOWN_REPLIES_PER_HOUR: '100',
  UNKNOWN_REPLY_GAP_SECONDS: '0',
  FLOOD_TEXTS_PER_MINUTE: '1000',
  RELAY_GAP_SECONDS: '0',
  IVR_SMS_PER_DAY: '100',
  IVR_CODES_PER_DAY: '100',
  IVR_SMS_PER_HOUR: '10000',
  IVR_SMS_TOTAL_PER_DAY: '100000',
  WITHHELD_CASES_PER_HOUR: '1000',
  DAILY_SPEND_CEILING_USD: '100000',
};

/**
 * `limits`: the limit variables this file runs with (each file is its own process, so they do not leak);
 * by default LOOSE_LIMITS, `{}` for the deployment's defaults.
 */
export async function startTestHotline(
  limits: Readonly<Record<string, string>> = LOOSE_LIMITS,
): Promise<LocalHotline> {
  process.env.CALLER_HASH_KEY = TEST_HASH_KEY;
  process.env.LOG_LEVEL = 'debug';
  for (const name of Object.keys(LOOSE_LIMITS)) delete process.env[name];
  // No pause between two messages to one chat or through the SIM: a test sends them milliseconds apart.
  // tests/unit/reminders/send-pace.test.ts holds the pacing itself to its intervals.
  process.env.TELEGRAM_CHAT_INTERVAL_MS = '0';
  process.env.SMS_GATEWAY_SEND_INTERVAL_MS = '0';
  Object.assign(process.env, limits);
  return startLocalHotline({
    dynamoEndpoint: inject('dynamoEndpoint'),
    port: 0,
    tableName: `hotline-${randomBytes(4).toString('hex')}`,
  });
}

/** Sets the simulated time of every handler and job, as `POST /_local/clock` does for a script. */
export async function setClock(hotline: LocalHotline, now: string | null): Promise<void> {
  const answer = await fetch(`${hotline.url}/_local/clock`, {
    method: 'POST',
    body: JSON.stringify({ now }),
  });
  if (!answer.ok) throw new Error(`/_local/clock refused ${String(now)}: ${answer.status}`);
}

export const sid = (prefix: 'SM' | 'CA' | 'AC') => `${prefix}${randomBytes(16).toString('hex')}`;

/** A phone number no other test uses, so tests sharing a table never see each other's callers. */
export function uniquePhone(country = '+996'): string {
  return `${country}7${String(randomBytes(4).readUInt32BE() % 100_000_000).padStart(8, '0')}`;
}

export interface TwilioReply {
  status: number;
  contentType: string;
  xml: string;
  twiml: Record<string, unknown>;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  isArray: (_name, _path, _leaf, isAttribute) => !isAttribute,
});

export function parseTwiml(xml: string): Record<string, unknown> {
  return parser.parse(xml, true) as Record<string, unknown>;
}

export async function postSigned(
  hotline: LocalHotline,
  path: string,
  params: Record<string, string>,
  options: { signature?: string | null; authToken?: string } = {},
): Promise<TwilioReply> {
  const signature =
    options.signature === undefined
      ? twilioSignature(options.authToken ?? hotline.authToken, `${hotline.publicBaseUrl}${path}`, params)
      : options.signature;
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (signature !== null) headers['x-twilio-signature'] = signature;
  const response = await fetch(`${hotline.url}${path}`, {
    method: 'POST',
    headers,
    body: new URLSearchParams(params).toString(),
  });
  const xml = await response.text();
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    xml,
    twiml: parseTwiml(xml),
  };
}

export function smsParams(from: string, body: string, messageSid = sid('SM')): Record<string, string> {
  return {
    MessageSid: messageSid,
    AccountSid: 'ACtest',
    From: from,
    To: '+381110000000',
    Body: body,
    NumMedia: '0',
  };
}

/** Text of every `<Message>` in a messaging reply, in order. */
export function messageBodies(reply: TwilioReply): string[] {
  const response = (reply.twiml.Response as Record<string, unknown>[] | undefined)?.[0];
  const messages = (response?.Message as unknown[] | undefined) ?? [];
  return messages.map((message) =>
    typeof message === 'string' ? message : String((message as Record<string, unknown>)['#text'] ?? ''),
  );
}

/** Every item stored under the caller's partition, straight from DynamoDB Local. */
export async function itemsOfCaller(
  hotline: LocalHotline,
  phone: string,
): Promise<Record<string, unknown>[]> {
  const client = createDocumentClient(inject('dynamoEndpoint'));
  try {
    const result = await client.send(
      new QueryCommand({
        TableName: hotline.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': callerKeys.partition(callerIdFor(phone, TEST_HASH_KEY)) },
        ConsistentRead: true,
      }),
    );
    return result.Items ?? [];
  } finally {
    client.destroy();
  }
}

export { localDynamoDbClient };

let updateId = Math.floor(Math.random() * 1_000_000) * 1000;

/** A Telegram `Update` as the Bot API posts it for a private text message. */
export function telegramUpdate(
  chatId: number,
  text: string,
  options: { updateId?: number; languageCode?: string } = {},
): Record<string, unknown> {
  const id = options.updateId ?? ++updateId;
  const isCommand = text.startsWith('/');
  return {
    update_id: id,
    message: {
      message_id: id % 100_000,
      from: {
        id: chatId,
        is_bot: false,
        first_name: 'Айгүл',
        ...(options.languageCode ? { language_code: options.languageCode } : {}),
      },
      chat: { id: chatId, first_name: 'Айгүл', type: 'private' },
      date: Math.floor(Date.now() / 1000),
      text,
      ...(isCommand
        ? { entities: [{ offset: 0, length: text.split(' ')[0]?.length ?? 0, type: 'bot_command' }] }
        : {}),
    },
  };
}

/** Posts an update to /telegram with the secret header Telegram sends (`secret` null: no header). */
export async function postTelegram(
  hotline: LocalHotline,
  update: unknown,
  secret: string | null = 'local-telegram-secret',
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${hotline.url}/telegram`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(secret === null ? {} : { 'x-telegram-bot-api-secret-token': secret }),
    },
    body: JSON.stringify(update),
  });
  const text = await response.text();
  await hotline.settled();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

export const uniqueChatId = (): number => 100_000_000 + Math.floor(Math.random() * 900_000_000);

/** Posts a webhook to /sms-gateway exactly as SMS Gateway for Android sends it (headers and body). */
export async function postGateway(
  hotline: LocalHotline,
  request: { body: string; headers: Record<string, string> },
): Promise<{ status: number }> {
  const response = await fetch(`${hotline.url}/sms-gateway`, {
    method: 'POST',
    headers: request.headers,
    body: request.body,
  });
  await response.text();
  await hotline.settled();
  return { status: response.status };
}
