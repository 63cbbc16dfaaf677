// The hotline simulator: a Twilio stand-in in the browser. Every request is a webhook signed as Twilio
// signs it (HMAC-SHA1 over the URL and the sorted form, with the local auth token), or one of the local
// runtime's documented /_local routes. Nothing here reaches into the hotline's code.

const meta = (name) => document.querySelector(`meta[name="${name}"]`).content;
const publicBaseUrl = meta('hotline-public-base-url').replace(/\/+$/, '');
const authToken = meta('hotline-auth-token');
const $ = (id) => document.getElementById(id);
const HOTLINE_NUMBER = '+381110000000';
const ACCOUNT_SID = 'ACsimulator';

// ---------- labels (English and Russian) ----------
const LABELS = {
  en: {
    title: "Kyrgyz migrants' hotline — simulator",
    intro: 'Everything here goes through the same signed webhooks Twilio uses, and the local /_local routes.',
    phone: "Migrant's phone",
    number: 'Number',
    message: 'Message',
    send: 'Send',
    call: 'Call the hotline',
    hangup: 'Hang up',
    fast: 'Skip audio (fast)',
    time: 'Time and reminders',
    clock: 'Simulated time (UTC)',
    setClock: 'Set time',
    plusDay: '+1 day',
    plusWeek: '+7 days',
    realTime: 'Real time',
    tick: 'Run scheduled jobs',
    timeline: 'Sent outside replies (outbox)',
    volunteers: 'Volunteer phones',
    volunteersNote: 'Messages the hotline sends to other numbers (volunteers) appear here, by number.',
    hood: 'Under the hood',
    requests: 'Requests and TwiML',
    state: 'Stored state of this number',
    refresh: 'Refresh',
    ringing: 'Calling…',
    ended: 'Call ended.',
    waiting: 'Waiting for keys…',
    transferring: 'Transferring to',
    recording: 'Recording a message… press # to finish',
    nowIs: 'Hotline time',
    simulated: 'simulated',
    real: 'real',
    segments: 'segments',
    ranJobs: 'Scheduled jobs ran',
    noJobs: 'no scheduled job yet',
  },
  ru: {
    title: 'Горячая линия для мигрантов из Кыргызстана — симулятор',
    intro:
      'Всё здесь идёт через те же подписанные вебхуки, что использует Twilio, и локальные маршруты /_local.',
    phone: 'Телефон мигранта',
    number: 'Номер',
    message: 'Сообщение',
    send: 'Отправить',
    call: 'Позвонить',
    hangup: 'Положить трубку',
    fast: 'Без звука (быстро)',
    time: 'Время и напоминания',
    clock: 'Время симуляции (UTC)',
    setClock: 'Установить',
    plusDay: '+1 день',
    plusWeek: '+7 дней',
    realTime: 'Реальное время',
    tick: 'Запустить задачи по расписанию',
    timeline: 'Отправлено вне ответов (outbox)',
    volunteers: 'Телефоны волонтёров',
    volunteersNote: 'Здесь появляются сообщения, которые линия шлёт на другие номера (волонтёрам).',
    hood: 'Под капотом',
    requests: 'Запросы и TwiML',
    state: 'Что хранится об этом номере',
    refresh: 'Обновить',
    ringing: 'Звоним…',
    ended: 'Звонок завершён.',
    waiting: 'Ждём нажатия клавиш…',
    transferring: 'Переводим на',
    recording: 'Запись сообщения… нажмите # для завершения',
    nowIs: 'Время линии',
    simulated: 'симуляция',
    real: 'реальное',
    segments: 'сегм.',
    ranJobs: 'Задачи выполнены',
    noJobs: 'задач по расписанию пока нет',
  },
};
let ui = localStorage.getItem('hotline-ui') === 'ru' ? 'ru' : 'en';
const t = (key) => LABELS[ui][key] ?? LABELS.en[key] ?? key;
function applyLabels() {
  document.documentElement.lang = ui;
  for (const element of document.querySelectorAll('[data-t]')) element.textContent = t(element.dataset.t);
  $('ui-language').textContent = ui === 'en' ? 'Русский' : 'English';
}
$('ui-language').addEventListener('click', () => {
  ui = ui === 'en' ? 'ru' : 'en';
  localStorage.setItem('hotline-ui', ui);
  applyLabels();
});

