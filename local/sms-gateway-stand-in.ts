// The Android phone running "SMS Gateway for Android", for `npm start` and tests: answers the send API under
// /_local/sms-gateway as the app's local server and the cloud server answer, puts each text in the outbox
// instead of on the air, and builds signed webhooks exactly as the phone POSTs them.
// Read in capcom6/android-sms-gateway@0cdc5d86c6f3cc24101f27feefd926e801e8b2c7:
//   app/src/main/java/me/capcom/smsgateway/modules/localserver/WebService.kt          basic auth → 401 with
//     `WWW-Authenticate: Basic realm="Access to SMS Gateway"` and no body; errors → {"message": …}
//   .../localserver/routes/MessagesRoutes.kt, domain/messages/PostMessageRequest.kt   202 + message state;
//     duplicate id → 409 {"message":"Message with the same ID already exists"}; GET {id} → state or 404;
//     validate(): exactly one of textMessage/dataMessage/message, "Text message is empty",
//     "Empty phone numbers list", "SIM number cannot be less than 1"
//   .../webhooks/plugins/PayloadSingingPlugin.kt, webhooks/domain/WebHookEventDTO.kt, webhooks/payload/*.kt
//   .../extensions/GsonBuilder.kt  Gson: dates "yyyy-MM-dd'T'HH:mm:ss.SSSXXX" in the phone's zone, nulls
//     dropped, HTML-safe escaping (< > & = ' as \u003c …), subclass fields before the base class's
// and android-sms-gateway/server@22074dda6adc71414a00c3457ee057e4fdde510f
//   internal/sms-gateway/handlers/3rdparty.go, handlers/messages/3rdparty.go  /3rdparty/v1/message(s),
//     409 "message with the same ID already exists", 404 "message not found"
//   internal/sms-gateway/modules/messages/service.go  "invalid phone number" (400) for what is no number
import { randomBytes } from 'node:crypto';
import {
  SMS_GATEWAY_SIGNATURE_HEADER,
  SMS_GATEWAY_TIMESTAMP_HEADER,
  signGatewayWebhook,
} from '../shared/adapters/sms-gateway/webhook.js';
import type { Outbox } from './outbox.js';

export type GatewayProcessingState = 'Pending' | 'Processed' | 'Sent' | 'Delivered' | 'Failed';

export interface SmsGatewayStandInOptions {
  username: string;
  password: string;
  outbox: Outbox;
  /** The phone's device id, as in the answers and webhooks. */
  deviceId?: string | undefined;
}

export interface StandInAnswer {
  status: number;
  body: string;
  headers: Record<string, string>;
}

interface StoredMessage {
  id: string;
  text: string;
  recipients: { phoneNumber: string; state: GatewayProcessingState; error?: string | undefined }[];
  state: GatewayProcessingState;
  states: Partial<Record<GatewayProcessingState, string>>;
}

type Api = 'local' | 'cloud';

const JSON_HEADERS = { 'content-type': 'application/json; charset=UTF-8' };
const LOCAL_UNAUTHORIZED: StandInAnswer = {
  status: 401,
  body: '',
  headers: { 'www-authenticate': 'Basic realm="Access to SMS Gateway", charset=UTF-8' },
};

export class SmsGatewayStandIn {
  readonly deviceId: string;
  private readonly messages = new Map<string, StoredMessage>();
  private outage: number | undefined;

  constructor(private readonly options: SmsGatewayStandInOptions) {
    this.deviceId = options.deviceId ?? 'PyDmBQZZXYmyxMwED8Fzy';
  }

  /** Answers one request; `path` is what follows `/_local/sms-gateway` (query string allowed). */
  answer(
    method: string,
    path: string,
    headers: Record<string, string | undefined>,
    body: string,
    now: Date,
  ): StandInAnswer {
    const route = (path.split('?')[0] ?? '').replace(/\/+$/, '');
    const api: Api = route.startsWith('/3rdparty/v1/') ? 'cloud' : 'local';
    const resource = api === 'cloud' ? route.slice('/3rdparty/v1'.length) : route;
    const collection = /^\/messages?$/.test(resource);
    const single = /^\/messages?\/([^/]+)$/.exec(resource);
    if (!collection && !single) return error(404, api === 'cloud' ? 'Cannot find route' : 'Not found');

    if (!this.authorized(headers)) {
      return api === 'local' ? LOCAL_UNAUTHORIZED : error(401, 'Unauthorized');
    }
    if (this.outage !== undefined) return error(this.outage, 'failed to handle request');

    const verb = method.toUpperCase();
    if (collection && verb === 'POST') return this.post(api, body, now);
    if (single && verb === 'GET') {
      const stored = this.messages.get(decodeURIComponent(single[1] ?? ''));
      if (!stored)
        return api === 'local' ? { status: 404, body: '', headers: {} } : error(404, 'message not found');
      return json(200, this.state(stored, api));
    }
    return error(405, 'Method Not Allowed');
  }

