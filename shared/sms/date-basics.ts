// What the IVR and the reminders need of dates without the SMS date parser (dates.ts re-exports both),
// so their bundles stay small.

/** How far back an entry date may lie, in days: further is a typo or a stay long over. */
export const ENTRY_LOOKBACK_DAYS = 366;

/** `2026-03-12` → `12.03.2026`, the form callers read and type. */
export function formatDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-');
  return `${day}.${month}.${year}`;
}
