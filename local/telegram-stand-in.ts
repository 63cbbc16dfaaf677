// The local stand-in for Telegram's Bot API, mounted at `/_local/telegram`: the hotline's real Bot API
// client calls it, and what it would have sent to a Telegram chat lands in the outbox instead. It answers
// as Telegram does (status codes, `{ok, result}` / `{ok:false, error_code, description}` bodies) for the
// three methods the hotline uses: sendMessage, setWebhook and getWebhookInfo.
import type { Outbox } from './outbox.js';

export interface TelegramStandInAnswer {
  status: number;
  body: string;
}

const TEXT_LIMIT = 4096;

export class TelegramStandIn {
  private lastMessageId = 0;
  private webhook: { url: string; allowedUpdates?: string[] } = { url: '' };

  constructor(
    readonly token: string,
    private readonly outbox: Outbox,
  ) {}

  /** The webhook URL setWebhook last set ('' when none). */
  get webhookUrl(): string {
    return this.webhook.url;
  }

  /** Answers one request; `path` is what follows `/_local/telegram`, e.g. `/bot123:ABC/sendMessage`. */
  answerTelegramRequest(path: string, body: string, now: Date): TelegramStandInAnswer {
    const match = /^\/bot([^/]*)\/([A-Za-z]+)\/?$/.exec(path.split('?')[0] ?? '');
    if (!match) return failure(404, 'Not Found');
    if (match[1] !== this.token) return failure(401, 'Unauthorized');
    let params: Record<string, unknown>;
    try {
      params = parseBody(body);
    } catch {
      return failure(400, "Bad Request: can't parse JSON object");
    }
    // Telegram's method names are case-insensitive.
    switch (match[2]!.toLowerCase()) {
      case 'sendmessage':
        return this.sendMessage(params, now);
      case 'setwebhook':
        return this.setWebhook(params);
      case 'getwebhookinfo':
        return success({
          url: this.webhook.url,
          has_custom_certificate: false,
          pending_update_count: 0,
          ...(this.webhook.allowedUpdates ? { allowed_updates: this.webhook.allowedUpdates } : {}),
        });
      default:
        return failure(404, 'Not Found');
    }
  }

  private sendMessage(params: Record<string, unknown>, now: Date): TelegramStandInAnswer {
    const chatId = params.chat_id;
    const text = params.text;
    if (chatId === undefined || chatId === null || chatId === '') {
      return failure(400, 'Bad Request: chat_id is empty');
    }
    if (typeof text !== 'string' || text === '') return failure(400, 'Bad Request: message text is empty');
    const numericId = typeof chatId === 'number' ? chatId : Number(chatId);
    if (!Number.isSafeInteger(numericId) || (typeof chatId === 'string' && !/^-?\d+$/.test(chatId))) {
      return failure(400, 'Bad Request: chat not found');
    }
    if (text.length > TEXT_LIMIT) return failure(400, 'Bad Request: message is too long');
    let choices: string[] | undefined;
    try {
      choices = keyboardTexts(params.reply_markup);
    } catch {
      return failure(400, "Bad Request: can't parse reply keyboard markup JSON object");
    }
    this.outbox.add({
      channel: 'telegram',
      to: String(numericId),
      body: text,
      at: now.toISOString(),
      ...(choices ? { choices } : {}),
    });
    this.lastMessageId += 1;
    return success({
      message_id: this.lastMessageId,
      date: Math.floor(now.getTime() / 1000),
      chat: { id: numericId, type: 'private' },
      text,
    });
  }

  private setWebhook(params: Record<string, unknown>): TelegramStandInAnswer {
    const url = typeof params.url === 'string' ? params.url : '';
    const allowed = Array.isArray(params.allowed_updates)
      ? params.allowed_updates.filter((kind): kind is string => typeof kind === 'string')
      : undefined;
    this.webhook = { url, ...(allowed ? { allowedUpdates: allowed } : {}) };
    return {
      status: 200,
      body: JSON.stringify({
        ok: true,
        result: true,
        description: url ? 'Webhook was set' : 'Webhook was deleted',
      }),
    };
  }
}

const standIns = new WeakMap<Outbox, TelegramStandIn>();

/**
 * The same as `new TelegramStandIn(token, outbox).answerTelegramRequest(...)`, with one stand-in (one
 * message-id counter, one webhook) kept per outbox and token.
 */
export function answerTelegramRequest(
  path: string,
  body: string,
  token: string,
  outbox: Outbox,
  now: Date,
): TelegramStandInAnswer {
  let standIn = standIns.get(outbox);
  if (!standIn || standIn.token !== token) {
    standIn = new TelegramStandIn(token, outbox);
    standIns.set(outbox, standIn);
  }
  return standIn.answerTelegramRequest(path, body, now);
}

function parseBody(body: string): Record<string, unknown> {
  if (body.trim() === '') return {};
  const json: unknown = JSON.parse(body);
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new Error('not an object');
  return json as Record<string, unknown>;
}

/** The button texts of a reply keyboard (the Bot API also takes reply_markup as a JSON string). */
function keyboardTexts(markup: unknown): string[] | undefined {
  const parsed: unknown = typeof markup === 'string' ? JSON.parse(markup) : markup;
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const keyboard = (parsed as { keyboard?: unknown }).keyboard;
  if (!Array.isArray(keyboard)) return undefined;
  return keyboard.flatMap((row: unknown) =>
    Array.isArray(row)
      ? row.map((button: unknown) =>
          typeof button === 'string' ? button : String((button as { text?: unknown } | null)?.text ?? ''),
        )
      : [],
  );
}

function success(result: unknown): TelegramStandInAnswer {
  return { status: 200, body: JSON.stringify({ ok: true, result }) };
}

function failure(status: number, description: string): TelegramStandInAnswer {
  return { status, body: JSON.stringify({ ok: false, error_code: status, description }) };
}
