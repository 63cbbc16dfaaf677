import { App, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Table } from 'aws-cdk-lib/aws-dynamodb';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { createHotlineApp } from '../../infra/hotline-app.js';
import { SCHEDULED_FUNCTIONS, WEBHOOK_ROUTES } from '../../infra/routes.js';
import { TABLE_INDEXES, TABLE_KEYS } from '../../shared/adapters/dynamodb/schema.js';

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
      Properties: { Environment: { Variables: { PUBLIC_BASE_URL: Match.anyValue() } } },
    });
    // SMS, voice, Telegram, the Serbian SIM and the volunteers' console.
    expect(Object.keys(functions)).toHaveLength(5);
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

  it('exposes exactly the webhook routes (POST) and the console (GET and POST), on a throttled stage with access logs', () => {
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map(
      (route) => route.Properties.RouteKey,
    );
    const expected = WEBHOOK_ROUTES.flatMap((route) =>
      route.method === 'ANY'
        ? [`GET ${route.path}`, `POST ${route.path}`]
        : [`${route.method} ${route.path}`],
    );
    expect(routes.sort()).toEqual(expected.sort());
    expect(routes.filter((route) => route.startsWith('GET ')).sort()).toEqual([
      'GET /console',
      'GET /console/{proxy+}',
    ]);
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

  it('acknowledges the dead-letter findings function by function, never stack-wide', () => {
    // A stack-wide acknowledgement would also hide a future asynchronous function without a failure path.
    const { app } = createHotlineApp();
    const acknowledgedAt = app.node
      .findAll()
      .filter((construct) =>
        construct.node.metadata.some(
          (entry) =>
            entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY &&
            Object.keys(entry.data as Record<string, string>).some(
              (rule) =>
                rule.endsWith('Serverless-LambdaDLQ') ||
                rule.endsWith('Serverless-LambdaAsyncFailureDestination'),
            ),
        ),
      )
      .map((construct) => construct.node.path);

    expect(acknowledgedAt.sort()).toEqual([
      'MigrantHotline/Cases/Chase/Function',
      // The CDK-owned Lambda behind the prompts' BucketDeployment (a CloudFormation custom resource).
      'MigrantHotline/Custom::CDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C256MiB',
      'MigrantHotline/Outbox/Sender/Function',
      'MigrantHotline/Reminders/Sweep/Function',
      'MigrantHotline/consoleWebhook/Function',
      'MigrantHotline/sms-gatewayWebhook/Function',
      'MigrantHotline/smsWebhook/Function',
      'MigrantHotline/telegramWebhook/Function',
      'MigrantHotline/voiceWebhook/Function',
    ]);
  });

  it('fails synthesis when a resource breaks a cdk-nag rule, so the check above can catch a regression', () => {
    const app = new App();
    const stack = new Stack(app, 'Regression');
    new Table(stack, 'Unprotected', { partitionKey: { name: 'pk', type: 'S' as never } });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));

    expect(() => app.synth()).toThrow(/AwsSolutions-DDB3|Serverless-DynamoDBPITREnabled|point-in-time/i);
  });
});

