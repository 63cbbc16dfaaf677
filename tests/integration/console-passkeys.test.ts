// Passkeys on the volunteers' console, from outside, as a browser on `localhost` uses them: a volunteer
// signed in with a texted code adds a passkey (a software authenticator here, making the bytes a phone
// makes), then signs in with it and no text; a replayed or forged answer, another site, a paused or
// removed volunteer and a coordinator's reset are refused. The browser journey (Chromium's virtual
// authenticator) is in tests/browser/console.test.ts.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { LocalHotline } from '../../local/hotline.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { DynamoRosterStore } from '../../shared/adapters/dynamodb/roster-store.js';
import type { Me, PasskeyCreationOptions, PasskeyList, SignInOptions } from '../../shared/console/api.js';
import { parseRoster } from '../../shared/volunteers/volunteer.js';
import { consoleApi } from '../support/console-api.js';
import { setClock, startTestHotline } from '../support/local-hotline.js';
import { assert, newSoftPasskey, register, type SoftPasskey } from '../support/soft-authenticator.js';

const AIDA = '+381600000501';
const BAKYT = '+381600000502';
const NURLAN = '+381600000504'; // coordinator
const LEAVER = '+381600000505';
const WEDNESDAY_NOON = '2026-11-25T11:00:00.000Z';

let hotline: LocalHotline;
/** The console as a browser reaches it by name: a passkey's site must be a name, not an address. */
let base: string;
let origin: string;
let rosterStore: DynamoRosterStore;

beforeAll(async () => {
  hotline = await startTestHotline();
  base = hotline.url.replace('127.0.0.1', 'localhost');
  origin = new URL(base).origin;
  rosterStore = new DynamoRosterStore(createDocumentClient(inject('dynamoEndpoint')), hotline.tableName);
  await rosterStore.importRoster(
    parseRoster([
      { volunteerId: 'pk-aida', name: 'Aida', phone: AIDA, languages: ['ru', 'ky'] },
      { volunteerId: 'pk-bakyt', name: 'Bakyt', phone: BAKYT, languages: ['ky'] },
      { volunteerId: 'pk-nurlan', name: 'Nurlan', phone: NURLAN, languages: ['ky', 'ru'], coordinator: true },
      { volunteerId: 'pk-leaver', name: 'Leaver', phone: LEAVER, languages: ['ru'] },
    ]),
    { replace: true },
  );
  await setClock(hotline, WEDNESDAY_NOON);
});

afterAll(async () => {
  await setClock(hotline, null);
  await hotline.stop();
});

/** The console API, with the session cookie of a sign-in picked out of the answer. */
const consoleCall = consoleApi(
  () => base,
  () => origin,
);
async function api<T = Record<string, unknown>>(
  path: string,
  options: { body?: unknown; cookie?: string | undefined; origin?: string } = {},
): Promise<{ status: number; body: T; cookie: string | undefined }> {
  const answer = await consoleCall<T>(path, options);
  return { ...answer, cookie: answer.cookies[0]?.split(';')[0] };
}

const textsTo = async (phone: string) => {
  await hotline.settled();
  return hotline.outbox.list().filter((m) => m.to === phone).length;
};

/** The simulated clock: a number gets one code a minute, so each new code comes a minute later. */
let now = Date.parse(WEDNESDAY_NOON);
const sessions = new Map<string, string>();

/** The volunteer's session, signed in with a texted code once (again when `fresh`). */
async function signInWithCode(phone: string, fresh = false): Promise<string> {
  const kept = sessions.get(phone);
  if (kept && !fresh) return kept;
  now += 61_000;
  await setClock(hotline, new Date(now).toISOString());
  expect((await api('/sign-in', { body: { phone } })).status).toBe(202);
  await hotline.settled();
  const text = hotline.outbox
    .list()
    .filter((m) => m.to === phone && /\b\d{6}\b/.test(m.body))
    .at(-1);
  const code = /\b(\d{6})\b/.exec(text?.body ?? '')?.[1];
  const verified = await api<Me>('/sign-in/verify', { body: { phone, code } });
  expect(verified.status).toBe(200);
  if (!verified.cookie) throw new Error('no session cookie');
  sessions.set(phone, verified.cookie);
  return verified.cookie;
}

/** Adds a passkey as the page does: options, the device's answer, the list back. */
async function addPasskey(cookie: string, passkey: SoftPasskey = newSoftPasskey()) {
  const options = await api<PasskeyCreationOptions>('/passkeys/options', { body: {}, cookie });
  expect(options.status).toBe(200);
  const added = await api<PasskeyList>('/passkeys', {
    body: register(passkey, { origin, rpId: options.body.rp.id, challenge: options.body.challenge }),
    cookie,
  });
  passkey.userHandle = Buffer.from(options.body.user.id, 'base64url');
  return { passkey, options: options.body, added };
}

