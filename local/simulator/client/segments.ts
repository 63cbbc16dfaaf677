// What a text costs, as "How it works" lists each one and the tour sums them up: the segments the hotline
// counts for its spending limits and its price estimate (shared/limits/settings.ts, the same functions the
// webhooks and the local runtime's Twilio stand-in use, at the limits' default prices), and the encoding
// the text goes out in (sms-segments-calculator). No price here is the page's own.
import { SegmentedMessage } from 'sms-segments-calculator';
import { DEFAULT_LIMITS, estimatedUsd, smsSegments } from '../../../shared/limits/settings.js';
import type { OutboxMessage } from '../../outbox.js';
import { t } from './labels.js';

/** The prices the estimate uses, for the line that says so. */
export const PRICES = {
  sms: DEFAULT_LIMITS.smsSegmentUsd,
  whatsapp: DEFAULT_LIMITS.whatsappMessageUsd,
} as const;

export interface TextCost {
  /** SMS segments (SMS through Twilio or SNS, and the Serbian SIM's texts); 0 for WhatsApp and Telegram. */
  segments: number;
  /** `GSM-7` or `UCS-2` for an SMS, empty otherwise. */
  encoding: string;
  usd: number;
}

export function textCost(message: Pick<OutboxMessage, 'body' | 'channel'>): TextCost {
  const isSms = message.channel === 'sms' || message.channel === 'sms-gateway';
  return {
    segments: isSms ? smsSegments(message.body) : 0,
    encoding: isSms ? new SegmentedMessage(message.body).getEncodingName() : '',
    usd: estimatedUsd(message.body, message.channel, DEFAULT_LIMITS),
  };
}

/** `1.23`, `0.024`, `0`: dollars to the tenth of a cent, without trailing zeros. */
export const formatUsd = (usd: number): string => String(Number(usd.toFixed(3)));

/** `2 segments · UCS-2`. */
export function costLabel(text: string): string {
  const count = smsSegments(text);
  const encoding = new SegmentedMessage(text).getEncodingName();
  return `${count} ${t(count === 1 ? 'segment' : 'segments')} · ${encoding}`;
}

export interface CostSum {
  messages: number;
  segments: number;
  usd: number;
}

export function sumCosts(messages: readonly Pick<OutboxMessage, 'body' | 'channel'>[]): CostSum {
  return messages.reduce<CostSum>(
    (sum, message) => {
      const cost = textCost(message);
      return { messages: sum.messages + 1, segments: sum.segments + cost.segments, usd: sum.usd + cost.usd };
    },
    { messages: 0, segments: 0, usd: 0 },
  );
}

/** The line under every cost: which prices, and what is left out. */
export const costBasis = (): string =>
  t('costBasis', { sms: formatUsd(PRICES.sms), whatsapp: formatUsd(PRICES.whatsapp) });
