// The Serbian SIM's phone health in DynamoDB: one item, one UpdateItem per webhook, one read per send batch.
import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { GatewayHealth } from '../../ports/gateway-health.js';
import { gatewayKeys } from './keys.js';

export class DynamoGatewayHealth implements GatewayHealth {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async heard(at: Date, failed: boolean): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: gatewayKeys.health(),
        UpdateExpression: failed
          ? 'SET lastHeardAt = :at, #type = :type ADD failedInRow :one'
          : 'SET lastHeardAt = :at, #type = :type, failedInRow = :zero',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: {
          ':at': at.toISOString(),
          ':type': 'gatewayHealth',
          ...(failed ? { ':one': 1 } : { ':zero': 0 }),
        },
      }),
    );
  }

  async read(): Promise<{ lastHeardAt?: Date | undefined; failedInRow: number }> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: gatewayKeys.health(), ConsistentRead: true }),
    );
    const lastHeardAt = typeof Item?.lastHeardAt === 'string' ? new Date(Item.lastHeardAt) : undefined;
    return { lastHeardAt, failedInRow: typeof Item?.failedInRow === 'number' ? Item.failedInRow : 0 };
  }
}
