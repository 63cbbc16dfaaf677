// Lambda: Twilio Messaging webhook (SMS and WhatsApp), POST /sms.
import { documentClient } from '../shared/aws/dynamodb.js';
import { parseAddress } from '../shared/callers/caller.js';
import { DynamoCallerStore } from '../shared/callers/caller-store.js';
import { hotlineClock } from '../shared/clock.js';
import { hotlineConfig } from '../shared/config.js';
import { twilioWebhook } from '../shared/http/twilio-webhook.js';
import { callerIdFor } from '../shared/privacy.js';
import { inboundMessageSchema } from '../shared/twilio/webhook-schemas.js';
import { receiveSms } from '../shared/use-cases/receive-sms.js';

const config = hotlineConfig();
const callers = new DynamoCallerStore(documentClient(config), config.TABLE_NAME);

export const handler = twilioWebhook({ kind: 'messaging', schema: inboundMessageSchema }, async (request) => {
  const { phone, channel } = parseAddress(request.params.From);
  const callerId = callerIdFor(phone, request.callerHashKey);
  const outcome = await receiveSms(
    { callers, clock: hotlineClock, retentionDays: config.RETENTION_DAYS },
    { callerId, phone, channel, messageSid: request.params.MessageSid, body: request.params.Body },
  );
  request.log.info('sms.answered', { callerRef: callerId.slice(0, 8), channel, intent: outcome.intent });
  return outcome.twiml;
});
