// The simulator's layout as a newcomer sees it. On a wide screen (1440 px) the migrant's phone, the
// volunteers' phones and the time panel stand side by side on the first screen, the tour beside them, not
// above them, and the columns use the width. On a phone (375 px) a tab bar at the top shows one part at a
// time, stays at the top while the page scrolls, marks a part where something new arrived, and the tour
// brings up the part each step plays in.
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LocalHotline } from '../../local/hotline.js';
import { launchChromium, screenshot } from '../support/browser.js';
import { setClock, startTestHotline, uniquePhone } from '../support/local-hotline.js';
import { seedSampleRoster } from '../support/sample-roster.js';

let hotline: LocalHotline;
let browser: Browser;
let page: Page;
let pageErrors: string[] = [];

beforeAll(async () => {
  hotline = await startTestHotline();
  // The sample roster `npm start` seeds into a fresh table.
  await seedSampleRoster(hotline);
  // A weekday at noon in Belgrade: the sample volunteers who speak Kyrgyz are on shift.
  await setClock(hotline, '2026-04-01T10:00:00.000Z');
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await setClock(hotline, null);
  await hotline?.stop();
});

afterEach(async () => {
  expect(pageErrors).toEqual([]);
  await page?.close();
});

async function open(width: number, height: number): Promise<void> {
  page = await browser.newPage({ viewport: { width, height } });
  pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(hotline.url);
  await expect.poll(() => page.locator('#volunteers .volunteer').count()).toBeGreaterThan(0);
}

async function box(selector: string): Promise<{ x: number; y: number; width: number; height: number }> {
  const found = await page.locator(selector).boundingBox();
  if (!found) throw new Error(`${selector} is not on the page`);
  return found;
}

describe('the simulator on a wide screen (1440 px)', () => {
  it('puts the migrant’s phone, the volunteers and the time panel side by side on the first screen, the tour beside them', async () => {
    await open(1440, 900);
    const phone = await box('#phone-panel');
    const volunteers = await box('#volunteers-panel');
    const time = await box('#time-panel');
    const tour = await box('#tour');

    // Side by side, left to right, each starting near the top of the screen.
    expect(phone.x + phone.width).toBeLessThanOrEqual(volunteers.x);
    expect(volunteers.x + volunteers.width).toBeLessThanOrEqual(time.x);
    expect(Math.abs(phone.y - volunteers.y)).toBeLessThan(2);
    expect(phone.y).toBeLessThan(200);
    // The tour is in the side column, over the clock: it does not push the phones down.
    expect(tour.x).toBeCloseTo(time.x, 0);
    expect(tour.y).toBeCloseTo(phone.y, 0);
    expect(time.y).toBeGreaterThan(tour.y);
    expect(time.y).toBeLessThan(900);
    const tick = await box('#tick');
    expect(tick.y + tick.height).toBeLessThanOrEqual(900);
    // The phone can be used without scrolling: its thread and Send on the first screen.
    const send = await box('#send');
    expect(send.y + send.height).toBeLessThanOrEqual(900);
    // No large empty areas: the three columns span the width, save the page's margins.
    expect(phone.x).toBeLessThanOrEqual(24);
    expect(time.x + time.width).toBeGreaterThanOrEqual(1440 - 24);
    const gaps = volunteers.x - (phone.x + phone.width) + (time.x - (volunteers.x + volunteers.width));
    expect(gaps).toBeLessThanOrEqual(40);
    // More than one volunteer's phone in a row.
    const cards = await page
      .locator('#volunteers .volunteer')
      .evaluateAll((items) => items.map((item) => item.getBoundingClientRect().top));
    expect(new Set(cards.map(Math.round)).size).toBeLessThan(cards.length);
    // No tab bar: everything is already on screen.
    expect(await page.isVisible('#tabs')).toBe(false);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1440);
    await screenshot(page, 'simulator-wide');
  });
});

