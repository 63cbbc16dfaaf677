import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LocalHotline } from '../../local/hotline.js';
import { WELCOME } from '../../shared/messages/catalogue.js';
import { ky } from '../../shared/messages/ky.js';
import { ru } from '../../shared/messages/ru.js';
import type { Volunteer } from '../../shared/volunteers/volunteer.js';
import { launchChromium, screenshot, sendFromPhone } from '../support/browser.js';
import { startTestHotline, uniquePhone } from '../support/local-hotline.js';
import { seedSampleRoster } from '../support/sample-roster.js';

let hotline: LocalHotline;
let browser: Browser;
let page: Page;

/** The sample roster `npm start` seeds into a fresh table: Aida, Bakyt, Olga and Nurlan. */
let roster: Volunteer[];

beforeAll(async () => {
  hotline = await startTestHotline();
  roster = (await seedSampleRoster(hotline)).roster;
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

// Every reply to the text (a reply may come in two messages, e.g. an entry date and the 180-day question).
const sendSms = (text: string) => sendFromPhone(page, text);

/** Types a text on a volunteer's phone and sends it, as the volunteer would from their own number. */
async function sendFromVolunteer(volunteerId: string, text: string) {
  const phone = page.locator(`#volunteer-${volunteerId}`);
  await phone.getByRole('textbox').fill(text);
  await phone.getByRole('button', { name: 'Send' }).click();
  await expect.poll(() => phone.locator('.thread li.in').last().textContent()).toBe(text);
}

/** Presses keys as a caller would once asked, and waits until the page has sent them to the hotline. */
async function pressWhenAsked(...keys: string[]) {
  const sent = page.locator('#transcript li.pressed');
  const before = await sent.count();
  await expect
    .poll(() => page.textContent('#call-status'), { timeout: 20_000 })
    .toMatch(/Waiting for keys|Ждём/);
  for (const key of keys) await page.click(`#keypad button:text-is("${key}")`);
  await expect.poll(() => sent.count(), { timeout: 20_000 }).toBeGreaterThan(before);
}

describe('the simulator page', () => {
  it('walks an SMS conversation: welcome, Kyrgyz, menu and an entry date with its deadline', async () => {
    await page.fill('#from', uniquePhone('+996'));
    await page.fill('#clock', '2026-04-01T12:00'); // Belgrade (10:00 UTC)
    await page.click('#set-clock');
    await expect
      .poll(() => page.textContent('#clock-now'), { timeout: 10_000 })
      .toContain('01.04.2026 12:00');

    const welcome = await sendSms('салам');
    const chosen = await sendSms('1');
    const menu = await sendSms('0');
    const saved = await sendSms('КИРДИМ 12.03.2026');

    expect(welcome).toContain(WELCOME.cyrillic);
    expect(chosen).toContain(ky.language_set);
    expect(menu).toContain(ky.menu.split('\n')[0]);
    expect(saved).toContain('09.06.2026');
    // What is planned next for the number, in Belgrade days: the first reminder before 09.06.2026.
    await expect
      .poll(() => page.textContent('#planned-next'), { timeout: 10_000 })
      .toMatch(/reminder on \d{2}\.\d{2}\.2026 \(last lawful day 09\.06\.2026\)/);
    expect(await page.textContent('#log')).toContain('POST /sms → 200');
    await page.click('#how > summary');
    await page.click('text=Stored state of this number');
    await expect
      .poll(() => page.textContent('#state'), { timeout: 10_000 })
      .toContain('"entryDate": "2026-03-12"');
    await screenshot(page, 'sms-conversation');
  });

  it('switches its own labels to Russian, and "How it works" gives each reply its segments and encoding', async () => {
    await page.fill('#from', uniquePhone('+381'));

    await page.click('button[data-ui="ru"]');
    const reply = await sendSms('ПОМОЩЬ');

    expect(await page.textContent('#phone-title')).toBe('Телефон мигранта');
    expect(await page.textContent('#how > summary')).toContain('Как это устроено');
    expect(reply).toContain(ru.menu.split('\n')[0]);
    // The phone shows the words only; the machinery (segments, encoding, price) is one click away.
    expect(reply).not.toMatch(/сегм|UCS-2/);
    expect(await page.isVisible('#costs')).toBe(false);
    await page.click('#how > summary');
    await page.click('#costs-box > summary');
    const row = page.locator('#costs-body tr', { hasText: ru.menu.split('\n')[0] });
    expect(await row.locator('td').allTextContents()).toEqual(expect.arrayContaining(['SMS', '2', 'UCS-2']));
    await page.click('button[data-ui="en"]');
  });

  it('walks an IVR call by keypad: Russian, set the entry date, confirm, type the code texted to the phone, and the date is stored', async () => {
    await page.fill('#from', uniquePhone('+381'));
    await page.check('#fast');
    await page.fill('#clock', '2026-04-01T12:00'); // Belgrade (10:00 UTC)
    await page.click('#set-clock');
    await expect
      .poll(() => page.textContent('#clock-now'), { timeout: 10_000 })
      .toContain('01.04.2026 12:00');

    await page.click('#call');
    await pressWhenAsked('2'); // language menu: Russian
    await pressWhenAsked('3'); // main menu: set my entry date
    await pressWhenAsked('1', '2', '0', '3', '2', '0', '2', '6', '#'); // 12 March 2026
    await expect.poll(() => page.textContent('#transcript'), { timeout: 20_000 }).toContain('Вы ввели');
    await pressWhenAsked('1'); // read back: yes

    // Before saving, the call proves it holds the number: a code comes by SMS to this phone.
    await expect
      .poll(() => page.textContent('#transcript'), { timeout: 20_000 })
      .toContain('Мы отправили на этот телефон SMS с кодом');
    expect(await page.textContent('#transcript')).toContain('9 июня');
    expect(await page.textContent('#transcript')).not.toContain('Спасибо, дата сохранена');
    // The page shows what was sent outside replies after a text or a change of time, not during a call:
    // setting the same simulated time again brings the SMS onto the phone.
    await page.click('#set-clock');
    const [lead = '', tail = ''] = ru.call_code.split('{code}');
    const codeSms = page.locator('#thread li.out', { hasText: lead });
    await expect.poll(() => codeSms.count(), { timeout: 10_000 }).toBe(1);
    const shown = (await codeSms.textContent()) ?? '';
    const code = shown.slice(lead.length, lead.length + 6);
    expect(shown.startsWith(`${lead}${code}${tail}`)).toBe(true);
    expect(code).toMatch(/^\d{6}$/);
    await pressWhenAsked(...code.split('')); // the code from the SMS

    await expect
      .poll(() => page.textContent('#transcript'), { timeout: 20_000 })
      .toContain('Спасибо, дата сохранена');
    await page.click('#hangup');
    await page.click('#how > summary');
    await page.click('text=Stored state of this number');
    await expect
      .poll(() => page.textContent('#state'), { timeout: 10_000 })
      .toContain('"entryDate": "2026-03-12"');
    await screenshot(page, 'ivr-call');
  });

  it('walks a volunteer relay: notified, taken, words both ways from the hotline number, closed', async () => {
    await page.setViewportSize({ width: 1280, height: 1000 });
    const migrant = uniquePhone('+996');
    const phoneOf = (id: string) => roster.find((v) => v.volunteerId === id)?.phone ?? '';
    const aida = page.locator('#volunteer-aida');
    const aidaThread = aida.locator('.thread');
    const migrantThread = page.locator('#thread');
    const migrantPhone = page.locator('section[aria-labelledby="phone-title"]');
    /** Neither side ever sees the other's number, only the hotline's. */
    const expectMasked = async () => {
      const onMigrantPhone = (await migrantPhone.textContent()) ?? '';
      const onVolunteerPhones = (await page.textContent('#volunteers')) ?? '';
      for (const volunteer of roster) expect(onMigrantPhone).not.toContain(volunteer.phone.slice(4));
      expect(onVolunteerPhones).not.toContain(migrant.slice(4));
      expect(onVolunteerPhones).toContain(phoneOf('aida')); // each phone shows its own number, though
    };
    await page.fill('#from', migrant);
    await page.fill('#clock', '2026-11-25T12:00'); // a Wednesday, 12:00 in Belgrade (11:00 UTC)
    await page.click('#set-clock');
    await expect
      .poll(() => page.textContent('#clock-now'), { timeout: 10_000 })
      .toContain('25.11.2026 12:00');
    const bakytShift = page.locator('#volunteer-bakyt .badge.shift');
    await expect.poll(() => bakytShift.textContent(), { timeout: 10_000 }).toBe('on shift');
    expect(await aida.locator('.badge.shift').textContent()).toBe('on shift');
    expect(await page.locator('#volunteer-olga .badge.shift').textContent()).toBe('off shift');
    expect(await page.locator('#volunteer-nurlan .badge.coordinator').isVisible()).toBe(true);
    expect(await aida.locator('.badge.coordinator').isVisible()).toBe(false);

    const opened = await sendSms('ADAM айлык бербей жатат');
    const code = /\b([1-9]\d{5})\b/.exec(opened)?.[1] ?? '';
    expect(code).toMatch(/^[1-9]\d{5}$/);
    for (const id of ['aida', 'bakyt']) {
      const notice = page.locator(`#volunteer-${id} .thread li.out`, { hasText: `TAKE ${code}` });
      await expect.poll(() => notice.count(), { timeout: 10_000 }).toBe(1);
      expect(await notice.textContent()).toContain('айлык бербей жатат');
      expect(await notice.textContent()).toContain('from the hotline +381110000000');
    }
    expect(await page.locator('#volunteer-olga .thread').textContent()).not.toContain(code);
    await expect.poll(() => page.textContent('#cases'), { timeout: 10_000 }).toContain(code);
    await expectMasked();

    // Aida takes it with the button on the notification: it sends `TAKE <code> <PIN>` from her phone, with
    // the sample PIN printed in local/roster.sample.json (a text showing her number alone takes nothing).
    await aida.locator('button.quick', { hasText: code }).click();
    await expect.poll(() => aidaThread.textContent(), { timeout: 20_000 }).toContain(`Запрос ${code} ваш`);
    expect(await aida.locator('.thread li.in').last().textContent()).toBe(`TAKE ${code} 111111`);
    await expect.poll(() => migrantThread.textContent(), { timeout: 10_000 }).toContain(ky.case_joined);
    expect(await page.locator('#thread li.relay').last().textContent()).toContain(
      'from the hotline +381110000000',
    );
    const caseRow = page.locator('#cases-body tr', { hasText: code });
    await expect.poll(() => caseRow.textContent(), { timeout: 10_000 }).toContain('Aida (sample)');
    expect(await caseRow.textContent()).toContain('taken');
    await expectMasked();

    // The migrant writes; it reaches Aida's phone under the case code, from the hotline number.
    await page.fill('#body', 'Кожоюнум паспортумду бербей жатат');
    await page.click('#send');
    const relayed = aida.locator('.thread li.out', { hasText: 'Кожоюнум паспортумду' });
    await expect.poll(() => relayed.count(), { timeout: 20_000 }).toBe(1);
    expect(await relayed.textContent()).toMatch(
      new RegExp(`^${code}: Кожоюнум паспортумду бербей жатат.*from the hotline \\+381110000000`),
    );
    await expectMasked();

    // Aida answers by typing; the migrant reads it from the hotline number.
    await sendFromVolunteer('aida', `R ${code} Саламатсызбы! Кайсы шаарда иштейсиз?`);
    const answer = page.locator('#thread li.relay', { hasText: 'Кайсы шаарда' });
    await expect.poll(() => answer.count(), { timeout: 20_000 }).toBe(1);
    expect(await answer.textContent()).toMatch(/^Саламатсызбы! Кайсы шаарда иштейсиз\?from the hotline/);
    await expectMasked();

    await sendFromVolunteer('aida', `CLOSE ${code}`);
    await expect
      .poll(() => aidaThread.textContent(), { timeout: 20_000 })
      .toContain(`Запрос ${code} закрыт. Спасибо!`);
    await expect.poll(() => migrantThread.textContent(), { timeout: 10_000 }).toContain(ky.case_closed);
    await expect.poll(() => page.locator('#cases-body tr', { hasText: code }).count()).toBe(0);
    await expectMasked();
    await screenshot(page, 'volunteer-relay');
  });

  it('shows a reminder on the phone after the clock moves to its day and the scheduled jobs run', async () => {
    await page.fill('#from', uniquePhone('+996'));
    await page.fill('#clock', '2026-04-01T12:00'); // Belgrade (10:00 UTC)
    await page.click('#set-clock');
    await expect
      .poll(() => page.textContent('#clock-now'), { timeout: 10_000 })
      .toContain('01.04.2026 12:00');
    await sendSms('жардам');
    await sendSms('КИРДИМ 12.03.2026');

    await page.fill('#clock', '2026-05-26T09:00'); // Belgrade (07:00 UTC)
    await page.click('#set-clock');
    await expect
      .poll(() => page.textContent('#clock-now'), { timeout: 10_000 })
      .toContain('26.05.2026 09:00');
    await page.click('#tick');

    const reminder = page.locator('#thread li.reminder');
    await expect.poll(() => reminder.count(), { timeout: 20_000 }).toBe(1);
    expect(await reminder.textContent()).toContain('09.06.2026');
    expect(await page.textContent('#timeline')).toContain('26.05.2026 09:00');
    await screenshot(page, 'reminder');
  });

  it('writes on Telegram (menu buttons, the 90-day answer) and texts the Serbian SIM, each in its own thread', async () => {
    const phone = uniquePhone('+996');
    const thread = page.locator('#thread');
    await page.fill('#from', phone);

    await page.check('#channel-telegram');
    expect(await page.textContent('#thread-head')).toContain(
      `Telegram chat with the hotline's bot · chat id ${phone.slice(1)}`,
    );
    const started = await sendSms('/start ky');
    expect(started).toContain(ky.language_set);
    expect(started).toContain(ky.menu.split('\n')[0]);
    const menu = page.locator('#thread li.out', { hasText: ky.menu.split('\n')[0] }).last();
    expect(await menu.locator('.choices button').allTextContents()).toEqual(
      expect.arrayContaining(['1', '2', '3']),
    );
    // Tapping a button sends its digit, as Telegram's reply keyboard does.
    const before = await page.locator('#thread li.out').count();
    await menu.getByRole('button', { name: '2', exact: true }).click();
    await expect
      .poll(() => page.locator('#thread li.out').count(), { timeout: 20_000 })
      .toBeGreaterThan(before);
    expect(await page.locator('#thread li.in').last().textContent()).toBe('2');
    expect(await page.locator('#thread li.out').last().textContent()).toContain(
      ky.info_visa_free.slice(0, 40),
    );
    expect(await page.textContent('#log')).toContain(
      'POST /telegram (through /_local/telegram-webhook) → 200',
    );

    // The Serbian SIM is another thread of the same phone: it starts empty, and the first text is welcomed.
    await page.check('#channel-sim');
    expect(await thread.locator('li').count()).toBe(0);
    expect(await page.textContent('#thread-head')).toContain('Serbian SIM');
    const welcome = await sendSms('салам');
    expect(welcome).toContain(WELCOME.cyrillic.split('\n')[0]);
    expect(welcome).toContain('Serbian SIM');
    expect(await thread.textContent()).not.toContain(ky.info_visa_free.slice(0, 40));
    expect(await page.textContent('#log')).toContain('POST /sms-gateway → 200');

    // Back on Telegram, its thread is as it was.
    await page.check('#channel-telegram');
    expect(await thread.textContent()).toContain(ky.info_visa_free.slice(0, 40));
    expect(await thread.textContent()).not.toContain(WELCOME.cyrillic.split('\n')[0]);
    // And the page held no secret of either channel: the runtime signs and adds the header.
    const source = `${await page.content()}${await (await fetch(`${hotline.url}/static/app.js`)).text()}`;
    for (const secret of ['local-telegram-secret', 'local-gateway-key']) expect(source).not.toContain(secret);
    await screenshot(page, 'telegram');
  });

  it('makes no request outside the local hotline', async () => {
    await sendSms('0');

    expect((page as Page & { failed?: string[] }).failed).toEqual([]);
  });
});
