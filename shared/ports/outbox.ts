// Port: messages that leave after the state change that caused them, through the outbox (not inline in a
// webhook's answer): relays and notices to Telegram, the Serbian SIM or SMS from a Telegram or SIM text,
// and every reply on a channel without an inline answer.

import type { Channel } from '../callers/caller.js';

/** Every way a message reaches a person. */
export type ChannelName = Channel;

export interface OutboundMessage {
  /** Idempotency key, unique per message: the handled request's id and the message's place in it. */
  id: string;
  channel: ChannelName;
  /** An E.164 number, or a Telegram chat id. */
  to: string;
  body: string;
  /** Buttons to offer (menu digits): a Telegram reply keyboard; other channels show only the text. */
  choices?: readonly string[] | undefined;
  /** The hotline number a Twilio text goes out from (SMS and WhatsApp). */
  from?: string | undefined;
  /**
   * The recipient's caller id when the message is to a caller: the sender checks the caller is still
   * there before sending, so an erasure also stops what was waiting for them.
   */
  callerId?: string | undefined;
}

/** A channel's sender, as the outbox drain uses it. */
export interface ChannelSender {
  send(message: OutboundMessage): Promise<SendResult>;
}

export type SendResult =
  | { ok: true }
  /** `permanent`: sending again will not help (a blocked bot, a bad number); otherwise retry later. */
  | { ok: false; permanent: boolean; reason: string; retryAfterSeconds?: number | undefined };

/** The outbox's items as the sender works them off; each message is claimed, sent, then deleted. */
export interface OutboxStore {
  /**
   * Takes the message for `leaseSeconds` if it is still waiting and nobody holds it. Undefined when it
   * is gone (sent already: a redelivered stream record) or held by a live claim elsewhere (`held`).
   */
  claim(id: string, now: Date, leaseSeconds: number): Promise<OutboundMessage | 'gone' | 'held'>;
  /** Sent, or given up on: the number and the words go from the table. */
  remove(id: string): Promise<void>;
  /** Not sent, try again later: the claim is dropped. */
  release(id: string): Promise<void>;
  /** True when nothing is kept for the caller any more: they asked for erasure after the message was written. */
  callerErased(callerId: string): Promise<boolean>;
}
