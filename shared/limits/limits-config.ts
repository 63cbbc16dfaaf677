// The limits' configuration variables, shared by every function's schema (webhooks, the chase, the
// reminders): each reads the same names with the same defaults. README "Limits" lists them.
import * as z from 'zod/mini';

const count = (min: number, max: number, fallback: number) =>
  z._default(z.coerce.number().check(z.int(), z.gte(min), z.lte(max)), fallback);

export const LIMIT_CONFIG_SHAPE = {
  /** Country calling codes the hotline texts, comma-separated digits; every other destination is dropped. */
  ALLOWED_COUNTRY_CODES: z.pipe(
    z._default(z.string().check(z.regex(/^\s*[1-9]\d{0,3}(\s*,\s*[1-9]\d{0,3})*\s*$/)), '381,996'),
    z.transform((list: string) => list.split(',').map((code) => code.trim())),
  ),
  /** Replies to one number per clock hour; beyond it one notice, then silence until the hour ends. */
  CALLER_REPLIES_PER_HOUR: count(1, 1000, 30),
  /** "Not understood" answers to one number per clock hour. */
  UNKNOWN_REPLIES_PER_HOUR: count(0, 100, 1),
  /** Seconds after a number's previous contact within which a text not understood gets no answer. */
  UNKNOWN_REPLY_GAP_SECONDS: count(0, 3600, 10),
  /** Texts from one number in one minute that make a flood (the number is then blocked for a while). */
  FLOOD_TEXTS_PER_MINUTE: count(2, 1000, 10),
  /** Minutes an automatic flood block lasts. */
  FLOOD_BLOCK_MINUTES: count(1, 1440, 60),
  /** Seconds between two relays of a caller's texts to their volunteer; texts in between go as one. */
  RELAY_GAP_SECONDS: count(0, 3600, 60),
  /** SMS the IVR sends one number per day (the summary after saving a date). */
  IVR_SMS_PER_DAY: count(0, 100, 1),
  /** Codes the IVR sends one number per day to prove the caller holds it. */
  IVR_CODES_PER_DAY: count(0, 100, 2),
  /** SMS (codes and summaries) the IVR sends in one clock hour, all numbers together: forged caller ids pump no further. */
  IVR_SMS_PER_HOUR: count(0, 10_000, 3),
  /** SMS (codes and summaries) the IVR sends in one UTC day, all numbers together. */
  IVR_SMS_TOTAL_PER_DAY: count(0, 100_000, 30),
  /** Cases opened by withheld calls per clock hour; beyond it they are offered voicemail. */
  WITHHELD_CASES_PER_HOUR: count(0, 1000, 3),
  /** Estimated spend on texts per UTC day, in USD, after which only STOP, erasure and emergency answer. */
  DAILY_SPEND_CEILING_USD: z._default(z.coerce.number().check(z.gte(0), z.lte(100_000)), 50),
  /** The estimate's price of one SMS segment, USD (bench/prices.json: to a Serbian mobile). */
  SMS_SEGMENT_USD: z._default(z.coerce.number().check(z.gte(0), z.lte(10)), 0.41),
  /** The estimate's price of one WhatsApp message, USD. */
  WHATSAPP_MESSAGE_USD: z._default(z.coerce.number().check(z.gte(0), z.lte(10)), 0.024),
};

/** The parsed limit variables, whichever function's configuration holds them. */
export type LimitConfig = { [K in keyof typeof LIMIT_CONFIG_SHAPE]: z.infer<(typeof LIMIT_CONFIG_SHAPE)[K]> };
