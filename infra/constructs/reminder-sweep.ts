// The reminder sweep: an EventBridge rule every few minutes invokes the reminders function (asynchronously),
// which reads the `due` index, publishes SMS through SNS and marks each reminder. A sweep that fails, or a
// schedule event that cannot be delivered, ends in an encrypted SQS queue instead of vanishing.
import { Duration, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { SCHEDULED_FUNCTIONS } from '../routes.js';
import { HotlineFunction } from './hotline-function.js';
import { allowSmsPublish } from './sms-publish.js';

export interface ReminderSweepProps {
  table: ITable;
  /** Minutes between sweeps. */
  rateMinutes: number;
  /** SMS handed to SNS per second. */
  sendRate: number;
  senderId?: string | undefined;
  maxPriceUsd?: string | undefined;
  /** The limit variables (infra/deployment-config.ts limitEnvironment). */
  limits?: Record<string, string> | undefined;
  /** Reminders to Telegram and SIM callers go on their channel: its keys and settings. */
  channels?: { secret: ISecret; environment: Record<string, string> } | undefined;
}

export class ReminderSweep extends Construct {
  readonly sweep: HotlineFunction;
  readonly schedule: Rule;
  /** Failed sweeps (Lambda's on-failure destination) and schedule events EventBridge could not deliver. */
  readonly failures: Queue;

  constructor(scope: Construct, id: string, props: ReminderSweepProps) {
    super(scope, id);
    const { entry, timeoutSeconds } = SCHEDULED_FUNCTIONS.reminders;

    this.failures = new Queue(this, 'Failures', {
      // SQS-managed keys: EventBridge cannot write to a queue encrypted with the AWS-managed SQS KMS key.
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.failures).acknowledge(
      {
        id: 'AwsSolutions-SQS3',
        reason:
          'This queue is the dead-letter queue: failed sweeps and undeliverable schedule events end here.',
      },
      {
        id: 'Serverless-SQSRedrivePolicy',
        reason:
          'This queue is the dead-letter queue itself; nothing consumes it but an operator reading failures.',
      },
    );

    this.sweep = new HotlineFunction(this, 'Sweep', {
      entry,
      description:
        'Reminder sweep: sends the SMS reminders that are due, once, between 09:00 and 20:00 Belgrade',
      timeout: Duration.seconds(timeoutSeconds),
      memorySize: 512,
      environment: {
        REMINDER_SEND_RATE: String(props.sendRate),
        ...props.limits,
        ...props.channels?.environment,
        // Far longer than the function can run, so a lease only ever runs out on a sweep that died.
        REMINDER_LEASE_SECONDS: String(Math.max(600, timeoutSeconds * 3)),
        ...(props.senderId ? { SMS_SENDER_ID: props.senderId } : {}),
        ...(props.maxPriceUsd ? { SMS_MAX_PRICE_USD: props.maxPriceUsd } : {}),
        LOG_LEVEL: 'info',
      },
      ...(props.channels ? { channelSecret: props.channels.secret } : {}),
    }).bindTable(props.table);

    // A failed sweep is not retried by Lambda: the next scheduled sweep, minutes later, picks up the same
    // reminders, and the failure is kept in the queue for someone to look at.
    this.sweep.fn.configureAsyncInvoke({
      onFailure: new SqsDestination(this.failures),
      retryAttempts: 0,
      maxEventAge: Duration.minutes(props.rateMinutes),
    });
    Validations.of(this.sweep.fn).acknowledge({
      id: 'Serverless-LambdaDLQ',
      reason:
        'Failed asynchronous invocations go to the on-failure destination (the Failures queue), which also records the error; a second, legacy DLQ would duplicate them.',
    });

    allowSmsPublish(this, 'PublishSmsOnly', this.sweep.fn);

    this.schedule = new Rule(this, 'Schedule', {
      description: 'Runs the reminder sweep',
      schedule: Schedule.rate(Duration.minutes(props.rateMinutes)),
      targets: [
        new LambdaFunction(this.sweep.fn, {
          deadLetterQueue: this.failures,
          retryAttempts: 2,
          maxEventAge: Duration.minutes(props.rateMinutes),
        }),
      ],
    });
  }
}
