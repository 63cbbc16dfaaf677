// What Telegram POSTs to the webhook: one Bot API `Update` as JSON. Only private chats with a person who
// wrote text become hotline input; everything else (groups, bots, stickers, edits, button presses, the
// user blocking the bot) is acknowledged and ignored. No Telegram library: a zod schema of the few fields
// read, checked at compile time against @grammyjs/types (types only, nothing ships).
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Message, Update } from '@grammyjs/types';
import * as z from 'zod/mini';

/** The header that carries the `secret_token` given to setWebhook, on every webhook request. */
export const TELEGRAM_SECRET_HEADER = 'x-telegram-bot-api-secret-token';

/** Whether the webhook's secret header is the configured secret, in constant time (digests, so lengths never leak). */
export function secretMatches(expected: string, received: string | undefined): boolean {
  if (!expected || !received) return false;
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(expected), digest(received));
}

const userSchema = z.looseObject({
  id: z.number().check(z.int()),
  is_bot: z.boolean(),
  first_name: z.string(),
  language_code: z.optional(z.string()),
});

const messageSchema = z.looseObject({
  message_id: z.number().check(z.int()),
  date: z.number().check(z.int()),
  // Chat ids reach 52 bits and groups' are negative: still exact as a JS number.
  chat: z.looseObject({ id: z.number().check(z.int()), type: z.string() }),
  from: z.optional(userSchema),
  text: z.optional(z.string()),
  caption: z.optional(z.string()),
});

/** The subset of a Bot API `Update` the hotline reads; every other field passes through unchecked. */
export const telegramUpdateSchema = z.looseObject({
  update_id: z.number().check(z.int()),
  message: z.optional(messageSchema),
});

export type TelegramUpdate = z.output<typeof telegramUpdateSchema>;
export type TelegramMessage = z.output<typeof messageSchema>;

// Compile-time proof that the schema agrees with Telegram's own declarations: every `Update` and `Message`
// the Bot API can send is a value of the type the schema parses to (loose objects' index signatures aside).
// Declaring, say, `chat.id` a string or `text` required would fail type-checking here.
type DeclaredFields<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T as string extends K ? never : K]: DeclaredFields<T[K]> }
    : T;
type Fits<Actual, Declared> = [Actual] extends [DeclaredFields<Declared>] ? true : false;
type Assert<T extends true> = T;
export type _TelegramUpdateFitsSchema = Assert<Fits<Update, TelegramUpdate>>;
export type _TelegramMessageFitsSchema = Assert<Fits<Message, TelegramMessage>>;

export type TelegramInput =
  | { kind: 'text'; updateId: number; chatId: string; text: string; languageCode?: string }
  | { kind: 'ignored'; updateId: number; reason: string }
  | { kind: 'invalid' };

/**
 * Reads a webhook body. Text (or a photo's caption) in a private chat from a person is input; commands such
 * as `/start ky` are ordinary text here (see `telegramCommand`). Malformed JSON or a body that is not an
 * Update is `invalid`.
 */
export function readTelegramUpdate(raw: string): TelegramInput {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { kind: 'invalid' };
  }
  const parsed = telegramUpdateSchema.safeParse(json);
  if (!parsed.success) return { kind: 'invalid' };
  const update = parsed.data;
  const updateId = update.update_id;
  const message = update.message;
  if (!message) {
    const kind = Object.keys(update).find((key) => key !== 'update_id');
    return { kind: 'ignored', updateId, reason: kind ? `${kind} update` : 'empty update' };
  }
  if (message.chat.type !== 'private')
    return { kind: 'ignored', updateId, reason: `${message.chat.type} chat` };
  if (!message.from || message.from.is_bot) return { kind: 'ignored', updateId, reason: 'not from a person' };
  const text = message.text ?? message.caption;
  if (text === undefined || text.trim() === '') return { kind: 'ignored', updateId, reason: 'no text' };
  const languageCode = message.from.language_code;
  return {
    kind: 'text',
    updateId,
    chatId: String(message.chat.id),
    text,
    ...(languageCode ? { languageCode } : {}),
  };
}

export type TelegramCommandName = 'start' | 'stop' | 'delete' | 'help';

const COMMANDS: ReadonlySet<string> = new Set<TelegramCommandName>(['start', 'stop', 'delete', 'help']);

/**
 * The bot command a text is, if any: `/start`, `/start ky`, `/start@KgHotlineBot ru` (the form a client
 * sends from a command menu in a group), `/stop`, `/delete`, `/help`. Other commands and plain text: undefined.
 */
export function telegramCommand(
  text: string,
): { command: TelegramCommandName; argument?: string } | undefined {
  const match = /^\/([A-Za-z0-9_]{1,32})(?:@[A-Za-z0-9_]{1,64})?(?:\s+([\s\S]*))?$/.exec(text.trim());
  if (!match) return undefined;
  const name = match[1]!.toLowerCase();
  if (!COMMANDS.has(name)) return undefined;
  const argument = match[2]?.trim();
  return { command: name as TelegramCommandName, ...(argument ? { argument } : {}) };
}