  /** Answer every authorised request with this status (500, 503…) until called with undefined: the phone down. */
  setOutage(status: number | undefined): void {
    this.outage = status;
  }

  /** Moves a message on, as the phone reports it (`GET /message/{id}` then shows it). */
  setState(id: string, state: GatewayProcessingState, now: Date, error?: string): void {
    const stored = this.messages.get(id);
    if (!stored) throw new Error(`no message ${id} on the stand-in phone`);
    stored.state = state;
    stored.states[state] = gsonDate(now);
    for (const recipient of stored.recipients) {
      recipient.state = state;
      recipient.error = state === 'Failed' ? (error ?? 'RESULT_ERROR_GENERIC_FAILURE') : undefined;
    }
  }

  /** The message the phone holds under this id, if any. */
  message(id: string): { id: string; text: string; to: string[]; state: GatewayProcessingState } | undefined {
    const stored = this.messages.get(id);
    return (
      stored && {
        id: stored.id,
        text: stored.text,
        to: stored.recipients.map((r) => r.phoneNumber),
        state: stored.state,
      }
    );
  }

  private authorized(headers: Record<string, string | undefined>): boolean {
    const header = headerValue(headers, 'authorization');
    if (!header || !/^basic /i.test(header)) return false;
    const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return (
      colon >= 0 &&
      decoded.slice(0, colon) === this.options.username &&
      decoded.slice(colon + 1) === this.options.password
    );
  }

  private post(api: Api, body: string, now: Date): StandInAnswer {
    let request: unknown;
    try {
      request = JSON.parse(body);
    } catch {
      return error(400, 'Failed to convert request body to class PostMessageRequest');
    }
    const checked = checkRequest(request, api);
    if (typeof checked === 'string') return error(400, checked);

    const id = checked.id ?? nanoId();
    if (this.messages.has(id)) {
      return error(
        409,
        api === 'local'
          ? 'Message with the same ID already exists'
          : 'message with the same ID already exists',
      );
    }
    const stored: StoredMessage = {
      id,
      text: checked.text,
      recipients: checked.phoneNumbers.map((phoneNumber) => ({ phoneNumber, state: 'Pending' })),
      state: 'Pending',
      states: { Pending: gsonDate(now) },
    };
    this.messages.set(id, stored);
    for (const to of checked.phoneNumbers) {
      this.options.outbox.add({ channel: 'sms-gateway', to, body: checked.text, at: now.toISOString() });
    }
    return json(202, this.state(stored, api));
  }

  /** Message.kt (local, content included on POST and GET) / smsgateway.MessageState (cloud). */
  private state(stored: StoredMessage, api: Api): unknown {
    return {
      id: stored.id,
      deviceId: this.deviceId,
      state: stored.state,
      isHashed: false,
      isEncrypted: false,
      ...(api === 'local' ? { textMessage: { text: stored.text } } : {}),
      recipients: stored.recipients.map((r) => ({
        phoneNumber: r.phoneNumber,
        state: r.state,
        ...(r.error ? { error: r.error } : {}),
      })),
      states: { ...stored.states },
    };
  }
}

interface CheckedRequest {
  id: string | undefined;
  text: string;
  phoneNumbers: string[];
}

