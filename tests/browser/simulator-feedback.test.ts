// The simulator page as a newcomer meets it: each number its own thread, empty texts not sent, the clock
// in Belgrade time (day.month.year), and every failure visible: a request the hotline refused shows its
// status, a stopped server shows that nothing answers (that one stops this file's hotline, so it runs last).
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LocalHotline } from '../../local/hotline.js';
import { launchChromium, sendFromPhone } from '../support/browser.js';
import { setClock, startTestHotline, uniquePhone } from '../support/local-hotline.js';

let hotline: LocalHotline;
let browser: Browser;
let page: Page;
let stopped = false;

beforeAll(async () => {
  hotline = await startTestHotline();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  if (!stopped) await setClock(hotline, null);
  if (!stopped) await hotline?.stop();
});

/** Script errors the page threw: a failure must show on the page, never only in the console. */
let pageErrors: string[] = [];

beforeEach(async () => {
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(hotline.url);
});

afterEach(async () => {
  expect(pageErrors).toEqual([]);
  await page.close();
});

/** Sends a text from the phone on screen and waits for its first reply. */
const sendSms = (text: string) => sendFromPhone(page, text);

describe('the simulator page', () => {
  it('gives a second number its own thread, and the first number keeps its own', async () => {
    const first = uniquePhone('+996');
    const second = uniquePhone('+381');
    const thread = page.locator('#thread');

    await page.fill('#from', first);
    await sendSms('салам');
    const firstThread = await thread.textContent();
    expect(await thread.locator('li.in').allTextContents()).toEqual(['салам']);

    await page.fill('#from', second);
    expect(await thread.locator('li').count()).toBe(0);
    await sendSms('ПОМОЩЬ');
    expect(await thread.locator('li.in').allTextContents()).toEqual(['ПОМОЩЬ']);
    expect(await thread.getAttribute('aria-label')).toContain(second);

    await page.fill('#from', first);
    expect(await thread.locator('li.in').allTextContents()).toEqual(['салам']);
    expect(await thread.textContent()).toBe(firstThread);
  });

  it('does not send an empty text, and says what it needs', async () => {
    await page.fill('#from', uniquePhone('+996'));
    await page.fill('#body', '   ');
    await page.click('#send');
    await page.press('#body', 'Enter');

    expect(await page.locator('#thread li').count()).toBe(0);
    expect(await page.textContent('#log')).not.toContain('POST /sms');
    expect(await page.textContent('#compose-hint')).toBe('Type a text first.');
    expect(await page.getAttribute('#body', 'aria-invalid')).toBe('true');
  });

  it('shows the clock in Belgrade time as day.month.year, and sets it in Belgrade time', async () => {
    // 22:30 UTC on 15 July is half past midnight on the 16th in Belgrade (summer time, UTC+2).
    await setClock(hotline, '2026-07-15T22:30:00.000Z');
    await page.reload();
    await expect
      .poll(() => page.textContent('#clock-now'), { timeout: 10_000 })
      .toBe('Hotline time: 16.07.2026 00:30 (Belgrade)');
    expect(await page.inputValue('#clock')).toBe('2026-07-16T00:30');
    expect(await page.textContent('label[for="clock"]')).toBe('Simulated time (Belgrade)');

    // A winter time typed in Belgrade is an hour ahead of UTC.
    await page.fill('#clock', '2026-01-10T09:15');
    await page.click('#set-clock');
    await expect
      .poll(() => page.textContent('#clock-now'), { timeout: 10_000 })
      .toContain('10.01.2026 09:15');
    const { now } = (await (await fetch(`${hotline.url}/_local/clock`)).json()) as { now: string };
    expect(now).toBe('2026-01-10T08:15:00.000Z');
    await page.click('#tick');
    await expect
      .poll(() => page.textContent('#jobs-ran'), { timeout: 20_000 })
      .toBe('Checked at 10.01.2026 09:15 (Belgrade): nothing was due');

    await page.click('button[data-ui="ru"]');
    await page.click('#plus-day');
    await expect
      .poll(() => page.textContent('#clock-now'), { timeout: 10_000 })
      .toBe('Время линии: 11.01.2026 09:15 (Белград)');
    await page.click('button[data-ui="en"]');
    await setClock(hotline, null);
  });

  it('shows the status of a request the hotline refused, on the text and at the top of the page', async () => {
    await page.route('**/sms', (route) => route.fulfill({ status: 500, body: 'Internal Server Error' }));
    await page.fill('#from', uniquePhone('+996'));
    await page.fill('#body', 'салам');
    await page.click('#send');

    const failed = page.locator('#thread li.in.failed');
    await expect.poll(() => failed.count(), { timeout: 10_000 }).toBe(1);
    expect(await failed.textContent()).toContain('POST /sms → answered 500');
    expect(await page.isVisible('#error')).toBe(true);
    expect(await page.textContent('#error-text')).toBe('A request failed: POST /sms → answered 500');
    expect(await page.textContent('#log')).toContain('POST /sms → 500');

    await page.click('#error-close');
    expect(await page.isVisible('#error')).toBe(false);
  });

  it('says the hotline is not answering when the server is stopped: a text, a call, the scheduled jobs', async () => {
    await page.fill('#from', uniquePhone('+996'));
    await page.check('#fast');
    stopped = true;
    await hotline.stop();

    await page.fill('#body', 'салам');
    await page.click('#send');
    const failed = page.locator('#thread li.in.failed');
    await expect.poll(() => failed.count(), { timeout: 10_000 }).toBe(1);
    expect(await failed.textContent()).toContain('not sent: The hotline is not answering');
    await expect.poll(() => page.isVisible('#error')).toBe(true);
    expect(await page.textContent('#error-text')).toContain('The hotline is not answering');

    await page.click('#error-close');
    await page.click('#call');
    await expect
      .poll(() => page.textContent('#call-status'), { timeout: 10_000 })
      .toContain('The call broke off: The hotline is not answering');
    expect(await page.isVisible('#call')).toBe(true);
    expect(await page.isVisible('#hangup')).toBe(false);
    expect(await page.isVisible('#error')).toBe(true);

    await page.click('#error-close');
    await page.click('#tick');
    await expect.poll(() => page.isVisible('#error'), { timeout: 10_000 }).toBe(true);
    expect(await page.textContent('#jobs-ran')).toBe('');
    expect(await page.textContent('#error-text')).toContain('The hotline is not answering');
  });
});
