// The simulator page keeps up with what happened: a text the hotline leaves unanswered says so on the
// phone ("(no reply: stopped)" after STOP), the keypad answers only during a call, and a volunteer's Take
// button goes stale as soon as someone else took the case, on this page or outside it.
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LocalHotline } from '../../local/hotline.js';
import type { Volunteer } from '../../shared/volunteers/volunteer.js';
import { launchChromium, sendFromPhone } from '../support/browser.js';
import { postSigned, setClock, smsParams, startTestHotline, uniquePhone } from '../support/local-hotline.js';
import { seedSampleRoster } from '../support/sample-roster.js';

let hotline: LocalHotline;
let browser: Browser;
let page: Page;
let pageErrors: string[] = [];
let pins: Map<string, string | undefined>;
let roster: Volunteer[];

beforeAll(async () => {
  hotline = await startTestHotline();
  ({ roster, pins } = await seedSampleRoster(hotline));
  browser = await launchChromium();
  // Wednesday 25 November 2026, 12:00 in Belgrade: Aida, Bakyt and Nurlan are on shift.
  await setClock(hotline, '2026-11-25T11:00:00.000Z');
});

afterAll(async () => {
  await browser?.close();
  await setClock(hotline, null);
  await hotline?.stop();
});

beforeEach(async () => {
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(hotline.url);
  await expect.poll(() => page.locator('#volunteers .volunteer').count()).toBe(roster.length);
});

afterEach(async () => {
  expect(pageErrors).toEqual([]);
  await page.close();
});

/** Sends a text from the phone on screen; resolves when the page has shown what came back (or that nothing did). */
// Anything after the text counts, "(no reply)" included.
const sendSms = (text: string) => sendFromPhone(page, text, '#thread li:not(.in)');

/** A case opened from a fresh number; its code, once the volunteers on shift have it on their phones. */
async function openCase(): Promise<string> {
  await page.fill('#from', uniquePhone('+996'));
  await sendSms('ADAM айлык бербей жатат');
  const code = /\b(\d{5,6})\b/.exec((await page.textContent('#thread li.out')) ?? '')?.[1] ?? '';
  expect(code).not.toBe('');
  for (const id of ['aida', 'bakyt']) {
    await expect
      .poll(() => page.locator(`#volunteer-${id} button.quick[data-code="${code}"]`).count(), {
        timeout: 10_000,
      })
      .toBe(1);
  }
  return code;
}

describe('the simulator page keeps up', () => {
  it('shows "(no reply: stopped)" on the phone when the hotline stays silent after STOP', async () => {
    await page.fill('#from', uniquePhone('+996'));
    await sendSms('салам');
    await sendSms('STOP');
    expect(await page.locator('#thread li.none').count()).toBe(0);

    await sendSms('салам');

    const last = page.locator('#thread li').last();
    expect(await last.textContent()).toBe('(no reply: stopped)');
    expect(await last.getAttribute('class')).toBe('none');
    expect(await page.textContent('#log')).toContain('POST /sms → 200');
  });

  it('keeps the keypad off outside a call, and live during one', async () => {
    await page.fill('#from', uniquePhone('+381'));
    await page.check('#fast');
    const key = page.locator('#keypad button:text-is("2")');
    expect(await key.isDisabled()).toBe(true);
    expect(await page.isVisible('#keypad-idle')).toBe(true);

    await page.click('#call');
    await expect.poll(() => page.textContent('#call-status'), { timeout: 20_000 }).toBe('Waiting for keys…');
    expect(await key.isDisabled()).toBe(false);
    expect(await page.isVisible('#keypad-idle')).toBe(false);
    await key.click(); // Russian
    await expect.poll(() => page.locator('#transcript li.pressed').count(), { timeout: 20_000 }).toBe(1);

    await page.click('#hangup');
    expect(await page.textContent('#call-status')).toBe('Call ended.');
    expect(await key.isDisabled()).toBe(true);
    // A key pressed outside the call is not sent anywhere.
    await key.click({ force: true });
    expect(await page.locator('#transcript li.pressed').count()).toBe(1);
  });

  it('turns the stale Take button off and says who took the case, when another volunteer on the page took it', async () => {
    const code = await openCase();
    const aidaTake = page.locator(`#volunteer-aida button.quick[data-code="${code}"]`);
    expect(await aidaTake.isDisabled()).toBe(false);

    await page.locator(`#volunteer-bakyt button.quick[data-code="${code}"]`).click();

    await expect.poll(() => aidaTake.isDisabled(), { timeout: 10_000 }).toBe(true);
    const bakyt = roster.find((v) => v.volunteerId === 'bakyt');
    expect(await page.locator('#volunteer-aida .take-state').last().textContent()).toBe(
      `taken by ${bakyt?.name}`,
    );
  });

  it('turns the stale Take button off when the case was taken outside the page', async () => {
    const code = await openCase();
    const aidaTake = page.locator(`#volunteer-aida button.quick[data-code="${code}"]`);
    const nurlan = roster.find((v) => v.volunteerId === 'nurlan');
    expect(await aidaTake.isDisabled()).toBe(false);

    // Nurlan takes it from his own phone, as the console or a real phone would: the page sent nothing.
    const taken = await postSigned(
      hotline,
      '/sms',
      smsParams(nurlan?.phone ?? '', `TAKE ${code} ${pins.get('nurlan') ?? ''}`),
    );
    expect(taken.status).toBe(200);

    await expect.poll(() => aidaTake.isDisabled(), { timeout: 15_000 }).toBe(true);
    expect(await page.locator('#volunteer-aida .take-state').last().textContent()).toBe(
      `taken by ${nurlan?.name}`,
    );
  });
});
