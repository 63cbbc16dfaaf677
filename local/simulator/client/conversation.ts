// Texts both ways: the migrant's phone and the volunteers' phones writing to the hotline, and everything
// the hotline sends back, in its TwiML answer or through the outbox. A text that could not be sent says so
// on its bubble and in the page's error line; a text the hotline left unanswered says so on the phone.
import type { OutboxMessage } from '../../outbox.js';
import { bare, chatIdOf, normal, postTelegram, postToSim } from './channels.js';
import { $, labelled, randomSid } from './dom.js';
import { clearError, describeError, otherNumber, showError } from './hood.js';
import { isKey, t } from './labels.js';
import { ACCOUNT_SID, getJson, HOTLINE_NUMBER, type TwimlReply, webhook } from './net.js';
import {
  addToThread,
  currentChannel,
  isMigrant,
  markFailed,
  type PhoneChannel,
  phoneNumber,
  threadKey,
} from './phone.js';
import { formatUsd, sumCosts, textCost } from './segments.js';
import { belgradeTime } from './time.js';
import {
  refreshVolunteers,
  showTakeButtons,
  type VolunteerPhone,
  volunteerBubble,
  volunteerName,
  volunteerPhones,
} from './volunteers.js';

/** Who a message came from, as its phone shows it: always the hotline, never the other side. */
const fromHotline = (from: string | null | undefined): string =>
  `${t('fromHotline')} ${bare(from) || HOTLINE_NUMBER}${/^whatsapp:/i.test(from ?? '') ? ' · WhatsApp' : ''}`;

/**
 * Hands every <Message> of a TwiML reply to the phone it is for: one without `to` goes back to the phone
 * that sent the request (`sender`, on its `channel`), one with `to` to the migrant's phone (SMS or
 * WhatsApp, as `to` says), a volunteer's phone, or, for any other number, the "other numbers" list.
 * Returns the threads that got a message.
 */
function deliver(reply: TwimlReply, sender: string, channel: PhoneChannel): Set<string> {
  const reached = new Set<string>();
  for (const message of Array.from(reply.document.querySelectorAll('Message'))) {
    const to = message.getAttribute('to');
    const from = message.getAttribute('from') || (to ? HOTLINE_NUMBER : '');
    const text = message.textContent ?? '';
    const target = to ? bare(to) : sender;
    const via: PhoneChannel = to ? (/^whatsapp:/i.test(to) ? 'whatsapp' : 'sms') : channel;
    const volunteer = volunteerPhones.get(target);
    if (isMigrant(target)) {
      // The migrant: a reply to their own text, or words a volunteer sent through the hotline.
      if (!to || normal(sender) === normal(target)) addToThread(target, via, text, 'out');
      else addToThread(target, via, text, 'out relay', fromHotline(from));
      reached.add(threadKey(target, via));
    } else if (volunteer) {
      volunteerBubble(volunteer, text, 'out', fromHotline(from || HOTLINE_NUMBER));
      reached.add(`volunteer:${target}`);
    } else {
      otherNumber(target, text, fromHotline(from || HOTLINE_NUMBER));
    }
  }
  return reached;
}

/** A Telegram caller is stored under their chat, not their number. */
const storedAddress = (number: string, channel: PhoneChannel): string =>
  channel === 'telegram' ? `telegram:${chatIdOf(number)}` : number;

interface StoredItem {
  type?: string;
  optedOut?: boolean;
  [name: string]: unknown;
}

/** Every item stored for this number (or Telegram chat), as `GET /_local/caller` lists them. */
export async function storedItems(number: string, channel: PhoneChannel): Promise<StoredItem[]> {
  const state = await getJson<{ items: StoredItem[] }>(
    `/_local/caller?phone=${encodeURIComponent(storedAddress(number, channel))}`,
  );
  return state.items;
}

/**
 * The hotline sent nothing back: the phone says so, and says why when the number has stopped (STOP), so
 * silence is never mistaken for a page that hangs.
 */
