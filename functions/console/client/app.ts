// The volunteer console in the browser: sign-in by a code sent to the volunteer's phone, then the cases
// (and, for coordinators, the roster and the prompt studio). Routes live in location.hash: #cases,
// #case/{code}, #roster, #prompts.
import type { Me, TelegramLinkCode } from '../../../shared/console/api.js';
import { ApiFailure, byId, errorText, get, onSignedOut, post, setStatus } from './api.js';
import { initCases, openCase, refreshList, relabelCases, resetCases, startPolling } from './cases.js';
import { relabelFigures, showFigures } from './figures.js';
import {
  applyLabels,
  browserLanguage,
  setLanguage,
  storedLanguage,
  t,
  type UiLanguage,
  uiLanguage,
} from './i18n.js';
import { initPasskeySignIn, initPasskeys, resetPasskeys, showPasskeys } from './passkeys.js';
import { initRoster, relabelRoster, showRoster } from './roster.js';
import { initPrompts, leavePrompts, relabelPrompts, resetPrompts, showPrompts } from './studio.js';

let me: Me | undefined;
let phone = '';

const PHONE = /^\+[1-9]\d{6,14}$/;
const VIEWS = ['sign-in-view', 'cases-view', 'roster-view', 'prompts-view'] as const;

function show(view: (typeof VIEWS)[number]): void {
  for (const id of VIEWS) byId(id).hidden = id !== view;
}

/** Whether notices come on Telegram, and the button that changes it. */
function showTelegram(): void {
  if (!me) return;
  byId('telegram-state').textContent = t(me.telegramLinked ? 'telegramLinked' : 'telegramNotLinked');
  byId('telegram-link').hidden = me.telegramLinked;
  byId('telegram-unlink').hidden = !me.telegramLinked;
  if (me.telegramLinked) byId('telegram-command').hidden = true;
}

function relabel(): void {
  applyLabels();
  showTelegram();
  for (const button of Array.from(document.querySelectorAll<HTMLButtonElement>('[data-lang]'))) {
    button.setAttribute('aria-pressed', String(button.dataset.lang === uiLanguage()));
  }
  relabelCases();
  relabelRoster();
  relabelFigures();
  relabelPrompts();
}

function showSignIn(): void {
  if (me) setStatus(t('errSignedOut'));
  me = undefined;
  resetCases();
  resetPrompts();
  resetPasskeys();
  for (const id of ['nav', 'me-name', 'sign-out']) byId(id).hidden = true;
  show('sign-in-view');
  showPhoneStep();
}

function showPhoneStep(): void {
  byId('phone-form').hidden = false;
  byId('code-form').hidden = true;
}

function enter(volunteer: Me): void {
  me = volunteer;
  if (!storedLanguage()) setLanguage(volunteer.languages[0] ?? browserLanguage(), false);
  byId('me-name').textContent = volunteer.name;
  for (const id of ['nav', 'me-name', 'sign-out']) byId(id).hidden = false;
  byId('tab-roster').hidden = !volunteer.coordinator;
  byId('tab-prompts').hidden = !volunteer.coordinator;
  (byId('console-only') as HTMLInputElement).checked = volunteer.consoleOnly;
  relabel();
  showTelegram();
  route();
  void showPasskeys();
}

function route(): void {
  if (!me) return;
  const hash = location.hash;
  // The prompt studio (coordinators): #prompts. Leaving it lets the microphone go.
  const prompts = hash === '#prompts' && me.coordinator;
  byId('tab-prompts').toggleAttribute('aria-current', prompts);
  if (prompts) {
    if (byId('prompts-view').hidden) setStatus('');
    show('prompts-view');
    for (const id of ['tab-cases', 'tab-roster']) byId(id).removeAttribute('aria-current');
    openCase(undefined);
    void showPrompts();
    return;
  }
  leavePrompts();
  // End of the prompt studio's route.
  const roster = hash === '#roster' && me.coordinator;
  if (byId('roster-view').hidden === roster) setStatus('');
  show(roster ? 'roster-view' : 'cases-view');
  byId('tab-cases').toggleAttribute('aria-current', !roster);
  byId('tab-roster').toggleAttribute('aria-current', roster);
  if (roster) {
    openCase(undefined);
    void showFigures();
    void showRoster();
    return;
  }
  const code = /^#case\/(.+)$/.exec(hash)?.[1];
  let decoded = code;
  try {
    decoded = code === undefined ? undefined : decodeURIComponent(code);
  } catch {
    // A hand-typed hash: use it as written.
  }
  openCase(decoded);
  void refreshList();
}

