import { App, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Table } from 'aws-cdk-lib/aws-dynamodb';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { createHotlineApp } from '../../infra/hotline-app.js';
import { WEBHOOK_ROUTES } from '../../infra/routes.js';
import { TABLE_INDEXES, TABLE_KEYS } from '../../shared/table/schema.js';

let template: Template;
let synthError: unknown;

beforeAll(() => {
  const { app, stack } = createHotlineApp();
  try {
    app.synth();
  } catch (error) {
    synthError = error;
  }
  template = Template.fromStack(stack);
}, 120_000);

describe('the hotline stack', () => {
  it('synthesises with no unacknowledged cdk-nag AwsSolutions or Serverless finding', () => {
    expect(synthError).toBeUndefined();
  });

  it('gives every cdk-nag acknowledgement a reason', () => {
    const { app } = createHotlineApp();
    const acknowledgements = app.node
      .findAll()
      .flatMap((construct) => construct.node.metadata)
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) => Object.entries(entry.data as Record<string, string>));

    expect(acknowledgements.length).toBeGreaterThan(0);
    for (const [rule, reason] of acknowledgements)
      expect({ rule, reason: reason.length > 20 }).toEqual({ rule, reason: true });
  });

  it('keeps the table encrypted with its own key, recoverable, protected from deletion and expiring via TTL', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: Match.anyValue() },
      DeletionProtectionEnabled: true,
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      TimeToLiveSpecification: { AttributeName: TABLE_KEYS.timeToLive, Enabled: true },
      GlobalSecondaryIndexes: TABLE_INDEXES.map((index) =>
        Match.objectLike({
          IndexName: index.name,
          KeySchema: [
            { AttributeName: index.partitionKey, KeyType: 'HASH' },
            { AttributeName: index.sortKey, KeyType: 'RANGE' },
          ],
        }),
      ),
    });
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  it('runs every webhook on nodejs22.x arm64 with a timeout under Twilio’s 15 s and explicit memory', () => {
    const functions = template.findResources('AWS::Lambda::Function', {
      Properties: { Environment: { Variables: { TABLE_NAME: Match.anyValue() } } },
    });
    expect(Object.keys(functions)).toHaveLength(2);
    for (const fn of Object.values(functions)) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
      });
      expect(fn.Properties.Timeout).toBeLessThan(15);
      expect(fn.Properties.MemorySize).toBeGreaterThanOrEqual(128);
    }
  });

  it('never puts the Twilio auth token or hash key in plain environment variables', () => {
    const functions = Object.values(template.findResources('AWS::Lambda::Function'));
    for (const fn of functions) {
      const variables = Object.keys(fn.Properties.Environment?.Variables ?? {});
      expect(variables).not.toContain('TWILIO_AUTH_TOKEN');
      expect(variables).not.toContain('CALLER_HASH_KEY');
    }
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: Match.objectLike({ GenerateStringKey: 'callerHashKey' }),
    });
  });

  it('exposes exactly the webhook routes, POST only, on a throttled stage with access logs', () => {
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map(
      (route) => route.Properties.RouteKey,
    );
    expect(routes.sort()).toEqual(WEBHOOK_ROUTES.map((route) => `${route.method} ${route.path}`).sort());
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      DefaultRouteSettings: { ThrottlingRateLimit: Match.anyValue(), ThrottlingBurstLimit: Match.anyValue() },
      AccessLogSettings: Match.objectLike({ DestinationArn: Match.anyValue() }),
    });
  });

  it('keeps every log group at most 30 days', () => {
    const groups = Object.values(template.findResources('AWS::Logs::LogGroup'));
    expect(groups.length).toBeGreaterThanOrEqual(3);
    for (const group of groups) expect(group.Properties.RetentionInDays).toBeLessThanOrEqual(30);
  });

  it('fails synthesis when a resource breaks a cdk-nag rule, so the check above can catch a regression', () => {
    const app = new App();
    const stack = new Stack(app, 'Regression');
    new Table(stack, 'Unprotected', { partitionKey: { name: 'pk', type: 'S' as never } });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));

    expect(() => app.synth()).toThrow(/AwsSolutions-DDB3|Serverless-DynamoDBPITREnabled|point-in-time/i);
  });
});
