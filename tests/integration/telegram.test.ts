// A caller on Telegram: updates posted with the secret token Telegram sends, answered through the outbox and
// the Bot API stand-in, with cases relayed to SMS volunteers and back, and reminders on Telegram.

import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { LocalHotline } from '../../local/hotline.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { DynamoRosterStore } from '../../shared/adapters/dynamodb/roster-store.js';
import { outboxPut } from '../../shared/adapters/dynamodb/side-writes.js';
import { callerIdFor, telegramAddress } from '../../shared/privacy.js';
import { parseRoster } from '../../shared/volunteers/volunteer.js';
import {
  messageBodies,
  postSigned,
  postTelegram,
  setClock,
  smsParams,
  startTestHotline,
  TEST_HASH_KEY,
  telegramUpdate,
  uniqueChatId,
} from '../support/local-hotline.js';

const VOLUNTEER = '+381600000201';
/** Wednesday 25 November 2026, 12:00 in Belgrade. */
const WEDNESDAY_NOON = '2026-11-25T11:00:00.000Z';

let hotline: LocalHotline;

beforeAll(async () => {
  hotline = await startTestHotline();
  const roster = parseRoster([
    {
      volunteerId: 'aida',
      name: 'Aida',
      phone: VOLUNTEER,
      languages: ['ru', 'ky'],
      shifts: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '18:00' }],
    },
  ]);
  await new DynamoRosterStore(createDocumentClient(inject('dynamoEndpoint')), hotline.tableName).importRoster(
    roster,
    { replace: true },
  );
  await setClock(hotline, WEDNESDAY_NOON);
});

afterAll(async () => {
  await setClock(hotline, null);
  await hotline.stop();
});

const sentTo = (to: string | number, channel = 'telegram') =>
  hotline.outbox.list().filter((message) => message.channel === channel && message.to === String(to));

