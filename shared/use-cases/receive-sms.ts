// Use case: one inbound text (SMS or WhatsApp) from a caller, answered once even when Twilio retries.
// Load → decide (the conversation, then the case layer on top) → one transaction, or the erasure.

import { type Channel, readerOf, recordContact } from '../callers/caller.js';
import { type CaseTiming, decideCallerCase } from '../cases/caller-case.js';
import { newCaseCode } from '../cases/case.js';
import type { Clock } from '../clock.js';
import { decideSmsReply } from '../conversation/sms-conversation.js';
import { addSpend, blockFlood, countCallerText, type Limits, type SpendCheck } from '../limits/guard.js';
import {
  ALWAYS_ANSWERED,
  estimatedCost,
  guardCallerTexts,
  isHastyUnknown,
  textsThisMinute,
} from '../limits/text-guard.js';
import { isBlocking } from '../limits/windows.js';
import type { Logger } from '../logger.js';
import { renderMessage } from '../messages/catalogue.js';
import {
  type CallerStore,
  ConcurrentCallerUpdateError,
  DuplicateMessageError,
} from '../ports/caller-store.js';
import { CaseChangedError, type CaseStore } from '../ports/case-store.js';
import type { RecordingEraser } from '../ports/recordings.js';
import type { RosterReader } from '../ports/roster.js';
import type { Counts } from '../ports/usage.js';
import { withReminders } from '../reminders/reminder-changes.js';
import { jitter } from '../retry.js';
import { type InlineAnswer, splitDeliveries } from './deliveries.js';

export interface InboundText {
  callerId: string;
  phone: string;
  channel: Channel;
  messageSid: string;
  body: string;
  /** The hotline number the text reached (Twilio's `To`): texts to volunteers go out from it. */
  hotline: string;
}

export interface ReceiveSmsPorts {
  callers: CallerStore;
  cases: CaseStore;
  roster: RosterReader;
  clock: Clock;
  retentionDays: number;
  timing: CaseTiming;
  /** How long a handled message is remembered for Twilio retries. */
  dedupeSeconds?: number;
  newCode?: () => string;
  /** Deletes a closed case's voicemail recordings from Twilio. */
  recordings?: RecordingEraser | undefined;
  log?: Logger | undefined;
  /** Budgets, block list, allowed countries and the day's spend (shared/limits); absent in pure tests. */
  limits?: Limits | undefined;
  /** How this channel answers inline (TwiML on Twilio); absent: every message goes through the outbox. */
  inline: InlineAnswer | undefined;
}

export interface SmsOutcome {
  /** The webhook's inline answer (TwiML), or '' on a channel without one. */
  twiml: string;
  /** Messages queued in the outbox with the write. */
  queued?: number | undefined;
  intent: ReturnType<typeof decideCallerCase>['intent'] | 'retry' | 'blocked' | 'flood';
  /** Texts to people other than the sender (volunteers), for metrics. */
  forwarded: number;
  /** What the limits held back, for metrics (counts only). */
  limited?: LimitedCounts | undefined;
}

export interface LimitedCounts {
  droppedCountry: number;
  droppedBudget: number;
  droppedCeiling: number;
  notices: number;
  spentTodayUsd?: number | undefined;
}

/**
 * Texts from one caller rarely collide; a burst (a phone resending a queue, 40 at once) takes a few more
 * rounds, each pause a little longer.
 */
const MAX_ATTEMPTS = 12;

/** What a blocked or flooding number may still do, silently: leave and be forgotten. */
const HONOURED_WHEN_BLOCKED: ReadonlySet<string> = new Set(['stop', 'delete', 'confirm_delete']);

