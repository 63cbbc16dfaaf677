// Cases in DynamoDB, one item each (`CASE#<code>`), every change conditional on the version read.
// Open cases also sit in one partition of the `due` index, sorted by when they next need chasing, so
// listing them and finding the ones to chase are each one query, never a scan (only the coordinators'
// figures scan, on a page opened now and then).
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { channelOf } from '../../callers/caller.js';
import type { Case, CaseEvent, CaseNote, ThreadMessage } from '../../cases/case.js';
import type { HandledMessage } from '../../ports/caller-store.js';
import { CaseChangedError, type CaseHistory, type CaseStore } from '../../ports/case-store.js';
import type { OutboundMessage } from '../../ports/outbox.js';
import { toHandledMessage } from './caller-store.js';
import { caseKeys, type ItemKey, withheldCallKeys } from './keys.js';
import { deleteKeys, queryAll } from './requests.js';
import { outboxPut } from './side-writes.js';

/** Sorts after every ISO date: an open case nobody needs to chase. */
const NOT_DUE = '~';

export class DynamoCaseStore implements CaseStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** A case item as read from the table (a BatchGet elsewhere). */
  read(item: Record<string, unknown>): Case {
    return toCase(item);
  }

  async get(code: string): Promise<Case | undefined> {
    const result = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: caseKeys.item(code), ConsistentRead: true }),
    );
    return result.Item ? toCase(result.Item) : undefined;
  }

  async save(
    next: Case,
    readVersion: number | undefined,
    outbox: readonly OutboundMessage[] = [],
  ): Promise<void> {
    if (outbox.length > 0) {
      const now = new Date();
      try {
        await this.client.send(
          new TransactWriteCommand({
            TransactItems: [
              casePut(this.tableName, next, readVersion),
              ...outbox.map((message) => outboxPut(this.tableName, message, now)),
            ],
          }),
        );
      } catch (error) {
        const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
        if (reasons[0]?.Code === 'ConditionalCheckFailed') throw new CaseChangedError(next.code);
        throw error;
      }
      return;
    }
    const { Put } = casePut(this.tableName, next, readVersion) as {
      Put: ConstructorParameters<typeof PutCommand>[0];
    };
    try {
      await this.client.send(new PutCommand(Put));
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new CaseChangedError(next.code);
      throw error;
    }
  }

  async getWithStep(code: string, stepKey: string): Promise<{ found?: Case; handled?: HandledMessage }> {
    const keys = [caseKeys.item(code), caseKeys.step(code, stepKey)];
    const result = await this.client.send(
      new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: keys, ConsistentRead: true } } }),
    );
    const items = result.Responses?.[this.tableName] ?? [];
    const item = items.find((i) => i.sk === 'CASE');
    const step = items.find((i) => i.sk !== 'CASE');
    return {
      ...(item ? { found: toCase(item) } : {}),
      ...(step ? { handled: toHandledMessage(step) } : {}),
    };
  }

  async saveWithStep(next: Case, readVersion: number, step: HandledMessage): Promise<void> {
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            casePut(this.tableName, next, readVersion),
            {
              Put: {
                TableName: this.tableName,
                Item: { ...caseKeys.step(next.code, step.messageSid), type: 'handledStep', ...step },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ],
        }),
      );
    } catch (error) {
      if (error instanceof TransactionCanceledException) throw new CaseChangedError(next.code);
      throw error;
    }
  }

  async withheldStep(stepKey: string): Promise<HandledMessage | undefined> {
    const result = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: withheldCallKeys.step(stepKey),
        ConsistentRead: true,
      }),
    );
    const item = result.Item;
    return item ? toHandledMessage(item) : undefined;
  }

  async saveNewWithWithheldStep(next: Case, step: HandledMessage): Promise<void> {
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            casePut(this.tableName, next, undefined),
            {
              Put: {
                TableName: this.tableName,
                Item: { ...withheldCallKeys.step(step.messageSid), type: 'handledStep', ...step },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ],
        }),
      );
    } catch (error) {
      if (error instanceof TransactionCanceledException) throw new CaseChangedError(next.code);
      throw error;
    }
  }

  async eraseTrail(code: string): Promise<number> {
    const keys = (await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :step)',
      ExpressionAttributeValues: { ':pk': caseKeys.partition(code), ':step': 'STEP#' },
      ProjectionExpression: 'pk, sk',
      ConsistentRead: true,
    })) as unknown as ItemKey[];
    await deleteKeys(this.client, this.tableName, keys, 'erasing a case trail');
    return keys.length;
  }

  async listOpen(limit = 50): Promise<Case[]> {
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'due',
        KeyConditionExpression: 'duePk = :pk',
        ExpressionAttributeValues: { ':pk': caseKeys.openPartition },
        Limit: limit,
      }),
    );
    return (result.Items ?? []).map(toCase).sort((a, b) => a.openedAt.localeCompare(b.openedAt));
  }

  async histories(since: Date): Promise<CaseHistory[]> {
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new ScanCommand({
          TableName: this.tableName,
          FilterExpression: 'sk = :case AND openedAt >= :since',
          ProjectionExpression: '#language, openedAt, events',
          ExpressionAttributeNames: { '#language': 'language' },
          ExpressionAttributeValues: { ':case': caseKeys.item('00000').sk, ':since': since.toISOString() },
          ExclusiveStartKey: startKey,
        }),
      );
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return items.map((item) => ({
      language: item.language === 'ky' ? 'ky' : 'ru',
      openedAt: String(item.openedAt),
      events: Array.isArray(item.events)
        ? (item.events as CaseEvent[]).map((event) => ({ at: String(event.at), kind: event.kind }))
        : [],
    }));
  }

  async dueForChase(now: Date, limit = 100): Promise<Case[]> {
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'due',
        KeyConditionExpression: 'duePk = :pk AND dueAt <= :now',
        ExpressionAttributeValues: { ':pk': caseKeys.openPartition, ':now': now.toISOString() },
        Limit: limit,
      }),
    );
    return (result.Items ?? []).map(toCase);
  }
}

