import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { ensureHotlineTable, localDynamoDbClient } from '../../local/dynamodb-local.js';
import { TABLE_INDEXES, TABLE_KEYS } from '../../shared/adapters/dynamodb/schema.js';

describe('DynamoDB Local for the local runtime', () => {
  it('creates the hotline table with the same keys, indexes and TTL as the stack, and tolerates a second call', async () => {
    const endpoint = inject('dynamoEndpoint');
    const tableName = `schema-${Date.now()}`;

    await ensureHotlineTable(endpoint, tableName);
    await ensureHotlineTable(endpoint, tableName);

    const client = localDynamoDbClient(endpoint);
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    client.destroy();
    expect(Table?.KeySchema).toEqual([
      { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
    ]);
    expect(Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName)).toEqual(
      TABLE_INDEXES.map((index) => index.name),
    );
  });
});
