// A call to a person, rehearsed in the page: the hotline's <Dial> rings the volunteer phones on the page
// whose numbers it names. A phone shows the incoming call with its case; "Answer" picks up as the
// volunteer's leg of the call does at Twilio (the <Number>'s whisper URL, signed, To = the volunteer's
// phone), the whisper asks for 1, and 1 posts the whisper's <Gather> action: the hotline takes the case for
// that volunteer and the call connects. Declined everywhere, or nobody within the Dial's timeout: the Dial
// ends "no-answer" and the hotline offers its voicemail (./call.ts).
import { $, addBubble, labelled, randomSid } from './dom.js';
import { t } from './labels.js';
import { ACCOUNT_SID, HOTLINE_NUMBER, type TwimlReply, webhook } from './net.js';
import { type VolunteerPhone, volunteerPhones } from './volunteers.js';

/** How the Dial ended, as Twilio posts it to the Dial's action (DialCallStatus). */
export type DialStatus = 'completed' | 'no-answer' | 'canceled';

export interface Ringing {
  /** Resolves when the Dial is over. */
  done: Promise<DialStatus>;
  /** The caller hung up: every phone stops ringing, a connected call ends. */
  cancel: () => void;
}

interface Leg {
  phone: VolunteerPhone;
  box: HTMLElement;
  whisperUrl: string;
}

const said = (reply: TwimlReply): string[] =>
  Array.from(reply.document.querySelectorAll('Say')).map((say) => (say.textContent ?? '').trim());

function button(key: Parameters<typeof labelled>[0], className: string): HTMLButtonElement {
  const element = document.createElement('button');
  element.type = 'button';
  element.className = className;
  element.append(labelled(key));
  return element;
}

/**
 * Rings the page's volunteer phones named by this <Dial>. `parent`: the caller's leg (its CallSid);
 * `onConnected`: the caller's side is told who took the call.
 */
export function ringVolunteers(
  dial: Element,
  parent: Record<string, string>,
  code: string,
  onConnected: (name: string) => void,
): Ringing {
  let finish: (status: DialStatus) => void = () => {};
  const done = new Promise<DialStatus>((resolve) => {
    finish = resolve;
  });
  let over = false;
  const legs: Leg[] = [];
  const timers: ReturnType<typeof setTimeout>[] = [];

  const end = (status: DialStatus) => {
    if (over) return;
    over = true;
    for (const timer of timers) clearTimeout(timer);
    for (const leg of legs) leg.box.remove();
    finish(status);
  };
  /** A leg that stopped (declined, not accepted): when none is left, nobody answered. */
  const drop = (leg: Leg) => {
    leg.box.remove();
    legs.splice(legs.indexOf(leg), 1);
    if (legs.length === 0) end('no-answer');
  };

  for (const number of Array.from(dial.querySelectorAll('Number'))) {
    const phone = volunteerPhones.get((number.textContent ?? '').trim());
    if (!phone) continue;
    const box = document.createElement('div');
    box.className = 'incoming';
    box.setAttribute('role', 'group');
    const title = document.createElement('p');
    title.className = 'incoming-title';
    title.textContent = `☎ ${t('incomingCall', { hotline: HOTLINE_NUMBER, code })}`;
    box.setAttribute('aria-label', title.textContent);
    const answer = button('answerCall', 'answer');
    const decline = button('declineCall', 'decline');
    const actions = document.createElement('p');
    actions.className = 'row';
    actions.append(answer, decline);
    box.append(title, actions);
    const leg: Leg = { phone, box, whisperUrl: number.getAttribute('url') ?? '' };
    legs.push(leg);
    phone.thread.before(box);
    answer.addEventListener('click', () => void pickUp(leg));
    decline.addEventListener('click', () => drop(leg));
  }
  if (legs.length === 0) {
    // Nobody on this page's phones: the ring goes unanswered, as it would at Twilio.
    end('no-answer');
    return { done, cancel: () => {} };
  }
  const ringSeconds = Number(dial.getAttribute('timeout') || 30);
  timers.push(setTimeout(() => end('no-answer'), ringSeconds * 1000));

  /** The volunteer's leg: the whisper, then 1 to accept. */
  async function pickUp(leg: Leg): Promise<void> {
    if (over) return;
    for (const timer of timers.splice(0)) clearTimeout(timer);
    // Whoever picks up first: the other phones stop ringing.
    for (const other of [...legs]) if (other !== leg) other.box.remove();
    legs.splice(0, legs.length, leg);
    const params = {
      CallSid: randomSid('CA'),
      ParentCallSid: parent.CallSid ?? '',
      AccountSid: ACCOUNT_SID,
      From: HOTLINE_NUMBER,
      To: leg.phone.volunteer.phone,
      CallStatus: 'in-progress',
      Direction: 'outbound-dial',
    };
    leg.box.replaceChildren();
    leg.box.classList.add('answered');
    try {
      const whisper = await webhook(leg.whisperUrl, params);
      if (over) return;
      const gather = whisper.document.querySelector('Gather');
      const heard = document.createElement('p');
      heard.className = 'whisper';
      heard.textContent = `${t('whisperHeard')}: ${said(whisper).join(' ')}`;
      leg.box.append(heard);
      if (!gather) return drop(leg);
      const accept = button('acceptKey', 'accept');
      const hang = button('hangUpCall', 'hang');
      const actions = document.createElement('p');
      actions.className = 'row';
      actions.append(accept, hang);
      leg.box.append(actions);
      accept.focus();
      hang.addEventListener('click', () => drop(leg));
      // The whisper's <Gather> waits this long for the key, then says "not accepted" and hangs up.
      const wait = setTimeout(() => drop(leg), Number(gather.getAttribute('timeout') || 8) * 1000);
      timers.push(wait);
      accept.addEventListener('click', async () => {
        clearTimeout(wait);
        accept.disabled = true;
        const reply = await webhook(gather.getAttribute('action') ?? '', { ...params, Digits: '1' });
        if (over) return;
        const words = said(reply).join(' ');
        if (words) addBubble(leg.phone.thread, `☎ ${words}`, 'out call');
        if (reply.document.querySelector('Hangup')) return drop(leg);
        connected(leg, code);
        onConnected(leg.phone.volunteer.name);
      });
    } catch {
      if (!over) drop(leg);
    }
  }

  /** Bridged: the volunteer's phone shows the call, and either side can hang up. */
  function connected(leg: Leg, caseCode: string): void {
    leg.box.replaceChildren();
    leg.box.classList.add('connected');
    const line = document.createElement('p');
    line.className = 'incoming-title';
    line.textContent = `☎ ${t('onCallWith', { code: caseCode })}`;
    const hang = button('hangUpCall', 'hang');
    hang.addEventListener('click', () => end('completed'));
    leg.box.append(line, hang);
  }

  return {
    done,
    cancel: () => end(legs.some((leg) => leg.box.classList.contains('connected')) ? 'completed' : 'canceled'),
  };
}

/** Every phone stops ringing (the page is reset, or a tour stops). */
export const ringingPhones = (): HTMLElement[] =>
  Array.from($('volunteers').querySelectorAll<HTMLElement>('.incoming'));