function toItem(next: Case): Record<string, unknown> {
  const item: Record<string, unknown> = { ...caseKeys.item(next.code), type: 'case', ...next };
  if (next.status !== 'closed') {
    item.duePk = caseKeys.openPartition;
    item.dueAt = next.nextActionAt ?? NOT_DUE;
  }
  return item;
}

function toCase(item: Record<string, unknown>): Case {
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  return {
    code: String(item.code),
    callerId: text(item.callerId),
    callerPhone: text(item.callerPhone),
    callerChannel: channelOf(item.callerChannel),
    language: item.language === 'ky' ? 'ky' : 'ru',
    latin: item.latin === true,
    mayText: item.mayText === true,
    source: item.source === 'voice' ? 'voice' : 'sms',
    status: item.status === 'taken' || item.status === 'closed' ? item.status : 'open',
    volunteerId: text(item.volunteerId),
    openedAt: String(item.openedAt),
    lastCallerMessageAt: text(item.lastCallerMessageAt),
    waiting: Array.isArray(item.waiting) ? item.waiting.map(String) : [],
    thread: Array.isArray(item.thread) ? (item.thread as ThreadMessage[]) : [],
    notes: Array.isArray(item.notes) ? (item.notes as CaseNote[]) : [],
    recordingSids: Array.isArray(item.recordingSids) ? item.recordingSids.map(String) : [],
    ...(item.shared === true ? { shared: true as const } : {}),
    lastRelayAt: text(item.lastRelayAt),
    pendingRelays: Array.isArray(item.pendingRelays) ? item.pendingRelays.map(String) : undefined,
    pendingCount: typeof item.pendingCount === 'number' ? item.pendingCount : undefined,
    notifyRound: Number(item.notifyRound ?? 0),
    nextActionAt: text(item.nextActionAt),
    closedReason:
      item.closedReason === 'volunteer' ||
      item.closedReason === 'caller_erased' ||
      item.closedReason === 'caller_stopped'
        ? item.closedReason
        : undefined,
    events: Array.isArray(item.events) ? (item.events as CaseEvent[]) : [],
    version: Number(item.version ?? 0),
    expiresAt: Number(item.expiresAt),
  };
}

/** A case write as one item of a transaction, guarded by the version read (undefined: a new case). */
export function casePut(
  tableName: string,
  next: Case,
  readVersion: number | undefined,
): NonNullable<TransactWriteCommandInput['TransactItems']>[number] {
  const guard =
    readVersion === undefined
      ? { ConditionExpression: 'attribute_not_exists(pk)' }
      : {
          ConditionExpression: '#version = :expected',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':expected': readVersion },
        };
  return { Put: { TableName: tableName, Item: toItem(next), ...guard } };
}
