// The writes a use case names in domain terms (shared/ports/side-writes.ts), as DynamoDB transaction
// items: a case put guarded by the version read, and one outbox item per message to send.
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { OutboundMessage } from '../../ports/outbox.js';
import type { SideWrites } from '../../ports/side-writes.js';
import { casePut } from './case-store.js';
import { outboxKeys } from './keys.js';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** An unsent message is gone after two days at most (TTL); the sender deletes it as soon as it is sent. */
export const OUTBOX_TTL_SECONDS = 2 * 86_400;

export function sideWriteItems(
  tableName: string,
  writes: SideWrites | undefined,
  now = new Date(),
): TransactItem[] {
  if (!writes) return [];
  return [
    ...(writes.caseChange ? [casePut(tableName, writes.caseChange.next, writes.caseChange.readVersion)] : []),
    ...(writes.outbox ?? []).map((message) => outboxPut(tableName, message, now)),
  ];
}

export function outboxPut(tableName: string, message: OutboundMessage, now: Date): TransactItem {
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...outboxKeys.message(message.id),
        type: 'outbox',
        ...outboxFields(message),
        createdAt: now.toISOString(),
        expiresAt: Math.floor(now.getTime() / 1000) + OUTBOX_TTL_SECONDS,
      },
      // A retried request writes the same ids: the second write fails the transaction, never sends twice.
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

function outboxFields(message: OutboundMessage): Record<string, unknown> {
  return {
    id: message.id,
    channel: message.channel,
    to: message.to,
    body: message.body,
    ...(message.choices && message.choices.length > 0 ? { choices: [...message.choices] } : {}),
    ...(message.from ? { from: message.from } : {}),
    ...(message.callerId ? { callerId: message.callerId } : {}),
  };
}

/** An outbox item as the table (or its stream, unmarshalled) holds it; undefined when it is not one. */
export function toOutboundMessage(item: Record<string, unknown>): OutboundMessage | undefined {
  if (item.type !== 'outbox' || typeof item.id !== 'string') return undefined;
  const channel = item.channel;
  if (channel !== 'sms' && channel !== 'whatsapp' && channel !== 'telegram' && channel !== 'sms-gateway')
    return undefined;
  return {
    id: item.id,
    channel,
    to: String(item.to ?? ''),
    body: String(item.body ?? ''),
    ...(Array.isArray(item.choices) ? { choices: item.choices.map(String) } : {}),
    ...(typeof item.from === 'string' ? { from: item.from } : {}),
    ...(typeof item.callerId === 'string' ? { callerId: item.callerId } : {}),
  };
}
