// Key grammar of every entity in the hotline table. Handlers and stores never build keys by hand.
// Everything about one caller sits under one partition (`CALLER#<callerId>`), so erasure is one query.

export interface ItemKey {
  pk: string;
  sk: string;
}

const callerPartition = (callerId: string) => `CALLER#${callerId}`;

export const callerKeys = {
  partition: callerPartition,
  profile: (callerId: string): ItemKey => ({ pk: callerPartition(callerId), sk: 'PROFILE' }),
  /** One per handled Twilio message: a retried webhook finds it and gets the same reply. */
  inboundMessage: (callerId: string, messageSid: string): ItemKey => ({
    pk: callerPartition(callerId),
    sk: `MSG#${messageSid}`,
  }),
  /** One planned reminder; the id comes from the deadline engine (`visa:2026-06-09:d14`). */
  reminder: (callerId: string, reminderId: string): ItemKey => ({
    pk: callerPartition(callerId),
    sk: `REMINDER#${reminderId}`,
  }),
};

/** The volunteer roster: one small partition, read whole with one query. */
export const rosterKeys = {
  partition: 'ROSTER',
  volunteer: (volunteerId: string): ItemKey => ({ pk: 'ROSTER', sk: `VOLUNTEER#${volunteerId}` }),
  /** The Telegram chat a volunteer linked, beside their entry (a roster change never overwrites it). */
  telegramPrefix: 'TELEGRAM#',
  telegram: (volunteerId: string): ItemKey => ({ pk: 'ROSTER', sk: `TELEGRAM#${volunteerId}` }),
  /** A volunteer's handled SMS (a Twilio retry gets the same reply). */
  inboundMessage: (volunteerId: string, messageSid: string): ItemKey => ({
    pk: `VOLUNTEER#${volunteerId}`,
    sk: `MSG#${messageSid}`,
  }),
};

/**
 * A case (a caller's request for a person), by its short code. Its handled-step records (voice steps,
 * voicemail) share the partition, so closing it after an erasure removes them all in one query.
 */
export const caseKeys = {
  partition: (code: string) => `CASE#${code}`,
  item: (code: string): ItemKey => ({ pk: `CASE#${code}`, sk: 'CASE' }),
  step: (code: string, key: string): ItemKey => ({ pk: `CASE#${code}`, sk: `STEP#${key}` }),
  /**
   * Open cases sit in one partition of the `due` index, sorted by when they next need attention
   * (a reminder to volunteers, the coordinators). A case nobody needs to chase sorts after every date.
   */
  openPartition: 'CASES#OPEN',
};

/** An answered step of a call from a withheld number: no caller partition to keep it in. */
export const withheldCallKeys = {
  step: (stepKey: string): ItemKey => ({ pk: `CALL#${stepKey}`, sk: 'STEP' }),
};

/**
 * After an erasure nothing about the caller is left, yet a Twilio retry of the erasing message must
 * get the same answer and must not recreate the caller: a short-lived record keyed by the message alone.
 */
export const erasureKeys = {
  byMessage: (messageSid: string): ItemKey => ({ pk: `ERASED#${messageSid}`, sk: 'ERASED' }),
};

/**
 * Keys of the `due` index. A pending reminder carries them; sending removes `duePk`, so the sparse index
 * holds only what is still to send. Partitioned by UTC day, so a sweep reads a few days' partitions
 * and its cost grows with what is due, never with the number of callers.
 */
export const dueIndexKeys = {
  partitionFor: (dueAtIso: string) => `DUE#${dueAtIso.slice(0, 10)}`,
  of: (dueAtIso: string) => ({ duePk: dueIndexKeys.partitionFor(dueAtIso), dueAt: dueAtIso }),
};

/**
 * Usage counters for the limits (shared/limits). A caller's sit in their partition, so erasure takes them
 * too; the rest (the day's spend, withheld calls, a volunteer's wrong PINs) sit under `LIMITS`. Each
 * window is its own item with a TTL: a counter is one atomic ADD, never a scan.
 */
