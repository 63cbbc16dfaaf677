// The volunteers' console (/console) in Debian's Chromium, against the real local runtime: a volunteer
// signs in with the code texted to their phone (read from the outbox), works an SMS case from the list to
// its close, a coordinator adds and pauses a volunteer, a wrong code and the language switch, and a case
// in another language kept out of the list. Each journey runs on a phone and on a desktop, each with its
// own volunteers (a number gets one sign-in code a minute and the simulated clock stands still).
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import type { LocalHotline } from '../../local/hotline.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { DynamoRosterStore } from '../../shared/adapters/dynamodb/roster-store.js';
import { parseRoster, type Volunteer } from '../../shared/volunteers/volunteer.js';
import { launchChromium, screenshot } from '../support/browser.js';
import {
  askForCode,
  expectAccessible,
  expectNoSidewaysScroll,
  signIn,
  watchPage,
} from '../support/console-page.js';
import {
  messageBodies,
  postSigned,
  setClock,
  smsParams,
  startTestHotline,
  uniquePhone,
} from '../support/local-hotline.js';

/** Wednesday 25 November 2026, 12:00 in Belgrade. */
const WEDNESDAY_NOON = '2026-11-25T11:00:00.000Z';
/** The console polls the list every 5 s and an open case every 4 s: anything new shows within this. */
const POLLED = { timeout: 15_000 };
const weekdays = [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '18:00' }];

const VIEWPORTS = [
  { name: 'phone', width: 375, height: 800, numbers: '+38160000041' },
  { name: 'desktop', width: 1280, height: 900, numbers: '+38160000042' },
] as const;
type Viewport = (typeof VIEWPORTS)[number];

/** The volunteers of one viewport's journeys, each signing in once in this file. */
function volunteersOf(viewport: Viewport) {
  const n = viewport.name;
  const at = (digit: number) => `${viewport.numbers}${digit}`;
  return {
    /** Reads Russian, takes Russian and Kyrgyz cases, on shift on weekdays. */
    worker: { volunteerId: `${n}-aida`, name: `Aida ${n}`, phone: at(1), languages: ['ru', 'ky'] },
    coordinator: {
      volunteerId: `${n}-nurlan`,
      name: `Nurlan ${n}`,
      phone: at(2),
      languages: ['ky', 'ru'],
      coordinator: true,
    },
    /** Signs in after a wrong code. */
    bakyt: { volunteerId: `${n}-bakyt`, name: `Bakyt ${n}`, phone: at(3), languages: ['ky'] },
    /** Russian only. */
    olga: { volunteerId: `${n}-olga`, name: `Olga ${n}`, phone: at(4), languages: ['ru'] },
    /** Added from the Volunteers tab (not in the imported roster). */
    added: { volunteerId: `${n}-zarina`, name: `Zarina ${n}`, phone: at(8) },
    /** Adds a passkey, then signs in with it. */
    timur: { volunteerId: `${n}-timur`, name: `Timur ${n}`, phone: at(5), languages: ['ky', 'ru'] },
  };
}

let hotline: LocalHotline;
let browser: Browser;

beforeAll(async () => {
  hotline = await startTestHotline();
  const roster: Volunteer[] = parseRoster(
    VIEWPORTS.flatMap((viewport) => {
      const { worker, coordinator, bakyt, olga, timur } = volunteersOf(viewport);
      return [worker, coordinator, bakyt, olga, timur].map((v) => ({ ...v, shifts: weekdays }));
    }),
  );
  const client = createDocumentClient(inject('dynamoEndpoint'));
  try {
    await new DynamoRosterStore(client, hotline.tableName).importRoster(roster, { replace: true });
  } finally {
    client.destroy();
  }
  await setClock(hotline, WEDNESDAY_NOON);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  if (hotline) await setClock(hotline, null);
  await hotline?.stop();
});

/** The roster as the table holds it now, read through the real store. */
async function storedRoster(): Promise<Volunteer[]> {
  const client = createDocumentClient(inject('dynamoEndpoint'));
  try {
    return await new DynamoRosterStore(client, hotline.tableName).list();
  } finally {
    client.destroy();
  }
}

