// The hotline simulator: a Twilio stand-in in the browser (local/public/index.html). The main view speaks
// of phones, texts, calls, volunteers, reminders and days; "How it works" (collapsed) keeps the machinery:
// each request and its answer, each text's segments and cost, the outbox, what is stored. Every request is
// a webhook signed as Twilio signs it, or one of the local runtime's documented /_local routes; the phone
// also texts the Serbian SIM and writes on Telegram (./channels.ts). The guided tour (./tour.ts) plays its
// stories through the same code. The page holds no secret. Bundled by local/simulator/assets.ts.
import { setUpCall } from './call.js';
import { setUpClock, showClock } from './clock.js';
import { afterRequest, migrantSends, refreshCases, refreshState, volunteerSends } from './conversation.js';
import { $, $input } from './dom.js';
import { clearError, showError, showLogCount } from './hood.js';
import { setUiLanguage, t, UI_LANGUAGES, uiLanguage } from './labels.js';
import { setUpTabs } from './layout.js';
import { showThread, showThreadHead, showUnread } from './phone.js';
import { SCENARIOS, storyValues } from './scenarios.js';
import { costBasis } from './segments.js';
import { setUpTour } from './tour.js';
import {
  onVolunteerSend,
  refreshVolunteers,
  relabelTakeButtons,
  updateVolunteerPhone,
  volunteerPhones,
} from './volunteers.js';

function applyLabels(): void {
  document.documentElement.lang = uiLanguage();
  for (const element of Array.from(document.querySelectorAll<HTMLElement>('[data-t]'))) {
    element.textContent = t(element.dataset.t ?? '');
  }
  for (const button of Array.from($('ui-languages').querySelectorAll<HTMLButtonElement>('button[data-ui]')))
    button.setAttribute('aria-pressed', String(button.dataset.ui === uiLanguage()));
  $('cost-basis').textContent = costBasis();
  showThreadHead();
  showUnread();
  showLogCount();
  relabelTakeButtons();
}

for (const button of Array.from($('ui-languages').querySelectorAll<HTMLButtonElement>('button[data-ui]'))) {
  button.addEventListener('click', () => {
    const language = UI_LANGUAGES.find((l) => l === button.dataset.ui);
    if (!language) return;
    setUiLanguage(language);
    applyLabels();
    for (const phone of volunteerPhones.values()) updateVolunteerPhone(phone, phone.volunteer);
    // Lines written from the hotline's answers: the clock and what is planned next, in the new language.
    void showClock().catch(showError);
    void refreshState().catch(showError);
  });
}

$('error-close').addEventListener('click', clearError);

const stateRefresh = () => void refreshState().catch(showError);

$('sms-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const input = $input('body');
  // An empty text is not sent: the field stays as it was, and says what it needs.
  if (!input.value.trim()) {
    input.value = '';
    input.setAttribute('aria-invalid', 'true');
    $('compose-hint').textContent = t('emptyText');
    input.focus();
    return;
  }
  input.removeAttribute('aria-invalid');
  $('compose-hint').textContent = '';
  const body = input.value;
  input.value = '';
  await migrantSends(body);
});

for (const button of Array.from(document.querySelectorAll<HTMLButtonElement>('.presets button'))) {
  button.addEventListener('click', () => {
    $input('from').value = button.dataset.number ?? '';
    showThread();
    stateRefresh();
  });
}
$('from').addEventListener('input', showThread);
$('from').addEventListener('change', stateRefresh);
for (const radio of Array.from(document.querySelectorAll<HTMLInputElement>('input[name="channel"]'))) {
  radio.addEventListener('change', () => {
    showThread();
    stateRefresh();
  });
}
for (const button of Array.from($('telegram-start').querySelectorAll<HTMLButtonElement>('button'))) {
  button.addEventListener('click', () => void migrantSends(button.dataset.text ?? '', 'telegram'));
}
$('refresh-state').addEventListener('click', stateRefresh);

onVolunteerSend(volunteerSends);
setUpCall();
setUpTabs();
setUpClock();
setUpTour(SCENARIOS, storyValues);

applyLabels();
showThread();
showClock().catch(showError);
// The roster first, so what the outbox already holds for a volunteer lands on their phone.
refreshVolunteers().then(() => afterRequest());

/**
 * Cases change outside this page too (a volunteer takes one in the console, or from another phone): they
 * are read again every few seconds while the page is on screen, so a Take button never stays live for a
 * case someone else took.
 */
const CASES_REFRESH_MS = 5_000;
setInterval(() => {
  if (document.visibilityState === 'visible') void refreshCases();
}, CASES_REFRESH_MS);
