import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { createHotlineApp } from '../../infra/hotline-app.js';
import { VOICE_FALLBACK_KEY, voiceFallbackTwiml } from '../../infra/voice-fallback-twiml.js';
import { LIMIT_CONFIG_SHAPE } from '../../shared/limits/limits-config.js';
import { WEBHOOK_METRICS, WEBHOOK_METRICS_NAMESPACE } from '../../shared/metrics.js';
import { REMINDER_METRICS, REMINDER_METRICS_NAMESPACE } from '../../shared/reminders/metrics.js';

let app: App;
let template: Template;
let synthError: unknown;

beforeAll(() => {
  const built = createHotlineApp();
  app = built.app;
  try {
    app.synth();
  } catch (error) {
    synthError = error;
  }
  template = Template.fromStack(built.stack);
}, 120_000);

type Resource = { Type: string; Properties: Record<string, unknown> };

function resourcesOf(source: Template, type: string): [string, Resource][] {
  return Object.entries(source.findResources(type)) as [string, Resource][];
}

function alarmTopicId(source: Template = template): string {
  const topics = resourcesOf(source, 'AWS::SNS::Topic');
  expect(topics).toHaveLength(1);
  return topics[0]![0];
}

function functionId(prefix: string): string {
  const ids = resourcesOf(template, 'AWS::Lambda::Function')
    .map(([id]) => id)
    .filter((id) => id.startsWith(prefix));
  expect(ids).toHaveLength(1);
  return ids[0]!;
}

describe('monitoring: alarms to an encrypted SNS topic', () => {
  it('synthesises with cdk-nag clean', () => {
    expect(synthError).toBeUndefined();
  });

  it('alarms at 80 % of the daily spend ceiling and at the ceiling, on the webhooks’ own estimate', () => {
    const spendAlarms = resourcesOf(template, 'AWS::CloudWatch::Alarm').filter(
      ([, alarm]) => alarm.Properties.MetricName === WEBHOOK_METRICS.spentToday,
    );
    expect(spendAlarms.map(([, alarm]) => alarm.Properties.Threshold).sort()).toEqual([40, 49.95]);
    for (const [, alarm] of spendAlarms) {
      expect(alarm.Properties).toMatchObject({ Namespace: WEBHOOK_METRICS_NAMESPACE, Statistic: 'Maximum' });
    }
  });

  it('gives every function the same limits, from the deployment settings', () => {
    const environments = resourcesOf(template, 'AWS::Lambda::Function')
      .map(
        ([, fn]) =>
          (fn.Properties.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables,
      )
      .filter((variables) => variables?.TABLE_NAME !== undefined);
    expect(environments.length).toBeGreaterThanOrEqual(4);
    for (const variables of environments) {
      expect(variables).toMatchObject({ ALLOWED_COUNTRY_CODES: '381,996', DAILY_SPEND_CEILING_USD: '50' });
      // Every limit variable the functions read has its deployment setting.
      for (const name of Object.keys(LIMIT_CONFIG_SHAPE)) expect(variables).toHaveProperty(name);
    }
  });

  it.each([
    ['sms', 'smsWebhook'],
    ['voice', 'voiceWebhook'],
    ['reminders', 'RemindersSweep'],
    ['escalations', 'CasesChase'],
  ])('alarms on errors and throttles of the %s function', (_name, prefix) => {
    const fn = functionId(prefix);
    for (const metricName of ['Errors', 'Throttles']) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/Lambda',
        MetricName: metricName,
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: fn } }],
        Statistic: 'Sum',
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
      });
    }
  });

  it('alarms on 5xx answers of the webhook API stage', () => {
    const [apiId] = resourcesOf(template, 'AWS::ApiGatewayV2::Api')[0]!;
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/ApiGateway',
      MetricName: '5xx',
      Dimensions: Match.arrayWith([{ Name: 'ApiId', Value: { Ref: apiId } }]),
      Threshold: 0,
    });
  });

  it('alarms on any message in the reminder failures queue', () => {
    const queues = resourcesOf(template, 'AWS::SQS::Queue').filter(([id]) =>
      id.startsWith('RemindersFailures'),
    );
    expect(queues).toHaveLength(1);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queues[0]![0], 'QueueName'] } }],
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
    });
  });

  it.each([REMINDER_METRICS.failed, REMINDER_METRICS.unconfirmed, REMINDER_METRICS.errors])(
    'alarms when the sweep reports %s above zero',
    (metricName) => {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: REMINDER_METRICS_NAMESPACE,
        MetricName: metricName,
        Statistic: 'Sum',
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
        TreatMissingData: 'notBreaching',
      });
    },
  );

  it('alarms on SMS spend above 5 USD by default', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SNS',
      MetricName: 'SMSMonthToDateSpentUSD',
      Statistic: 'Maximum',
      Threshold: 5,
      ComparisonOperator: 'GreaterThanThreshold',
    });
  });

  it('sends every alarm to the alarm topic', () => {
    const topic = alarmTopicId();
    const alarms = resourcesOf(template, 'AWS::CloudWatch::Alarm');
    expect(alarms.length).toBeGreaterThanOrEqual(12);
    for (const [id, alarm] of alarms)
      expect({ id, actions: alarm.Properties.AlarmActions }).toEqual({ id, actions: [{ Ref: topic }] });
  });

  it('encrypts the topic with a rotated customer key CloudWatch may use, and refuses publishing without TLS', () => {
    const topic = alarmTopicId();
    const [, topicResource] = resourcesOf(template, 'AWS::SNS::Topic')[0]!;
    const keyId = (topicResource.Properties.KmsMasterKeyId as { 'Fn::GetAtt': [string, string] })[
      'Fn::GetAtt'
    ][0];
    const [, key] = resourcesOf(template, 'AWS::KMS::Key').find(([id]) => id === keyId)!;
    expect(key.Properties.EnableKeyRotation).toBe(true);
    expect(JSON.stringify(key.Properties.KeyPolicy)).toContain('cloudwatch.amazonaws.com');

    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: topic }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
          Match.objectLike({
            Effect: 'Allow',
            Action: 'sns:Publish',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
          }),
        ]),
      },
    });
  });

  it('subscribes no email unless alarmEmail is set', () => {
    template.resourceCountIs('AWS::SNS::Subscription', 0);
  });

  it('subscribes alarmEmail and alarms at smsSpendAlarmUsd when given as context', () => {
    const { stack } = createHotlineApp({
      context: { alarmEmail: 'ops@example.org', smsSpendAlarmUsd: '12.5' },
    });
    const configured = Template.fromStack(stack);
    configured.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@example.org',
      TopicArn: { Ref: alarmTopicId(configured) },
    });
    configured.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'SMSMonthToDateSpentUSD',
      Threshold: 12.5,
    });
  }, 120_000);

  it('rejects an alarmEmail that is not an email address at synth time', () => {
    expect(() => createHotlineApp({ context: { alarmEmail: 'not-an-email' } })).toThrow(/alarmEmail/);
  });
});

