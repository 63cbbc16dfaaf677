// The guided tour as a newcomer plays it, on a phone (375 px) and on a wide screen (1440 px): each story
// plays its steps on the page's own phones, through the same webhooks a person's clicks send, and ends on
// what happened and what it would cost. Each journey checks what the hotline actually did (the threads,
// the call, the stored state) against the story's summary, and the summary's cost against the texts the
// phones received, priced as the hotline's spending limit prices them.
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LocalHotline } from '../../local/hotline.js';
import { DEFAULT_LIMITS, smsSegments } from '../../shared/limits/settings.js';
import { ky } from '../../shared/messages/ky.js';
import { fragments, prompts } from '../../shared/voice/prompts.js';
import type { Volunteer } from '../../shared/volunteers/volunteer.js';
import { launchChromium, screenshot } from '../support/browser.js';
import { setClock, startTestHotline } from '../support/local-hotline.js';
import { seedSampleRoster } from '../support/sample-roster.js';

let hotline: LocalHotline;
let browser: Browser;
let page: Page;
let pageErrors: string[] = [];
let outside: string[] = [];
/** The sample roster `npm start` seeds into a fresh table, with its printed PINs. */
let roster: (Volunteer & { pin?: string })[];

beforeAll(async () => {
  hotline = await startTestHotline();
  const seeded = await seedSampleRoster(hotline);
  roster = seeded.roster.map((v) => ({ ...v, pin: seeded.pins.get(v.volunteerId) }));
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
  await page.close();
});

interface Played {
  number: string;
  steps: string[];
  happened: string[];
  cost: string[];
}

/** Plays a story as a person would: one click; audio and reading pauses skipped. */
async function playTour(id: string, width: number): Promise<Played> {
  await page.check('#fast');
  await page.check('#tour-quick');
  await page.click(`button[data-tour="${id}"]`);
  // While it plays, the line now playing stays on screen, and no second story can start.
  await expect.poll(() => page.isVisible('#tour-now')).toBe(true);
  expect(await page.textContent('#tour-now-step')).toMatch(/^Step \d+ of \d+:$/);
  expect(await page.isDisabled(`button[data-tour="${id}"]`)).toBe(true);
  const nowBox = await page.locator('#tour-now').boundingBox();
  expect(nowBox && nowBox.y + nowBox.height).toBeCloseTo(900, -1);
  await expect
    .poll(() => page.getAttribute('#tour', 'data-state'), { timeout: 60_000 })
    .toMatch(/done|failed|stopped/);
  expect(await page.textContent('#tour-status')).toBe('');
  expect(await page.getAttribute('#tour', 'data-state')).toBe('done');
  expect(await page.isVisible('#tour-summary')).toBe(true);
  expect(await page.isVisible('#tour-now')).toBe(false);
  // Nothing wider than the screen, at 375 px too.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
  const played = {
    number: await page.inputValue('#from'),
    steps: await page.locator('#tour-steps li').allTextContents(),
    happened: await page.locator('#tour-happened li').allTextContents(),
    cost: await page.locator('#tour-cost li').allTextContents(),
  };
  // Every step done, one line each.
  expect(await page.locator('#tour-steps li.done').count()).toBe(played.steps.length);
  return played;
}

/** The cost lines the summary must show for these texts: count, SMS segments, the limit's estimate. */
function expectCost(cost: string[], texts: string[]): void {
  const segments = texts.reduce((sum, text) => sum + smsSegments(text), 0);
  const usd = String(Number((segments * DEFAULT_LIMITS.smsSegmentUsd).toFixed(3)));
  expect(cost[0]).toMatch(new RegExp(`^Messages the hotline sent: ${texts.length} \\(`));
  expect(cost[1]).toBe(`SMS segments: ${segments}.`);
  expect(cost[2]).toBe(`Estimated: ${usd} USD.`);
}

const migrantIn = () => page.locator('#thread li.in').allTextContents();
/** The hotline's texts on the migrant's phone, without the line under each bubble. */
const migrantOut = () =>
  page.$$eval('#thread li.out', (items) => items.map((item) => (item.firstChild?.textContent ?? '').trim()));
const volunteerOut = (id: string) =>
  page.$$eval(`#volunteer-${id} .thread li.out`, (items) =>
    items.map((item) => (item.firstChild?.textContent ?? '').trim()),
  );

