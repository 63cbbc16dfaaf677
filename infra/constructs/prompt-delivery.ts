// The IVR's recorded prompts over HTTPS for Twilio <Play>: a private S3 bucket that only CloudFront may
// read (Origin Access Control), filled from prompts/audio by every deploy. The bucket is never public.
import { type CfnResource, Duration, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  HttpVersion,
  PriceClass,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { Effect, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  HttpMethods,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';

/** Where the console's studio puts recordings (shared/ports/prompt-studio.ts, recordedAudioPath). */
const RECORDED_PREFIX = 'recorded/';
/** Where the browser's uploads land before the console checks them (uploadedAudioPath); gone after a day. */
const UPLOADS_PREFIX = 'uploads/';

export interface PromptDeliveryProps {
  /** Folder deployed to the bucket root: `<language>/<prompt>.wav`, as prompt URLs expect. */
  audioDir: string;
}

export class PromptDelivery extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  private readonly deployment: BucketDeployment;

  constructor(scope: Construct, id: string, props: PromptDeliveryProps) {
    super(scope, id);

    // S3 server access logs and CloudFront standard logs; CloudFront's legacy logging needs ACLs.
    const logs = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.OBJECT_WRITER,
      lifecycleRules: [{ expiration: Duration.days(30) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(logs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the access-log bucket of the prompts; logging it into itself would loop.',
    });

    this.bucket = new Bucket(this, 'Audio', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 's3/',
      // Rebuilt from the repository by every deploy: nothing in it needs keeping.
      removalPolicy: RemovalPolicy.DESTROY,
      // The browser's uploads are checked within minutes; whatever is left of them goes after a day.
      lifecycleRules: [{ prefix: UPLOADS_PREFIX, expiration: Duration.days(1) }],
    });

    this.distribution = new Distribution(this, 'Cdn', {
      comment: 'IVR prompt audio for Twilio <Play>',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        compress: false,
      },
      httpVersion: HttpVersion.HTTP2_AND_3,
      // North America and Europe: where Twilio fetches media from.
      priceClass: PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cloudfront/',
    });
    // CloudFront reads the bucket (Origin Access Control), but never the browser's unchecked uploads:
    // an explicit deny beats the OAC grant on bucket/*, so uploads/ answers 403 through the CDN.
    this.bucket.addToResourcePolicy(
      new PolicyStatement({
        effect: Effect.DENY,
        principals: [new ServicePrincipal('cloudfront.amazonaws.com')],
        actions: ['s3:GetObject'],
        resources: [this.bucket.arnForObjects(`${UPLOADS_PREFIX}*`)],
      }),
    );
    Validations.of(this.distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason: 'Twilio fetches the prompts from its own media servers, whose locations are not published.',
      },
      {
        id: 'AwsSolutions-CFR2',
        reason:
          'Read-only, non-secret audio behind CloudFront caching; a WAF would cost more than the whole delivery.',
      },
      {
        id: 'AwsSolutions-CFR4',
        reason:
          'The default *.cloudfront.net certificate cannot pin a TLS minimum; an NGO custom domain with its own certificate can (docs/ivr.md).',
      },
    );

    const deployment = new BucketDeployment(this, 'Deploy', {
      sources: [Source.asset(props.audioDir)],
      destinationBucket: this.bucket,
      // Twilio and CloudFront cache audio: a re-recorded prompt must reach callers at the next deploy.
      distribution: this.distribution,
      distributionPaths: ['/*'],
      memoryLimit: 256,
      // On stack deletion the objects go first, so the bucket (DESTROY) can go too.
      retainOnDelete: false,
      // The console's studio writes recordings under recorded/: a deploy neither uploads nor prunes them.
      exclude: [`${RECORDED_PREFIX}*`, `${UPLOADS_PREFIX}*`],
    });
    acknowledgeDeploymentHandler(this, deployment, this.bucket);
    this.deployment = deployment;
  }

  /**
   * Deploys one more file to the bucket root with the audio (same deploy, so pruning keeps it) and returns
   * its HTTPS URL. `body` may contain deploy-time values such as `baseUrl`.
   */
  addFile(key: string, body: string): string {
    this.deployment.addSource(Source.data(key, body));
    return `${this.baseUrl}/${key}`;
  }

  /**
   * Lets the console's function presign uploads into `recorded/` (and read them back to check them), and
   * the console's page PUT there from its own origin.
   */
  allowStudio(fn: LambdaFunction, consoleOrigin: string): void {
    // Exactly the two actions on exactly the recordings, rather than grantPut/grantRead's wildcards.
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:PutObject', 's3:GetObject'],
        resources: [this.bucket.arnForObjects(`${UPLOADS_PREFIX}*`)],
      }),
    );
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:PutObject'],
        resources: [this.bucket.arnForObjects(`${RECORDED_PREFIX}*`)],
      }),
    );
    const bucketId = Stack.of(this).getLogicalId(this.bucket.node.defaultChild as CfnResource);
    Validations.of(fn).acknowledge(
      {
        id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${UPLOADS_PREFIX}*]`,
        reason:
          'The console presigns the browser’s upload of one take at a time (uploads/<language>/<id>-<version>.wav, names made at upload) and reads it back to check it.',
      },
      {
        id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${RECORDED_PREFIX}*]`,
        reason:
          'The console writes a checked take where calls play it (recorded/<language>/<id>-<version>.wav); put only.',
      },
    );
    this.bucket.addCorsRule({
      allowedMethods: [HttpMethods.PUT],
      allowedOrigins: [consoleOrigin],
      allowedHeaders: ['content-type'],
      maxAge: 600,
    });
    fn.addEnvironment('PROMPTS_BUCKET', this.bucket.bucketName);
  }

  /** `https://<id>.cloudfront.net`: the base of every prompt URL (`<base>/ky/main_menu.wav`). */
  get baseUrl(): string {
    return `https://${this.distribution.distributionDomainName}`;
  }
}

