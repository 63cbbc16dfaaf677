// Use case: one inbound text (SMS or WhatsApp) from a caller, answered once even when Twilio retries.
import { type Caller, type Channel, recordContact } from '../callers/caller.js';
import {
  type CallerStore,
  ConcurrentCallerUpdateError,
  DuplicateMessageError,
  type ReminderChanges,
} from '../callers/caller-store.js';
import type { Clock } from '../clock.js';
import { decideSmsReply, type SmsDecision } from '../conversation/sms-conversation.js';
import type { Reminder } from '../deadlines/index.js';
import { type ReminderSeries, reminderItem } from '../reminders/reminder-item.js';
import { messagingTwiml } from '../twilio/twiml.js';

export interface InboundText {
  callerId: string;
  phone: string;
  channel: Channel;
  messageSid: string;
  body: string;
}

export interface ReceiveSmsPorts {
  callers: CallerStore;
  clock: Clock;
  retentionDays: number;
  /** How long a handled message is remembered for Twilio retries. */
  dedupeSeconds?: number;
}

export interface SmsOutcome {
  twiml: string;
  intent: SmsDecision['intent'] | 'retry';
}

/** Texts from one caller rarely collide; a burst of several resolves within a few jittered retries. */
const MAX_ATTEMPTS = 8;

export async function receiveSms(ports: ReceiveSmsPorts, text: InboundText): Promise<SmsOutcome> {
  for (let attempt = 1; ; attempt++) {
    const { caller, handled } = await ports.callers.loadForMessage(text.callerId, text.messageSid);
    if (handled) return { twiml: handled.replyTwiml, intent: 'retry' };

    const now = ports.clock.now();
    const contacted = recordContact(caller, text, now, ports.retentionDays);
    const decision = decideSmsReply(contacted, text.body, caller === undefined, now);
    const twiml = messagingTwiml(decision.replies.map((body) => ({ body })));
    const message = {
      messageSid: text.messageSid,
      replyTwiml: twiml,
      expiresAt: Math.floor(now.getTime() / 1000) + (ports.dedupeSeconds ?? 7 * 86_400),
    };
    try {
      if (decision.erase) {
        await ports.callers.eraseCaller(text.callerId, message);
      } else {
        const { next, changes } = withReminders(decision);
        await ports.callers.saveAfterMessage(next, caller?.version, message, changes);
      }
      return { twiml, intent: decision.intent };
    } catch (error) {
      const retry = error instanceof ConcurrentCallerUpdateError || error instanceof DuplicateMessageError;
      if (!retry || attempt >= MAX_ATTEMPTS) throw error;
      await jitter(attempt);
    }
  }
}

/** The caller with its new reminder ids, and the items to delete and write for the replaced series. */
function withReminders(decision: SmsDecision): { next: Caller; changes: ReminderChanges } {
  const next: Caller = { ...decision.caller, reminderIds: { ...decision.caller.reminderIds } };
  const changes: ReminderChanges = { remove: [], add: [] };
  for (const [series, plan] of Object.entries(decision.reminderPlans) as [ReminderSeries, Reminder[]][]) {
    if (!plan) continue;
    const before = new Set(decision.caller.reminderIds[series]);
    const after = new Set(plan.map((reminder) => reminder.id));
    // An id in both plans is the same reminder: leave its item alone (it may already be sent).
    changes.remove.push(...[...before].filter((id) => !after.has(id)));
    changes.add.push(
      ...plan
        .filter((reminder) => !before.has(reminder.id))
        .map((reminder) => reminderItem(next.callerId, series, reminder, next.expiresAt)),
    );
    next.reminderIds[series] = [...after];
  }
  return { next, changes };
}

function jitter(attempt: number): Promise<void> {
  return new Promise((done) => setTimeout(done, Math.random() * 25 * attempt));
}
