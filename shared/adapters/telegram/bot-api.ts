// Sending through Telegram's Bot API: one HTTPS POST of JSON per call with fetch (no Telegram library).
// The bot token is part of every URL, so it never goes into an error message or a description: anything
// that could echo the URL is redacted first.

export const TELEGRAM_DEFAULT_API_BASE = 'https://api.telegram.org';

/** Telegram's limit on a message's text (UTF-16 code units, as the Bot API counts). */
export const TELEGRAM_TEXT_LIMIT = 4096;

const TIMEOUT_MS = 5000;

export type TelegramSendResult =
  | { ok: true; messageId: number }
  | { ok: false; permanent: boolean; status: number; description: string; retryAfterSeconds?: number };

export interface TelegramBotApi {
  /**
   * Sends `text` to a chat. `choices` become a one-time reply keyboard; an explicitly empty array removes
   * a keyboard sent before; leaving it out leaves the chat's keyboard as it is.
   */
  sendMessage(chatId: string, text: string, choices?: readonly string[]): Promise<TelegramSendResult>;
  /** Points Telegram at the webhook, with the secret it must send back; throws with Telegram's description. */
  setWebhook(url: string, secretToken: string): Promise<void>;
}

export interface TelegramBotApiOptions {
  /** `https://api.telegram.org`, or the local runtime's stand-in. */
  apiBase: string;
  token: string;
  fetchFn?: typeof fetch;
}

type KeyboardButton = { text: string };
type ReplyMarkup =
  | { keyboard: KeyboardButton[][]; resize_keyboard: true; one_time_keyboard: true }
  | { remove_keyboard: true };

interface BotApiAnswer {
  httpStatus: number;
  ok: boolean;
  result?: unknown;
  errorCode?: number;
  description?: string;
  retryAfter?: number;
}

/** What setWebhook accepts as a secret token: 1–256 of A–Z, a–z, 0–9, `_` and `-`. */
const SECRET_TOKEN = /^[A-Za-z0-9_-]{1,256}$/;

export function telegramBotApi({ apiBase, token, fetchFn = fetch }: TelegramBotApiOptions): TelegramBotApi {
  const base = apiBase.replace(/\/+$/, '');
  const redact = (text: string) => (token ? text.split(token).join('<token>') : text);

  async function call(method: string, payload: Record<string, unknown>): Promise<BotApiAnswer> {
    const response = await fetchFn(`${base}/bot${token}/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const body = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      return { httpStatus: response.status, ok: false, description: `HTTP ${response.status}` };
    }
    if (typeof json !== 'object' || json === null) {
      return { httpStatus: response.status, ok: false, description: `HTTP ${response.status}` };
    }
    const answer = json as Record<string, unknown>;
    const parameters = answer.parameters as Record<string, unknown> | undefined;
    return {
      httpStatus: response.status,
      ok: answer.ok === true && response.ok,
      result: answer.result,
      ...(typeof answer.error_code === 'number' ? { errorCode: answer.error_code } : {}),
      ...(typeof answer.description === 'string' ? { description: redact(answer.description) } : {}),
      ...(typeof parameters?.retry_after === 'number' ? { retryAfter: parameters.retry_after } : {}),
    };
  }

  function failureFromError(error: unknown): string {
    if (error instanceof Error) {
      return redact(error.name === 'TimeoutError' ? 'timed out' : `${error.name}: ${error.message}`);
    }
    return 'request failed';
  }

  return {
    async sendMessage(chatId, text, choices) {
      const replyMarkup = choices === undefined ? undefined : replyMarkupFor(choices);
      const payload = {
        chat_id: chatId,
        text: truncateText(text),
        ...(replyMarkup ? { reply_markup: replyMarkup } : {}),
      };
      let answer: BotApiAnswer;
      try {
        answer = await call('sendMessage', payload);
      } catch (error) {
        return { ok: false, permanent: false, status: 0, description: failureFromError(error) };
      }
      const messageId = (answer.result as { message_id?: unknown } | undefined)?.message_id;
      if (answer.ok && typeof messageId === 'number') return { ok: true, messageId };
      const status = answer.errorCode ?? answer.httpStatus;
      return {
        ok: false,
        permanent: isPermanent(status),
        status,
        description: answer.description ?? (answer.ok ? 'unexpected answer' : `HTTP ${status}`),
        ...(answer.retryAfter !== undefined ? { retryAfterSeconds: answer.retryAfter } : {}),
      };
    },

    async setWebhook(url, secretToken) {
      if (!SECRET_TOKEN.test(secretToken)) {
        throw new Error('setWebhook: the secret token must be 1-256 characters of A-Z, a-z, 0-9, _ and -');
      }
      let answer: BotApiAnswer;
      try {
        answer = await call('setWebhook', {
          url,
          secret_token: secretToken,
          allowed_updates: ['message'],
          drop_pending_updates: false,
        });
      } catch (error) {
        throw new Error(`setWebhook failed: ${failureFromError(error)}`);
      }
      if (!answer.ok) {
        throw new Error(`setWebhook failed: ${answer.description ?? `HTTP ${answer.httpStatus}`}`);
      }
    },
  };
}

/** 429 (flood control), 5xx and no answer at all are worth retrying; any other 4xx will not change. */
function isPermanent(status: number): boolean {
  if (status === 0 || status === 429 || status >= 500) return false;
  return status >= 400;
}

/** Cuts text to Telegram's 4096 without splitting a surrogate pair (an emoji). */
export function truncateText(text: string): string {
  if (text.length <= TELEGRAM_TEXT_LIMIT) return text;
  const cut = text.slice(0, TELEGRAM_TEXT_LIMIT);
  const last = cut.charCodeAt(cut.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut;
}

/** A one-time keyboard: digit choices three to a row, like a phone's keypad; any other choice on its own row. */
export function replyMarkupFor(choices: readonly string[]): ReplyMarkup {
  if (choices.length === 0) return { remove_keyboard: true };
  const rows: KeyboardButton[][] = [];
  let digits: KeyboardButton[] = [];
  for (const choice of choices) {
    if (/^\d+$/.test(choice)) {
      digits.push({ text: choice });
      if (digits.length === 3) {
        rows.push(digits);
        digits = [];
      }
      continue;
    }
    if (digits.length > 0) {
      rows.push(digits);
      digits = [];
    }
    rows.push([{ text: choice }]);
  }
  if (digits.length > 0) rows.push(digits);
  return { keyboard: rows, resize_keyboard: true, one_time_keyboard: true };
}
