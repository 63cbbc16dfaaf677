// The case chase: an EventBridge rule every minute invokes the escalations function, which tells the
// volunteers on shift again about a case nobody took, then the coordinators. Like the reminder sweep it
// is invoked asynchronously; failures end in an encrypted queue rather than vanishing.
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

export interface CaseChaseProps {
  table: ITable;
  /** Minutes before untaken cases are sent again, then to the coordinators. */
  renotifyMinutes: number;
  senderId?: string | undefined;
  maxPriceUsd?: string | undefined;
  /** The limit variables (infra/deployment-config.ts limitEnvironment). */
  limits?: Record<string, string> | undefined;
  /**
   * The Twilio account whose usage records the chase reads at the top of each hour (TwilioSpend alarm),
   * and the secret holding its auth token. Without them the check is off.
   */
  twilio?: { accountSid: string; secret: ISecret } | undefined;
}

export class CaseChase extends Construct {
  readonly chase: HotlineFunction;
  readonly failures: Queue;

  constructor(scope: Construct, id: string, props: CaseChaseProps) {
    super(scope, id);
    const { entry, timeoutSeconds } = SCHEDULED_FUNCTIONS.escalations;
    this.failures = new Queue(this, 'Failures', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.failures).acknowledge(
      { id: 'AwsSolutions-SQS3', reason: 'This queue is the dead-letter queue of the case chase.' },
      {
        id: 'Serverless-SQSRedrivePolicy',
        reason: 'This queue is the dead-letter queue itself; an operator reads it.',
      },
    );
    this.chase = new HotlineFunction(this, 'Chase', {
      entry,
      description: 'Case chase: texts volunteers again about untaken cases, then the coordinators',
      timeout: Duration.seconds(timeoutSeconds),
      memorySize: 256,
      ...(props.twilio ? { secret: props.twilio.secret } : {}),
      environment: {
        CASE_RENOTIFY_MINUTES: String(props.renotifyMinutes),
        ...props.limits,
        ...(props.twilio ? { TWILIO_ACCOUNT_SID: props.twilio.accountSid } : {}),
        ...(props.senderId ? { SMS_SENDER_ID: props.senderId } : {}),
        ...(props.maxPriceUsd ? { SMS_MAX_PRICE_USD: props.maxPriceUsd } : {}),
        LOG_LEVEL: 'info',
      },
    }).bindTable(props.table);
    this.chase.fn.configureAsyncInvoke({
      onFailure: new SqsDestination(this.failures),
      retryAttempts: 0,
      maxEventAge: Duration.minutes(1),
    });
    Validations.of(this.chase.fn).acknowledge({
      id: 'Serverless-LambdaDLQ',
      reason: 'Failed asynchronous invocations go to the on-failure destination (the Failures queue).',
    });
    allowSmsPublish(this, 'PublishSmsOnly', this.chase.fn);
    new Rule(this, 'Schedule', {
      description: 'Runs the case chase',
      schedule: Schedule.rate(Duration.minutes(1)),
      targets: [
        new LambdaFunction(this.chase.fn, {
          deadLetterQueue: this.failures,
          retryAttempts: 0,
          maxEventAge: Duration.minutes(1),
        }),
      ],
    });
  }
}
