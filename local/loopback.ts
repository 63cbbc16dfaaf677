// The local runtime may sit behind a tunnel (ngrok, cloudflared…) so that a real Twilio number reaches a
// laptop. Through a tunnel only the webhooks and the prompt audio answer: the page, the signing route and
// every /_local/* route answer only a request made on this machine to a loopback address, with no sign
// of a proxy on the way. Tunnels connect from loopback too, so the address alone proves nothing; they do
// set the Host they were called by and forwarding headers.
import type { IncomingMessage } from 'node:http';
import { isLoopbackAddress, isLoopbackHost } from '../shared/http/loopback-host.js';

/** Headers a proxy or tunnel adds; any of them means the request came from elsewhere. */
const PROXY_HEADERS = [
  'forwarded',
  'via',
  'x-real-ip',
  'cf-connecting-ip',
  'true-client-ip',
  'x-original-host',
];

export { isLoopbackAddress, isLoopbackHost };

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
