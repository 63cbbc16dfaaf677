import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  readTelegramUpdate,
  secretMatches,
  TELEGRAM_SECRET_HEADER,
  telegramCommand,
} from '../../../shared/adapters/telegram/update.js';

const fixture = (name: string) =>
  readFileSync(new URL(`../../fixtures/telegram/${name}.json`, import.meta.url), 'utf8');
/** The fields of a fixture's message that tests change. */
interface EditableUpdate {
  message: {
    chat?: { id?: unknown; type?: string };
    from?: { id?: unknown; is_bot?: boolean; language_code?: string };
    caption?: string;
  };
}
const edited = (name: string, change: (update: EditableUpdate) => void) => {
  const update = JSON.parse(fixture(name)) as EditableUpdate;
  change(update);
  return JSON.stringify(update);
};

describe('the webhook secret', () => {
  it('is read from the header Telegram sends it in', () => {
    expect(TELEGRAM_SECRET_HEADER).toBe('x-telegram-bot-api-secret-token');
  });

  it('matches only the configured secret, whatever the lengths', () => {
    expect(secretMatches('local-telegram-secret', 'local-telegram-secret')).toBe(true);
    expect(secretMatches('local-telegram-secret', 'local-telegram-secreT')).toBe(false);
    expect(secretMatches('local-telegram-secret', 'local')).toBe(false);
    expect(secretMatches('local-telegram-secret', `local-telegram-secret${'x'.repeat(300)}`)).toBe(false);
  });

  it('never matches a missing or empty header, nor an unset secret', () => {
    expect(secretMatches('local-telegram-secret', undefined)).toBe(false);
    expect(secretMatches('local-telegram-secret', '')).toBe(false);
    expect(secretMatches('', '')).toBe(false);
  });
});

describe('reading a Telegram update', () => {
  it('turns a deep-link /start in a private chat into text, with the chat id as a decimal string', () => {
    expect(readTelegramUpdate(fixture('private-start-ky'))).toEqual({
      kind: 'text',
      updateId: 718204501,
      chatId: '5123456789',
      text: '/start ky',
      languageCode: 'ru',
    });
  });

  it('keeps Cyrillic text exactly as written', () => {
    const input = readTelegramUpdate(fixture('private-cyrillic-text'));
    expect(input).toMatchObject({
      kind: 'text',
      text: 'Саламатсызбы! Иш берүүчүм паспортумду кайтарбай жатат, эмне кылсам болот?',
    });
  });

  it('keeps a large chat id exact', () => {
    const raw = edited('private-cyrillic-text', (u) => {
      u.message.chat!.id = 7123456789012;
      u.message.from!.id = 7123456789012;
    });
    expect(readTelegramUpdate(raw)).toMatchObject({ kind: 'text', chatId: '7123456789012' });
  });

  it('leaves out the language when the user profile has none', () => {
    const raw = edited('private-cyrillic-text', (u) => {
      delete u.message.from!.language_code;
    });
    const input = readTelegramUpdate(raw);
    expect(input.kind).toBe('text');
    expect(input).not.toHaveProperty('languageCode');
  });

  it('reads a photo caption as the text', () => {
    expect(readTelegramUpdate(fixture('photo-with-caption'))).toMatchObject({
      kind: 'text',
      chatId: '5123456789',
      text: 'Бул менин келишимим',
    });
  });

  it('ignores a photo without a caption and a sticker: there is no text', () => {
    const photo = edited('photo-with-caption', (u) => {
      delete u.message.caption;
    });
    expect(readTelegramUpdate(photo)).toEqual({ kind: 'ignored', updateId: 718204506, reason: 'no text' });
    expect(readTelegramUpdate(fixture('sticker'))).toEqual({
      kind: 'ignored',
      updateId: 718204505,
      reason: 'no text',
    });
  });

  it('ignores messages in groups, supergroups and channels', () => {
    expect(readTelegramUpdate(fixture('group-message'))).toMatchObject({
      kind: 'ignored',
      updateId: 718204503,
      reason: 'supergroup chat',
    });
    for (const type of ['group', 'channel']) {
      const raw = edited('group-message', (u) => {
        u.message.chat!.type = type;
      });
      expect(readTelegramUpdate(raw)).toMatchObject({ kind: 'ignored', reason: `${type} chat` });
    }
  });

  it('ignores a message from another bot', () => {
    const raw = edited('private-cyrillic-text', (u) => {
      u.message.from!.is_bot = true;
    });
    expect(readTelegramUpdate(raw)).toMatchObject({ kind: 'ignored', reason: 'not from a person' });
  });

  it('ignores updates that are not new messages: an edit, a button press, the user blocking the bot', () => {
    expect(readTelegramUpdate(fixture('edited-message'))).toEqual({
      kind: 'ignored',
      updateId: 718204504,
      reason: 'edited_message update',
    });
    expect(readTelegramUpdate(fixture('callback-query'))).toEqual({
      kind: 'ignored',
      updateId: 718204507,
      reason: 'callback_query update',
    });
    expect(readTelegramUpdate(fixture('my-chat-member-blocked'))).toEqual({
      kind: 'ignored',
      updateId: 718204508,
      reason: 'my_chat_member update',
    });
  });

  it('calls malformed JSON and bodies that are not an Update invalid', () => {
    expect(readTelegramUpdate('')).toEqual({ kind: 'invalid' });
    expect(readTelegramUpdate('{"update_id": 1, "message": {')).toEqual({ kind: 'invalid' });
    expect(readTelegramUpdate('[]')).toEqual({ kind: 'invalid' });
    expect(readTelegramUpdate('{"update_id": "1"}')).toEqual({ kind: 'invalid' });
    const noChat = edited('private-cyrillic-text', (u) => {
      delete u.message.chat;
    });
    expect(readTelegramUpdate(noChat)).toEqual({ kind: 'invalid' });
    const textChatId = edited('private-cyrillic-text', (u) => {
      u.message.chat!.id = '5123456789';
    });
    expect(readTelegramUpdate(textChatId)).toEqual({ kind: 'invalid' });
  });
});

describe('bot commands', () => {
  it('reads /start with and without a deep-link argument', () => {
    expect(telegramCommand('/start')).toEqual({ command: 'start' });
    expect(telegramCommand('/start ky')).toEqual({ command: 'start', argument: 'ky' });
    expect(telegramCommand('/start ru')).toEqual({ command: 'start', argument: 'ru' });
    expect(telegramCommand('  /start   ')).toEqual({ command: 'start' });
  });

  it('reads the form with the bot username that command menus send', () => {
    expect(telegramCommand('/start@KgMigrantHotlineBot ky')).toEqual({ command: 'start', argument: 'ky' });
    expect(telegramCommand('/stop@KgMigrantHotlineBot')).toEqual({ command: 'stop' });
  });

  it('reads /stop, /delete and /help, whatever the case', () => {
    expect(telegramCommand('/stop')).toEqual({ command: 'stop' });
    expect(telegramCommand('/delete')).toEqual({ command: 'delete' });
    expect(telegramCommand('/help')).toEqual({ command: 'help' });
    expect(telegramCommand('/STOP')).toEqual({ command: 'stop' });
  });

  it('is not a command for plain text, other commands or a command word run on', () => {
    expect(telegramCommand('start')).toBeUndefined();
    expect(telegramCommand('Саламатсызбы')).toBeUndefined();
    expect(telegramCommand('/settings')).toBeUndefined();
    expect(telegramCommand('/startky')).toBeUndefined();
    expect(telegramCommand('please /stop')).toBeUndefined();
    expect(telegramCommand('/')).toBeUndefined();
  });
});
