// The one middleware chain every Twilio webhook runs through: decode the API Gateway body, check
// X-Twilio-Signature against the public URL, parse the form with a zod schema, call the use case,
// answer TwiML. Every failure becomes valid TwiML too: a caller never hears an error trace.
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type * as z from 'zod/mini';
import { isValidTwilioSignature, type TwilioParams } from '../adapters/twilio/signature.js';
import { messagingTwiml, voiceTwiml, type WebhookKind } from '../adapters/twilio/twiml.js';
import { type HotlineConfig, hotlineConfig } from '../config.js';
import { type Logger, logger } from '../logger.js';
import { SMS_APOLOGY } from '../messages/system.js';
import { metricFields, WEBHOOK_METRICS } from '../metrics.js';
import { hotlineSecrets } from '../secrets.js';
import {
  InvalidSignatureError,
  isWebhookRejection,
  MalformedWebhookError,
  MissingSignatureError,
} from './errors.js';
import { routePath } from './route-path.js';

export interface TwilioWebhookRequest<Params> {
  params: Params;
  /** Route path without any API stage prefix, e.g. `/voice/menu`. */
  path: string;
  query: URLSearchParams;
  requestId: string;
  config: HotlineConfig;
  callerHashKey: string;
  /** For the few calls back to Twilio's API (deleting a voicemail recording). Never logged. */
  twilioAuthToken: string;
  log: Logger;
}

export type TwilioWebhookHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

type VerifiedEvent<Params> = APIGatewayProxyEventV2 & { twilio?: TwilioWebhookRequest<Params> };

export interface TwilioWebhookOptions<Schema extends z.ZodMiniType> {
  kind: WebhookKind;
  schema: Schema;
  /** TwiML for a fault; by default an SMS apology. Voice passes its spoken, bilingual apology. */
  apology?: (config: HotlineConfig) => string;
}

export function twilioWebhook<Schema extends z.ZodMiniType>(
  options: TwilioWebhookOptions<Schema>,
  handle: (request: TwilioWebhookRequest<z.infer<Schema>>) => Promise<string>,
): TwilioWebhookHandler {
  return middy<VerifiedEvent<z.infer<Schema>>, APIGatewayProxyStructuredResultV2>()
    .use(twimlOnError(options))
    .use(verifiedTwilioForm(options.schema))
    .handler(async (event) => {
      if (!event.twilio) throw new Error('verifiedTwilioForm did not run');
      return twimlResponse(200, await handle(event.twilio));
    }) as unknown as TwilioWebhookHandler;
}

function verifiedTwilioForm<Schema extends z.ZodMiniType>(
  schema: Schema,
): middy.MiddlewareObj<VerifiedEvent<z.infer<Schema>>, APIGatewayProxyStructuredResultV2> {
  return {
    before: async (request) => {
      const event = request.event;
      const signature = event.headers?.['x-twilio-signature'];
      if (!signature) throw new MissingSignatureError();
      const config = hotlineConfig();
      const secrets = await hotlineSecrets(config);
      const path = routePath(event);
      const params = formParams(event);
      const url = `${config.PUBLIC_BASE_URL}${path}${event.rawQueryString ? `?${event.rawQueryString}` : ''}`;
      if (!isValidTwilioSignature(secrets.twilioAuthToken, signature, url, params)) {
        throw new InvalidSignatureError();
      }
      const parsed = schema.safeParse(params);
      if (!parsed.success) {
        throw new MalformedWebhookError(parsed.error.issues.map((issue) => issue.path.join('.')).join(', '));
      }
      const requestId = request.context.awsRequestId;
      event.twilio = {
        params: parsed.data,
        path,
        query: new URLSearchParams(event.rawQueryString ?? ''),
        requestId,
        config,
        callerHashKey: secrets.callerHashKey,
        twilioAuthToken: secrets.twilioAuthToken,
        log: logger.child({ requestId, route: path }),
      };
    },
  };
}

function twimlOnError<Schema extends z.ZodMiniType>(
  options: TwilioWebhookOptions<Schema>,
): middy.MiddlewareObj<VerifiedEvent<unknown>, APIGatewayProxyStructuredResultV2> {
  return {
    onError: async (request) => {
      const error = request.error;
      const log = logger.child({ requestId: request.context.awsRequestId, route: request.event.rawPath });
      if (isWebhookRejection(error)) {
        // Not from Twilio (or not the form Twilio sends): refuse, and send nobody a message.
        log.warn(
          'webhook.rejected',
          metricFields({ [WEBHOOK_METRICS.rejections]: 1 }, { Reason: error.name }),
        );
        request.response = twimlResponse(error.statusCode, messagingTwiml([]));
        return;
      }
      log.error('webhook.failed', { error });
      // 200, so that Twilio plays or sends our apology rather than its own error message.
      request.response = twimlResponse(200, apologyTwiml(options));
    },
  };
}

function apologyTwiml<Schema extends z.ZodMiniType>(options: TwilioWebhookOptions<Schema>): string {
  const fallback = messagingTwiml([{ body: SMS_APOLOGY }]);
  if (!options.apology) return fallback;
  try {
    return options.apology(hotlineConfig());
  } catch {
    // Even without a configuration the caller hears something rather than Twilio's error message.
    return voiceTwiml(
      [{ kind: 'say', language: 'ru-RU', text: 'Извините, техническая ошибка. Позвоните позже.' }],
      {
        hangup: true,
      },
    );
  }
}

function twimlResponse(statusCode: number, twiml: string): APIGatewayProxyStructuredResultV2 {
  return { statusCode, headers: { 'content-type': 'text/xml; charset=utf-8' }, body: twiml };
}

/** Twilio posts `application/x-www-form-urlencoded`; API Gateway hands it over base64-encoded. */
export function formParams(event: APIGatewayProxyEventV2): TwilioParams {
  const raw = event.body ?? '';
  const text = event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
  return Object.fromEntries(new URLSearchParams(text));
}

export { routePath };
