// The hotline's simulated time, as Belgrade reads it (day.month.year, 24-hour clock): shown, set, moved
// a day or a week, back to real time; and the scheduled jobs run at it, with what they did in words
// (reminders sent, waiting cases brought back to volunteers). Each failure shows.
import { afterTimeChange } from './conversation.js';
import { $, $input } from './dom.js';
import { showError } from './hood.js';
import { t, tn } from './labels.js';
import { getJson, localJson, postJson } from './net.js';
import { belgradeInputValue, belgradeTime, fromBelgrade } from './time.js';

/** Reads the hotline's time and shows it; returns it. */
export async function showClock(): Promise<Date> {
  const { now } = await getJson<{ now: string }>('/_local/clock');
  const date = new Date(now);
  $('clock-now').textContent = `${t('nowIs')}: ${belgradeTime(date)} (${t('belgrade')})`;
  $('clock-now').classList.remove('error');
  $input('clock').value = belgradeInputValue(date);
  return date;
}

/** Sets the hotline's time (`null`: real time again), as the Set time button does; throws if it fails. */
export async function setClock(now: string | null): Promise<void> {
  await localJson('/_local/clock', postJson({ now }));
  await showClock();
  await afterTimeChange();
}

interface JobsSummary {
  now: string;
  jobs: { job: string; result?: { sent?: number; chased?: number } }[];
}

/** What the scheduled jobs did, in words: "Checked at …: 1 reminder sent". */
function jobsInWords(summary: JobsSummary): string {
  const result = (name: string) => summary.jobs.find((job) => job.job === name)?.result;
  const sent = result('reminders')?.sent ?? 0;
  const chased = result('escalations')?.chased ?? 0;
  const done = [
    ...(sent ? [tn('remindersOne', 'remindersMany', sent)] : []),
    ...(chased ? [tn('chasedOne', 'chasedMany', chased)] : []),
  ];
  return `${t('jobsAt', { time: belgradeTime(summary.now) })} ${done.length ? done.join('; ') : t('jobsNothing')}`;
}

/**
 * Runs every scheduled job at the hotline's time, as the "Do what is due now" button does, says what they
 * did, and brings what they sent onto the phones. Returns the runtime's answer; throws if it fails.
 */
export async function runScheduledJobs(): Promise<JobsSummary> {
  const summary = await localJson<JobsSummary>('/_local/tick', { method: 'POST' });
  $('jobs-ran').textContent = jobsInWords(summary);
  await afterTimeChange();
  return summary;
}

/** Runs a click's work; what fails shows in the error line and under the clock. */
const guarded = (work: () => Promise<unknown>) => () =>
  void work().catch((error: unknown) => {
    showError(error);
    $('clock-now').classList.add('error');
  });

/** How often the shown time is read again, so that it never goes stale (real time moves on). */
const CLOCK_REFRESH_MS = 30_000;

export function setUpClock(): void {
  setInterval(() => {
    if (document.visibilityState === 'visible') showClock().catch(showError);
  }, CLOCK_REFRESH_MS);
  $('set-clock').addEventListener(
    'click',
    guarded(async () => {
      const at = fromBelgrade($input('clock').value);
      if (at) await setClock(at.toISOString());
    }),
  );
  $('real-time').addEventListener(
    'click',
    guarded(() => setClock(null)),
  );
  for (const [id, days] of [
    ['plus-day', 1],
    ['plus-week', 7],
  ] as const) {
    $(id).addEventListener(
      'click',
      guarded(async () => {
        const now = await showClock();
        await setClock(new Date(now.getTime() + days * 86_400_000).toISOString());
      }),
    );
  }
  $('tick').addEventListener('click', guarded(runScheduledJobs));
}
