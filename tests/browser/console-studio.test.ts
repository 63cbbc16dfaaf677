// The console's prompt studio (#prompts) in Debian's Chromium, against the real local runtime, on a
// 375 px phone: a coordinator records the Kyrgyz greeting with Chromium's fake microphone (a beeping
// tone, permission granted without asking), hears the take back, uploads it, and the next call plays
// it: the API, the TwiML <Play> and the served file all say so. A volunteer who is not a coordinator
// sees no studio. Recordings go to a copy of prompts/audio (PROMPTS_AUDIO_DIR), never the repository.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import type { LocalHotline } from '../../local/hotline.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { DynamoRosterStore } from '../../shared/adapters/dynamodb/roster-store.js';
import type { PromptList, PromptView } from '../../shared/console/api.js';
import { decodeWav } from '../../shared/voice/wav.js';
import { parseRoster } from '../../shared/volunteers/volunteer.js';
import { launchChromium, screenshot } from '../support/browser.js';
import { expectAccessible, expectNoSidewaysScroll, signIn, watchPage } from '../support/console-page.js';
import { startTestHotline, uniquePhone } from '../support/local-hotline.js';
import { VoiceCall } from '../support/voice-call.js';

const ROOT = resolve(import.meta.dirname, '../..');
const PHONE = { width: 375, height: 800 };
const weekdays = [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '18:00' }];

const coordinator = {
  volunteerId: 'studio-nurlan',
  name: 'Nurlan Studio',
  phone: '+381600000611',
  languages: ['ky', 'ru'],
  coordinator: true,
};
/** Records a fragment too long, then finds the microphone refused. */
const second = {
  volunteerId: 'studio-gulnara',
  name: 'Gulnara Studio',
  phone: '+381600000613',
  languages: ['ky'],
  coordinator: true,
};
const volunteer = {
  volunteerId: 'studio-aida',
  name: 'Aida Studio',
  phone: '+381600000612',
  languages: ['ky'],
};

let hotline: LocalHotline;
let browser: Browser;
let audioDir: string;
/** `git status` of prompts/ before this file ran: whatever it is, the journeys must leave it so. */
let promptsStatusBefore: string;

const promptsStatus = () =>
  spawnSync('git', ['status', '--porcelain', '--', 'prompts/'], { cwd: ROOT, encoding: 'utf8' }).stdout;

beforeAll(async () => {
  promptsStatusBefore = promptsStatus();
  // The runtime serves prompts from, and writes recordings into, this copy of prompts/audio.
  audioDir = mkdtempSync(join(tmpdir(), 'hotline-prompts-'));
  cpSync(join(ROOT, 'prompts/audio'), audioDir, { recursive: true });
  process.env.PROMPTS_AUDIO_DIR = audioDir;
  hotline = await startTestHotline();
  const client = createDocumentClient(inject('dynamoEndpoint'));
  try {
    await new DynamoRosterStore(client, hotline.tableName).importRoster(
      parseRoster([coordinator, second, volunteer].map((v) => ({ ...v, shifts: weekdays }))),
      { replace: true },
    );
  } finally {
    client.destroy();
  }
  // A fake microphone that beeps, and its permission granted without a prompt.
  browser = await launchChromium(['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream']);
});

afterAll(async () => {
  await browser?.close();
  await hotline?.stop();
  delete process.env.PROMPTS_AUDIO_DIR;
  if (audioDir) rmSync(audioDir, { recursive: true, force: true });
});

/** A GET of the console's API with the browser's session cookie, as the page makes it. */
async function apiGet(context: BrowserContext, path: string): Promise<Response> {
  const cookies = await context.cookies(`${hotline.url}${path}`);
  return fetch(`${hotline.url}${path}`, {
    headers: { cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; ') },
  });
}

async function promptsFromApi(context: BrowserContext): Promise<PromptView[]> {
  const answer = await apiGet(context, '/console/api/prompts');
  expect(answer.status).toBe(200);
  return ((await answer.json()) as PromptList).prompts;
}

/** The `fmt ` chunk of a RIFF WAVE, read straight from the bytes. */
function fmtOf(bytes: Uint8Array): { format: number; channels: number; sampleRate: number; bits: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ascii = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));
  expect(ascii(0)).toBe('RIFF');
  expect(ascii(8)).toBe('WAVE');
  for (let at = 12; at + 8 <= bytes.byteLength; ) {
    const size = view.getUint32(at + 4, true);
    if (ascii(at) === 'fmt ') {
      return {
        format: view.getUint16(at + 8, true),
        channels: view.getUint16(at + 10, true),
        sampleRate: view.getUint32(at + 12, true),
        bits: view.getUint16(at + 22, true),
      };
    }
    at += 8 + size + (size % 2);
  }
  throw new Error('no fmt chunk');
}

