// The outbox sender: the table's stream (keys only), filtered to new `OUTBOX#` items, feeds the outbox
// function, which sends each message on its channel and deletes it. A batch that keeps failing is
// bisected, retried, and finally recorded in an encrypted queue (its on-failure destination) with an alarm.
import { Duration, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { outboxKeys } from '../../shared/adapters/dynamodb/keys.js';
import { OUTBOX_FUNCTION } from '../routes.js';
import { HotlineFunction } from './hotline-function.js';
import { allowSmsPublish } from './sms-publish.js';

export interface OutboxSenderProps {
  table: ITable;
  /** The channels' keys (Telegram bot token, the SIM's API credentials). */
  channelSecret: ISecret;
  /** The Twilio secret: its auth token sends texts from the hotline's number (TWILIO_NUMBER). */
  twilioSecret?: ISecret | undefined;
  /** Everything else the sender reads: limits, channel settings, SMS sender id. */
  environment: Record<string, string>;
}

export class OutboxSender extends Construct {
  readonly sender: HotlineFunction;
  /** Stream batches given up on after their retries: what was not sent is still in the table (TTL 2 days). */
  readonly failures: Queue;

  constructor(scope: Construct, id: string, props: OutboxSenderProps) {
    super(scope, id);
    this.failures = new Queue(this, 'Failures', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.failures).acknowledge(
      {
        id: 'AwsSolutions-SQS3',
        reason: 'This queue is the dead-letter queue: failed outbox batches end here.',
      },
      {
        id: 'Serverless-SQSRedrivePolicy',
        reason: 'This queue is the dead-letter queue itself; an operator reads it (docs/operations.md).',
      },
    );

    this.sender = new HotlineFunction(this, 'Sender', {
      entry: OUTBOX_FUNCTION.entry,
      description: 'Outbox sender: Telegram, Serbian SIM and relay texts written with the state change',
      timeout: Duration.seconds(OUTBOX_FUNCTION.timeoutSeconds),
      memorySize: 512,
      environment: { ...props.environment, LOG_LEVEL: 'info' },
      channelSecret: props.channelSecret,
      ...(props.twilioSecret ? { secret: props.twilioSecret } : {}),
    }).bindTable(props.table);
    allowSmsPublish(this, 'PublishSmsOnly', this.sender.fn);

    this.sender.fn.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: StartingPosition.LATEST,
        batchSize: 50,
        maxBatchingWindow: Duration.seconds(0),
        bisectBatchOnError: true,
        retryAttempts: 20,
        maxRecordAge: Duration.hours(6),
        reportBatchItemFailures: true,
        onFailure: new SqsDlq(this.failures),
        filters: [
          FilterCriteria.filter({
            eventName: FilterRule.isEqual('INSERT'),
            dynamodb: { Keys: { pk: { S: FilterRule.beginsWith(outboxKeys.prefix) } } },
          }),
        ],
      }),
    );
    Validations.of(this.sender.fn).acknowledge(
      {
        id: 'Serverless-LambdaDLQ',
        reason:
          'Stream-fed: failed batches go to the event source mapping’s on-failure destination (Failures).',
      },
      {
        id: 'Serverless-LambdaAsyncFailureDestination',
        reason: 'Invoked by a stream event source mapping, never asynchronously.',
      },
    );
  }
}
