// Builds the CDK app: the hotline stack with cdk-nag's AwsSolutions and Serverless packs attached.
// `infra/app.ts` (what `cdk synth` runs) and the stack tests both build it here.
import { App, type AppProps, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { DEPLOYMENT_CONTEXT_KEYS, parseDeploymentConfig } from './deployment-config.js';
import { HotlineStack } from './hotline-stack.js';

export function createHotlineApp(props: AppProps = {}): { app: App; stack: HotlineStack } {
  const app = new App(props);
  const context = Object.fromEntries(
    DEPLOYMENT_CONTEXT_KEYS.map((key) => [key, app.node.tryGetContext(key)]).filter(
      ([, value]) => value !== undefined,
    ),
  );
  const stack = new HotlineStack(app, app.node.tryGetContext('stackName') ?? 'MigrantHotline', {
    config: parseDeploymentConfig(context),
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  });
  Validations.of(app).addPlugins(
    new AwsSolutionsChecks(app, { verbose: true }),
    new ServerlessChecks(app, { verbose: true }),
  );
  return { app, stack };
}
