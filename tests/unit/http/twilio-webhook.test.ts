import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { twilioSignature } from '../../../shared/adapters/twilio/signature.js';
import { voiceTwiml } from '../../../shared/adapters/twilio/twiml.js';
import { formParams, routePath, twilioWebhook } from '../../../shared/http/twilio-webhook.js';
import { setLogSink } from '../../../shared/logger.js';
import { SMS_APOLOGY } from '../../../shared/messages/system.js';
import { parseTwiml } from '../../support/local-hotline.js';

const BASE = 'https://abc123.execute-api.eu-central-1.amazonaws.com/prod';
const TOKEN = 'unit-test-token';
const PHONE = '+996555123987';
const BODY = 'my boss keeps my passport';

beforeAll(() => {
  Object.assign(process.env, {
    TABLE_NAME: 'unit',
    PUBLIC_BASE_URL: BASE,
    TWILIO_AUTH_TOKEN: TOKEN,
    CALLER_HASH_KEY: 'unit-test-caller-hash-key',
  });
});

const captured: string[] = [];
function captureLogs() {
  captured.length = 0;
  setLogSink((line) => captured.push(line));
}
afterEach(() => {
  setLogSink(undefined);
});

function signedEvent(
  path: string,
  params: Record<string, string>,
  options: { stage?: string; query?: string } = {},
) {
  const stage = options.stage ?? '$default';
  const rawPath = stage === '$default' ? path : `/${stage}${path}`;
  const query = options.query ?? '';
  const url = `${BASE}${path}${query ? `?${query}` : ''}`;
  return {
    version: '2.0',
    routeKey: `POST ${path}`,
    rawPath,
    rawQueryString: query,
    headers: { 'x-twilio-signature': twilioSignature(TOKEN, url, params) },
    requestContext: { stage, requestId: 'r1', http: { method: 'POST', path: rawPath } },
    body: Buffer.from(new URLSearchParams(params).toString()).toString('base64'),
    isBase64Encoded: true,
  } as unknown as APIGatewayProxyEventV2;
}

const context = { awsRequestId: 'req-1' } as Context;
const schema = z.object({ From: z.string(), Body: z._default(z.string(), '') });

describe('the Twilio webhook chain', () => {
  it('answers 200 with a bilingual apology as TwiML when the use case fails, and logs no number or text', async () => {
    const handler = twilioWebhook({ kind: 'messaging', schema }, async (request) => {
      request.log.info('about to fail', { Body: request.params.Body, From: request.params.From });
      throw new Error(`database down while handling ${PHONE}`);
    });
    captureLogs();

    const result = await handler(signedEvent('/sms', { From: PHONE, Body: BODY }), context);

    setLogSink(undefined);
    expect(result.statusCode).toBe(200);
    const twiml = parseTwiml(result.body ?? '');
    expect(JSON.stringify(twiml)).toContain(SMS_APOLOGY.split('\n')[0]);
    const logs = captured.join('');
    expect(logs).toContain('webhook.failed');
    expect(logs).toContain('about to fail');
    expect(logs).not.toContain(PHONE);
    expect(logs).not.toContain(PHONE.slice(4));
    expect(logs).not.toContain(BODY);
  });

  it('lets a failed call end with a spoken apology and a hang-up, never an error trace', async () => {
    const apology = voiceTwiml([{ kind: 'say', language: 'ru-RU', text: 'Извините, ошибка.' }], {
      hangup: true,
    });
    const handler = twilioWebhook({ kind: 'voice', schema, apology: () => apology }, async () => {
      throw new TypeError('x is undefined at line 42');
    });

    const result = await handler(signedEvent('/voice', { From: PHONE }), context);

    expect(result.statusCode).toBe(200);
    expect(result.body).toBe(apology);
    expect(result.body).not.toContain('line 42');
  });

  it('checks the signature against the public URL with the stage path and raw query string', async () => {
    const handler = twilioWebhook(
      { kind: 'voice', schema },
      async (request) => `<Response>${request.path}</Response>`,
    );

    const result = await handler(
      signedEvent('/voice/menu', { From: PHONE }, { stage: 'prod', query: 'step=menu&n=2' }),
      context,
    );

    expect(result.statusCode).toBe(200);
    expect(result.body).toBe('<Response>/voice/menu</Response>');
  });

  it('counts a request signed with another token as a signature rejection metric, and answers 403', async () => {
    const handler = twilioWebhook({ kind: 'messaging', schema }, async () => '<Response/>');
    const event = signedEvent('/sms', { From: PHONE, Body: BODY });
    event.headers['x-twilio-signature'] = twilioSignature('another-token', `${BASE}/sms`, {
      From: PHONE,
      Body: BODY,
    });
    captureLogs();

    const result = await handler(event, context);

    setLogSink(undefined);
    expect(result.statusCode).toBe(403);
    const line = JSON.parse(captured.find((l) => l.includes('webhook.rejected')) ?? '{}');
    expect(line.SignatureRejections).toBe(1);
    expect(line.Reason).toBe('InvalidSignatureError');
    expect(line._aws.CloudWatchMetrics[0].Metrics).toEqual([{ Name: 'SignatureRejections', Unit: 'Count' }]);
  });

  it('hands the use case the parsed form, with Twilio fields it does not know left out', async () => {
    let seen: unknown;
    const handler = twilioWebhook({ kind: 'messaging', schema }, async (request) => {
      seen = request.params;
      return '<Response/>';
    });

    await handler(signedEvent('/sms', { From: PHONE, Body: BODY, ApiVersion: '2010-04-01' }), context);

    expect(seen).toEqual({ From: PHONE, Body: BODY });
  });
});

describe('API Gateway event decoding', () => {
  it('decodes a base64 form body with every parameter, plus signs and percent escapes', () => {
    const event = signedEvent('/sms', { Body: 'жардам + 12.03', From: PHONE });

    expect(formParams(event)).toEqual({ Body: 'жардам + 12.03', From: PHONE });
  });

  it('strips a named stage from the path but keeps the default stage path as is', () => {
    expect(routePath(signedEvent('/voice/menu', {}, { stage: 'prod' }))).toBe('/voice/menu');
    expect(routePath(signedEvent('/voice', {}))).toBe('/voice');
  });
});
