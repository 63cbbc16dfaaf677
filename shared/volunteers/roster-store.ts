// The volunteer roster in DynamoDB: one partition, read with one query. Webhooks read it through
// CachedRoster, so a busy container queries it once a minute rather than on every message.
import {
  type DynamoDBDocumentClient,
  QueryCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { rosterKeys } from '../table/keys.js';
import { parseVolunteer, type Volunteer } from './volunteer.js';

/** DynamoDB transactions take at most 100 items: an import is all-or-nothing up to that size. */
export const MAX_ROSTER_CHANGE = 100;

export interface RosterReader {
  list(): Promise<Volunteer[]>;
}

export class VolunteerNotFoundError extends Error {
  constructor(readonly volunteerId: string) {
    super(`No volunteer with id "${volunteerId}"`);
    this.name = 'VolunteerNotFoundError';
  }
}

export class VolunteerExistsError extends Error {
  constructor(readonly volunteerId: string) {
    super(`A volunteer with id "${volunteerId}" exists already (use update)`);
    this.name = 'VolunteerExistsError';
  }
}

export class DynamoRosterStore implements RosterReader {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async list(): Promise<Volunteer[]> {
    const volunteers: Volunteer[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': rosterKeys.partition },
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) volunteers.push(toVolunteer(item));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return volunteers;
  }

  /** Adds a new volunteer; an existing id is refused rather than overwritten. */
  async add(volunteer: Volunteer): Promise<void> {
    await this.change([{ kind: 'add', volunteer }]);
  }

  /** Replaces an existing volunteer; an unknown id is refused. */
  async update(volunteer: Volunteer): Promise<void> {
    await this.change([{ kind: 'update', volunteer }]);
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

/**
 * The roster as a webhook reads it: fetched again after `ttlMs` (0: on every call). A volunteer added
 * with the admin command line reaches a running container within that time.
 */
export class CachedRoster implements RosterReader {
  private cached: { at: number; roster: Promise<Volunteer[]> } | undefined;

  constructor(
    private readonly source: RosterReader,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  list(): Promise<Volunteer[]> {
    const now = this.now();
    if (!this.cached || now - this.cached.at >= this.ttlMs) {
      const roster = this.source.list();
      this.cached = { at: now, roster };
      // A failed read is not kept: the next message reads again.
      roster.catch(() => {
        if (this.cached?.roster === roster) this.cached = undefined;
      });
    }
    return this.cached.roster;
  }
}

/** The volunteer whose phone this is, if any (E.164 as Twilio sends it, WhatsApp prefix removed). */
export function volunteerByPhone(roster: readonly Volunteer[], phone: string): Volunteer | undefined {
  return roster.find((v) => v.phone === phone);
}
