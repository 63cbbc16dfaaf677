// Every hotline Lambda gets the same defaults here: Node.js 22 on arm64, a minified esbuild bundle with
// source maps, explicit memory and timeout (webhooks under Twilio's 15 s), X-Ray, a log group kept 30
// days, and, for the functions that need it, the secret read through the Parameters and Secrets extension.
import { type CfnResource, type Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import {
  Architecture,
  ParamsAndSecretsLayerVersion,
  ParamsAndSecretsVersions,
  Runtime,
  Tracing,
} from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { BuildOptions } from 'esbuild';

/**
 * Kyrgyz and Russian text as UTF-8 (2 bytes a letter) rather than \uXXXX escapes (6): ~40 KB off the voice
 * bundle. aws-cdk-lib's `charset` bundling prop is not passed on to esbuild (2.276), so it goes through
 * `esbuildArgs`; tests/infra/deployed-bundles.test.ts checks the bundles `cdk synth` writes are UTF-8.
 */
export const BUNDLE_CHARSET = 'utf8' as 'utf8' | 'ascii';

/** The stack's bundling options; `esbuildOptionsFor` is the same build as plain esbuild options. */
/**
 * The SDK's default credential chain, replaced in deployed bundles by the environment provider alone
 * (shared/adapters/aws/lambda-credentials.ts says why); a path from the project root, where esbuild runs.
 */
export const CREDENTIALS_PACKAGE = '@aws-sdk/credential-provider-node';
export const LAMBDA_CREDENTIALS = './shared/adapters/aws/lambda-credentials.ts';

export const BUNDLING = {
  minify: true,
  sourceMap: true,
  target: 'node22',
  format: OutputFormat.ESM as OutputFormat,
  // ESM bundles of CommonJS dependencies need `require`; this banner gives them one.
  banner:
    "import { createRequire as __hotlineRequire } from 'module'; const require = __hotlineRequire(import.meta.url);",
  mainFields: ['module', 'main'],
  esbuildArgs: {
    '--charset': BUNDLE_CHARSET,
    [`--alias:${CREDENTIALS_PACKAGE}`]: LAMBDA_CREDENTIALS,
  } as Record<string, string>,
  // esbuild says nothing unless something is wrong (`npx cdk synth` and the tests stay readable).
  logLevel: LogLevel.ERROR as LogLevel,
  // Bundle the AWS SDK too: tree-shaken it loads faster than the runtime's copy, and runs the tested version.
  externalModules: [] as string[],
};

/**
 * The stack's build as plain esbuild options, writing `index.mjs` and its source map as CDK does. A test
 * proves the output byte for byte identical to what `cdk synth` writes, so what reads the metafile (which
 * packages a bundle holds) and the bench's variants speak of the deployed build.
 */
export function esbuildOptionsFor(entryFile: string): BuildOptions & { metafile: true } {
  return {
    entryPoints: [entryFile],
    bundle: true,
    platform: 'node',
    minify: BUNDLING.minify,
    target: BUNDLING.target,
    format: 'esm',
    mainFields: BUNDLING.mainFields,
    charset: BUNDLE_CHARSET,
    alias: { [CREDENTIALS_PACKAGE]: LAMBDA_CREDENTIALS },
    external: BUNDLING.externalModules,
    banner: { js: BUNDLING.banner },
    sourcemap: BUNDLING.sourceMap,
    sourcesContent: false,
    outfile: 'index.mjs',
    metafile: true,
    logLevel: 'error',
  };
}

export interface HotlineFunctionProps {
  entry: string;
  description: string;
  timeout: Duration;
  memorySize: number;
  environment: Record<string, string>;
  /** The Twilio secret, read through the Parameters and Secrets extension; left out where not needed. */
  secret?: ISecret;
  /** The channels' secret (Telegram, the Serbian SIM), read the same way. */
  channelSecret?: ISecret;
  /** Files to put beside the bundle: shell commands run once the bundle is in `outputDir`. */
  afterBundling?: (outputDir: string) => string[];
}

export class HotlineFunction extends Construct {
  readonly fn: NodejsFunction;
  /** The entry file, as given: what `synthesizeBundles` reports each bundle by. */
  readonly entry: string;

  constructor(scope: Construct, id: string, props: HotlineFunctionProps) {
    super(scope, id);
    this.entry = props.entry;
    const logGroup = new LogGroup(this, 'Logs', {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.fn = new NodejsFunction(this, 'Function', {
      entry: props.entry,
      handler: 'handler',
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize,
      timeout: props.timeout,
      tracing: Tracing.ACTIVE,
      logGroup,
      environment: {
        ...props.environment,
        ...(props.secret ? { TWILIO_SECRET_ID: props.secret.secretArn } : {}),
        ...(props.channelSecret ? { CHANNELS_SECRET_ID: props.channelSecret.secretArn } : {}),
        NODE_OPTIONS: '--enable-source-maps',
      },
      ...(props.secret || props.channelSecret
        ? {
            paramsAndSecrets: ParamsAndSecretsLayerVersion.fromVersion(ParamsAndSecretsVersions.V1_0_103, {
              cacheSize: 10,
            }),
          }
        : {}),
      bundling: {
        ...BUNDLING,
        sourcesContent: false,
        ...(props.afterBundling
          ? {
              commandHooks: {
                beforeBundling: () => [],
                beforeInstall: () => [],
                afterBundling: (_inputDir: string, outputDir: string) =>
                  props.afterBundling?.(outputDir) ?? [],
              },
            }
          : {}),
      },
    });
    props.secret?.grantRead(this.fn);
    props.channelSecret?.grantRead(this.fn);
    Validations.of(this.fn).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: 'AWSLambdaBasicExecutionRole only lets the function write its own logs.',
      },
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: 'X-Ray PutTraceSegments/PutTelemetryRecords have no resource-level permissions.',
      },
      {
        id: 'AwsSolutions-L1',
        reason: 'The design fixes nodejs22.x, the Node version the code is built and tested for.',
      },
      {
        id: 'Serverless-LambdaLatestVersion',
        reason: 'The design fixes nodejs22.x, the Node version the code is built and tested for.',
      },
    );
  }

  /** Grants read and write on the table and tells the function its name, in one call. */
  bindTable(table: ITable): this {
    table.grantReadWriteData(this.fn);
    this.fn.addEnvironment('TABLE_NAME', table.tableName);
    const tableId = Stack.of(table).getLogicalId(table.node.defaultChild as CfnResource);
    Validations.of(this.fn).acknowledge(
      {
        id: `AwsSolutions-IAM5[Resource::<${tableId}.Arn>/index/*]`,
        reason: 'Queries go through the table’s own indexes; the grant covers only this table’s indexes.',
      },
      {
        id: 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
        reason:
          'Needed to write to the table encrypted with the stack’s own key; the grant is scoped to that key.',
      },
      {
        id: 'AwsSolutions-IAM5[Action::kms:ReEncrypt*]',
        reason: 'Granted by DynamoDB’s standard grant for the table’s own key, scoped to that key.',
      },
    );
    return this;
  }
}
