// The simulator page: a Twilio stand-in in the browser. It signs each webhook with the local token
// (HMAC-SHA1 over URL + sorted params, as Twilio does) and shows the TwiML answer.
const meta = (name) => document.querySelector(`meta[name="${name}"]`).content;
const publicBaseUrl = meta('hotline-public-base-url');
const authToken = meta('hotline-auth-token');
const $ = (id) => document.getElementById(id);

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

const sid = (prefix) =>
  prefix +
  Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');

async function post(path, params) {
  const signature = await sign(publicBaseUrl + path, params);
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
    body: new URLSearchParams(params),
  });
  const text = await response.text();
  $('raw').textContent = `POST ${path} → ${response.status}\n\n${text}`;
  return new DOMParser().parseFromString(text, 'text/xml');
}

function bubble(text, direction) {
  const p = document.createElement('p');
  p.className = direction;
  p.textContent = text;
  $('thread').append(p);
}

function from() {
  const number = $('from').value.trim();
  return $('whatsapp').checked ? `whatsapp:${number}` : number;
}

$('sms-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const body = $('body').value;
  bubble(body, 'in');
  $('body').value = '';
  const twiml = await post('/sms', {
    MessageSid: sid('SM'),
    AccountSid: 'ACLOCAL',
    From: from(),
    To: '+381110000000',
    Body: body,
  });
  for (const message of twiml.querySelectorAll('Message'))
    if (!message.getAttribute('to')) bubble(message.textContent, 'out');
});

$('call').addEventListener('click', async () => {
  const twiml = await post('/voice', {
    CallSid: sid('CA'),
    AccountSid: 'ACLOCAL',
    From: $('from').value.trim(),
    To: '+381110000000',
    CallStatus: 'ringing',
  });
  for (const verb of twiml.documentElement.children) {
    if (verb.nodeName === 'Play') await new Audio(verb.textContent).play().catch(() => undefined);
    if (verb.nodeName === 'Say' && 'speechSynthesis' in window) {
      const utterance = new SpeechSynthesisUtterance(verb.textContent);
      utterance.lang = verb.getAttribute('language') || 'ru-RU';
      speechSynthesis.speak(utterance);
    }
  }
});