describe('the prompt studio on a phone (375 px)', () => {
  let context: BrowserContext;
  let page: Page;
  /** Requests outside the local hotline, anything the CSP refused, and page errors. */
  let problems: string[];

  beforeEach(async () => {
    context = await browser.newContext({ viewport: PHONE, locale: 'en-US' });
    page = await context.newPage();
    // The take's preview plays from a blob: URL of the page itself.
    problems = watchPage(page, hotline.url, { allowBlob: true });
    await page.goto(`${hotline.url}/console`);
  });

  afterEach(async () => {
    await context?.close();
    expect(problems).toEqual([]);
  });

  it('lets a coordinator record the Kyrgyz greeting, hear it back and upload it, and the next call plays it', async () => {
    await signIn(hotline, page, coordinator);
    await page.click('#lang-en');
    const before = (await promptsFromApi(context)).find((p) => p.key === 'ky/greeting');
    expect(before).toMatchObject({ status: 'placeholder', language: 'ky', id: 'greeting', kind: 'prompt' });
    expect(before?.playUrl).toMatch(/^http:\/\//);

    await page.click('#tab-prompts');
    await page.locator('#prompts-view').waitFor({ state: 'visible', timeout: 10_000 });
    expect(await page.isVisible('#cases-view')).toBe(false);
    expect(await page.getAttribute('#tab-prompts', 'aria-current')).not.toBeNull();
    const entry = page.locator('#prompt-list li[data-prompt="ky/greeting"]');
    await entry.waitFor({ timeout: 10_000 });
    // Kyrgyz is what is shown first; the Russian gloss is beside the text to read.
    expect(await page.inputValue('#prompt-language')).toBe('ky');
    expect(await entry.locator('.prompt-text').textContent()).toBe(before?.text);
    expect(await entry.locator('.prompt-gloss').textContent()).toContain(before?.gloss ?? '?');
    expect(await entry.locator('.prompt-status').textContent()).toBe('stand-in voice');
    expect(await entry.locator('.prompt-player audio').getAttribute('src')).toBe(before?.playUrl);
    expect(await entry.locator('.prompt-player audio').getAttribute('preload')).toBe('none');
    const countBefore = Number(
      /^(\d+) of \d+ recorded/.exec((await page.textContent('#prompt-count')) ?? '')?.[1],
    );
    expect(countBefore).toBe(0);
    await expectNoSidewaysScroll(page, 'the studio');
    await expectAccessible(hotline, page, 'the studio', '#prompts-view');
    await screenshot(page, 'console-phone-studio');

    // Russian prompts are read by Twilio's voice: shown as such, nothing to record.
    await page.selectOption('#prompt-language', 'ru');
    const russian = page.locator('#prompt-list li[data-prompt="ru/greeting"]');
    await russian.waitFor({ state: 'visible', timeout: 5_000 });
    expect(await entry.isVisible()).toBe(false);
    expect(await russian.locator('.prompt-status').textContent()).toBe('read by the phone’s voice');
    expect(await russian.locator('[data-action=record]').isVisible()).toBe(false);
    await page.selectOption('#prompt-language', 'ky');
    await page.selectOption('#prompt-kind', 'prompt');
    await entry.waitFor({ state: 'visible', timeout: 5_000 });

    // Cancel while recording: the recorder closes and nothing is kept.
    await entry.locator('[data-action=record]').click();
    const stop = entry.locator('[data-action=stop]');
    await stop.waitFor({ state: 'visible', timeout: 10_000 });
    await entry.locator('[data-action=cancel]').click();
    await entry.locator('.recorder').waitFor({ state: 'hidden', timeout: 5_000 });
    expect(await entry.locator('[data-action=record]').isVisible()).toBe(true);

    // Record about two seconds of the fake microphone's beeps.
    await entry.locator('[data-action=record]').click();
    await stop.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await entry.locator('.rec-timer').getAttribute('role')).toBe('timer');
    expect(await entry.locator('[aria-live=polite]').count()).toBeGreaterThan(0);
    await page.waitForTimeout(2_200);
    expect(await entry.locator('.rec-timer').textContent()).toMatch(/^\d\.\d s of 30 s$/);
    await stop.click();

    const preview = entry.locator('audio.preview');
    await preview.waitFor({ state: 'visible', timeout: 15_000 });
    expect(await preview.getAttribute('src')).toMatch(/^blob:/);
    const facts = (await entry.locator('.rec-facts').textContent()) ?? '';
    const seconds = Number(/^(\d+\.\d) s/.exec(facts)?.[1]);
    expect(seconds, facts).toBeGreaterThan(0.3);
    expect(seconds, facts).toBeLessThan(3.3);
    expect(facts).toMatch(/loudest point -?\d+\.\d dBFS$/);
    // Chromium's fake microphone beeps at full scale: the take is flagged, and may still go up.
    expect(await entry.locator('.rec-warnings').textContent()).toContain('Clipping');
    const upload = entry.locator('[data-action=upload]');
    expect(await upload.isEnabled()).toBe(true);
    expect(await entry.locator('[data-action=again]').isVisible()).toBe(true);
    expect(await entry.locator('[data-action=cancel]').isVisible()).toBe(true);
    expect(await entry.locator('.rec-format').textContent()).toContain('8 kHz µ-law WAV');
    await expectNoSidewaysScroll(page, 'a take ready to upload');
    await expectAccessible(hotline, page, 'the recorder with a take', `li[data-prompt="ky/greeting"]`);
    await screenshot(page, 'console-phone-studio-take');

    // What the page PUTs: an 8 kHz µ-law WAV, to the URL the upload step named (locally the runtime).
    const put = page.waitForRequest((request) => request.method() === 'PUT', { timeout: 15_000 });
    await upload.click();
    const sent = await put;
    expect(new URL(sent.url()).origin).toBe(hotline.url);
    const sentBytes = new Uint8Array(sent.postDataBuffer() ?? []);
    expect(fmtOf(sentBytes)).toEqual({ format: 7, channels: 1, sampleRate: 8000, bits: 8 });
    await expect
      .poll(() => entry.locator('.prompt-status').textContent(), { timeout: 15_000 })
      .toBe('recorded');
    await preview.waitFor({ state: 'hidden', timeout: 5_000 });
    expect(await entry.locator('[data-action=record]').isVisible()).toBe(true);
    expect(await page.textContent('#status')).toBe('Saved. The next call plays the new recording.');
    expect(await entry.locator('.prompt-recorded').textContent()).toMatch(
      /^recorded by Nurlan Studio on \d{2}\.\d{2}\.\d{4}$/,
    );
    expect(await page.textContent('#prompt-count')).toMatch(
      new RegExp(`^${countBefore + 1} of \\d+ recorded`),
    );

    // The API says so, with a new URL, and the entry's player plays that URL.
    const after = (await promptsFromApi(context)).find((p) => p.key === 'ky/greeting');
    expect(after).toMatchObject({
      status: 'recorded',
      recorded: { by: coordinator.volunteerId, name: coordinator.name },
    });
    expect(after?.playUrl).toBeTruthy();
    expect(after?.playUrl).not.toBe(before?.playUrl);
    expect(await entry.locator('.prompt-player audio').getAttribute('src')).toBe(after?.playUrl);
    await screenshot(page, 'console-phone-studio-recorded');
    // In Kyrgyz, the studio's own labels follow, and the longer words still fit the phone.
    await page.click('#lang-ky');
    expect(await entry.locator('.prompt-status').textContent()).toBe('жазылган');
    expect(await entry.locator('[data-action=record]').textContent()).toBe('Жаздыруу');
    await expectNoSidewaysScroll(page, 'the studio in Kyrgyz');
    await screenshot(page, 'console-phone-studio-ky');

    // A call, as Twilio makes it: Kyrgyz, and the greeting played is the new recording.
    const call = new VoiceCall(hotline, uniquePhone('+381'));
    await call.start();
    const welcome = await call.press('1');
    expect(welcome.spoken[0]).toBe(`play:${after?.playUrl}`);

    // What that URL serves is the file the IVR plays: 8000 Hz, mono, µ-law, as long as the take.
    const served = await fetch(after?.playUrl ?? '');
    expect(served.status).toBe(200);
    const bytes = new Uint8Array(await served.arrayBuffer());
    expect(bytes).toEqual(sentBytes);
    expect(fmtOf(bytes)).toEqual({ format: 7, channels: 1, sampleRate: 8000, bits: 8 });
    const decoded = decodeWav(bytes);
    expect(decoded).toMatchObject({ encoding: 'mulaw', sampleRate: 8000, channels: 1 });
    expect(Math.abs(decoded.durationSeconds - seconds)).toBeLessThan(0.06);
    // It was written into the copy of the prompts, not the repository.
    const path = new URL(after?.playUrl ?? '').pathname.replace(/^\/prompts\//, '');
    expect(existsSync(join(audioDir, path))).toBe(true);
    expect(existsSync(join(ROOT, 'prompts/audio', path))).toBe(false);
  });

  it('stops on its own past a fragment’s limit and refuses to upload it, and says so when the microphone is refused', async () => {
    // A stand-in for the browser's own refusal (the fake UI always allows): getUserMedia fails on demand.
    await page.addInitScript(() => {
      const media = navigator.mediaDevices;
      const real = media.getUserMedia.bind(media);
      media.getUserMedia = (constraints) =>
        (window as unknown as { refuseMic?: boolean }).refuseMic
          ? Promise.reject(new DOMException('Permission denied', 'NotAllowedError'))
          : real(constraints);
    });
    await page.reload();
    await signIn(hotline, page, second);
    await page.click('#lang-en');
    const fragment = (await promptsFromApi(context)).find(
      (p) => p.language === 'ky' && p.kind === 'fragment',
    );
    expect(fragment?.maxSeconds).toBeLessThan(5);
    await page.click('#tab-prompts');
    await page.selectOption('#prompt-kind', 'fragment');
    const entry = page.locator(`#prompt-list li[data-prompt="${fragment?.key}"]`);
    await entry.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await page.isVisible('#prompt-list li[data-prompt="ky/greeting"]')).toBe(false);

    // Nobody presses Stop: the recorder stops a second after the limit, and the take is too long.
    await entry.locator('[data-action=record]').click();
    await entry.locator('[data-action=stop]').waitFor({ state: 'visible', timeout: 10_000 });
    await entry
      .locator('audio.preview')
      .waitFor({ state: 'visible', timeout: (fragment?.maxSeconds ?? 3) * 1000 + 10_000 });
    expect(await entry.locator('.rec-warnings').textContent()).toContain('Too long');
    expect(await entry.locator('[data-action=upload]').isDisabled()).toBe(true);
    await expectAccessible(hotline, page, 'a take too long to upload', `li[data-prompt="${fragment?.key}"]`);

    await page.evaluate(() => {
      (window as unknown as { refuseMic?: boolean }).refuseMic = true;
    });
    await entry.locator('[data-action=again]').click();
    await expect
      .poll(() => entry.locator('.rec-status').textContent(), { timeout: 5_000 })
      .toContain('The browser did not allow the microphone');
    expect(await entry.locator('audio.preview').isVisible()).toBe(false);
    expect(await entry.locator('[data-action=upload]').isVisible()).toBe(false);
    await entry.locator('[data-action=cancel]').click();
    await entry.locator('.recorder').waitFor({ state: 'hidden', timeout: 5_000 });
    const after = (await promptsFromApi(context)).find((p) => p.key === fragment?.key);
    expect(after?.status).toBe('placeholder');
  });

  it('shows a volunteer who is not a coordinator no studio, and the API refuses them the prompts', async () => {
    await signIn(hotline, page, volunteer);
    expect(await page.isVisible('#tab-roster')).toBe(false);
    expect(await page.isVisible('#tab-prompts')).toBe(false);
    await page.evaluate(() => {
      location.hash = '#prompts';
    });
    await page.waitForTimeout(300);
    expect(await page.isVisible('#prompts-view')).toBe(false);
    expect(await page.isVisible('#cases-view')).toBe(true);
    expect((await apiGet(context, '/console/api/prompts')).status).toBe(403);
  });

  it('left prompts/ in the repository as it was', () => {
    expect(promptsStatus()).toBe(promptsStatusBefore);
  });
});