async function showNoReply(number: string, channel: PhoneChannel): Promise<void> {
  const items = await storedItems(number, channel).catch(() => []);
  const stopped = items.some((item) => item.type === 'caller' && item.optedOut === true);
  addToThread(number, channel, t(stopped ? 'noReplyStopped' : 'noReply'), 'none');
}

/**
 * The migrant writes `body` from `number` on `channel`. Twilio answers SMS and WhatsApp in the TwiML
 * reply; the SIM and Telegram answer through the outbox, which afterRequest reads into this thread.
 * An empty text is not sent. Resolves when every answer is on the page: true if the text was sent.
 */
export async function migrantSends(
  text: string,
  channel: PhoneChannel = currentChannel(),
  number: string = phoneNumber(),
): Promise<boolean> {
  const body = text.trim();
  if (!body || !number) return false;
  const item = addToThread(number, channel, body, 'in');
  const key = threadKey(number, channel);
  let reached = new Set<string>();
  try {
    if (channel === 'telegram') await postTelegram(number, body);
    else if (channel === 'sim') await postToSim(number, body);
    else {
      const whatsapp = channel === 'whatsapp';
      const reply = await webhook('/sms', {
        MessageSid: randomSid('SM'),
        AccountSid: ACCOUNT_SID,
        From: whatsapp ? `whatsapp:${number}` : number,
        To: whatsapp ? `whatsapp:${HOTLINE_NUMBER}` : HOTLINE_NUMBER,
        Body: body,
        NumMedia: '0',
      });
      await refreshVolunteers();
      reached = deliver(reply, number, channel);
    }
  } catch (error) {
    markFailed(item, describeError(error));
    showError(error);
    return false;
  }
  clearError();
  if (channel === 'telegram' || channel === 'sim') await refreshVolunteers();
  const later = await afterRequest(key);
  if (!reached.has(key) && !later.has(key)) await showNoReply(number, channel);
  return true;
}

/** The volunteer texts the hotline number from their phone: a signed /sms webhook, From their number. */
export async function volunteerSends(phone: VolunteerPhone, body: string): Promise<void> {
  const item = volunteerBubble(phone, body, 'in');
  try {
    const reply = await webhook('/sms', {
      MessageSid: randomSid('SM'),
      AccountSid: ACCOUNT_SID,
      From: phone.volunteer.phone,
      To: HOTLINE_NUMBER,
      Body: body,
      NumMedia: '0',
    });
    clearError();
    await refreshVolunteers();
    deliver(reply, phone.volunteer.phone, 'sms');
  } catch (error) {
    markFailed(item, describeError(error));
    showError(error);
    return;
  }
  await afterRequest('volunteer');
}

// ---------- the outbox: what the hotline sent outside a webhook's answer ----------
/** How many messages of the outbox (append-only) the phones already show. */
let shownOutbox = 0;

/**
 * Every message the hotline sent on every channel, once: the TwiML answers' texts (`via: 'twiml'`) and
 * the outbox's, in order (`GET /_local/outbox?inline=1`, after the outbox is drained).
 */
export const everyMessage = (): Promise<OutboxMessage[]> =>
  getJson<OutboxMessage[]>('/_local/outbox?inline=1');

/** The phone and channel an outbox message reaches: a Telegram chat is the phone whose digits it is. */
function outboxAddress(message: OutboxMessage): { number: string; channel: PhoneChannel } {
  if (message.channel === 'telegram') return { number: `+${message.to}`, channel: 'telegram' };
  if (message.channel === 'sms-gateway') return { number: message.to, channel: 'sim' };
  if (message.channel === 'whatsapp') return { number: bare(message.to), channel: 'whatsapp' };
  return { number: bare(message.to), channel: 'sms' };
}

/** The channel in words: SMS, WhatsApp, Serbian SIM, Telegram. */
export const channelName = (message: Pick<OutboxMessage, 'channel'>): string =>
  message.channel === 'telegram'
    ? 'Telegram'
    : message.channel === 'sms-gateway'
      ? t('viaSim')
      : message.channel === 'whatsapp'
        ? 'WhatsApp'
        : 'SMS';

