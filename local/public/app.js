// The hotline simulator: a Twilio stand-in in the browser. Every request is a webhook signed as Twilio
// signs it (HMAC-SHA1 over the URL and the sorted form; the local runtime signs it for the page at
// /_local/sign, so the auth token never reaches the browser), or one of the local runtime's documented
// /_local routes. The phone also texts the Serbian SIM (the SMS Gateway app's webhook, signed for the page
// at /_local/sign-gateway) and writes on Telegram (an update posted through /_local/telegram-webhook, which
// adds the secret header): the page holds no secret. Nothing here reaches into the hotline's code.

const meta = (name) => document.querySelector(`meta[name="${name}"]`).content;
const publicBaseUrl = meta('hotline-public-base-url').replace(/\/+$/, '');
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
    channel: 'Writes to the hotline by',
    channel_sms: 'SMS to the hotline number',
    channel_whatsapp: 'WhatsApp',
    channel_sim: 'SMS to the Serbian SIM',
    channel_telegram: 'Telegram',
    head_sms: 'SMS with the hotline number',
    head_whatsapp: 'WhatsApp chat with the hotline number',
    head_sim: "SMS with the hotline's Serbian SIM (an Android phone running SMS Gateway)",
    head_telegram: "Telegram chat with the hotline's bot · chat id",
    posterLinks: 'Poster links:',
    unread: 'new',
    viaSim: 'Serbian SIM',
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
    openConsole:
      'Volunteers with data work in the console: open it (sign in as +381600000004, the code appears below)',
    volunteers: 'Volunteer phones',
    volunteersNote:
      "One phone per volunteer on the local roster. They text the hotline number; the hotline relays, so neither side sees the other's number.",
    noVolunteers: 'Nobody is on the roster. Add someone: npm run admin -- volunteers add',
    otherNumbers: 'Other numbers',
    chatWith: 'Chat with the hotline',
    fromHotline: 'from the hotline',
    onShift: 'on shift',
    offShift: 'off shift',
    inactive: 'inactive',
    coordinator: 'coordinator',
    shifts: 'Shifts (Belgrade)',
    noShifts: 'no shifts',
    daily: 'daily',
    weekdays: 'mon tue wed thu fri sat sun',
    messageFrom: 'Message from',
    take: 'Take',
    cases: 'Open cases',
    noCases: 'No open cases.',
    caseCode: 'Code',
    caseStatus: 'Status',
    caseLanguage: 'Language',
    caseVolunteer: 'Volunteer',
    caseEvents: 'History',
    caseNext: 'Next chase (UTC)',
    status_open: 'waiting',
    status_taken: 'taken',
    status_closed: 'closed',
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
    segment: 'segment',
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
    channel: 'Как телефон пишет на линию',
    channel_sms: 'SMS на номер линии',
    channel_whatsapp: 'WhatsApp',
    channel_sim: 'SMS на сербскую SIM-карту',
    channel_telegram: 'Telegram',
    head_sms: 'SMS с номером линии',
    head_whatsapp: 'Чат WhatsApp с номером линии',
    head_sim: 'SMS с сербской SIM-картой линии (телефон Android с SMS Gateway)',
    head_telegram: 'Чат Telegram с ботом линии · chat id',
    posterLinks: 'Ссылки с плаката:',
    unread: 'нов.',
    viaSim: 'сербская SIM',
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
    openConsole:
      'Волонтёры с интернетом работают в консоли: открыть (вход с номером +381600000004, код появится ниже)',
    volunteers: 'Телефоны волонтёров',
    volunteersNote:
      'По телефону на каждого волонтёра из локального списка. Они пишут на номер линии, линия пересылает, и никто не видит номер другой стороны.',
    noVolunteers: 'В списке никого нет. Добавьте: npm run admin -- volunteers add',
    otherNumbers: 'Другие номера',
    chatWith: 'Переписка с линией',
    fromHotline: 'от линии',
    onShift: 'на смене',
    offShift: 'не на смене',
    inactive: 'выключен(а)',
    coordinator: 'координатор',
    shifts: 'Смены (Белград)',
    noShifts: 'без смен',
    daily: 'ежедневно',
    weekdays: 'пн вт ср чт пт сб вс',
    messageFrom: 'Сообщение от',
    take: 'Взять',
    cases: 'Открытые запросы',
    noCases: 'Открытых запросов нет.',
    caseCode: 'Код',
    caseStatus: 'Статус',
    caseLanguage: 'Язык',
    caseVolunteer: 'Волонтёр',
    caseEvents: 'История',
    caseNext: 'Следующий повтор (UTC)',
    status_open: 'ждёт',
    status_taken: 'взят',
    status_closed: 'закрыт',
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
    segment: 'сегм.',
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
  showThreadHead();
  showUnread();
}
$('ui-language').addEventListener('click', () => {
  ui = ui === 'en' ? 'ru' : 'en';
  localStorage.setItem('hotline-ui', ui);
  applyLabels();
  for (const phone of volunteerPhones.values()) updateVolunteerPhone(phone, phone.volunteer);
});

