// The coordinators' case figures: per ISO week (Belgrade time) and caller language, how many cases
// opened, how many of those were taken and closed, and the median time to take. Pure; the cases come
// from the case store (codes, languages and event times only: nothing of the caller).
import type { CaseHistory } from '../ports/case-store.js';
import type { Figures, WeekFigures } from './api.js';

const DAY_MS = 86_400_000;

/** The Belgrade calendar day of an instant, as a UTC-midnight Date (for week arithmetic). */
function belgradeDay(at: Date): Date {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Belgrade',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
  return new Date(`${parts}T00:00:00Z`);
}

/** ISO week of a (UTC-midnight) day: its Monday and `YYYY-Www`. */
export function isoWeek(day: Date): { week: string; monday: Date } {
  const weekday = (day.getUTCDay() + 6) % 7;
  const monday = new Date(day.getTime() - weekday * DAY_MS);
  const thursday = new Date(monday.getTime() + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(year, 0, 4));
  const firstMonday = new Date(firstThursday.getTime() - ((firstThursday.getUTCDay() + 6) % 7) * DAY_MS);
  const number = Math.round((monday.getTime() - firstMonday.getTime()) / (7 * DAY_MS)) + 1;
  return { week: `${year}-W${String(number).padStart(2, '0')}`, monday };
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const value =
    sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
  return Math.round(value);
}

/** The last `weeks` weeks up to `now`, oldest first, Kyrgyz and Russian for each. */
export function caseFigures(cases: readonly CaseHistory[], now: Date, weeks = 8): Figures {
  const current = isoWeek(belgradeDay(now));
  const rows: WeekFigures[] = [];
  const index = new Map<string, { row: WeekFigures; minutes: number[] }>();
  for (let n = weeks - 1; n >= 0; n--) {
    const monday = new Date(current.monday.getTime() - n * 7 * DAY_MS);
    const { week } = isoWeek(monday);
    for (const language of ['ky', 'ru'] as const) {
      const row: WeekFigures = {
        week,
        from: monday.toISOString().slice(0, 10),
        language,
        opened: 0,
        taken: 0,
        closed: 0,
        medianMinutesToTake: null,
      };
      rows.push(row);
      index.set(`${week}:${language}`, { row, minutes: [] });
    }
  }
  for (const item of cases) {
    const opened = new Date(item.openedAt);
    if (Number.isNaN(opened.getTime())) continue;
    const entry = index.get(`${isoWeek(belgradeDay(opened)).week}:${item.language}`);
    if (!entry) continue;
    entry.row.opened++;
    const taken = item.events.find((event) => event.kind === 'taken');
    if (taken) {
      entry.row.taken++;
      entry.minutes.push(Math.max(0, (Date.parse(taken.at) - opened.getTime()) / 60_000));
    }
    if (item.events.some((event) => event.kind === 'closed')) entry.row.closed++;
  }
  for (const { row, minutes } of index.values()) row.medianMinutesToTake = median(minutes);
  return { now: now.toISOString(), weeks: rows };
}
