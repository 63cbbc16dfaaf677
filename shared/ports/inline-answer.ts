// Port: how a webhook answers inline, in its channel's own format (TwiML on Twilio). The Twilio adapter is
// shared/adapters/twilio/twiml.ts (`twimlAnswer`).
import type { Channel } from '../callers/caller.js';
import type { Outgoing } from '../cases/caller-case.js';

/** How a webhook answers inline. Absent: the channel has no inline answer, and every message is queued. */
export interface InlineAnswer {
  /** The channels the answer itself can carry (TwiML: SMS and WhatsApp from the hotline's number). */
  channels: ReadonlySet<Channel>;
  render(messages: readonly Outgoing[]): string;
}
