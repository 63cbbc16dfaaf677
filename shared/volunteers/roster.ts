// The roster as a webhook reads it: cached for a while, and the lookup of a volunteer by phone. No I/O of
// its own; the source is any RosterReader.
import type { RosterReader } from '../ports/roster.js';
import type { Volunteer } from './volunteer.js';

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

  /** The next read goes to the table (after this container changed the roster). */
  forget(): void {
    this.cached = undefined;
  }

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

/** The volunteer who linked this Telegram chat, if any. */
export function volunteerByTelegramChat(roster: readonly Volunteer[], chatId: string): Volunteer | undefined {
  return roster.find((v) => v.telegramChatId !== undefined && v.telegramChatId === chatId);
}

/** The volunteer whose phone this is, if any (E.164 as Twilio sends it, WhatsApp prefix removed). */
export function volunteerByPhone(roster: readonly Volunteer[], phone: string): Volunteer | undefined {
  return roster.find((v) => v.phone === phone);
}
