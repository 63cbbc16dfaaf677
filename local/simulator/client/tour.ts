// The guided tour: a handful of stories, one click each, played step by step on the page's own phones with
// one line of narration per step. Every step drives the page as a person would, through the same client
// code (the phone's Send, the keypad, a volunteer's Take button, the clock's Set time and "Do what is due
// now"), so every text and call is the same signed webhook. Each story ends on what happened and what it
// would cost: the hotline's own messages (GET /_local/outbox?inline=1) priced as the spending limit
// estimates them (./segments.ts).

import type { OutboxMessage } from '../../outbox.js';
import { hangUp, inCall } from './call.js';
import { normal } from './channels.js';
import { everyMessage, isToVolunteer } from './conversation.js';
import { $, $input } from './dom.js';
import { describeError } from './hood.js';
import { type Key, t } from './labels.js';
import { showPanelOf } from './layout.js';
import { costBasis, formatUsd, sumCosts } from './segments.js';

/** What a story knows while it plays: its migrant's number and the values its lines name. */
export interface TourContext {
  number: string;
  /** `{number}`, `{code}`, `{volunteer}`, … for the narration. */
  values: Record<string, string>;
  /** How many of the hotline's messages there were when the story began. */
  start: number;
}

export interface TourStep {
  line: Key;
  run: (context: TourContext) => Promise<void>;
  /** What to bring into view while the step plays (the phone, a volunteer's phone, the clock). */
  focus?: (context: TourContext) => HTMLElement | null | undefined;
}

export interface Scenario {
  id: string;
  title: Key;
  steps: TourStep[];
  /** What happened, in a few lines, from what the hotline did (its messages since the start, the page). */
  happened: (context: TourContext, messages: OutboxMessage[]) => Promise<string[]>;
  /** The hotline's messages this story counts: to its migrant, and to volunteers about its case. */
  counts?: (context: TourContext, message: OutboxMessage) => boolean;
  /** More cost lines (a call's own minutes). */
  moreCost?: (context: TourContext) => string[];
}

/** The tour was stopped by its Stop button. */
class Stopped extends Error {}

let playing: { stopped: boolean } | null = null;

/** Values every story's lines may name, known before it starts (setUpTour). */
let storyValues: () => Record<string, string> = () => ({});

/** A person reads a line before it happens; "quick" (or a test) leaves only a glimpse. */
const pause = () => new Promise<void>((done) => setTimeout(done, $input('tour-quick').checked ? 150 : 2200));

/** A number no earlier story used, so each story starts as a stranger to the hotline: +996 7xx xxx xxx. */
export function freshNumber(): string {
  const digits = Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => String(b % 10)).join('');
  return `+9967${digits}`;
}

/** Messages to this migrant's number on any channel (SMS, WhatsApp). */
export const toMigrant = (context: TourContext, message: OutboxMessage): boolean =>
  normal(message.to) === normal(context.number);

function stepItem(text: string, index: number, total: number): HTMLLIElement {
  const item = document.createElement('li');
  item.textContent = text;
  item.setAttribute('aria-current', 'step');
  $('tour-steps').append(item);
  $('tour-now-step').textContent = `${t('tourStep', { i: index + 1, n: total })}:`;
  $('tour-now-line').textContent = text;
  // The bar shows with its first line, never empty.
  $('tour-now').hidden = false;
  $('tour-status').textContent = t('tourStep', { i: index + 1, n: total });
  return item;
}

function listItems(id: string, lines: string[]): void {
  $(id).replaceChildren(
    ...lines.map((text) => {
      const item = document.createElement('li');
      item.textContent = text;
      return item;
    }),
  );
}

/** What it would cost: the story's messages, how many SMS segments, the estimate, and on what prices. */
function showCost(scenario: Scenario, context: TourContext, messages: OutboxMessage[]): void {
  const counted = messages.filter((message) => (scenario.counts ?? toMigrant)(context, message));
  const sum = sumCosts(counted);
  const volunteers = counted.filter(isToVolunteer).length;
  listItems('tour-cost', [
    t('costTexts', { n: sum.messages, migrant: sum.messages - volunteers, volunteers }),
    t('costSegments', { segments: sum.segments }),
    t('costEstimate', { usd: formatUsd(sum.usd) }),
    ...(scenario.moreCost?.(context) ?? []),
  ]);
  $('tour-cost-basis').textContent = costBasis();
}

function setPlaying(on: boolean): void {
  for (const button of Array.from($('tour-choices').querySelectorAll<HTMLButtonElement>('button')))
    button.disabled = on;
  if (!on) $('tour-now').hidden = true;
  document.body.classList.toggle('touring', on);
}

/** Plays one story from its first step; a second click while one plays does nothing. */
export async function playScenario(scenario: Scenario): Promise<void> {
  if (playing) return;
  const run = { stopped: false };
  playing = run;
  setPlaying(true);
  $('tour-play').hidden = false;
  $('tour-summary').hidden = true;
  $('tour').dataset.state = 'playing';
  $('tour').dataset.scenario = scenario.id;
  $('tour-name').textContent = t(scenario.title);
  $('tour-steps').replaceChildren();
  $('tour-status').classList.remove('error');
  try {
    const number = freshNumber();
    const context: TourContext = {
      number,
      values: { ...storyValues(), number },
      start: (await everyMessage()).length,
    };
    for (const [index, step] of scenario.steps.entries()) {
      if (run.stopped) throw new Stopped();
      const item = stepItem(t(step.line, context.values), index, scenario.steps.length);
      const focus = step.focus?.(context);
      if (focus) {
        // On a phone, the part of the page the step plays in comes up on screen (its tab).
        showPanelOf(focus);
        focus.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
      }
      await pause();
      if (run.stopped) throw new Stopped();
      await step.run(context);
      item.removeAttribute('aria-current');
      item.className = 'done';
    }
    const messages = (await everyMessage()).slice(context.start);
    listItems('tour-happened', await scenario.happened(context, messages));
    showCost(scenario, context, messages);
    $('tour-summary').hidden = false;
    $('tour').dataset.state = 'done';
    $('tour-status').textContent = '';
    $('tour-summary').scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    $('tour-summary').focus({ preventScroll: true });
  } catch (error) {
    $('tour').dataset.state = run.stopped ? 'stopped' : 'failed';
    $('tour-status').classList.toggle('error', !run.stopped);
    $('tour-status').textContent = run.stopped
      ? t('tourStopped')
      : t('tourFailed', { why: error instanceof TourProblem ? error.message : describeError(error) });
    if (inCall()) hangUp();
  } finally {
    for (const item of Array.from($('tour-steps').querySelectorAll('[aria-current]')))
      item.removeAttribute('aria-current');
    playing = null;
    setPlaying(false);
  }
}

export function stopTour(): void {
  if (!playing) return;
  playing.stopped = true;
  if (inCall()) hangUp();
}

/** A step's failure in words, for the tour's status line. */
export class TourProblem extends Error {}

export function setUpTour(scenarios: readonly Scenario[], values: () => Record<string, string>): void {
  storyValues = values;
  for (const button of Array.from(
    $('tour-choices').querySelectorAll<HTMLButtonElement>('button[data-tour]'),
  )) {
    const scenario = scenarios.find((s) => s.id === button.dataset.tour);
    if (scenario) button.addEventListener('click', () => void playScenario(scenario));
  }
  $('tour-stop').addEventListener('click', stopTour);
}
