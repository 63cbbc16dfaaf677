// Webhooks from "SMS Gateway for Android": the signature check the phone's PayloadSingingPlugin.kt implies
// (capcom6/android-sms-gateway@0cdc5d86), and reading each event the app emits. Fixtures in
// tests/fixtures/sms-gateway are bodies in the app's shapes (WebHookEventDTO.kt, webhooks/payload/*.kt).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gatewayDeliveryWebhook, gatewayReceivedWebhook } from '../../../local/sms-gateway-stand-in.js';
import {
  readGatewayWebhook,
  SMS_GATEWAY_SIGNATURE_HEADER,
  SMS_GATEWAY_TIMESTAMP_HEADER,
  signGatewayWebhook,
  toE164,
  verifyGatewaySignature,
} from '../../../shared/adapters/sms-gateway/webhook.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures/sms-gateway');
const fixture = (name: string) => readFileSync(join(FIXTURES, `${name}.json`), 'utf8');

const KEY = 'local-gateway-key';
const NOW = new Date('2026-03-14T17:05:09Z');
const TIMESTAMP = String(NOW.getTime() / 1000);

function signed(rawBody: string, timestamp = TIMESTAMP, key = KEY) {
  return { rawBody, timestamp, signature: signGatewayWebhook(key, rawBody, timestamp) };
}

describe('signing as the app signs', () => {
  it('is hex HMAC-SHA256 of the body followed by the timestamp (vectors computed with Python hmac)', () => {
    expect(signGatewayWebhook('local-gateway-key', '{"a":1}', '1700000000')).toBe(
      'f816b00d8dabcbcb14d9cd6e4ea6f49bf64a4e14dd82eab9c5bb79daf78e1d2b',
    );
    // UTF-8 key and body; timestamp after the body, not before.
    expect(signGatewayWebhook('ключ', '{"message":"Салам"}', 1700000000)).toBe(
      '14731a01d0d6413382d3627d40968e6ee989da476c1e0e94b0db14434f0d5444',
    );
  });

  it('names the headers as Node delivers them', () => {
    expect(SMS_GATEWAY_SIGNATURE_HEADER).toBe('x-signature');
    expect(SMS_GATEWAY_TIMESTAMP_HEADER).toBe('x-timestamp');
  });
});

describe('verifyGatewaySignature', () => {
  const body = fixture('sms-received');

  it('accepts a body signed with the key just now', () => {
    expect(verifyGatewaySignature({ signingKey: KEY, ...signed(body), now: NOW })).toBe('ok');
  });

  it('accepts the signature in upper-case hex and with stray whitespace', () => {
    const request = signed(body);
    expect(
      verifyGatewaySignature({
        signingKey: KEY,
        ...request,
        signature: ` ${request.signature.toUpperCase()} `,
        now: NOW,
      }),
    ).toBe('ok');
  });

  it('refuses a body with one byte changed', () => {
    const request = signed(body);
    const tampered = request.rawBody.replace('"simNumber": 1', '"simNumber": 2');
    expect(tampered).not.toBe(request.rawBody);
    expect(verifyGatewaySignature({ signingKey: KEY, ...request, rawBody: tampered, now: NOW })).toBe(
      'forged',
    );
  });

  it('refuses a signature made with another key', () => {
    expect(
      verifyGatewaySignature({ signingKey: KEY, ...signed(body, TIMESTAMP, 'other-key'), now: NOW }),
    ).toBe('forged');
  });

  it('refuses a signature moved to another timestamp', () => {
    const request = signed(body);
    expect(
      verifyGatewaySignature({
        signingKey: KEY,
        ...request,
        timestamp: String(Number(TIMESTAMP) + 1),
        now: NOW,
      }),
    ).toBe('forged');
  });

  it('answers missing when either header is absent or empty', () => {
    const request = signed(body);
    expect(verifyGatewaySignature({ signingKey: KEY, ...request, signature: undefined, now: NOW })).toBe(
      'missing',
    );
    expect(verifyGatewaySignature({ signingKey: KEY, ...request, timestamp: undefined, now: NOW })).toBe(
      'missing',
    );
    expect(verifyGatewaySignature({ signingKey: KEY, ...request, signature: '', now: NOW })).toBe('missing');
  });

  it('refuses malformed signatures and timestamps as forged', () => {
    const request = signed(body);
    for (const signature of [
      request.signature.slice(0, 63),
      `${request.signature}00`,
      'zz'.repeat(32),
      'abc',
    ]) {
      expect(verifyGatewaySignature({ signingKey: KEY, ...request, signature, now: NOW })).toBe('forged');
    }
    const isoTime = signed(body, NOW.toISOString());
    expect(verifyGatewaySignature({ signingKey: KEY, ...isoTime, now: NOW })).toBe('forged');
  });

  it('verifies nothing with an empty key', () => {
    expect(verifyGatewaySignature({ signingKey: '', ...signed(body, TIMESTAMP, ''), now: NOW })).toBe(
      'forged',
    );
  });

  it('refuses a genuine request signed more than five minutes ago or ahead as stale', () => {
    const old = signed(body, String(Number(TIMESTAMP) - 301));
    const ahead = signed(body, String(Number(TIMESTAMP) + 301));
    expect(verifyGatewaySignature({ signingKey: KEY, ...old, now: NOW })).toBe('stale');
    expect(verifyGatewaySignature({ signingKey: KEY, ...ahead, now: NOW })).toBe('stale');
  });

  it('accepts clock skew within the tolerance, which can be set', () => {
    const skewed = signed(body, String(Number(TIMESTAMP) - 299));
    expect(verifyGatewaySignature({ signingKey: KEY, ...skewed, now: NOW })).toBe('ok');
    expect(verifyGatewaySignature({ signingKey: KEY, ...skewed, now: NOW, toleranceSeconds: 60 })).toBe(
      'stale',
    );
  });

  it('accepts a request the stand-in builds as the phone would, Cyrillic text included', () => {
    const request = gatewayReceivedWebhook({
      signingKey: KEY,
      from: '+996555123456',
      text: 'Жардам керек',
      now: NOW,
    });
    expect(
      verifyGatewaySignature({
        signingKey: KEY,
        rawBody: request.body,
        timestamp: request.headers[SMS_GATEWAY_TIMESTAMP_HEADER],
        signature: request.headers[SMS_GATEWAY_SIGNATURE_HEADER],
        now: NOW,
      }),
    ).toBe('ok');
    expect(request.headers[SMS_GATEWAY_TIMESTAMP_HEADER]).toBe(TIMESTAMP);
  });
});

