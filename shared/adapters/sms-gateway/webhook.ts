// What "SMS Gateway for Android" (capcom6/android-sms-gateway, Apache-2.0) POSTs to the hotline: one JSON
// event per webhook, signed by the phone itself in every mode (local, cloud, private server all emit from the
// device). Checked against the app's source at commit 0cdc5d86c6f3cc24101f27feefd926e801e8b2c7 (2026-07-14):
//   app/src/main/java/me/capcom/smsgateway/modules/webhooks/plugins/PayloadSingingPlugin.kt
//     headers `X-Signature` and `X-Timestamp`; timestamp = currentTimeMillis()/1000 (unix seconds, decimal);
//     signature = lowercase hex HMAC-SHA256(key, body text + timestamp), key and message as UTF-8 bytes.
//     Re-signed (new timestamp) on every retry.
//   .../webhooks/domain/WebHookEventDTO.kt        envelope { id, webhookId, event, deviceId, payload }
//   .../webhooks/domain/WebHookEvent.kt           event names (sms:received, sms:sent, sms:delivered,
//     sms:failed, sms:cancelled, sms:data-received, mms:received, mms:downloaded, system:ping, app:started)
//   .../webhooks/payload/MessageEventPayload.kt, SmsEventPayload.kt   payload fields: messageId, sender,
//     recipient, simNumber, phoneNumber (deprecated: sender for received, recipient for sent), and per event
//     message+receivedAt | partsCount+sentAt | deliveredAt | failedAt+reason | cancelledAt
//   .../webhooks/EventsReceiver.kt               one sent/delivered/failed event per recipient
//   .../receiver/ReceiverService.kt              received messageId = hex(hashCode) of the inbox message:
//     NOT unique (docs say so too); dedupe on the envelope `id`, which stays the same across retries
//     (the queued JSON is stored and re-sent: webhooks/workers/WebhookQueueProcessorWorker.kt)
//   .../extensions/GsonBuilder.kt                dates "yyyy-MM-dd'T'HH:mm:ss.SSSXXX" in the phone's zone;
//     Gson drops null fields, so `simNumber`/`recipient`/`sender` may be absent
// and the docs (android-sms-gateway/docs-web@af975373c77ceb9f5d1ad40db3d6c71c290293c1 docs/features/webhooks.md):
// sms:delivered comes once per part of a multipart text; payload signing section (±5 minutes advised).
import { createHmac, timingSafeEqual } from 'node:crypto';
import * as z from 'zod/mini';

/** The app sends `X-Signature`; Node and API Gateway (HTTP API) hand header names over in lower case. */
export const SMS_GATEWAY_SIGNATURE_HEADER = 'x-signature';
/** The app sends `X-Timestamp` (unix seconds, the time it signed). */
export const SMS_GATEWAY_TIMESTAMP_HEADER = 'x-timestamp';

/** How far the phone's clock and the hotline's may disagree, and how long a captured request stays replayable. */
export const SMS_GATEWAY_TOLERANCE_SECONDS = 300;

export type GatewaySignatureCheck = 'ok' | 'missing' | 'stale' | 'forged';

export interface GatewaySignatureInput {
  /** The app's Settings → Webhooks → Signing Key. An empty key verifies nothing: every request is 'forged'. */
  signingKey: string;
  /** The request body exactly as received (decoded from base64 if API Gateway encoded it), before JSON parsing. */
  rawBody: string;
  /** The `x-timestamp` header. */
  timestamp: string | undefined;
  /** The `x-signature` header. */
  signature: string | undefined;
  now: Date;
  toleranceSeconds?: number | undefined;
}

const HEX_SHA256 = /^[0-9a-f]{64}$/i;
const UNIX_SECONDS = /^\d{1,12}$/;

/**
 * Whether a webhook came from the phone: 'missing' without both headers, 'forged' when the signature does not
 * match (or is not 64 hex digits, or the timestamp is not unix seconds), 'stale' when it matches but was
 * signed more than `toleranceSeconds` before or after `now` (a replay, or a phone clock far off).
 */
export function verifyGatewaySignature(input: GatewaySignatureInput): GatewaySignatureCheck {
  const signature = input.signature?.trim();
  const timestamp = input.timestamp?.trim();
  if (!signature || !timestamp) return 'missing';
  if (!input.signingKey || !HEX_SHA256.test(signature) || !UNIX_SECONDS.test(timestamp)) return 'forged';
  const expected = Buffer.from(signGatewayWebhook(input.signingKey, input.rawBody, timestamp), 'hex');
  const received = Buffer.from(signature, 'hex');
  if (expected.length !== received.length || !timingSafeEqual(expected, received)) return 'forged';
  const tolerance = input.toleranceSeconds ?? SMS_GATEWAY_TOLERANCE_SECONDS;
  const skew = Math.abs(Math.floor(input.now.getTime() / 1000) - Number(timestamp));
  return skew > tolerance ? 'stale' : 'ok';
}

/** The `X-Signature` the app sends for this body and `X-Timestamp`: hex HMAC-SHA256(key, body + timestamp). */
export function signGatewayWebhook(signingKey: string, rawBody: string, timestamp: string | number): string {
  return createHmac('sha256', Buffer.from(signingKey, 'utf8'))
    .update(Buffer.from(`${rawBody}${timestamp}`, 'utf8'))
    .digest('hex');
}

// ---- The event body ----

const optionalText = z.optional(z.nullable(z.string()));

/** The envelope of every event (WebHookEventDTO.kt). Unknown fields pass through unchecked. */
export const gatewayWebhookSchema = z.looseObject({
  id: z.string().check(z.minLength(1)),
  webhookId: z.string(),
  event: z.string().check(z.minLength(1)),
  deviceId: z.string(),
  payload: z.unknown(),
});

