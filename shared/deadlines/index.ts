// The deadline engine: pure functions over calendar days and injected instants, no I/O and no clock.

export {
  addDays,
  addMonths,
  compareLocalDates,
  daysBetween,
  InvalidInstantError,
  InvalidLocalDateError,
  instantAt,
  isLocalDate,
  type LocalDate,
  type LocalTime,
  localDateIn,
  localTimeIn,
  parseLocalDate,
  type TimeZone,
} from './calendar.js';
export { type PermitMilestone, type PermitMilestoneKind, permitMilestones } from './permit.js';
export { registrationDeadline, registrationLastDay } from './registration.js';
export {
  nextDeliveryInstant,
  planReminders,
  type Reminder,
  type ReminderInput,
  type ReminderKind,
} from './reminder-plan.js';
export { deadlineRules, type RuleSource } from './rules.js';
export {
  InvalidStayError,
  type InvalidStayReason,
  maxStayIfEnteringOn,
  type Stay,
  type StayAllowance,
  type VisaFreeStatus,
  visaFreeStatus,
} from './visa-free.js';
