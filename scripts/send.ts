// A Twilio stand-in on the command line: signs a webhook exactly as Twilio does and posts it.
// Usage: npm run send -- /sms From=+996700123456 Body="жардам"    (PORT, PUBLIC_BASE_URL, TWILIO_AUTH_TOKEN as for npm start)
import { randomBytes } from 'node:crypto';
import { LOCAL_DEFAULTS } from '../local/hotline.js';
import { twilioSignature } from '../shared/twilio/signature.js';

const [path = '/sms', ...pairs] = process.argv.slice(2);
const port = Number(process.env.PORT ?? LOCAL_DEFAULTS.port);
const target = `http://127.0.0.1:${port}`;
const publicBaseUrl = (process.env.PUBLIC_BASE_URL ?? target).replace(/\/+$/, '');
const authToken = process.env.TWILIO_AUTH_TOKEN ?? LOCAL_DEFAULTS.twilioAuthToken;

const sid = (prefix: string) => `${prefix}${randomBytes(16).toString('hex')}`;
const defaults: Record<string, string> = path.startsWith('/voice')
  ? {
      CallSid: sid('CA'),
      AccountSid: sid('AC'),
      From: '+996700123456',
      To: '+381110000000',
      CallStatus: 'in-progress',
    }
  : { MessageSid: sid('SM'), AccountSid: sid('AC'), From: '+996700123456', To: '+381110000000', Body: '' };
const params: Record<string, string> = { ...defaults };
for (const pair of pairs) {
  const at = pair.indexOf('=');
  if (at < 1) throw new Error(`Expected Name=value, got "${pair}"`);
  params[pair.slice(0, at)] = pair.slice(at + 1);
}

const signature = twilioSignature(authToken, `${publicBaseUrl}${path}`, params);
const response = await fetch(`${target}${path}`, {
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
  body: new URLSearchParams(params).toString(),
});
process.stdout.write(
  `${response.status} ${response.headers.get('content-type') ?? ''}\n${await response.text()}\n`,
);
