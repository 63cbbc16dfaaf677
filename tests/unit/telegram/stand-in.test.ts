import { describe, expect, it } from 'vitest';
import { Outbox } from '../../../local/outbox.js';
import { answerTelegramRequest, TelegramStandIn } from '../../../local/telegram-stand-in.js';

const TOKEN = '123456:local-telegram-token';
const NOW = new Date('2025-03-01T09:30:00.000Z');

function standIn() {
  const outbox = new Outbox();
  const telegram = new TelegramStandIn(TOKEN, outbox);
  const post = (method: string, body: unknown, token = TOKEN) => {
    const answer = telegram.answerTelegramRequest(`/bot${token}/${method}`, JSON.stringify(body), NOW);
    return { status: answer.status, json: JSON.parse(answer.body), body: answer.body };
  };
  return { outbox, telegram, post };
}

describe('the local Telegram Bot API stand-in', () => {
  it('answers a wrong token as Telegram does', () => {
    const { outbox, post } = standIn();
    const answer = post('sendMessage', { chat_id: 5123456789, text: 'Салам' }, '123456:wrong');
    expect(answer.status).toBe(401);
    expect(answer.body).toBe('{"ok":false,"error_code":401,"description":"Unauthorized"}');
    expect(outbox.list()).toEqual([]);
  });

  it('answers an unknown method or path with 404 Not Found', () => {
    const { telegram, post } = standIn();
    const unknown = post('sendPhoto', { chat_id: 1 });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toBe('{"ok":false,"error_code":404,"description":"Not Found"}');
    expect(telegram.answerTelegramRequest('/sendMessage', '{}', NOW).status).toBe(404);
  });

  it('refuses a message without text or without a chat, sending nothing', () => {
    const { outbox, post } = standIn();
    const noText = post('sendMessage', { chat_id: 5123456789 });
    expect(noText.status).toBe(400);
    expect(noText.body).toBe(
      '{"ok":false,"error_code":400,"description":"Bad Request: message text is empty"}',
    );
    expect(post('sendMessage', { chat_id: 5123456789, text: '' }).json.description).toBe(
      'Bad Request: message text is empty',
    );
    const noChat = post('sendMessage', { text: 'Салам' });
    expect(noChat.status).toBe(400);
    expect(noChat.json).toEqual({ ok: false, error_code: 400, description: 'Bad Request: chat_id is empty' });
    expect(outbox.list()).toEqual([]);
  });

  it('refuses a text over 4096 characters and a chat id that is not a number', () => {
    const { outbox, post } = standIn();
    expect(post('sendMessage', { chat_id: 1, text: 'ы'.repeat(4097) }).json.description).toBe(
      'Bad Request: message is too long',
    );
    expect(post('sendMessage', { chat_id: 1, text: 'ы'.repeat(4096) }).status).toBe(200);
    expect(post('sendMessage', { chat_id: '@somebody', text: 'Салам' }).json.description).toBe(
      'Bad Request: chat not found',
    );
    expect(outbox.list()).toHaveLength(1);
  });

  it('puts a sent message in the outbox, with the keyboard buttons as choices', () => {
    const { outbox, post } = standIn();
    const answer = post('sendMessage', {
      chat_id: '5123456789',
      text: 'Тилди тандаңыз',
      reply_markup: {
        keyboard: [[{ text: '1' }, { text: '2' }, { text: '3' }], [{ text: '0' }]],
        resize_keyboard: true,
        one_time_keyboard: true,
      },
    });
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({
      ok: true,
      result: {
        message_id: 1,
        date: Math.floor(NOW.getTime() / 1000),
        chat: { id: 5123456789, type: 'private' },
        text: 'Тилди тандаңыз',
      },
    });
    expect(outbox.list()).toEqual([
      {
        channel: 'telegram',
        to: '5123456789',
        body: 'Тилди тандаңыз',
        at: '2025-03-01T09:30:00.000Z',
        choices: ['1', '2', '3', '0'],
      },
    ]);
  });

  it('records no choices for a message without a keyboard or one that removes it', () => {
    const { outbox, post } = standIn();
    post('sendMessage', { chat_id: 5123456789, text: 'Рахмат' });
    post('sendMessage', { chat_id: 5123456789, text: 'Рахмат', reply_markup: { remove_keyboard: true } });
    expect(outbox.list().map((message) => message.choices)).toEqual([undefined, undefined]);
    expect(outbox.list()[0]).not.toHaveProperty('choices');
  });

  it('takes reply_markup as a JSON string too, as the Bot API does', () => {
    const { outbox, post } = standIn();
    post('sendMessage', {
      chat_id: 5123456789,
      text: 'Тандаңыз',
      reply_markup: JSON.stringify({ keyboard: [['Иш'], ['Документтер']] }),
    });
    expect(outbox.list()[0]?.choices).toEqual(['Иш', 'Документтер']);
  });

  it('numbers messages upwards, separately for each stand-in', () => {
    const first = standIn();
    const second = standIn();
    const ids = [1, 2, 3].map(
      () => first.post('sendMessage', { chat_id: 1, text: 'a' }).json.result.message_id,
    );
    expect(ids).toEqual([1, 2, 3]);
    expect(second.post('sendMessage', { chat_id: 1, text: 'a' }).json.result.message_id).toBe(1);
  });

  it('remembers the webhook setWebhook set and reports it in getWebhookInfo', () => {
    const { telegram, post } = standIn();
    expect(post('getWebhookInfo', {}).json).toEqual({
      ok: true,
      result: { url: '', has_custom_certificate: false, pending_update_count: 0 },
    });
    const set = post('setWebhook', {
      url: 'https://hotline.example/telegram',
      secret_token: 'local-telegram-secret',
      allowed_updates: ['message'],
    });
    expect(set.status).toBe(200);
    expect(set.body).toBe('{"ok":true,"result":true,"description":"Webhook was set"}');
    expect(telegram.webhookUrl).toBe('https://hotline.example/telegram');
    const info = telegram.answerTelegramRequest(`/bot${TOKEN}/getWebhookInfo`, '', NOW);
    expect(JSON.parse(info.body)).toEqual({
      ok: true,
      result: {
        url: 'https://hotline.example/telegram',
        has_custom_certificate: false,
        pending_update_count: 0,
        allowed_updates: ['message'],
      },
    });
  });

  it('keeps one stand-in per outbox behind the free function', () => {
    const outbox = new Outbox();
    const send = () =>
      JSON.parse(
        answerTelegramRequest(`/bot${TOKEN}/sendMessage`, '{"chat_id":7,"text":"a"}', TOKEN, outbox, NOW)
          .body,
      ).result.message_id;
    expect([send(), send()]).toEqual([1, 2]);
    expect(answerTelegramRequest(`/botnope/sendMessage`, '{}', TOKEN, outbox, NOW).status).toBe(401);
    expect(outbox.list()).toHaveLength(2);
  });
});
