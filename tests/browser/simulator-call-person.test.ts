// A call to a person, rehearsed in the page: the caller presses 4, the volunteer phones on shift ring with
// the case, one answers, hears the whisper and presses 1, and the call connects; or nobody answers, the
// caller leaves a voicemail, and it plays back from this computer (no 404). All through the same signed
// /voice webhooks the hotline's TwiML names, as Twilio would post them.
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LocalHotline } from '../../local/hotline.js';
import { launchChromium } from '../support/browser.js';
import { setClock, startTestHotline, uniquePhone } from '../support/local-hotline.js';
import { seedSampleRoster } from '../support/sample-roster.js';

let hotline: LocalHotline;
let browser: Browser;
let page: Page;
let pageErrors: string[] = [];

beforeAll(async () => {
  hotline = await startTestHotline();
  // Wednesday noon in Belgrade: Aida, Bakyt and Nurlan (Kyrgyz) are on shift.
  await setClock(hotline, '2026-04-01T10:00:00.000Z');
  await seedSampleRoster(hotline);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await setClock(hotline, null);
  await hotline?.stop();
});

beforeEach(async () => {
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(hotline.url);
  await expect.poll(() => page.locator('#volunteers .volunteer').count()).toBeGreaterThan(0);
  await page.fill('#from', uniquePhone('+996'));
  await page.check('#fast');
});

afterEach(async () => {
  expect(pageErrors).toEqual([]);
  await page.close();
});

async function pressWhenAsked(...keys: string[]) {
  const sent = page.locator('#transcript li.pressed');
  const before = await sent.count();
  await expect.poll(() => page.textContent('#call-status'), { timeout: 20_000 }).toMatch(/Waiting for keys/);
  for (const key of keys) await page.click(`#keypad button:text-is("${key}")`);
  await expect.poll(() => sent.count(), { timeout: 20_000 }).toBeGreaterThan(before);
}

/** Calls, chooses Kyrgyz and asks for a person; answers the case code the volunteer phones ring with. */
async function callForAPerson(): Promise<string> {
  await page.click('#call');
  await pressWhenAsked('1'); // language: Kyrgyz
  await pressWhenAsked('4'); // a person
  const ringing = page.locator('#volunteer-aida .incoming');
  await expect.poll(() => ringing.count(), { timeout: 20_000 }).toBe(1);
  const code = /case (\d{5,6})/.exec((await ringing.textContent()) ?? '')?.[1] ?? '';
  expect(code).toMatch(/^\d{5,6}$/);
  return code;
}

interface LocalCase {
  code: string;
  status: string;
  volunteerId?: string;
  history?: unknown;
}

async function caseOf(code: string): Promise<LocalCase | undefined> {
  const cases = (await (await fetch(`${hotline.url}/_local/cases`)).json()) as LocalCase[];
  return cases.find((item) => item.code === code);
}

describe('a call to a person, rehearsed in the page', () => {
  it('rings the volunteers on shift with the case; one answers, presses 1, takes the case and the call connects', async () => {
    const code = await callForAPerson();
    // Every volunteer on shift who speaks Kyrgyz rings; Olga (Russian, off shift) does not.
    expect(await page.locator('#volunteer-olga .incoming').count()).toBe(0);
    expect(await page.locator('.volunteer .incoming').count()).toBeGreaterThan(1);

    await page.click('#volunteer-aida .incoming button.answer');
    // Whoever picks up first: the others stop ringing, and the whisper names the case.
    await expect.poll(() => page.locator('.volunteer .incoming').count()).toBe(1);
    // The code is spoken digit by digit.
    await expect
      .poll(async () =>
        ((await page.textContent('#volunteer-aida .incoming .whisper')) ?? '').replace(/\D/g, ''),
      )
      .toContain(code);
    await page.click('#volunteer-aida .incoming button.accept');

    await expect
      .poll(() => page.textContent('#call-status'), { timeout: 20_000 })
      .toBe('Connected to a volunteer: Aida (sample)');
    expect(await page.textContent('#volunteer-aida .incoming')).toContain(`On the call: case ${code}`);
    const taken = await caseOf(code);
    expect(taken?.status).toBe('taken');
    expect(taken?.volunteerId).toBe('aida');
    // The two legs went through the signed webhooks the hotline's TwiML named.
    const log = (await page.textContent('#log')) ?? '';
    expect(log).toMatch(/POST \/voice\/whisper\?[^ ]* → 200/);
    expect(log).toMatch(/POST \/voice\/whisper-accept\?[^ ]* → 200/);

    // The volunteer hangs up: the Dial ends "completed", the caller hears goodbye, the call ends.
    await page.click('#volunteer-aida .incoming button.hang');
    await expect.poll(() => page.textContent('#call-status'), { timeout: 20_000 }).toBe('Call ended.');
    expect(await page.locator('.volunteer .incoming').count()).toBe(0);
    expect(await page.textContent('#call-status')).not.toMatch(/failed/i);
    expect((await page.textContent('#log')) ?? '').toMatch(/POST \/voice\/dial-done\?[^ ]* → 200/);
  });

  it('when nobody answers, the caller leaves a voicemail that the page plays back, on her phone and the volunteers’', async () => {
    const code = await callForAPerson();
    // Every ringing phone declines.
    const decline = page.locator('.volunteer .incoming button.decline');
    while ((await decline.count()) > 0) await decline.first().click();

    await expect
      .poll(() => page.textContent('#call-status'), { timeout: 20_000 })
      .toMatch(/Recording a message/);
    await page.click('#keypad button:text-is("#")');
    await expect.poll(() => page.textContent('#call-status'), { timeout: 20_000 }).toBe('Call ended.');

    const played = page.locator('#transcript li.recorded audio');
    expect(await played.count()).toBe(1);
    const src = (await played.getAttribute('src')) ?? '';
    const audio = await page.evaluate(async (url) => {
      const answer = await fetch(url);
      return { status: answer.status, type: answer.headers.get('content-type') };
    }, src);
    expect(audio).toEqual({ status: 200, type: 'audio/wav' });
    // It plays in the browser: the audio element loads it and knows its length.
    const duration = await played.evaluate(
      (element: HTMLAudioElement) =>
        new Promise<number>((done) => {
          element.addEventListener('loadedmetadata', () => done(element.duration), { once: true });
          element.addEventListener('error', () => done(-1), { once: true });
          element.load();
        }),
    );
    expect(duration).toBeGreaterThan(0);

    // The volunteers on shift get the link by SMS, and their phone plays the same recording.
    const notice = page.locator('.volunteer .thread li.out', { hasText: code }).locator('audio.voicemail');
    await expect.poll(() => notice.count(), { timeout: 20_000 }).toBeGreaterThan(0);
    expect(await notice.first().getAttribute('src')).toBe(src);
    expect((await page.textContent('#log')) ?? '').toMatch(/POST \/voice\/voicemail\?[^ ]* → 200/);
    expect((await caseOf(code))?.status).toBe('open');
  });
});