// ---------- Twilio signing and webhooks ----------
async function sign(url, params) {
  const data =
    url +
    Object.keys(params)
      .sort()
      .map((key) => key + params[key])
      .join('');
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(authToken),
    { name: 'HMAC', hash: 'SHA-1' },
    false,
    ['sign'],
  );
  const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(data));
  return btoa(String.fromCharCode(...new Uint8Array(mac)));
}

const randomSid = (prefix) =>
  prefix +
  Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');

/** Posts a webhook the way Twilio does: to the public URL (absolute or relative to the last one), signed. */
async function webhook(url, params) {
  const absolute = new URL(url, `${publicBaseUrl}/`).toString();
  const signature = await sign(absolute, params);
  const local = new URL(absolute);
  const response = await fetch(local.pathname + local.search, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
    body: new URLSearchParams(params),
  });
  const text = await response.text();
  logRequest(`POST ${local.pathname}${local.search}`, params, response.status, text);
  return {
    url: absolute,
    status: response.status,
    document: new DOMParser().parseFromString(text, 'text/xml'),
  };
}

// ---------- SMS segments (what Twilio bills) ----------
const GSM7 = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
const GSM7_EXTENDED = new Set('^{}\\[~]|€\f');
function segments(text) {
  const chars = [...text];
  const gsm = chars.every((c) => GSM7.has(c) || GSM7_EXTENDED.has(c));
  if (gsm) {
    const units = chars.reduce((n, c) => n + (GSM7_EXTENDED.has(c) ? 2 : 1), 0);
    return { count: units <= 160 ? 1 : Math.ceil(units / 153), encoding: 'GSM-7' };
  }
  const units = [...text].reduce((n, c) => n + (c.codePointAt(0) > 0xffff ? 2 : 1), 0);
  return { count: units <= 70 ? 1 : Math.ceil(units / 67), encoding: 'UCS-2' };
}
const costLabel = (text) => {
  const s = segments(text);
  return `${s.count} ${t(s.count === 1 ? 'segment' : 'segments')} · ${s.encoding}`;
};

// ---------- the migrant's phone: SMS ----------
const phoneNumber = () => $('from').value.trim();
const fromAddress = () => ($('whatsapp').checked ? `whatsapp:${phoneNumber()}` : phoneNumber());

function bubble(text, kind, note) {
  const item = document.createElement('li');
  item.className = kind;
  item.textContent = text;
  if (note) {
    const small = document.createElement('span');
    small.className = 'meta';
    small.textContent = note;
    item.append(small);
  }
  $('thread').append(item);
  $('thread').scrollTop = $('thread').scrollHeight;
}

$('sms-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const body = $('body').value;
  $('body').value = '';
  bubble(body, 'in');
  const reply = await webhook('/sms', {
    MessageSid: randomSid('SM'),
    AccountSid: ACCOUNT_SID,
    From: fromAddress(),
    To: $('whatsapp').checked ? `whatsapp:${HOTLINE_NUMBER}` : HOTLINE_NUMBER,
    Body: body,
    NumMedia: '0',
  });
  for (const message of reply.document.querySelectorAll('Message')) {
    const to = message.getAttribute('to');
    const text = message.textContent;
    if (!to || to === fromAddress()) bubble(text, 'out', costLabel(text));
    else volunteerMessage(to, text);
  }
  await refreshOutbox();
  await refreshState();
});

for (const button of document.querySelectorAll('.presets button')) {
  button.addEventListener('click', () => {
    $('from').value = button.dataset.number;
    $('thread').replaceChildren();
    refreshState();
  });
}

