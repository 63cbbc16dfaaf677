// A volunteer links their Telegram chat to the hotline from the console: the console shows a code, the
// volunteer sends `/link <code>` to the bot (or opens t.me/<bot>?start=v<code>), and from then on their
// notices and relays come on Telegram (free) instead of by SMS, and their commands in that chat are theirs.
// The code is eight random digits, works 10 minutes and once; the table keeps its SHA-256 only. A link
// ends when the volunteer's sessions do (a pause, a new number, a new role), when they unlink in the
// console or send /unlink, and when they are removed.
import { createHash, randomInt } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import { textsFor } from '../messages/volunteer.js';
import type { OutboundMessage } from '../ports/outbox.js';
import type { RosterReader } from '../ports/roster.js';
import type { Volunteer } from '../volunteers/volunteer.js';

export const TELEGRAM_LINK_MINUTES = 10;

export interface TelegramLinkStore {
  saveCode(codeHash: string, volunteerId: string, expiresAt: number): Promise<void>;
  /**
   * Uses the code: the volunteer it was made for, with the chat linked and `answer` queued in the same
   * transaction; undefined when the code is unknown, used or expired.
   */
  complete(
    codeHash: string,
    chatId: string,
    now: Date,
    answer: (volunteer: Volunteer) => OutboundMessage,
  ): Promise<Volunteer | undefined>;
  unlink(volunteerId: string): Promise<void>;
}

export interface TelegramLinkPorts {
  links: TelegramLinkStore;
  roster: RosterReader;
  clock: Clock;
  log?: Logger | undefined;
}

const hashOf = (code: string) => createHash('sha256').update(`telegram-link:${code}`).digest('hex');

/** `/link 12345678`, `/start v12345678` (the deep link), with or without spaces: the code, or undefined. */
export function linkCodeIn(text: string): string | undefined {
  return /^\/(?:link(?:@\w+)?\s+|start\s+v)(\d{8})\s*$/i.exec(text.trim())?.[1];
}

export function isUnlinkCommand(text: string): boolean {
  return /^\/unlink(?:@\w+)?\s*$/i.test(text.trim());
}

/** A new code for the signed-in volunteer (an earlier one still works until it expires). */
export async function startTelegramLink(
  ports: Pick<TelegramLinkPorts, 'links' | 'clock'>,
  volunteer: Volunteer,
): Promise<{ code: string; expiresInMinutes: number }> {
  const code = String(randomInt(10_000_000, 100_000_000));
  const expiresAt = Math.floor(ports.clock.now().getTime() / 1000) + TELEGRAM_LINK_MINUTES * 60;
  await ports.links.saveCode(hashOf(code), volunteer.volunteerId, expiresAt);
  return { code, expiresInMinutes: TELEGRAM_LINK_MINUTES };
}

/**
 * The bot got a link command from `chatId`. Answers in the chat either way (through the outbox), in the
 * volunteer's language when the code was good, in both otherwise. `requestId` makes a redelivered update
 * write the same outbox id, so nothing is sent twice.
 */
export async function completeTelegramLink(
  ports: TelegramLinkPorts,
  input: { chatId: string; code: string; requestId: string },
): Promise<{ linked: Volunteer | undefined; refused?: OutboundMessage }> {
  const now = ports.clock.now();
  const answerId = `${input.requestId}#0`;
  const linked = await ports.links.complete(hashOf(input.code), input.chatId, now, (volunteer) => ({
    id: answerId,
    channel: 'telegram',
    to: input.chatId,
    body: textsFor(volunteer).telegramLinked(volunteer.name),
  }));
  if (linked) {
    ports.log?.info('telegram.volunteer_linked', { volunteer: linked.volunteerId });
    return { linked };
  }
  ports.log?.warn('telegram.link_refused');
  return {
    linked: undefined,
    refused: {
      id: answerId,
      channel: 'telegram',
      to: input.chatId,
      body: `${textsFor({ languages: ['ky'] }).telegramLinkRefused()}\n${textsFor({ languages: ['ru'] }).telegramLinkRefused()}`,
    },
  };
}
