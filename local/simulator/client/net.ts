// Requests to the local hotline: Twilio's webhooks signed as Twilio signs them (HMAC-SHA1 over the URL and
// the sorted form; the local runtime signs for the page at /_local/sign, so the auth token never reaches
// the browser) and the local runtime's documented /_local routes. Every request that fails throws, so the
// page can show it: Unreachable when nothing answers, RequestFailed with the status otherwise.
import { meta } from './dom.js';
import { logRequest, RequestFailed, Unreachable } from './hood.js';

export const publicBaseUrl = meta('hotline-public-base-url').replace(/\/+$/, '');
export const HOTLINE_NUMBER = '+381110000000';
export const ACCOUNT_SID = 'ACsimulator';

/** fetch, with "nothing answered" as an Unreachable naming the request. */
export async function send(path: string, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(path, init);
  } catch {
    throw new Unreachable(`${init?.method ?? 'GET'} ${path}`);
  }
}

/** A JSON answer of a /_local route; an error status throws. */
export async function getJson<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await send(path, init);
  if (!response.ok) throw new RequestFailed(`${init?.method ?? 'GET'} ${path}`, response.status);
  return (await response.json()) as T;
}

/** A /_local route the person asked for (the clock, the jobs): logged under the hood with its answer. */
export async function localJson<T>(path: string, init?: RequestInit): Promise<T> {
  const title = `${init?.method ?? 'GET'} ${path}`;
  const response = await send(path, init);
  const text = await response.text();
  logRequest(
    title,
    typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    response.status,
    text,
  );
  if (!response.ok) throw new RequestFailed(title, response.status);
  return JSON.parse(text) as T;
}

export const postJson = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

/** The signature Twilio would send, from the local runtime (loopback only). */
async function sign(url: string, params: Record<string, string>): Promise<string> {
  const { signature } = await getJson<{ signature: string }>('/_local/sign', postJson({ url, params }));
  return signature;
}

export interface TwimlReply {
  url: string;
  status: number;
  document: XMLDocument;
}

/** Posts a webhook the way Twilio does: to the public URL (absolute or relative to it), signed. */
export async function webhook(url: string, params: Record<string, string>): Promise<TwimlReply> {
  const absolute = new URL(url, `${publicBaseUrl}/`).toString();
  const signature = await sign(absolute, params);
  const local = new URL(absolute);
  const path = local.pathname + local.search;
  const response = await send(path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
    body: new URLSearchParams(params),
  });
  const text = await response.text();
  logRequest(`POST ${path}`, params, response.status, text);
  if (!response.ok) throw new RequestFailed(`POST ${path}`, response.status);
  return {
    url: absolute,
    status: response.status,
    document: new DOMParser().parseFromString(text, 'text/xml'),
  };
}
