// The migrant's phone calls the hotline: the IVR's TwiML played verb by verb (<Say> spoken when the browser
// has a voice, <Play> played, <Gather> waiting for the keypad), each step a signed /voice webhook. The
// transcript says what the caller heard in words (./heard.ts), not file names. The keypad is live only
// during a call. A step that fails ends the call with what went wrong, never a "Calling…" that does not end.
import { afterTimeChange, refreshOutbox } from './conversation.js';
import { $, $input, randomSid } from './dom.js';
import { type Heard, heardFromAudio } from './heard.js';
import { describeError, showError } from './hood.js';
import { t } from './labels.js';
import { ACCOUNT_SID, HOTLINE_NUMBER, publicBaseUrl, type TwimlReply, webhook } from './net.js';
import { phoneNumber } from './phone.js';
import { ringVolunteers } from './ring.js';
import { voicemailPlayer } from './voicemail.js';

interface Call {
  digits: string[];
  onKey: (() => void) | null;
  params: Record<string, string>;
  /** Webhooks this call made (its steps). */
  steps: number;
  /** A <Gather> is waiting for keys now. */
  asking: boolean;
  /** Ends that wait at once (the call is hung up). */
  abort: (() => void) | null;
}

let call: Call | null = null;

/** How many steps (webhooks) the last call made: the tour's summary counts them. */
let lastSteps = 0;
export const lastCallSteps = (): number => (call ? call.steps : lastSteps);

/** Who waits for the call to ask for keys, or to end (the guided tour). */
const waitingForKeys: (() => void)[] = [];
const waitingForEnd: (() => void)[] = [];

export const inCall = (): boolean => call !== null;

/** Resolves the next time the call waits for keys (after its prompt); rejects if the call ends first. */
export function untilAskedForKeys(): Promise<void> {
  return new Promise((done, fail) => {
    if (!call) return fail(new Error(t('ended')));
    if (call.asking && call.digits.length === 0) return done();
    const onEnd = () => fail(new Error(t('ended')));
    waitingForEnd.push(onEnd);
    waitingForKeys.push(() => {
      const index = waitingForEnd.indexOf(onEnd);
      if (index >= 0) waitingForEnd.splice(index, 1);
      done();
    });
  });
}

/** Resolves when the call is over (at once when there is none). */
export const untilCallEnds = (): Promise<void> =>
  new Promise((done) => (call ? waitingForEnd.push(done) : done()));

function line(kind: string, label: string, text: string, gloss?: string): HTMLLIElement {
  const item = document.createElement('li');
  item.className = kind;
  const head = document.createElement('span');
  head.className = 'what';
  head.textContent = `${label}: `;
  const words = document.createElement('span');
  words.className = 'words';
  words.textContent = text;
  item.append(head, words);
  if (gloss) {
    const small = document.createElement('span');
    small.className = 'meta gloss';
    small.lang = 'ru';
    small.textContent = gloss;
    item.append(small);
  }
  $('transcript').append(item);
  return item;
}

/** A heard line: a fragment (a piece of a spoken date) joins the heard line before it. */
function heardLine(heard: Heard): void {
  const last = $('transcript').lastElementChild;
  if (heard.fragment && last?.classList.contains('heard') && last.getAttribute('data-open') === 'true') {
    const words = last.querySelector('.words');
    if (words) words.textContent = `${words.textContent} ${heard.text}`;
    return;
  }
  const item = line('heard', t('heard'), heard.text, heard.gloss);
  item.lang = heard.language;
  // A prompt that ends before a spoken date ("Сербияда болуу мөөнөтүңүз …") takes the fragments after it.
  item.dataset.open = 'true';
}

/** Ends the joining of fragments: the next heard words start a line of their own. */
function closeHeard(): void {
  const last = $('transcript').lastElementChild;
  if (last instanceof HTMLElement) delete last.dataset.open;
}

/** The voicemail the caller left, with a player to hear it back. */
function recordedLine(sid: string, seconds: string): void {
  const item = line('recorded', '⏺', t('voicemailLeft', { seconds }));
  item.append(voicemailPlayer(sid));
}

function status(text: string): void {
  $('call-status').textContent = text;
}

const fast = () => $input('fast').checked;
const wait = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

