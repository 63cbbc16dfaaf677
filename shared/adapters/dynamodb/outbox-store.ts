// The outbox in DynamoDB: one item per message (`OUTBOX#<id>`), claimed with a conditional update so two
// senders (a stream retry racing the first delivery) never both send it, deleted once sent.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { OutboundMessage, OutboxStore } from '../../ports/outbox.js';
import { callerKeys, outboxKeys } from './keys.js';
import { toOutboundMessage } from './side-writes.js';

export class DynamoOutboxStore implements OutboxStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async claim(id: string, now: Date, leaseSeconds: number): Promise<OutboundMessage | 'gone' | 'held'> {
    const at = Math.floor(now.getTime() / 1000);
    try {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: outboxKeys.message(id),
          UpdateExpression: 'SET claimedUntil = :until ADD attempts :one',
          ConditionExpression:
            'attribute_exists(pk) AND (attribute_not_exists(claimedUntil) OR claimedUntil < :now)',
          ExpressionAttributeValues: { ':until': at + leaseSeconds, ':now': at, ':one': 1 },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return (Attributes && toOutboundMessage(Attributes)) ?? 'gone';
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      // Which condition failed: a second read tells gone from held, only on this rare path.
      return (await this.exists(id)) ? 'held' : 'gone';
    }
  }

  async remove(id: string): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: outboxKeys.message(id) }));
  }

  async release(id: string): Promise<void> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: outboxKeys.message(id),
          UpdateExpression: 'REMOVE claimedUntil',
          ConditionExpression: 'attribute_exists(pk)',
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async callerErased(callerId: string): Promise<boolean> {
    // Strongly consistent: an erasure that committed a moment ago must be seen.
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: callerKeys.profile(callerId),
        ProjectionExpression: 'pk',
        ConsistentRead: true,
      }),
    );
    return Item === undefined;
  }

  private async exists(id: string): Promise<boolean> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: outboxKeys.message(id),
        ProjectionExpression: 'pk',
        ConsistentRead: true,
      }),
    );
    return Item !== undefined;
  }
}
