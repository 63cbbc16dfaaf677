// The one DynamoDB table: keys and indexes from shared/adapters/dynamodb/schema.ts, encrypted with our own KMS key,
// point-in-time recovery, deletion protection, TTL for inactive callers.
import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, StreamViewType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { TABLE_INDEXES, TABLE_KEYS, TABLE_STREAM_VIEW } from '../../shared/adapters/dynamodb/schema.js';

export interface HotlineTableProps {
  key: IKey;
}

export class HotlineTable extends Construct {
  readonly table: Table;

  constructor(scope: Construct, id: string, props: HotlineTableProps) {
    super(scope, id);
    // Table rather than TableV2: TableV2 with a customer key cannot synthesise region-agnostic stacks.
    this.table = new Table(this, 'Table', {
      partitionKey: { name: TABLE_KEYS.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE_KEYS.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: props.key,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      timeToLiveAttribute: TABLE_KEYS.timeToLive,
      removalPolicy: RemovalPolicy.RETAIN,
      // Keys only: the outbox sender reads each new message by key; no number or text sits in the stream.
      stream: StreamViewType[TABLE_STREAM_VIEW],
    });
    for (const index of TABLE_INDEXES) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
      });
    }
  }
}
