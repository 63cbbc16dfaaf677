// A caller who texts the NGO's Serbian SIM: webhooks signed as SMS Gateway for Android signs them, answered
// through the outbox and the phone's API stand-in, with reminders through the SIM while its phone reports,
// and by SMS through SNS once it has gone quiet.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { LocalHotline } from '../../local/hotline.js';
import { gatewayReceivedWebhook, gatewayWebhookRequest } from '../../local/sms-gateway-stand-in.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { DynamoRosterStore } from '../../shared/adapters/dynamodb/roster-store.js';
import { parseRoster } from '../../shared/volunteers/volunteer.js';
import {
  messageBodies,
  postGateway,
  postSigned,
  setClock,
  smsParams,
  startTestHotline,
  uniquePhone,
} from '../support/local-hotline.js';

const VOLUNTEER = '+381600000301';
/** Wednesday 25 November 2026, 12:00 in Belgrade. */
const WEDNESDAY_NOON = '2026-11-25T11:00:00.000Z';

const KEY = 'local-gateway-key';

let hotline: LocalHotline;

beforeAll(async () => {
  hotline = await startTestHotline();
  const roster = parseRoster([
    {
      volunteerId: 'bakyt',
      name: 'Bakyt',
      phone: VOLUNTEER,
      languages: ['ky', 'ru'],
      shifts: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '18:00' }],
    },
  ]);
  await new DynamoRosterStore(createDocumentClient(inject('dynamoEndpoint')), hotline.tableName).importRoster(
    roster,
    { replace: true },
  );
});

afterAll(async () => {
  await setClock(hotline, null);
  await hotline.stop();
});

const viaSim = (phone: string) =>
  hotline.outbox.list().filter((message) => message.channel === 'sms-gateway' && message.to === phone);
const viaSns = (phone: string) =>
  hotline.outbox.list().filter((message) => message.channel === 'sms' && message.to === phone);

/** A text from `from` to the SIM, signed now (the phone signs with its own, real clock). */
const text = (
  from: string,
  body: string,
  options: { key?: string; eventId?: string; signedAt?: Date } = {},
) =>
  gatewayReceivedWebhook({
    from,
    text: body,
    now: options.signedAt ?? new Date(),
    signingKey: options.key ?? KEY,
    ...(options.eventId ? { eventId: options.eventId } : {}),
  });

describe('POST /sms-gateway (signed as the SMS Gateway app signs it)', () => {
  it('answers a first text to the Serbian SIM through the SIM, with the bilingual welcome', async () => {
    const phone = uniquePhone('+381');

    const answer = await postGateway(hotline, text(phone, 'салам'));

    expect(answer.status).toBe(200);
    expect(viaSim(phone).map((message) => message.body)).toEqual([expect.stringContaining('Здравствуйте')]);
    expect(viaSns(phone)).toEqual([]);
  });

  it('refuses a wrong key, a changed body, a missing signature and a stale timestamp: 401, nothing sent', async () => {
    const phone = uniquePhone('+381');
    const good = text(phone, 'салам');
    const changed = { ...good, body: good.body.replace('салам', 'салем') };
    const unsigned = gatewayReceivedWebhook({ from: phone, text: 'салам', now: new Date() });
    const stale = text(phone, 'салам', { signedAt: new Date(Date.now() - 6 * 60_000) });

    const answers = [];
    for (const request of [text(phone, 'салам', { key: 'not-the-key' }), changed, unsigned, stale])
      answers.push((await postGateway(hotline, request)).status);

    expect(answers).toEqual([401, 401, 401, 401]);
    expect(viaSim(phone)).toEqual([]);
  });

  it('answers an event the phone delivers twice (same envelope id) only once', async () => {
    const phone = uniquePhone('+381');
    const eventId = `evt${Date.now()}`;

    await postGateway(hotline, text(phone, 'РУССКИЙ', { eventId }));
    await postGateway(hotline, text(phone, 'РУССКИЙ', { eventId }));

    expect(viaSim(phone)).toHaveLength(1);
  });

  it('takes delivery reports and pings with 200 and answers nobody', async () => {
    const before = hotline.outbox.list().length;
    const now = new Date();
    const report = gatewayWebhookRequest({
      signingKey: KEY,
      event: 'sms:delivered',
      payload: { messageId: 'abc', phoneNumber: '+381601234567', deliveredAt: now.toISOString() },
      now,
    });
    const ping = gatewayWebhookRequest({ signingKey: KEY, event: 'system:ping', payload: {}, now });

    expect((await postGateway(hotline, report)).status).toBe(200);
    expect((await postGateway(hotline, ping)).status).toBe(200);
    expect(hotline.outbox.list()).toHaveLength(before);
  });
});

