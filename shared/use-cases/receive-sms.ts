// Use case: one inbound text (SMS or WhatsApp) from a caller, answered once even when Twilio retries.
import { type Channel, recordContact } from '../callers/caller.js';
import {
  type CallerStore,
  ConcurrentCallerUpdateError,
  DuplicateMessageError,
} from '../callers/caller-store.js';
import type { Clock } from '../clock.js';
import { SMS_WELCOME } from '../messages/system.js';
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

/** Texts from one caller rarely collide; a burst of several resolves within a few jittered retries. */
const MAX_ATTEMPTS = 8;

/** Returns the TwiML to answer. */
export async function receiveSms(ports: ReceiveSmsPorts, text: InboundText): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    const { caller, handled } = await ports.callers.loadForMessage(text.callerId, text.messageSid);
    if (handled) return handled.replyTwiml;

    const now = ports.clock.now();
    const next = recordContact(caller, text, now, ports.retentionDays);
    const replyTwiml = messagingTwiml([{ body: SMS_WELCOME }]);
    const expiresAt = Math.floor(now.getTime() / 1000) + (ports.dedupeSeconds ?? 7 * 86_400);
    try {
      await ports.callers.saveAfterMessage(next, caller?.version, {
        messageSid: text.messageSid,
        replyTwiml,
        expiresAt,
      });
      return replyTwiml;
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