export async function receiveSms(ports: ReceiveSmsPorts, text: InboundText): Promise<SmsOutcome> {
  // Counted once per message, however many rounds a lost race takes.
  let hour: Counts | undefined;
  let spend: SpendCheck | undefined;
  let flooded = false;
  for (let attempt = 1; ; attempt++) {
    const { caller, handled, blocked } = await ports.callers.loadForMessage(text.callerId, text.messageSid);
    if (handled) return { twiml: handled.replyTwiml, intent: 'retry', forwarded: 0 };

    const now = ports.clock.now();
    const limits = ports.limits;
    const contacted = recordContact(caller, text, now, ports.retentionDays);
    const decision = decideSmsReply(contacted, text.body, caller === undefined, now);
    const isBlocked = isBlocking(blocked, now);
    // A coordinator's block: nothing at all. A flood block: only STOP and erasure, without a word back.
    if (isBlocked && (!blocked?.automatic || !HONOURED_WHEN_BLOCKED.has(decision.intent))) {
      return { twiml: silence(ports), intent: 'blocked', forwarded: 0 };
    }
    // Only a caller with a case costs the extra read; everyone else stays at two requests.
    const current = caller?.openCase ? await ports.cases.get(caller.openCase) : undefined;
    const needsRoster = decision.intent === 'person' || (current && current.status !== 'closed');
    const decided = decideCallerCase({
      caller: contacted,
      decision,
      current,
      text: text.body,
      roster: needsRoster ? await ports.roster.list() : [],
      now,
      newCode: ports.newCode ?? newCaseCode,
      timing: ports.timing,
    });
    let messages = decided.messages;
    let limited: LimitedCounts | undefined;
    if (limits) {
      // Not understood, and hard on the heels of the previous text: no answer, and none counted.
      const hasty = isHastyUnknown(decided.intent, caller?.lastContactAt, now, limits.settings);
      if (!hour && !isBlocked) {
        hour = await countCallerText(
          limits,
          text.callerId,
          now,
          !hasty && messages.some((message) => !message.to),
          decided.intent === 'unknown' && !hasty,
        );
        if (textsThisMinute(hour, now) > limits.settings.floodTextsPerMinute) {
          flooded = true;
          await blockFlood(limits, text.callerId, now, ports.log);
        }
      }
      if (flooded && !HONOURED_WHEN_BLOCKED.has(decision.intent)) {
        return { twiml: silence(ports), intent: 'flood', forwarded: 0 };
      }
      const guarded = guardCallerTexts({
        messages,
        sender: { phone: text.phone, channel: text.channel },
        intent: decided.intent,
        hasty,
        hour: hour ?? {},
        limits: limits.settings,
        notice: renderMessage('limit_notice', readerOf(decided.caller)),
      });
      messages = isBlocked || flooded ? [] : guarded.messages;
      const exempt = ALWAYS_ANSWERED.has(decided.intent);
      spend ??= await addSpend(limits, now, estimatedCost(messages, text, limits.settings), exempt);
      const overCeiling = spend.overCeiling && !exempt;
      limited = {
        droppedCountry: guarded.droppedCountry,
        droppedBudget: guarded.droppedBudget,
        droppedCeiling: overCeiling ? messages.length : 0,
        notices: guarded.noticeSent ? 1 : 0,
        spentTodayUsd: spend.spentUsd,
      };
      if (overCeiling) messages = [];
    }
    // The answer to an erasure must still leave, so it carries no caller id to check.
    const sender = {
      phone: text.phone,
      channel: text.channel,
      callerId: decided.erase ? undefined : text.callerId,
    };
    const deliveries = splitDeliveries(messages, sender, ports.inline, text.messageSid);
    const twiml = ports.inline ? ports.inline.render(deliveries.inline) : '';
    const record = {
      messageSid: text.messageSid,
      replyTwiml: twiml,
      expiresAt: Math.floor(now.getTime() / 1000) + (ports.dedupeSeconds ?? 7 * 86_400),
    };
    const forwarded = messages.filter((message) => message.to).length;
    try {
      const { caseChange } = decided;
      if (decided.erase) {
        // The case first: its volunteer is told, and neither the case nor the answered webhooks kept
        // beside it (volunteers' relayed words, the caller's number in their TwiML) keep a trace.
        if (caseChange) {
          await ports.cases.eraseTrail(caseChange.next.code);
          await ports.cases.save(caseChange.next, caseChange.readVersion);
        }
        await ports.callers.eraseCaller(text.callerId, record, deliveries.outbox);
      } else {
        const { next, changes } = withReminders(decided.caller, decided.reminderPlans);
        await ports.callers.saveAfterMessage(next, caller?.version, record, changes, {
          caseChange,
          outbox: deliveries.outbox,
        });
        // STOP closed the case: the answered webhooks kept beside it go too.
        if (caseChange?.next.status === 'closed') await ports.cases.eraseTrail(caseChange.next.code);
      }
      await forgetRecordings(ports, decided.forgetRecordings);
      return { twiml, intent: decided.intent, forwarded, limited, queued: deliveries.outbox.length };
    } catch (error) {
      const retry =
        error instanceof ConcurrentCallerUpdateError ||
        error instanceof DuplicateMessageError ||
        error instanceof CaseChangedError;
      if (!retry || attempt >= MAX_ATTEMPTS) throw error;
      await jitter(attempt);
    }
  }
}

/** The answer that says nothing, in the channel's own form. */
function silence(ports: Pick<ReceiveSmsPorts, 'inline'>): string {
  return ports.inline ? ports.inline.render([]) : '';
}

/**
 * After the case closed: its voicemails go from Twilio too. A failure is logged (counts only) and does not
 * undo the close or the erasure; docs/volunteers.md says how to find what is left.
 */
export async function forgetRecordings(
  ports: { recordings?: RecordingEraser | undefined; log?: Logger | undefined },
  sids: readonly string[] | undefined,
): Promise<void> {
  if (!sids || sids.length === 0 || !ports.recordings) return;
  const failed = await ports.recordings.deleteAll(sids);
  if (failed.length > 0)
    ports.log?.warn('recordings.delete_failed', { count: failed.length, of: sids.length });
}
