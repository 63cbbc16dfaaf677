// The stack's channels beyond Twilio and its outbox: routes, the channels secret, the table's stream, the
// outbox sender's event source mapping with its failure queue, and the alarms.
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { createHotlineApp } from '../../infra/hotline-app.js';

let template: Template;

beforeAll(() => {
  template = Template.fromStack(createHotlineApp().stack);
}, 120_000);

const alarmIds = (t: Template) => Object.keys(t.findResources('AWS::CloudWatch::Alarm'));

describe('the stack’s channels and outbox', () => {
  it('routes POST /telegram and POST /sms-gateway to their own functions', () => {
    for (const path of ['/telegram', '/sms-gateway'])
      template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: `POST ${path}` });
  });

  it('keeps the channel keys in a secret of their own, with a generated Telegram webhook secret', () => {
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: Match.objectLike({
        GenerateStringKey: 'telegramWebhookSecret',
        SecretStringTemplate: Match.stringLikeRegexp('telegramBotToken'),
      }),
    });
  });

  it('streams the table with keys only: no number or message body in the stream', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      StreamSpecification: { StreamViewType: 'KEYS_ONLY' },
    });
  });

  it('feeds the outbox sender only new OUTBOX# items, bisecting, reporting per item, with a failure queue', () => {
    const mappings = template.findResources('AWS::Lambda::EventSourceMapping');
    expect(Object.keys(mappings)).toHaveLength(1);
    const [mapping] = Object.values(mappings);
    const properties = mapping?.Properties as Record<string, unknown>;
    expect(properties).toMatchObject({
      StartingPosition: 'LATEST',
      BisectBatchOnFunctionError: true,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: { OnFailure: { Destination: expect.anything() } },
    });
    const filters = (properties.FilterCriteria as { Filters: { Pattern: string }[] }).Filters.map((filter) =>
      JSON.parse(filter.Pattern),
    );
    expect(filters).toEqual([
      { eventName: ['INSERT'], dynamodb: { Keys: { pk: { S: [{ prefix: 'OUTBOX#' }] } } } },
    ]);
  });

  it('alarms when outbox batches end in the failure queue', () => {
    expect(alarmIds(template).some((id) => id.includes('OutboxDeadLetters'))).toBe(true);
  });

  it('alarms on a quiet or failing Serbian SIM only when a SIM is deployed', () => {
    const withSim = Template.fromStack(
      createHotlineApp({ context: { smsGatewayApiBase: 'https://api.sms-gate.app' } }).stack,
    );

    expect(alarmIds(template).some((id) => id.includes('GatewayQuiet'))).toBe(false);
    expect(alarmIds(withSim).filter((id) => /GatewayQuiet|GatewaySendFailures/.test(id))).toHaveLength(2);
    withSim.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'GatewayHeard',
      ComparisonOperator: 'LessThanThreshold',
      TreatMissingData: 'breaching',
    });
  });
});
