// "How it works": each request with what it sent and what came back (the last MAX_LOG of them, in a
// collapsed box of its own, so the page never grows with the log); and the page's error line, so that
// nothing that goes wrong goes unseen.
import { $ } from './dom.js';
import { t } from './labels.js';

/** How many requests the log keeps on the page; the count next to its title says how many there were. */
export const MAX_LOG = 30;
let logged = 0;

/** "the last 30 of 112", or just the count while it is under the cap. */
export function showLogCount(): void {
  const shown = $('log').children.length;
  $('log-count').textContent =
    logged > shown ? `(${t('logCount', { shown, total: logged })})` : `(${logged})`;
}

export function logRequest(title: string, params: unknown, statusCode: number, body: string): void {
  const item = document.createElement('li');
  if (statusCode >= 400) item.className = 'failed';
  const heading = document.createElement('strong');
  heading.textContent = `${title} → ${statusCode}`;
  const request = document.createElement('pre');
  request.textContent = params ? JSON.stringify(params, null, 1) : '';
  const answer = document.createElement('pre');
  answer.textContent = body;
  item.append(heading, request, answer);
  const log = $('log');
  log.prepend(item);
  while (log.children.length > MAX_LOG) log.lastElementChild?.remove();
  logged += 1;
  showLogCount();
}

/** A request the hotline answered with an error status (4xx or 5xx). */
export class RequestFailed extends Error {
  constructor(
    readonly request: string,
    readonly status: number,
  ) {
    super(`${request} → ${status}`);
  }
}

/** fetch itself failed: the local hotline is not running, or the network is gone. */
export class Unreachable extends Error {
  constructor(readonly request: string) {
    super(`${request}: no answer`);
  }
}

/** What went wrong, in a line a person can act on. */
export function describeError(error: unknown): string {
  if (error instanceof Unreachable) return t('unreachable');
  if (error instanceof RequestFailed)
    return `${t('requestFailed')}: ${error.request} → ${t('answered')} ${error.status}`;
  return `${t('requestFailed')}: ${error instanceof Error ? error.message : String(error)}`;
}

/** Shows the error line at the top of the page until it is closed or the next request succeeds. */
export function showError(error: unknown): void {
  $('error-text').textContent = describeError(error);
  $('error').hidden = false;
}

export function clearError(): void {
  $('error').hidden = true;
  $('error-text').textContent = '';
}

/** A message for a number that is neither the migrant's phone on screen nor a volunteer's. */
export function otherNumber(to: string, text: string, note: string): void {
  const item = document.createElement('li');
  item.textContent = `→ ${to}\n${text}\n${note}`;
  $('others').append(item);
  $('others-box').hidden = false;
}