// ---------- Twilio signing and webhooks ----------
/** The signature Twilio would send, from the local runtime (loopback only): the page never holds the token. */
async function sign(url, params) {
  const response = await fetch('/_local/sign', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ url, params }),
  });
  if (!response.ok) throw new Error(`signing failed: ${response.status}`);
  return (await response.json()).signature;
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

// ---------- the migrant's phone: SMS, WhatsApp, the Serbian SIM and Telegram ----------
const phoneNumber = () => $('from').value.trim();
/** The way the phone writes: `sms` and `whatsapp` (Twilio), `sim` (the Serbian SIM), `telegram`. */
const CHANNELS = ['sms', 'whatsapp', 'sim', 'telegram'];
const currentChannel = () => document.querySelector('input[name="channel"]:checked')?.value ?? 'sms';

/** A number as its digits with a `+`, so `+996 700…` and `+996700…` are the same phone. */
const normal = (number) => {
  const digits = bare(number).replace(/\D/g, '');
  return digits ? `+${digits}` : bare(number);
};
/** The Telegram chat of this phone: a stable numeric id made of the number's digits. */
const chatIdOf = (number) => Number(bare(number).replace(/\D/g, '')) || 0;

/** One thread per number and channel: key → its messages (list items), shown when that pair is chosen. */
const threads = new Map();
/** Messages that came into a thread of this number other than the one on screen: key → count. */
const unread = new Map();
const threadKey = (number, channel) => `${normal(number)}|${channel}`;
const currentKey = () => threadKey(phoneNumber(), currentChannel());
/**
 * The number on screen, or one the phone had a thread for (and no volunteer's): its messages land in its
 * threads, not under "other numbers".
 */
const isMigrant = (number) =>
  normal(number) === normal(phoneNumber()) ||
  (!volunteerPhones.has(number) && CHANNELS.some((channel) => threads.has(threadKey(number, channel))));

/** A message as a phone shows it: `in` is what the phone's owner sent, `out` what they received. */
function makeBubble(text, kind, note) {
  const item = document.createElement('li');
  item.className = kind;
  item.textContent = text;
  if (note) {
    const small = document.createElement('span');
    small.className = 'meta';
    small.textContent = note;
    item.append(small);
  }
  return item;
}

/** Adds a message to a volunteer's thread. */
function addBubble(thread, text, kind, note) {
  const item = makeBubble(text, kind, note);
  thread.append(item);
  thread.scrollTop = thread.scrollHeight;
  return item;
}

/** Adds a message to the migrant's thread for this number and channel; counts it as new if not on screen. */
function addToThread(number, channel, text, kind, note) {
  const key = threadKey(number, channel);
  const item = makeBubble(text, kind, note);
  if (!threads.has(key)) threads.set(key, []);
  threads.get(key).push(item);
  if (key === currentKey()) {
    $('thread').append(item);
    $('thread').scrollTop = $('thread').scrollHeight;
  } else {
    unread.set(key, (unread.get(key) ?? 0) + 1);
    showUnread();
  }
  return item;
}

/** Shows the thread of the number and channel chosen now. */
function showThread() {
  const key = currentKey();
  $('thread').replaceChildren(...(threads.get(key) ?? []));
  $('thread').scrollTop = $('thread').scrollHeight;
  unread.delete(key);
  showUnread();
  showThreadHead();
  const channel = currentChannel();
  $('body').placeholder =
    channel === 'telegram' ? '/start ky · /start ru · ЖАРДАМ / ПОМОЩЬ / 0' : 'ЖАРДАМ / ПОМОЩЬ / 0';
  $('telegram-start').hidden = channel !== 'telegram';
}

