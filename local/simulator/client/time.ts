// Time as the people of the hotline read it: Belgrade's wall clock, day.month.year. The hotline stores
// and computes in UTC; shifts and reminders are Belgrade time, and so is everything the page shows.
const ZONE = 'Europe/Belgrade';

interface WallClock {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
  second: string;
}

const wallFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** Belgrade's wall clock at this instant, as two-digit fields (a four-digit year). */
export function belgradeWall(date: Date): WallClock {
  const parts = wallFormat.formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return {
    year: part('year'),
    month: part('month'),
    day: part('day'),
    hour: part('hour'),
    minute: part('minute'),
    second: part('second'),
  };
}

/** `25.11.2026 12:00`: the instant in Belgrade, day.month.year and the 24-hour clock. */
export function belgradeTime(at: Date | string): string {
  const date = typeof at === 'string' ? new Date(at) : at;
  if (Number.isNaN(date.getTime())) return String(at);
  const w = belgradeWall(date);
  return `${w.day}.${w.month}.${w.year} ${w.hour}:${w.minute}`;
}

/** The value of a `datetime-local` input showing this instant in Belgrade (`2026-11-25T12:00`). */
export function belgradeInputValue(date: Date): string {
  const w = belgradeWall(date);
  return `${w.year}-${w.month}-${w.day}T${w.hour}:${w.minute}`;
}

/** Minutes Belgrade is ahead of UTC at this instant (60 in winter, 120 in summer). */
function offsetMinutes(date: Date): number {
  const w = belgradeWall(date);
  const asUtc = Date.UTC(+w.year, +w.month - 1, +w.day, +w.hour, +w.minute, +w.second);
  return Math.round((asUtc - Math.floor(date.getTime() / 1000) * 1000) / 60_000);
}

/**
 * The instant a Belgrade wall-clock time (`2026-11-25T12:00`, as a `datetime-local` input gives it) names;
 * undefined for anything else. In the autumn hour that happens twice, the first.
 */
export function fromBelgrade(value: string): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value);
  if (!match) return undefined;
  const [, year, month, day, hour, minute] = match.map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  let utc = wall - offsetMinutes(new Date(wall)) * 60_000;
  utc = wall - offsetMinutes(new Date(utc)) * 60_000;
  return new Date(utc);
}

/** "yyyy-MM-dd'T'HH:mm:ss.SSSXXX" in Belgrade, as the Serbian SIM's phone writes its dates (Gson). */
export function gsonDate(date: Date): string {
  const w = belgradeWall(date);
  const offset = offsetMinutes(date);
  const sign = offset < 0 ? '-' : '+';
  const hours = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
  const minutes = String(Math.abs(offset) % 60).padStart(2, '0');
  const zone = offset === 0 ? 'Z' : `${sign}${hours}:${minutes}`;
  const millis = String(date.getUTCMilliseconds()).padStart(3, '0');
  return `${w.year}-${w.month}-${w.day}T${w.hour}:${w.minute}:${w.second}.${millis}${zone}`;
}
