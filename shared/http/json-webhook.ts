// The middleware chain of the JSON webhooks that are not Twilio's (Telegram, SMS Gateway for Android):
// the raw body, a verification the channel defines (a secret header, an HMAC signature), the use case,
// a JSON answer. A refused request is 401 and changes nothing; a fault is 500 with no detail, so the
// service delivers the update again (each handled update is remembered, so a redelivery changes nothing
// twice). Nobody ever sees an error trace.
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { type HotlineConfig, hotlineConfig } from '../config.js';
import { type Logger, logger } from '../logger.js';
import { metricFields, WEBHOOK_METRICS } from '../metrics.js';
import { type ChannelSecrets, channelSecrets, type HotlineSecrets, hotlineSecrets } from '../secrets.js';
import { routePath } from './route-path.js';

export interface JsonWebhookRequest {
  rawBody: string;
  headers: Readonly<Record<string, string | undefined>>;
  path: string;
  requestId: string;
  config: HotlineConfig;
  secrets: HotlineSecrets;
  channels: ChannelSecrets;
  log: Logger;
}

/** Why a request was refused; named in the rejection metric. */
export type Refusal = 'not_configured' | 'missing' | 'forged' | 'stale' | 'malformed';

export class RefusedWebhookError extends Error {
  constructor(readonly reason: Refusal) {
    super(`Webhook refused: ${reason}`);
    this.name = 'RefusedWebhookError';
  }
}

export type JsonWebhookHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

export interface JsonWebhookOptions {
  /** The channel, in logs. */
  channel: string;
  /** Undefined when the request is genuine; otherwise why it is refused. */
  verify(request: JsonWebhookRequest, now: Date): Refusal | undefined;
}

export function jsonWebhook(
  options: JsonWebhookOptions,
  handle: (request: JsonWebhookRequest) => Promise<unknown>,
): JsonWebhookHandler {
  return middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
    .use(jsonOnError(options))
    .handler(async (event, context) => {
      const config = hotlineConfig();
      const [secrets, channels] = await Promise.all([hotlineSecrets(config), channelSecrets(config)]);
      const path = routePath(event);
      const raw = event.body ?? '';
      const request: JsonWebhookRequest = {
        rawBody: event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw,
        headers: lowerCased(event.headers ?? {}),
        path,
        requestId: context.awsRequestId,
        config,
        secrets,
        channels,
        log: logger.child({ requestId: context.awsRequestId, route: path, channel: options.channel }),
      };
      const refusal = options.verify(request, new Date());
      if (refusal) throw new RefusedWebhookError(refusal);
      return jsonResponse(200, (await handle(request)) ?? { ok: true });
    }) as unknown as JsonWebhookHandler;
}

function jsonOnError(
  options: JsonWebhookOptions,
): middy.MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> {
  return {
    onError: async (request) => {
      const error = request.error;
      const log = logger.child({
        requestId: request.context.awsRequestId,
        route: request.event.rawPath,
        channel: options.channel,
      });
      if (error instanceof RefusedWebhookError) {
        log.warn(
          'webhook.rejected',
          metricFields({ [WEBHOOK_METRICS.rejections]: 1 }, { Reason: error.reason }),
        );
        request.response =
          error.reason === 'not_configured'
            ? jsonResponse(503, { ok: false, error: 'This channel is not configured' })
            : jsonResponse(401, { ok: false, error: 'Unauthorized' });
        return;
      }
      log.error('webhook.failed', { error });
      request.response = jsonResponse(500, { ok: false, error: 'Temporary failure, deliver again' });
    },
  };
}

function jsonResponse(statusCode: number, body: unknown): APIGatewayProxyStructuredResultV2 {
  return { statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

function lowerCased(headers: Record<string, string | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}
