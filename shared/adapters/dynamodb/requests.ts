// The table's repeated request shapes, written once: a query read to its last page, and deletes in
// batches of 25 that retry what DynamoDB leaves unprocessed, with a growing pause.
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  type DynamoDBDocumentClient,
  QueryCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { ItemKey } from './keys.js';

/** Every item the query finds, page after page. */
export async function queryAll(
  client: DynamoDBDocumentClient,
  input: Omit<QueryCommandInput, 'ExclusiveStartKey'>,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(new QueryCommand({ ...input, ExclusiveStartKey: startKey }));
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

/** Deletes the items, in order, 25 to a batch; `what` names the work in the error when DynamoDB will not. */
export async function deleteKeys(
  client: DynamoDBDocumentClient,
  tableName: string,
  keys: readonly ItemKey[],
  what: string,
): Promise<void> {
  for (let at = 0; at < keys.length; at += 25) {
    let pending = keys
      .slice(at, at + 25)
      .map((key) => ({ DeleteRequest: { Key: { pk: key.pk, sk: key.sk } } }));
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 0) await new Promise((done) => setTimeout(done, 50 * 2 ** attempt));
      if (attempt > 6) throw new Error(`DynamoDB kept items unprocessed while ${what}`);
      const result = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
      pending = (result.UnprocessedItems?.[tableName] ?? []) as typeof pending;
    }
  }
}

/**
 * Why a transaction was cancelled, when it was: which of its items failed their condition, and whether it
 * lost a race (a condition, or another transaction on one of its items). Undefined for any other error.
 */
export function cancellation(
  error: unknown,
): { conditionFailedAt: (index: number) => boolean; lostRace: boolean } | undefined {
  if (!(error instanceof TransactionCanceledException)) return undefined;
  const reasons = error.CancellationReasons ?? [];
  return {
    conditionFailedAt: (index) => reasons[index]?.Code === 'ConditionalCheckFailed',
    lostRace: reasons.some(
      (reason) => reason?.Code === 'ConditionalCheckFailed' || reason?.Code === 'TransactionConflict',
    ),
  };
}
