// Use case: one run of the case chase. Reads the open cases that are due (one query on the `due`
// index), writes each change conditionally before texting, so two overlapping runs never both text.

import { decideChase } from '../cases/chase.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import { CaseChangedError, type CaseStore } from '../ports/case-store.js';
import type { Notifier } from '../ports/notifier.js';
import type { RosterReader } from '../ports/roster.js';

export interface ChasePorts {
  cases: Pick<CaseStore, 'dueForChase' | 'save'>;
  roster: RosterReader;
  notifier: Notifier;
  clock: Clock;
  log: Logger;
  renotifyMinutes: number;
}

export interface ChaseSummary {
  due: number;
  chased: number;
  /** Changed by someone else first (taken, or chased by an overlapping run): left alone. */
  skipped: number;
  notified: number;
  failed: number;
}

export async function chaseCases(ports: ChasePorts): Promise<ChaseSummary> {
  const now = ports.clock.now();
  const due = await ports.cases.dueForChase(now);
  const summary: ChaseSummary = { due: due.length, chased: 0, skipped: 0, notified: 0, failed: 0 };
  if (due.length === 0) return summary;
  const roster = await ports.roster.list();
  for (const current of due) {
    const decided = decideChase(current, roster, now, ports.renotifyMinutes);
    if (!decided) continue;
    // Notices to a linked Telegram chat are outbox items written with the claim (free, and sent once);
    // the rest go by SMS after it.
    const queued = decided.notices
      .filter((notice) => notice.channel === 'telegram')
      .map((notice) => ({
        id: `case:${current.code}:${decided.next.version}:${notice.volunteerId}`,
        channel: 'telegram' as const,
        to: notice.phone,
        body: notice.body,
      }));
    try {
      // The claim: written before texting, so a second run reads the new round and does not text again.
      await ports.cases.save(decided.next, current.version, queued);
    } catch (error) {
      if (error instanceof CaseChangedError) {
        summary.skipped++;
        continue;
      }
      throw error;
    }
    summary.chased++;
    summary.notified += queued.length;
    for (const notice of decided.notices.filter((n) => n.channel !== 'telegram')) {
      try {
        await ports.notifier.sendSms({
          to: notice.phone,
          body: notice.body,
          idempotencyKey: `case:${current.code}:${decided.next.version}:${notice.volunteerId}`,
        });
        summary.notified++;
      } catch (error) {
        summary.failed++;
        ports.log.warn('cases.notice_failed', {
          case: current.code,
          volunteer: notice.volunteerId,
          error: (error as Error).name,
        });
      }
    }
  }
  return summary;
}
