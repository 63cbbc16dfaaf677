// The volunteer roster in DynamoDB: one partition, read with one query. Webhooks read it through
// CachedRoster, so a busy container queries it once a minute rather than on every message.
import {
  type DynamoDBDocumentClient,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import {
  MAX_ROSTER_CHANGE,
  type RosterWriter,
  VolunteerExistsError,
  VolunteerNotFoundError,
} from '../../ports/roster.js';
import { parseVolunteer, type Volunteer } from '../../volunteers/volunteer.js';
import { rosterKeys } from './keys.js';
import { queryAll } from './requests.js';

export class DynamoRosterStore implements RosterWriter {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async list(): Promise<Volunteer[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': rosterKeys.partition },
    });
    return items.map(toVolunteer);
  }

  /** Adds a new volunteer; an existing id is refused rather than overwritten. */
  async add(volunteer: Volunteer): Promise<void> {
    await this.change([{ kind: 'add', volunteer }]);
  }

  /** Replaces an existing volunteer; an unknown id is refused. */
  async update(volunteer: Volunteer): Promise<void> {
    await this.change([{ kind: 'update', volunteer }]);
  }

  async setConsoleOnly(volunteerId: string, consoleOnly: boolean): Promise<void> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: rosterKeys.volunteer(volunteerId),
          UpdateExpression: 'SET consoleOnly = :value',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':value': consoleOnly },
        }),
      );
    } catch (error) {
      if (error instanceof Error && error.name === 'ConditionalCheckFailedException')
        throw new VolunteerNotFoundError(volunteerId);
      throw error;
    }
  }

  async remove(volunteerId: string): Promise<void> {
    await this.change([{ kind: 'remove', volunteerId }]);
  }

  /**
   * Writes every volunteer of the file in one transaction (all or nothing); with `replace`, removes the
   * volunteers the file does not name, in the same transaction.
   */
  async importRoster(
    roster: readonly Volunteer[],
    options: { replace: boolean },
  ): Promise<{ removed: string[] }> {
    const removed = options.replace
      ? (await this.list())
          .map((v) => v.volunteerId)
          .filter((id) => !roster.some((v) => v.volunteerId === id))
      : [];
    await this.change([
      ...roster.map((volunteer) => ({ kind: 'put' as const, volunteer })),
      ...removed.map((volunteerId) => ({ kind: 'remove' as const, volunteerId })),
    ]);
    return { removed };
  }

  private async change(changes: RosterChange[]): Promise<void> {
    if (changes.length === 0) return;
    if (changes.length > MAX_ROSTER_CHANGE) {
      throw new Error(
        `At most ${MAX_ROSTER_CHANGE} volunteers change in one go (DynamoDB's transaction limit)`,
      );
    }
    const items: NonNullable<TransactWriteCommandInput['TransactItems']> = changes.map((change) => {
      if (change.kind === 'remove') {
        return {
          Delete: {
            TableName: this.tableName,
            Key: rosterKeys.volunteer(change.volunteerId),
            ConditionExpression: 'attribute_exists(pk)',
          },
        };
      }
      const item = {
        ...rosterKeys.volunteer(change.volunteer.volunteerId),
        type: 'volunteer',
        ...change.volunteer,
      };
      const condition =
        change.kind === 'add'
          ? { ConditionExpression: 'attribute_not_exists(pk)' }
          : change.kind === 'update'
            ? { ConditionExpression: 'attribute_exists(pk)' }
            : {};
      return { Put: { TableName: this.tableName, Item: item, ...condition } };
    });
    try {
      await this.client.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (error) {
      const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
      const failed = reasons.findIndex((reason) => reason?.Code === 'ConditionalCheckFailed');
      const change = changes[failed];
      if (change?.kind === 'add') throw new VolunteerExistsError(change.volunteer.volunteerId);
      if (change?.kind === 'update') throw new VolunteerNotFoundError(change.volunteer.volunteerId);
      if (change?.kind === 'remove') throw new VolunteerNotFoundError(change.volunteerId);
      throw error;
    }
  }
}

type RosterChange =
  | { kind: 'add' | 'update' | 'put'; volunteer: Volunteer }
  | { kind: 'remove'; volunteerId: string };

function toVolunteer(item: Record<string, unknown>): Volunteer {
  const { pk: _pk, sk: _sk, type: _type, ...fields } = item;
  return parseVolunteer(fields);
}