async function storedProfile(number: string): Promise<Record<string, unknown> | undefined> {
  const answer = await fetch(`${hotline.url}/_local/caller?phone=${encodeURIComponent(number)}`);
  const { items } = (await answer.json()) as { items: Record<string, unknown>[] };
  return items.find((item) => item.type === 'caller');
}

for (const width of [375, 1440]) {
  describe(`the guided tour at ${width} px`, () => {
    beforeEach(async () => {
      page = await browser.newPage({ viewport: { width, height: 900 } });
      pageErrors = [];
      outside = [];
      page.on('pageerror', (error) => pageErrors.push(error.message));
      page.on('request', (request) => {
        if (!request.url().startsWith(hotline.url)) outside.push(request.url());
      });
      await page.goto(hotline.url);
      await expect.poll(() => page.locator('#volunteers .volunteer').count()).toBe(roster.length);
    });

    it('a migrant asks for her deadline in Kyrgyz: the hotline answers in Kyrgyz with her last day, and what it cost', async () => {
      const played = await playTour('deadline', width);

      expect(played.number).toMatch(/^\+9967\d{8}$/);
      expect(await migrantIn()).toEqual(['салам', '1', 'КИРДИМ 12.03.2026', 'жок', '6']);
      const replies = await migrantOut();
      expect(replies).toContain(ky.language_set);
      // 90 days from 12 March, the entry day counted: 9 June.
      expect(replies.at(-1)).toContain('09.06.2026');
      expect(played.happened[0]).toContain('09.06.2026');
      expect(played.steps).toHaveLength(6);
      expectCost(played.cost, replies);
      expect((await page.textContent('#log'))?.match(/POST \/sms → 200/g)).toHaveLength(5);
    });

    it('a distress text gets help: the first reply names who helps, and the volunteers on shift get the case', async () => {
      const played = await playTour('distress', width);

      const replies = await migrantOut();
      expect(replies[0]).toBe(ky.help_violence);
      expect(played.happened[0]).toContain(ky.help_violence);
      const code = /\b(\d{5,6})\b/.exec(replies.join('\n'))?.[1] ?? '';
      expect(code).not.toBe('');
      // Wednesday noon in Belgrade: Aida, Bakyt and Nurlan (Kyrgyz, on shift) are told; Olga (off shift) is not.
      const told: string[] = [];
      for (const volunteer of roster) {
        const notices = (await volunteerOut(volunteer.volunteerId)).filter((text) =>
          text.includes(`TAKE ${code}`),
        );
        const onShift =
          (await page.textContent(`#volunteer-${volunteer.volunteerId} .badge.shift`)) === 'on shift';
        expect(notices.length, volunteer.volunteerId).toBe(
          onShift && volunteer.languages.includes('ky') ? 1 : 0,
        );
        if (notices.length) told.push(volunteer.name);
        // Never the migrant's number on a volunteer's phone.
        expect(await page.textContent(`#volunteer-${volunteer.volunteerId}`)).not.toContain(
          played.number.slice(4),
        );
      }
      expect(told.length).toBeGreaterThan(0);
      expect(played.happened[1]).toBe(`Case ${code} was opened; told on their phones: ${told.join(', ')}.`);
      const notices = await Promise.all(roster.map((v) => volunteerOut(v.volunteerId)));
      expectCost(played.cost, [...replies, ...notices.flat().filter((text) => text.includes(code))]);
    });

    it('a call in Kyrgyz sets the entry date by keypad: the caller hears the prompts in words, types the texted code, and the date is stored', async () => {
      const played = await playTour('call', width);

      const heard = await page.locator('#transcript li.heard .words').allTextContents();
      for (const id of ['language_menu', 'main_menu', 'entry_date_prompt'] as const) {
        expect(
          heard.some((line) => line.includes(prompts[id].ky.text)),
          id,
        ).toBe(true);
      }
      // Each Kyrgyz prompt with its Russian gloss, and no file names.
      expect(await page.locator('#transcript .gloss').allTextContents()).toContain(prompts.main_menu.ru.text);
      expect(await page.textContent('#transcript')).not.toContain('.wav');
      const codeSms = (await migrantOut()).at(-1) ?? '';
      const code = /\b(\d{6})\b/.exec(codeSms)?.[1] ?? '';
      expect(code).toMatch(/^\d{6}$/);
      expect(await page.locator('#transcript li.pressed .words').allTextContents()).toEqual([
        '1',
        '3',
        '12032026',
        '1',
        code,
      ]);
      expect((await storedProfile(played.number))?.entryDate).toBe('2026-03-12');
      const deadline = heard.find((line) => line.includes(fragments.deadline_stay.text)) ?? '';
      expect(deadline).not.toBe('');
      expect(played.happened[0]).toContain(deadline);
      // The keypad is live only during a call.
      expect(await page.isDisabled('#keypad button:text-is("1")')).toBe(true);
      expect(await page.textContent('#call-status')).toBe('Call ended.');
      expectCost(played.cost.slice(0, 3), [codeSms]);
      expect(played.cost[3]).toMatch(/^The call itself: \d+ steps/);
    });

    it('80 days later the reminder arrives: after the clock moves and the jobs run, a reminder of her last day is on her phone', async () => {
      const played = await playTour('reminder', width);

      expect(await migrantIn()).toEqual(['салам', '1', 'КИРДИМ 01.04.2026']);
      const replies = await migrantOut();
      const lastDay = /\b(\d{2}\.\d{2}\.\d{4})\b/.exec(replies[2] ?? '')?.[1] ?? '';
      expect(lastDay).not.toBe('');
      const reminders = page.locator('#thread li.reminder');
      expect(await reminders.count()).toBe(1);
      const reminder = (await reminders.first().evaluate((item) => item.firstChild?.textContent)) ?? '';
      expect(reminder).toContain(lastDay);
      expect(await reminders.first().locator('.meta').textContent()).toContain('20.06.2026 12:00');
      expect(await page.textContent('#clock-now')).toBe('Hotline time: 20.06.2026 12:00 (Belgrade)');
      expect(await page.textContent('#jobs-ran')).toMatch(
        /^Checked at 20\.06\.2026 12:00 \(Belgrade\): \d+ reminders? sent/,
      );
      expect(played.happened[0]).toContain(reminder);
      expectCost(played.cost, replies);
    });

    it('a volunteer takes a case and answers: Take sends the PIN, words go both ways through the hotline number, and the case closes', async () => {
      const played = await playTour('volunteer', width);

      const replies = await migrantOut();
      const code = /\b(\d{5,6})\b/.exec(replies[0] ?? '')?.[1] ?? '';
      expect(code).not.toBe('');
      const aida = roster.find((v) => v.volunteerId === 'aida');
      const aidaIn = await page.locator('#volunteer-aida .thread li.in').allTextContents();
      expect(aidaIn[0]).toBe(`TAKE ${code} ${aida?.pin}`);
      expect(aidaIn[1]).toMatch(new RegExp(`^R ${code} `));
      expect(aidaIn.at(-1)).toBe(`CLOSE ${code}`);
      const toAida = await volunteerOut('aida');
      expect(
        toAida.some((text) => text.startsWith(`${code}: `) && text.includes('Эки айдан бери төлөбөй жатат')),
      ).toBe(true);
      const answer = aidaIn[1]?.replace(`R ${code} `, '') ?? '';
      const relay = page.locator('#thread li.relay', { hasText: answer });
      expect(await relay.count()).toBe(1);
      expect(await relay.locator('.meta').textContent()).toContain('from the hotline +381110000000');
      expect(replies).toContain(ky.case_joined);
      expect(replies).toContain(ky.case_closed);
      // Neither side sees the other's number.
      const migrantPhone = (await page.textContent('#phone-panel')) ?? '';
      for (const volunteer of roster) expect(migrantPhone).not.toContain(volunteer.phone.slice(4));
      expect(await page.textContent('#volunteers')).not.toContain(played.number.slice(4));
      expect(await page.locator('#cases-body tr', { hasText: code }).count()).toBe(0);
      expect(played.happened[0]).toMatch(
        new RegExp(`^Case ${code} was taken by ${aida?.name.replace(/[()]/g, '\\$&')};`),
      );
      const volunteerTexts = (await Promise.all(roster.map((v) => volunteerOut(v.volunteerId))))
        .flat()
        .filter((text) => text.includes(code));
      expectCost(played.cost, [...replies, ...volunteerTexts]);
      // One picture of a finished story, for `npm run docs:refresh`.
      if (width === 1440) await screenshot(page, 'guided-tour');
    });
  });
}
