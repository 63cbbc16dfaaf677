// The send client against the phone stand-in (answers as the app's local server and the cloud server do),
// through an injected fetch: request shape, both modes, what counts as permanent, idempotent ids.
import { describe, expect, it } from 'vitest';
import { Outbox } from '../../../local/outbox.js';
import { SmsGatewayStandIn } from '../../../local/sms-gateway-stand-in.js';
import {
  ALREADY_ACCEPTED_STATE,
  gatewayMessagesUrl,
  type SmsGatewayMode,
  smsGatewayApi,
} from '../../../shared/adapters/sms-gateway/client.js';

const NOW = new Date('2026-03-14T17:05:09Z');
const PREFIX = '/_local/sms-gateway';
const BASE = `http://127.0.0.1:3000${PREFIX}`;
const PASSWORD = 'p4ss-w0rd-xyz';

interface Sent {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string;
  signal: AbortSignal | undefined;
}

function phone() {
  const outbox = new Outbox();
  const standIn = new SmsGatewayStandIn({ username: 'hotline', password: PASSWORD, outbox });
  const sent: Sent[] = [];
  const fetchFn = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input));
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((value, name) => {
      headers[name] = value;
    });
    const body = String(init?.body ?? '');
    sent.push({
      url: url.href,
      method: init?.method ?? 'GET',
      headers,
      body,
      signal: init?.signal ?? undefined,
    });
    const answer = standIn.answer(
      init?.method ?? 'GET',
      url.pathname.slice(PREFIX.length) + url.search,
      headers,
      body,
      NOW,
    );
    return new Response(answer.body || null, { status: answer.status, headers: answer.headers });
  }) as typeof fetch;
  return { outbox, standIn, sent, fetchFn };
}

function client(mode: SmsGatewayMode, fetchFn: typeof fetch, password = PASSWORD) {
  return smsGatewayApi({ apiBase: BASE, username: 'hotline', password, mode, fetchFn });
}

const MESSAGE = {
  id: 'reply-01HS4Q7Z9K2M3N4P5Q6R',
  to: '+381601234567',
  text: 'Саламатсызбы! Бул жерден жардам алсаңыз болот.',
};

