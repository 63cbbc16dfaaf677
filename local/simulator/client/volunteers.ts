// Volunteer phones: one per volunteer on the local roster, each texting the hotline number from its own
// number, as the volunteer would. Neither side ever sees the other's number, only the hotline's.
import { $, addBubble, labelled } from './dom.js';
import { t } from './labels.js';
import { getJson, HOTLINE_NUMBER } from './net.js';
import { recordingIn, voicemailPlayer } from './voicemail.js';

/** A volunteer as /_local/volunteers lists them (no PIN hash; a sample volunteer's printed PIN). */
export interface RosterVolunteer {
  volunteerId: string;
  name: string;
  phone: string;
  active: boolean;
  onShift: boolean;
  coordinator?: boolean;
  languages: string[];
  shifts: { days: string[]; from: string; to: string }[];
  samplePin?: string;
}

export interface VolunteerPhone {
  volunteer: RosterVolunteer;
  element: HTMLElement;
  thread: HTMLOListElement;
  name: HTMLHeadingElement;
  labelName: HTMLSpanElement;
  shift: HTMLSpanElement;
  coordinator: HTMLSpanElement;
  about: HTMLParagraphElement;
}

/** Phone number → the volunteer's phone on the page. */
export const volunteerPhones = new Map<string, VolunteerPhone>();

let sendFromVolunteer: (phone: VolunteerPhone, body: string) => Promise<void> = async () => {};

/** What a volunteer's Send (and a notification's Take) does: set once by the page. */
export function onVolunteerSend(handler: (phone: VolunteerPhone, body: string) => Promise<void>): void {
  sendFromVolunteer = handler;
}

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

function shiftLabel(shift: RosterVolunteer['shifts'][number]): string {
  const names = t('weekdays').split(' ');
  const day = (d: string) => names[WEEKDAYS.indexOf(d)] ?? d;
  const days = shift.days.join(',');
  const when =
    days === WEEKDAYS.join(',')
      ? t('daily')
      : days === WEEKDAYS.slice(0, 5).join(',')
        ? `${day('mon')}–${day('fri')}`
        : shift.days.map(day).join(' ');
  return `${when} ${shift.from}–${shift.to}`;
}

function createVolunteerPhone(volunteer: RosterVolunteer): VolunteerPhone {
  const id = `volunteer-${volunteer.volunteerId}`;
  const element = document.createElement('article');
  element.className = 'volunteer';
  element.id = id;
  element.setAttribute('aria-labelledby', `${id}-name`);

  const head = document.createElement('div');
  head.className = 'volunteer-head';
  const name = document.createElement('h3');
  name.id = `${id}-name`;
  const shift = document.createElement('span');
  shift.className = 'badge shift';
  const coordinator = labelled('coordinator');
  coordinator.className = 'badge coordinator';
  head.append(name, shift, coordinator);

  const about = document.createElement('p');
  about.className = 'meta about';

  const threadHead = document.createElement('p');
  threadHead.className = 'thread-head';
  threadHead.append(labelled('chatWith'), ` ${HOTLINE_NUMBER}`);

  const thread = document.createElement('ol');
  thread.className = 'thread small';
  thread.setAttribute('aria-live', 'polite');
  thread.setAttribute('aria-labelledby', `${id}-name`);
  // A thread scrolls inside its phone: the keyboard can reach and scroll it too.
  thread.dataset.scrolls = '';
  thread.tabIndex = 0;

  const form = document.createElement('form');
  form.className = 'compose';
  const label = document.createElement('label');
  label.className = 'visually-hidden';
  label.htmlFor = `${id}-body`;
  const labelName = document.createElement('span');
  label.append(labelled('messageFrom'), ' ', labelName);
  const input = document.createElement('input');
  input.id = `${id}-body`;
  input.autocomplete = 'off';
  input.placeholder = 'TAKE 123456 · R 123456 … · LIST';
  const button = document.createElement('button');
  button.type = 'submit';
  button.append(labelled('send'));
  form.append(label, input, button);

  const phone: VolunteerPhone = { volunteer, element, thread, name, labelName, shift, coordinator, about };
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = input.value.trim();
    if (!body) return;
    input.value = '';
    await sendFromVolunteer(phone, body);
  });
  element.append(head, about, threadHead, thread, form);
  $('volunteers').append(element);
  return phone;
}

export function updateVolunteerPhone(phone: VolunteerPhone, volunteer: RosterVolunteer): void {
  phone.volunteer = volunteer;
  phone.name.textContent = volunteer.name;
  phone.labelName.textContent = volunteer.name;
  const state = !volunteer.active ? 'inactive' : volunteer.onShift ? 'onShift' : 'offShift';
  phone.shift.dataset.t = state;
  phone.shift.textContent = t(state);
  phone.shift.classList.toggle('on', state === 'onShift');
  phone.shift.classList.toggle('off', state !== 'onShift');
  phone.coordinator.hidden = !volunteer.coordinator;
  const shifts = volunteer.shifts.length ? volunteer.shifts.map(shiftLabel).join('; ') : null;
  phone.about.replaceChildren(
    `${volunteer.languages.map((l) => l.toUpperCase()).join(', ')} · ${volunteer.phone}`,
    document.createElement('br'),
    labelled('shifts'),
    ': ',
    ...(shifts ? [shifts] : [labelled('noShifts')]),
  );
}

