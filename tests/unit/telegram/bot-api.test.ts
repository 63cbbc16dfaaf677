import { describe, expect, it } from 'vitest';
import { Outbox } from '../../../local/outbox.js';
import { TelegramStandIn } from '../../../local/telegram-stand-in.js';
import {
  TELEGRAM_DEFAULT_API_BASE,
  type TelegramSendResult,
  telegramBotApi,
} from '../../../shared/adapters/telegram/bot-api.js';

const TOKEN = '123456:local-telegram-token';
const API_BASE = 'http://hotline.test/_local/telegram';
const NOW = new Date('2025-03-01T09:30:00.000Z');

interface SentRequest {
  url: string;
  method: string | undefined;
  contentType: string | undefined;
  signal: AbortSignal | undefined;
  json: Record<string, unknown>;
}

/** The client against the local stand-in: its fetch calls the stand-in in-process, no network. */
function againstStandIn(token = TOKEN) {
  const outbox = new Outbox();
  const telegram = new TelegramStandIn(TOKEN, outbox);
  const requests: SentRequest[] = [];
  const fetchFn = (async (input: string | URL, init?: RequestInit) => {
    const url = String(input);
    const body = String(init?.body ?? '');
    requests.push({
      url,
      method: init?.method,
      contentType: (init?.headers as Record<string, string> | undefined)?.['content-type'],
      signal: init?.signal ?? undefined,
      json: JSON.parse(body),
    });
    const answer = telegram.answerTelegramRequest(url.slice(API_BASE.length), body, NOW);
    return new Response(answer.body, {
      status: answer.status,
      headers: { 'content-type': 'application/json' },
    });
  }) as typeof fetch;
  const api = telegramBotApi({ apiBase: API_BASE, token, fetchFn });
  return { api, outbox, telegram, requests };
}

/** The client against a canned Bot API answer. */
function answering(status: number, body: string) {
  const fetchFn = (async () => new Response(body, { status })) as unknown as typeof fetch;
  return telegramBotApi({ apiBase: TELEGRAM_DEFAULT_API_BASE, token: TOKEN, fetchFn });
}

function failing(error: unknown) {
  const fetchFn = (async () => {
    throw error;
  }) as unknown as typeof fetch;
  return telegramBotApi({ apiBase: TELEGRAM_DEFAULT_API_BASE, token: TOKEN, fetchFn });
}

const failure = (result: TelegramSendResult) => {
  if (result.ok) throw new Error('expected a failed send');
  return result;
};