function speak(text: string, language: string | null): Promise<void> {
  closeHeard();
  const item = line('heard', t('heard'), text);
  item.lang = (language || 'ru-RU').slice(0, 2);
  if (fast() || !('speechSynthesis' in window)) return Promise.resolve();
  return new Promise((done) => {
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = language || 'ru-RU';
    utterance.onend = () => done();
    utterance.onerror = () => done();
    speechSynthesis.speak(utterance);
    setTimeout(done, 400 + text.length * 90);
  });
}

function play(url: string): Promise<void> {
  const heard = heardFromAudio(url);
  if (heard) heardLine(heard);
  else {
    closeHeard();
    line('heard', t('heard'), new URL(url, `${publicBaseUrl}/`).pathname);
  }
  if (fast()) return Promise.resolve();
  return new Promise((done) => {
    const audio = new Audio(url);
    audio.onended = () => done();
    audio.onerror = () => done();
    audio.play().catch(() => done());
    setTimeout(done, 30_000);
  });
}

/** Plays the spoken children of a verb (<Say>, <Play>, <Pause>) in order; stops early if keys are pressed. */
async function perform(nodes: Element[], interruptible: boolean): Promise<void> {
  for (const node of nodes) {
    if (!call || (interruptible && call.digits.length > 0)) return;
    if (node.nodeName === 'Say') await speak(node.textContent ?? '', node.getAttribute('language'));
    else if (node.nodeName === 'Play') await play((node.textContent ?? '').trim());
    else if (node.nodeName === 'Pause' && !fast())
      await wait(1000 * Number(node.getAttribute('length') || 1));
  }
}

/** Waits for keys the way <Gather> does: numDigits, finishOnKey, timeout. */
function collectDigits(gather: Element, active: Call): Promise<string> {
  const numDigits = Number(gather.getAttribute('numDigits') || 0);
  const finishOnKey = gather.getAttribute('finishOnKey') ?? '#';
  const timeoutSeconds = Number(gather.getAttribute('timeout') || 5);
  return new Promise((done) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const finish = () => {
      clearTimeout(timer);
      active.onKey = null;
      active.abort = null;
      active.asking = false;
      const digits = active.digits.join('');
      active.digits = [];
      done(digits);
    };
    const restart = () => {
      clearTimeout(timer);
      timer = setTimeout(finish, timeoutSeconds * 1000);
    };
    const check = () => {
      const last = active.digits[active.digits.length - 1];
      if (finishOnKey && last === finishOnKey) {
        active.digits.pop();
        return finish();
      }
      if (numDigits && active.digits.length >= numDigits) return finish();
      restart();
    };
    active.onKey = check;
    active.abort = finish;
    active.asking = true;
    if (active.digits.length > 0) check();
    else {
      restart();
      for (const notify of waitingForKeys.splice(0)) notify();
    }
  });
}

async function callWebhook(url: string, extra: Record<string, string>, base: string): Promise<TwimlReply> {
  const target = new URL(url, base).toString();
  if (call) call.steps += 1;
  const answer = await webhook(target, { ...call?.params, ...extra });
  // A text the call made (a code to type back, a summary) shows on the phone while the call goes on.
  await refreshOutbox().catch(showError);
  return answer;
}

