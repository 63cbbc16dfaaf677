// The hotline's simulated time, as Belgrade reads it (day.month.year, 24-hour clock): shown, set, moved
// a day or a week, back to real time; and the scheduled jobs run at it. Each failure shows.
import { afterTimeChange } from './conversation.js';
import { $, $input } from './dom.js';
import { showError } from './hood.js';
import { t } from './labels.js';
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

/** Sets the hotline's time (`null`: real time again). */
async function setClock(now: string | null): Promise<void> {
  await localJson('/_local/clock', postJson({ now }));
  await showClock();
  await afterTimeChange();
}

/** Runs a click's work; what fails shows in the error line and under the clock. */
const guarded = (work: () => Promise<void>) => () =>
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
  $('tick').addEventListener(
    'click',
    guarded(async () => {
      const summary = await localJson<{ now: string; jobs: { job: string }[] }>('/_local/tick', {
        method: 'POST',
      });
      const jobs = summary.jobs.length ? summary.jobs.map((job) => job.job).join(', ') : t('noJobs');
      $('jobs-ran').textContent = `${t('ranJobs')} (${belgradeTime(summary.now)}, ${t('belgrade')}): ${jobs}`;
      await afterTimeChange();
    }),
  );
}
