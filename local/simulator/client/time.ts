// Time as the people of the hotline read it: Belgrade's wall clock, day.month.year. The hotline stores
// and computes in UTC; shifts and reminders are Belgrade time, and so is everything the page shows. The
// wall clock comes from the deadline engine's own calendar (shared/deadlines/calendar.ts, Intl only).
import { instantAt, isLocalDate, type LocalDate, localTimeIn } from '../../../shared/deadlines/calendar.js';

const ZONE = 'Europe/Belgrade';
const two = (n: number) => String(n).padStart(2, '0');

interface WallClock {
  /** `2026-11-25` */
  date: LocalDate;
  hour: string;
  minute: string;
  second: string;
}

/** Belgrade's wall clock at this instant, the time as two-digit fields. */
function belgradeWall(date: Date): WallClock {
  const local = localTimeIn(date, ZONE);
  return { date: local.date, hour: two(local.hour), minute: two(local.minute), second: two(local.second) };
}

/** `25.11.2026 12:00`: the instant in Belgrade, day.month.year and the 24-hour clock. */
export function belgradeTime(at: Date | string): string {
  const date = typeof at === 'string' ? new Date(at) : at;
  if (Number.isNaN(date.getTime())) return String(at);
  const w = belgradeWall(date);
  const [year, month, day] = w.date.split('-');
  return `${day}.${month}.${year} ${w.hour}:${w.minute}`;
}

/** The value of a `datetime-local` input showing this instant in Belgrade (`2026-11-25T12:00`). */
export function belgradeInputValue(date: Date): string {
  const w = belgradeWall(date);
  return `${w.date}T${w.hour}:${w.minute}`;
}

/** Minutes Belgrade is ahead of UTC at this instant (60 in winter, 120 in summer). */
function offsetMinutes(date: Date): number {
  const local = localTimeIn(date, ZONE);
  const wallMs = (local.hour * 3_600 + local.minute * 60 + local.second) * 1000;
  const [year, month, day] = local.date.split('-').map(Number) as [number, number, number];
  const asUtc = Date.UTC(year, month - 1, day) + wallMs;
  return Math.round((asUtc - Math.floor(date.getTime() / 1000) * 1000) / 60_000);
}

/**
 * The instant a Belgrade wall-clock time (`2026-11-25T12:00`, as a `datetime-local` input gives it) names;
 * undefined for anything else.
 */
export function fromBelgrade(value: string): Date | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})/.exec(value);
  const date = match?.[1];
  if (!match || !date || !isLocalDate(date)) return undefined;
  return instantAt(date, Number(match[2]), Number(match[3]), ZONE);
}

/** "yyyy-MM-dd'T'HH:mm:ss.SSSXXX" in Belgrade, as the Serbian SIM's phone writes its dates (Gson). */
export function gsonDate(date: Date): string {
  const w = belgradeWall(date);
  const offset = offsetMinutes(date);
  const sign = offset < 0 ? '-' : '+';
  const hours = two(Math.floor(Math.abs(offset) / 60));
  const minutes = two(Math.abs(offset) % 60);
  const zone = offset === 0 ? 'Z' : `${sign}${hours}:${minutes}`;
  const millis = String(date.getUTCMilliseconds()).padStart(3, '0');
  return `${w.date}T${w.hour}:${w.minute}:${w.second}.${millis}${zone}`;
}