describe('monitoring: the NGO dashboard', () => {
  it('shows messages, calls, reminders, cases, refused requests, errors and spend', () => {
    const dashboards = resourcesOf(template, 'AWS::CloudWatch::Dashboard');
    expect(dashboards).toHaveLength(1);
    const body = JSON.stringify(dashboards[0]![1].Properties.DashboardBody);
    for (const expected of [
      'Invocations',
      functionId('smsWebhook'),
      functionId('voiceWebhook'),
      REMINDER_METRICS.sent,
      REMINDER_METRICS.failed,
      'Errors',
      '5xx',
      'ApproximateNumberOfMessagesVisible',
      'SMSMonthToDateSpentUSD',
      WEBHOOK_METRICS_NAMESPACE,
      WEBHOOK_METRICS.casesOpened,
      WEBHOOK_METRICS.casesTaken,
      WEBHOOK_METRICS.rejections,
      `{${WEBHOOK_METRICS_NAMESPACE},Intent}`,
      ...resourcesOf(template, 'AWS::CloudWatch::Alarm').map(([id]) => id),
    ])
      expect(body).toContain(expected);
  });
});

describe('the static voice fallback', () => {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', preserveOrder: true });

  function verbs(xml: string): { name: string; text: string; attributes: Record<string, string> }[] {
    expect(XMLValidator.validate(xml)).toBe(true);
    const document = parser.parse(xml) as Record<string, unknown>[];
    const response = document.find((node) => 'Response' in node) as { Response: Record<string, unknown>[] };
    return response.Response.map((node) => {
      const name = Object.keys(node).find((key) => key !== ':@')!;
      const children = node[name] as { '#text'?: string | number }[];
      return {
        name,
        text: String(children[0]?.['#text'] ?? ''),
        attributes: (node[':@'] ?? {}) as Record<string, string>,
      };
    });
  }

  it('plays the Kyrgyz apology, says the Russian apology with the emergency and ASTRA numbers, and hangs up', () => {
    const parsed = verbs(voiceFallbackTwiml('https://d111.cloudfront.net'));

    expect(parsed.map((verb) => verb.name)).toEqual(['Play', 'Say', 'Hangup']);
    expect(parsed[0]!.text).toBe('https://d111.cloudfront.net/ky/apology.wav');
    expect(parsed[1]!.attributes).toEqual({ '@language': 'ru-RU', '@voice': 'Polly.Tatyana' });
    expect(parsed[1]!.text).toMatch(/Извините/);
    expect(parsed[1]!.text).toMatch(/192/);
    expect(parsed[1]!.text).toMatch(/194/);
    expect(parsed[1]!.text.replace(/\D/g, '')).toContain('381117850000');
    expect(existsSync('prompts/audio/ky/apology.wav')).toBe(true);
  });

  it('is deployed into the prompts bucket with the CloudFront domain filled in at deploy time', () => {
    const staged = readdirSync(app.outdir).filter((name) =>
      existsSync(join(app.outdir, name, VOICE_FALLBACK_KEY)),
    );
    expect(staged).toHaveLength(1);
    const staticFile = readFileSync(join(app.outdir, staged[0]!, VOICE_FALLBACK_KEY), 'utf8');
    // The deployment replaces the marker with the distribution's domain name, as a deploy would.
    const parsed = verbs(staticFile.replaceAll('<<marker:0xbaba:0>>', 'd111.cloudfront.net'));
    expect(parsed.map((verb) => verb.name)).toEqual(['Play', 'Say', 'Hangup']);
    expect(parsed[0]!.text).toBe('https://d111.cloudfront.net/ky/apology.wav');

    const [, deployment] = resourcesOf(template, 'Custom::CDKBucketDeployment')[0]!;
    const keys = deployment.Properties.SourceObjectKeys as string[];
    const markers = deployment.Properties.SourceMarkers as Record<string, unknown>[];
    const index = keys.findIndex((key) => key.startsWith(staged[0]!.replace(/^asset\./, '')));
    expect(index).toBeGreaterThanOrEqual(0);
    expect(markers[index]).toEqual({
      '<<marker:0xbaba:0>>': { 'Fn::GetAtt': [expect.stringMatching(/^PromptsCdn/), 'DomainName'] },
    });
  });

  it('outputs its HTTPS URL as VoiceFallbackUrl', () => {
    template.hasOutput('VoiceFallbackUrl', {
      Value: {
        'Fn::Join': [
          '',
          [
            'https://',
            { 'Fn::GetAtt': [Match.stringLikeRegexp('^PromptsCdn'), 'DomainName'] },
            '/fallback.xml',
          ],
        ],
      },
    });
  });
});