/** Signs in with the passkey as the page does; answers the whole exchange. */
async function passkeySignIn(passkey: SoftPasskey, tamper: { origin?: string; rpId?: string } = {}) {
  const options = await api<SignInOptions>('/sign-in/passkey/options', { body: {} });
  expect(options.status).toBe(200);
  const answer = assert(passkey, {
    origin: tamper.origin ?? origin,
    rpId: tamper.rpId ?? options.body.rpId,
    challenge: options.body.challenge,
  });
  return { answer, result: await api<Me>('/sign-in/passkey', { body: answer }) };
}

describe('adding a passkey', () => {
  it('is offered to a signed-in volunteer for this site, with the hotline’s algorithms and no number in it', async () => {
    const cookie = await signInWithCode(AIDA);
    const options = await api<PasskeyCreationOptions>('/passkeys/options', { body: {}, cookie });
    expect(options.status).toBe(200);
    expect(options.body.rp.id).toBe('localhost');
    expect(options.body.pubKeyCredParams.map((p) => p.alg)).toEqual([-7, -8, -257]);
    expect(options.body.authenticatorSelection.userVerification).toBe('required');
    expect(JSON.stringify(options.body)).not.toContain(AIDA.slice(1));
    expect(Buffer.from(options.body.challenge, 'base64url')).toHaveLength(40);
  });

  it('needs a session and the console’s origin', async () => {
    expect((await api('/passkeys/options', { body: {} })).status).toBe(401);
    expect((await api('/passkeys')).status).toBe(401);
    const cookie = await signInWithCode(BAKYT);
    expect(
      (await api('/passkeys/options', { body: {}, cookie, origin: 'https://evil.example' })).status,
    ).toBe(403);
  });

  it('keeps the passkey and lists it for its owner only', async () => {
    const cookie = await signInWithCode(NURLAN);
    const { added, passkey } = await addPasskey(cookie);
    expect(added.status).toBe(200);
    expect(added.body.passkeys.map((p) => p.id)).toEqual([passkey.credentialId.toString('base64url')]);
    const other = await signInWithCode(LEAVER);
    expect((await api<PasskeyList>('/passkeys', { cookie: other })).body.passkeys).toEqual([]);
    const removal = await api(`/passkeys/${passkey.credentialId.toString('base64url')}/remove`, {
      body: {},
      cookie: other,
    });
    expect(removal.status).toBe(404);
    expect((await api<PasskeyList>('/passkeys', { cookie })).body.passkeys).toHaveLength(1);
  });

  it('refuses a registration for another site, a reused challenge and another volunteer’s challenge', async () => {
    const cookie = await signInWithCode(AIDA);
    const options = await api<PasskeyCreationOptions>('/passkeys/options', { body: {}, cookie });
    const passkey = newSoftPasskey();
    const elsewhere = register(passkey, {
      origin: 'https://evil.example',
      rpId: 'evil.example',
      challenge: options.body.challenge,
    });
    expect((await api('/passkeys', { body: elsewhere, cookie })).status).toBe(400);
    const genuine = register(passkey, { origin, rpId: 'localhost', challenge: options.body.challenge });
    expect((await api('/passkeys', { body: genuine, cookie })).status).toBe(200);
    expect(
      (
        await api('/passkeys', {
          body: register(newSoftPasskey(), { origin, rpId: 'localhost', challenge: options.body.challenge }),
          cookie,
        })
      ).status,
    ).toBe(400);
    const bakyt = await signInWithCode(BAKYT);
    const stolen = await api<PasskeyCreationOptions>('/passkeys/options', { body: {}, cookie });
    const intoBakyt = register(newSoftPasskey(), {
      origin,
      rpId: 'localhost',
      challenge: stolen.body.challenge,
    });
    expect((await api('/passkeys', { body: intoBakyt, cookie: bakyt })).status).toBe(400);
  });
});