// ---------- volunteers: messages the hotline sends to other numbers ----------
function volunteerMessage(to, text) {
  const id = `volunteer-${to.replace(/\W/g, '')}`;
  let phone = document.getElementById(id);
  if (!phone) {
    phone = document.createElement('div');
    phone.className = 'volunteer';
    phone.id = id;
    const title = document.createElement('strong');
    title.textContent = to;
    phone.append(title, document.createElement('ol'));
    $('volunteers').append(phone);
  }
  const item = document.createElement('li');
  item.className = 'out';
  item.textContent = text;
  phone.querySelector('ol').append(item);
}

// ---------- the migrant's phone: a call through the IVR ----------
let call = null;

function transcript(line) {
  const item = document.createElement('li');
  item.textContent = line;
  $('transcript').append(item);
}

function status(text) {
  $('call-status').textContent = text;
}

const fast = () => $('fast').checked;

function speak(text, language) {
  transcript(`Say: ${text}`);
  if (fast() || !('speechSynthesis' in window)) return Promise.resolve();
  return new Promise((done) => {
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = language || 'ru-RU';
    utterance.onend = done;
    utterance.onerror = done;
    speechSynthesis.speak(utterance);
    setTimeout(done, 400 + text.length * 90);
  });
}

function play(url) {
  transcript(`Play: ${new URL(url).pathname}`);
  if (fast()) return Promise.resolve();
  return new Promise((done) => {
    const audio = new Audio(url);
    audio.onended = done;
    audio.onerror = done;
    audio.play().catch(done);
    setTimeout(done, 30_000);
  });
}

/** Plays the spoken children of a verb (<Say>, <Play>, <Pause>) in order; stops early if keys are pressed. */
async function perform(nodes, interruptible) {
  for (const node of nodes) {
    if (!call || (interruptible && call.digits.length > 0)) return;
    if (node.nodeName === 'Say') await speak(node.textContent, node.getAttribute('language'));
    else if (node.nodeName === 'Play') await play(node.textContent.trim());
    else if (node.nodeName === 'Pause' && !fast())
      await new Promise((r) => setTimeout(r, 1000 * Number(node.getAttribute('length') || 1)));
  }
}

/** Waits for keys the way <Gather> does: numDigits, finishOnKey, timeout. */
function collectDigits(gather) {
  const numDigits = Number(gather.getAttribute('numDigits') || 0);
  const finishOnKey = gather.getAttribute('finishOnKey') ?? '#';
  const timeoutSeconds = Number(gather.getAttribute('timeout') || 5);
  return new Promise((done) => {
    let timer;
    const finish = () => {
      clearTimeout(timer);
      call.onKey = null;
      const digits = call.digits.join('');
      call.digits = [];
      done(digits);
    };
    const restart = () => {
      clearTimeout(timer);
      timer = setTimeout(finish, timeoutSeconds * 1000);
    };
    const check = () => {
      const last = call.digits[call.digits.length - 1];
      if (finishOnKey && last === finishOnKey) {
        call.digits.pop();
        return finish();
      }
      if (numDigits && call.digits.length >= numDigits) return finish();
      restart();
    };
    call.onKey = check;
    if (call.digits.length > 0) check();
    else restart();
  });
}

