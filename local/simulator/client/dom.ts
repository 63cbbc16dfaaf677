// The few DOM helpers every part of the page uses. Text from the hotline goes in as text nodes, never HTML.
import { type Key, t } from './labels.js';

/** The element with this id; the page's HTML (local/public/index.html) has every id the script names. */
export function $<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing from the page`);
  return element as T;
}

export const $input = (id: string): HTMLInputElement => $<HTMLInputElement>(id);

export function meta(name: string): string {
  return document.querySelector<HTMLMetaElement>(`meta[name="${name}"]`)?.content ?? '';
}

/** A label that follows the page's language (applyLabels re-reads every `data-t`). */
export function labelled(key: Key): HTMLSpanElement {
  const span = document.createElement('span');
  span.dataset.t = key;
  span.textContent = t(key);
  return span;
}

/** A message as a phone shows it: `in` is what the phone's owner sent, `out` what they received. */
export function makeBubble(text: string, kind: string, note?: string): HTMLLIElement {
  const item = document.createElement('li');
  item.className = kind;
  item.textContent = text;
  if (note) {
    const small = document.createElement('span');
    small.className = 'meta';
    small.textContent = note;
    item.append(small);
  }
  return item;
}

/** Adds a message to a thread and scrolls to it. */
export function addBubble(thread: HTMLElement, text: string, kind: string, note?: string): HTMLLIElement {
  const item = makeBubble(text, kind, note);
  thread.append(item);
  thread.scrollTop = thread.scrollHeight;
  return item;
}

export const randomSid = (prefix: string): string =>
  prefix +
  Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
