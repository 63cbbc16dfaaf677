// The outbox, drained locally as in AWS: DynamoDB Local's stream is read with the real Streams API and its
// records are handed to the same outbox handler Lambda runs, as a DynamoDB stream event. It runs after
// each webhook and job, one drain at a time; `settled()` waits for the last one (GET /_local/outbox).
import { join, resolve } from 'node:path';
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  type _Record,
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  type GetRecordsCommandOutput,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { lambdaContext } from './apigw-event.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './dynamodb-local.js';

const ROOT = resolve(import.meta.dirname, '..');

type OutboxHandler = (event: DynamoDBStreamEvent, context: Context) => Promise<DynamoDBBatchResponse>;

export interface OutboxDrain {
  /** Reads what the stream has and sends it; resolves when done. Runs are queued, never concurrent. */
  drain(): Promise<void>;
  /** Resolves once every drain asked for so far is done. */
  settled(): Promise<void>;
  stop(): void;
}

export function localOutboxDrain(options: {
  endpoint: string;
  dynamo: DynamoDBClient;
  tableName: string;
  /** Where a drain's failure goes (the terminal); it never stops the runtime. */
  onError?: (error: unknown) => void;
}): OutboxDrain {
  const streams = new DynamoDBStreamsClient({
    endpoint: options.endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  });
  let handler: Promise<OutboxHandler> | undefined;
  let streamArn: string | undefined;
  const iterators = new Map<string, string>();
  const lastSequence = new Map<string, string>();
  /** Closed shards read to their end. */
  const finished = new Set<string>();
  /** Records the handler asked to see again (a temporary failure), before anything newer. */
  let again: DynamoDBRecord[] = [];
  let queue: Promise<void> = Promise.resolve();

  /** Shards are listed again only when one closed (DynamoDB Local rolls them rarely). */
  let listed = false;

  async function shardIterators(): Promise<Map<string, string>> {
    if (listed && iterators.size > 0) return iterators;
    listed = true;
    if (!streamArn) {
      const { Table } = await options.dynamo.send(new DescribeTableCommand({ TableName: options.tableName }));
      streamArn = Table?.LatestStreamArn;
      if (!streamArn) throw new Error('The local table has no stream');
    }
    const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    for (const shard of StreamDescription?.Shards ?? []) {
      const id = shard.ShardId;
      if (!id || iterators.has(id) || finished.has(id)) continue;
      const { ShardIterator } = await streams.send(
        new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: id, ShardIteratorType: 'TRIM_HORIZON' }),
      );
      if (ShardIterator) iterators.set(id, ShardIterator);
    }
    return iterators;
  }

  async function readNew(): Promise<DynamoDBRecord[]> {
    const records: DynamoDBRecord[] = [];
    for (const [shard, iterator] of await shardIterators()) {
      let next: string | undefined = iterator;
      // A few pages at most per drain; DynamoDB Local answers an empty page once it has caught up.
      for (let page = 0; next && page < 100; page++) {
        let result: GetRecordsCommandOutput;
        try {
          result = await streams.send(new GetRecordsCommand({ ShardIterator: next, Limit: 1000 }));
        } catch (error) {
          // An iterator lasts 15 minutes: after an idle spell, start again after the last record read.
          if ((error as Error).name !== 'ExpiredIteratorException' || !streamArn) throw error;
          const after = lastSequence.get(shard);
          const renewed = await streams.send(
            new GetShardIteratorCommand({
              StreamArn: streamArn,
              ShardId: shard,
              ...(after
                ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after }
                : { ShardIteratorType: 'TRIM_HORIZON' }),
            }),
          );
          next = renewed.ShardIterator;
          if (!next) break;
          result = await streams.send(new GetRecordsCommand({ ShardIterator: next, Limit: 1000 }));
        }
        const last = result.Records?.at(-1)?.dynamodb?.SequenceNumber;
        if (last) lastSequence.set(shard, last);
        records.push(...(result.Records ?? []).map(toLambdaRecord));
        const following: string | undefined = result.NextShardIterator;
        if (following) iterators.set(shard, following);
        else {
          iterators.delete(shard);
          finished.add(shard);
          listed = false;
        }
        if ((result.Records ?? []).length === 0) break;
        next = following;
      }
    }
    return records;
  }

  async function once(): Promise<void> {
    const records = [...again, ...(await readNew())].filter(
      (record) => record.eventName === 'INSERT' && record.dynamodb?.Keys?.pk?.S?.startsWith('OUTBOX#'),
    );
    again = [];
    if (records.length === 0) return;
    handler ??= import(join(ROOT, 'functions/outbox.ts')).then((module) => module.handler as OutboxHandler);
    const result = await (await handler)({ Records: records }, lambdaContext('hotline-outbox', 'drain'));
    const failed = result.batchItemFailures[0]?.itemIdentifier;
    if (failed) {
      const from = records.findIndex((record) => record.dynamodb?.SequenceNumber === failed);
      again = from >= 0 ? records.slice(from) : [];
    }
  }

  return {
    drain() {
      queue = queue.then(once).catch((error: unknown) => options.onError?.(error));
      return queue;
    },
    settled() {
      return queue;
    },
    stop() {
      streams.destroy();
    },
  };
}

/** A Streams API record in the shape Lambda's DynamoDB event gives it (epoch seconds, not a Date). */
function toLambdaRecord(record: _Record): DynamoDBRecord {
  const stream = record.dynamodb;
  return {
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion,
    eventSource: 'aws:dynamodb',
    awsRegion: LOCAL_REGION,
    dynamodb: {
      ...(stream?.ApproximateCreationDateTime
        ? { ApproximateCreationDateTime: Math.floor(stream.ApproximateCreationDateTime.getTime() / 1000) }
        : {}),
      Keys: stream?.Keys as NonNullable<DynamoDBRecord['dynamodb']>['Keys'],
      SequenceNumber: stream?.SequenceNumber,
      SizeBytes: stream?.SizeBytes,
      StreamViewType: stream?.StreamViewType,
    },
  } as DynamoDBRecord;
}