describe('signing in with a passkey', () => {
  it('signs the volunteer in with no text sent, and the session works', async () => {
    const cookie = await signInWithCode(AIDA);
    const { passkey } = await addPasskey(cookie);
    const texts = await textsTo(AIDA);
    const { result } = await passkeySignIn(passkey);
    expect(result.status).toBe(200);
    expect(result.body.name).toBe('Aida');
    expect((await api<Me>('/me', { cookie: result.cookie })).body.volunteerId).toBe('pk-aida');
    expect(await textsTo(AIDA)).toBe(texts);
    const listed = (await api<PasskeyList>('/passkeys', { cookie: result.cookie })).body.passkeys;
    expect(listed.find((p) => p.id === passkey.credentialId.toString('base64url'))?.lastUsedAt).toBe(
      new Date(now).toISOString(),
    );
  });

  it('works while the number is locked out by wrong codes', async () => {
    const cookie = await signInWithCode(BAKYT);
    const { passkey } = await addPasskey(cookie);
    for (let i = 0; i < 6; i++) await api('/sign-in/verify', { body: { phone: BAKYT, code: '000000' } });
    expect((await api('/sign-in/verify', { body: { phone: BAKYT, code: '000000' } })).status).toBe(429);
    expect((await passkeySignIn(passkey)).result.status).toBe(200);
  });

  it('refuses a replayed answer, another origin, another site, a cloned counter and an unknown key', async () => {
    const cookie = await signInWithCode(AIDA);
    const { passkey } = await addPasskey(cookie);
    const first = await passkeySignIn(passkey);
    expect(first.result.status).toBe(200);
    expect((await api('/sign-in/passkey', { body: first.answer })).status).toBe(401);
    expect((await passkeySignIn(passkey, { origin: 'https://evil.example' })).result.status).toBe(401);
    expect((await passkeySignIn(passkey, { rpId: 'evil.example' })).result.status).toBe(401);
    passkey.signCount = 0;
    expect((await passkeySignIn(passkey)).result.status).toBe(401);
    expect((await passkeySignIn(newSoftPasskey())).result.status).toBe(401);
    const forged = {
      ...first.answer,
      response: { ...first.answer.response, signature: first.answer.response.signature.replace(/^../, 'AA') },
    };
    expect((await api('/sign-in/passkey', { body: forged })).status).toBe(401);
  });

  it('refuses a removed passkey', async () => {
    const cookie = await signInWithCode(NURLAN);
    const { passkey } = await addPasskey(cookie);
    const id = passkey.credentialId.toString('base64url');
    expect(
      (await api<PasskeyList>(`/passkeys/${id}/remove`, { body: {}, cookie })).body.passkeys.map((p) => p.id),
    ).not.toContain(id);
    expect((await passkeySignIn(passkey)).result.status).toBe(401);
  });

  it('ends with a coordinator’s pause for good, and goes with a removed volunteer', async () => {
    const coordinator = await signInWithCode(NURLAN);
    const leaver = await signInWithCode(LEAVER);
    const { passkey } = await addPasskey(leaver);
    expect((await api('/roster/pk-leaver', { body: { active: false }, cookie: coordinator })).status).toBe(
      200,
    );
    expect((await passkeySignIn(passkey)).result.status).toBe(401);
    expect((await api('/roster/pk-leaver', { body: { active: true }, cookie: coordinator })).status).toBe(
      200,
    );
    expect((await passkeySignIn(passkey)).result.status).toBe(401);
    const back = await signInWithCode(LEAVER, true);
    expect((await api<PasskeyList>('/passkeys', { cookie: back })).body.passkeys).toEqual([]);
    const { passkey: fresh } = await addPasskey(back);
    expect((await passkeySignIn(fresh)).result.status).toBe(200);
    expect((await api('/roster/pk-leaver/remove', { body: {}, cookie: coordinator })).status).toBe(200);
    expect((await passkeySignIn(fresh)).result.status).toBe(401);
    await rosterStore.importRoster(
      parseRoster([{ volunteerId: 'pk-leaver', name: 'Leaver', phone: LEAVER, languages: ['ru'] }]),
      { replace: false },
    );
    expect((await passkeySignIn(fresh)).result.status).toBe(401);
  });
});

describe('sign-in tries from one address', () => {
  it('are refused past 60 in an hour, while a passkey still signs in, and count again the next hour', async () => {
    const cookie = await signInWithCode(AIDA, true);
    const { passkey } = await addPasskey(cookie);
    // A fresh clock hour, so the count starts from nothing.
    now = Date.parse('2026-11-25T13:00:00.000Z');
    await setClock(hotline, new Date(now).toISOString());
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++) {
      const phone = `+3816555${String(i).padStart(5, '0')}`;
      const path = i % 2 === 0 ? '/sign-in' : '/sign-in/verify';
      statuses.push((await api(path, { body: i % 2 === 0 ? { phone } : { phone, code: '123456' } })).status);
    }
    expect(statuses.slice(0, 60).every((s) => s === 202 || s === 401)).toBe(true);
    expect(statuses[60]).toBe(429);
    const refused = await fetch(`${base}/console/api/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin },
      body: JSON.stringify({ phone: AIDA }),
    });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBe(3_600);
    expect((await passkeySignIn(passkey)).result.status).toBe(200);

    now += 3_600_000;
    await setClock(hotline, new Date(now).toISOString());
    expect((await api('/sign-in', { body: { phone: '+381655599999' } })).status).toBe(202);
  });
});
