// Usage counters and the block list in DynamoDB. A counter is one UpdateItem with ADD on an item per
// window (an hour, a day), expiring by TTL: atomic under any number of simultaneous webhooks, never a scan.
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { BlockEntry, BlockList, Counts, UsageCounters } from '../../ports/usage.js';
import { blockKeys, type ItemKey, usageKeys } from './keys.js';
import { queryAll } from './requests.js';

export class DynamoUsageCounters implements UsageCounters {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async add(key: ItemKey, counts: Counts, expiresAt: number): Promise<Counts> {
    return numbersOf(await this.update(key, counts, expiresAt));
  }

  async addAndClaim(
    key: ItemKey,
    counts: Counts,
    field: string,
    offered: string,
    expiresAt: number,
  ): Promise<{ counts: Counts; claimed: string }> {
    const attributes = await this.update(key, counts, expiresAt, { field, offered });
    return { counts: numbersOf(attributes), claimed: String(attributes[field] ?? offered) };
  }

  /** One UpdateItem: ADD every count, renew the TTL, and keep the first value offered for `claim.field`. */
  private async update(
    key: ItemKey,
    counts: Counts,
    expiresAt: number,
    claim?: { field: string; offered: string },
  ): Promise<Record<string, unknown>> {
    const names: Record<string, string> = { '#expiresAt': 'expiresAt', '#type': 'type' };
    const values: Record<string, unknown> = { ':expiresAt': expiresAt, ':type': 'usage' };
    const sets = ['#expiresAt = :expiresAt', '#type = :type'];
    if (claim) {
      names['#field'] = claim.field;
      values[':offered'] = claim.offered;
      sets.push('#field = if_not_exists(#field, :offered)');
    }
    const adds = Object.entries(counts).map(([name, by], index) => {
      names[`#c${index}`] = name;
      values[`:c${index}`] = by;
      return `#c${index} :c${index}`;
    });
    const result = await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: key,
        UpdateExpression: `SET ${sets.join(', ')} ADD ${adds.join(', ')}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ReturnValues: 'ALL_NEW',
      }),
    );
    return result.Attributes ?? {};
  }

  async read(key: ItemKey): Promise<Counts> {
    const result = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }),
    );
    return numbersOf(result.Item ?? {});
  }

  async set(key: ItemKey, values: Counts, expiresAt: number): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...key, type: 'usage', ...values, expiresAt },
      }),
    );
  }
}

function numbersOf(item: Record<string, unknown>): Counts {
  const counts: Record<string, number> = {};
  for (const [name, value] of Object.entries(item)) {
    if (typeof value === 'number' && name !== 'expiresAt') counts[name] = value;
  }
  return counts;
}

export class DynamoBlockList implements BlockList {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(callerId: string): Promise<BlockEntry | undefined> {
    const result = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: blockKeys.entry(callerId), ConsistentRead: true }),
    );
    return result.Item ? toBlockEntry(result.Item) : undefined;
  }

  async put(entry: BlockEntry): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...blockKeys.entry(entry.callerId),
          type: 'block',
          ...entry,
          ...(entry.until !== undefined ? { expiresAt: entry.until + 86_400 } : {}),
        },
      }),
    );
  }

  async remove(callerId: string): Promise<boolean> {
    const result = await this.client.send(
      new DeleteCommand({
        TableName: this.tableName,
        Key: blockKeys.entry(callerId),
        ReturnValues: 'ALL_OLD',
      }),
    );
    return result.Attributes !== undefined;
  }

  async list(): Promise<BlockEntry[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': blockKeys.partition },
      ConsistentRead: true,
    });
    return items.map(toBlockEntry);
  }
}

export function toBlockEntry(item: Record<string, unknown>): BlockEntry {
  return {
    callerId: String(item.callerId ?? item.sk),
    masked: typeof item.masked === 'string' ? item.masked : undefined,
    reason: String(item.reason ?? ''),
    addedAt: String(item.addedAt ?? ''),
    until: typeof item.until === 'number' ? item.until : undefined,
    automatic: item.automatic === true,
  };
}

export { usageKeys };
