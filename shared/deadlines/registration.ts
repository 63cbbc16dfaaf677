// Police registration ("bela karta"): within 24 hours of arriving in Serbia or at a new address.

import { addDays, InvalidInstantError, type LocalDate, parseLocalDate } from './calendar.js';
import { policeRegistration } from './rules.js';

const HOUR_MS = 3_600_000;

/** The moment registration is due, when the caller knows when they arrived. */
export function registrationDeadline(arrivedAt: Date): Date {
  const arrival = arrivedAt.getTime();
  if (!Number.isFinite(arrival)) throw new InvalidInstantError();
  return new Date(arrival + policeRegistration.withinHours * HOUR_MS);
}

/**
 * The last day registration can be due when only the arrival day is known: 24 hours after any moment
 * of that day end on the day itself or the next one.
 */
export function registrationLastDay(arrivalDay: LocalDate): LocalDate {
  return addDays(parseLocalDate(arrivalDay), Math.ceil(policeRegistration.withinHours / 24));
}
