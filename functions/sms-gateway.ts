// Lambda: SMS Gateway for Android's webhook, POST /sms-gateway: texts to the NGO's Serbian SIM, and the
// phone's delivery reports and pings. Texts are answered through the outbox, by the same SIM.

import { documentClient } from '../shared/adapters/dynamodb/client.js';
import { DynamoGatewayHealth } from '../shared/adapters/dynamodb/gateway-health.js';
import {
  readGatewayWebhook,
  SMS_GATEWAY_SIGNATURE_HEADER,
  SMS_GATEWAY_TIMESTAMP_HEADER,
  verifyGatewaySignature,
} from '../shared/adapters/sms-gateway/webhook.js';
import { hotlineClock } from '../shared/clock.js';
import {
  answerCallerText,
  answerVolunteerText,
  callerTextDependencies,
  recordingEraserFor,
} from '../shared/edge/caller-texts.js';
import { jsonWebhook } from '../shared/http/json-webhook.js';
import { metricFields, WEBHOOK_METRICS } from '../shared/metrics.js';
import { once } from '../shared/once.js';
import { callerIdFor } from '../shared/privacy.js';
import { volunteerByPhone } from '../shared/volunteers/roster.js';

const health = once(() => {
  const { config } = callerTextDependencies();
  return new DynamoGatewayHealth(documentClient(config), config.TABLE_NAME);
});

export const handler = jsonWebhook(
  {
    channel: 'sms-gateway',
    verify: (request, now) => {
      const signingKey = request.channels.smsGatewaySigningKey;
      if (!signingKey) return 'not_configured';
      const check = verifyGatewaySignature({
        signingKey,
        rawBody: request.rawBody,
        timestamp: request.headers[SMS_GATEWAY_TIMESTAMP_HEADER],
        signature: request.headers[SMS_GATEWAY_SIGNATURE_HEADER],
        now,
      });
      return check === 'ok' ? undefined : check;
    },
  },
  async (request) => {
    const event = readGatewayWebhook(request.rawBody);
    if (event.kind === 'invalid') {
      request.log.warn('sms_gateway.invalid_event');
      return { ok: true };
    }
    const now = hotlineClock.now();
    await health().heard(now, event.kind === 'delivery' && event.state === 'failed');
    request.log.info('sms_gateway.heard', metricFields({ [WEBHOOK_METRICS.gatewayHeard]: 1 }));
    if (event.kind === 'ignored') {
      request.log.info('sms_gateway.ignored', { event: event.event, reason: event.reason });
      return { ok: true };
    }
    if (event.kind === 'delivery') {
      request.log.info('sms_gateway.delivery', {
        ...metricFields({ [WEBHOOK_METRICS.gatewayReports]: 1 }, { State: event.state }),
      });
      return { ok: true };
    }
    const { roster, config } = callerTextDependencies();
    const recordings = recordingEraserFor(config, { authToken: request.secrets.twilioAuthToken });
    // The app resends an event until it gets a 2xx; the envelope id stays the same.
    const messageSid = `gw:${event.eventId}`;
    const volunteers = await roster.list();
    const volunteer = volunteerByPhone(volunteers, event.sender);
    if (volunteer) {
      await answerVolunteerText(
        { log: request.log, inline: undefined, recordings },
        { volunteer, roster: volunteers, messageSid, body: event.text, hotline: '', channel: 'sms-gateway' },
      );
      return { ok: true };
    }
    await answerCallerText(
      { log: request.log, inline: undefined, recordings, roster: volunteers },
      {
        // The same id as the number's texts to the Twilio number: one person, one profile.
        callerId: callerIdFor(event.sender, request.secrets.callerHashKey),
        phone: event.sender,
        channel: 'sms-gateway',
        messageSid,
        body: event.text,
        hotline: '',
      },
    );
    return { ok: true };
  },
);
