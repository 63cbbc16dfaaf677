// Sends one text through "SMS Gateway for Android" (capcom6/android-sms-gateway): a few lines of fetch, no
// client library. The request and answers, as read in the sources:
//   app  capcom6/android-sms-gateway@0cdc5d86c6f3cc24101f27feefd926e801e8b2c7 (local server on the phone, :8080)
//     app/src/main/java/me/capcom/smsgateway/modules/localserver/WebService.kt
//       basic auth (realm "Access to SMS Gateway"), routes `/message` and `/messages` (same handlers)
//     .../localserver/routes/MessagesRoutes.kt      POST → 202 with the message state; an `id` already
//       stored → 409 {"message":"Message with the same ID already exists"} (ConflictException.kt, raised on
//       the database's unique key: messages/MessagesService.kt); bad body → 400 {"message": …}
//     .../localserver/domain/messages/PostMessageRequest.kt  id, textMessage{text} | message (deprecated) |
//       dataMessage, phoneNumbers, simNumber, withDeliveryReport (default true), ttl/validUntil, priority
//     .../localserver/domain/messages/Message.kt    answer: id, deviceId, state, isHashed, isEncrypted,
//       textMessage, recipients[{phoneNumber, state, error?}], states{state: date}
//   server  android-sms-gateway/server@22074dda6adc71414a00c3457ee057e4fdde510f (api.sms-gate.app, or private)
//     internal/sms-gateway/handlers/3rdparty.go     `/3rdparty/v1/messages`; `/3rdparty/v1/message` is kept
//       only "until 2025-12-31" (a TODO), so the plural is used in both modes
//     internal/sms-gateway/handlers/messages/3rdparty.go  202 GetMessageResponse; 409 duplicate id
//       (unique per device: modules/messages/models.go); 503 queue limits exceeded; 400 validation, also
//       "failed to select device" when no phone is registered
//     internal/sms-gateway/modules/messages/service.go  numbers parsed with default region RU: send E.164 with +
import { Buffer } from 'node:buffer';

export interface GatewayMessage {
  /** The hotline's id for this text (at most 36 characters). The phone refuses a second message with it. */
  id: string;
  /** E.164. */
  to: string;
  text: string;
}

export type GatewaySendResult =
  | { ok: true; state: string }
  | { ok: false; permanent: boolean; status: number; reason: string };

export interface SmsGatewayApi {
  send(message: GatewayMessage): Promise<GatewaySendResult>;
}

export type SmsGatewayMode = 'local' | 'cloud';

export interface SmsGatewayApiOptions {
  /**
   * local: `http://<phone>:8080`; cloud: `https://api.sms-gate.app` (or a private server's address).
   * A cloud base that already ends in `/3rdparty/v1` is taken as it is.
   */
  apiBase: string;
  username: string;
  password: string;
  mode: SmsGatewayMode;
  fetchFn?: typeof fetch | undefined;
  timeoutMs?: number | undefined;
}

/** The state the answer reports when the phone already had this id: the first request went through. */
export const ALREADY_ACCEPTED_STATE = 'AlreadyExists';

const MAX_ID_LENGTH = 36;
const MAX_REASON_LENGTH = 200;

/** The path messages are POSTed to, for a base and mode. */
export function gatewayMessagesUrl(apiBase: string, mode: SmsGatewayMode): string {
  const base = apiBase.replace(/\/+$/, '');
  if (mode === 'local') return `${base}/messages`;
  return /\/3rdparty\/v1$/.test(base) ? `${base}/messages` : `${base}/3rdparty/v1/messages`;
}

export function smsGatewayApi(options: SmsGatewayApiOptions): SmsGatewayApi {
  const url = gatewayMessagesUrl(options.apiBase, options.mode);
  const credentials = Buffer.from(`${options.username}:${options.password}`, 'utf8').toString('base64');
  const authorization = `Basic ${credentials}`;
  const fetchFn = options.fetchFn ?? fetch;
  const timeoutMs = options.timeoutMs ?? 5000;
  const scrub = (text: string) => scrubSecrets(text, [options.password, credentials]);

  return {
    async send(message) {
      if (!message.id || message.id.length > MAX_ID_LENGTH) {
        return {
          ok: false,
          permanent: true,
          status: 0,
          reason: `message id must be 1-${MAX_ID_LENGTH} characters`,
        };
      }
      let response: Response;
      try {
        response = await fetchFn(url, {
          method: 'POST',
          headers: { authorization, 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({
            id: message.id,
            textMessage: { text: message.text },
            phoneNumbers: [message.to],
            withDeliveryReport: true,
          }),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        const name = error instanceof Error ? error.name : '';
        const reason =
          name === 'TimeoutError' || name === 'AbortError'
            ? `no answer from the gateway within ${timeoutMs} ms`
            : `gateway unreachable: ${error instanceof Error ? error.message : String(error)}`;
        return { ok: false, permanent: false, status: 0, reason: scrub(reason) };
      }

      const text = await response.text().catch(() => '');
      if (response.ok) {
        return { ok: true, state: stateOf(text) ?? 'Pending' };
      }
      // The id is already on the phone (or the server): a resend of a text that was accepted before.
      if (response.status === 409) return { ok: true, state: ALREADY_ACCEPTED_STATE };
      return {
        ok: false,
        permanent: isPermanent(response.status),
        status: response.status,
        reason: reasonOf(response.status, scrub(text)),
      };
    },
  };
}

/**
 * Worth retrying later: a timeout, throttling, the server or phone failing (5xx, including the cloud's 503
 * "queue limits exceeded; ensure device is online"). Anything else in 4xx — wrong credentials, a body or
 * number the gateway refuses, a wrong address — stays wrong until someone changes the configuration.
 */
function isPermanent(status: number): boolean {
  if (status === 408 || status === 425 || status === 429) return false;
  return status >= 400 && status < 500;
}

function stateOf(text: string): string | undefined {
  try {
    const body = JSON.parse(text) as { state?: unknown };
    return typeof body.state === 'string' ? body.state : undefined;
  } catch {
    return undefined;
  }
}

function reasonOf(status: number, text: string): string {
  let reason = '';
  try {
    const body = JSON.parse(text) as { message?: unknown };
    if (typeof body.message === 'string') reason = body.message;
  } catch {
    reason = text.trim();
  }
  if (status === 401) reason = `credentials refused${reason ? `: ${reason}` : ''}`;
  if (!reason) reason = `gateway answered ${status}`;
  return reason.length > MAX_REASON_LENGTH ? `${reason.slice(0, MAX_REASON_LENGTH)}…` : reason;
}

function scrubSecrets(text: string, secrets: readonly string[]): string {
  let scrubbed = text;
  for (const secret of secrets) {
    if (secret) scrubbed = scrubbed.split(secret).join('[redacted]');
  }
  return scrubbed;
}
