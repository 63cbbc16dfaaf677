// Turns a caller's dates into the SMS reminders still worth sending. Ids are built from the deadline
// they serve, so planning again after a date change yields a fresh set of ids that replaces the old plan,
// and planning again with unchanged dates yields the very same ids.

import {
  addDays,
  InvalidInstantError,
  instantAt,
  type LocalDate,
  localTimeIn,
  parseLocalDate,
} from './calendar.js';
import { type PermitMilestoneKind, permitMilestones } from './permit.js';
import { registrationDeadline, registrationLastDay } from './registration.js';
import { deliveryWindow, visaFreeReminders } from './rules.js';
import { type Stay, visaFreeStatus } from './visa-free.js';

export type ReminderKind =
  | 'visa-free-stay-ends'
  | 'police-registration'
  | 'permit-extension-window-opens'
  | 'permit-safe-deadline'
  | 'permit-expires-soon';

export interface Reminder {
  /** Deterministic, e.g. `visa:2026-06-09:d14`; the store must not send an id twice. */
  readonly id: string;
  readonly kind: ReminderKind;
  /** ISO-8601 instant inside the delivery window. */
  readonly dueAt: string;
  /** The day the reminder is about: last lawful day, registration day or permit expiry. */
  readonly deadline: LocalDate;
  /** Stands in for earlier reminders of the same deadline that were never delivered. */
  readonly catchUp: boolean;
}

export interface ReminderInput {
  /** Entry day of the caller's current visa-free stay; they are in Serbia now. */
  readonly entry?: LocalDate;
  /** Earlier, finished trips, when the caller told us: they shorten the current stay. */
  readonly earlierStays?: readonly Stay[];
  /** Exact arrival in Serbia or at a new address, when known; otherwise `entry` gives the day only. */
  readonly arrivedAt?: Date;
  readonly permitExpiry?: LocalDate;
  /** Ids already sent; without it every reminder in the past counts as missed. */
  readonly delivered?: ReadonlySet<string>;
}

const { timeZone, startHour, endHour } = deliveryWindow;

/** The first instant at or after `instant` inside the delivery window (09:00–20:00 Europe/Belgrade). */
export function nextDeliveryInstant(instant: Date): Date {
  const local = localTimeIn(instant, timeZone);
  if (local.hour < startHour) return instantAt(local.date, startHour, 0, timeZone);
  if (local.hour >= endHour) return instantAt(addDays(local.date, 1), startHour, 0, timeZone);
  return new Date(instant.getTime());
}

/** Every reminder still to send, ordered by due time. `now` is the planning clock, not the wall clock. */
export function planReminders(input: ReminderInput, now: Date): Reminder[] {
  if (!Number.isFinite(now.getTime())) throw new InvalidInstantError();
  const today = localTimeIn(now, timeZone).date;
  const delivered = input.delivered ?? new Set<string>();
  const series: ReminderSeries[] = [];

  if (input.entry !== undefined) {
    const visaFree = visaFreeSeries([...(input.earlierStays ?? []), { entry: input.entry }], today);
    if (visaFree) series.push(visaFree);
  }
  if (input.arrivedAt !== undefined) {
    series.push(exactRegistrationSeries(input.arrivedAt, now));
  } else if (input.entry !== undefined) {
    series.push(registrationDaySeries(input.entry, now));
  }
  if (input.permitExpiry !== undefined) series.push(permitSeries(input.permitExpiry));

  return series
    .flatMap((one) => planSeries(one, now, delivered))
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.id.localeCompare(b.id));
}

/** The reminders that serve one deadline; a catch-up is decided per series. */
interface ReminderSeries {
  readonly idPrefix: string;
  readonly deadline: LocalDate;
  /** Nothing is worth sending from this instant on. */
  readonly endsAt: Date;
  readonly steps: readonly { readonly idSuffix: string; readonly kind: ReminderKind; readonly dueAt: Date }[];
}

function visaFreeSeries(stays: readonly Stay[], today: LocalDate): ReminderSeries | null {
  const status = visaFreeStatus(stays, today);
  // An overstay is a case for a volunteer, not a countdown: no reminder can make the stay lawful again.
  if (!status.inSerbia || status.overstayed) return null;
  const { lastLawfulDay } = status;
  return {
    idPrefix: `visa:${lastLawfulDay}`,
    deadline: lastLawfulDay,
    endsAt: endOfDay(lastLawfulDay),
    steps: visaFreeReminders.leadDays.map((lead) => ({
      idSuffix: `d${lead}`,
      kind: 'visa-free-stay-ends' as const,
      dueAt: openingOf(addDays(lastLawfulDay, -lead)),
    })),
  };
}

