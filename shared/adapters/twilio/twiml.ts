// TwiML rendering with the twilio library's builders (deep imports, for bundle size).
import MessagingResponse from 'twilio/lib/twiml/MessagingResponse.js';
import VoiceResponse from 'twilio/lib/twiml/VoiceResponse.js';
import { type Channel, TWILIO_CHANNELS } from '../../callers/caller.js';
import type { InlineAnswer } from '../../ports/inline-answer.js';

export type WebhookKind = 'messaging' | 'voice';

/**
 * One outbound text in a messaging reply; `to` set means a message to someone other than the sender,
 * sent `from` the hotline's number (on the recipient's channel).
 */
export interface ReplyMessage {
  body: string;
  to?: string | undefined;
  from?: string | undefined;
}

export function messagingTwiml(messages: readonly ReplyMessage[]): string {
  const response = new MessagingResponse();
  for (const message of messages) {
    if (message.to)
      response.message({ to: message.to, ...(message.from ? { from: message.from } : {}) }, message.body);
    else response.message(message.body);
  }
  return response.toString();
}

/**
 * A reply that may also text other people (a volunteer, a caller in a case): each `to` becomes a
 * `<Message to from>` sent from the hotline number the inbound text reached.
 */
export function outgoingTwiml(
  hotline: string,
  messages: readonly { body: string; to?: { phone: string; channel: Channel } | undefined }[],
): string {
  return messagingTwiml(
    messages.map((message) =>
      message.to ? { body: message.body, ...addressFrom(hotline, message.to) } : { body: message.body },
    ),
  );
}

/**
 * The `to` and `from` of a text to someone on a channel, sent from the hotline's number. `hotline` is the
 * number the inbound text or call reached (`To`), with or without its `whatsapp:` prefix: a WhatsApp
 * caller's words reach a volunteer by SMS from the same number, and a volunteer's SMS reaches a
 * WhatsApp caller on WhatsApp.
 */
export function addressFrom(
  hotline: string,
  recipient: { phone: string; channel: Channel },
): { to: string; from: string } {
  // deliveries.ts queues every other channel; one here would be a bug, never a text to a chat id.
  if (!TWILIO_CHANNELS.has(recipient.channel))
    throw new Error(`No TwiML for the ${recipient.channel} channel`);
  const number = hotline.replace(/^whatsapp:/i, '');
  return recipient.channel === 'whatsapp'
    ? { to: `whatsapp:${recipient.phone}`, from: `whatsapp:${number}` }
    : { to: recipient.phone, from: number };
}

/** A spoken part of a voice reply: Russian by TTS, anything else (Kyrgyz) as recorded audio. */
export type SpeechPart = { kind: 'say'; text: string; language: 'ru-RU' } | { kind: 'play'; url: string };

export const RUSSIAN_VOICE = 'Polly.Tatyana';

export function appendSpeech(
  target: VoiceResponse | VoiceResponse.Gather,
  parts: readonly SpeechPart[],
): void {
  for (const part of parts) {
    if (part.kind === 'say') target.say({ language: part.language, voice: RUSSIAN_VOICE }, part.text);
    else target.play(part.url);
  }
}

export function voiceTwiml(parts: readonly SpeechPart[], options: { hangup?: boolean } = {}): string {
  const response = new VoiceResponse();
  appendSpeech(response, parts);
  if (options.hangup) response.hangup();
  return response.toString();
}

/** The Twilio messaging webhook's inline answer: TwiML, texts to others sent from the hotline number. */
/** `othersQueued`: the outbox sends from the hotline's number, so only the sender's answer rides in the TwiML. */
export function twimlAnswer(hotline: string, options: { othersQueued?: boolean } = {}): InlineAnswer {
  return {
    channels: TWILIO_CHANNELS,
    othersQueued: options.othersQueued === true,
    render: (messages) => outgoingTwiml(hotline, messages),
  };
}

export { MessagingResponse, VoiceResponse };