/** What the phone is talking to, in words: the hotline's number, its Serbian SIM, or its Telegram bot. */
function showThreadHead() {
  const channel = currentChannel();
  const head = t(`head_${channel}`);
  $('thread-head').textContent =
    channel === 'telegram'
      ? `${head} ${chatIdOf(phoneNumber())}`
      : channel === 'sim'
        ? head
        : `${head} ${HOTLINE_NUMBER}`;
  $('thread').setAttribute('aria-label', `${t(`channel_${channel}`)} · ${normal(phoneNumber())}`);
}

/** A count of new messages next to each other channel of this number, so nothing arrives unseen. */
function showUnread() {
  for (const channel of CHANNELS) {
    const mark = document.querySelector(`.unread[data-channel="${channel}"]`);
    if (!mark) continue;
    const count = unread.get(threadKey(phoneNumber(), channel)) ?? 0;
    mark.hidden = count === 0;
    mark.textContent = count ? `${count} ${t('unread')}` : '';
  }
}

/** A number without its channel prefix: `whatsapp:+996…` and `+996…` are the same phone. */
function bare(address) {
  return (address ?? '').replace(/^whatsapp:/i, '').trim();
}

/** Who a message came from, as its phone shows it: always the hotline, never the other side. */
const fromHotline = (from) =>
  `${t('fromHotline')} ${bare(from) || HOTLINE_NUMBER}${/^whatsapp:/i.test(from ?? '') ? ' · WhatsApp' : ''}`;

/**
 * Hands every <Message> of a TwiML reply to the phone it is for: one without `to` goes back to the phone
 * that sent the request (`sender`, on its `channel`), one with `to` to the migrant's phone (SMS or
 * WhatsApp, as `to` says), a volunteer's phone, or, for any other number, the "other numbers" list.
 */
function deliver(reply, sender, channel) {
  for (const message of reply.document.querySelectorAll('Message')) {
    const to = message.getAttribute('to');
    const from = message.getAttribute('from') || (to ? HOTLINE_NUMBER : '');
    const text = message.textContent;
    const target = to ? bare(to) : sender;
    const via = to ? (/^whatsapp:/i.test(to) ? 'whatsapp' : 'sms') : channel;
    if (isMigrant(target)) {
      // The migrant: a reply to their own text, or words a volunteer sent through the hotline.
      if (!to || normal(sender) === normal(target)) addToThread(target, via, text, 'out', costLabel(text));
      else addToThread(target, via, text, 'out relay', `${fromHotline(from)} · ${costLabel(text)}`);
    } else if (volunteerPhones.has(target)) {
      volunteerBubble(volunteerPhones.get(target), text, 'out', fromHotline(from || HOTLINE_NUMBER));
    } else {
      otherNumber(target, text, fromHotline(from || HOTLINE_NUMBER));
    }
  }
}

/**
 * The migrant writes `body` from `number` on `channel`. Twilio answers SMS and WhatsApp in the TwiML
 * reply; the SIM and Telegram answer through the outbox, which afterRequest reads into this thread.
 */
async function migrantSends(body, channel = currentChannel(), number = phoneNumber()) {
  addToThread(number, channel, body, 'in');
  const key = threadKey(number, channel);
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
    return afterRequest(key);
  }
  await refreshVolunteers();
  await afterRequest(key);
}

$('sms-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const body = $('body').value;
  $('body').value = '';
  await migrantSends(body);
});

for (const button of document.querySelectorAll('.presets button')) {
  button.addEventListener('click', () => {
    $('from').value = button.dataset.number;
    showThread();
    refreshState();
  });
}
$('from').addEventListener('input', showThread);
$('from').addEventListener('change', () => refreshState());
for (const radio of document.querySelectorAll('input[name="channel"]')) {
  radio.addEventListener('change', () => {
    showThread();
    refreshState();
  });
}
for (const button of $('telegram-start').querySelectorAll('button')) {
  button.addEventListener('click', () => migrantSends(button.dataset.text, 'telegram'));
}

