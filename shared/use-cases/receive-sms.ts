// Use case: one inbound text (SMS or WhatsApp) from a caller, answered once even when Twilio retries.
import { type Channel, recordContact } from '../callers/caller.js';
import {
  type CallerStore,
  ConcurrentCallerUpdateError,
  DuplicateMessageError,
} from '../callers/caller-store.js';
import type { Clock } from '../clock.js';
import { decideSmsReply, type SmsDecision } from '../conversation/sms-conversation.js';
import { withReminders } from '../reminders/reminder-changes.js';
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
        const { next, changes } = withReminders(decision.caller, decision.reminderPlans);
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

function jitter(attempt: number): Promise<void> {
  return new Promise((done) => setTimeout(done, Math.random() * 25 * attempt));
}
