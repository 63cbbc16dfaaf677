// Debian's Chromium driven by playwright-core, with the flags this environment needs (no network,
// no background services, no sandbox as root). Playwright gives each launch a new, empty profile.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** `extraArgs`: more Chromium switches (a fake microphone, for the prompt studio). */
export async function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  });
}

/** Saves a screenshot under .out/screenshots (ignored); `npm run docs:refresh` copies it into docs/screenshots. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  const folder = join(import.meta.dirname, '../../.out/screenshots');
  mkdirSync(folder, { recursive: true });
  await page.screenshot({ path: join(folder, `${name}.png`) });
}

/**
 * Types `text` on the simulator's migrant phone and sends it, then waits for the first answer among
 * `answers` (the hotline's replies by default); resolves with every answer that came, one per line.
 */
export async function sendFromPhone(page: Page, text: string, answers = '#thread li.out'): Promise<string> {
  const replies = page.locator(answers);
  const before = await replies.count();
  await page.fill('#body', text);
  await page.click('#send');
  await expect.poll(() => replies.count(), { timeout: 20_000 }).toBeGreaterThan(before);
  return (await replies.allTextContents()).slice(before).join('\n');
}
