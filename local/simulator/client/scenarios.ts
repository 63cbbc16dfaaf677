// The tour's stories (./tour.ts): what a migrant and a volunteer do, step by step, on the page's phones.
// Each starts from a number the hotline has never seen, at a fixed hotline time (a Wednesday at noon in
// Belgrade, when the sample roster has volunteers on shift), so it plays the same every time; what the
// summary says is read from what the hotline answered, never written in advance.

import { fragments } from '../../../shared/voice/prompts.js';
import type { OutboxMessage } from '../../outbox.js';
import {
  hangUp,
  inCall,
  keypadButton,
  lastCallSteps,
  startCall,
  untilAskedForKeys,
  untilCallEnds,
} from './call.js';
import { normal } from './channels.js';
import { runScheduledJobs, setClock } from './clock.js';
import {
  everyMessage,
  isToVolunteer,
  migrantSends,
  recipientName,
  refreshCases,
  storedItems,
  volunteerSends,
} from './conversation.js';
import { $, $input } from './dom.js';
import { t } from './labels.js';
import { HOTLINE_NUMBER } from './net.js';
import { showThread } from './phone.js';
import { belgradeInputValue, belgradeTime, fromBelgrade } from './time.js';
import { type Scenario, type TourContext, TourProblem, type TourStep, toMigrant } from './tour.js';
import { takeButtonOf, takeCase, volunteerName, volunteerPhones } from './volunteers.js';

/** Where every story starts: Wednesday 1 April 2026, 12:00 in Belgrade. */
const START = '2026-04-01T12:00';
const DAY_MS = 86_400_000;

const startInstant = (): Date => fromBelgrade(START) ?? new Date();

/** Sets the hotline's clock as a person does: the time in the box, then Set time. */
async function setTourClock(instant: Date): Promise<void> {
  $input('clock').value = belgradeInputValue(instant);
  await setClock(instant.toISOString());
}

const clockStep: TourStep = {
  line: 'step_clock',
  focus: () => $('time-panel'),
  run: () => setTourClock(startInstant()),
};

/** The story's number on the phone, writing by SMS to the hotline number. */
function usePhone(context: TourContext): void {
  if ($input('from').value !== context.number || !$input('channel-sms').checked) {
    $input('from').value = context.number;
    $input('channel-sms').checked = true;
    showThread();
  }
}

/** The migrant's phone sends this text, as its Send button does; a text not sent stops the story. */
async function text(context: TourContext, body: string): Promise<void> {
  usePhone(context);
  if (!(await migrantSends(body, 'sms', context.number))) throw new TourProblem(`${t('notSent')}: ${body}`);
}

/** The hotline's messages since the story began. */
const since = async (context: TourContext): Promise<OutboxMessage[]> =>
  (await everyMessage()).slice(context.start);

/** A case code in the hotline's words ("482015 суроо волонтёрлорго жиберилди"). */
const codeIn = (body: string | undefined): string => /\b(\d{5,6})\b/.exec(body ?? '')?.[1] ?? '';

/** The case code the hotline last gave the story's migrant ('' if none). */
async function caseCode(context: TourContext): Promise<string> {
  const told = (await since(context)).filter((message) => toMigrant(context, message)).reverse();
  return told.map((message) => codeIn(message.body)).find((code) => code !== '') ?? '';
}

const phoneFocus = () => $('thread');
const dateIn = (body: string | undefined): string => /\b(\d{2}\.\d{2}\.\d{4})\b/.exec(body ?? '')?.[1] ?? '';

const aboutTheCase = (context: TourContext, message: OutboxMessage): boolean =>
  toMigrant(context, message) ||
  (isToVolunteer(message) && context.values.code !== undefined && message.body.includes(context.values.code));

/** The caller's stored profile (what `GET /_local/caller` lists as type `caller`). */
async function profileOf(context: TourContext): Promise<Record<string, unknown> | undefined> {
  return (await storedItems(context.number, 'sms')).find((item) => item.type === 'caller');
}

// ---------- (a) a migrant asks for her deadline in Kyrgyz ----------
const deadline: Scenario = {
  id: 'deadline',
  title: 'tour_deadline',
  steps: [
    clockStep,
    { line: 'deadline_1', focus: phoneFocus, run: (c) => text(c, 'салам') },
    { line: 'deadline_2', focus: phoneFocus, run: (c) => text(c, '1') },
    { line: 'deadline_3', focus: phoneFocus, run: (c) => text(c, 'КИРДИМ 12.03.2026') },
    { line: 'deadline_4', focus: phoneFocus, run: (c) => text(c, 'жок') },
    { line: 'deadline_5', focus: phoneFocus, run: (c) => text(c, '6') },
  ],
  async happened(context, messages) {
    const date = dateIn(messages.filter((message) => toMigrant(context, message)).at(-1)?.body);
    const reminders = (await profileOf(context))?.reminderIds as { entry?: unknown[] } | undefined;
    return [
      date ? t('deadline_sum', { date }) : t('deadline_sum_none'),
      ...(reminders?.entry?.length ? [t('deadline_sum_2')] : []),
    ];
  },
};

