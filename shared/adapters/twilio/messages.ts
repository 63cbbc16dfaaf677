// Sending a text from the hotline's own Twilio number through Twilio's REST API (`POST …/Messages.json`),
// for messages that are not the inline answer to a webhook: a volunteer's reply from the console, sign-in
// codes, notices that a Telegram or SIM caller's words cause. SMS, and WhatsApp (`whatsapp:` on both
// numbers). One form POST with fetch, as for recordings: the twilio REST client is too heavy for a bundle.
import type { Channel } from '../../callers/caller.js';
import {
  type Notifier,
  type OutgoingSms,
  type SentSms,
  SmsOutcomeUnknownError,
  SmsRejectedError,
} from '../../ports/notifier.js';

export interface TwilioMessagesAccount {
  accountSid: string;
  authToken: string;
  /** `https://api.twilio.com`, or the local runtime's stand-in. */
  apiBase: string;
  /** The hotline's Twilio number (E.164): texts come from it, so the answer to one comes back to the hotline. */
  number: string;
}

export function twilioMessagesNotifier(
  account: TwilioMessagesAccount,
  fetchFn: typeof fetch = fetch,
): Notifier {
  const auth = Buffer.from(`${account.accountSid}:${account.authToken}`).toString('base64');
  const url = `${account.apiBase}/2010-04-01/Accounts/${encodeURIComponent(account.accountSid)}/Messages.json`;
  return {
    async sendSms(sms: OutgoingSms): Promise<SentSms> {
      const { to, from } = addresses(account.number, sms.to, sms.channel);
      let response: Response;
      try {
        response = await fetchFn(url, {
          method: 'POST',
          headers: {
            authorization: `Basic ${auth}`,
            'content-type': 'application/x-www-form-urlencoded',
          },
          body: new URLSearchParams({ To: to, From: from, Body: sms.body }).toString(),
          signal: AbortSignal.timeout(5000),
        });
      } catch (error) {
        // Twilio may have taken it: sending again could text twice.
        throw new SmsOutcomeUnknownError(error instanceof Error ? error.name : 'unknown');
      }
      const answer = (await response.json().catch(() => ({}))) as { sid?: unknown; code?: unknown };
      if (response.status === 201 || response.status === 200) return { messageId: String(answer.sid ?? '') };
      const code = typeof answer.code === 'number' ? answer.code : undefined;
      const name = `Twilio${code ?? response.status}`;
      // Too many requests, or Twilio said it could not take it now: nothing was created.
      if (response.status === 429 || response.status === 503) throw new SmsRejectedError(name, true);
      if (response.status >= 500) throw new SmsOutcomeUnknownError(name);
      // A wrong or revoked auth token is the deployment's to fix: the outbox keeps trying meanwhile. Any other
      // refusal (a bad number, STOP, a region not enabled, WhatsApp's closed window) is final.
      throw new SmsRejectedError(name, response.status === 401 || response.status === 403);
    },
  };
}

/** The `To` and `From` of a text on a channel: WhatsApp numbers carry the `whatsapp:` prefix. */
export function addresses(
  number: string,
  to: string,
  channel: Channel | undefined,
): { to: string; from: string } {
  const hotline = number.replace(/^whatsapp:/i, '');
  const recipient = to.replace(/^whatsapp:/i, '');
  return channel === 'whatsapp'
    ? { to: `whatsapp:${recipient}`, from: `whatsapp:${hotline}` }
    : { to: recipient, from: hotline };
}
