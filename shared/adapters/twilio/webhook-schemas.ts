// The Twilio webhook forms the hotline reads. Not strict: Twilio adds fields, and unknown ones are kept out.
import * as z from 'zod/mini';

/** Messaging webhook (SMS, and WhatsApp where `From` is `whatsapp:+…`). */
export const inboundMessageSchema = z.object({
  MessageSid: z.string().check(z.minLength(1)),
  AccountSid: z.string().check(z.minLength(1)),
  From: z.string().check(z.minLength(1)),
  To: z.string().check(z.minLength(1)),
  Body: z._default(z.string(), ''),
  NumMedia: z.optional(z.coerce.number().check(z.int(), z.gte(0))),
});
export type InboundMessageForm = z.infer<typeof inboundMessageSchema>;

/** Voice webhook: the incoming call and every `<Gather>`/`<Dial>` action after it. */
export const voiceCallSchema = z.object({
  CallSid: z.string().check(z.minLength(1)),
  AccountSid: z.string().check(z.minLength(1)),
  From: z._default(z.string(), ''),
  To: z._default(z.string(), ''),
  CallStatus: z.optional(z.string()),
  Digits: z.optional(z.string()),
  /** `<Dial>` action: completed, answered, busy, no-answer, failed, canceled. */
  DialCallStatus: z.optional(z.string()),
  /** `<Record>` action: where Twilio keeps the recording, and its length in seconds. */
  RecordingUrl: z.optional(z.string()),
  RecordingDuration: z.optional(z.string()),
  RecordingSid: z.optional(z.string()),
});
export type VoiceCallForm = z.infer<typeof voiceCallSchema>;
