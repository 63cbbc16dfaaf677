// Every legal number the deadline engine uses, with where it was found. The sources are public pages that
// may be stale, so each entry carries `verifyWithLegalPartner: true`: a reviewer corrects a number here and
// no code changes. `basis` tells a reviewer whether a number is the law as we read it or a choice of ours.

export interface RuleSource {
  readonly title: string;
  readonly url?: string;
}

interface Rule {
  readonly basis: 'law' | 'hotline-policy';
  readonly verifyWithLegalPartner: true;
  readonly sources: readonly RuleSource[];
}

export const visaFreeStay = {
  basis: 'law',
  verifyWithLegalPartner: true,
  maxDaysPresent: 90,
  windowDays: 180,
  // No Serbian source says how entry and exit days count. The EU rule counts both and looks back from
  // every single day; that reading is never more generous than counting from the first entry, so a
  // reminder built on it cannot come too late. The literal type makes a change here a compile error in
  // visa-free.ts, where the counting would have to change too.
  countsEntryAndExitDays: true,
  sources: [
    {
      title: 'Serbian Ministry of Foreign Affairs, "Kyrgyz Republic": no visa for up to 90 days in 6 months',
      url: 'https://www.mfa.rs',
    },
    {
      title: 'Law on Foreigners, 2023 amendments: 90 days in any 180-day period, no reset by "visa runs"',
      url: 'https://cvjeticaninlegal.com',
    },
    { title: 'welcometoserbia.org, summary of the 2023 amendments', url: 'https://welcometoserbia.org' },
    { title: 'European Commission short-stay calculator manual (counting of entry and exit days)' },
    { title: 'Swiss State Secretariat for Migration (SEM), calculation rules for the 90/180-day stay' },
  ],
} as const satisfies Rule & Record<string, unknown>;

export const policeRegistration = {
  basis: 'law',
  verifyWithLegalPartner: true,
  // Counted from arrival in Serbia or at a new address; to be repeated after every new entry.
  withinHours: 24,
  sources: [
    {
      title: 'Serbian Ministry of Foreign Affairs, "Stay in Serbia" ("bela karta")',
      url: 'https://www.mfa.rs',
    },
  ],
} as const satisfies Rule & Record<string, unknown>;

export const residentAddressChange = {
  basis: 'law',
  verifyWithLegalPartner: true,
  // Recorded for completeness: no reminder uses it yet, because callers tell us about entries, not moves.
  withinDays: 3,
  sources: [{ title: 'Summary of the 2018 Law on Foreigners', url: 'https://capernaum.rs' }],
} as const satisfies Rule & Record<string, unknown>;

export const permitExtension = {
  basis: 'law',
  verifyWithLegalPartner: true,
  // The police page says "3 months before expiry". Three calendar months are 89 to 92 days, so the
  // engine announces the window on the later of the two readings: it never says "you can apply now"
  // on a day the window might still be closed.
  windowOpensMonthsBeforeExpiry: 3,
  windowOpensDaysBeforeExpiry: 90,
  // The newer police page accepts applications up to the expiry date; the older one asked for 30 days
  // before. We remind at the older, safer date as well.
  safeDeadlineDaysBeforeExpiry: 30,
  sources: [
    { title: 'Ministry of Interior, "Привремени боравак"', url: 'https://mup.rs' },
    { title: 'Ministry of Interior, older temporary-residence page', url: 'https://mup.gov.rs' },
    { title: 'vp.rs, temporary residence guide (2023)', url: 'https://vp.rs' },
  ],
} as const satisfies Rule & Record<string, unknown>;

export const permitReminders = {
  basis: 'hotline-policy',
  verifyWithLegalPartner: true,
  // A week is the least in which a caller can still book a police appointment and gather documents.
  lastReminderDaysBeforeExpiry: 7,
  sources: [{ title: 'Hotline design: remind at the window, at the old safe deadline and close to expiry' }],
} as const satisfies Rule & Record<string, unknown>;

export const visaFreeReminders = {
  basis: 'hotline-policy',
  verifyWithLegalPartner: true,
  // Days before the last lawful day. 14: time to buy a bus or plane ticket at a normal price and hand over
  // a job and a room. 7: a second chance when the first SMS went to a shared or switched-off phone.
  // 2: a last alert that still leaves a spare day to reach the border if a bus is missed or full.
  leadDays: [14, 7, 2],
  sources: [{ title: 'Hotline design: reminder lead times for the visa-free stay' }],
} as const satisfies Rule & Record<string, unknown>;

export const deliveryWindow = {
  basis: 'hotline-policy',
  verifyWithLegalPartner: true,
  // Migrants work shifts and share rooms: an SMS at night wakes people and gets the hotline blocked.
  // The window is half-open: 20:00 itself is already quiet.
  timeZone: 'Europe/Belgrade',
  startHour: 9,
  endHour: 20,
  sources: [{ title: 'Hotline design: deliver reminders only between 09:00 and 20:00 Serbian time' }],
} as const satisfies Rule & Record<string, unknown>;

/** All rules in one object, for a reviewer's listing or an admin page. */
export const deadlineRules = {
  visaFreeStay,
  policeRegistration,
  residentAddressChange,
  permitExtension,
  permitReminders,
  visaFreeReminders,
  deliveryWindow,
} as const;