// ---------- Telegram: updates as the Bot API posts them ----------
let updateId = Math.floor(Math.random() * 1_000_000) * 1000;

/** A private text message as Telegram posts it to the bot's webhook (an `Update`). */
function telegramUpdate(chatId, text) {
  const id = ++updateId;
  const person = { id: chatId, is_bot: false, first_name: 'Simulator' };
  return {
    update_id: id,
    message: {
      message_id: id % 100_000,
      from: person,
      chat: { id: chatId, first_name: person.first_name, type: 'private' },
      date: Math.floor(Date.now() / 1000),
      text,
      ...(text.startsWith('/')
        ? { entities: [{ offset: 0, length: text.split(' ')[0].length, type: 'bot_command' }] }
        : {}),
    },
  };
}

/** Posts the update through the local runtime, which adds the secret header Telegram sends. */
async function postTelegram(number, text) {
  const update = telegramUpdate(chatIdOf(number), text);
  const response = await fetch('/_local/telegram-webhook', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ update }),
  });
  logRequest(
    'POST /telegram (through /_local/telegram-webhook)',
    update,
    response.status,
    await response.text(),
  );
}

// ---------- the Serbian SIM: SMS Gateway for Android's webhook ----------
/** JSON as Gson writes it, as the app sends it: compact, HTML-safe escapes. */
const gsonJson = (value) =>
  JSON.stringify(value).replace(
    /[<>&='\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );

/** "yyyy-MM-dd'T'HH:mm:ss.SSSXXX" in the phone's time zone, Belgrade. */
function gsonDate(date) {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Belgrade',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'longOffset',
  }).formatToParts(date);
  const part = (type) => parts.find((p) => p.type === type)?.value ?? '';
  const offset = part('timeZoneName').replace('GMT', '') || 'Z';
  const millis = String(date.getUTCMilliseconds()).padStart(3, '0');
  return `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}:${part('second')}.${millis}${offset}`;
}

const NANO_ALPHABET = '_-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const nanoId = () =>
  Array.from(crypto.getRandomValues(new Uint8Array(21)), (b) => NANO_ALPHABET[b & 63]).join('');

/** Unsigned hex of Java's String.hashCode, the shape of the app's received `messageId`. */
function javaHash(text) {
  let hash = 0;
  for (let i = 0; i < text.length; i++) hash = (Math.imul(31, hash) + text.charCodeAt(i)) | 0;
  return (hash >>> 0).toString(16);
}

/** The `sms:received` webhook body the app posts when the SIM receives a text (as local/sms-gateway-stand-in.ts builds it). */
function gatewayReceivedBody(from, text, now) {
  return gsonJson({
    id: nanoId(),
    webhookId: 'LreFUt-Z3sSq0JufY9uWB',
    event: 'sms:received',
    deviceId: 'PyDmBQZZXYmyxMwED8Fzy',
    payload: {
      message: text,
      receivedAt: gsonDate(now),
      messageId: javaHash(`${from}${now.getTime()}${text}`),
      sender: from,
      simNumber: 1,
      phoneNumber: from,
    },
  });
}

/** The SIM's phone posts the text it received, signed by the local runtime (the key stays there). */
async function postToSim(number, text) {
  // The phone signs with its own clock: real time, not the simulated one.
  const body = gatewayReceivedBody(number, text, new Date());
  const signing = await fetch('/_local/sign-gateway', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ body }),
  });
  if (!signing.ok) throw new Error(`signing failed: ${signing.status}`);
  const { timestamp, signature } = await signing.json();
  const response = await fetch('/sms-gateway', {
    method: 'POST',
    headers: {
      'content-type': 'application/json; charset=UTF-8',
      'x-timestamp': timestamp,
      'x-signature': signature,
    },
    body,
  });
  logRequest('POST /sms-gateway', JSON.parse(body), response.status, await response.text());
}