/** A caller texts the hotline number by SMS; answers the case code from the TwiML reply. */
async function callerTexts(phone: string, text: string): Promise<string> {
  const reply = await postSigned(hotline, '/sms', smsParams(phone, text));
  expect(reply.status).toBe(200);
  const code = /\b([1-9]\d{5})\b/.exec(messageBodies(reply).join(' '))?.[1];
  if (!code) throw new Error(`no case code in ${messageBodies(reply).join(' | ')}`);
  return code;
}

/** Every message sent (outside a TwiML answer) to `to` with exactly this text. */
async function sentTo(to: string, text: string) {
  await hotline.settled();
  return hotline.outbox.list().filter((m) => m.to === to && m.body === text);
}

for (const viewport of VIEWPORTS) {
  const people = volunteersOf(viewport);
  const shot = (page: Page, step: string) => screenshot(page, `console-${viewport.name}-${step}`);

  describe(`the console on a ${viewport.name} (${viewport.width}×${viewport.height})`, () => {
    let context: BrowserContext;
    let page: Page;
    /** Requests outside the local hotline, and anything the CSP refused. */
    let problems: string[];

    beforeEach(async () => {
      context = await browser.newContext({
        viewport: { width: viewport.width, height: viewport.height },
        locale: 'en-US',
      });
      page = await context.newPage();
      problems = watchPage(page, hotline.url);
      await page.goto(`${hotline.url}/console`);
    });

    afterEach(async () => {
      await context?.close();
      expect(problems).toEqual([]);
    });

    it('lets a volunteer sign in, take an SMS case that arrives while they watch, answer the caller, read the answer and close it', async () => {
      const { worker } = people;
      const caller = uniquePhone('+996');
      await page.locator('#sign-in-view').waitFor({ state: 'visible', timeout: 10_000 });
      if (viewport.width < 400) await expectNoSidewaysScroll(page, 'the sign-in view');
      await expectAccessible(hotline, page, 'the sign-in view');
      await shot(page, 'sign-in');

      await signIn(hotline, page, worker);
      // The page speaks the volunteer's reading language (the first of theirs) until they pick another.
      expect(await page.getAttribute('html', 'lang')).toBe('ru');
      expect(await page.getAttribute('#lang-ru', 'aria-pressed')).toBe('true');
      await page.locator('#case-list > *').first().waitFor({ timeout: 10_000 });

      // The caller texts after the volunteer is in: the list shows it without a reload.
      const code = await callerTexts(caller, 'мне нужен человек');
      const waiting = page.locator(`ul[data-group=waiting] a[data-case="${code}"]`);
      await waiting.waitFor({ state: 'visible', ...POLLED });
      if (viewport.width < 400) await expectNoSidewaysScroll(page, 'the case list');
      await expectAccessible(hotline, page, 'the case list');
      await shot(page, 'case-list');

      await waiting.click();
      await page.locator('#case-body').waitFor({ state: 'visible', timeout: 10_000 });
      expect(await page.textContent('#case-title')).toContain(code);
      const callerSays = page.locator('#thread li[data-kind=caller]');
      await callerSays.first().waitFor({ timeout: 10_000 });
      expect(await callerSays.allTextContents()).toEqual([expect.stringContaining('мне нужен человек')]);
      if (viewport.width < 400) {
        // One pane at a time on a phone: the case replaces the list, and Back is there.
        expect(await page.isVisible('#list-pane')).toBe(false);
        expect(await page.isVisible('#back')).toBe(true);
      }
      expect(await page.isVisible('#mine-actions')).toBe(false);
      await page.click('#take');
      await page.locator('#mine-actions').waitFor({ state: 'visible', timeout: 10_000 });
      expect(await page.isVisible('#take')).toBe(false);
      await page
        .locator(`ul[data-group=mine] a[data-case="${code}"]`)
        .waitFor({ state: 'attached', ...POLLED });

      const answer = `Здравствуйте, я ${worker.name}. Сколько месяцев не платят?`;
      await page.fill('#reply-text', answer);
      await page.click('#send-reply');
      await page.locator('#thread li[data-kind=reply]', { hasText: answer }).waitFor({ timeout: 10_000 });
      expect(await page.inputValue('#reply-text')).toBe('');
      await expect.poll(async () => (await sentTo(caller, answer)).length, { timeout: 10_000 }).toBe(1);
      expect((await sentTo(caller, answer))[0]).toMatchObject({ channel: 'sms', from: '+381110000000' });
      // The words reach the caller only, not the volunteer's own phone.
      expect(hotline.outbox.list().some((m) => m.to === worker.phone && m.body.includes(answer))).toBe(false);

      await postSigned(hotline, '/sms', smsParams(caller, 'три месяца'));
      await page.locator('#thread li[data-kind=caller]', { hasText: 'три месяца' }).waitFor(POLLED);
      expect(await callerSays.count()).toBe(2);

      await page.fill('#note-text', 'стройка, Нови Сад');
      await page.click('#save-note');
      await page.locator('#thread li[data-kind=note]', { hasText: 'стройка, Нови Сад' }).waitFor({
        timeout: 10_000,
      });
      if (viewport.width < 400) await expectNoSidewaysScroll(page, 'an open case');
      await expectAccessible(hotline, page, 'an open case');
      await shot(page, 'case-open');

      // Closing asks first; Cancel leaves the case as it was.
      await page.click('#close-case');
      await page.locator('#confirm-close').waitFor({ state: 'visible', timeout: 5_000 });
      await page.click('#cancel-close');
      expect(await page.isVisible('#confirm-close')).toBe(false);
      expect(await page.isVisible('#mine-actions')).toBe(true);
      await page.click('#close-case');
      await page.click('#confirm-close');
      await page.locator(`#case-list a[data-case="${code}"]`).waitFor({ state: 'detached', ...POLLED });
      // Once the case is gone the page goes back to the list (on a phone, it replaces the case).
      await page.locator('#list-pane').waitFor({ state: 'visible', ...POLLED });
      expect(await page.isVisible('#sign-in-view')).toBe(false);
      await shot(page, 'case-closed');
    });

    it('lets a coordinator add a volunteer with a Wednesday shift from the Volunteers tab, then pause them', async () => {
      const { coordinator, added } = people;
      await signIn(hotline, page, coordinator);
      await page.click('#lang-en');
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      await page.click('#tab-roster');
      await page.locator('#roster-view').waitFor({ state: 'visible', timeout: 10_000 });
      await page
        .locator(`#roster li[data-volunteer="${coordinator.volunteerId}"]`)
        .waitFor({ timeout: 10_000 });
      expect(await page.isVisible('#cases-view')).toBe(false);
      // The case figures head the tab: 8 weeks, Kyrgyz and Russian each, as a chart and a table.
      await page.locator('#figures table tbody tr').first().waitFor({ timeout: 10_000 });
      expect(await page.locator('#figures table tbody tr').count()).toBe(16);
      expect(await page.locator('#figures svg rect').count()).toBeGreaterThan(0);
      if (viewport.width < 400) await expectNoSidewaysScroll(page, 'the roster view');
      await expectAccessible(hotline, page, 'the roster view');

      await page.fill('#vol-id', added.volunteerId);
      await page.fill('#vol-name', added.name);
      await page.fill('#vol-phone', added.phone);
      // Takes Kyrgyz and Russian cases, reads Russian: the roster keeps Russian first.
      await page.check('#vol-lang-ky');
      await page.check('#vol-lang-ru');
      await page.selectOption('#vol-reads', 'ru');
      const shift = page.locator('#vol-shifts fieldset.shift');
      expect(await shift.count()).toBe(1);
      const n = await shift.getAttribute('data-shift');
      await page.check(`#shift-${n}-wed`);
      await page.fill(`#shift-${n}-from`, '10:00');
      await page.fill(`#shift-${n}-to`, '14:00');
      await expectAccessible(hotline, page, 'the add form', '#add-volunteer');
      await shot(page, 'roster-form');
      await page.click('#save-volunteer');

      const card = page.locator(`#roster li[data-volunteer="${added.volunteerId}"]`);
      await card.waitFor({ timeout: 10_000 });
      // Wednesday 12:00 in Belgrade is inside 10:00–14:00.
      expect(await card.locator('.badge.mine').textContent()).toBe('on shift now');
      expect(await card.textContent()).toContain('Wed 10:00–14:00');
      expect(await page.inputValue('#vol-id')).toBe('');
      const stored = (await storedRoster()).find((v) => v.volunteerId === added.volunteerId);
      expect(stored).toMatchObject({
        name: added.name,
        phone: added.phone,
        languages: ['ru', 'ky'],
        active: true,
        coordinator: false,
        shifts: [{ days: ['wed'], from: '10:00', to: '14:00' }],
      });
      if (viewport.width < 400) await expectNoSidewaysScroll(page, 'the roster with the new card');
      await shot(page, 'roster-added');

      // Editing only the name keeps the order, and so the language the hotline texts them in.
      await card.locator('[data-action=edit]').click();
      await page.fill('#vol-name', `${added.name} R.`);
      await page.click('#save-volunteer');
      await expect
        .poll(async () => (await storedRoster()).find((v) => v.volunteerId === added.volunteerId)?.name, {
          timeout: 10_000,
        })
        .toBe(`${added.name} R.`);
      expect((await storedRoster()).find((v) => v.volunteerId === added.volunteerId)?.languages).toEqual([
        'ru',
        'ky',
      ]);

      await card.locator('[data-action=pause]').click();
      await expect
        .poll(async () => (await storedRoster()).find((v) => v.volunteerId === added.volunteerId)?.active, {
          timeout: 10_000,
        })
        .toBe(false);
      await card.locator('[data-action=activate]').waitFor({ timeout: 10_000 });
      expect(await card.textContent()).toContain('paused');
      await shot(page, 'roster-paused');
    });

    it('says a wrong code is wrong in the page’s language, stays on the code step, and switches to Kyrgyz', async () => {
      const { bakyt } = people;
      await page.locator('#sign-in-view').waitFor({ state: 'visible', timeout: 10_000 });
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      const code = await askForCode(hotline, page, bakyt.phone);
      const wrong = `${code.slice(0, 5)}${(Number(code[5]) + 1) % 10}`;

      await page.fill('#code', wrong);
      await page.click('#verify');
      await expect
        .poll(() => page.textContent('#status'), { timeout: 10_000 })
        .toBe('Wrong code. Check it and try again.');
      expect(await page.isVisible('#status')).toBe(true);
      expect(await page.isVisible('#code-form')).toBe(true);
      expect(await page.isVisible('#cases-view')).toBe(false);
      await shot(page, 'wrong-code');

      await page.click('#lang-ky');
      expect(await page.getAttribute('html', 'lang')).toBe('ky');
      expect(await page.getAttribute('#lang-ky', 'aria-pressed')).toBe('true');
      expect(await page.getAttribute('#lang-en', 'aria-pressed')).toBe('false');
      expect(await page.textContent('#verify')).toBe('Кирүү');
      expect(await page.textContent('#code-explain')).toContain('10 мүнөт');
      await page.fill('#code', wrong);
      await page.click('#verify');
      await expect
        .poll(() => page.textContent('#status'), { timeout: 10_000 })
        .toBe('Код туура эмес. Текшерип, кайра аракет кылыңыз.');
      expect(await page.isVisible('#code-form')).toBe(true);
      await expectAccessible(hotline, page, 'the code step in Kyrgyz');
      await shot(page, 'wrong-code-ky');

      // The right code still works after the wrong ones, and the chosen language stays.
      await page.fill('#code', code);
      await page.click('#verify');
      await page.locator('#cases-view').waitFor({ state: 'visible', timeout: 10_000 });
      expect(await page.textContent('#me-name')).toBe(bakyt.name);
      expect(await page.getAttribute('html', 'lang')).toBe('ky');
    });

    it('does not list a Kyrgyz caller’s case to a volunteer who takes only Russian ones', async () => {
      const { olga } = people;
      const kyrgyz = await callerTexts(uniquePhone('+996'), 'адам керек');
      await signIn(hotline, page, olga);
      // A Russian case opened after it shows up, so the list has caught up with both.
      const russian = await callerTexts(uniquePhone('+996'), 'мне нужен человек');
      await page.locator(`#case-list a[data-case="${russian}"]`).waitFor(POLLED);
      expect(await page.locator(`#case-list a[data-case="${kyrgyz}"]`).count()).toBe(0);
      await shot(page, 'russian-only');

      // Nor can it be opened by its address.
      await page.evaluate((code) => {
        location.hash = `#case/${code}`;
      }, kyrgyz);
      await expect
        .poll(() => page.textContent('#status'), { timeout: 10_000 })
        .toBe('Обращение закрыто или его нет.');
      expect(await page.locator('#thread li').count()).toBe(0);
      expect(await page.isVisible('#case-body')).toBe(false);
    });
  });

  describe(`passkeys on a ${viewport.name}`, () => {
    let context: BrowserContext;
    let page: Page;
    let problems: string[];
    /** A passkey's site must be a name: the same console at localhost instead of 127.0.0.1. */
    const named = () => hotline.url.replace('127.0.0.1', 'localhost');

    beforeEach(async () => {
      context = await browser.newContext({
        viewport: { width: viewport.width, height: viewport.height },
        locale: 'en-US',
      });
      page = await context.newPage();
      problems = watchPage(page, named());
    });

    afterEach(async () => {
      await context?.close();
      expect(problems).toEqual([]);
    });

    it('lets a volunteer add a passkey after a code, then sign in with it and no text', async () => {
      const { timur } = people;
      // Chromium's virtual authenticator: a phone's platform passkey with a screen lock, made by the browser.
      const cdp = await context.newCDPSession(page);
      await cdp.send('WebAuthn.enable', { enableUI: false });
      const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
        options: {
          protocol: 'ctap2',
          transport: 'internal',
          hasResidentKey: true,
          hasUserVerification: true,
          isUserVerified: true,
          automaticPresenceSimulation: true,
        },
      });
      await page.goto(`${named()}/console`);
      await page.locator('#sign-in-view').waitFor({ state: 'visible', timeout: 10_000 });
      expect(await page.isVisible('#passkey-button')).toBe(true);
      await signIn(hotline, page, timur);
      await page.click('#lang-en');

      await page.click('#passkeys summary');
      expect(await page.isVisible('#passkey-none')).toBe(true);
      await page.click('#add-passkey');
      await page.locator('#passkey-list li').waitFor({ state: 'visible', timeout: 10_000 });
      expect(await page.textContent('#status')).toContain('Passkey added');
      expect(await page.isVisible('#passkey-none')).toBe(false);
      const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
      expect(credentials).toHaveLength(1);
      expect(credentials[0]?.isResidentCredential).toBe(true);
      if (viewport.width < 400) await expectNoSidewaysScroll(page, 'the passkeys');
      await expectAccessible(hotline, page, 'the case list with the passkeys open', '#list-pane');
      await shot(page, 'passkeys');

      await page.click('#sign-out');
      await page.locator('#sign-in-view').waitFor({ state: 'visible', timeout: 10_000 });
      await hotline.settled();
      const textsBefore = hotline.outbox.list().filter((m) => m.to === timur.phone).length;
      await page.click('#passkey-button');
      await page.locator('#cases-view').waitFor({ state: 'visible', timeout: 10_000 });
      expect(await page.textContent('#me-name')).toBe(timur.name);
      await hotline.settled();
      expect(hotline.outbox.list().filter((m) => m.to === timur.phone)).toHaveLength(textsBefore);
      // The counter the browser keeps moved on: the same passkey, used once.
      const after = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
      expect(after.credentials[0]?.signCount).toBeGreaterThan(credentials[0]?.signCount ?? 0);

      // Removing it leaves the code as the way in.
      await page.click('#passkeys summary');
      await page.locator('#passkey-list li button').click();
      await page.locator('#passkey-none').waitFor({ state: 'visible', timeout: 10_000 });
      await page.click('#sign-out');
      await page.click('#passkey-button');
      await expect
        .poll(() => page.textContent('#status'), { timeout: 10_000 })
        .toContain('does not sign you in');
      expect(await page.isVisible('#sign-in-view')).toBe(true);
    });

    it('points to the named address when the console is opened at 127.0.0.1', async () => {
      problems = watchPage(page, hotline.url);
      await page.goto(`${hotline.url}/console`);
      await page.locator('#sign-in-view').waitFor({ state: 'visible', timeout: 10_000 });
      expect(await page.isVisible('#passkey-button')).toBe(false);
      expect(await page.getAttribute('#passkey-localhost', 'href')).toBe(`${named()}/console`);
    });
  });
}