/**
 * Re-reads the roster (on/off shift at the simulated time) and keeps one phone per volunteer. A roster
 * that cannot be read leaves the phones as they are (the request that failed says why).
 */
export async function refreshVolunteers(): Promise<void> {
  let roster: RosterVolunteer[] = [];
  try {
    roster = await getJson<RosterVolunteer[]>('/_local/volunteers');
  } catch {
    roster = [];
  }
  for (const volunteer of roster) {
    let phone = volunteerPhones.get(volunteer.phone);
    if (!phone) {
      // A volunteer whose number changed keeps their phone on the page, under the new number.
      phone = [...volunteerPhones.values()].find((p) => p.volunteer.volunteerId === volunteer.volunteerId);
      if (phone) volunteerPhones.delete(phone.volunteer.phone);
      else phone = createVolunteerPhone(volunteer);
      volunteerPhones.set(volunteer.phone, phone);
    }
    updateVolunteerPhone(phone, volunteer);
  }
  $('volunteers-empty').hidden = volunteerPhones.size > 0;
}

export const volunteerName = (volunteerId: string): string =>
  [...volunteerPhones.values()].find((p) => p.volunteer.volunteerId === volunteerId)?.volunteer.name ??
  volunteerId;

/** Every Take button on a volunteer's phone, with its case code: they follow the case (showTakeButtons). */
const takeButtons: {
  phone: VolunteerPhone;
  code: string;
  button: HTMLButtonElement;
  state: HTMLSpanElement;
}[] = [];

/**
 * The volunteer takes the case: `TAKE <code>` from their phone, with a sample volunteer's PIN
 * (local/roster.sample.json) after the code, as they would type it. What the Take button sends.
 */
export async function takeCase(phone: VolunteerPhone, code: string): Promise<void> {
  const pin = phone.volunteer.samplePin;
  for (const take of takeButtons) if (take.code === code && take.phone === phone) take.button.disabled = true;
  await sendFromVolunteer(phone, pin ? `TAKE ${code} ${pin}` : `TAKE ${code}`);
}

/** The Take button for this case on this volunteer's phone (the last notification's), if there is one. */
export const takeButtonOf = (phone: VolunteerPhone, code: string): HTMLButtonElement | undefined =>
  takeButtons.findLast((take) => take.phone === phone && take.code === code)?.button;

type CaseState = { code: string; status: string; volunteerId?: string };
let lastCases: readonly CaseState[] = [];

/** The Take buttons' words again, in the page's new language. */
export const relabelTakeButtons = (): void => showTakeButtons(lastCases);

/**
 * A Take button goes stale when the case is taken (by someone else, or this volunteer) or closed: it is
 * disabled and says by whom, so nobody taps a case that is gone. `cases`: the open and taken cases.
 */
export function showTakeButtons(cases: readonly CaseState[]): void {
  lastCases = cases;
  for (const take of takeButtons) {
    const found = cases.find((item) => item.code === take.code);
    const takenBy = found?.status === 'taken' && found.volunteerId ? volunteerName(found.volunteerId) : '';
    const gone = !found || found.status === 'closed';
    take.button.disabled = gone || takenBy !== '';
    take.state.textContent = takenBy ? t('takenBy', { name: takenBy }) : gone ? t('status_closed') : '';
    take.state.hidden = take.state.textContent === '';
  }
}

export function volunteerBubble(
  phone: VolunteerPhone,
  text: string,
  kind: string,
  note?: string,
): HTMLLIElement {
  const item = addBubble(phone.thread, text, kind, note);
  const recording = kind.startsWith('out') ? recordingIn(text) : undefined;
  // A voicemail notice: its recording plays here.
  if (recording) item.append(voicemailPlayer(recording));
  const offer = kind.startsWith('out') ? /\bTAKE (\d{5,6})\b/.exec(text) : null;
  if (offer) {
    // A notification: one tap sends `TAKE <code>`, as typing it would.
    const code = offer[1] ?? '';
    const take = document.createElement('button');
    take.type = 'button';
    take.className = 'quick';
    take.dataset.code = code;
    take.append(labelled('take'), ` ${code}`);
    take.addEventListener('click', () => void takeCase(phone, code));
    const state = document.createElement('span');
    state.className = 'meta take-state';
    state.hidden = true;
    item.append(take, state);
    takeButtons.push({ phone, code, button: take, state });
    phone.thread.scrollTop = phone.thread.scrollHeight;
  }
  return item;
}
