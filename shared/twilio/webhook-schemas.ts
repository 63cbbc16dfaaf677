// The Twilio webhook forms the hotline reads. Not strict: Twilio adds fields, and unknown ones are kept out.
import { z } from 'zod';

/** Messaging webhook (SMS, and WhatsApp where `From` is `whatsapp:+…`). */
export const inboundMessageSchema = z.object({
  MessageSid: z.string().min(1),
  AccountSid: z.string().min(1),
  From: z.string().min(1),
  To: z.string().min(1),
  Body: z.string().default(''),
  NumMedia: z.coerce.number().int().min(0).optional(),
});
export type InboundMessageForm = z.infer<typeof inboundMessageSchema>;

/** Voice webhook: the incoming call and every `<Gather>`/`<Dial>` action after it. */
export const voiceCallSchema = z.object({
  CallSid: z.string().min(1),
  AccountSid: z.string().min(1),
  From: z.string().default(''),
  To: z.string().default(''),
  CallStatus: z.string().optional(),
  Digits: z.string().optional(),
});
export type VoiceCallForm = z.infer<typeof voiceCallSchema>;
