// The migrant's phone calls the hotline: the IVR's TwiML played verb by verb (<Say> spoken when the browser
// has a voice, <Play> played, <Gather> waiting for the keypad), each step a signed /voice webhook. A step
// that fails ends the call with what went wrong, never a "Calling…" that does not end.
import { afterTimeChange, refreshOutbox } from './conversation.js';
import { $, $input, randomSid } from './dom.js';
import { describeError, showError } from './hood.js';
import { t } from './labels.js';
import { ACCOUNT_SID, HOTLINE_NUMBER, publicBaseUrl, type TwimlReply, webhook } from './net.js';
import { phoneNumber } from './phone.js';

interface Call {
  digits: string[];
  onKey: (() => void) | null;
  params: Record<string, string>;
}

let call: Call | null = null;

function transcript(line: string): void {
  const item = document.createElement('li');
  item.textContent = line;
  $('transcript').append(item);
}

function status(text: string): void {
  $('call-status').textContent = text;
}

const fast = () => $input('fast').checked;
const wait = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

function speak(text: string, language: string | null): Promise<void> {
  transcript(`Say: ${text}`);
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
  transcript(`Play: ${new URL(url, `${publicBaseUrl}/`).pathname}`);
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
    if (active.digits.length > 0) check();
    else restart();
  });
}

async function callWebhook(url: string, extra: Record<string, string>, base: string): Promise<TwimlReply> {
  const target = new URL(url, base).toString();
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
        status(t('waiting'));
        const digits = await collectDigits(verb, active);
        if (!call) return;
        if (digits || verb.getAttribute('actionOnEmptyResult') === 'true') {
          transcript(`Keys: ${digits || '—'}`);
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
        transcript(
          `Dial: ${t('transferring')} ${numbers.length} ${numbers.length === 1 ? 'number' : 'numbers'}`,
        );
        const action = verb.getAttribute('action');
        if (action) {
          next = await callWebhook(action, { DialCallStatus: 'no-answer' }, current.url);
          break;
        }
      } else if (name === 'Record') {
        status(t('recording'));
        await collectDigits(verb, active);
        const action = verb.getAttribute('action');
        if (action) {
          next = await callWebhook(
            action,
            {
              RecordingUrl: `${publicBaseUrl}/simulated-recording`,
              RecordingDuration: '5',
              RecordingSid: randomSid('RE'),
            },
            current.url,
          );
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

function endCall(failure?: string): void {
  if (!call) return;
  call = null;
  status(failure ? `${t('callFailed')}: ${failure}` : t('ended'));
  $('call-status').classList.toggle('error', failure !== undefined);
  $('call').hidden = false;
  $('hangup').hidden = true;
  void afterTimeChange();
}

async function startCall(): Promise<void> {
  $('transcript').replaceChildren();
  $('call').hidden = true;
  $('hangup').hidden = false;
  $('call-status').classList.remove('error');
  status(t('ringing'));
  const active: Call = {
    digits: [],
    onKey: null,
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
  try {
    const first = await webhook('/voice', { ...active.params, CallStatus: 'ringing' });
    await runTwiml(first);
  } catch (error) {
    showError(error);
    endCall(describeError(error));
  }
}

/** Wires the call button, the hang-up button and the keypad. */
export function setUpCall(): void {
  $('call').addEventListener('click', () => void startCall());
  $('hangup').addEventListener('click', () => {
    if ('speechSynthesis' in window) speechSynthesis.cancel();
    endCall();
  });
  for (const key of Array.from($('keypad').querySelectorAll('button'))) {
    key.addEventListener('click', () => {
      if (!call) return;
      call.digits.push(key.textContent ?? '');
      if ('speechSynthesis' in window) speechSynthesis.cancel();
      call.onKey?.();
    });
  }
}
