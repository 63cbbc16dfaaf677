// Reminders in DynamoDB, as the sweep sees them: due ones read through the sparse `due` index, each then
// changed only by a conditional write, so two sweeps (or a sweep and the conversation) never both win.
// The caller's profile is only ever read here: the conversation writes it with a version check, and a
// write from the sweep would race it.
import { ConditionalCheckFailedException, type ConsumedCapacity } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  DeleteCommand,
  type DynamoDBDocumentClient,
  QueryCommand,
  UpdateCommand,
  type UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { channelOf } from '../../callers/caller.js';
import type {
  CapacityUsed,
  ClaimedReminder,
  DueCursor,
  DuePage,
  DueReminder,
  Lease,
  Recipient,
  ReminderStore,
} from '../../ports/reminder-store.js';
import { callerKeys, dueIndexKeys } from './keys.js';
import { TABLE_INDEXES } from './schema.js';

const DUE_INDEX = TABLE_INDEXES[0].name;

export class DynamoReminderStore implements ReminderStore {
  private readonly used: CapacityUsed = { readUnits: 0, writeUnits: 0 };

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  capacityUsed(): CapacityUsed {
    return { ...this.used };
  }

  async findDue(
    partition: string,
    upTo: string,
    page: { cursor?: DueCursor; limit: number },
  ): Promise<DuePage> {
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: DUE_INDEX,
        KeyConditionExpression: 'duePk = :partition AND dueAt <= :upTo',
        ExpressionAttributeValues: { ':partition': partition, ':upTo': upTo },
        ExclusiveStartKey: page.cursor,
        Limit: page.limit,
        ScanIndexForward: false,
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    this.countRead(result.ConsumedCapacity);
    return {
      reminders: (result.Items ?? []).filter((item) => item.type === 'reminder').map(toDueReminder),
      cursor: result.LastEvaluatedKey,
    };
  }

  async recipients(callerIds: readonly string[]): Promise<Map<string, Recipient>> {
    const found = new Map<string, Recipient>();
    const unique = [...new Set(callerIds)];
    for (let at = 0; at < unique.length; at += 100) {
      let keys: Record<string, unknown>[] = unique
        .slice(at, at + 100)
        .map((id) => ({ ...callerKeys.profile(id) }));
      for (let attempt = 0; keys.length > 0; attempt++) {
        if (attempt > 8) throw new Error('DynamoDB kept caller profiles unprocessed');
        if (attempt > 0) await pause(25 * 2 ** attempt);
        const result = await this.client.send(
          new BatchGetCommand({
            RequestItems: {
              [this.tableName]: {
                Keys: keys,
                // A STOP that the conversation has just saved must be seen.
                ConsistentRead: true,
                ProjectionExpression: 'callerId, phone, channel, #language, latin, optedOut',
                ExpressionAttributeNames: { '#language': 'language' },
              },
            },
            ReturnConsumedCapacity: 'TOTAL',
          }),
        );
        for (const capacity of result.ConsumedCapacity ?? []) this.countRead(capacity);
        for (const item of result.Responses?.[this.tableName] ?? []) {
          found.set(String(item.callerId), toRecipient(item));
        }
        keys = result.UnprocessedKeys?.[this.tableName]?.Keys ?? [];
      }
    }
    return found;
  }