// ---------- volunteer phones: one per volunteer on the roster ----------
/** Phone number → the volunteer's phone on the page: { volunteer, element, thread }. */
const volunteerPhones = new Map();

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
function shiftLabel(shift) {
  const names = t('weekdays').split(' ');
  const day = (d) => names[WEEKDAYS.indexOf(d)] ?? d;
  const days = shift.days.join(',');
  const when =
    days === WEEKDAYS.join(',')
      ? t('daily')
      : days === WEEKDAYS.slice(0, 5).join(',')
        ? `${day('mon')}–${day('fri')}`
        : shift.days.map(day).join(' ');
  return `${when} ${shift.from}–${shift.to}`;
}

function labelled(key) {
  const span = document.createElement('span');
  span.dataset.t = key;
  span.textContent = t(key);
  return span;
}

function createVolunteerPhone(volunteer) {
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
  input.placeholder = 'TAKE 12345 · R 12345 … · LIST';
  const send = labelled('send');
  const button = document.createElement('button');
  button.type = 'submit';
  button.append(send);
  form.append(label, input, button);

  const phone = { volunteer, element, thread, name, labelName, shift, coordinator, about };
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = input.value.trim();
    if (!body) return;
    input.value = '';
    await volunteerSends(phone, body);
  });
  element.append(head, about, threadHead, thread, form);
  $('volunteers').append(element);
  return phone;
}