/** BucketDeployment runs one CDK-owned Lambda per stack, created beside the stack rather than in here. */
function acknowledgeDeploymentHandler(scope: Construct, deployment: BucketDeployment, bucket: Bucket): void {
  Validations.of(deployment.handlerRole).acknowledge(
    {
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason: 'The CDK-owned deployment Lambda only writes its own logs with this managed policy.',
    },
    ...deploymentWildcards(deployment, bucket).map((finding) => ({
      id: `AwsSolutions-IAM5[${finding}]`,
      reason:
        'The CDK-owned deployment Lambda reads the staged asset, replaces every object of the prompts bucket and invalidates the distribution (no resource ARN): these are the wildcards CDK generates for exactly that.',
    })),
  );
  const handler = Stack.of(scope).node.children.find((child) =>
    child.node.id.startsWith('Custom::CDKBucketDeployment'),
  );
  if (!handler) return;
  const cdkOwned =
    'The deployment Lambda and its runtime are owned and updated by aws-cdk-lib, not by this app.';
  Validations.of(handler).acknowledge(
    { id: 'AwsSolutions-L1', reason: cdkOwned },
    { id: 'Serverless-LambdaLatestVersion', reason: cdkOwned },
    {
      id: 'Serverless-LambdaTracing',
      reason: 'A deploy-time custom resource, run by CloudFormation once per deploy; nothing to trace.',
    },
    {
      id: 'Serverless-LambdaDLQ',
      reason:
        'Invoked by CloudFormation as a custom resource; a failure fails the deploy, with the error in its events.',
    },
  );
}

/** The granular IAM5 findings of the deployment Lambda's policy, named as cdk-nag names them. */
function deploymentWildcards(deployment: BucketDeployment, bucket: Bucket): string[] {
  const stack = Stack.of(deployment);
  const region = Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region;
  const bucketId = stack.getLogicalId(bucket.node.defaultChild as CfnResource);
  return [
    'Action::s3:GetBucket*',
    'Action::s3:GetObject*',
    'Action::s3:List*',
    'Action::s3:Abort*',
    'Action::s3:DeleteObject*',
    `Resource::<${bucketId}.Arn>/*`,
    `Resource::arn:<AWS::Partition>:s3:::cdk-${stack.synthesizer.bootstrapQualifier ?? 'hnb659fds'}-assets-<AWS::AccountId>-${region}/*`,
    'Resource::*',
  ];
}