describe('the reminder sweep in the stack', () => {
  const sweepFunction = () => {
    const found = template.findResources('AWS::Lambda::Function', {
      Properties: { Environment: { Variables: { REMINDER_SEND_RATE: Match.anyValue() } } },
    });
    expect(Object.keys(found)).toHaveLength(1);
    const [logicalId = '', resource] = Object.entries(found)[0] ?? [];
    return { logicalId, properties: resource?.Properties };
  };

  it('runs the sweep function on nodejs22.x arm64 with a timeout fit for a sweep, the table, and no Twilio secret', () => {
    const { properties } = sweepFunction();

    expect(properties).toMatchObject({
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      TracingConfig: { Mode: 'Active' },
    });
    expect(properties.Timeout).toBe(SCHEDULED_FUNCTIONS.reminders.timeoutSeconds);
    expect(properties.Timeout).toBeGreaterThanOrEqual(60);
    expect(properties.Timeout).toBeLessThanOrEqual(300);
    const variables = properties.Environment.Variables as Record<string, unknown>;
    expect(variables.TABLE_NAME).toBeDefined();
    expect(variables).not.toHaveProperty('TWILIO_SECRET_ID');
    // A lease must outlast any live sweep, or a slow sweep's reminder could be taken over and sent twice.
    expect(Number(variables.REMINDER_LEASE_SECONDS)).toBeGreaterThan(2 * properties.Timeout);
  });

  it('triggers the sweep every 5 minutes by default, and as often as reminderRateMinutes says', () => {
    const { logicalId } = sweepFunction();
    const target = Match.objectLike({ Arn: { 'Fn::GetAtt': [logicalId, 'Arn'] } });
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(5 minutes)',
      State: 'ENABLED',
      Targets: [target],
    });

    const custom = createHotlineApp({ context: { reminderRateMinutes: 15 } });
    Template.fromStack(custom.stack).hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(15 minutes)',
    });
  });

  it('lets the sweep publish SMS to phone numbers only: sns:Publish on "*", denied on every SNS ARN', () => {
    const { properties } = sweepFunction();
    const role = (properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    const policies = Object.values(template.findResources('AWS::IAM::Policy')).filter((policy) =>
      (policy.Properties.Roles as { Ref: string }[]).some((ref) => ref.Ref === role),
    );
    const statements = policies.flatMap(
      (policy) => policy.Properties.PolicyDocument.Statement as Record<string, unknown>[],
    );
    const sns = statements.filter((statement) => JSON.stringify(statement.Action).includes('sns:'));

    expect(sns).toEqual([
      expect.objectContaining({ Effect: 'Allow', Action: 'sns:Publish', Resource: '*' }),
      expect.objectContaining({
        Effect: 'Deny',
        Action: 'sns:Publish',
        Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sns:*:*:*']] },
      }),
    ]);
    // No other function may send SMS than the sweep, the case chase, the voice webhook (SMS summary on
    // request, docs/ivr.md; voicemail links to volunteers) and the outbox sender (relays from Telegram and
    // the SIM). The webhooks answer inline or write to the outbox, never send themselves.
    const everyPolicy = Object.values(template.findResources('AWS::IAM::Policy'));
    const publishers = everyPolicy
      .filter((policy) => JSON.stringify(policy).includes('sns:Publish'))
      .flatMap((policy) => (policy.Properties.Roles as { Ref: string }[]).map((ref) => ref.Ref));
    expect(publishers).toHaveLength(4);
    expect(publishers).toContain(role);
    const others = publishers.filter((ref) => ref !== role).sort();
    expect(others[0]).toMatch(/^CasesChase/);
    expect(others[1]).toMatch(/^OutboxSender/);
    expect(others[2]).toMatch(/^voiceWebhook/);
  });

  it('sends failed sweeps and undeliverable schedule events to one encrypted, SSL-only queue', () => {
    const { logicalId } = sweepFunction();
    const queues = Object.entries(template.findResources('AWS::SQS::Queue')).filter(([id]) =>
      id.startsWith('Reminders'),
    );
    expect(queues).toHaveLength(1);
    const [queueId, queue] = queues[0] ?? ['', { Properties: {} }];
    expect(queue.Properties.SqsManagedSseEnabled).toBe(true);

    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: logicalId },
      MaximumRetryAttempts: 0,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queueId, 'Arn'] } } },
    });
    template.hasResourceProperties('AWS::Events::Rule', {
      Targets: [Match.objectLike({ DeadLetterConfig: { Arn: { 'Fn::GetAtt': [queueId, 'Arn'] } } })],
    });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: queueId }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });
});

describe('the case chase in the stack', () => {
  const chaseFunction = () => {
    const found = template.findResources('AWS::Lambda::Function', {
      Properties: { Environment: { Variables: { CASE_RENOTIFY_MINUTES: Match.anyValue() } } },
    });
    // The webhooks carry the setting too; the chase is the one without a public URL.
    const chase = Object.entries(found).filter(
      ([, resource]) => !('PUBLIC_BASE_URL' in resource.Properties.Environment.Variables),
    );
    expect(chase).toHaveLength(1);
    const [logicalId = '', resource] = chase[0] ?? [];
    return { logicalId, properties: resource?.Properties };
  };

  it('runs every minute on nodejs22.x arm64 with the table, the wait setting and no Twilio secret', () => {
    const { logicalId, properties } = chaseFunction();

    expect(properties).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'] });
    expect(properties.Timeout).toBe(SCHEDULED_FUNCTIONS.escalations.timeoutSeconds);
    const variables = properties.Environment.Variables as Record<string, unknown>;
    expect(variables.TABLE_NAME).toBeDefined();
    expect(variables.CASE_RENOTIFY_MINUTES).toBe('10');
    expect(variables).not.toHaveProperty('TWILIO_SECRET_ID');
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(1 minute)',
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [logicalId, 'Arn'] } })],
    });
  });

  it('sends failed chases to its own encrypted queue', () => {
    const { logicalId } = chaseFunction();
    const queues = Object.keys(template.findResources('AWS::SQS::Queue')).filter((id) =>
      id.startsWith('Cases'),
    );
    expect(queues).toHaveLength(1);

    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: logicalId },
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queues[0], 'Arn'] } } },
    });
  });
});