describe('the simulator on a phone (375 px)', () => {
  const parts = {
    'tab-phone': '#phone-panel',
    'tab-volunteers': '#volunteers-panel',
    'tab-time': '#time-panel',
    'tab-how': '#how',
  } as const;

  it('shows one part at a time, switched by the tab bar right under the tour', async () => {
    await open(375, 800);
    const tabs = await box('#tabs');
    expect(tabs.y + tabs.height).toBeLessThanOrEqual(800);
    // The four tabs fit in one row.
    const tabBoxes = await Promise.all(Object.keys(parts).map((id) => box(`#${id}`)));
    for (const tab of tabBoxes) expect(Math.abs(tab.y - tabs.y)).toBeLessThan(8);

    for (const [tab, panel] of Object.entries(parts)) {
      await page.click(`#${tab}`);
      expect(await page.getAttribute(`#${tab}`, 'aria-selected')).toBe('true');
      for (const other of Object.values(parts))
        expect(await page.isVisible(other), `${other} with ${tab}`).toBe(other === panel);
      // The part starts right under the tab bar: no scrolling past the others.
      const shown = await box(panel);
      const bar = await box('#tabs');
      expect(shown.y - (bar.y + bar.height)).toBeLessThan(24);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    }
    // "How it works" opens when its tab is chosen.
    expect(await page.getAttribute('#how', 'open')).not.toBeNull();
    // Arrow keys move between tabs, as in any tab bar.
    await page.focus('#tab-how');
    await page.keyboard.press('ArrowRight');
    expect(await page.getAttribute('#tab-phone', 'aria-selected')).toBe('true');
    expect(await page.isVisible('#phone-panel')).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('tab-phone');
    await screenshot(page, 'simulator-phone');
  });

  it('keeps the tab bar at the top while the page scrolls', async () => {
    await open(375, 800);
    // Scrolled to the end, past where the tab bar starts.
    const start = (await box('#tabs')).y;
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(start + 20);
    const tabs = await box('#tabs');
    expect(tabs.y).toBeLessThanOrEqual(1);
    await page.click('#tab-volunteers');
    expect(await page.isVisible('#volunteers-panel')).toBe(true);
  });

  it('marks the volunteers’ tab when a case reaches their phones, and the mark goes once they are shown', async () => {
    await open(375, 800);
    const mark = '#tab-volunteers .tab-new';
    expect(await page.isVisible(mark)).toBe(false);
    await page.fill('#from', uniquePhone('+996'));
    for (const text of ['салам', '1', '7']) {
      const replies = await page.locator('#thread li.out').count();
      await page.fill('#body', text);
      await page.click('#send');
      await expect
        .poll(() => page.locator('#thread li.out').count(), { timeout: 20_000 })
        .toBeGreaterThan(replies);
    }
    await expect
      .poll(() => page.locator('#volunteers .thread li.out', { hasText: 'TAKE' }).count(), {
        timeout: 20_000,
      })
      .toBeGreaterThan(0);
    expect(await page.isVisible(mark)).toBe(true);
    // The migrant's own tab, on screen, gets no mark.
    expect(await page.isVisible('#tab-phone .tab-new')).toBe(false);
    await page.click('#tab-volunteers');
    expect(await page.isVisible(mark)).toBe(false);
    // What arrived: the case on the volunteers' phones.
    expect(await page.locator('#volunteers .thread li.out', { hasText: 'TAKE' }).count()).toBeGreaterThan(0);
  });

  it('brings up the part each tour step plays in', async () => {
    await open(375, 800);
    await page.check('#fast');
    await page.check('#tour-quick');
    await page.click('button[data-tour="reminder"]');
    // The story sets the clock first: the time panel comes up, then the phone.
    await expect.poll(() => page.isVisible('#time-panel'), { timeout: 20_000 }).toBe(true);
    await expect.poll(() => page.isVisible('#phone-panel'), { timeout: 20_000 }).toBe(true);
    await expect
      .poll(() => page.getAttribute('#tour', 'data-state'), { timeout: 60_000 })
      .toMatch(/done|failed|stopped/);
    expect(await page.getAttribute('#tour', 'data-state')).toBe('done');
    expect(await page.isVisible('#tour-summary')).toBe(true);
  });
});