describe('a case opened from the Serbian SIM', () => {
  it('tells the volunteer by SMS and brings the volunteer’s answer back through the SIM', async () => {
    const phone = uniquePhone('+381');
    await setClock(hotline, WEDNESDAY_NOON);
    for (const body of ['салам', '1']) await postGateway(hotline, text(phone, body));

    await postGateway(hotline, text(phone, '7'));
    const notice = viaSns(VOLUNTEER).at(-1);
    const code = /\b([1-9]\d{5})\b/.exec(notice?.body ?? '')?.[1];
    expect(code).toBeDefined();
    expect(notice?.body).not.toContain(phone.slice(4));
    await postSigned(hotline, '/sms', smsParams(VOLUNTEER, `TAKE ${code}`));
    const reply = await postSigned(
      hotline,
      '/sms',
      smsParams(VOLUNTEER, `R ${code} Эртең саат 10до келиңиз`),
    );
    await hotline.settled();

    expect(messageBodies(reply).join(' ')).not.toContain('Эртең');
    expect(viaSim(phone).at(-1)?.body).toContain('Эртең саат 10до келиңиз');
    expect(viaSim(phone).at(-1)?.body).not.toContain(VOLUNTEER);
  });
});

describe('reminders to a caller of the Serbian SIM', () => {
  const tickAt = async (now: string) => {
    await setClock(hotline, now);
    await fetch(`${hotline.url}/_local/tick`, { method: 'POST' });
    await hotline.settled();
  };

  it('go through the SIM while its phone reports, and by SMS through SNS once it has been quiet 30 minutes', async () => {
    const onSim = uniquePhone('+381');
    const quiet = uniquePhone('+381');
    await setClock(hotline, '2026-04-01T10:00:00Z');
    for (const phone of [onSim, quiet])
      for (const body of ['салам', '1', 'КИРДИМ 12.03.2026', 'жок'])
        await postGateway(hotline, text(phone, body));
    // The quiet caller's reminder comes first, on a day the phone has not reported for hours.
    await tickAt('2026-05-26T07:00:00Z');
    const sentQuiet = viaSns(onSim).length + viaSns(quiet).length;
    // Then the phone pings again, and the next reminder goes through it.
    await setClock(hotline, '2026-06-02T06:55:00Z');
    await postGateway(
      hotline,
      gatewayWebhookRequest({ signingKey: KEY, event: 'system:ping', payload: {}, now: new Date() }),
    );
    await tickAt('2026-06-02T07:00:00Z');

    const reminder = (message: { body: string }) => message.body.startsWith('Эскертме');
    expect(sentQuiet).toBe(2);
    expect(
      viaSns(onSim)
        .filter(reminder)
        .map((m) => m.body),
    ).toEqual(['Эскертме: 90 күн 09.06.2026 бүтөт, 15 күн калды. Меню: 0']);
    expect(
      viaSim(onSim)
        .filter(reminder)
        .map((m) => m.body),
    ).toEqual(['Эскертме: 90 күн 09.06.2026 бүтөт, 8 күн калды. Меню: 0']);
  });
});