async function start(): Promise<void> {
  try {
    enter(await get<Me>('/console/api/me'));
  } catch (error) {
    if (error instanceof ApiFailure && error.status === 401) return;
    setStatus(errorText(error));
    setTimeout(() => void start(), 5_000);
  }
}

async function sendCode(): Promise<void> {
  const typed = byId<HTMLInputElement>('phone').value.replace(/[\s()-]/g, '');
  if (!PHONE.test(typed)) {
    setStatus(t('badPhone'));
    byId('phone').focus();
    return;
  }
  const button = byId<HTMLButtonElement>('send-code');
  button.disabled = true;
  try {
    await post('/console/api/sign-in', { phone: typed });
    phone = typed;
    byId('phone-form').hidden = true;
    byId('code-form').hidden = false;
    byId<HTMLInputElement>('code').value = '';
    byId('code').focus();
    setStatus(t('codeSent'));
  } catch (error) {
    setStatus(error instanceof ApiFailure && error.code === 'bad_request' ? t('badPhone') : errorText(error));
  } finally {
    button.disabled = false;
  }
}

async function verify(): Promise<void> {
  const field = byId<HTMLInputElement>('code');
  const code = field.value.replace(/\s/g, '');
  if (!/^\d{6}$/.test(code)) {
    setStatus(t('wrongCode'));
    field.focus();
    return;
  }
  const button = byId<HTMLButtonElement>('verify');
  button.disabled = true;
  try {
    const volunteer = await post<Me>('/console/api/sign-in/verify', { phone, code });
    setStatus('');
    field.value = '';
    enter(volunteer);
  } catch (error) {
    setStatus(error instanceof ApiFailure && error.status === 401 ? t('wrongCode') : errorText(error));
    field.select();
  } finally {
    button.disabled = false;
  }
}

function init(): void {
  setLanguage(storedLanguage() ?? browserLanguage(), false);
  initCases();
  initRoster();
  initPrompts();
  initPasskeys();
  initPasskeySignIn(enter);
  relabel();
  onSignedOut(showSignIn);
  for (const button of Array.from(document.querySelectorAll<HTMLButtonElement>('[data-lang]'))) {
    button.addEventListener('click', () => {
      setLanguage(button.dataset.lang as UiLanguage, true);
      relabel();
    });
  }
  byId('phone-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void sendCode();
  });
  byId('code-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void verify();
  });
  byId('other-number').addEventListener('click', () => {
    showPhoneStep();
    byId('phone').focus();
  });
  byId('telegram-link').addEventListener('click', async () => {
    try {
      const link = await post<TelegramLinkCode>('/console/api/telegram/link');
      const shown = byId('telegram-command');
      shown.textContent = `${t('telegramSend', { minutes: link.expiresInMinutes })} ${link.command}`;
      shown.hidden = false;
    } catch (error) {
      setStatus(errorText(error));
    }
  });
  byId('telegram-unlink').addEventListener('click', async () => {
    try {
      me = await post<Me>('/console/api/telegram/unlink');
      showTelegram();
    } catch (error) {
      setStatus(errorText(error));
    }
  });
  const consoleOnly = byId('console-only') as HTMLInputElement;
  consoleOnly.addEventListener('change', async () => {
    try {
      me = await post<Me>('/console/api/me', { consoleOnly: consoleOnly.checked });
      consoleOnly.checked = me.consoleOnly;
      setStatus(t('consoleOnlySaved'));
    } catch (error) {
      consoleOnly.checked = !consoleOnly.checked;
      setStatus(errorText(error));
    }
  });
  byId('sign-out').addEventListener('click', async () => {
    try {
      await post('/console/api/sign-out');
    } catch {
      // Signed out on this page either way; the cookie expires on its own.
    }
    showSignIn();
    setStatus('');
    history.replaceState(null, '', location.pathname);
  });
  window.addEventListener('hashchange', route);
  startPolling(() => me !== undefined && !byId('cases-view').hidden);
  void start();
}

init();