// ---------- (b) a distress text gets help ----------
const distress: Scenario = {
  id: 'distress',
  title: 'tour_distress',
  steps: [
    clockStep,
    { line: 'distress_1', focus: phoneFocus, run: (c) => text(c, 'мени уруп жатышат, жардам керек') },
    {
      line: 'distress_2',
      focus: phoneFocus,
      async run(context) {
        await text(context, '7');
        const code = await caseCode(context);
        if (code) context.values.code = code;
      },
    },
    {
      line: 'distress_3',
      focus: () => $('volunteers-panel'),
      async run() {
        await refreshCases();
      },
    },
  ],
  async happened(context, messages) {
    const first = messages.find((message) => toMigrant(context, message));
    const code = context.values.code;
    const told = code
      ? [
          ...new Set(
            messages
              .filter((message) => isToVolunteer(message) && message.body.includes(`TAKE ${code}`))
              .map(recipientName),
          ),
        ]
      : [];
    return [
      ...(first ? [t('distress_sum', { reply: first.body })] : []),
      code && told.length
        ? t('distress_sum_case', { code, names: told.join(', ') })
        : t('distress_sum_nobody'),
    ];
  },
  counts: aboutTheCase,
};

// ---------- (c) a call in Kyrgyz sets the entry date by keypad ----------
const KEY_GAP_MS = 120;

/** Presses keys on the page's keypad, one by one, once the call asks for them. */
async function press(keys: string): Promise<void> {
  await untilAskedForKeys();
  for (const key of keys) {
    const button = keypadButton(key);
    if (!button || button.disabled) throw new TourProblem(t('ended'));
    button.click();
    await new Promise((done) => setTimeout(done, KEY_GAP_MS));
  }
}

const callFocus = () => $('call-panel');

const call: Scenario = {
  id: 'call',
  title: 'tour_call',
  steps: [
    clockStep,
    {
      line: 'call_1',
      focus: callFocus,
      async run(context) {
        usePhone(context);
        void startCall();
        await press('1');
      },
    },
    { line: 'call_2', focus: callFocus, run: () => press('3') },
    { line: 'call_3', focus: callFocus, run: () => press('12032026#') },
    {
      line: 'call_4',
      focus: callFocus,
      async run(context) {
        await press('1');
        // The code the hotline texts to the number, as it arrived on the phone.
        await untilAskedForKeys();
        const sent = (await since(context)).filter((message) => toMigrant(context, message)).at(-1);
        const code = /\b(\d{6})\b/.exec(sent?.body ?? '')?.[1];
        if (!code) throw new TourProblem(t('call_sum_none'));
        context.values.code = code;
      },
    },
    { line: 'call_5', focus: callFocus, run: (c) => press(c.values.code ?? '') },
    {
      line: 'call_6',
      focus: callFocus,
      async run() {
        await Promise.race([untilAskedForKeys().catch(() => undefined), untilCallEnds()]);
        if (inCall()) hangUp();
      },
    },
  ],
  async happened(context, messages) {
    const stored = (await profileOf(context))?.entryDate;
    if (stored !== '2026-03-12') return [t('call_sum_none')];
    const spoken = Array.from($('transcript').querySelectorAll('.heard .words'))
      .map((words) => words.textContent ?? '')
      .find((words) => words.startsWith(fragments.deadline_stay.text));
    return [
      t('call_sum', { heard: spoken ?? '' }),
      ...(messages.some((message) => toMigrant(context, message)) ? [t('call_sum_2')] : []),
    ];
  },
  moreCost: () => [t('costCall', { steps: lastCallSteps() })],
};

// ---------- (d) 80 days later the reminder arrives ----------
const later = () => new Date(startInstant().getTime() + 80 * DAY_MS);