describe('POST /telegram (with the secret token Telegram sends)', () => {
  it('answers /start ky from a poster link with the Kyrgyz menu on Telegram, with digit buttons', async () => {
    const chat = uniqueChatId();

    const answer = await postTelegram(hotline, telegramUpdate(chat, '/start ky'));

    expect(answer.status).toBe(200);
    const [language, menu] = sentTo(chat);
    expect(language?.body).toContain('кыргызча');
    expect(menu?.body).toMatch(/[ңөү]/);
    expect(menu?.choices?.slice(0, 3)).toEqual(['1', '2', '3']);
  });

  it('greets a first plain text with the bilingual welcome, buttons for the two languages', async () => {
    const chat = uniqueChatId();

    await postTelegram(hotline, telegramUpdate(chat, 'салам'));

    const [welcome] = sentTo(chat);
    expect(welcome?.body).toContain('Здравствуйте');
    expect(welcome?.choices).toEqual(['1', '2']);
  });

  it('refuses an update without the secret header, or with a wrong one: 401, nothing stored or sent', async () => {
    const chat = uniqueChatId();

    const missing = await postTelegram(hotline, telegramUpdate(chat, 'салам'), null);
    const wrong = await postTelegram(hotline, telegramUpdate(chat, 'салам'), 'local-telegram-secreT');

    expect(missing.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(sentTo(chat)).toEqual([]);
    const items = await fetch(`${hotline.url}/_local/caller?phone=${encodeURIComponent(`telegram:${chat}`)}`);
    expect(((await items.json()) as { items: unknown[] }).items).toEqual([]);
  });

  it('answers an update Telegram delivers twice only once', async () => {
    const chat = uniqueChatId();
    const update = telegramUpdate(chat, 'РУССКИЙ');

    const first = await postTelegram(hotline, update);
    const again = await postTelegram(hotline, update);

    expect([first.status, again.status]).toEqual([200, 200]);
    expect(sentTo(chat)).toHaveLength(1);
  });

  it('acknowledges group messages, stickers and edits with 200 and answers none of them', async () => {
    const chat = uniqueChatId();
    const group = telegramUpdate(chat, 'салам') as { message: { chat: { type: string; id: number } } };
    group.message.chat = { id: -1_001_234_567_890, type: 'supergroup' };
    const sticker = telegramUpdate(chat, 'x') as { message: Record<string, unknown> };
    delete sticker.message.text;
    sticker.message.sticker = { file_id: 'CAACAgIAAxkBAAE', width: 512, height: 512, is_animated: false };
    const edited = {
      update_id: 1,
      edited_message: (telegramUpdate(chat, 'салам') as { message: unknown }).message,
    };

    for (const update of [group, sticker, edited])
      expect((await postTelegram(hotline, update)).status).toBe(200);

    expect(sentTo(chat)).toEqual([]);
    expect(sentTo(-1_001_234_567_890)).toEqual([]);
  });

  it('saves an entry date typed on Telegram and answers with the last lawful day', async () => {
    const chat = uniqueChatId();
    await postTelegram(hotline, telegramUpdate(chat, '/start ru'));
    const before = sentTo(chat).length;

    await postTelegram(hotline, telegramUpdate(chat, 'ВЪЕЗД 12.11.2026'));

    const answer = sentTo(chat)
      .slice(before)
      .map((message) => message.body)
      .join('\n');
    expect(answer).toContain('09.02.2027');
    // And it asks about earlier stays in the last 180 days, which would move that day.
    expect(answer).toContain('180');
  });

  it('opens a case from Telegram: the volunteer is told by SMS, takes it, and the answer reaches Telegram', async () => {
    const chat = uniqueChatId();
    await postTelegram(hotline, telegramUpdate(chat, '/start ru'));

    await postTelegram(hotline, telegramUpdate(chat, '7'));
    const notice = sentTo(VOLUNTEER, 'sms').at(-1);
    const code = /\b([1-9]\d{5})\b/.exec(notice?.body ?? '')?.[1];
    expect(code).toBeDefined();
    // The volunteer never sees the chat id, the caller never sees the volunteer's number.
    expect(notice?.body).not.toContain(String(chat));

    const take = await postSigned(hotline, '/sms', smsParams(VOLUNTEER, `TAKE ${code}`));
    expect(messageBodies(take).join(' ')).toContain(String(code));
    await postTelegram(hotline, telegramUpdate(chat, 'хозяин не платит зарплату'));
    expect(sentTo(VOLUNTEER, 'sms').at(-1)?.body).toContain('хозяин не платит зарплату');

    const reply = await postSigned(hotline, '/sms', smsParams(VOLUNTEER, `R ${code} Приходите завтра в 10`));
    await hotline.settled();

    expect(messageBodies(reply).join(' ')).not.toContain('Приходите');
    expect(sentTo(chat).at(-1)?.body).toContain('Приходите завтра в 10');
    expect(sentTo(chat).at(-1)?.body).not.toContain(VOLUNTEER);
  });

  it('stops on /stop with a confirmation on Telegram, and /delete asks before erasing', async () => {
    const chat = uniqueChatId();
    await postTelegram(hotline, telegramUpdate(chat, '/start ky'));

    await postTelegram(hotline, telegramUpdate(chat, '/stop'));
    const stopped = sentTo(chat).at(-1)?.body;
    await postTelegram(hotline, telegramUpdate(chat, '/delete'));
    const asked = sentTo(chat).at(-1)?.body;

    expect(stopped).toMatch(/СТОП|STOP|токто/i);
    expect(asked).toMatch(/ООБА/);
  });

  it('never sends what still waited in the outbox for a caller who was erased meanwhile; the others still get theirs', async () => {
    const erased = uniqueChatId();
    const kept = uniqueChatId();
    await postTelegram(hotline, telegramUpdate(erased, '/start ru'));
    await postTelegram(hotline, telegramUpdate(kept, '/start ru'));
    await postTelegram(hotline, telegramUpdate(erased, '/delete'));
    // A relay written for each of them that the sender has not reached yet (in AWS: a send being retried).
    const waiting = (chat: number) => ({
      id: `pending-${chat}#0`,
      channel: 'telegram' as const,
      to: String(chat),
      body: `words that waited for ${chat}`,
      callerId: callerIdFor(telegramAddress(String(chat)), TEST_HASH_KEY),
    });
    const client = createDocumentClient(inject('dynamoEndpoint'));
    try {
      await client.send(
        new TransactWriteCommand({
          TransactItems: [
            outboxPut(hotline.tableName, waiting(erased), new Date()),
            outboxPut(hotline.tableName, waiting(kept), new Date()),
          ],
        }),
      );
    } finally {
      client.destroy();
    }

    // The yes erases; the sender runs after it, as the stream hands it both waiting messages.
    await postTelegram(hotline, telegramUpdate(erased, 'да'));

    expect(sentTo(erased).map((m) => m.body)).not.toContain(waiting(erased).body);
    expect(sentTo(erased).at(-1)?.body).toMatch(/удал/i);
    expect(sentTo(kept).map((m) => m.body)).toContain(waiting(kept).body);
  });
});

describe('GET /_local/outbox?inline=1', () => {
  it('lists every message on every channel once: TwiML answers to SMS callers, Telegram, the texts to volunteers', async () => {
    const chat = uniqueChatId();
    const phone = `+99670${String(chat).slice(-7)}`;
    await postTelegram(hotline, telegramUpdate(chat, '/start ru'));
    await postTelegram(hotline, telegramUpdate(chat, '7'));
    await postSigned(hotline, '/sms', smsParams(phone, 'салам'));

    const all = (await (await fetch(`${hotline.url}/_local/outbox?inline=1`)).json()) as {
      channel: string;
      to: string;
      body: string;
      at: string;
      via?: string;
    }[];
    const plain = (await (await fetch(`${hotline.url}/_local/outbox`)).json()) as unknown[];

    const toSms = all.filter((message) => message.to === phone);
    expect(toSms).toEqual([
      expect.objectContaining({
        channel: 'sms',
        via: 'twiml',
        body: expect.stringContaining('Здравствуйте'),
      }),
    ]);
    expect(
      all.filter((message) => message.to === String(chat) && message.channel === 'telegram'),
    ).toHaveLength(3);
    expect(all.some((message) => message.to === VOLUNTEER && message.channel === 'sms' && !message.via)).toBe(
      true,
    );
    // Without `inline`, only what left outside a webhook's answer, as before.
    expect(plain).toHaveLength(all.filter((message) => !message.via).length);
    const keys = all.map((message) => `${message.channel}|${message.to}|${message.at}|${message.body}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('reminders to a Telegram caller', () => {
  it('go out on Telegram, not as an SMS to the chat id', async () => {
    const chat = uniqueChatId();
    await setClock(hotline, '2026-04-01T10:00:00Z');
    await postTelegram(hotline, telegramUpdate(chat, '/start ky'));
    await postTelegram(hotline, telegramUpdate(chat, 'КИРДИМ 12.03.2026'));

    await setClock(hotline, '2026-05-26T07:00:00Z');
    await fetch(`${hotline.url}/_local/tick`, { method: 'POST' });
    await hotline.settled();
    await setClock(hotline, WEDNESDAY_NOON);

    const reminders = sentTo(chat).filter((message) => message.body.startsWith('Эскертме'));
    expect(reminders.map((message) => message.body)).toEqual([
      'Эскертме: 90 күн 09.06.2026 бүтөт, 15 күн калды. Меню: 0',
    ]);
    expect(
      hotline.outbox.list().filter((message) => message.channel === 'sms' && message.to === String(chat)),
    ).toEqual([]);
  });
});
