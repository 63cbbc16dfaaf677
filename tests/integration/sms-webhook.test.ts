import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalHotline } from '../../local/hotline.js';
import { SMS_APOLOGY } from '../../shared/messages/system.js';
import {
  itemsOfCaller,
  messageBodies,
  postSigned,
  sid,
  smsParams,
  startTestHotline,
  uniquePhone,
} from '../support/local-hotline.js';

let hotline: LocalHotline;

beforeAll(async () => {
  hotline = await startTestHotline();
});

afterAll(async () => {
  await hotline.stop();
});

describe('POST /sms (signed as Twilio signs it)', () => {
  it('answers a first text with a bilingual Kyrgyz and Russian welcome as TwiML', async () => {
    const reply = await postSigned(hotline, '/sms', smsParams(uniquePhone(), 'салам'));

    expect(reply.status).toBe(200);
    expect(reply.contentType).toContain('text/xml');
    const [welcome] = messageBodies(reply);
    expect(welcome).toMatch(/Кыргызча/); // Kyrgyz
    expect(welcome).toContain('Здравствуйте'); // Russian
  });

  it('keeps no word of a first text: not in the profile, not anywhere under the caller', async () => {
    const phone = uniquePhone();
    const words = 'хозяин забрал паспорт помогите пожалуйста';

    await postSigned(hotline, '/sms', smsParams(phone, words));

    const items = await itemsOfCaller(hotline, phone);
    const profile = items.find((item) => item.sk === 'PROFILE');
    expect(profile).toBeDefined();
    expect(Object.keys(profile ?? {})).not.toContain('body');
    const stored = JSON.stringify(items);
    for (const word of ['хозяин', 'забрал', 'паспорт']) expect(stored).not.toContain(word);
  });

  it('stores the caller under a hashed id, never keyed by the phone number', async () => {
    const phone = uniquePhone();

    await postSigned(hotline, '/sms', smsParams(phone, 'salam'));

    const items = await itemsOfCaller(hotline, phone);
    const profile = items.find((item) => item.sk === 'PROFILE');
    expect(profile).toMatchObject({ phone, channel: 'sms', version: 1 });
    expect(String(profile?.pk)).not.toContain(phone.slice(1));
    expect(Number(profile?.expiresAt)).toBeGreaterThan(Date.now() / 1000 + 170 * 86_400);
  });

  it('refuses a request without a signature with 400 and stores nothing', async () => {
    const phone = uniquePhone();

    const reply = await postSigned(hotline, '/sms', smsParams(phone, 'salam'), { signature: null });

    expect(reply.status).toBe(400);
    expect(reply.xml).toMatch(/<Response\/>$/);
    expect(messageBodies(reply)).toEqual([]);
    expect(await itemsOfCaller(hotline, phone)).toEqual([]);
  });

  it('refuses a request signed with another token with 403 and stores nothing', async () => {
    const phone = uniquePhone();

    const reply = await postSigned(hotline, '/sms', smsParams(phone, 'salam'), {
      authToken: 'someone-elses-token',
    });

    expect(reply.status).toBe(403);
    expect(messageBodies(reply)).toEqual([]);
    expect(await itemsOfCaller(hotline, phone)).toEqual([]);
  });

  it('refuses a signed request whose form was changed on the way', async () => {
    const params = smsParams(uniquePhone(), 'salam');
    const genuine = await postSigned(hotline, '/sms', params, { signature: undefined });
    expect(genuine.status).toBe(200);

    const { twilioSignature } = await import('../../shared/adapters/twilio/signature.js');
    const signature = twilioSignature(hotline.authToken, `${hotline.publicBaseUrl}/sms`, params);
    const tampered = await postSigned(hotline, '/sms', { ...params, Body: 'STOP' }, { signature });

    expect(tampered.status).toBe(403);
  });

  it('answers a retried webhook (same MessageSid) with the same reply and changes nothing twice', async () => {
    const phone = uniquePhone();
    const params = smsParams(phone, 'salam', sid('SM'));

    const first = await postSigned(hotline, '/sms', params);
    const retry = await postSigned(hotline, '/sms', params);

    expect(retry.xml).toBe(first.xml);
    const items = await itemsOfCaller(hotline, phone);
    expect(items.find((item) => item.sk === 'PROFILE')?.version).toBe(1);
    expect(items.filter((item) => String(item.sk).startsWith('MSG#'))).toHaveLength(1);
  });

  it('keeps every update when several texts from one caller arrive at the same moment', async () => {
    const phone = uniquePhone();

    const replies = await Promise.all(
      Array.from({ length: 6 }, (_, index) => postSigned(hotline, '/sms', smsParams(phone, `msg ${index}`))),
    );

    expect(replies.map((reply) => reply.status)).toEqual([200, 200, 200, 200, 200, 200]);
    for (const reply of replies) expect(messageBodies(reply)).not.toContain(SMS_APOLOGY);
    const items = await itemsOfCaller(hotline, phone);
    expect(items.find((item) => item.sk === 'PROFILE')?.version).toBe(6);
    expect(items.filter((item) => String(item.sk).startsWith('MSG#'))).toHaveLength(6);
  });

  it('treats whatsapp:+996… as the same caller as the SMS number', async () => {
    const phone = uniquePhone();

    await postSigned(hotline, '/sms', smsParams(phone, 'salam'));
    await postSigned(hotline, '/sms', smsParams(`whatsapp:${phone}`, 'salam'));

    const profile = (await itemsOfCaller(hotline, phone)).find((item) => item.sk === 'PROFILE');
    expect(profile).toMatchObject({ phone, channel: 'whatsapp', version: 2 });
  });

  it('answers 400 with valid TwiML when a signed form lacks the fields Twilio always sends', async () => {
    const reply = await postSigned(hotline, '/sms', { Body: 'no sid' });

    expect(reply.status).toBe(400);
    expect(reply.xml).toMatch(/<Response\/>$/);
  });

  it('accepts fields it does not know, as Twilio adds fields over time', async () => {
    const reply = await postSigned(hotline, '/sms', {
      ...smsParams(uniquePhone(), 'salam'),
      SmsStatus: 'received',
      SomeFutureField: 'x',
    });

    expect(reply.status).toBe(200);
  });

  it('escapes text that looks like TwiML, so the reply stays one valid document', async () => {
    const reply = await postSigned(hotline, '/sms', smsParams(uniquePhone(), '</Message><Hangup/><Message>'));

    expect(reply.status).toBe(200);
    expect(reply.xml).not.toContain('<Hangup');
  });
});
