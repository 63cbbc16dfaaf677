import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalHotline } from '../../local/hotline.js';
import {
  itemsOfCaller,
  postSigned,
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

const json = async (path: string, init?: RequestInit) => {
  const response = await fetch(`${hotline.url}${path}`, init);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

const setClock = (now: unknown) =>
  json('/_local/clock', {
    method: 'POST',
    body: JSON.stringify({ now }),
    headers: { 'content-type': 'application/json' },
  });

describe('the local runtime contract', () => {
  it('answers /healthz with 200 once the runtime and its database are ready', async () => {
    const health = await json('/healthz');

    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ ok: true, table: hotline.tableName });
  });

  it('runs handlers at the simulated time set through /_local/clock', async () => {
    const phone = uniquePhone();
    await setClock('2026-03-01T10:00:00Z');

    await postSigned(hotline, '/sms', smsParams(phone, 'salam'));

    const profile = (await itemsOfCaller(hotline, phone)).find((item) => item.sk === 'PROFILE');
    expect(profile?.lastContactAt).toBe('2026-03-01T10:00:00.000Z');
    await setClock(null);
  });

  it('refuses a clock setting that is not an ISO-8601 date-time', async () => {
    const answer = await setClock('next tuesday');

    expect(answer.status).toBe(400);
    expect(String(answer.body.error)).toContain('ISO-8601');
  });

  it('answers /_local/tick with a JSON summary stamped with the simulated time', async () => {
    await setClock('2026-04-02T08:30:00Z');

    const tick = await json('/_local/tick', { method: 'POST' });

    expect(tick.status).toBe(200);
    expect(tick.body.now).toBe('2026-04-02T08:30:00.000Z');
    expect(Array.isArray(tick.body.jobs)).toBe(true);
    await setClock(null);
  });

  it('puts what the real SNS client publishes into /_local/outbox, with recipient, text, channel and time', async () => {
    await setClock('2026-05-05T09:00:00Z');
    const sns = new SNSClient({ endpoint: process.env.SNS_ENDPOINT });
    const phone = uniquePhone();

    await sns.send(
      new PublishCommand({
        PhoneNumber: phone,
        Message: 'Эскертүү',
        MessageAttributes: { 'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' } },
      }),
    );
    sns.destroy();

    const outbox = await fetch(`${hotline.url}/_local/outbox`).then((response) => response.json());
    expect(outbox).toContainEqual({
      to: phone,
      body: 'Эскертүү',
      channel: 'sms',
      at: '2026-05-05T09:00:00.000Z',
      smsType: 'Transactional',
    });
    await setClock(null);
  });

  it('serves the simulator page with the local signing settings filled in', async () => {
    const page = await fetch(`${hotline.url}/`).then((response) => response.text());

    expect(page).toContain(`content="${hotline.publicBaseUrl}"`);
    expect(page).not.toContain('__TWILIO_AUTH_TOKEN__');
  });

  it('answers an unknown route with 404', async () => {
    expect((await fetch(`${hotline.url}/nope`)).status).toBe(404);
  });
});