async function runTwiml(reply: TwimlReply): Promise<void> {
  let current: TwimlReply | null = reply;
  while (call && current) {
    const verbs: Element[] = Array.from(current.document.documentElement?.children ?? []);
    let next: TwimlReply | null = null;
    for (const verb of verbs) {
      const active = call;
      if (!active) return;
      const name = verb.nodeName;
      if (name === 'Say' || name === 'Play' || name === 'Pause') await perform([verb], false);
      else if (name === 'Gather') {
        await perform(Array.from(verb.children), true);
        closeHeard();
        status(t('waiting'));
        const digits = await collectDigits(verb, active);
        if (!call) return;
        if (digits || verb.getAttribute('actionOnEmptyResult') === 'true') {
          line('pressed', t('pressed'), digits || '—');
          status('');
          next = await callWebhook(
            verb.getAttribute('action') || current.url,
            { Digits: digits },
            current.url,
          );
          break;
        }
      } else if (name === 'Redirect') {
        next = await callWebhook((verb.textContent ?? '').trim(), {}, current.url);
        break;
      } else if (name === 'Dial') {
        const numbers = Array.from(verb.querySelectorAll('Number')).map((n) => (n.textContent ?? '').trim());
        closeHeard();
        line('dial', '☎', t('ringVolunteers', { n: numbers.length }));
        const action = verb.getAttribute('action');
        const code = action ? (new URL(action, current.url).searchParams.get('case') ?? '') : '';
        // The volunteer phones on the page ring; one answers with 1, or nobody does.
        const ringing = ringVolunteers(verb, active.params, code, (who) => {
          line('dial', '☎', t('connectedTo', { name: who }));
          status(t('connectedTo', { name: who }));
        });
        active.abort = ringing.cancel;
        const dialStatus = await ringing.done;
        active.abort = null;
        if (!call) return;
        line('dial', '☎', dialStatus === 'completed' ? t('callOver') : t('nobodyAnswered'));
        status('');
        if (action) {
          next = await callWebhook(action, { DialCallStatus: dialStatus }, current.url);
          break;
        }
      } else if (name === 'Record') {
        status(t('recording'));
        await collectDigits(verb, active);
        const action = verb.getAttribute('action');
        if (action) {
          // The recording stays on this computer: the Twilio stand-in serves it (a short tone), and the
          // page plays it back from /_local/twilio/recordings/.
          const sid = randomSid('RE');
          const seconds = '5';
          next = await callWebhook(
            action,
            {
              RecordingUrl: `${publicBaseUrl}/_local/twilio/2010-04-01/Accounts/${ACCOUNT_SID}/Recordings/${sid}`,
              RecordingDuration: seconds,
              RecordingSid: sid,
            },
            current.url,
          );
          recordedLine(sid, seconds);
          break;
        }
      } else if (name === 'Hangup' || name === 'Reject') {
        return endCall();
      }
    }
    current = next;
  }
  endCall();
}

/** The keypad answers only while a call is on: outside a call its keys are disabled. */
function showKeypad(): void {
  for (const key of Array.from($('keypad').querySelectorAll('button'))) key.disabled = !call;
  $('keypad-idle').hidden = call !== null;
}

function endCall(failure?: string): void {
  const ended = call;
  if (!ended) return;
  call = null;
  lastSteps = ended.steps;
  ended.abort?.();
  status(failure ? `${t('callFailed')}: ${failure}` : t('ended'));
  $('call-status').classList.toggle('error', failure !== undefined);
  $('call').hidden = false;
  $('hangup').hidden = true;
  showKeypad();
  waitingForKeys.length = 0;
  for (const notify of waitingForEnd.splice(0)) notify();
  void afterTimeChange();
}

/** Calls the hotline from the phone's number; resolves when the call is over. */
export async function startCall(): Promise<void> {
  if (call) return;
  $('transcript').replaceChildren();
  $('call').hidden = true;
  $('hangup').hidden = false;
  $('call-status').classList.remove('error');
  status(t('ringing'));
  const active: Call = {
    digits: [],
    onKey: null,
    steps: 1,
    asking: false,
    abort: null,
    params: {
      CallSid: randomSid('CA'),
      AccountSid: ACCOUNT_SID,
      From: phoneNumber(),
      To: HOTLINE_NUMBER,
      CallStatus: 'in-progress',
      Direction: 'inbound',
    },
  };
  call = active;
  showKeypad();
  try {
    const first = await webhook('/voice', { ...active.params, CallStatus: 'ringing' });
    await runTwiml(first);
  } catch (error) {
    showError(error);
    endCall(describeError(error));
  }
}

/** A key pressed on the keypad: heard by the call's <Gather>, ignored outside a call. */
export function pressKey(key: string): void {
  if (!call) return;
  call.digits.push(key);
  if ('speechSynthesis' in window) speechSynthesis.cancel();
  call.onKey?.();
}

export function hangUp(): void {
  if ('speechSynthesis' in window) speechSynthesis.cancel();
  endCall();
}

/** The keypad's button for this key. */
export const keypadButton = (key: string): HTMLButtonElement | undefined =>
  Array.from($('keypad').querySelectorAll<HTMLButtonElement>('button')).find((b) => b.textContent === key);

/** Wires the call button, the hang-up button and the keypad. */
export function setUpCall(): void {
  $('call').addEventListener('click', () => void startCall());
  $('hangup').addEventListener('click', hangUp);
  for (const key of Array.from($('keypad').querySelectorAll('button'))) {
    key.addEventListener('click', () => pressKey(key.textContent ?? ''));
  }
  showKeypad();
}