describe('smsGatewayApi', () => {
  it.each([
    ['local', `${BASE}/messages`],
    ['cloud', `${BASE}/3rdparty/v1/messages`],
  ] as const)('%s mode posts the text to %s and the phone queues it', async (mode, url) => {
    const { outbox, sent, fetchFn, standIn } = phone();
    const result = await client(mode, fetchFn).send(MESSAGE);

    expect(result).toEqual({ ok: true, state: 'Pending' });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.url).toBe(url);
    expect(sent[0]?.method).toBe('POST');
    expect(sent[0]?.headers.authorization).toBe(
      `Basic ${Buffer.from(`hotline:${PASSWORD}`).toString('base64')}`,
    );
    expect(sent[0]?.headers['content-type']).toBe('application/json');
    expect(sent[0]?.signal).toBeInstanceOf(AbortSignal);
    expect(JSON.parse(sent[0]?.body ?? '')).toEqual({
      id: MESSAGE.id,
      textMessage: { text: MESSAGE.text },
      phoneNumbers: ['+381601234567'],
      withDeliveryReport: true,
    });
    expect(outbox.list()).toEqual([
      { channel: 'sms-gateway', to: '+381601234567', body: MESSAGE.text, at: NOW.toISOString() },
    ]);
    expect(standIn.message(MESSAGE.id)).toMatchObject({ state: 'Pending', to: ['+381601234567'] });
  });

  it('sends the same id twice without a second text, and calls the repeat accepted', async () => {
    for (const mode of ['local', 'cloud'] as const) {
      const { outbox, fetchFn, sent } = phone();
      const api = client(mode, fetchFn);
      expect(await api.send(MESSAGE)).toEqual({ ok: true, state: 'Pending' });
      expect(await api.send(MESSAGE)).toEqual({ ok: true, state: ALREADY_ACCEPTED_STATE });
      expect(sent).toHaveLength(2);
      expect(outbox.list()).toHaveLength(1);
      expect(await api.send({ ...MESSAGE, id: 'reply-2' })).toEqual({ ok: true, state: 'Pending' });
      expect(outbox.list()).toHaveLength(2);
    }
  });

  it('treats refused credentials as permanent and never repeats the password', async () => {
    for (const mode of ['local', 'cloud'] as const) {
      const { outbox, fetchFn } = phone();
      const result = await client(mode, fetchFn, 'wrong-password').send(MESSAGE);
      expect(result).toMatchObject({ ok: false, permanent: true, status: 401 });
      expect(JSON.stringify(result)).not.toContain('wrong-password');
      expect(outbox.list()).toHaveLength(0);
    }
  });

  it('treats a body the phone refuses as permanent', async () => {
    const { fetchFn } = phone();
    const result = await client('local', fetchFn).send({ ...MESSAGE, text: '' });
    expect(result).toEqual({ ok: false, permanent: true, status: 400, reason: 'Text message is empty' });
  });

  it('refuses an id longer than the gateway stores without calling it', async () => {
    const { fetchFn, sent } = phone();
    const result = await client('cloud', fetchFn).send({ ...MESSAGE, id: 'x'.repeat(37) });
    expect(result).toMatchObject({ ok: false, permanent: true });
    expect(sent).toHaveLength(0);
  });

  it.each([500, 502, 503])('treats %s as worth retrying', async (status) => {
    const { fetchFn, standIn, outbox } = phone();
    standIn.setOutage(status);
    const result = await client('cloud', fetchFn).send(MESSAGE);
    expect(result).toMatchObject({ ok: false, permanent: false, status });
    expect(outbox.list()).toHaveLength(0);
    standIn.setOutage(undefined);
    expect(await client('cloud', fetchFn).send(MESSAGE)).toEqual({ ok: true, state: 'Pending' });
  });

  it('treats throttling as worth retrying and other refusals as permanent', async () => {
    const answering = (status: number) =>
      (async () => new Response(JSON.stringify({ message: `status ${status}` }), { status })) as typeof fetch;
    expect(await client('cloud', answering(429)).send(MESSAGE)).toMatchObject({
      ok: false,
      permanent: false,
    });
    expect(await client('cloud', answering(403)).send(MESSAGE)).toMatchObject({ ok: false, permanent: true });
    expect(await client('cloud', answering(404)).send(MESSAGE)).toMatchObject({ ok: false, permanent: true });
  });

  it('treats an unreachable phone and a timeout as worth retrying', async () => {
    const refused = (async () => {
      throw new TypeError('fetch failed');
    }) as typeof fetch;
    expect(await client('local', refused).send(MESSAGE)).toEqual({
      ok: false,
      permanent: false,
      status: 0,
      reason: 'gateway unreachable: fetch failed',
    });
    const slow = (async () => {
      throw new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    }) as typeof fetch;
    expect(await client('local', slow).send(MESSAGE)).toMatchObject({
      ok: false,
      permanent: false,
      status: 0,
      reason: 'no answer from the gateway within 5000 ms',
    });
  });

  it('gives up on a phone that never answers after the timeout', async () => {
    const hanging = ((_url: string, init?: RequestInit) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
      })) as typeof fetch;
    const api = smsGatewayApi({
      apiBase: BASE,
      username: 'hotline',
      password: PASSWORD,
      mode: 'local',
      fetchFn: hanging,
      timeoutMs: 50,
    });
    expect(await api.send(MESSAGE)).toMatchObject({ ok: false, permanent: false, status: 0 });
  });

  it('scrubs the password and credentials from whatever the gateway echoes', async () => {
    const token = Buffer.from(`hotline:${PASSWORD}`).toString('base64');
    const echoing = (async () =>
      new Response(JSON.stringify({ message: `bad auth ${PASSWORD} / ${token}` }), {
        status: 400,
      })) as typeof fetch;
    const result = await client('cloud', echoing).send(MESSAGE);
    expect(result).toMatchObject({ ok: false, permanent: true, status: 400 });
    expect(JSON.stringify(result)).not.toContain(PASSWORD);
    expect(JSON.stringify(result)).not.toContain(token);
    const throwing = (async () => {
      throw new Error(`connect failed for hotline:${PASSWORD}@phone`);
    }) as typeof fetch;
    expect(JSON.stringify(await client('local', throwing).send(MESSAGE))).not.toContain(PASSWORD);
  });
});

