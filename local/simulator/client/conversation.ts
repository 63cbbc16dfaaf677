// Texts both ways: the migrant's phone and the volunteers' phones writing to the hotline, and everything
// the hotline sends back, in its TwiML answer or through the outbox. A text that could not be sent says so
// on its bubble and in the page's error line.
import type { OutboxMessage } from '../../outbox.js';
import { bare, chatIdOf, normal, postTelegram, postToSim } from './channels.js';
import { $, labelled, randomSid } from './dom.js';
import { clearError, describeError, otherNumber, showError } from './hood.js';
import { t } from './labels.js';
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
import { costLabel } from './segments.js';
import { belgradeTime } from './time.js';
import {
  refreshVolunteers,
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
 */
function deliver(reply: TwimlReply, sender: string, channel: PhoneChannel): void {
  for (const message of Array.from(reply.document.querySelectorAll('Message'))) {
    const to = message.getAttribute('to');
    const from = message.getAttribute('from') || (to ? HOTLINE_NUMBER : '');
    const text = message.textContent ?? '';
    const target = to ? bare(to) : sender;
    const via: PhoneChannel = to ? (/^whatsapp:/i.test(to) ? 'whatsapp' : 'sms') : channel;
    const volunteer = volunteerPhones.get(target);
    if (isMigrant(target)) {
      // The migrant: a reply to their own text, or words a volunteer sent through the hotline.
      if (!to || normal(sender) === normal(target)) addToThread(target, via, text, 'out', costLabel(text));
      else addToThread(target, via, text, 'out relay', `${fromHotline(from)} · ${costLabel(text)}`);
    } else if (volunteer) {
      volunteerBubble(volunteer, text, 'out', fromHotline(from || HOTLINE_NUMBER));
    } else {
      otherNumber(target, text, fromHotline(from || HOTLINE_NUMBER));
    }
  }
}

/**
 * The migrant writes `body` from `number` on `channel`. Twilio answers SMS and WhatsApp in the TwiML
 * reply; the SIM and Telegram answer through the outbox, which afterRequest reads into this thread.
 * An empty text is not sent.
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
      deliver(reply, number, channel);
      clearError();
      await afterRequest(key);
      return true;
    }
  } catch (error) {
    markFailed(item, describeError(error));
    showError(error);
    return false;
  }
  clearError();
  await refreshVolunteers();
  await afterRequest(key);
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

/** The phone and channel an outbox message reaches: a Telegram chat is the phone whose digits it is. */
function outboxAddress(message: OutboxMessage): { number: string; channel: PhoneChannel } {
  if (message.channel === 'telegram') return { number: `+${message.to}`, channel: 'telegram' };
  if (message.channel === 'sms-gateway') return { number: message.to, channel: 'sim' };
  if (message.channel === 'whatsapp') return { number: bare(message.to), channel: 'whatsapp' };
  return { number: bare(message.to), channel: 'sms' };
}

const outboxVia = (message: OutboxMessage): string =>
  message.channel === 'telegram'
    ? 'Telegram'
    : `${message.channel === 'sms-gateway' ? t('viaSim') : message.channel === 'whatsapp' ? 'WhatsApp' : 'SMS'} · ${costLabel(message.body)}`;

/**
 * Shows what was sent outside replies: the timeline lists it all, each phone gets its new messages.
 * `cause`: the thread whose text made the request (its Telegram and SIM messages are replies), or
 * 'volunteer' (a volunteer's words relayed to the migrant); anything else is a reminder or a notice.
 */
export async function refreshOutbox(cause?: string): Promise<void> {
  const outbox = await getJson<OutboxMessage[]>('/_local/outbox');
  $('timeline').replaceChildren(
    ...outbox.map((message) => {
      const item = document.createElement('li');
      item.textContent = `${belgradeTime(message.at)} → ${message.to}\n${message.body}\n${outboxVia(message)}`;
      return item;
    }),
  );
  const fresh = outbox.slice(shownOutbox);
  shownOutbox = Math.max(shownOutbox, outbox.length);
  for (const message of fresh) {
    const { number, channel } = outboxAddress(message);
    const sent = `${belgradeTime(message.at)} · ${outboxVia(message)}`;
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
    } else if (channel !== 'telegram' && volunteer)
      volunteerBubble(
        volunteer,
        message.body,
        'out reminder',
        message.from ? `${fromHotline(message.from)} · ${sent}` : `${sent} · ${t('fromHotline')}`,
      );
    else otherNumber(channel === 'telegram' ? `Telegram ${message.to}` : number, message.body, sent);
  }
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

// ---------- under the hood: cases and the stored state ----------
interface OpenCase {
  code: string;
  status: string;
  language?: string;
  volunteerId?: string;
  events?: { kind: string }[];
  nextActionAt?: string;
}

/** Open and taken cases (never a caller's number), for the "under the hood" table. */
export async function refreshCases(): Promise<void> {
  let cases: OpenCase[] = [];
  try {
    cases = await getJson<OpenCase[]>('/_local/cases');
  } catch {
    cases = [];
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
    cell((item.events ?? []).map((e) => e.kind).join(' → '), 'history');
    cell(item.nextActionAt ? belgradeTime(item.nextActionAt) : '—');
    return row;
  });
  $('cases-body').replaceChildren(...rows);
  $('cases').hidden = rows.length === 0;
  $('no-cases').hidden = rows.length > 0;
}

export async function refreshState(): Promise<void> {
  // A Telegram caller is stored under their chat, not their number.
  const address = currentChannel() === 'telegram' ? `telegram:${chatIdOf(phoneNumber())}` : phoneNumber();
  const state = await getJson<{ items: unknown[] }>(`/_local/caller?phone=${encodeURIComponent(address)}`);
  $('state').textContent = JSON.stringify(state.items, null, 2);
}

/**
 * After anything the hotline answered: what it sent outside replies, the cases, this number's state.
 * `cause`: the thread whose text made the request, or 'volunteer' (see refreshOutbox). A read that fails
 * shows in the error line.
 */
export async function afterRequest(cause?: string): Promise<void> {
  await Promise.all([refreshOutbox(cause), refreshCases(), refreshState()]).catch(showError);
}

/** After the clock moved or the scheduled jobs ran: who is on shift, and everything above. */
export async function afterTimeChange(): Promise<void> {
  await refreshVolunteers();
  await afterRequest();
}
