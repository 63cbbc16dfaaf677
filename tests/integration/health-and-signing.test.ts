import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDynamoDbClient } from '../../local/dynamodb-local.js';
import type { LocalHotline } from '../../local/hotline.js';
import { Outbox } from '../../local/outbox.js';
import { createLocalRuntime } from '../../local/server.js';
import { twilioSignature } from '../../shared/adapters/twilio/signature.js';
import { startTestHotline } from '../support/local-hotline.js';

describe('GET /healthz', () => {
  it('answers 503 in JSON, naming the trouble, when the database does not answer', async () => {
    const server = createLocalRuntime({
      publicBaseUrl: 'http://127.0.0.1:1',
      authToken: 'x',
      tableName: 'hotline',
      dynamo: localDynamoDbClient('http://127.0.0.1:9'),
      outbox: new Outbox(),
      jobs: [],
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    try {
      const answer = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/healthz`);

      expect(answer.status).toBe(503);
      expect(answer.headers.get('content-type')).toMatch(/application\/json/);
      expect(await answer.json()).toMatchObject({
        ok: false,
        error: expect.stringMatching(/DynamoDB Local/),
      });
    } finally {
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
    }
  });
});

describe('POST /_local/sign (the page signs here, so it never holds the token)', () => {
  let hotline: LocalHotline;
  beforeAll(async () => {
    hotline = await startTestHotline();
  });
  afterAll(async () => {
    await hotline.stop();
  });

  const sign = (body: unknown) =>
    fetch(`${hotline.url}/_local/sign`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('gives the signature Twilio would send for a URL of the hotline', async () => {
    const params = { MessageSid: 'SM1', Body: 'salam' };
    const answer = await sign({ url: `${hotline.publicBaseUrl}/sms`, params });

    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({
      signature: twilioSignature(hotline.authToken, `${hotline.publicBaseUrl}/sms`, params),
    });
  });

  it('refuses to sign for another site, or anything but a form of strings', async () => {
    expect((await sign({ url: 'https://api.twilio.com/2010-04-01/Accounts', params: {} })).status).toBe(400);
    expect((await sign({ url: `${hotline.publicBaseUrl}/sms`, params: { Body: 1 } })).status).toBe(400);
    expect((await sign('not an object')).status).toBe(400);
  });
});