function exactRegistrationSeries(arrivedAt: Date, now: Date): ReminderSeries {
  const dueBy = registrationDeadline(arrivedAt);
  return {
    idPrefix: `registration:${arrivedAt.toISOString()}`,
    deadline: localTimeIn(dueBy, timeZone).date,
    endsAt: dueBy,
    steps: [{ idSuffix: 'now', kind: 'police-registration', dueAt: laterInstant(now, arrivedAt) }],
  };
}

function registrationDaySeries(entry: LocalDate, now: Date): ReminderSeries {
  // Without the hour of arrival, remind while registration might still be on time.
  const lastDay = registrationLastDay(entry);
  return {
    idPrefix: `registration:${entry}`,
    deadline: lastDay,
    endsAt: endOfDay(lastDay),
    steps: [{ idSuffix: 'now', kind: 'police-registration', dueAt: laterInstant(now, startOfDay(entry)) }],
  };
}

const PERMIT_STEPS: Partial<Record<PermitMilestoneKind, { idSuffix: string; kind: ReminderKind }>> = {
  'extension-window-opens': { idSuffix: 'window-opens', kind: 'permit-extension-window-opens' },
  'safe-deadline': { idSuffix: 'safe-deadline', kind: 'permit-safe-deadline' },
  'last-reminder': { idSuffix: 'last-reminder', kind: 'permit-expires-soon' },
};

function permitSeries(permitExpiry: LocalDate): ReminderSeries {
  const expiry = parseLocalDate(permitExpiry);
  return {
    idPrefix: `permit:${expiry}`,
    deadline: expiry,
    endsAt: endOfDay(expiry),
    steps: permitMilestones(expiry).flatMap((milestone) => {
      const step = PERMIT_STEPS[milestone.kind];
      return step ? [{ ...step, dueAt: openingOf(milestone.date) }] : [];
    }),
  };
}

function planSeries(series: ReminderSeries, now: Date, delivered: ReadonlySet<string>): Reminder[] {
  const nowMs = now.getTime();
  if (nowMs >= series.endsAt.getTime()) return [];
  const remind = (idSuffix: string, kind: ReminderKind, dueAt: Date, catchUp: boolean): Reminder => ({
    id: `${series.idPrefix}:${idSuffix}`,
    kind,
    dueAt: dueAt.toISOString(),
    deadline: series.deadline,
    catchUp,
  });

  const steps = series.steps
    .map((step) => ({ ...step, dueAt: nextDeliveryInstant(step.dueAt) }))
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  const missed = steps.filter(
    (step) => step.dueAt.getTime() < nowMs && !delivered.has(`${series.idPrefix}:${step.idSuffix}`),
  );
  const upcoming = steps.filter(
    (step) => step.dueAt.getTime() >= nowMs && step.dueAt.getTime() < series.endsAt.getTime(),
  );
  const plan = upcoming.map((step) => remind(step.idSuffix, step.kind, step.dueAt, false));

  const latestMissed = missed.at(-1);
  const catchUpAt = nextDeliveryInstant(now);
  const nextRegular = upcoming[0];
  // One catch-up, carrying the kind of the latest missed step because that says where the caller stands
  // now. It is left out when a regular reminder goes out no later anyway, or would arrive too late.
  if (
    latestMissed &&
    catchUpAt.getTime() < series.endsAt.getTime() &&
    (!nextRegular || nextRegular.dueAt.getTime() > catchUpAt.getTime())
  ) {
    plan.unshift(remind('catch-up', latestMissed.kind, catchUpAt, true));
  }
  return plan.filter((reminder) => !delivered.has(reminder.id));
}

function openingOf(day: LocalDate): Date {
  return instantAt(day, startHour, 0, timeZone);
}

function startOfDay(day: LocalDate): Date {
  return instantAt(day, 0, 0, timeZone);
}

function endOfDay(day: LocalDate): Date {
  return startOfDay(addDays(day, 1));
}

function laterInstant(a: Date, b: Date): Date {
  return a.getTime() >= b.getTime() ? a : b;
}
