// Talking to /console/api, and the few DOM helpers every view uses. Every text from the server goes
// into the page as text nodes (`append`, `textContent`), never as HTML.
import type { ApiError } from '../../../shared/console/api.js';
import { type Key, t, uiLanguage } from './i18n.js';

/** The server answered with an error (4xx, or 5xx). */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiError | undefined,
  ) {
    super(body?.message ?? `HTTP ${status}`);
  }
  get code(): ApiError['error'] | undefined {
    return this.body?.error;
  }
}

/** fetch itself failed: no network, or the server is down. */
export class Unreachable extends Error {}

let signedOut: () => void = () => {};

/** What to do when a read or command answers 401 (sign-in routes excepted: 401 there is a wrong code). */
export function onSignedOut(handler: () => void): void {
  signedOut = handler;
}

export function get<T>(path: string): Promise<T> {
  return call<T>(path, { credentials: 'same-origin' });
}

export function post<T>(path: string, body: unknown = {}): Promise<T> {
  return call<T>(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    credentials: 'same-origin',
  });
}

async function call<T>(path: string, init: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch {
    showBanner(true);
    throw new Unreachable('network');
  }
  const text = await response.text().catch(() => '');
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  showBanner(response.status >= 500);
  if (response.ok) return body as T;
  const error = isApiError(body) ? body : undefined;
  if (response.status === 401 && !path.startsWith('/console/api/sign-in')) signedOut();
  throw new ApiFailure(response.status, error);
}

function isApiError(value: unknown): value is ApiError {
  return typeof value === 'object' && value !== null && typeof (value as ApiError).error === 'string';
}

function showBanner(show: boolean): void {
  byId('banner').hidden = !show;
}

const ERROR_LABELS: Record<ApiError['error'], Key> = {
  bad_request: 'errBadRequest',
  signed_out: 'errSignedOut',
  wrong_origin: 'errNotAllowed',
  wrong_code: 'wrongCode',
  locked: 'locked',
  not_found: 'gone',
  not_allowed: 'errNotAllowed',
  conflict: 'errConflict',
  cannot_text: 'errCannotText',
  whatsapp_window_closed: 'errWhatsapp',
  server_error: 'errServer',
};

/**
 * A line for the status area. The server's sentence is English: shown as is in English, and after the
 * label where it carries details the label cannot (who took the case, which fields are wrong).
 */
export function errorText(error: unknown): string {
  if (!(error instanceof ApiFailure)) return t('offline');
  const code = error.code ?? (error.status >= 500 ? 'server_error' : 'bad_request');
  const message = error.body?.message ?? '';
  if (code === 'locked')
    return t('locked', { n: Math.max(1, Math.ceil((error.body?.retryAfterSeconds ?? 60) / 60)) });
  if (uiLanguage() === 'en' && message) return message;
  const label = t(ERROR_LABELS[code]);
  return (code === 'bad_request' || code === 'conflict') && message ? `${label} (${message})` : label;
}

let statusTimer: ReturnType<typeof setTimeout> | undefined;

/** The one status line (role=status); it empties itself after a while. */
export function setStatus(text: string): void {
  const node = byId('status');
  node.textContent = text;
  clearTimeout(statusTimer);
  if (text) statusTimer = setTimeout(() => setStatus(''), 12_000);
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`the page has no #${id}`);
  return node as T;
}

/** A new element with attributes and children (strings become text nodes). */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}
