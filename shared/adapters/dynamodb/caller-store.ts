// Callers in DynamoDB. Reads and writes are shaped so an ordinary inbound message costs two requests:
// one BatchGet (profile + "was this message already handled?") and one transaction (profile, message,
// and the reminders a changed date replaces). Erasure costs more: a query and batched deletes.
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Caller } from '../../callers/caller.js';
import { channelOf } from '../../callers/caller.js';
import { isLocalDate } from '../../deadlines/index.js';
import {
  type CallerSnapshot,
  type CallerStore,
  ConcurrentCallerUpdateError,
  DuplicateMessageError,
  type HandledMessage,
  type ReminderChanges,
} from '../../ports/caller-store.js';
import type { OutboundMessage } from '../../ports/outbox.js';
import type { SideWrites } from '../../ports/side-writes.js';
import { blockKeys, callerKeys, erasureKeys, type ItemKey } from './keys.js';
import { cancellation, deleteKeys, queryAll } from './requests.js';
import { sideWriteItems } from './side-writes.js';
import { toBlockEntry } from './usage-store.js';

export class DynamoCallerStore implements CallerStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async loadForMessage(callerId: string, messageSid: string): Promise<CallerSnapshot> {
    const profileKey = callerKeys.profile(callerId);
    const messageKey = callerKeys.inboundMessage(callerId, messageSid);
    const erasedKey = erasureKeys.byMessage(messageSid);
    const blockKey = blockKeys.entry(callerId);
    const result = await this.client.send(
      new BatchGetCommand({
        RequestItems: {
          [this.tableName]: { Keys: [profileKey, messageKey, erasedKey, blockKey], ConsistentRead: true },
        },
      }),
    );
    const items = result.Responses?.[this.tableName] ?? [];
    const find = (key: ItemKey) => items.find((item) => item.pk === key.pk && item.sk === key.sk);
    const profile = find(profileKey);
    const message = find(messageKey) ?? find(erasedKey);
    const block = find(blockKey);
    return {
      caller: profile ? toCaller(profile) : undefined,
      handled: message ? toHandledMessage(message) : undefined,
      blocked: block ? toBlockEntry(block) : undefined,
    };
  }

  async saveAfterMessage(
    next: Caller,
    expectedVersion: number | undefined,
    message: HandledMessage,
    reminders: ReminderChanges = { remove: [], add: [] },
    also?: SideWrites,
  ): Promise<void> {
    const profileKey = callerKeys.profile(next.callerId);
    const messageKey = callerKeys.inboundMessage(next.callerId, message.messageSid);
    const profileGuard =
      expectedVersion === undefined
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : {
            ConditionExpression: '#version = :expected',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':expected': expectedVersion },
          };
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: { ...profileKey, type: 'caller', ...next },
                ...profileGuard,
              },
            },
            {
              Put: {
                TableName: this.tableName,
                Item: { ...messageKey, type: 'handledMessage', ...message },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            ...reminders.remove.map((id) => ({
              Delete: { TableName: this.tableName, Key: callerKeys.reminder(next.callerId, id) },
            })),
            ...reminders.add.map((item) => ({ Put: { TableName: this.tableName, Item: item } })),
            ...sideWriteItems(this.tableName, also),
          ],
        }),
      );
    } catch (error) {
      const cancelled = cancellation(error);
      // Item 1 is the handled-message record: this message was answered already.
      if (cancelled?.conditionFailedAt(1)) throw new DuplicateMessageError();
      // A conflict with another transaction on any item (the sweep claiming a reminder this write
      // deletes, say) is a lost race too: read again and decide again.
      if (cancelled?.lostRace) throw new ConcurrentCallerUpdateError();
      throw error;
    }
  }

  async replaceReply(callerId: string, messageSid: string, replyTwiml: string): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: callerKeys.inboundMessage(callerId, messageSid),
        UpdateExpression: 'SET replyTwiml = :reply',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':reply': replyTwiml },
      }),
    );
  }

  async eraseCaller(
    callerId: string,
    message: HandledMessage,
    outbox: readonly OutboundMessage[] = [],
  ): Promise<{ itemsDeleted: number }> {
    const keys = (await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': callerKeys.partition(callerId) },
      ProjectionExpression: 'pk, sk',
      ConsistentRead: true,
    })) as unknown as ItemKey[];
    // The profile goes last: if erasure stops midway, the caller still exists, the confirmation still
    // awaits, and sending it again erases the rest (reminders included) instead of starting anew.
    const profileSk = callerKeys.profile(callerId).sk;
    const ordered = [
      ...keys.filter((key) => key.sk !== profileSk),
      ...keys.filter((key) => key.sk === profileSk),
    ];
    await deleteKeys(this.client, this.tableName, ordered, 'erasing a caller');
    // Last, so that a retry after a crash midway finds items left and erases again.
    const record = {
      Put: {
        TableName: this.tableName,
        Item: { ...erasureKeys.byMessage(message.messageSid), type: 'erasure', ...message },
      },
    };
    if (outbox.length === 0) {
      await this.client.send(new PutCommand(record.Put));
      return { itemsDeleted: ordered.length };
    }
    try {
      await this.client.send(
        new TransactWriteCommand({ TransactItems: [record, ...sideWriteItems(this.tableName, { outbox })] }),
      );
    } catch (error) {
      // A retry after a crash midway: the confirmation is queued already, only the record is missing.
      if (!(error instanceof TransactionCanceledException)) throw error;
      await this.client.send(new PutCommand(record.Put));
    }
    return { itemsDeleted: ordered.length };
  }
}

