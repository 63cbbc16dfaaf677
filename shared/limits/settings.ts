// The hotline's spending and abuse limits: what one number, one case and one day may cost. Defaults are
// sized so that an honest caller never meets them and a flood costs cents (README, "Limits"); every one is
// a deployment setting (infra/deployment-config.ts passes them to the functions).
import type { Channel } from '../callers/caller.js';
import type { LimitConfig } from './limits-config.js';

export interface LimitSettings {
  /** Country calling codes the hotline texts (digits, no `+`): every other destination is dropped. */
  allowedCountryCodes: readonly string[];
  /** Replies to one number per clock hour; beyond it one notice, then silence until the hour is over. */
  callerRepliesPerHour: number;
  /** "Not understood" answers to one number per clock hour: the same short answer helps twice, not sixty times. */
  unknownRepliesPerHour: number;
  /**
   * A text not understood that comes sooner than this many seconds after the same number's previous
   * contact gets no answer: a person reads the last answer before writing again, a script does not.
   */
  unknownReplyGapSeconds: number;
  /** Texts from one number within one minute that count as a flood: the number is then blocked for a while. */
  floodTextsPerMinute: number;
  /** How long an automatic flood block lasts. */
  floodBlockMinutes: number;
  /** A caller's texts inside a case reach its volunteer at most once per this many seconds; the rest are combined. */
  relayGapSeconds: number;
  /** SMS the IVR sends to one number per day (the summary after saving a date). */
  ivrSmsPerDay: number;
  /** Codes the IVR sends to one number per day to prove it holds the number. */
  ivrCodesPerDay: number;
  /** SMS the IVR sends in one clock hour, all numbers together (forged caller ids). */
  ivrSmsPerHour: number;
  /** SMS the IVR sends in one UTC day, all numbers together: a flood that lasts all day pumps no further. */
  ivrSmsTotalPerDay: number;
  /** Cases opened by calls from withheld numbers per clock hour; beyond it they are offered voicemail. */
  withheldCasesPerHour: number;
  /** What the hotline may spend on texts in one UTC day (estimated); beyond it only STOP, erasure and emergency. */
  dailySpendCeilingUsd: number;
  /** The estimate's price of one SMS segment (to a Serbian mobile, the dearest destination). */
  smsSegmentUsd: number;
  /** The estimate's price of one WhatsApp message. */
  whatsappMessageUsd: number;
  /** Wrong dialback PINs in a row (across calls) after which a volunteer's PIN is locked. */
  pinAttempts: number;
  /** How long a locked PIN stays locked. */
  pinLockMinutes: number;
}

export const DEFAULT_LIMITS: LimitSettings = {
  allowedCountryCodes: ['381', '996'],
  callerRepliesPerHour: 30,
  unknownRepliesPerHour: 1,
  unknownReplyGapSeconds: 10,
  floodTextsPerMinute: 10,
  floodBlockMinutes: 60,
  relayGapSeconds: 60,
  ivrSmsPerDay: 1,
  ivrCodesPerDay: 2,
  ivrSmsPerHour: 3,
  ivrSmsTotalPerDay: 30,
  withheldCasesPerHour: 3,
  dailySpendCeilingUsd: 50,
  smsSegmentUsd: 0.41,
  whatsappMessageUsd: 0.024,
  pinAttempts: 5,
  pinLockMinutes: 15,
};

/** The limits a configuration sets (every field has its default in the config schema). */
export function limitSettings(config: LimitConfig): LimitSettings {
  return {
    allowedCountryCodes: config.ALLOWED_COUNTRY_CODES,
    callerRepliesPerHour: config.CALLER_REPLIES_PER_HOUR,
    unknownRepliesPerHour: config.UNKNOWN_REPLIES_PER_HOUR,
    unknownReplyGapSeconds: config.UNKNOWN_REPLY_GAP_SECONDS,
    floodTextsPerMinute: config.FLOOD_TEXTS_PER_MINUTE,
    floodBlockMinutes: config.FLOOD_BLOCK_MINUTES,
    relayGapSeconds: config.RELAY_GAP_SECONDS,
    ivrSmsPerDay: config.IVR_SMS_PER_DAY,
    ivrCodesPerDay: config.IVR_CODES_PER_DAY,
    ivrSmsPerHour: config.IVR_SMS_PER_HOUR,
    ivrSmsTotalPerDay: config.IVR_SMS_TOTAL_PER_DAY,
    withheldCasesPerHour: config.WITHHELD_CASES_PER_HOUR,
    dailySpendCeilingUsd: config.DAILY_SPEND_CEILING_USD,
    smsSegmentUsd: config.SMS_SEGMENT_USD,
    whatsappMessageUsd: config.WHATSAPP_MESSAGE_USD,
    pinAttempts: DEFAULT_LIMITS.pinAttempts,
    pinLockMinutes: DEFAULT_LIMITS.pinLockMinutes,
  };
}

/**
 * May the hotline text this number by SMS? Only in the countries the deployment serves: SMS pumping lives
 * on premium and foreign routes. WhatsApp has no such routes and costs the same everywhere, so a caller on
 * a Russian or Turkish WhatsApp number is answered (`channel` 'whatsapp'), and so is any Telegram chat.
 * The Serbian SIM sends real SMS: the same countries as Twilio's.
 */
export function isAllowedDestination(
  address: string,
  codes: readonly string[],
  channel: Channel = 'sms',
): boolean {
  if (channel === 'telegram') return /^-?\d{1,20}$/.test(address);
  const number = address.replace(/^whatsapp:/i, '');
  if (channel === 'whatsapp') return /^\+[1-9]\d{6,14}$/.test(number);
  if (!/^\+[1-9]\d{6,14}$/.test(number)) return false;
  return codes.some((code) => number.startsWith(`+${code}`));
}

const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ ÆæßÉ!"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENDED = '^{}\\[~]|€\f';

/** Segments an SMS body takes: GSM-7 (160, or 153 each when split) or UCS-2 (70, or 67). */
export function smsSegments(body: string): number {
  let septets = 0;
  let gsm = true;
  for (const char of body) {
    if (GSM_BASIC.includes(char)) septets += 1;
    else if (GSM_EXTENDED.includes(char)) septets += 2;
    else {
      gsm = false;
      break;
    }
  }
  if (gsm) return septets <= 160 ? 1 : Math.ceil(septets / 153);
  // UCS-2 counts UTF-16 code units: an emoji takes two.
  const units = body.length;
  return units <= 70 ? 1 : Math.ceil(units / 67);
}

/**
 * The estimated price of one outbound message. Telegram costs nothing; the Serbian SIM's texts are paid by
 * its monthly plan, not per text.
 */
export function estimatedUsd(body: string, channel: Channel, limits: LimitSettings): number {
  if (channel === 'telegram' || channel === 'sms-gateway') return 0;
  return channel === 'whatsapp' ? limits.whatsappMessageUsd : smsSegments(body) * limits.smsSegmentUsd;
}
