// One DynamoDB Local for the whole test run (in memory), shared by integration tests through env vars.

import type { TestProject } from 'vitest/node';
import { type RunningDynamoDbLocal, startDynamoDbLocal } from '../../local/dynamodb-local.js';
import { freePort } from '../../local/ports.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

let dynamo: RunningDynamoDbLocal | undefined;

export async function setup(project: TestProject): Promise<void> {
  const port = await freePort();
  dynamo = await startDynamoDbLocal({ port });
  project.provide('dynamoEndpoint', dynamo.endpoint);
}

export async function teardown(): Promise<void> {
  await dynamo?.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}
