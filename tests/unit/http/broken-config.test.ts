// A deployment whose configuration is broken (a missing table name, a bad URL) still answers Twilio with
// our apology, never with Twilio's own error message: the handlers read it on the first request.
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SMS_APOLOGY } from '../../../shared/messages/system.js';

const saved = { ...process.env };

afterEach(() => {
  process.env = { ...saved };
  vi.resetModules();
});

function event(path: string): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: `POST ${path}`,
    rawPath: path,
    rawQueryString: '',
    headers: { 'x-twilio-signature': 'anything' },
    requestContext: { stage: '$default', requestId: 'r1', http: { method: 'POST', path } },
    body: Buffer.from(
      'From=%2B996700000001&To=%2B381110000000&Body=salam&MessageSid=SM1&AccountSid=AC1&CallSid=CA1',
    ).toString('base64'),
    isBase64Encoded: true,
  } as unknown as APIGatewayProxyEventV2;
}

const context = { awsRequestId: 'req-1' } as Context;

describe('a broken deployment configuration', () => {
  it.each([
    ['sms', '/sms', (body: string) => expect(body).toContain(SMS_APOLOGY.split('\n')[0])],
    ['voice', '/voice', (body: string) => expect(body).toMatch(/<Say[^>]*>[^<]+<\/Say><Hangup\/>/)],
  ] as const)(
    'gets the %s webhook to answer with an apology as TwiML, status 200',
    async (fn, path, check) => {
      process.env = { PUBLIC_BASE_URL: 'not a url', LOG_LEVEL: 'error' };
      vi.resetModules();
      const { setLogSink } = await import('../../../shared/logger.js');
      setLogSink(() => undefined);

      const { handler } = await import(`../../../functions/${fn}.ts`);
      const result = await handler(event(path), context);

      setLogSink(undefined);
      expect(result.statusCode).toBe(200);
      expect(result.headers['content-type']).toContain('text/xml');
      check(result.body);
    },
  );
});
