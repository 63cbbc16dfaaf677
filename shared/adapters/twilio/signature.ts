// Twilio request signing, by the twilio library's own code (deep import: the package root and its REST
// client would add megabytes and ~100 ms of cold start to every webhook).
import { getExpectedTwilioSignature, validateRequest } from 'twilio/lib/webhooks/webhooks.js';

export type TwilioParams = Record<string, string>;

export function isValidTwilioSignature(
  authToken: string,
  signature: string,
  url: string,
  params: TwilioParams,
): boolean {
  return validateRequest(authToken, signature, url, params);
}

/** The signature Twilio would send for this URL and form; local tools and tests sign with it. */
export function twilioSignature(authToken: string, url: string, params: TwilioParams): string {
  return getExpectedTwilioSignature(authToken, url, params);
}
