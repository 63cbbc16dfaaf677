// The volunteer roster in DynamoDB: one partition, read with one query. Webhooks read it through
// CachedRoster, so a busy container queries it once a minute rather than on every message.
import {
  DeleteCommand,
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
    const links = new Map<string, { chatId: string; linkedAt: string }>();
    for (const item of items) {
      if (item.type === 'telegram-link' && typeof item.volunteerId === 'string') {
        links.set(item.volunteerId, { chatId: String(item.chatId), linkedAt: String(item.linkedAt) });
      }
    }
    return items
      .filter((item) => item.type !== 'telegram-link')
      .map((item) => withTelegram(toVolunteer(item), links.get(String(item.volunteerId))));
  }

  /**
   * Links a Telegram chat to a volunteer, with `more` in the same transaction (the used code, the answer in
   * the outbox); the chat leaves any other volunteer it was linked to.
   */
  async linkTelegram(
    volunteerId: string,
    chatId: string,
    now: Date,
    more: NonNullable<TransactWriteCommandInput['TransactItems']> = [],
  ): Promise<void> {
    const others = (await this.list()).filter(
      (v) => v.telegramChatId === chatId && v.volunteerId !== volunteerId,
    );
    await this.client.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: this.tableName,
              Item: {
                ...rosterKeys.telegram(volunteerId),
                type: 'telegram-link',
                volunteerId,
                chatId,
                linkedAt: now.toISOString(),
              },
            },
          },
          ...others.map((v) => ({
            Delete: { TableName: this.tableName, Key: rosterKeys.telegram(v.volunteerId) },
          })),
          ...more,
        ],
      }),
    );
  }

  async unlinkTelegram(volunteerId: string): Promise<void> {
    await this.client.send(
      new DeleteCommand({ TableName: this.tableName, Key: rosterKeys.telegram(volunteerId) }),
    );
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
      // The Telegram link is its own item: a roster change neither writes nor drops it.
      const { telegramChatId: _linked, ...volunteer } = change.volunteer;
      const item = {
        ...rosterKeys.volunteer(change.volunteer.volunteerId),
        type: 'volunteer',
        ...volunteer,
      };
      const condition =
        change.kind === 'add'
          ? { ConditionExpression: 'attribute_not_exists(pk)' }
          : change.kind === 'update'
            ? { ConditionExpression: 'attribute_exists(pk)' }
            : {};
      return { Put: { TableName: this.tableName, Item: item, ...condition } };
    });
    // A removed volunteer's Telegram link goes with them.
    for (const change of changes) {
      if (change.kind === 'remove') {
        items.push({ Delete: { TableName: this.tableName, Key: rosterKeys.telegram(change.volunteerId) } });
      }
    }
    if (items.length > MAX_ROSTER_CHANGE) {
      throw new Error(`At most ${MAX_ROSTER_CHANGE / 2} volunteers are removed in one go`);
    }
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

/** The link counts only if it was made after the volunteer's sessions last ended (a pause, a new number). */
function withTelegram(
  volunteer: Volunteer,
  link: { chatId: string; linkedAt: string } | undefined,
): Volunteer {
  if (!link) return volunteer;
  if (volunteer.sessionsValidAfter && link.linkedAt <= volunteer.sessionsValidAfter) return volunteer;
  return { ...volunteer, telegramChatId: link.chatId };
}

function toVolunteer(item: Record<string, unknown>): Volunteer {
  const { pk: _pk, sk: _sk, type: _type, ...fields } = item;
  return parseVolunteer(fields);
}
