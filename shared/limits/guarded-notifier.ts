// The Notifier every function sends through outside TwiML (reminders, the chase, voicemail notices, the
// IVR's SMS): texts only to the countries the deployment serves, and each counted in the day's spend.
// Where `ceiling` is set (the IVR's SMS), nothing goes out once the day's ceiling is reached.
import type { Logger } from '../logger.js';
import { type Notifier, type OutgoingSms, type SentSms, SmsRejectedError } from '../ports/notifier.js';
import { addSpend, type Limits } from './guard.js';
import { estimatedUsd, isAllowedDestination } from './settings.js';

export interface GuardedNotifierOptions {
  /** Refuse once the day's spend ceiling is reached (the reminders and volunteers' notices do not). */
  ceiling: boolean;
  now: () => Date;
  log?: Logger | undefined;
}

export class GuardedNotifier implements Notifier {
  constructor(
    private readonly inner: Notifier,
    private readonly limits: Pick<Limits, 'settings' | 'counters'>,
    private readonly options: GuardedNotifierOptions,
  ) {}

  async sendSms(sms: OutgoingSms): Promise<SentSms> {
    const { settings } = this.limits;
    if (!isAllowedDestination(sms.to, settings.allowedCountryCodes, sms.channel)) {
      this.options.log?.warn('limits.destination_dropped', { country: countryOf(sms.to) });
      throw new SmsRejectedError('DestinationNotAllowed', false);
    }
    const spend = await addSpend(
      this.limits,
      this.options.now(),
      estimatedUsd(sms.body, sms.channel === 'whatsapp' ? 'whatsapp' : 'sms', settings),
      !this.options.ceiling,
    );
    if (this.options.ceiling && spend.overCeiling) throw new SmsRejectedError('SpendCeiling', false);
    return this.inner.sendSms(sms);
  }
}

/** The first digits of a number, enough to see which country a dropped text was for. */
export function countryOf(number: string): string {
  return number.replace(/^whatsapp:/i, '').slice(0, 4);
}
