// Port: how a webhook answers inline, in its channel's own format (TwiML on Twilio). The Twilio adapter is
// shared/adapters/twilio/twiml.ts (`twimlAnswer`).
import type { Channel } from '../callers/caller.js';
import type { Outgoing } from '../cases/caller-case.js';

/** How a webhook answers inline. Absent: the channel has no inline answer, and every message is queued. */
export interface InlineAnswer {
  /** The channels the answer itself can carry (TwiML: SMS and WhatsApp from the hotline's number). */
  channels: ReadonlySet<Channel>;
  /**
   * Only the answer to the sender rides inline; a message to anyone else (a volunteer's notice, a relay to
   * the caller) goes into the outbox, in the same transaction as the change that caused it, so a write
   * that lands after the webhook gave up still sends its notices. Set when the outbox sends from the
   * hotline's own number (TWILIO_NUMBER), so the recipient can answer the number they know.
   */
  othersQueued?: boolean | undefined;
  render(messages: readonly Outgoing[]): string;
}