export const usageKeys = {
  /** One clock hour of a caller: texts per minute, replies, "not understood" answers. */
  callerHour: (callerId: string, hour: string): ItemKey => ({
    pk: callerPartition(callerId),
    sk: `USAGE#H#${hour}`,
  }),
  /** One UTC day of a caller: SMS and codes the IVR sent. */
  callerDay: (callerId: string, day: string): ItemKey => ({
    pk: callerPartition(callerId),
    sk: `USAGE#D#${day}`,
  }),
  /** The hotline's estimated spend on texts in one UTC day. */
  spendDay: (day: string): ItemKey => ({ pk: 'LIMITS', sk: `SPEND#${day}` }),
  /** SMS the IVR sent in one clock hour, all numbers together. */
  ivrHour: (hour: string): ItemKey => ({ pk: 'LIMITS', sk: `IVR#${hour}` }),
  /** SMS the IVR sent in one UTC day, all numbers together. */
  ivrDay: (day: string): ItemKey => ({ pk: 'LIMITS', sk: `IVR#D#${day}` }),
  /** Cases opened by withheld calls in one clock hour. */
  withheldHour: (hour: string): ItemKey => ({ pk: 'LIMITS', sk: `WITHHELD#${hour}` }),
  /** A volunteer's wrong dialback PINs in a row, across calls. */
  pin: (volunteerId: string): ItemKey => ({ pk: 'LIMITS', sk: `PIN#${volunteerId}` }),
};

/**
 * Numbers that get no answer: added by coordinators (`npm run admin -- blocklist`) or for a while after a
 * flood. Keyed by caller id (the number's keyed hash), in one partition so the list is one query.
 */
export const blockKeys = {
  partition: 'BLOCKLIST',
  entry: (callerId: string): ItemKey => ({ pk: 'BLOCKLIST', sk: callerId }),
};

/**
 * A message waiting in the outbox, one partition each (`OUTBOX#<id>`, the id its idempotency key): the
 * table's stream hands each new one to the outbox sender, which deletes it once sent.
 */
export const outboxKeys = {
  prefix: 'OUTBOX#',
  message: (id: string): ItemKey => ({ pk: `OUTBOX#${id}`, sk: 'MESSAGE' }),
};

/** The Serbian SIM's phone: when it last reported (any signed webhook, `system:ping` included). */
export const gatewayKeys = {
  health: (): ItemKey => ({ pk: 'GATEWAY', sk: 'HEALTH' }),
};

/**
 * The volunteers' console: one sign-in item per phone number tried (by its keyed hash, so a number that is
 * not on the roster leaves no number behind), one item per session (by the hash of its token), and the
 * access log beside each case, kept as long as the case (erasing the case's trail leaves it).
 */
export const consoleKeys = {
  signIn: (subject: string): ItemKey => ({ pk: 'CONSOLE', sk: `SIGNIN#${subject}` }),
  session: (sessionHash: string): ItemKey => ({ pk: `SESSION#${sessionHash}`, sk: 'SESSION' }),
  accessPrefix: 'ACCESS#',
  access: (code: string, id: string): ItemKey => ({ pk: `CASE#${code}`, sk: `ACCESS#${id}` }),
  /** Passkeys by the SHA-256 of their credential id (an id may be longer than a sort key). */
  passkeyPrefix: 'PASSKEY#',
  passkey: (idHash: string): ItemKey => ({ pk: 'CONSOLE', sk: `PASSKEY#${idHash}` }),
  /** A code from the console that links the chat it is sent from to a volunteer (its SHA-256). */
  telegramLink: (codeHash: string): ItemKey => ({ pk: 'CONSOLE', sk: `TGLINK#${codeHash}` }),
  challenge: (challengeHash: string): ItemKey => ({ pk: 'CONSOLE', sk: `CHALLENGE#${challengeHash}` }),
  /** Sign-in requests from one source address (its keyed hash) in one clock hour. */
  sourceHour: (sourceHash: string, hour: string): ItemKey => ({
    pk: 'CONSOLE',
    sk: `SOURCE#${sourceHash}#${hour}`,
  }),
};

/** The IVR prompts recorded in the console's studio: one item per prompt, the partition read whole. */
export const promptKeys = {
  partition: 'PROMPTS',
  recording: (key: string): ItemKey => ({ pk: 'PROMPTS', sk: `RECORDING#${key}` }),
};