describe('the hourly check of Twilio’s usage records', () => {
  it('is off without an account SID, and with one gives the chase the secret, the SID and two alarms, cdk-nag clean', () => {
    const alarmsOf = (source: Template) =>
      resourcesOf(source, 'AWS::CloudWatch::Alarm').map(([, alarm]) => alarm.Properties.MetricName);
    expect(alarmsOf(template)).not.toContain('TwilioSpendTodayUsd');

    const accountSid = `AC${'a'.repeat(32)}`;
    const built = createHotlineApp({
      context: { twilioAccountSid: accountSid, twilioDailySpendAlarmUsd: 12 },
    });
    let error: unknown;
    try {
      built.app.synth();
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeUndefined();
    const withCheck = Template.fromStack(built.stack);
    const spend = resourcesOf(withCheck, 'AWS::CloudWatch::Alarm').find(
      ([, alarm]) => alarm.Properties.MetricName === 'TwilioSpendTodayUsd',
    );
    expect(spend?.[1].Properties).toMatchObject({ Threshold: 12, Namespace: 'MigrantHotline/Cases' });
    expect(alarmsOf(withCheck)).toContain('TwilioUsageCheckFailed');
    const chase = resourcesOf(withCheck, 'AWS::Lambda::Function').find(([id]) => id.startsWith('CasesChase'));
    expect(chase).toBeDefined();
    const environment = chase?.[1].Properties.Environment as
      | { Variables?: Record<string, unknown> }
      | undefined;
    const variables = environment?.Variables ?? {};
    expect(variables.TWILIO_ACCOUNT_SID).toBe(accountSid);
    expect(variables.TWILIO_SECRET_ID).toBeDefined();
  }, 120_000);
});
