// One DynamoDB document client per container, created at module load and reused by every invocation.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { HotlineConfig } from '../../config.js';

let client: DynamoDBDocumentClient | undefined;

export function documentClient(config: Pick<HotlineConfig, 'DYNAMODB_ENDPOINT'>): DynamoDBDocumentClient {
  client ??= createDocumentClient(config.DYNAMODB_ENDPOINT);
  return client;
}

export function createDocumentClient(endpoint?: string): DynamoDBDocumentClient {
  const base = new DynamoDBClient(endpoint ? { endpoint } : {});
  return DynamoDBDocumentClient.from(base, {
    marshallOptions: { removeUndefinedValues: true },
  });
}