/** Who a message went to, in words: the migrant's number, or the volunteer's name. */
export function recipientName(message: OutboxMessage): string {
  const { number, channel } = outboxAddress(message);
  const volunteer = channel === 'telegram' ? undefined : volunteerPhones.get(number);
  return volunteer ? volunteer.volunteer.name : channel === 'telegram' ? `Telegram ${message.to}` : number;
}

export const isToVolunteer = (message: OutboxMessage): boolean =>
  message.channel !== 'telegram' && volunteerPhones.has(outboxAddress(message).number);

/** "How it works": every text the hotline sent, its segments, encoding and estimated price, and the total. */
function showCosts(messages: OutboxMessage[]): void {
  const rows = messages.map((message) => {
    const cost = textCost(message);
    const row = document.createElement('tr');
    for (const value of [
      belgradeTime(message.at),
      recipientName(message),
      channelName(message),
      message.body,
      cost.segments ? String(cost.segments) : '—',
      cost.encoding || '—',
      formatUsd(cost.usd),
    ]) {
      const cell = document.createElement('td');
      cell.textContent = value;
      row.append(cell);
    }
    row.cells[3]?.classList.add('text');
    return row;
  });
  $('costs-body').replaceChildren(...rows);
  const total = sumCosts(messages);
  $('costs-segments').textContent = String(total.segments);
  $('costs-usd').textContent = formatUsd(total.usd);
  $('costs').hidden = rows.length === 0;
  $('no-texts').hidden = rows.length > 0;
}

/**
 * Shows what was sent outside replies: "How it works" lists it all with its channel and cost, each phone
 * gets its new messages. `cause`: the thread whose text made the request (its Telegram and SIM messages
 * are replies), or 'volunteer' (a volunteer's words relayed to the migrant); anything else is a reminder
 * or a notice. Returns the threads that got a message.
 */
export async function refreshOutbox(cause?: string): Promise<Set<string>> {
  const every = await everyMessage();
  showCosts(every);
  const outbox = every.filter((message) => message.via !== 'twiml');
  $('timeline').replaceChildren(
    ...outbox.map((message) => {
      const item = document.createElement('li');
      item.textContent = `${belgradeTime(message.at)} → ${message.to}\n${message.body}\n${message.channel}${message.from ? ` · from ${message.from}` : ''}${message.smsType ? ` · ${message.smsType}` : ''}`;
      return item;
    }),
  );
  const fresh = outbox.slice(shownOutbox);
  shownOutbox = Math.max(shownOutbox, outbox.length);
  const reached = new Set<string>();
  for (const message of fresh) {
    const { number, channel } = outboxAddress(message);
    const sent = `${belgradeTime(message.at)} · ${channelName(message)}`;
    const volunteer = volunteerPhones.get(number);
    if (isMigrant(number)) {
      const key = threadKey(number, channel);
      // SMS through SNS is a reminder; SMS from the hotline's number (Twilio's API, `from`) is a relay or a notice.
      const kind =
        channel === 'sms' && !message.from
          ? 'out reminder'
          : cause === key
            ? 'out'
            : cause === 'volunteer'
              ? 'out relay'
              : 'out reminder';
      // Relayed words come from the hotline's bot or SIM, never from the volunteer's number.
      const note =
        kind === 'out relay'
          ? message.from
            ? `${fromHotline(message.from)} · ${sent}`
            : `${sent} · ${t('fromHotline')}`
          : sent;
      const item = addToThread(number, channel, message.body, kind, note);
      if (message.choices?.length) addChoices(item, number, channel, message.choices);
      reached.add(key);
    } else if (channel !== 'telegram' && volunteer) {
      volunteerBubble(
        volunteer,
        message.body,
        'out reminder',
        message.from ? `${fromHotline(message.from)} · ${sent}` : `${sent} · ${t('fromHotline')}`,
      );
      reached.add(`volunteer:${number}`);
    } else otherNumber(channel === 'telegram' ? `Telegram ${message.to}` : number, message.body, sent);
  }
  return reached;
}

