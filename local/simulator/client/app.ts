// The hotline simulator: a Twilio stand-in in the browser (local/public/index.html). Every request is a
// webhook signed as Twilio signs it, or one of the local runtime's documented /_local routes; the phone also
// texts the Serbian SIM and writes on Telegram (./channels.ts). The page holds no secret, and nothing here
// reaches into the hotline's code beyond shared/'s segment count. Bundled by local/simulator/assets.ts.
import { setUpCall } from './call.js';
import { setUpClock, showClock } from './clock.js';
import { afterRequest, migrantSends, refreshState, volunteerSends } from './conversation.js';
import { $, $input } from './dom.js';
import { clearError, showError } from './hood.js';
import { setUiLanguage, t, uiLanguage } from './labels.js';
import { showThread, showThreadHead, showUnread } from './phone.js';
import { onVolunteerSend, refreshVolunteers, updateVolunteerPhone, volunteerPhones } from './volunteers.js';

function applyLabels(): void {
  document.documentElement.lang = uiLanguage();
  for (const element of Array.from(document.querySelectorAll<HTMLElement>('[data-t]'))) {
    element.textContent = t(element.dataset.t ?? '');
  }
  $('ui-language').textContent = uiLanguage() === 'en' ? 'Русский' : 'English';
  showThreadHead();
  showUnread();
}

$('ui-language').addEventListener('click', () => {
  setUiLanguage(uiLanguage() === 'en' ? 'ru' : 'en');
  applyLabels();
  for (const phone of volunteerPhones.values()) updateVolunteerPhone(phone, phone.volunteer);
});

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
setUpClock();

applyLabels();
showThread();
showClock().catch(showError);
// The roster first, so what the outbox already holds for a volunteer lands on their phone.
refreshVolunteers().then(() => afterRequest());
