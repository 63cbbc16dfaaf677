import { BatchGetCommand, type DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Case } from '../../cases/case.js';
import type { HandledMessage } from '../../ports/caller-store.js';
import { CaseChangedError } from '../../ports/case-store.js';
import type { SideWrites } from '../../ports/side-writes.js';
import { DuplicateVolunteerMessageError, type VolunteerInbox } from '../../ports/volunteer-inbox.js';
import { toHandledMessage } from './caller-store.js';
import { caseKeys, type ItemKey, rosterKeys } from './keys.js';
import { cancellation } from './requests.js';
import { sideWriteItems } from './side-writes.js';

/**
 * Where a volunteer's handled message is remembered. A command that names a case keeps its record (whose
 * reply may hold the caller's number and words) inside the case's partition, so erasing the caller
 * erases it too; LIST and HELP name no one and stay with the volunteer.
 */
function handledKey(volunteerId: string, messageSid: string, code: string | undefined): ItemKey {
  return code ? caseKeys.step(code, `sms:${messageSid}`) : rosterKeys.inboundMessage(volunteerId, messageSid);
}

export class DynamoVolunteerInbox implements VolunteerInbox {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly cases: { read(item: Record<string, unknown>): Case },
  ) {}

  async load(volunteerId: string, messageSid: string, code?: string) {
    const recordKey = handledKey(volunteerId, messageSid, code);
    const keys: ItemKey[] = [recordKey, ...(code ? [caseKeys.item(code)] : [])];
    const result = await this.client.send(
      new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: keys, ConsistentRead: true } } }),
    );
    const items = result.Responses?.[this.tableName] ?? [];
    const find = (key: ItemKey) => items.find((item) => item.pk === key.pk && item.sk === key.sk);
    const record = find(recordKey);
    const caseItem = code ? find(caseKeys.item(code)) : undefined;
    return {
      ...(record ? { handled: toHandledMessage(record) } : {}),
      ...(caseItem ? { target: this.cases.read(caseItem) } : {}),
    };
  }

  async save(
    volunteerId: string,
    record: HandledMessage & { code?: string | undefined },
    also?: SideWrites,
  ): Promise<void> {
    const caseChange = also?.caseChange;
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: {
                  ...handledKey(volunteerId, record.messageSid, caseChange?.next.code ?? record.code),
                  type: 'handledMessage',
                  ...record,
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            ...sideWriteItems(this.tableName, also),
          ],
        }),
      );
    } catch (error) {
      const cancelled = cancellation(error);
      // Item 0 is the handled-message record: this command was answered already.
      if (cancelled?.conditionFailedAt(0)) throw new DuplicateVolunteerMessageError();
      if (cancelled?.lostRace && caseChange) throw new CaseChangedError(caseChange.next.code);
      throw error;
    }
  }
}
