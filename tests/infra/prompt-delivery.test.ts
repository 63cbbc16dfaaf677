import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { createHotlineApp } from '../../infra/hotline-app.js';

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

function resourcesOf(type: string): [string, Resource][] {
  return Object.entries(template.findResources(type)) as [string, Resource][];
}

/** The prompts bucket: the one CloudFront reads from. */
function promptBucketId(): string {
  const [distribution] = resourcesOf('AWS::CloudFront::Distribution');
  const origins = (distribution![1].Properties.DistributionConfig as { Origins: unknown[] }).Origins;
  const domain = (origins[0] as { DomainName: { 'Fn::GetAtt': [string, string] } }).DomainName;
  return domain['Fn::GetAtt'][0];
}

describe('prompt delivery: private S3 bucket behind CloudFront', () => {
  it('synthesises with cdk-nag clean', () => {
    expect(synthError).toBeUndefined();
  });

  it('blocks every kind of public access on every bucket and refuses requests without TLS', () => {
    const buckets = resourcesOf('AWS::S3::Bucket');
    const policies = resourcesOf('AWS::S3::BucketPolicy');

    expect(buckets.length).toBeGreaterThanOrEqual(2);
    for (const [, bucket] of buckets) {
      expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(bucket.Properties.BucketEncryption).toBeDefined();
    }
    for (const [id] of buckets) {
      const policy = policies.find(
        ([, p]) => JSON.stringify(p.Properties.Bucket) === JSON.stringify({ Ref: id }),
      );
      expect(JSON.stringify(policy?.[1].Properties.PolicyDocument)).toContain(
        '"aws:SecureTransport":"false"',
      );
    }
  });

  /** The statements of the prompts bucket's policy. */
  const promptBucketPolicy = () => {
    const bucketId = promptBucketId();
    const [, policy] =
      resourcesOf('AWS::S3::BucketPolicy').find(([, p]) =>
        JSON.stringify(p.Properties.Bucket).includes(bucketId),
      ) ?? [];
    return (policy!.Properties.PolicyDocument as { Statement: Record<string, unknown>[] }).Statement;
  };

  it('lets only this CloudFront distribution read the audio, and logs access to the bucket', () => {
    const bucketId = promptBucketId();
    const [, bucket] = resourcesOf('AWS::S3::Bucket').find(([id]) => id === bucketId) ?? [];
    const statements = promptBucketPolicy();
    const allows = statements.filter((statement) => statement.Effect === 'Allow');

    expect(bucket?.Properties.LoggingConfiguration).toMatchObject({ LogFilePrefix: 's3/' });
    expect(allows).toHaveLength(1);
    expect(allows[0]).toMatchObject({
      Action: 's3:GetObject',
      Principal: { Service: 'cloudfront.amazonaws.com' },
      Condition: { StringEquals: { 'AWS:SourceArn': expect.anything() } },
    });
    expect(JSON.stringify(allows[0]?.Condition)).toContain(':distribution/');
  });

  it('keeps the browser’s unchecked uploads out of CloudFront’s reach (an explicit deny on uploads/)', () => {
    const bucketId = promptBucketId();
    const denies = promptBucketPolicy().filter(
      (statement) => statement.Effect === 'Deny' && statement.Action === 's3:GetObject',
    );
    expect(denies).toEqual([
      expect.objectContaining({
        Principal: { Service: 'cloudfront.amazonaws.com' },
        Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, '/uploads/*']] },
      }),
    ]);
  });

  it('reaches the bucket through Origin Access Control, not a legacy identity', () => {
    template.resourceCountIs('AWS::CloudFront::CloudFrontOriginAccessIdentity', 0);
    template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: {
        OriginAccessControlOriginType: 's3',
        SigningBehavior: 'always',
        SigningProtocol: 'sigv4',
      },
    });
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Origins: [
          Match.objectLike({
            OriginAccessControlId: Match.anyValue(),
            S3OriginConfig: { OriginAccessIdentity: '' },
          }),
        ],
      }),
    });
  });

  it('serves viewers over HTTPS only, GET and HEAD only', () => {
    const [, distribution] = resourcesOf('AWS::CloudFront::Distribution')[0] ?? [];
    const config = distribution?.Properties.DistributionConfig as Record<string, unknown>;
    const behaviors = [
      config.DefaultCacheBehavior,
      ...((config.CacheBehaviors as unknown[]) ?? []),
    ] as Record<string, unknown>[];

    for (const behavior of behaviors) {
      expect(behavior.ViewerProtocolPolicy).toBe('https-only');
      expect(behavior.AllowedMethods).toEqual(['GET', 'HEAD']);
    }
  });

  it('tells the voice function and the console (its studio), and only them, the distribution URL as PROMPTS_BASE_URL', () => {
    const functions = resourcesOf('AWS::Lambda::Function');
    const withPrompts = functions.filter(
      ([, fn]) =>
        (fn.Properties.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables
          ?.PROMPTS_BASE_URL !== undefined,
    );

    expect(withPrompts.map(([id]) => id).sort()).toEqual([
      expect.stringMatching(/^consoleWebhook/),
      expect.stringMatching(/^voiceWebhook/),
    ]);
    for (const [, fn] of withPrompts) {
      expect(
        (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables.PROMPTS_BASE_URL,
      ).toEqual({
        'Fn::Join': [
          '',
          ['https://', { 'Fn::GetAtt': [expect.stringMatching(/^PromptsCdn/), 'DomainName'] }],
        ],
      });
    }
  });

  it('lets the console take uploads under uploads/ and write checked recordings under recorded/ only, keeps both out of every deploy, and allows the PUT from the console', () => {
    const policies = resourcesOf('AWS::IAM::Policy').filter(([id]) => id.startsWith('consoleWebhook'));
    const statements = policies.flatMap(
      ([, policy]) =>
        (policy.Properties.PolicyDocument as { Statement: Record<string, unknown>[] }).Statement,
    );
    const s3 = statements.filter((statement) => JSON.stringify(statement.Action).includes('s3:'));
    const objects = (prefix: string) => ({
      'Fn::Join': ['', [{ 'Fn::GetAtt': [promptBucketId(), 'Arn'] }, `/${prefix}/*`]],
    });
    expect(s3).toEqual([
      expect.objectContaining({ Action: ['s3:PutObject', 's3:GetObject'], Resource: objects('uploads') }),
      expect.objectContaining({ Action: 's3:PutObject', Resource: objects('recorded') }),
    ]);
    template.hasResourceProperties('Custom::CDKBucketDeployment', { Exclude: ['recorded/*', 'uploads/*'] });
    template.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: { Rules: [Match.objectLike({ Prefix: 'uploads/', ExpirationInDays: 1 })] },
    });
    template.hasResourceProperties('AWS::S3::Bucket', {
      CorsConfiguration: {
        CorsRules: [Match.objectLike({ AllowedMethods: ['PUT'], AllowedHeaders: ['content-type'] })],
      },
    });
  });

  it('deploys prompts/audio into the bucket and invalidates the cache on every deploy', () => {
    template.hasResourceProperties('Custom::CDKBucketDeployment', {
      DestinationBucketName: { Ref: promptBucketId() },
      DistributionPaths: ['/*'],
      Prune: true,
    });
    const staged = readdirSync(app.outdir).filter((name) => name.startsWith('asset.'));
    const audio = staged.filter((name) => existsSync(join(app.outdir, name, 'ky', 'main_menu.wav')));
    expect(audio).toHaveLength(1);
  });

  it('lets the voice function publish SMS to phone numbers and nothing else on SNS', () => {
    const [voiceRole] = Object.entries(template.findResources('AWS::Lambda::Function')).find(([id]) =>
      id.startsWith('voiceWebhook'),
    )![1].Properties.Role['Fn::GetAtt'] as [string];

    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [
          { Action: 'sns:Publish', Effect: 'Allow', Resource: '*', Sid: 'PublishSmsToPhoneNumbers' },
          Match.objectLike({ Action: 'sns:Publish', Effect: 'Deny', Sid: 'NoTopicsOrEndpoints' }),
        ],
        Version: '2012-10-17',
      },
      Roles: [{ Ref: voiceRole }],
    });
  });
});
