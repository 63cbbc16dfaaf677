// The one DynamoDB table's shape. The CDK stack and the local runtime both build the table from this,
// so local runs and tests always have the same keys and indexes as AWS.

export const TABLE_KEYS = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Epoch seconds after which DynamoDB's TTL deletes the item. */
  timeToLive: 'expiresAt',
} as const;

/** Global secondary indexes, each with string keys. `due` finds reminders by due time without a scan. */
export const TABLE_INDEXES = [{ name: 'due', partitionKey: 'duePk', sortKey: 'dueAt' }] as const;

export type TableIndexName = (typeof TABLE_INDEXES)[number]['name'];

/**
 * The table's stream: keys only (never a number or a message body in the stream's 24 hours), enough for
 * the outbox sender, which reads each new `OUTBOX#` item by its key.
 */
export const TABLE_STREAM_VIEW = 'KEYS_ONLY' as const;
