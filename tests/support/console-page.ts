// Browser-journey helpers for the volunteers' console (tests/browser/console*.test.ts): signing in with
// the code the volunteer's phone received (the outbox), axe-core through the real CSP, and the phone
// layout's no-sideways-scroll check.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { LocalHotline } from '../../local/hotline.js';

const require = createRequire(import.meta.url);
let axeSource: Promise<string> | undefined;

/** Sign-in texts (a six-digit code) sent to this phone so far. */
export async function codesSentTo(hotline: LocalHotline, phone: string): Promise<string[]> {
  await hotline.settled();
  return hotline.outbox
    .list()
    .filter((m) => m.to === phone && /\b\d{6}\b/.test(m.body))
    .map((m) => /\b(\d{6})\b/.exec(m.body)?.[1] ?? '');
}

/** Types the phone, sends the code, and reads the new code from the phone's texts (the outbox). */
export async function askForCode(hotline: LocalHotline, page: Page, phone: string): Promise<string> {
  const before = (await codesSentTo(hotline, phone)).length;
  await page.locator('#phone').waitFor({ state: 'visible', timeout: 10_000 });
  await page.fill('#phone', phone);
  await page.click('#send-code');
  await page.locator('#code').waitFor({ state: 'visible', timeout: 10_000 });
  expect(await page.isVisible('#phone-form')).toBe(false);
  await expect
    .poll(async () => (await codesSentTo(hotline, phone)).length, { timeout: 10_000 })
    .toBe(before + 1);
  const code = (await codesSentTo(hotline, phone)).at(-1) ?? '';
  expect(code).toMatch(/^\d{6}$/);
  return code;
}

/** The whole sign-in, as a volunteer does it; waits until the cases view shows their name. */
export async function signIn(
  hotline: LocalHotline,
  page: Page,
  volunteer: { phone: string; name: string },
): Promise<void> {
  const code = await askForCode(hotline, page, volunteer.phone);
  await page.fill('#code', code);
  await page.click('#verify');
  await page.locator('#cases-view').waitFor({ state: 'visible', timeout: 10_000 });
  expect(await page.textContent('#me-name')).toBe(volunteer.name);
  expect(await page.isVisible('#sign-in-view')).toBe(false);
}

/**
 * axe-core over the page (or one part of it). The page's CSP (`script-src 'self'`) refuses the inline
 * script `addScriptTag({ path })` would add, so axe is served from a same-origin URL through `page.route`
 * and the journeys keep the real CSP on (no bypassCSP).
 */
export async function expectAccessible(
  hotline: LocalHotline,
  page: Page,
  what: string,
  selector?: string,
): Promise<void> {
  if (!(await page.evaluate(() => 'axe' in window))) {
    axeSource ??= readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
    const body = await axeSource;
    // The page's own origin (the console at 127.0.0.1, or at localhost for passkeys).
    const url = `${new URL(page.url()).origin || hotline.url}/console/__axe.min.js`;
    await page.route(url, (route) =>
      route.fulfill({ status: 200, contentType: 'text/javascript; charset=utf-8', body }),
    );
    await page.addScriptTag({ url });
  }
  const { checked, violations } = await page.evaluate(async (context) => {
    const axe = (window as unknown as { axe: { run(...args: unknown[]): Promise<unknown> } }).axe;
    const results = (await axe.run(context ?? document, { resultTypes: ['violations'] })) as {
      passes: unknown[];
      violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[];
    };
    return {
      checked: results.passes.length + results.violations.length,
      violations: results.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        targets: v.nodes.map((node) => node.target.join(' ')),
      })),
    };
  }, selector);
  // axe did look at something: a wrong selector or an empty page would pass every rule vacuously.
  expect(checked, `axe checked no rule on ${what}`).toBeGreaterThan(10);
  const grave = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    grave,
    `axe on ${what}: ${grave.map((v) => `${v.id} (${v.impact}) at ${v.targets.join(', ')}`).join('; ')}`,
  ).toEqual([]);
}

/** Nothing on the page is wider than the screen: no sideways scrolling on a phone. */
export async function expectNoSidewaysScroll(page: Page, what: string): Promise<void> {
  const widths = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    inner: window.innerWidth,
  }));
  expect(widths.scroll, `${what}: page ${widths.scroll} px wide in a ${widths.inner} px window`).toBeLessThan(
    widths.inner + 1,
  );
}

/**
 * Collects what must not happen on the console page: a request outside the local hotline (a blob: URL of
 * the page itself is allowed where `allowBlob`), a CSP refusal, a script error. The journeys assert the
 * list is empty after each test.
 */
export function watchPage(page: Page, hotlineUrl: string, options: { allowBlob?: boolean } = {}): string[] {
  const problems: string[] = [];
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(hotlineUrl) && !(options.allowBlob && url.startsWith('blob:')))
      problems.push(`external request: ${url}`);
  });
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) problems.push(`CSP: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return problems;
}
