// The simulator page in plain words: the main view speaks of phones, texts, calls, volunteers and time;
// the machinery (requests and answers, segments and encoding, the outbox, the stored state) waits in a
// collapsed "How it works", with a request log that is capped; every label in Kyrgyz, Russian and English.
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LocalHotline } from '../../local/hotline.js';
import { MAX_LOG } from '../../local/simulator/client/hood.js';
import { launchChromium, sendFromPhone } from '../support/browser.js';
import { setClock, startTestHotline, uniquePhone } from '../support/local-hotline.js';

let hotline: LocalHotline;
let browser: Browser;
let page: Page;
let pageErrors: string[] = [];

beforeAll(async () => {
  hotline = await startTestHotline();
  browser = await launchChromium();
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
});

afterEach(async () => {
  expect(pageErrors).toEqual([]);
  await page.close();
});

const sendSms = (text: string) => sendFromPhone(page, text);

/** Words of the machinery that a coordinator should not have to read to follow the page. */
const MACHINERY = /webhook|\/_local|TwiML|UCS-2|GSM-7|segment|outbox|signature|escalation|relayed_to/i;

describe('the simulator page in plain words', () => {
  it('keeps the machinery out of the main view, one click away in "How it works"', async () => {
    await page.fill('#from', uniquePhone('+996'));
    await sendSms('салам');
    await sendSms('1');

    expect(await page.getAttribute('#how', 'open')).toBeNull();
    // What a person sees (innerText leaves out what a closed <details> does not show).
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is the point: what shows, not what is in the DOM
    const seen = await page.innerText('body');
    expect(seen).toContain("Migrant's phone");
    expect(seen).toContain('Volunteer phones');
    expect(seen).not.toMatch(MACHINERY);

    await page.click('#how > summary');
    await page.click('#log-box > summary');
    await page.click('#costs-box > summary');
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is the point, as above
    const opened = await page.innerText('#how');
    expect(opened).toContain('webhook');
    expect(opened).toContain('POST /sms → 200');
    expect(opened).toMatch(/UCS-2|GSM-7/);
  });

  it('caps the request log and says how many requests there were', async () => {
    const extra = 3;
    for (let i = 0; i < MAX_LOG + extra; i++) {
      const before = await page.textContent('#clock-now');
      await page.click('#plus-day');
      await expect.poll(() => page.textContent('#clock-now'), { timeout: 10_000 }).not.toBe(before);
    }

    expect(await page.locator('#log li').count()).toBe(MAX_LOG);
    expect(await page.textContent('#log-count')).toBe(`(the last ${MAX_LOG} of ${MAX_LOG + extra})`);
    expect(await page.getAttribute('#log-box', 'open')).toBeNull();
    await page.click('#how > summary');
    await page.click('#log-box > summary');
    const box = await page.locator('#log').boundingBox();
    // 32rem at 16 px: the log scrolls inside its box instead of growing the page.
    expect(box?.height ?? Number.POSITIVE_INFINITY).toBeLessThanOrEqual(32 * 16 + 1);
  });

  it('has every label in Kyrgyz, Russian and English, and remembers the choice', async () => {
    const labels = () =>
      page.$$eval('[data-t]', (elements) =>
        elements.map((e): [string, string] => [e.getAttribute('data-t') ?? '', e.textContent ?? '']),
      );
    const english = new Map(await labels());

    for (const language of ['ky', 'ru'] as const) {
      await page.click(`button[data-ui="${language}"]`);
      expect(await page.getAttribute('html', 'lang')).toBe(language);
      expect(await page.getAttribute(`button[data-ui="${language}"]`, 'aria-pressed')).toBe('true');
      const translated = await labels();
      for (const [key, text] of translated) {
        expect(text, `${key} in ${language}`).not.toBe('');
        // A label the language does not have would show in English; only names stay the same.
        if (!['WhatsApp', 'Telegram'].includes(text ?? ''))
          expect(text, `${key} in ${language}`).not.toBe(english.get(key));
      }
    }
    await page.reload();
    expect(await page.getAttribute('html', 'lang')).toBe('ru');
    expect(await page.textContent('#phone-title')).toBe('Телефон мигранта');
    await page.click('button[data-ui="en"]');
  });

  it('opens in the browser’s language on a first visit', async () => {
    const context = await browser.newContext({ locale: 'ky-KG' });
    try {
      const kyrgyz = await context.newPage();
      await kyrgyz.goto(hotline.url);
      expect(await kyrgyz.getAttribute('html', 'lang')).toBe('ky');
      expect(await kyrgyz.textContent('#phone-title')).toBe('Мигранттын телефону');
    } finally {
      await context.close();
    }
  });

  it('tells what the scheduled jobs did in words', async () => {
    await setClock(hotline, '2026-04-01T10:00:00.000Z');
    await page.reload();
    await page.fill('#from', uniquePhone('+996'));
    await sendSms('салам');
    await sendSms('1');
    await sendSms('КИРДИМ 12.03.2026');
    // 26 May, 09:00 in Belgrade: the first reminder (14 days before 09.06.2026) is due.
    await page.fill('#clock', '2026-05-26T09:00');
    await page.click('#set-clock');
    await expect
      .poll(() => page.textContent('#clock-now'), { timeout: 10_000 })
      .toContain('26.05.2026 09:00');
    await page.click('#tick');

    await expect
      .poll(() => page.textContent('#jobs-ran'), { timeout: 20_000 })
      .toMatch(/^Checked at 26\.05\.2026 09:00 \(Belgrade\): \d+ reminders? sent/);
    await expect.poll(() => page.locator('#thread li.reminder').count(), { timeout: 10_000 }).toBe(1);
  });
});
