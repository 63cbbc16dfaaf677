// Telegram link codes (`CONSOLE`/`TGLINK#<sha256>`, TTL 10 minutes) and their use: one transaction deletes
// the code (only while it is there and live), writes the link beside the volunteer's roster entry and
// queues the bot's answer, so a code links once and a redelivered update changes nothing.
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { OutboundMessage } from '../../ports/outbox.js';
import type { TelegramLinkStore } from '../../use-cases/telegram-link.js';
import type { Volunteer } from '../../volunteers/volunteer.js';
import { consoleKeys } from './keys.js';
import type { DynamoRosterStore } from './roster-store.js';
import { outboxPut } from './side-writes.js';

export class DynamoTelegramLinks implements TelegramLinkStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly roster: DynamoRosterStore,
  ) {}

  async saveCode(codeHash: string, volunteerId: string, expiresAt: number): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...consoleKeys.telegramLink(codeHash), type: 'telegram-link-code', volunteerId, expiresAt },
      }),
    );
  }

  async complete(
    codeHash: string,
    chatId: string,
    now: Date,
    answer: (volunteer: Volunteer) => OutboundMessage,
  ): Promise<Volunteer | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: consoleKeys.telegramLink(codeHash),
        ConsistentRead: true,
      }),
    );
    const at = Math.floor(now.getTime() / 1000);
    if (!Item || typeof Item.volunteerId !== 'string' || Number(Item.expiresAt) <= at) return undefined;
    const volunteer = (await this.roster.list()).find((v) => v.volunteerId === Item.volunteerId && v.active);
    if (!volunteer) return undefined;
    try {
      await this.roster.linkTelegram(volunteer.volunteerId, chatId, now, [
        {
          Delete: {
            TableName: this.tableName,
            Key: consoleKeys.telegramLink(codeHash),
            ConditionExpression: 'attribute_exists(pk) AND expiresAt > :now',
            ExpressionAttributeValues: { ':now': at },
          },
        },
        outboxPut(this.tableName, answer(volunteer), now),
      ]);
    } catch (error) {
      // The code was used meanwhile (a redelivered update racing the first): nothing linked twice.
      if (error instanceof Error && error.name === 'TransactionCanceledException') return undefined;
      throw error;
    }
    return { ...volunteer, telegramChatId: chatId };
  }

  async unlink(volunteerId: string): Promise<void> {
    await this.roster.unlinkTelegram(volunteerId);
  }
}
