import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LocalHotline } from '../../local/hotline.js';
import { ky } from '../../shared/messages/ky.js';
import { ru } from '../../shared/messages/ru.js';
import { launchChromium, screenshot } from '../support/browser.js';
import { startTestHotline, uniquePhone } from '../support/local-hotline.js';

let hotline: LocalHotline;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  hotline = await startTestHotline();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await hotline?.stop();
});

beforeEach(async () => {
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const failed: string[] = [];
  page.on('requestfailed', (request) => failed.push(request.url()));
  page.on('request', (request) => {
    if (!request.url().startsWith(hotline.url)) failed.push(`external: ${request.url()}`);
  });
  (page as Page & { failed?: string[] }).failed = failed;
  await page.goto(hotline.url);
});

async function sendSms(text: string) {
  const replies = page.locator('#thread li.out');
  const before = await replies.count();
  await page.fill('#body', text);
  await page.click('#send');
  await expect.poll(() => replies.count(), { timeout: 10_000 }).toBeGreaterThan(before);
  return (await replies.last().textContent()) ?? '';
}

/** Presses keys as a caller would once asked, and waits until the page has sent them to the hotline. */
async function pressWhenAsked(...keys: string[]) {
  const sent = page.locator('#transcript li', { hasText: 'Keys:' });
  const before = await sent.count();
  await expect
    .poll(() => page.textContent('#call-status'), { timeout: 10_000 })
    .toMatch(/Waiting for keys|Ждём/);
  for (const key of keys) await page.click(`#keypad button:text-is("${key}")`);
  await expect.poll(() => sent.count(), { timeout: 10_000 }).toBeGreaterThan(before);
}

describe('the simulator page', () => {
  it('walks an SMS conversation: welcome, Kyrgyz, menu and an entry date with its deadline', async () => {
    await page.fill('#from', uniquePhone('+996'));
    await page.fill('#clock', '2026-04-01T10:00');
    await page.click('#set-clock');
    await expect.poll(() => page.textContent('#clock-now'), { timeout: 5_000 }).toContain('2026-04-01 10:00');

    const welcome = await sendSms('салам');
    const chosen = await sendSms('1');
    const menu = await sendSms('0');
    const saved = await sendSms('КИРДИМ 12.03.2026');

    expect(welcome).toContain('1 - Кыргызча');
    expect(chosen).toContain(ky.language_set);
    expect(menu).toContain(ky.menu.split('\n')[0]);
    expect(saved).toContain('09.06.2026');
    expect(await page.textContent('#log')).toContain('POST /sms → 200');
    await page.click('text=Stored state of this number');
    await expect
      .poll(() => page.textContent('#state'), { timeout: 5_000 })
      .toContain('"entryDate": "2026-03-12"');
    await screenshot(page, 'sms-conversation');
  });

  it('switches its own labels to Russian and shows the segment count of each reply', async () => {
    await page.fill('#from', uniquePhone('+381'));

    await page.click('#ui-language');
    const reply = await sendSms('ПОМОЩЬ');

    expect(await page.textContent('#phone-title')).toBe('Телефон мигранта');
    expect(reply).toContain(ru.menu.split('\n')[0]);
    expect(reply).toMatch(/2 сегм\. · UCS-2/);
    await page.click('#ui-language');
  });

  it('walks an IVR call by keypad: Russian, set the entry date, confirm, and the date is stored', async () => {
    await page.fill('#from', uniquePhone('+381'));
    await page.check('#fast');
    await page.fill('#clock', '2026-04-01T10:00');
    await page.click('#set-clock');
    await expect.poll(() => page.textContent('#clock-now'), { timeout: 5_000 }).toContain('2026-04-01 10:00');

    await page.click('#call');
    await pressWhenAsked('2'); // language menu: Russian
    await pressWhenAsked('3'); // main menu: set my entry date
    await pressWhenAsked('1', '2', '0', '3', '2', '0', '2', '6', '#'); // 12 March 2026
    await expect.poll(() => page.textContent('#transcript'), { timeout: 10_000 }).toContain('Вы ввели');
    await pressWhenAsked('1'); // read back: yes

    await expect
      .poll(() => page.textContent('#transcript'), { timeout: 10_000 })
      .toContain('Спасибо, дата сохранена');
    expect(await page.textContent('#transcript')).toContain('9 июня');
    await page.click('#hangup');
    await page.click('text=Stored state of this number');
    await expect
      .poll(() => page.textContent('#state'), { timeout: 5_000 })
      .toContain('"entryDate": "2026-03-12"');
    await screenshot(page, 'ivr-call');
  });

  it('shows a reminder on the phone after the clock moves to its day and the scheduled jobs run', async () => {
    await page.fill('#from', uniquePhone('+996'));
    await page.fill('#clock', '2026-04-01T10:00');
    await page.click('#set-clock');
    await expect.poll(() => page.textContent('#clock-now'), { timeout: 5_000 }).toContain('2026-04-01 10:00');
    await sendSms('жардам');
    await sendSms('КИРДИМ 12.03.2026');

    await page.fill('#clock', '2026-05-26T07:00');
    await page.click('#set-clock');
    await expect.poll(() => page.textContent('#clock-now'), { timeout: 5_000 }).toContain('2026-05-26 07:00');
    await page.click('#tick');

    const reminder = page.locator('#thread li.reminder');
    await expect.poll(() => reminder.count(), { timeout: 10_000 }).toBe(1);
    expect(await reminder.textContent()).toContain('09.06.2026');
    expect(await page.textContent('#timeline')).toContain('2026-05-26 07:00');
    await screenshot(page, 'reminder');
  });

  it('makes no request outside the local hotline', async () => {
    await sendSms('0');

    expect((page as Page & { failed?: string[] }).failed).toEqual([]);
  });
});
