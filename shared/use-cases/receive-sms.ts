// Use case: one inbound text (SMS or WhatsApp) from a caller, answered once even when Twilio retries.
// Load → decide (the conversation, then the case layer on top) → one transaction, or the erasure.
import { type Channel, recordContact } from '../callers/caller.js';
import {
  type CallerStore,
  ConcurrentCallerUpdateError,
  DuplicateMessageError,
} from '../callers/caller-store.js';
import { type CaseTiming, decideCallerCase } from '../cases/caller-case.js';
import { newCaseCode } from '../cases/case.js';
import { CaseChangedError, type CaseStore } from '../cases/case-store.js';
import type { Clock } from '../clock.js';
import { decideSmsReply } from '../conversation/sms-conversation.js';
import type { Logger } from '../logger.js';
import { withReminders } from '../reminders/reminder-changes.js';
import { jitter } from '../retry.js';
import type { RecordingEraser } from '../twilio/recordings.js';
import { outgoingTwiml } from '../twilio/twiml.js';
import type { RosterReader } from '../volunteers/roster-store.js';

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
}

export interface SmsOutcome {
  twiml: string;
  intent: ReturnType<typeof decideCallerCase>['intent'] | 'retry';
  /** Texts to people other than the sender (volunteers), for metrics. */
  forwarded: number;
}

/** Texts from one caller rarely collide; a burst of several resolves within a few jittered retries. */
const MAX_ATTEMPTS = 8;

export async function receiveSms(ports: ReceiveSmsPorts, text: InboundText): Promise<SmsOutcome> {
  for (let attempt = 1; ; attempt++) {
    const { caller, handled } = await ports.callers.loadForMessage(text.callerId, text.messageSid);
    if (handled) return { twiml: handled.replyTwiml, intent: 'retry', forwarded: 0 };

    const now = ports.clock.now();
    const contacted = recordContact(caller, text, now, ports.retentionDays);
    // Only a caller with a case costs the extra read; everyone else stays at two requests.
    const current = caller?.openCase ? await ports.cases.get(caller.openCase) : undefined;
    const decision = decideSmsReply(contacted, text.body, caller === undefined, now);
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
    const twiml = outgoingTwiml(text.hotline, decided.messages);
    const record = {
      messageSid: text.messageSid,
      replyTwiml: twiml,
      expiresAt: Math.floor(now.getTime() / 1000) + (ports.dedupeSeconds ?? 7 * 86_400),
    };
    const forwarded = decided.messages.filter((message) => message.to).length;
    try {
      const { caseChange } = decided;
      if (decided.erase) {
        // The case first: its volunteer is told, and neither the case nor the answered webhooks kept
        // beside it (volunteers' relayed words, the caller's number in their TwiML) keep a trace.
        if (caseChange) {
          await ports.cases.eraseTrail(caseChange.next.code);
          await ports.cases.save(caseChange.next, caseChange.readVersion);
        }
        await ports.callers.eraseCaller(text.callerId, record);
      } else {
        const { next, changes } = withReminders(decided.caller, decided.reminderPlans);
        const also = caseChange ? [ports.cases.saveItem(caseChange.next, caseChange.readVersion)] : [];
        await ports.callers.saveAfterMessage(next, caller?.version, record, changes, also);
        // STOP closed the case: the answered webhooks kept beside it go too.
        if (caseChange?.next.status === 'closed') await ports.cases.eraseTrail(caseChange.next.code);
      }
      await forgetRecordings(ports, decided.forgetRecordings);
      return { twiml, intent: decided.intent, forwarded };
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
