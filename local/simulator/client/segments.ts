// What an SMS costs, as the page labels each text: the segments the hotline counts for its spending limits
// (shared/limits/settings.ts, the same function the webhooks use) and the encoding Twilio sends it in.
import { SegmentedMessage } from 'sms-segments-calculator';
import { smsSegments } from '../../../shared/limits/settings.js';
import { t } from './labels.js';

/** `2 segments · UCS-2`. */
export function costLabel(text: string): string {
  const count = smsSegments(text);
  const encoding = new SegmentedMessage(text).getEncodingName();
  return `${count} ${t(count === 1 ? 'segment' : 'segments')} · ${encoding}`;
}