describe('gatewayMessagesUrl', () => {
  it('appends the right path once, whatever the base ends with', () => {
    expect(gatewayMessagesUrl('http://192.168.1.20:8080/', 'local')).toBe(
      'http://192.168.1.20:8080/messages',
    );
    expect(gatewayMessagesUrl('https://api.sms-gate.app', 'cloud')).toBe(
      'https://api.sms-gate.app/3rdparty/v1/messages',
    );
    expect(gatewayMessagesUrl('https://sms.example.org/3rdparty/v1/', 'cloud')).toBe(
      'https://sms.example.org/3rdparty/v1/messages',
    );
  });
});

describe('the stand-in answers as the app does', () => {
  const auth = { authorization: `Basic ${Buffer.from(`hotline:${PASSWORD}`).toString('base64')}` };

  it('answers 401 with a Basic challenge and no body on the local server', () => {
    const { standIn } = phone();
    const answer = standIn.answer('POST', '/message', {}, '{}', NOW);
    expect(answer.status).toBe(401);
    expect(answer.body).toBe('');
    expect(answer.headers['www-authenticate']).toContain('Basic realm="Access to SMS Gateway"');
  });

  it('accepts the legacy `message` field on the singular path and reports state by id', () => {
    const { standIn, outbox } = phone();
    const post = standIn.answer(
      'POST',
      '/message',
      auth,
      JSON.stringify({ id: 'm-1', message: 'Салам', phoneNumbers: ['+381601234567'] }),
      NOW,
    );
    expect(post.status).toBe(202);
    expect(JSON.parse(post.body)).toMatchObject({
      id: 'm-1',
      state: 'Pending',
      textMessage: { text: 'Салам' },
      recipients: [{ phoneNumber: '+381601234567', state: 'Pending' }],
      states: { Pending: '2026-03-14T18:05:09.000+01:00' },
    });
    expect(outbox.list()).toHaveLength(1);

    standIn.setState('m-1', 'Delivered', new Date('2026-03-14T17:05:12Z'));
    const get = standIn.answer('GET', '/message/m-1', auth, '', NOW);
    expect(get.status).toBe(200);
    expect(JSON.parse(get.body)).toMatchObject({ id: 'm-1', state: 'Delivered' });
    expect(standIn.answer('GET', '/3rdparty/v1/messages/unknown', auth, '', NOW).status).toBe(404);
  });

  it('answers 409 for a repeated id and 400 for bodies the app refuses', () => {
    const { standIn } = phone();
    const body = JSON.stringify({ id: 'm-1', textMessage: { text: 'a' }, phoneNumbers: ['+381601234567'] });
    expect(standIn.answer('POST', '/3rdparty/v1/message', auth, body, NOW).status).toBe(202);
    const again = standIn.answer('POST', '/3rdparty/v1/message', auth, body, NOW);
    expect(again).toMatchObject({
      status: 409,
      body: '{"message":"message with the same ID already exists"}',
    });
    for (const bad of [
      'not json',
      JSON.stringify({ textMessage: { text: 'a' }, phoneNumbers: [] }),
      JSON.stringify({ phoneNumbers: ['+381601234567'] }),
      JSON.stringify({ message: 'a', textMessage: { text: 'a' }, phoneNumbers: ['+381601234567'] }),
      JSON.stringify({ textMessage: { text: 'a' }, phoneNumbers: ['+381601234567'], simNumber: 0 }),
    ]) {
      expect(standIn.answer('POST', '/messages', auth, bad, NOW).status, bad).toBe(400);
    }
    const notANumber = JSON.stringify({ textMessage: { text: 'a' }, phoneNumbers: ['Yettel'] });
    expect(JSON.parse(standIn.answer('POST', '/3rdparty/v1/messages', auth, notANumber, NOW).body)).toEqual({
      message: 'invalid phone number',
    });
  });
});
