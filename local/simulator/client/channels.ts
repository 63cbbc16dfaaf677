// The phone's two channels outside Twilio. Telegram: an update as the Bot API posts it, through
// /_local/telegram-webhook (which adds the secret header). The Serbian SIM: SMS Gateway for Android's
// `sms:received` webhook, signed for the page at /_local/sign-gateway. The page holds no secret of either.
import { logRequest, RequestFailed } from './hood.js';
import { getJson, postJson, send } from './net.js';
import { gsonDate } from './time.js';

/** A number without its channel prefix: `whatsapp:+996…` and `+996…` are the same phone. */
export function bare(address: string | null | undefined): string {
  return (address ?? '').replace(/^whatsapp:/i, '').trim();
}

/** A number as its digits with a `+`, so `+996 700…` and `+996700…` are the same phone. */
export function normal(number: string): string {
  const digits = bare(number).replace(/\D/g, '');
  return digits ? `+${digits}` : bare(number);
}

/** The Telegram chat of this phone: a stable numeric id made of the number's digits. */
export const chatIdOf = (number: string): number => Number(bare(number).replace(/\D/g, '')) || 0;

let updateId = Math.floor(Math.random() * 1_000_000) * 1000;

/** A private text message as Telegram posts it to the bot's webhook (an `Update`). */
export function telegramUpdate(chatId: number, text: string): Record<string, unknown> {
  const id = ++updateId;
  const person = { id: chatId, is_bot: false, first_name: 'Simulator' };
  return {
    update_id: id,
    message: {
      message_id: id % 100_000,
      from: person,
      chat: { id: chatId, first_name: person.first_name, type: 'private' },
      date: Math.floor(Date.now() / 1000),
      text,
      ...(text.startsWith('/')
        ? { entities: [{ offset: 0, length: text.split(' ')[0]?.length ?? 0, type: 'bot_command' }] }
        : {}),
    },
  };
}

/** Posts the update through the local runtime, which adds the secret header Telegram sends. */
export async function postTelegram(number: string, text: string): Promise<void> {
  const update = telegramUpdate(chatIdOf(number), text);
  const title = 'POST /telegram (through /_local/telegram-webhook)';
  const response = await send('/_local/telegram-webhook', postJson({ update }));
  logRequest(title, update, response.status, await response.text());
  if (!response.ok) throw new RequestFailed(title, response.status);
}

/** JSON as Gson writes it, as the app sends it: compact, HTML-safe escapes. */
const gsonJson = (value: unknown): string =>
  JSON.stringify(value).replace(
    /[<>&='\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );

const NANO_ALPHABET = '_-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const nanoId = (): string =>
  Array.from(crypto.getRandomValues(new Uint8Array(21)), (b) => NANO_ALPHABET[b & 63]).join('');

/** Unsigned hex of Java's String.hashCode, the shape of the app's received `messageId`. */
function javaHash(text: string): string {
  let hash = 0;
  for (let i = 0; i < text.length; i++) hash = (Math.imul(31, hash) + text.charCodeAt(i)) | 0;
  return (hash >>> 0).toString(16);
}

/** The `sms:received` webhook body the app posts (as local/sms-gateway-stand-in.ts builds it). */
export function gatewayReceivedBody(from: string, text: string, now: Date): string {
  return gsonJson({
    id: nanoId(),
    webhookId: 'LreFUt-Z3sSq0JufY9uWB',
    event: 'sms:received',
    deviceId: 'PyDmBQZZXYmyxMwED8Fzy',
    payload: {
      message: text,
      receivedAt: gsonDate(now),
      messageId: javaHash(`${from}${now.getTime()}${text}`),
      sender: from,
      simNumber: 1,
      phoneNumber: from,
    },
  });
}

/** The SIM's phone posts the text it received, signed by the local runtime (the key stays there). */
export async function postToSim(number: string, text: string): Promise<void> {
  // The phone signs with its own clock: real time, not the simulated one.
  const body = gatewayReceivedBody(number, text, new Date());
  const { timestamp, signature } = await getJson<{ timestamp: string; signature: string }>(
    '/_local/sign-gateway',
    postJson({ body }),
  );
  const response = await send('/sms-gateway', {
    method: 'POST',
    headers: {
      'content-type': 'application/json; charset=UTF-8',
      'x-timestamp': timestamp,
      'x-signature': signature,
    },
    body,
  });
  logRequest('POST /sms-gateway', JSON.parse(body), response.status, await response.text());
  if (!response.ok) throw new RequestFailed('POST /sms-gateway', response.status);
}