  async claim(reminder: DueReminder, lease: Lease, sendingAt?: string): Promise<ClaimedReminder | undefined> {
    try {
      const result = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keyOf(reminder),
          UpdateExpression: `SET leaseUntil = :until, leaseOwner = :owner, attempts = if_not_exists(attempts, :zero) + :one${sendingAt ? ', sendingSince = :sendingAt' : ''}`,
          ConditionExpression:
            'attribute_exists(duePk) AND dueAt <= :now AND (attribute_not_exists(leaseUntil) OR leaseUntil < :now)',
          ExpressionAttributeValues: {
            ':until': lease.until,
            ':owner': lease.owner,
            ':now': lease.now,
            ':zero': 0,
            ':one': 1,
            ...(sendingAt ? { ':sendingAt': sendingAt } : {}),
          },
          // The old image: it shows a publish an earlier holder recorded, which this claim may overwrite.
          ReturnValues: 'ALL_OLD',
          ReturnConsumedCapacity: 'TOTAL',
        }),
      );
      this.countWrite(result.ConsumedCapacity);
      const before = result.Attributes ?? {};
      return {
        ...toDueReminder(before),
        attempts: Number(before.attempts ?? 0) + 1,
        earlierSendingSince: typeof before.sendingSince === 'string' ? before.sendingSince : undefined,
      };
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  markSending(reminder: DueReminder, owner: string, at: string): Promise<boolean> {
    return this.updateHeld(reminder, owner, {
      UpdateExpression: 'SET sendingSince = :at',
      ExpressionAttributeValues: { ':at': at },
    });
  }

  clearSending(reminder: DueReminder, owner: string): Promise<boolean> {
    return this.updateHeld(reminder, owner, { UpdateExpression: 'REMOVE sendingSince' });
  }

  markSent(
    reminder: DueReminder,
    owner: string,
    sent: { at: string; unconfirmed: boolean; messageId?: string },
  ): Promise<boolean> {
    const messageId = sent.messageId ? ', messageId = :messageId' : '';
    return this.updateHeld(reminder, owner, {
      UpdateExpression: `SET #status = :sent, sentAt = :at, unconfirmed = :unconfirmed${messageId} REMOVE duePk, leaseUntil, leaseOwner, sendingSince`,
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':sent': 'sent',
        ':at': sent.at,
        ':unconfirmed': sent.unconfirmed,
        ...(sent.messageId ? { ':messageId': sent.messageId } : {}),
      },
    });
  }

  markFailed(
    reminder: DueReminder,
    owner: string,
    failed: { at: string; outcome: string },
  ): Promise<boolean> {
    return this.updateHeld(reminder, owner, {
      UpdateExpression:
        'SET #status = :failed, failedAt = :at, outcome = :outcome REMOVE duePk, leaseUntil, leaseOwner, sendingSince',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':failed': 'failed', ':at': failed.at, ':outcome': failed.outcome },
    });
  }

  cancel(reminder: DueReminder, owner: string, cancelled: { at: string; outcome: string }): Promise<boolean> {
    return this.updateHeld(reminder, owner, {
      UpdateExpression:
        'SET #status = :cancelled, cancelledAt = :at, outcome = :outcome REMOVE duePk, leaseUntil, leaseOwner, sendingSince',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':cancelled': 'cancelled',
        ':at': cancelled.at,
        ':outcome': cancelled.outcome,
      },
    });
  }

  async discard(reminder: DueReminder, owner: string): Promise<boolean> {
    try {
      const result = await this.client.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: keyOf(reminder),
          ConditionExpression: 'leaseOwner = :owner',
          ExpressionAttributeValues: { ':owner': owner },
          ReturnConsumedCapacity: 'TOTAL',
        }),
      );
      this.countWrite(result.ConsumedCapacity);
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async defer(reminder: DueReminder, lease: Lease, to: string): Promise<boolean> {
    const { duePk } = dueIndexKeys.of(to);
    return this.update(reminder, {
      UpdateExpression: 'SET dueAt = :to, duePk = :toPartition REMOVE leaseUntil, leaseOwner',
      ConditionExpression:
        'attribute_exists(duePk) AND dueAt = :seen AND attribute_not_exists(sendingSince) AND (attribute_not_exists(leaseUntil) OR leaseUntil < :now OR leaseOwner = :owner)',
      ExpressionAttributeValues: {
        ':to': to,
        ':toPartition': duePk,
        ':seen': reminder.dueAt,
        ':now': lease.now,
        ':owner': lease.owner,
      },
    });
  }

  /** An update that only the lease holder may make, on a reminder that is still pending. */
  private updateHeld(
    reminder: DueReminder,
    owner: string,
    update: Pick<
      UpdateCommandInput,
      'UpdateExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues'
    >,
  ): Promise<boolean> {
    return this.update(reminder, {
      ...update,
      ConditionExpression: 'attribute_exists(duePk) AND leaseOwner = :owner',
      ExpressionAttributeValues: { ...update.ExpressionAttributeValues, ':owner': owner },
    });
  }

  private async update(
    reminder: DueReminder,
    update: Pick<
      UpdateCommandInput,
      'UpdateExpression' | 'ConditionExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues'
    >,
  ): Promise<boolean> {
    try {
      const result = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keyOf(reminder),
          ...update,
          ReturnConsumedCapacity: 'TOTAL',
        }),
      );
      this.countWrite(result.ConsumedCapacity);
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  private countRead(capacity: ConsumedCapacity | undefined): void {
    this.used.readUnits += capacity?.CapacityUnits ?? 0;
  }

  private countWrite(capacity: ConsumedCapacity | undefined): void {
    this.used.writeUnits += capacity?.CapacityUnits ?? 0;
  }
}

function keyOf(reminder: DueReminder) {
  return callerKeys.reminder(reminder.callerId, reminder.reminderId);
}

function toDueReminder(item: Record<string, unknown>): DueReminder {
  return {
    callerId: String(item.callerId),
    reminderId: String(item.reminderId),
    kind: String(item.kind),
    deadline: String(item.deadline),
    catchUp: item.catchUp === true,
    dueAt: String(item.dueAt),
    sendingSince: typeof item.sendingSince === 'string' ? item.sendingSince : undefined,
  };
}

function toRecipient(item: Record<string, unknown>): Recipient {
  return {
    phone: String(item.phone),
    channel: channelOf(item.channel),
    language: item.language === 'ky' || item.language === 'ru' ? item.language : undefined,
    latin: item.latin === true,
    optedOut: item.optedOut === true,
  };
}

function pause(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}
