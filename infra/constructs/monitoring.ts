// What the NGO watches: alarms on Lambda errors and throttles, API 5xx, failed sweeps in the dead-letter
// queue, reminder failures (the sweep's EMF metrics) and SMS spend, all to one encrypted SNS topic (with an
// optional email subscription), and a CloudWatch dashboard of messages, calls, reminders, errors and spend.
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import type { IHttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  AlarmStatusWidget,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  MathExpression,
  Metric,
  SingleValueWidget,
  TextWidget,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { WEBHOOK_METRICS, WEBHOOK_METRICS_NAMESPACE } from '../../shared/metrics.js';
import { REMINDER_METRICS, REMINDER_METRICS_NAMESPACE } from '../../shared/reminders/metrics.js';

export type MonitoredFunction =
  | 'sms'
  | 'voice'
  | 'reminders'
  | 'escalations'
  | 'telegram'
  | 'smsGateway'
  | 'outbox';

export interface MonitoringProps {
  functions: Record<MonitoredFunction, IFunction>;
  /** The HTTP API stage Twilio calls. */
  apiStage: IHttpStage;
  /** The reminder sweep's dead-letter queue: any message in it is a failed sweep. */
  reminderFailures: IQueue;
  /** The case chase's dead-letter queue. */
  chaseFailures: IQueue;
  /** Outbox stream batches given up on (messages not sent). */
  outboxFailures: IQueue;
  /** A Serbian SIM is deployed: alarm when its phone goes quiet or cannot send. */
  smsGateway?: boolean | undefined;
  /** Alarm above this month-to-date SMS spend, in USD. */
  smsSpendAlarmUsd: number;
  /** The day's estimated text spend at which only STOP, erasure and emergency answers go out (USD). */
  dailySpendCeilingUsd?: number | undefined;
  /** Alarm when Twilio's usage records say today's spend passed this (USD); undefined: no check deployed. */
  twilioDailySpendAlarmUsd?: number | undefined;
  /** Subscribed to the alarm topic by email when set. */
  alarmEmail?: string | undefined;
}

const FIVE_MINUTES = Duration.minutes(5);

/** A sweep count from the EMF metrics (no dimensions), summed per period. */
export function reminderMetric(name: string, period: Duration = FIVE_MINUTES): Metric {
  return new Metric({ namespace: REMINDER_METRICS_NAMESPACE, metricName: name, statistic: 'Sum', period });
}

/** The day's estimated spend on texts, as the webhooks count it (shared/limits), highest in 5 minutes. */
export function estimatedSpendMetric(period: Duration = FIVE_MINUTES): Metric {
  return new Metric({
    namespace: WEBHOOK_METRICS_NAMESPACE,
    metricName: WEBHOOK_METRICS.spentToday,
    statistic: 'Maximum',
    period,
  });
}

/** The account's SMS spend this month, as SNS reports it in the stack's region. */
export function smsSpendMetric(period: Duration = Duration.hours(1)): Metric {
  return new Metric({
    namespace: 'AWS/SNS',
    metricName: 'SMSMonthToDateSpentUSD',
    statistic: 'Maximum',
    period,
  });
}

export class Monitoring extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const stack = Stack.of(this);

    // CloudWatch cannot publish to a topic under the AWS-managed SNS key (its key policy cannot name
    // CloudWatch), so the topic gets its own key that lets CloudWatch encrypt alarm notifications.
    const key = new Key(this, 'AlarmTopicKey', {
      description: 'Encrypts the hotline alarm topic',
      enableKeyRotation: true,
    });
    key.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchAlarmsEncrypt',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );
    this.topic = new Topic(this, 'AlarmTopic', {
      displayName: 'Migrant hotline alarms',
      masterKey: key,
      enforceSSL: true,
    });
    // A topic policy replaces SNS's default one: CloudWatch alarms of this account must be allowed in.
    this.topic.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchAlarmsPublish',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: {
          ArnLike: {
            'aws:SourceArn': `arn:${stack.partition}:cloudwatch:${stack.region}:${stack.account}:alarm:*`,
          },
          StringEquals: { 'aws:SourceAccount': stack.account },
        },
      }),
    );
    if (props.alarmEmail) {
      const subscription = this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
      Validations.of(subscription).acknowledge({
        id: 'Serverless-SNSRedrivePolicy',
        reason:
          'An alarm email that cannot be delivered would sit unread in a dead-letter queue too; the alarm state stays on the dashboard.',
      });
    }
    const action = new SnsAction(this.topic);

    const alarm = (alarmId: string, metric: IMetric, description: string, threshold = 0) => {
      const created = new Alarm(this, alarmId, {
        metric,
        alarmDescription: description,
        threshold,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        // No data means nothing happened: no calls, no sweep at night, no SMS sent this hour.
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      created.addAlarmAction(action);
      this.alarms.push(created);
      return created;
    };

    const labels: Record<MonitoredFunction, string> = {
      sms: 'SMS/WhatsApp webhook',
      voice: 'voice (IVR) webhook',
      reminders: 'reminder sweep',
      escalations: 'case chase',
      telegram: 'Telegram webhook',
      smsGateway: 'Serbian SIM (SMS Gateway) webhook',
      outbox: 'outbox sender',
    };
    for (const [name, fn] of Object.entries(props.functions) as [MonitoredFunction, IFunction][]) {
      alarm(
        `${name}Errors`,
        fn.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' }),
        `The ${labels[name]} function failed (crash or timeout): see its log group.`,
      );
      alarm(
        `${name}Throttles`,
        fn.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum' }),
        `The ${labels[name]} function was throttled: raise the account's Lambda concurrency quota.`,
      );
    }
    alarm(
      'Api5xx',
      props.apiStage.metricServerError({ period: FIVE_MINUTES, statistic: 'Sum' }),
      'The webhook API answered Twilio with a 5xx: callers heard an error or got no reply.',
    );
    alarm(
      'ReminderDeadLetters',
      props.reminderFailures.metricApproximateNumberOfMessagesVisible({
        period: FIVE_MINUTES,
        statistic: 'Maximum',
      }),
      'A reminder sweep failed or its schedule event was not delivered: read the messages in the failures queue.',
    );
    alarm(
      'ChaseDeadLetters',
      props.chaseFailures.metricApproximateNumberOfMessagesVisible({
        period: FIVE_MINUTES,
        statistic: 'Maximum',
      }),
      'A case chase failed: untaken cases may not have reached volunteers again. Read the failures queue.',
    );
    alarm(
      'OutboxDeadLetters',
      props.outboxFailures.metricApproximateNumberOfMessagesVisible({
        period: FIVE_MINUTES,
        statistic: 'Maximum',
      }),
      'Outbox messages (Telegram, the Serbian SIM, relay texts) were not sent after every retry: see the outbox log group and docs/operations.md.',
    );
    if (props.smsGateway) {
      // The phone pings (system:ping) and reports every text; 30 minutes of silence means it is off or offline.
      const heard = new Metric({
        namespace: WEBHOOK_METRICS_NAMESPACE,
        metricName: WEBHOOK_METRICS.gatewayHeard,
        period: Duration.minutes(30),
        statistic: 'Sum',
      });
      const quiet = new Alarm(this, 'GatewayQuiet', {
        metric: heard,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.LESS_THAN_THRESHOLD,
        treatMissingData: TreatMissingData.BREACHING,
        alarmDescription:
          'The Serbian SIM’s phone sent nothing for 30 minutes (no ping, no text, no report): reminders now go by SNS. Check its power, Wi-Fi and the app (docs/sms-gateway.md).',
      });
      quiet.addAlarmAction(action);
      this.alarms.push(quiet);
      alarm(
        'GatewaySendFailures',
        new Metric({
          namespace: WEBHOOK_METRICS_NAMESPACE,
          metricName: WEBHOOK_METRICS.gatewayReports,
          dimensionsMap: { State: 'failed' },
          period: FIVE_MINUTES,
          statistic: 'Sum',
        }),
        'The Serbian SIM reported texts it could not send: check its plan, balance and signal (docs/sms-gateway.md).',
        3,
      );
    }
    alarm(
      'RemindersFailed',
      reminderMetric(REMINDER_METRICS.failed),
      'SNS refused at least one reminder SMS: see the reminders log group.',
    );
    alarm(
      'RemindersUnconfirmed',
      reminderMetric(REMINDER_METRICS.unconfirmed),
      'A reminder may have been sent but not marked as sent (should stay at zero): see the reminders log group.',
    );
    alarm(
      'ReminderSweepErrors',
      reminderMetric(REMINDER_METRICS.errors),
      'The reminder sweep hit errors: see the reminders log group.',
    );
    alarm(
      'SmsSpend',
      smsSpendMetric(),
      `SMS spend this month passed ${props.smsSpendAlarmUsd} USD: check the account's SNS SMS spend limit.`,
      props.smsSpendAlarmUsd,
    );

    if (props.dailySpendCeilingUsd !== undefined && props.dailySpendCeilingUsd > 0) {
      const ceiling = props.dailySpendCeilingUsd;
      alarm(
        'DailySpendNearCeiling',
        estimatedSpendMetric(),
        `Today's estimated text spend passed 80 % of the ${ceiling} USD ceiling: someone may be flooding the line (docs/operations.md, "Limits").`,
        ceiling * 0.8,
      );
      alarm(
        'DailySpendCeiling',
        estimatedSpendMetric(),
        `Today's estimated text spend reached the ${ceiling} USD ceiling: until midnight UTC only STOP, erasure and emergency answers go out.`,
        ceiling * 0.999,
      );
    }

    if (props.twilioDailySpendAlarmUsd !== undefined) {
      alarm(
        'TwilioSpend',
        new Metric({
          namespace: 'MigrantHotline/Cases',
          metricName: 'TwilioSpendTodayUsd',
          statistic: 'Maximum',
          period: Duration.hours(1),
        }),
        `Twilio's usage records say today's spend passed ${props.twilioDailySpendAlarmUsd} USD: check the Twilio console (Monitor, Usage) for a flood.`,
        props.twilioDailySpendAlarmUsd,
      );
      alarm(
        'TwilioUsageCheckFailed',
        new Metric({
          namespace: 'MigrantHotline/Cases',
          metricName: 'TwilioUsageCheckFailed',
          statistic: 'Sum',
          period: Duration.hours(1),
        }),
        "The hourly read of Twilio's usage records failed: check the auth token in the secret and the account SID.",
      );
    }

    this.dashboard = this.buildDashboard(props);
  }

  private buildDashboard(props: MonitoringProps): Dashboard {
    const hour = Duration.hours(1);
    const { sms, voice, reminders } = props.functions;
    const dashboard = new Dashboard(this, 'Dashboard', { defaultInterval: Duration.days(7) });
    dashboard.addWidgets(
      new TextWidget({
        width: 24,
        height: 2,
        markdown:
          '# Migrant hotline\nMessages and calls per hour, reminders, errors and SMS spend. ' +
          'An alarm in red emails the alarm topic; docs/operations.md says what each one means.',
      }),
    );
    dashboard.addWidgets(
      new GraphWidget({
        title: 'Messages and calls (per hour)',
        width: 12,
        left: [
          sms.metricInvocations({ period: hour, statistic: 'Sum', label: 'SMS/WhatsApp messages' }),
          voice.metricInvocations({
            period: hour,
            statistic: 'Sum',
            label: 'Voice requests (calls, key presses)',
          }),
        ],
      }),
      new GraphWidget({
        title: 'Reminders (per hour)',
        width: 12,
        left: [
          reminderMetric(REMINDER_METRICS.sent, hour).with({ label: 'Sent' }),
          reminderMetric(REMINDER_METRICS.failed, hour).with({ label: 'Failed' }),
          reminderMetric(REMINDER_METRICS.unconfirmed, hour).with({ label: 'Unconfirmed' }),
          reminderMetric(REMINDER_METRICS.deferred, hour).with({ label: 'Deferred' }),
        ],
      }),
    );
    dashboard.addWidgets(
      new GraphWidget({
        title: 'Errors (per 5 minutes)',
        width: 12,
        left: [
          sms.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum', label: 'SMS function errors' }),
          voice.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum', label: 'Voice function errors' }),
          reminders.metricErrors({
            period: FIVE_MINUTES,
            statistic: 'Sum',
            label: 'Reminder function errors',
          }),
          props.apiStage.metricServerError({ period: FIVE_MINUTES, statistic: 'Sum', label: 'API 5xx' }),
          reminderMetric(REMINDER_METRICS.errors).with({ label: 'Sweep errors' }),
          props.reminderFailures.metricApproximateNumberOfMessagesVisible({
            period: FIVE_MINUTES,
            statistic: 'Maximum',
            label: 'Failed sweeps in queue',
          }),
        ],
      }),
      new GraphWidget({
        title: 'SMS spend this month (USD)',
        width: 12,
        left: [smsSpendMetric().with({ label: 'Month to date' })],
        leftAnnotations: [{ value: props.smsSpendAlarmUsd, label: 'Alarm' }],
      }),
    );
    const webhook = (name: string, label: string) =>
      new Metric({
        namespace: WEBHOOK_METRICS_NAMESPACE,
        metricName: name,
        statistic: 'Sum',
        period: hour,
        label,
      });
    dashboard.addWidgets(
      new GraphWidget({
        title: 'People asking for a person (per hour)',
        width: 8,
        left: [
          webhook(WEBHOOK_METRICS.casesOpened, 'Cases opened'),
          webhook(WEBHOOK_METRICS.casesTaken, 'Cases taken'),
          webhook(WEBHOOK_METRICS.forwarded, 'Texts to volunteers'),
        ],
      }),
      new GraphWidget({
        title: 'Texts by what they asked (per hour)',
        width: 8,
        left: [
          new MathExpression({
            expression: `SEARCH('{${WEBHOOK_METRICS_NAMESPACE},Intent} MetricName="${WEBHOOK_METRICS.messages}"', 'Sum', 3600)`,
            label: '',
            period: hour,
          }),
        ],
      }),
      new GraphWidget({
        title: 'Refused requests: not signed by Twilio (per hour)',
        width: 8,
        left: [webhook(WEBHOOK_METRICS.rejections, 'Signature rejections')],
      }),
    );
    dashboard.addWidgets(
      new SingleValueWidget({
        title: 'SMS spend this month (USD)',
        width: 6,
        height: 6,
        metrics: [smsSpendMetric()],
      }),
      new AlarmStatusWidget({ title: 'Alarms', width: 18, height: 6, alarms: this.alarms }),
    );
    return dashboard;
  }
}
