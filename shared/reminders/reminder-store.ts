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
import type { Channel, Language } from '../callers/caller.js';
import { callerKeys, dueIndexKeys } from '../table/keys.js';
import { TABLE_INDEXES } from '../table/schema.js';

/** A pending reminder as the index showed it; the index is eventually consistent, so it may be stale. */
export interface DueReminder {
  callerId: string;
  reminderId: string;
  /** Unchecked: the sweep refuses an item whose kind or deadline it does not know. */
  kind: string;
  deadline: string;
  catchUp: boolean;
  dueAt: string;
  /** A sweep recorded a publish and never confirmed it (it may have died); see docs/reminders.md. */
  sendingSince?: string | undefined;
}

/** A reminder this sweep now holds, as the table itself (not the index) had it just before the claim. */
export interface ClaimedReminder extends DueReminder {
  /** Claims so far, this one included. */
  attempts: number;
  /** A publish recorded by an earlier holder that never confirmed it (it died, or lost its lease). */
  earlierSendingSince?: string | undefined;
}

/** What the sweep needs from the caller's profile, and nothing more. */
export interface Recipient {
  phone: string;
  channel: Channel;
  language?: Language | undefined;
  latin: boolean;
  optedOut: boolean;
}

export type DueCursor = Record<string, unknown>;

export interface DuePage {
  reminders: DueReminder[];
  /** Where the next page starts; absent on the last page. */
  cursor?: DueCursor | undefined;
}

export interface Lease {
  owner: string;
  /** ISO instant: a lease that ended before it may be taken over. */
  now: string;
  until: string;
}

export interface CapacityUsed {
  readUnits: number;
  writeUnits: number;
}

export interface ReminderStore {
  /** Pending reminders of one `DUE#<day>` partition with `dueAt <= upTo`, newest first. */
  findDue(partition: string, upTo: string, page: { cursor?: DueCursor; limit: number }): Promise<DuePage>;
  /** Profiles of these callers; a caller with no profile (erased) is absent from the map. */
  recipients(callerIds: readonly string[]): Promise<Map<string, Recipient>>;
  /**
   * Takes the reminder if it is still pending, due, and nobody holds a live lease on it. With `sendingAt`,
   * the same write records that a publish is about to start.
   */
  claim(reminder: DueReminder, lease: Lease, sendingAt?: string): Promise<ClaimedReminder | undefined>;
  // Every write below succeeds only while `owner` still holds the reminder, and returns false otherwise.
  markSending(reminder: DueReminder, owner: string, at: string): Promise<boolean>;
  /** The provider refused the message, so it did not go out: forget the publish we recorded. */
  clearSending(reminder: DueReminder, owner: string): Promise<boolean>;
  markSent(
    reminder: DueReminder,
    owner: string,
    sent: { at: string; unconfirmed: boolean; messageId?: string },
  ): Promise<boolean>;
  markFailed(reminder: DueReminder, owner: string, failed: { at: string; outcome: string }): Promise<boolean>;
  cancel(reminder: DueReminder, owner: string, cancelled: { at: string; outcome: string }): Promise<boolean>;
  /** Deletes a reminder whose caller no longer exists (erased): nothing about them should stay. */
  discard(reminder: DueReminder, owner: string): Promise<boolean>;
  /**
   * Moves a reminder to a later due time. Works on a reminder nobody holds, or one `lease.owner` holds;
   * never on one with a recorded publish.
   */
  defer(reminder: DueReminder, lease: Lease, to: string): Promise<boolean>;
  /** DynamoDB capacity this store has consumed so far (ReturnConsumedCapacity). */
  capacityUsed(): CapacityUsed;
}

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
    channel: item.channel === 'whatsapp' ? 'whatsapp' : 'sms',
    language: item.language === 'ky' || item.language === 'ru' ? item.language : undefined,
    latin: item.latin === true,
    optedOut: item.optedOut === true,
  };
}

function pause(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}
