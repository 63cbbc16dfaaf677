// Lambda: the outbox sender, fed by the table's stream (new `OUTBOX#` items only, by the event source
// mapping's filter; locally the runtime reads DynamoDB Local's stream and calls this same handler). Each
// message is claimed, sent on its channel at the channel's pace, then deleted. A temporary failure
// reports the batch from that record on, so the stream delivers it again (and after its retries, the
// on-failure destination, a queue with an alarm, keeps where it stopped).
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { documentClient } from '../shared/adapters/dynamodb/client.js';
import { outboxKeys } from '../shared/adapters/dynamodb/keys.js';
import { DynamoOutboxStore } from '../shared/adapters/dynamodb/outbox-store.js';
import { hotlineClock } from '../shared/clock.js';
import { type ChannelSenders, channelSenders } from '../shared/edge/channel-senders.js';
import { createLogger } from '../shared/logger.js';
import { metricFields, OUTBOX_METRICS_NAMESPACE } from '../shared/metrics.js';
import type { ChannelName } from '../shared/ports/outbox.js';
import { reminderConfig } from '../shared/reminders/reminder-config.js';
import { KeyedPace, realTimer } from '../shared/reminders/send-pace.js';
import { channelSecrets, twilioAuthToken } from '../shared/secrets.js';
import { drainOutbox } from '../shared/use-cases/drain-outbox.js';

// The sweep's configuration schema: the sender needs the table, SNS, the limits, the channels and the
// Twilio number with its auth token (texts from the hotline's number), no public URL.
const config = reminderConfig();
const client = documentClient(config);
const store = new DynamoOutboxStore(client, config.TABLE_NAME);
const log = createLogger({ level: config.LOG_LEVEL });

// Per container: Telegram about one message a second per chat and 30 overall; the SIM one text every
// few seconds in all (one phone); SMS at SNS's own pace.
const paces: Partial<Record<ChannelName, { pace: KeyedPace; key: (to: string) => string }>> = {
  telegram: { pace: new KeyedPace(config.TELEGRAM_CHAT_INTERVAL_MS, realTimer, 30), key: (to) => to },
  'sms-gateway': { pace: new KeyedPace(config.SMS_GATEWAY_SEND_INTERVAL_MS, realTimer), key: () => 'phone' },
};

let built: Promise<ChannelSenders> | undefined;
const senders = (): Promise<ChannelSenders> => {
  built ??= Promise.all([channelSecrets(config), twilioAuthToken(config)]).then(
    ([secrets, token]) => channelSenders(config, { ...secrets, twilioAuthToken: token }, log),
    (error: unknown) => {
      built = undefined;
      throw error;
    },
  );
  return built;
};

export async function handler(event: DynamoDBStreamEvent, context: Context): Promise<DynamoDBBatchResponse> {
  const requestLog = log.child({ requestId: context.awsRequestId });
  // The stream's order, with the sequence number each id came with (to report where to start again).
  const records = event.Records.flatMap((record) => {
    const pk = record.dynamodb?.Keys?.pk?.S;
    if (record.eventName !== 'INSERT' || !pk?.startsWith(outboxKeys.prefix)) return [];
    return [{ id: pk.slice(outboxKeys.prefix.length), sequence: record.dynamodb?.SequenceNumber ?? '' }];
  });
  if (records.length === 0) return { batchItemFailures: [] };
  const result = await drainOutbox(
    {
      store,
      senders: (await senders()).senders,
      pace: async (channel, to) => {
        const paced = paces[channel];
        if (paced) await paced.pace.take(paced.key(to));
      },
      now: () => hotlineClock.now(),
      log: requestLog,
    },
    records.map((record) => record.id),
  );
  requestLog.info('outbox.drained', {
    ...result,
    retryFrom: undefined,
    ...metricFields(
      {
        Sent: result.sent,
        Dropped: result.dropped,
        Skipped: result.skipped,
        Retried: result.retryFrom ? 1 : 0,
      },
      {},
      new Date(),
      OUTBOX_METRICS_NAMESPACE,
    ),
  });
  const failed = records.find((record) => record.id === result.retryFrom);
  return { batchItemFailures: failed ? [{ itemIdentifier: failed.sequence }] : [] };
}