function updateVolunteerPhone(phone, volunteer) {
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

/** Re-reads the roster (on/off shift at the simulated time) and keeps one phone per volunteer. */
async function refreshVolunteers() {
  let roster = [];
  try {
    const response = await fetch('/_local/volunteers');
    if (response.ok) roster = await response.json();
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

function volunteerBubble(phone, text, kind, note) {
  const item = addBubble(phone.thread, text, kind, note);
  const offer = kind.startsWith('out') ? /\bTAKE (\d{5})\b/.exec(text) : null;
  if (offer) {
    // A notification: one tap sends `TAKE <code>`, as typing it would.
    const code = offer[1];
    const take = document.createElement('button');
    take.type = 'button';
    take.className = 'quick';
    take.append(labelled('take'), ` ${code}`);
    take.addEventListener('click', async () => {
      take.disabled = true;
      // A sample volunteer's PIN (local/roster.sample.json) goes after the code, as they would type it.
      const pin = phone.volunteer?.samplePin;
      await volunteerSends(phone, pin ? `TAKE ${code} ${pin}` : `TAKE ${code}`);
    });
    item.append(take);
    phone.thread.scrollTop = phone.thread.scrollHeight;
  }
  return item;
}

/** The volunteer texts the hotline number from their phone: a signed /sms webhook, From their number. */
async function volunteerSends(phone, body) {
  volunteerBubble(phone, body, 'in');
  const reply = await webhook('/sms', {
    MessageSid: randomSid('SM'),
    AccountSid: ACCOUNT_SID,
    From: phone.volunteer.phone,
    To: HOTLINE_NUMBER,
    Body: body,
    NumMedia: '0',
  });
  await refreshVolunteers();
  deliver(reply, phone.volunteer.phone, 'sms');
  await afterRequest('volunteer');
}

/** A message for a number that is neither the migrant's phone on screen nor a volunteer's. */
function otherNumber(to, text, note) {
  const item = document.createElement('li');
  item.textContent = `→ ${to}\n${text}\n${note}`;
  $('others').append(item);
  $('others-box').hidden = false;
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

async function callWebhook(url, extra, base) {
  const target = new URL(url, base).toString();
  const answer = await webhook(target, { ...call.params, ...extra });
  // A text the call made (a code to type back, a summary) shows on the phone while the call goes on.
  await refreshOutbox();
  return answer;
}

function endCall() {
  if (!call) return;
  call = null;
  status(t('ended'));
  $('call').hidden = false;
  $('hangup').hidden = true;
  afterTimeChange();
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
  await afterTimeChange();
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
  await afterTimeChange();
});

/** How many messages of the outbox (append-only) the phones already show. */
let shownOutbox = 0;

/** The phone and channel an outbox message reaches: a Telegram chat is the phone whose digits it is. */
function outboxAddress(message) {
  if (message.channel === 'telegram') return { number: `+${message.to}`, channel: 'telegram' };
  if (message.channel === 'sms-gateway') return { number: message.to, channel: 'sim' };
  if (message.channel === 'whatsapp') return { number: bare(message.to), channel: 'whatsapp' };
  return { number: bare(message.to), channel: 'sms' };
}

const outboxVia = (message) =>
  message.channel === 'telegram'
    ? 'Telegram'
    : `${message.channel === 'sms-gateway' ? t('viaSim') : message.channel === 'whatsapp' ? 'WhatsApp' : 'SMS'} · ${costLabel(message.body)}`;

/**
 * Shows what was sent outside replies: the timeline lists it all, each phone gets its new messages.
 * `cause`: the thread whose text made the request (its Telegram and SIM messages are replies), or
 * 'volunteer' (a volunteer's words relayed to the migrant); anything else is a reminder or a notice.
 */
async function refreshOutbox(cause) {
  const outbox = await fetch('/_local/outbox').then((r) => r.json());
  $('timeline').replaceChildren();
  for (const message of outbox) {
    const item = document.createElement('li');
    item.textContent = `${message.at.slice(0, 16).replace('T', ' ')} → ${message.to}\n${message.body}\n${outboxVia(message)}`;
    $('timeline').append(item);
  }
  const fresh = outbox.slice(shownOutbox);
  shownOutbox = Math.max(shownOutbox, outbox.length);
  for (const message of fresh) {
    const { number, channel } = outboxAddress(message);
    const sent = `${message.at.slice(0, 16).replace('T', ' ')} · ${outboxVia(message)}`;
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
    } else if (channel !== 'telegram' && volunteerPhones.has(number))
      volunteerBubble(
        volunteerPhones.get(number),
        message.body,
        'out reminder',
        message.from ? `${fromHotline(message.from)} · ${sent}` : `${sent} · ${t('fromHotline')}`,
      );
    else otherNumber(channel === 'telegram' ? `Telegram ${message.to}` : number, message.body, sent);
  }
}

/** Telegram's buttons under a message (a reply keyboard): a tap sends that text, as typing it would. */
function addChoices(item, number, channel, choices) {
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

/** Open and taken cases (never a caller's number), for the "under the hood" table. */
async function refreshCases() {
  let cases = [];
  try {
    const response = await fetch('/_local/cases');
    if (response.ok) cases = await response.json();
  } catch {
    cases = [];
  }
  const nameOf = (volunteerId) =>
    [...volunteerPhones.values()].find((p) => p.volunteer.volunteerId === volunteerId)?.volunteer.name ??
    volunteerId;
  const rows = cases.map((item) => {
    const row = document.createElement('tr');
    const cell = (content, className) => {
      const td = document.createElement('td');
      if (className) td.className = className;
      td.append(content);
      row.append(td);
    };
    cell(item.code);
    cell(labelled(`status_${item.status}`));
    cell(String(item.language ?? '').toUpperCase());
    cell(item.volunteerId ? nameOf(item.volunteerId) : '—');
    cell((item.events ?? []).map((e) => e.kind).join(' → '), 'history');
    cell(item.nextActionAt ? item.nextActionAt.slice(0, 16).replace('T', ' ') : '—');
    return row;
  });
  $('cases-body').replaceChildren(...rows);
  $('cases').hidden = rows.length === 0;
  $('no-cases').hidden = rows.length > 0;
}

/**
 * After anything the hotline answered: what it sent outside replies, the cases, this number's state.
 * `cause`: the thread whose text made the request, or 'volunteer' (see refreshOutbox).
 */
async function afterRequest(cause) {
  await Promise.all([refreshOutbox(cause), refreshCases(), refreshState()]);
}

/** After the clock moved or the scheduled jobs ran: who is on shift, and everything above. */
async function afterTimeChange() {
  await refreshVolunteers();
  await afterRequest();
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
  // A Telegram caller is stored under their chat, not their number.
  const address = currentChannel() === 'telegram' ? `telegram:${chatIdOf(phoneNumber())}` : phoneNumber();
  const state = await fetch(`/_local/caller?phone=${encodeURIComponent(address)}`).then((r) => r.json());
  $('state').textContent = JSON.stringify(state.items, null, 2);
}
$('refresh-state').addEventListener('click', refreshState);

applyLabels();
showThread();
showClock();
// The roster first, so what the outbox already holds for a volunteer lands on their phone.
refreshVolunteers().then(afterRequest);