async function runTwiml(reply) {
  let current = reply;
  while (call && current) {
    const verbs = [...(current.document.documentElement?.children ?? [])];
    let next = null;
    for (const verb of verbs) {
      if (!call) return;
      const name = verb.nodeName;
      if (name === 'Say' || name === 'Play' || name === 'Pause') await perform([verb], false);
      else if (name === 'Gather') {
        await perform([...verb.children], true);
        status(t('waiting'));
        const digits = await collectDigits(verb);
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
        next = await callWebhook(verb.textContent.trim(), {}, current.url);
        break;
      } else if (name === 'Dial') {
        const numbers = [...verb.querySelectorAll('Number')].map((n) => n.textContent.trim());
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
        await collectDigits(verb);
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

function callWebhook(url, extra, base) {
  const target = new URL(url, base).toString();
  return webhook(target, { ...call.params, ...extra });
}

function endCall() {
  if (!call) return;
  call = null;
  status(t('ended'));
  $('call').hidden = false;
  $('hangup').hidden = true;
  refreshState();
}

$('call').addEventListener('click', async () => {
  $('transcript').replaceChildren();
  $('call').hidden = true;
  $('hangup').hidden = false;
  status(t('ringing'));
  call = {
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
  const first = await webhook('/voice', { ...call.params, CallStatus: 'ringing' });
  await runTwiml(first);
});

$('hangup').addEventListener('click', () => {
  speechSynthesis?.cancel?.();
  endCall();
});

for (const key of $('keypad').querySelectorAll('button')) {
  key.addEventListener('click', () => {
    if (!call) return;
    call.digits.push(key.textContent);
    speechSynthesis?.cancel?.();
    call.onKey?.();
  });
}

// ---------- time, scheduled jobs and the outbox ----------
async function localJson(path, init) {
  const response = await fetch(path, init);
  const body = await response.json();
  logRequest(
    `${init?.method ?? 'GET'} ${path}`,
    init?.body ? JSON.parse(init.body) : undefined,
    response.status,
    JSON.stringify(body, null, 2),
  );
  return body;
}

async function showClock() {
  const { now } = await fetch('/_local/clock').then((r) => r.json());
  $('clock-now').textContent = `${t('nowIs')}: ${now.replace('T', ' ').slice(0, 16)} UTC`;
  $('clock').value = now.slice(0, 16);
  return new Date(now);
}

async function setClock(now) {
  await localJson('/_local/clock', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ now }),
  });
  await showClock();
}

$('set-clock').addEventListener('click', () => $('clock').value && setClock(`${$('clock').value}:00Z`));
$('real-time').addEventListener('click', () => setClock(null));
for (const [id, days] of [
  ['plus-day', 1],
  ['plus-week', 7],
]) {
  $(id).addEventListener('click', async () => {
    const now = await showClock();
    await setClock(new Date(now.getTime() + days * 86_400_000).toISOString());
  });
}

$('tick').addEventListener('click', async () => {
  const summary = await localJson('/_local/tick', { method: 'POST' });
  const jobs = summary.jobs.length ? summary.jobs.map((job) => job.job).join(', ') : t('noJobs');
  $('clock-now').textContent = `${t('ranJobs')} (${summary.now.slice(0, 16).replace('T', ' ')} UTC): ${jobs}`;
  await refreshOutbox();
});

const shownOutbox = new Set();
async function refreshOutbox() {
  const outbox = await fetch('/_local/outbox').then((r) => r.json());
  $('timeline').replaceChildren();
  for (const message of outbox) {
    const item = document.createElement('li');
    item.textContent = `${message.at.slice(0, 16).replace('T', ' ')} → ${message.to}\n${message.body}\n${costLabel(message.body)}`;
    $('timeline').append(item);
    const key = `${message.at}|${message.to}|${message.body}`;
    if (shownOutbox.has(key)) continue;
    shownOutbox.add(key);
    if (message.to === phoneNumber())
      bubble(
        message.body,
        'out reminder',
        `${message.at.slice(0, 16).replace('T', ' ')} · SMS · ${costLabel(message.body)}`,
      );
    else volunteerMessage(message.to, message.body);
  }
}

// ---------- under the hood ----------
function logRequest(title, params, statusCode, body) {
  const item = document.createElement('li');
  const heading = document.createElement('strong');
  heading.textContent = `${title} → ${statusCode}`;
  const request = document.createElement('pre');
  request.textContent = params ? JSON.stringify(params, null, 1) : '';
  const answer = document.createElement('pre');
  answer.textContent = body;
  item.append(heading, request, answer);
  $('log').prepend(item);
  while ($('log').children.length > 40) $('log').lastChild.remove();
}

async function refreshState() {
  const state = await fetch(`/_local/caller?phone=${encodeURIComponent(phoneNumber())}`).then((r) =>
    r.json(),
  );
  $('state').textContent = JSON.stringify(state.items, null, 2);
}
$('refresh-state').addEventListener('click', refreshState);

applyLabels();
showClock();
refreshOutbox();
refreshState();
