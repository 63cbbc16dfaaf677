// Accessibility of the simulator page, checked by axe-core injected into the page from node_modules (no
// outside resource): no serious or critical violation on the main view, with "How it works" open, after a
// conversation and a tour, and on a phone (375 px) with each of its tabs.

import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { AxeResults } from 'axe-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LocalHotline } from '../../local/hotline.js';
import { launchChromium, sendFromPhone } from '../support/browser.js';
import { setClock, startTestHotline, uniquePhone } from '../support/local-hotline.js';
import { seedSampleRoster } from '../support/sample-roster.js';

let hotline: LocalHotline;
let browser: Browser;
let page: Page;
let axeSource: string;
let pageErrors: string[] = [];
let outside: string[] = [];

beforeAll(async () => {
  axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  hotline = await startTestHotline();
  await setClock(hotline, '2026-04-01T10:00:00.000Z');
  await seedSampleRoster(hotline);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await setClock(hotline, null);
  await hotline?.stop();
});

afterEach(async () => {
  expect(pageErrors).toEqual([]);
  expect(outside).toEqual([]);
  await page?.close();
});

async function open(width: number, height: number): Promise<void> {
  page = await browser.newPage({ viewport: { width, height } });
  pageErrors = [];
  outside = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('request', (request) => {
    if (!request.url().startsWith(hotline.url) && !request.url().startsWith('data:'))
      outside.push(request.url());
  });
  await page.goto(hotline.url);
  await expect.poll(() => page.locator('#volunteers .volunteer').count()).toBeGreaterThan(0);
}

/** The serious and critical violations axe finds in the page as it is now, one line each. */
async function seriousViolations(): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  const results = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document) => Promise<AxeResults> } }).axe;
    return axe.run(document);
  });
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) =>
      violation.nodes.map((node) => `${violation.id} (${violation.impact}): ${node.target.join(' ')}`),
    );
}

const sendSms = (text: string) => sendFromPhone(page, text);

describe('the simulator page for people with assistive technology (axe-core)', () => {
  it('has no serious or critical violation on the main view of a wide screen', async () => {
    await open(1440, 900);
    expect(await seriousViolations()).toEqual([]);
  });

  it('has none after a conversation, a case on the volunteers’ phones and an empty text refused', async () => {
    await open(1440, 900);
    await page.fill('#from', uniquePhone('+996'));
    await sendSms('салам');
    await sendSms('1');
    await sendSms('7');
    await expect
      .poll(() => page.locator('#volunteers .thread li.out', { hasText: 'TAKE' }).count(), {
        timeout: 20_000,
      })
      .toBeGreaterThan(0);
    await page.click('#send');
    expect(await page.getAttribute('#body', 'aria-invalid')).toBe('true');
    expect(await seriousViolations()).toEqual([]);
  });

  it('has none with "How it works" and every part of it open', async () => {
    await open(1440, 900);
    await sendSms('салам');
    await page.click('#how > summary');
    for (const part of ['#log-box', '#costs-box', '#outbox-box', '#state-box'])
      await page.click(`${part} > summary`);
    await expect.poll(() => page.locator('#log li').count()).toBeGreaterThan(0);
    expect(await seriousViolations()).toEqual([]);
  });

  it('has none at the end of a guided tour', async () => {
    await open(1440, 900);
    await page.check('#fast');
    await page.check('#tour-quick');
    await page.click('button[data-tour="volunteer"]');
    await expect
      .poll(() => page.getAttribute('#tour', 'data-state'), { timeout: 60_000 })
      .toMatch(/done|failed|stopped/);
    expect(await page.getAttribute('#tour', 'data-state')).toBe('done');
    expect(await seriousViolations()).toEqual([]);
  });

  it('has none while the volunteers’ phones ring for a call, and once one has answered', async () => {
    await open(1440, 900);
    await page.fill('#from', uniquePhone('+996'));
    await page.check('#fast');
    await page.click('#call');
    for (const key of ['1', '4']) {
      await expect
        .poll(() => page.textContent('#call-status'), { timeout: 20_000 })
        .toMatch(/Waiting for keys/);
      await page.click(`#keypad button:text-is("${key}")`);
    }
    await expect
      .poll(() => page.locator('.volunteer .incoming').count(), { timeout: 20_000 })
      .toBeGreaterThan(0);
    expect(await seriousViolations()).toEqual([]);
    await page.locator('.volunteer .incoming button.answer').first().click();
    await expect.poll(() => page.locator('.incoming button.accept').count(), { timeout: 20_000 }).toBe(1);
    expect(await seriousViolations()).toEqual([]);
    await page.click('#hangup');
  });

  it('has none on a phone (375 px), with each tab shown, in each language of the page', async () => {
    await open(375, 800);
    for (const language of ['en', 'ru', 'ky']) {
      await page.click(`button[data-ui="${language}"]`);
      for (const tab of ['tab-phone', 'tab-volunteers', 'tab-time', 'tab-how']) {
        await page.click(`#${tab}`);
        const found = await seriousViolations();
        expect(found, `${language}, ${tab}`).toEqual([]);
      }
    }
    await page.click('button[data-ui="en"]');
  });
});
