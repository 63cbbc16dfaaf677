// Callers in DynamoDB. Reads and writes are shaped so an ordinary inbound message costs two requests:
// one BatchGet (profile + "was this message already handled?") and one transaction (profile + message).
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, type DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { callerKeys } from '../table/keys.js';
import type { Caller } from './caller.js';

/** Another webhook for the same caller wrote first; read again and decide again. */
export class ConcurrentCallerUpdateError extends Error {
  constructor() {
    super('The caller changed since it was read');
    this.name = 'ConcurrentCallerUpdateError';
  }
}

/** This Twilio message was handled already (a retry racing the original). */
export class DuplicateMessageError extends Error {
  constructor() {
    super('The message was handled already');
    this.name = 'DuplicateMessageError';
  }
}

export interface HandledMessage {
  messageSid: string;
  /** The TwiML answered the first time, returned again to a retry. */
  replyTwiml: string;
  expiresAt: number;
}

export interface CallerSnapshot {
  caller?: Caller | undefined;
  handled?: HandledMessage | undefined;
}

export interface CallerStore {
  loadForMessage(callerId: string, messageSid: string): Promise<CallerSnapshot>;
  saveAfterMessage(next: Caller, expectedVersion: number | undefined, message: HandledMessage): Promise<void>;
}

export class DynamoCallerStore implements CallerStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async loadForMessage(callerId: string, messageSid: string): Promise<CallerSnapshot> {
    const profileKey = callerKeys.profile(callerId);
    const messageKey = callerKeys.inboundMessage(callerId, messageSid);
    const result = await this.client.send(
      new BatchGetCommand({
        RequestItems: { [this.tableName]: { Keys: [profileKey, messageKey], ConsistentRead: true } },
      }),
    );
    const items = result.Responses?.[this.tableName] ?? [];
    const profile = items.find((item) => item.sk === profileKey.sk);
    const message = items.find((item) => item.sk === messageKey.sk);
    return {
      caller: profile ? toCaller(profile) : undefined,
      handled: message
        ? {
            messageSid: String(message.messageSid),
            replyTwiml: String(message.replyTwiml),
            expiresAt: Number(message.expiresAt),
          }
        : undefined,
    };
  }

  async saveAfterMessage(
    next: Caller,
    expectedVersion: number | undefined,
    message: HandledMessage,
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
          ],
        }),
      );
    } catch (error) {
      if (error instanceof TransactionCanceledException) {
        const [profile, handled] = error.CancellationReasons ?? [];
        if (handled?.Code === 'ConditionalCheckFailed') throw new DuplicateMessageError();
        // A conflict with another transaction on the same items is a lost race too: read again.
        const lostRace = [profile, handled].some(
          (reason) => reason?.Code === 'ConditionalCheckFailed' || reason?.Code === 'TransactionConflict',
        );
        if (lostRace) throw new ConcurrentCallerUpdateError();
      }
      throw error;
    }
  }
}

function toCaller(item: Record<string, unknown>): Caller {
  return {
    callerId: String(item.callerId),
    phone: String(item.phone),
    channel: item.channel === 'whatsapp' ? 'whatsapp' : 'sms',
    language: item.language === 'ky' || item.language === 'ru' ? item.language : undefined,
    latin: item.latin === true,
    optedOut: item.optedOut === true,
    awaiting: item.awaiting === 'language' || item.awaiting === 'delete_confirmation' ? item.awaiting : undefined,
    entryDate: typeof item.entryDate === 'string' ? item.entryDate : undefined,
    permitExpiry: typeof item.permitExpiry === 'string' ? item.permitExpiry : undefined,
    reminderIds: readReminderIds(item.reminderIds),
    firstContactAt: String(item.firstContactAt),
    lastContactAt: String(item.lastContactAt),
    version: Number(item.version),
    expiresAt: Number(item.expiresAt),
  };
}

function readReminderIds(value: unknown): Caller['reminderIds'] {
  const ids = (value ?? {}) as Partial<Record<string, unknown>>;
  const list = (series: unknown) => (Array.isArray(series) ? series.map(String) : []);
  return { entry: list(ids.entry), permit: list(ids.permit) };
}
