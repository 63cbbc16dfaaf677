// The local runtime may sit behind a tunnel (ngrok, cloudflared…) so that a real Twilio number reaches a
// laptop. Through a tunnel only the webhooks and the prompt audio answer: the page, the signing route and
// every /_local/* route answer only a request made on this machine to a loopback address, with no sign
// of a proxy on the way. Tunnels connect from loopback too, so the address alone proves nothing; they do
// set the Host they were called by and forwarding headers.
import type { IncomingMessage } from 'node:http';

/** Headers a proxy or tunnel adds; any of them means the request came from elsewhere. */
const PROXY_HEADERS = [
  'forwarded',
  'via',
  'x-real-ip',
  'cf-connecting-ip',
  'true-client-ip',
  'x-original-host',
];

export function isLoopbackAddress(address: string): boolean {
  const plain = address.replace(/^::ffff:/i, '');
  return plain === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(plain);
}

/** A Host header (or an Origin's host) naming this machine: 127.x.x.x, [::1] or localhost, any port. */
export function isLoopbackHost(host: string): boolean {
  const name = /^\[([^\]]+)\](?::\d+)?$/.exec(host)?.[1] ?? host.replace(/:\d+$/, '');
  return name.toLowerCase() === 'localhost' || isLoopbackAddress(name);
}

export function isLoopbackRequest(request: IncomingMessage): boolean {
  if (!isLoopbackAddress(request.socket.remoteAddress ?? '')) return false;
  if (!isLoopbackHost(request.headers.host ?? '')) return false;
  for (const name of Object.keys(request.headers)) {
    if (name.startsWith('x-forwarded-') || PROXY_HEADERS.includes(name)) return false;
  }
  // A page on another site may post to 127.0.0.1 from the browser; its Origin gives it away.
  const origin = request.headers.origin;
  if (origin !== undefined) {
    try {
      if (!isLoopbackHost(new URL(origin).host)) return false;
    } catch {
      return false;
    }
  }
  return true;
}
