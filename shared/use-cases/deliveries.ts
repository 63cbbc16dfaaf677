// Where each message of a handled text goes: inline in the webhook's answer (TwiML, on a Twilio channel),
// or into the outbox, written in the same transaction as the state change (Telegram, the Serbian SIM, SMS
// to volunteers when the text came from either, and every message to someone other than the sender when
// the outbox sends from the hotline's number). Pure.
import type { Outgoing, Recipient } from '../cases/caller-case.js';
import { choicesIn } from '../conversation/choices.js';
import type { InlineAnswer } from '../ports/inline-answer.js';
import type { OutboundMessage } from '../ports/outbox.js';

export interface Deliveries {
  inline: Outgoing[];
  outbox: OutboundMessage[];
}

/**
 * Splits the messages. `requestId` names the handled request (a Twilio MessageSid, `tg:<update_id>`, the
 * gateway event id): with the message's place it is the outbox idempotency key, so a retried request
 * writes the same ids and the transaction refuses the second write.
 */
export function splitDeliveries(
  messages: readonly Outgoing[],
  sender: Recipient,
  inline: InlineAnswer | undefined,
  requestId: string,
): Deliveries {
  // The sender's caller id goes with their own replies (a volunteer sender has none).
  const result: Deliveries = { inline: [], outbox: [] };
  messages.forEach((message, index) => {
    const to = message.to ?? sender;
    const toSender = to.phone === sender.phone && to.channel === sender.channel;
    if (inline?.channels.has(to.channel) && (toSender || !inline.othersQueued)) {
      result.inline.push(message);
      return;
    }
    const choices = message.to ? undefined : choicesIn(message.body);
    const callerId = to.callerId ?? (toSender ? sender.callerId : undefined);
    result.outbox.push({
      id: `${requestId}#${index}`,
      channel: to.channel,
      to: to.phone,
      body: message.body,
      ...(choices ? { choices } : {}),
      ...(callerId ? { callerId } : {}),
    });
  });
  return result;
}

export type { InlineAnswer };