/** PostMessageRequest.validate() (local) and the server's validation (cloud), for text messages. */
function checkRequest(request: unknown, api: Api): CheckedRequest | string {
  if (typeof request !== 'object' || request === null || Array.isArray(request)) {
    return 'Failed to convert request body to class PostMessageRequest';
  }
  const r = request as Record<string, unknown>;
  if (
    r.id !== undefined &&
    r.id !== null &&
    (typeof r.id !== 'string' || r.id.length === 0 || r.id.length > 36)
  ) {
    return 'id must be a string of at most 36 characters';
  }
  const textMessage = r.textMessage as { text?: unknown } | null | undefined;
  const kinds = [r.textMessage, r.dataMessage, r.message].filter(
    (kind) => kind !== undefined && kind !== null,
  );
  if (kinds.length === 0) return 'Must specify exactly one of: textMessage, dataMessage, or message';
  if (kinds.length > 1) return 'Cannot specify multiple message types simultaneously';
  if (r.dataMessage !== undefined && r.dataMessage !== null) return 'data messages are not simulated locally';
  const text = typeof r.message === 'string' ? r.message : textMessage?.text;
  if (typeof text !== 'string') return 'Failed to convert request body to class PostMessageRequest';
  if (text.length === 0) return 'Text message is empty';
  if (!Array.isArray(r.phoneNumbers) || r.phoneNumbers.some((n) => typeof n !== 'string')) {
    return 'Failed to convert request body to class PostMessageRequest';
  }
  const phoneNumbers = r.phoneNumbers as string[];
  if (phoneNumbers.length === 0) return 'Empty phone numbers list';
  if (typeof r.simNumber === 'number' && r.simNumber < 1) return 'SIM number cannot be less than 1';
  if (api === 'cloud' && phoneNumbers.some((n) => !/^\+?[1-9]\d{6,14}$/.test(n)))
    return 'invalid phone number';
  return { id: typeof r.id === 'string' ? r.id : undefined, text, phoneNumbers };
}

// ---- Webhooks as the phone sends them ----

export type GatewayEventName =
  | 'sms:received'
  | 'sms:sent'
  | 'sms:delivered'
  | 'sms:failed'
  | 'sms:cancelled'
  | 'sms:data-received'
  | 'mms:received'
  | 'mms:downloaded'
  | 'system:ping'
  | 'app:started';

export interface GatewayWebhookRequestInput {
  /** The app's signing key; omit to build an unsigned request (the app always signs: it makes a key itself). */
  signingKey?: string | undefined;
  event: GatewayEventName | (string & {});
  /** The payload object, fields in the order the app writes them (see the payload helpers below). */
  payload: Record<string, unknown>;
  /** Signing time: `X-Timestamp` is its unix seconds. */
  now: Date;
  deviceId?: string | undefined;
  webhookId?: string | undefined;
  /** The envelope id; a new NanoID unless given (a retry of the same event keeps it). */
  eventId?: string | undefined;
}

export interface GatewayWebhookRequest {
  body: string;
  /** Lower-case names, as Node and API Gateway deliver them. */
  headers: Record<string, string>;
}

/** A webhook POST exactly as the phone sends it: Gson-encoded envelope, `X-Timestamp`, `X-Signature`. */
export function gatewayWebhookRequest(input: GatewayWebhookRequestInput): GatewayWebhookRequest {
  const body = gsonJson({
    id: input.eventId ?? nanoId(),
    webhookId: input.webhookId ?? 'LreFUt-Z3sSq0JufY9uWB',
    event: input.event,
    deviceId: input.deviceId ?? 'PyDmBQZZXYmyxMwED8Fzy',
    payload: input.payload,
  });
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=UTF-8',
    'user-agent': 'me.capcom.smsgateway/1.9.0',
  };
  if (input.signingKey !== undefined) {
    const timestamp = String(Math.floor(input.now.getTime() / 1000));
    headers[SMS_GATEWAY_TIMESTAMP_HEADER] = timestamp;
    headers[SMS_GATEWAY_SIGNATURE_HEADER] = signGatewayWebhook(input.signingKey, body, timestamp);
  }
  return { body, headers };
}

/** The same as `gatewayWebhookRequest`: one signed webhook delivery from the phone. */
export const signedGatewayDelivery = gatewayWebhookRequest;

export interface ReceivedSmsInput {
  from: string;
  text: string;
  /** When the phone received it (defaults to `now`). */
  receivedAt?: Date | undefined;
  now: Date;
  signingKey?: string | undefined;
  /** The hotline SIM's own number, when the phone knows it. */
  recipient?: string | undefined;
  simNumber?: number | undefined;
  deviceId?: string | undefined;
  eventId?: string | undefined;
  timeZone?: string | undefined;
}