const reminder: Scenario = {
  id: 'reminder',
  title: 'tour_reminder',
  steps: [
    clockStep,
    {
      line: 'reminder_1',
      focus: phoneFocus,
      async run(context) {
        await text(context, 'салам');
        await text(context, '1');
      },
    },
    { line: 'reminder_2', focus: phoneFocus, run: (c) => text(c, `КИРДИМ ${c.values.entry}`) },
    { line: 'reminder_3', focus: () => $('time-panel'), run: () => setTourClock(later()) },
    {
      line: 'reminder_4',
      focus: phoneFocus,
      async run() {
        await runScheduledJobs();
      },
    },
  ],
  async happened(context, messages) {
    const from = later().getTime();
    const arrived = messages.find(
      (message) => toMigrant(context, message) && new Date(message.at).getTime() >= from,
    );
    if (!arrived) return [t('reminder_sum_none', { time: belgradeTime(later()) })];
    return [
      t('reminder_sum', { text: arrived.body }),
      t('reminder_sum_2', { time: belgradeTime(arrived.at) }),
    ];
  },
};

// ---------- (e) a volunteer takes a case and answers ----------
const ANSWER = 'Саламатсызбы! Мен ыктыярчымын. Эмгек инспекциясына чогуу кайрылабыз. Кайсы шаарда иштейсиз?';
const MIGRANT_MORE = 'Эки айдан бери төлөбөй жатат';

const volunteerOf = (context: TourContext) => volunteerPhones.get(context.values.volunteerNumber ?? '');
const volunteerFocus = (context: TourContext) => volunteerOf(context)?.element;

const volunteer: Scenario = {
  id: 'volunteer',
  title: 'tour_volunteer',
  steps: [
    clockStep,
    {
      line: 'volunteer_1',
      focus: phoneFocus,
      async run(context) {
        await text(context, 'ADAM кожоюн айлык бербей жатат');
        const code = await caseCode(context);
        // The first volunteer on shift whose phone got the case, and who can take it from the page.
        const notice = (await since(context)).find(
          (message) => isToVolunteer(message) && code !== '' && message.body.includes(`TAKE ${code}`),
        );
        const phone = notice ? volunteerPhones.get(normal(notice.to)) : undefined;
        if (!code || !phone) throw new TourProblem(t('volunteer_sum_none'));
        context.values.code = code;
        context.values.volunteer = phone.volunteer.name;
        context.values.volunteerNumber = phone.volunteer.phone;
      },
    },
    {
      line: 'volunteer_2',
      focus: volunteerFocus,
      async run(context) {
        const phone = volunteerOf(context);
        const code = context.values.code ?? '';
        if (!phone) throw new TourProblem(t('volunteer_sum_none'));
        takeButtonOf(phone, code)?.classList.add('tour-focus');
        await takeCase(phone, code);
        takeButtonOf(phone, code)?.classList.remove('tour-focus');
        const taken = (await refreshCases()).find((item) => item.code === code);
        if (taken?.status === 'taken' && taken.volunteerId)
          context.values.takenBy = volunteerName(taken.volunteerId);
      },
    },
    { line: 'volunteer_3', focus: phoneFocus, run: (c) => text(c, MIGRANT_MORE) },
    {
      line: 'volunteer_4',
      focus: volunteerFocus,
      async run(context) {
        const phone = volunteerOf(context);
        if (phone) await volunteerSends(phone, `R ${context.values.code} ${ANSWER}`);
      },
    },
    {
      line: 'volunteer_5',
      focus: volunteerFocus,
      async run(context) {
        const phone = volunteerOf(context);
        if (phone) await volunteerSends(phone, `CLOSE ${context.values.code}`);
      },
    },
  ],
  async happened(context, messages) {
    const code = context.values.code ?? '';
    const takenBy = context.values.takenBy;
    if (!takenBy) return [t('volunteer_sum_none')];
    const toVolunteer = messages.filter(
      (message) =>
        normal(message.to) === normal(context.values.volunteerNumber ?? '') &&
        message.body.startsWith(`${code}:`),
    ).length;
    const answered = messages.filter(
      (message) => toMigrant(context, message) && message.body.includes(ANSWER),
    ).length;
    return [
      t('volunteer_sum', { code, volunteer: takenBy, toVolunteer, toMigrant: answered }),
      t('volunteer_sum_2', { hotline: HOTLINE_NUMBER }),
    ];
  },
  counts: aboutTheCase,
};

export const SCENARIOS: readonly Scenario[] = [deadline, distress, call, reminder, volunteer];

/** Values every story's lines may name, known before it starts. */
export function storyValues(): Record<string, string> {
  const start = startInstant();
  return {
    time: belgradeTime(start),
    later: belgradeTime(later()),
    entry: belgradeTime(start).slice(0, 10),
  };
}