describe('readGatewayWebhook', () => {
  it('reads sms:received with its Cyrillic text, sender, SIM and time', () => {
    expect(readGatewayWebhook(fixture('sms-received'))).toEqual({
      kind: 'received',
      eventId: 'Ey6ECgOkVVFjz3CL48B8C',
      deviceId: 'PyDmBQZZXYmyxMwED8Fzy',
      messageId: '7c1e0a3f',
      sender: '+381601234567',
      text: 'Саламатсызбы, иш берүүчү паспортумду алып койду. Эмне кылсам болот?',
      simNumber: 1,
      receivedAt: '2026-03-14T17:05:09.000Z',
    });
  });

  it('reads an older app that sends only phoneNumber, in national form', () => {
    const read = readGatewayWebhook(fixture('sms-received-legacy'));
    expect(read).toMatchObject({ kind: 'received', sender: '+381601234567', text: 'POMOC' });
    expect(read).not.toHaveProperty('simNumber');
  });

  it('sets aside a text from an operator name nobody can answer', () => {
    expect(readGatewayWebhook(fixture('sms-received-operator'))).toEqual({
      kind: 'ignored',
      eventId: 'Hn4dS2fQ7wE1rT6yU0iOp',
      event: 'sms:received',
      reason: 'sender is not a phone number',
    });
  });

  it('reads sms:sent, sms:delivered and sms:failed as delivery states of the id the hotline sent', () => {
    expect(readGatewayWebhook(fixture('sms-sent'))).toEqual({
      kind: 'delivery',
      eventId: 'Zb7Kc1Lm2Nn3Op4Qq5Rr6',
      deviceId: 'PyDmBQZZXYmyxMwED8Fzy',
      messageId: 'reply-01HS4Q7Z9K2M3N4P5Q6R',
      state: 'sent',
      recipient: '+381601234567',
    });
    expect(readGatewayWebhook(fixture('sms-delivered'))).toMatchObject({
      kind: 'delivery',
      messageId: 'reply-01HS4Q7Z9K2M3N4P5Q6R',
      state: 'delivered',
    });
    expect(readGatewayWebhook(fixture('sms-failed'))).toEqual({
      kind: 'delivery',
      eventId: 'Pf0Og9Nh8Mi7Lj6Kk5Jl4',
      deviceId: 'PyDmBQZZXYmyxMwED8Fzy',
      messageId: 'reminder-01HS4R0A1B2C3D4E5F6G',
      state: 'failed',
      recipient: '+381621234567',
      reason: 'RESULT_ERROR_LIMIT_EXCEEDED',
    });
  });

  it('ignores pings, data SMS, MMS, cancellations and events it does not know', () => {
    expect(readGatewayWebhook(fixture('system-ping'))).toEqual({
      kind: 'ignored',
      eventId: 'Sp1Ng2Xx3Yy4Zz5Aa6Bb7',
      event: 'system:ping',
    });
    expect(readGatewayWebhook(fixture('sms-data-received'))).toMatchObject({
      kind: 'ignored',
      event: 'sms:data-received',
    });
    expect(readGatewayWebhook(fixture('mms-received'))).toMatchObject({
      kind: 'ignored',
      event: 'mms:received',
    });
    const envelope = { id: 'e1', webhookId: 'w1', deviceId: 'd1', payload: {} };
    for (const event of ['sms:cancelled', 'app:started', 'mms:downloaded', 'sms:something-new']) {
      expect(readGatewayWebhook(JSON.stringify({ ...envelope, event }))).toEqual({
        kind: 'ignored',
        eventId: 'e1',
        event,
      });
    }
  });

  it('tolerates fields it does not read, nulls the app may write, and Gson HTML-safe escapes', () => {
    const body = JSON.parse(fixture('sms-received'));
    body.extra = { nested: true };
    body.payload.recipient = null;
    body.payload.simNumber = null;
    body.payload.futureField = [1, 2];
    const raw = JSON.stringify(body).replace(
      /"message":"[^"]*"/,
      '"message":"2 \\u003c 3 \\u0026 a\\u003db"',
    );
    const read = readGatewayWebhook(raw);
    expect(read).toMatchObject({ kind: 'received', text: '2 < 3 & a=b', sender: '+381601234567' });
    expect(read).not.toHaveProperty('simNumber');
  });

  it('reads what the stand-in sends, round trip', () => {
    const received = gatewayReceivedWebhook({
      from: '+381601234567',
      text: "Кайда барсам болот? <адрес> & 'убакыт'",
      now: NOW,
      eventId: 'evt-1',
    });
    expect(received.body).toContain('\\u003c');
    expect(readGatewayWebhook(received.body)).toMatchObject({
      kind: 'received',
      eventId: 'evt-1',
      text: "Кайда барсам болот? <адрес> & 'убакыт'",
      receivedAt: NOW.toISOString(),
    });
    const failed = gatewayDeliveryWebhook({
      messageId: 'm-1',
      recipient: '+381601234567',
      state: 'failed',
      now: NOW,
    });
    expect(readGatewayWebhook(failed.body)).toMatchObject({
      kind: 'delivery',
      state: 'failed',
      messageId: 'm-1',
      reason: 'RESULT_ERROR_GENERIC_FAILURE',
    });
  });

  it('calls anything else invalid', () => {
    const good = JSON.parse(fixture('sms-received'));
    const without = (field: string) => {
      const copy = structuredClone(good);
      delete copy[field];
      return JSON.stringify(copy);
    };
    const withPayload = (payload: unknown) => JSON.stringify({ ...good, payload });
    for (const raw of [
      '',
      'not json',
      '[]',
      'null',
      without('id'),
      without('event'),
      withPayload({ ...good.payload, message: undefined }),
      withPayload({ ...good.payload, receivedAt: 'yesterday' }),
      withPayload({ ...good.payload, sender: undefined, phoneNumber: undefined }),
      JSON.stringify({ ...JSON.parse(fixture('sms-failed')), payload: { reason: 'x' } }),
    ]) {
      expect(readGatewayWebhook(raw), raw).toEqual({ kind: 'invalid' });
    }
  });
});

describe('toE164', () => {
  it.each([
    ['+381601234567', '+381601234567'],
    ['+381 60 123-4567', '+381601234567'],
    ['00381601234567', '+381601234567'],
    ['0601234567', '+381601234567'],
    ['996555123456', '+996555123456'],
    ['+996555123456', '+996555123456'],
  ])('%s → %s', (address, e164) => {
    expect(toE164(address)).toBe(e164);
  });

  it.each(['Yettel', 'A1 Srbija', '1234', 'mts', '+', ''])('%s is no number to answer', (address) => {
    expect(toE164(address)).toBeUndefined();
  });
});