describe('sending a Telegram message', () => {
  it('POSTs JSON to the bot URL with a timeout, and returns the message id', async () => {
    const { api, outbox, requests } = againstStandIn();

    const first = await api.sendMessage('5123456789', 'Саламатсызбы!');
    const second = await api.sendMessage('5123456789', 'Рахмат');

    expect(first).toEqual({ ok: true, messageId: 1 });
    expect(second).toEqual({ ok: true, messageId: 2 });
    expect(requests[0]).toMatchObject({
      url: `${API_BASE}/bot${TOKEN}/sendMessage`,
      method: 'POST',
      contentType: 'application/json',
      json: { chat_id: '5123456789', text: 'Саламатсызбы!' },
    });
    expect(requests[0]?.signal).toBeInstanceOf(AbortSignal);
    expect(outbox.list().map(({ to, body, channel }) => ({ to, body, channel }))).toEqual([
      { to: '5123456789', body: 'Саламатсызбы!', channel: 'telegram' },
      { to: '5123456789', body: 'Рахмат', channel: 'telegram' },
    ]);
  });

  it('offers choices as a one-time keyboard, digits three to a row', async () => {
    const { api, outbox, requests } = againstStandIn();

    await api.sendMessage('5123456789', 'Тандаңыз', ['1', '2', '3', '4', '5', '0']);

    expect(requests[0]?.json.reply_markup).toEqual({
      keyboard: [
        [{ text: '1' }, { text: '2' }, { text: '3' }],
        [{ text: '4' }, { text: '5' }, { text: '0' }],
      ],
      resize_keyboard: true,
      one_time_keyboard: true,
    });
    expect(outbox.list()[0]?.choices).toEqual(['1', '2', '3', '4', '5', '0']);
  });

  it('puts a choice that is not a number on a row of its own', async () => {
    const { api, requests } = againstStandIn();

    await api.sendMessage('5123456789', 'Тилди тандаңыз', ['1', '2', 'Кыргызча', 'Русский']);

    expect(requests[0]?.json.reply_markup).toMatchObject({
      keyboard: [[{ text: '1' }, { text: '2' }], [{ text: 'Кыргызча' }], [{ text: 'Русский' }]],
    });
  });

  it('removes the keyboard only when asked with an empty list of choices', async () => {
    const { api, outbox, requests } = againstStandIn();

    await api.sendMessage('5123456789', 'Рахмат', []);
    await api.sendMessage('5123456789', 'Рахмат');

    expect(requests[0]?.json.reply_markup).toEqual({ remove_keyboard: true });
    expect(requests[1]?.json).not.toHaveProperty('reply_markup');
    expect(outbox.list().map((message) => message.choices)).toEqual([undefined, undefined]);
  });

  it('cuts a text to the 4096 characters Telegram takes, without splitting an emoji', async () => {
    const { api, outbox } = againstStandIn();

    const sent = await api.sendMessage('5123456789', 'ы'.repeat(5000));
    await api.sendMessage('5123456789', `${'ы'.repeat(4095)}👍 and more`);

    expect(sent.ok).toBe(true);
    expect(outbox.list()[0]?.body).toBe('ы'.repeat(4096));
    expect(outbox.list()[1]?.body).toBe('ы'.repeat(4095));
  });

  it('calls a refused request permanent, and never says the token', async () => {
    const { api } = againstStandIn('123456:wrong-token');

    const result = failure(await api.sendMessage('5123456789', 'Салам'));

    expect(result).toEqual({ ok: false, permanent: true, status: 401, description: 'Unauthorized' });
  });

  it('calls a chat that is not found or a user who blocked the bot permanent', async () => {
    const { api } = againstStandIn();
    expect(failure(await api.sendMessage('@nobody', 'Салам'))).toMatchObject({
      permanent: true,
      status: 400,
      description: 'Bad Request: chat not found',
    });

    const blocked = answering(
      403,
      '{"ok":false,"error_code":403,"description":"Forbidden: bot was blocked by the user"}',
    );
    expect(failure(await blocked.sendMessage('5123456789', 'Салам'))).toEqual({
      ok: false,
      permanent: true,
      status: 403,
      description: 'Forbidden: bot was blocked by the user',
    });
  });

  it('calls flood control temporary and passes on how long to wait', async () => {
    const api = answering(
      429,
      '{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 7","parameters":{"retry_after":7}}',
    );

    expect(failure(await api.sendMessage('5123456789', 'Салам'))).toEqual({
      ok: false,
      permanent: false,
      status: 429,
      description: 'Too Many Requests: retry after 7',
      retryAfterSeconds: 7,
    });
  });

  it('calls a server error temporary, even one that is not JSON', async () => {
    const api = answering(502, '<html><body>502 Bad Gateway</body></html>');

    expect(failure(await api.sendMessage('5123456789', 'Салам'))).toMatchObject({
      permanent: false,
      status: 502,
    });
  });

  it('calls a network failure or a timeout temporary, without the token in the description', async () => {
    const network = failing(
      new TypeError(`fetch failed for https://api.telegram.org/bot${TOKEN}/sendMessage`),
    );
    const timeout = failing(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));

    const lost = failure(await network.sendMessage('5123456789', 'Салам'));
    const slow = failure(await timeout.sendMessage('5123456789', 'Салам'));

    expect(lost).toMatchObject({ permanent: false, status: 0 });
    expect(lost.description).not.toContain(TOKEN);
    expect(lost.description).not.toContain('local-telegram-token');
    expect(slow).toMatchObject({ permanent: false, status: 0, description: 'timed out' });
  });
});

describe('setting the webhook', () => {
  it('sends the URL, the secret and the one kind of update the hotline reads', async () => {
    const { api, telegram, requests } = againstStandIn();

    await api.setWebhook('https://hotline.example/telegram', 'local-telegram-secret');

    expect(requests[0]).toMatchObject({
      url: `${API_BASE}/bot${TOKEN}/setWebhook`,
      method: 'POST',
      json: {
        url: 'https://hotline.example/telegram',
        secret_token: 'local-telegram-secret',
        allowed_updates: ['message'],
        drop_pending_updates: false,
      },
    });
    expect(telegram.webhookUrl).toBe('https://hotline.example/telegram');
  });

  it("throws with Telegram's description when refused, never with the token", async () => {
    const { api } = againstStandIn('123456:wrong-token');
    const refused = answering(
      400,
      '{"ok":false,"error_code":400,"description":"Bad Request: bad webhook: HTTPS url must be provided for webhook"}',
    );

    await expect(api.setWebhook('https://hotline.example/telegram', 'local-telegram-secret')).rejects.toThrow(
      'Unauthorized',
    );
    await expect(
      refused.setWebhook('http://hotline.example/telegram', 'local-telegram-secret'),
    ).rejects.toThrow('Bad Request: bad webhook: HTTPS url must be provided for webhook');
    const error = await failing(new TypeError(`connect ECONNREFUSED for /bot${TOKEN}/setWebhook`))
      .setWebhook('https://hotline.example/telegram', 'local-telegram-secret')
      .catch((caught: Error) => caught);
    expect(String(error)).not.toContain(TOKEN);
  });

  it('refuses a secret Telegram would not accept, before calling it', async () => {
    const { api, requests } = againstStandIn();

    await expect(api.setWebhook('https://hotline.example/telegram', 'has spaces')).rejects.toThrow(
      /secret token/,
    );
    expect(requests).toEqual([]);
  });
});