/** Telegram's buttons under a message (a reply keyboard): a tap sends that text, as typing it would. */
function addChoices(item: HTMLLIElement, number: string, channel: PhoneChannel, choices: string[]): void {
  const row = document.createElement('div');
  row.className = 'choices';
  for (const choice of choices) {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = choice;
    button.addEventListener('click', () => migrantSends(choice, channel, number));
    row.append(button);
  }
  item.append(row);
}

// ---------- cases and the stored state ----------
export interface OpenCase {
  code: string;
  status: string;
  language?: string;
  volunteerId?: string;
  events?: { kind: string; at?: string }[];
  nextActionAt?: string;
}

/** A case event in words ("volunteers on shift told"); one the page has no words for shows as itself. */
function eventWords(kind: string): string {
  const key = `ev_${kind}`;
  return isKey(key) ? t(key) : kind;
}

/** Open and taken cases (never a caller's number), in words; the volunteers' Take buttons follow them. */
export async function refreshCases(): Promise<OpenCase[]> {
  let cases: OpenCase[] = [];
  try {
    cases = await getJson<OpenCase[]>('/_local/cases');
  } catch {
    return [];
  }
  const rows = cases.map((item) => {
    const row = document.createElement('tr');
    const cell = (content: string | Node, className?: string) => {
      const td = document.createElement('td');
      if (className) td.className = className;
      td.append(content);
      row.append(td);
    };
    cell(item.code);
    cell(labelled(`status_${item.status}` as Parameters<typeof labelled>[0]));
    cell(String(item.language ?? '').toUpperCase());
    cell(item.volunteerId ? volunteerName(item.volunteerId) : '—');
    cell((item.events ?? []).map((e) => eventWords(e.kind)).join(' → '), 'history');
    cell(item.status === 'open' && item.nextActionAt ? belgradeTime(item.nextActionAt) : '—');
    return row;
  });
  $('cases-body').replaceChildren(...rows);
  $('cases').hidden = rows.length === 0;
  $('no-cases').hidden = rows.length > 0;
  showTakeButtons(cases);
  return cases;
}

export async function refreshState(): Promise<void> {
  const items = await storedItems(phoneNumber(), currentChannel());
  $('state').textContent = JSON.stringify(items, null, 2);
  showPlannedNext(items);
}

/** The number's next planned reminder, from what is stored for it, in Belgrade time. */
function showPlannedNext(items: readonly StoredItem[]): void {
  const [next] = items
    .filter(
      (item) =>
        String(item.sk ?? '').startsWith('REMINDER#') &&
        typeof item.dueAt === 'string' &&
        // Sent, failed and cancelled reminders carry a status; a planned one has none yet.
        (item.status === undefined || item.status === 'pending'),
    )
    .sort((a, b) => String(a.dueAt).localeCompare(String(b.dueAt)));
  const deadline = String(next?.deadline ?? '').split('-');
  $('planned-next').textContent = next
    ? t('plannedNext', {
        when: belgradeTime(String(next.dueAt)).slice(0, 10),
        deadline:
          deadline.length === 3 ? `${deadline[2]}.${deadline[1]}.${deadline[0]}` : String(next.deadline),
      })
    : t('plannedNone');
}

/**
 * After anything the hotline answered: what it sent outside replies, the cases, this number's state.
 * `cause`: the thread whose text made the request, or 'volunteer' (see refreshOutbox). A read that fails
 * shows in the error line. Returns the threads that got a message.
 */
export async function afterRequest(cause?: string): Promise<Set<string>> {
  try {
    const [reached] = await Promise.all([refreshOutbox(cause), refreshCases(), refreshState()]);
    return reached;
  } catch (error) {
    showError(error);
    return new Set();
  }
}

/** After the clock moved or the scheduled jobs ran: who is on shift, and everything above. */
export async function afterTimeChange(): Promise<void> {
  await refreshVolunteers();
  await afterRequest();
}