/** A stored record of an answered webhook (caller, volunteer or call step), as read from the table. */
export function toHandledMessage(item: Record<string, unknown>): HandledMessage {
  return {
    messageSid: String(item.messageSid),
    replyTwiml: String(item.replyTwiml),
    expiresAt: Number(item.expiresAt),
  };
}

function toCaller(item: Record<string, unknown>): Caller {
  return {
    callerId: String(item.callerId),
    phone: String(item.phone),
    channel: channelOf(item.channel),
    language: item.language === 'ky' || item.language === 'ru' ? item.language : undefined,
    latin: item.latin === true,
    optedOut: item.optedOut === true,
    awaiting:
      item.awaiting === 'language' ||
      item.awaiting === 'delete_confirmation' ||
      item.awaiting === 'earlier_stays'
        ? item.awaiting
        : undefined,
    entryDate: typeof item.entryDate === 'string' ? item.entryDate : undefined,
    earlierStays: readEarlierStays(item.earlierStays),
    permitExpiry: typeof item.permitExpiry === 'string' ? item.permitExpiry : undefined,
    openCase: typeof item.openCase === 'string' ? item.openCase : undefined,
    reminderIds: readReminderIds(item.reminderIds),
    firstContactAt: String(item.firstContactAt),
    lastContactAt: String(item.lastContactAt),
    version: Number(item.version),
    expiresAt: Number(item.expiresAt),
  };
}

/** Finished trips as stored; anything that is not a pair of dates is dropped, not trusted. */
function readEarlierStays(value: unknown): Caller['earlierStays'] {
  if (!Array.isArray(value)) return undefined;
  const stays = value.flatMap((stay: unknown) => {
    const { entry, exit } = (stay ?? {}) as Partial<Record<string, unknown>>;
    return isLocalDate(entry) && isLocalDate(exit) && entry <= exit ? [{ entry, exit }] : [];
  });
  return stays.length > 0 ? stays : undefined;
}

function readReminderIds(value: unknown): Caller['reminderIds'] {
  const ids = (value ?? {}) as Partial<Record<string, unknown>>;
  const list = (series: unknown) => (Array.isArray(series) ? series.map(String) : []);
  return { entry: list(ids.entry), permit: list(ids.permit) };
}
