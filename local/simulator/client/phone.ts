// The migrant's phone: one thread per number and channel. Typing another number (or choosing another
// channel) shows that pair's own thread, empty until it has messages; what arrives for a thread not on
// screen is counted as new next to its channel, so nothing lands in the wrong thread or goes unseen.
import { chatIdOf, normal } from './channels.js';
import { $, $input, makeBubble } from './dom.js';
import { t } from './labels.js';
import { HOTLINE_NUMBER } from './net.js';
import { volunteerPhones } from './volunteers.js';

/** The way the phone writes: `sms` and `whatsapp` (Twilio), `sim` (the Serbian SIM), `telegram`. */
export const CHANNELS = ['sms', 'whatsapp', 'sim', 'telegram'] as const;
export type PhoneChannel = (typeof CHANNELS)[number];

const isChannel = (value: string | undefined): value is PhoneChannel =>
  (CHANNELS as readonly string[]).includes(value ?? '');

export const phoneNumber = (): string => $input('from').value.trim();

export function currentChannel(): PhoneChannel {
  const value = document.querySelector<HTMLInputElement>('input[name="channel"]:checked')?.value;
  return isChannel(value) ? value : 'sms';
}

/** Key → the thread's messages (list items), shown when that number and channel are chosen. */
const threads = new Map<string, HTMLLIElement[]>();
/** Messages that came into a thread other than the one on screen: key → count. */
const unread = new Map<string, number>();

export const threadKey = (number: string, channel: PhoneChannel): string => `${normal(number)}|${channel}`;
const currentKey = () => threadKey(phoneNumber(), currentChannel());

/**
 * The number on screen, or one the phone had a thread for (and no volunteer's): its messages land in its
 * threads, not under "other numbers".
 */
export const isMigrant = (number: string): boolean =>
  normal(number) === normal(phoneNumber()) ||
  (!volunteerPhones.has(number) && CHANNELS.some((channel) => threads.has(threadKey(number, channel))));

/** Adds a message to the thread of this number and channel; counts it as new if that thread is not on screen. */
export function addToThread(
  number: string,
  channel: PhoneChannel,
  text: string,
  kind: string,
  note?: string,
): HTMLLIElement {
  const key = threadKey(number, channel);
  const item = makeBubble(text, kind, note);
  const messages = threads.get(key) ?? [];
  messages.push(item);
  threads.set(key, messages);
  if (key === currentKey()) {
    const thread = $('thread');
    thread.append(item);
    thread.scrollTop = thread.scrollHeight;
  } else {
    unread.set(key, (unread.get(key) ?? 0) + 1);
    showUnread();
  }
  return item;
}

/** Marks a text the phone sent as not delivered, with why, on the bubble itself. */
export function markFailed(item: HTMLLIElement, why: string): void {
  item.classList.add('failed');
  const note = document.createElement('span');
  note.className = 'meta error-note';
  note.textContent = `${t('notSent')}: ${why}`;
  item.append(note);
}

/** Shows the thread of the number and channel chosen now. */
export function showThread(): void {
  const key = currentKey();
  const thread = $('thread');
  thread.replaceChildren(...(threads.get(key) ?? []));
  thread.scrollTop = thread.scrollHeight;
  thread.dataset.number = normal(phoneNumber());
  unread.delete(key);
  showUnread();
  showThreadHead();
  const channel = currentChannel();
  $input('body').placeholder =
    channel === 'telegram' ? '/start ky · /start ru · ЖАРДАМ / ПОМОЩЬ / 0' : 'ЖАРДАМ / ПОМОЩЬ / 0';
  $('telegram-start').hidden = channel !== 'telegram';
}

/** What the phone is talking to, in words: the hotline's number, its Serbian SIM, or its Telegram bot. */
export function showThreadHead(): void {
  const channel = currentChannel();
  const head = t(`head_${channel}`);
  $('thread-head').textContent =
    channel === 'telegram'
      ? `${head} ${chatIdOf(phoneNumber())}`
      : channel === 'sim'
        ? head
        : `${head} ${HOTLINE_NUMBER}`;
  $('thread').setAttribute('aria-label', `${t(`channel_${channel}`)} · ${normal(phoneNumber())}`);
}

/** A count of new messages next to each other channel of this number, so nothing arrives unseen. */
export function showUnread(): void {
  for (const channel of CHANNELS) {
    const mark = document.querySelector<HTMLElement>(`.unread[data-channel="${channel}"]`);
    if (!mark) continue;
    const count = unread.get(threadKey(phoneNumber(), channel)) ?? 0;
    mark.hidden = count === 0;
    mark.textContent = count ? `${count} ${t('unread')}` : '';
  }
}
