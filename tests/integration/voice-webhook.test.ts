import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalHotline } from '../../local/hotline.js';
import { postSigned, sid, startTestHotline, uniquePhone } from '../support/local-hotline.js';

let hotline: LocalHotline;

beforeAll(async () => {
  hotline = await startTestHotline();
});

afterAll(async () => {
  await hotline.stop();
});

const callParams = () => ({
  CallSid: sid('CA'),
  AccountSid: 'ACtest',
  From: uniquePhone(),
  To: '+381110000000',
  CallStatus: 'ringing',
});

describe('POST /voice (signed as Twilio signs it)', () => {
  it('answers a new caller with the language menu: a Kyrgyz recording, then Russian speech', async () => {
    const reply = await postSigned(hotline, '/voice', callParams());

    expect(reply.status).toBe(200);
    const response = (reply.twiml.Response as Record<string, unknown[]>[])[0];
    const gather = response?.Gather?.[0] as Record<string, unknown[] | string> | undefined;
    const play = (gather?.Play as unknown[] | undefined)?.[0];
    const say = (gather?.Say as Record<string, string>[] | undefined)?.[0];
    expect(gather?.['@action']).toMatch(new RegExp(`^${hotline.publicBaseUrl}/voice/language\\?t=1&a=0$`));
    expect(gather?.['@numDigits']).toBe('1');
    expect(String(play)).toMatch(new RegExp(`^${hotline.publicBaseUrl}/prompts/ky/.+\\.wav$`));
    expect(say?.['@language']).toBe('ru-RU');
    expect(say?.['#text']).toMatch(/[А-Яа-я]/);
    const audio = await fetch(String(play));
    expect(audio.status).toBe(200);
    expect(audio.headers.get('content-type')).toBe('audio/wav');
    expect(
      Buffer.from(await audio.arrayBuffer())
        .subarray(0, 4)
        .toString('ascii'),
    ).toBe('RIFF');
  });

  it('refuses an unsigned call with 400 and a wrongly signed one with 403', async () => {
    const unsigned = await postSigned(hotline, '/voice', callParams(), { signature: null });
    const wrong = await postSigned(hotline, '/voice', callParams(), { signature: 'bm90IGEgc2lnbmF0dXJl' });

    expect([unsigned.status, wrong.status]).toEqual([400, 403]);
    expect(unsigned.xml).toMatch(/<Response\/>$/);
    expect(wrong.xml).toMatch(/<Response\/>$/);
  });

  it('checks signatures of action URLs against their path and query string', async () => {
    const params = { ...callParams(), Digits: '1' };

    const reply = await postSigned(hotline, '/voice/menu?lang=ky&t=2&a=0', params);
    const signedForOtherQuery = await postSigned(hotline, '/voice/menu?lang=ky&t=2&a=1', params, {
      signature: (await import('../../shared/adapters/twilio/signature.js')).twilioSignature(
        hotline.authToken,
        `${hotline.publicBaseUrl}/voice/menu?lang=ky&t=2&a=0`,
        params,
      ),
    });

    expect(reply.status).toBe(200);
    expect(signedForOtherQuery.status).toBe(403);
  });

  it('answers a thousand typed digits as a wrong date, not with the apology, at the date prompt and a menu', async () => {
    const params = { ...callParams(), Digits: '1'.repeat(1000) };

    const atDate = await postSigned(hotline, '/voice/entry?lang=ru&t=3&a=0', params);
    const atMenu = await postSigned(hotline, '/voice/menu?lang=ru&t=2&a=0', {
      ...params,
      CallSid: sid('CA'),
    });

    for (const reply of [atDate, atMenu]) {
      expect(reply.status).toBe(200);
      expect(reply.xml).toContain('<Gather');
      expect(reply.xml).not.toContain('техническая неполадка');
    }
  });
});
