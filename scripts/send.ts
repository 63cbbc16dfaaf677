// A Twilio stand-in on the command line: signs a webhook exactly as Twilio does and posts it.
// Usage: npm run send -- /sms From=+996700123456 Body="жардам"
// It finds the running `npm start` through .local-data/runtime.json (its address and public URL); PORT,
// PUBLIC_BASE_URL and TWILIO_AUTH_TOKEN, when set, win. A runtime started with a token of its own signs
// for it (on this machine only), so that token need not be typed again.
import { randomBytes } from 'node:crypto';
import { LOCAL_DEFAULTS } from '../local/hotline.js';
import { readRuntimeInfo } from '../local/runtime-file.js';
import { twilioSignature } from '../shared/adapters/twilio/signature.js';

const [path = '/sms', ...pairs] = process.argv.slice(2);
const running = readRuntimeInfo();
const target = process.env.PORT
  ? `http://127.0.0.1:${process.env.PORT}`
  : (running?.url ?? `http://127.0.0.1:${LOCAL_DEFAULTS.port}`);
const publicBaseUrl = (process.env.PUBLIC_BASE_URL ?? running?.publicBaseUrl ?? target).replace(/\/+$/, '');

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

if (!path.startsWith('/')) fail(`The first argument is the path, like /sms or /voice; got "${path}".`);
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
  if (at < 1) fail(`Expected Name=value, got "${pair}".`);
  params[pair.slice(0, at)] = pair.slice(at + 1);
}

async function signature(url: string): Promise<string> {
  const token = process.env.TWILIO_AUTH_TOKEN;
  if (token || !running || running.defaultToken) {
    return twilioSignature(token ?? LOCAL_DEFAULTS.twilioAuthToken, url, params);
  }
  const signed = await fetch(`${target}/_local/sign`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ url, params }),
  });
  if (!signed.ok) fail(`The hotline at ${target} would not sign the request (${signed.status}).`);
  return ((await signed.json()) as { signature: string }).signature;
}

try {
  const url = `${publicBaseUrl}${path}`;
  const response = await fetch(`${target}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': await signature(url),
    },
    body: new URLSearchParams(params).toString(),
  });
  process.stdout.write(
    `${response.status} ${response.headers.get('content-type') ?? ''}\n${await response.text()}\n`,
  );
} catch (error) {
  const code = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
  fail(
    `Nothing answers at ${target} (${code}). Start the hotline with \`npm start\` in another terminal${
      running ? '' : ', or set PORT to the port it runs on'
    }.`,
  );
}