/** `sms:received` (SmsEventPayload.SmsReceived). `sender` since 2026-02; older apps send only `phoneNumber`. */
export const gatewayReceivedPayloadSchema = z.looseObject({
  messageId: z.string(),
  message: z.string(),
  receivedAt: z.string(),
  sender: optionalText,
  phoneNumber: optionalText,
  recipient: optionalText,
  simNumber: z.optional(z.nullable(z.number())),
});

/** `sms:sent`, `sms:delivered`, `sms:failed`: the recipient (`phoneNumber` in older apps) and, on failure, why. */
export const gatewayDeliveryPayloadSchema = z.looseObject({
  messageId: z.string().check(z.minLength(1)),
  recipient: optionalText,
  phoneNumber: optionalText,
  sender: optionalText,
  simNumber: z.optional(z.nullable(z.number())),
  reason: optionalText,
});

export type GatewayDeliveryState = 'sent' | 'delivered' | 'failed';

export type GatewayWebhook =
  | {
      kind: 'received';
      /** The envelope `id`: the same on every retry of this event, so the key to deduplicate on. */
      eventId: string;
      deviceId: string;
      /** A hash of the text, sender and time: not unique, never a dedupe key. */
      messageId: string;
      /** The person who wrote, in E.164. */
      sender: string;
      text: string;
      /** SIM slot, from 1; absent when the phone could not tell. */
      simNumber?: number | undefined;
      /** When the phone received it, as an ISO-8601 UTC instant. */
      receivedAt: string;
    }
  | {
      kind: 'delivery';
      eventId: string;
      deviceId: string;
      /** The `id` the hotline gave the message when sending it. */
      messageId: string;
      state: GatewayDeliveryState;
      recipient?: string | undefined;
      /** Android's error for 'failed', e.g. `RESULT_ERROR_GENERIC_FAILURE`. */
      reason?: string | undefined;
    }
  | {
      kind: 'ignored';
      eventId: string;
      event: string;
      /** Why an event the hotline would otherwise read was set aside (a sender that is no phone number). */
      reason?: string | undefined;
    }
  | { kind: 'invalid' };

const DELIVERY_EVENTS: Record<string, GatewayDeliveryState> = {
  'sms:sent': 'sent',
  'sms:delivered': 'delivered',
  'sms:failed': 'failed',
};

export interface ReadGatewayWebhookOptions {
  /** Country code for senders the phone reports in national form (`0641234567`). Serbia by default. */
  nationalCountryCode?: string | undefined;
}

/** Parses a (verified) webhook body. Events the hotline does not act on are 'ignored', never 'invalid'. */
export function readGatewayWebhook(raw: string, options: ReadGatewayWebhookOptions = {}): GatewayWebhook {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { kind: 'invalid' };
  }
  const envelope = gatewayWebhookSchema.safeParse(json);
  if (!envelope.success) return { kind: 'invalid' };
  const { id: eventId, event, deviceId, payload } = envelope.data;

  if (event === 'sms:received') {
    const parsed = gatewayReceivedPayloadSchema.safeParse(payload);
    if (!parsed.success) return { kind: 'invalid' };
    const received = parsed.data;
    const receivedAt = new Date(received.receivedAt);
    if (Number.isNaN(receivedAt.getTime())) return { kind: 'invalid' };
    const address = received.sender ?? received.phoneNumber;
    if (!address) return { kind: 'invalid' };
    const sender = toE164(address, options.nationalCountryCode ?? '381');
    if (!sender) return { kind: 'ignored', eventId, event, reason: 'sender is not a phone number' };
    return {
      kind: 'received',
      eventId,
      deviceId,
      messageId: received.messageId,
      sender,
      text: received.message,
      ...(typeof received.simNumber === 'number' ? { simNumber: received.simNumber } : {}),
      receivedAt: receivedAt.toISOString(),
    };
  }

  const state = DELIVERY_EVENTS[event];
  if (state) {
    const parsed = gatewayDeliveryPayloadSchema.safeParse(payload);
    if (!parsed.success) return { kind: 'invalid' };
    const delivery = parsed.data;
    const recipient = delivery.recipient ?? delivery.phoneNumber;
    return {
      kind: 'delivery',
      eventId,
      deviceId,
      messageId: delivery.messageId,
      state,
      ...(recipient ? { recipient } : {}),
      ...(state === 'failed' && delivery.reason ? { reason: delivery.reason } : {}),
    };
  }

  // system:ping, app:started, sms:cancelled, sms:data-received, mms:received, mms:downloaded, and any event a
  // later app version adds: acknowledged so the phone stops retrying, and otherwise left alone.
  return { kind: 'ignored', eventId, event };
}

/**
 * The sender as E.164, or undefined for an address no SMS can be answered at (an operator's alphanumeric
 * name, a short code). Android reports numbers as the network delivered them: usually `+3816…`, sometimes
 * national `06…` or `00…`; the cloud server would read a number without `+` as Russian, so add it here.
 */
export function toE164(address: string, nationalCountryCode = '381'): string | undefined {
  const compact = address.trim().replace(/[\s\-().]/g, '');
  if (/^\+[1-9]\d{6,14}$/.test(compact)) return compact;
  const international = /^00([1-9]\d{6,14})$/.exec(compact);
  if (international) return `+${international[1]}`;
  const national = /^0([1-9]\d{5,11})$/.exec(compact);
  if (national) return `+${nationalCountryCode}${national[1]}`;
  if (/^[1-9]\d{10,14}$/.test(compact)) return `+${compact}`;
  return undefined;
}