/** SmsEventPayload.SmsReceived as Gson writes it. */
export function receivedPayload(
  input: Omit<ReceivedSmsInput, 'now' | 'signingKey' | 'deviceId' | 'eventId'> & {
    receivedAt: Date;
  },
): Record<string, unknown> {
  const at = gsonDate(input.receivedAt, input.timeZone);
  return withoutUndefined({
    message: input.text,
    receivedAt: at,
    messageId: javaHash(`${input.from}${input.receivedAt.getTime()}${input.text}`),
    sender: input.from,
    recipient: input.recipient,
    simNumber: input.simNumber ?? 1,
    phoneNumber: input.from,
  });
}

/** A signed `sms:received` webhook: someone texted the hotline's Serbian SIM. */
export function gatewayReceivedWebhook(input: ReceivedSmsInput): GatewayWebhookRequest {
  return gatewayWebhookRequest({
    signingKey: input.signingKey,
    event: 'sms:received',
    payload: receivedPayload({ ...input, receivedAt: input.receivedAt ?? input.now }),
    now: input.now,
    deviceId: input.deviceId,
    eventId: input.eventId,
  });
}

export interface DeliveryReportInput {
  /** The id the hotline sent the message with. */
  messageId: string;
  recipient: string;
  state: 'sent' | 'delivered' | 'failed';
  now: Date;
  signingKey?: string | undefined;
  reason?: string | undefined;
  partsCount?: number | undefined;
  sender?: string | undefined;
  simNumber?: number | undefined;
  deviceId?: string | undefined;
  eventId?: string | undefined;
  timeZone?: string | undefined;
}

/** SmsEventPayload.SmsSent / SmsDelivered / SmsFailed as Gson writes them. */
export function deliveryPayload(
  input: Omit<DeliveryReportInput, 'signingKey' | 'deviceId' | 'eventId'>,
): Record<string, unknown> {
  const at = gsonDate(input.now, input.timeZone);
  const own =
    input.state === 'sent'
      ? { partsCount: input.partsCount ?? 1, sentAt: at }
      : input.state === 'delivered'
        ? { deliveredAt: at }
        : { failedAt: at, reason: input.reason ?? 'RESULT_ERROR_GENERIC_FAILURE' };
  return withoutUndefined({
    ...own,
    messageId: input.messageId,
    sender: input.sender,
    recipient: input.recipient,
    simNumber: input.simNumber,
    phoneNumber: input.recipient,
  });
}

/** A signed `sms:sent` / `sms:delivered` / `sms:failed` webhook for a message the hotline sent. */
export function gatewayDeliveryWebhook(input: DeliveryReportInput): GatewayWebhookRequest {
  return gatewayWebhookRequest({
    signingKey: input.signingKey,
    event: `sms:${input.state}`,
    payload: deliveryPayload(input),
    now: input.now,
    deviceId: input.deviceId,
    eventId: input.eventId,
  });
}

// ---- Gson's habits ----

/** JSON as Gson writes it by default: compact, HTML-safe escapes, U+2028/9 escaped. */
export function gsonJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&='\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** "yyyy-MM-dd'T'HH:mm:ss.SSSXXX" in the phone's time zone (Belgrade by default). */
export function gsonDate(date: Date, timeZone = 'Europe/Belgrade'): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'longOffset',
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const offset = part('timeZoneName').replace('GMT', '') || 'Z';
  const millis = String(date.getUTCMilliseconds()).padStart(3, '0');
  return `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}:${part('second')}.${millis}${offset}`;
}

const NANO_ALPHABET = '_-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** A 21-character NanoID, like the app's ids. */
function nanoId(): string {
  return [...randomBytes(21)].map((byte) => NANO_ALPHABET[byte & 63]).join('');
}

/** Unsigned hex of Java's String.hashCode, the shape of the app's received `messageId`. */
function javaHash(text: string): string {
  let hash = 0;
  for (let i = 0; i < text.length; i++) hash = (Math.imul(31, hash) + text.charCodeAt(i)) | 0;
  return (hash >>> 0).toString(16);
}

function withoutUndefined(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(record).filter(([, value]) => value !== undefined && value !== null),
  );
}

function headerValue(headers: Record<string, string | undefined>, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === name) return value;
  return undefined;
}

function json(status: number, body: unknown): StandInAnswer {
  return { status, body: gsonJson(body), headers: { ...JSON_HEADERS } };
}

function error(status: number, message: string): StandInAnswer {
  return json(status, { message });
}
