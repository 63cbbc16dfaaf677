// Use case: one request of a voice call (the incoming call or a keypad answer), answered once even when
// Twilio posts the same step again. Load → decide (pure, conversation/ivr.ts) → save when something changes.
//
// Reads and writes per step: one BatchGet (profile + "was this step answered already?"); a step that
// changes something (language, entry date, an SMS sent) adds one transaction, the profile and the
// answered step together. A withheld number costs nothing: it has no caller id to read or write.
import { createHash } from 'node:crypto';
import { usageKeys } from '../adapters/dynamodb/keys.js';
import { type Caller, isKyrgyzNumber, type Language, recordContact } from '../callers/caller.js';
import type { Clock } from '../clock.js';
import { keptStays, planSeries, todayIn } from '../conversation/caller-dates.js';
import {
  type CallProof,
  decideCall,
  type IvrInput,
  type IvrOutcome,
  type IvrReply,
} from '../conversation/ivr.js';
import type { Limits } from '../limits/guard.js';
import { dayOf, hourOf, isBlocking, windowExpiry } from '../limits/windows.js';
import type { Logger } from '../logger.js';
import {
  type CallerStore,
  ConcurrentCallerUpdateError,
  DuplicateMessageError,
} from '../ports/caller-store.js';
import { CaseChangedError, type CaseStore } from '../ports/case-store.js';
import { type Notifier, SmsRejectedError } from '../ports/notifier.js';
import type { RosterReader } from '../ports/roster.js';
import { type ReminderPlans, withReminders } from '../reminders/reminder-changes.js';
import { jitter } from '../retry.js';
import { rejectTwiml } from '../voice/ivr-twiml.js';
import type { TransferInput, TransferPlan } from './volunteer-call.js';

export interface CallStep {
  callSid: string;
  /** How this call proves it holds the number it shows (a code by SMS); absent: trusted. */
  proof?: CallProof | undefined;
  /** The number the caller rang (Twilio's `To`): shown to volunteers when the call is handed over. */
  hotline?: string | undefined;
  /** Set when the number is shown: the caller's id (hash) and E.164 number. */
  caller?: { callerId: string; phone: string } | undefined;
  input: IvrInput;
}

export interface AnswerCallPorts {
  callers: CallerStore;
  notifier: Notifier;
  clock: Clock;
  /** IVR answer → TwiML (shared/voice/ivr-twiml.ts with the configuration bound). */
  render: (reply: IvrReply) => string;
  retentionDays: number;
  log: Logger;
  /** How long an answered step is remembered for a repeated request; a call lasts minutes. */
  dedupeSeconds?: number;
  /** Handing a call to volunteers (the IVR's "talk to a person"). */
  volunteers: {
    cases: CaseStore;
    roster: RosterReader;
    /** planTransfer with the configuration and code generator bound. */
    plan: (input: Omit<TransferInput, 'config' | 'newCode'>) => TransferPlan;
    /** The voicemail TwiML for a case (a withheld call past the hour's cases). */
    voicemail?: ((code: string, language: Language, lead: IvrReply['speech']) => string) | undefined;
    /** A new case code (for the hour's shared case of withheld calls). */
    newCode?: (() => string) | undefined;
  };
  /** Budgets and the block list (shared/limits); absent in pure tests. */
  limits?: Limits | undefined;
}

export interface CallOutcome {
  twiml: string;
  outcome:
    | IvrOutcome
    | 'replay'
    | 'sms_failed'
    | 'transfer_ringing'
    | 'transfer_voicemail'
    | 'withheld_overflow'
    | 'blocked';
  /** Whether this step wrote (one transaction); a replay or a read-only step did not. */
  saved: boolean;
}

const MAX_ATTEMPTS = 8;
const DEFAULT_DEDUPE_SECONDS = 86_400;

export async function answerCall(ports: AnswerCallPorts, step: CallStep): Promise<CallOutcome> {
  if (!step.caller) {
    const now = ports.clock.now();
    const reply = decideCall(step.input, { identified: false, kyrgyzNumber: false }, now);
    if (reply.transfer) {
      // A withheld number: a case the volunteers can answer live or by voicemail, never text or call back.
      // Remembered by the step, so a Twilio retry neither opens a second case nor rings everyone again.
      const { cases } = ports.volunteers;
      const key = stepKey(step);
      const answered = await cases.withheldStep(key);
      if (answered) return { twiml: answered.replyTwiml, outcome: 'replay', saved: false };
      const overflow = await withheldOverflow(ports, reply, now, key);
      if (overflow) return overflow;
      const roster = await ports.volunteers.roster.list();
      const expiresAt = Math.floor(now.getTime() / 1000) + (ports.dedupeSeconds ?? DEFAULT_DEDUPE_SECONDS);
      // A new code on every round: a collision with a case already open under that code tries another.
      for (let attempt = 1; ; attempt++) {
        const plan = ports.volunteers.plan({
          language: reply.transfer.language,
          roster,
          now,
          hotline: step.hotline ?? '',
          speech: reply.speech,
        });
        try {
          await cases.saveNewWithWithheldStep(plan.next, {
            messageSid: key,
            replyTwiml: plan.twiml,
            expiresAt,
          });
          return { twiml: plan.twiml, outcome: transferOutcome(plan), saved: true };
        } catch (error) {
          if (!(error instanceof CaseChangedError)) throw error;
          // The same step answered by a racing retry: its answer. Otherwise the code was taken.
          const raced = await cases.withheldStep(key);
          if (raced) return { twiml: raced.replyTwiml, outcome: 'replay', saved: false };
          if (attempt >= MAX_ATTEMPTS) throw error;
        }
      }
    }
    return { twiml: ports.render(reply), outcome: reply.outcome, saved: false };
  }
  const { callerId, phone } = step.caller;
  const key = stepKey(step);
  for (let attempt = 1; ; attempt++) {
    const { caller, handled, blocked } = await ports.callers.loadForMessage(callerId, key);
    if (handled) return { twiml: handled.replyTwiml, outcome: 'replay', saved: false };
    // A blocked number is refused before it is answered: Twilio bills no minute for a rejected call.
    if (isBlocking(blocked, ports.clock.now())) {
      return { twiml: rejectTwiml(step.input.kind === 'call'), outcome: 'blocked', saved: false };
    }

    const now = ports.clock.now();
    const reply = decideCall(
      step.input,
      { identified: true, kyrgyzNumber: isKyrgyzNumber(phone), profile: caller, proof: step.proof },
      now,
    );
    if (reply.transfer) {
      const transferred = await transfer(ports, step, caller, reply.transfer.language, reply, now, key);
      if (transferred) return transferred;
      if (attempt >= MAX_ATTEMPTS) throw new ConcurrentCallerUpdateError();
      await jitter(attempt);
      continue;
    }
    const twiml = ports.render(reply);
    const { effect } = reply;
    if (effect.kind === 'none') return { twiml, outcome: reply.outcome, saved: false };

    // A voice caller who never texted gets reminders and replies by SMS on the number they call from.
    const contacted = recordContact(
      caller,
      { callerId, phone, channel: caller?.channel ?? 'sms' },
      now,
      ports.retentionDays,
    );
    let changed: Caller = contacted;
    let plans: ReminderPlans = {};
    if (effect.kind === 'set_language') changed = { ...contacted, language: effect.language };
    if (effect.kind === 'set_entry') {
      // The finished trips the SMS line kept still count; one the new entry overlaps is dropped.
      const earlier = keptStays(contacted.earlierStays ?? [], effect.entryDate, todayIn(now));
      changed = {
        ...contacted,
        entryDate: effect.entryDate,
        earlierStays: earlier.length > 0 ? earlier : undefined,
      };
      // As the SMS line does: the same date again keeps its plan; after STOP nothing is planned.
      if (caller?.entryDate !== effect.entryDate) {
        plans = {
          entry: contacted.optedOut ? [] : planSeries('entry', effect.entryDate, now, earlier),
        };
      }
    }
    const { next, changes } = withReminders(changed, plans);
    const expiresAt = Math.floor(now.getTime() / 1000) + (ports.dedupeSeconds ?? DEFAULT_DEDUPE_SECONDS);
    try {
      // For an SMS this is the claim: written before sending, so a repeated step never sends twice.
      await ports.callers.saveAfterMessage(
        next,
        caller?.version,
        { messageSid: key, replyTwiml: twiml, expiresAt },
        changes,
      );
    } catch (error) {
      const retry = error instanceof ConcurrentCallerUpdateError || error instanceof DuplicateMessageError;
      if (!retry || attempt >= MAX_ATTEMPTS) throw error;
      await jitter(attempt);
      continue;
    }
    if (effect.kind !== 'send_sms') return { twiml, outcome: reply.outcome, saved: true };
    try {
      // A few SMS per number and day: a forged caller id cannot pump texts to someone else's number.
      if (ports.limits) {
        const kind = effect.purpose === 'code' ? 'ivrCodes' : 'ivrSms';
        const limit =
          effect.purpose === 'code'
            ? ports.limits.settings.ivrCodesPerDay
            : ports.limits.settings.ivrSmsPerDay;
        const day = await ports.limits.counters.add(
          usageKeys.callerDay(callerId, dayOf(now)),
          { [kind]: 1 },
          windowExpiry(now, 86_400),
        );
        if ((day[kind] ?? 0) > limit) throw new SmsRejectedError('DailyLimit', false);
        const hour = await ports.limits.counters.add(
          usageKeys.ivrHour(hourOf(now)),
          { sms: 1 },
          windowExpiry(now, 3600),
        );
        if ((hour.sms ?? 0) > ports.limits.settings.ivrSmsPerHour)
          throw new SmsRejectedError('HourlyLimit', false);
        // And all day: a pumping flood that keeps at it hour after hour stops at the day's total.
        const total = await ports.limits.counters.add(
          usageKeys.ivrDay(dayOf(now)),
          { sms: 1 },
          windowExpiry(now, 86_400),
        );
        if ((total.sms ?? 0) > ports.limits.settings.ivrSmsTotalPerDay)
          throw new SmsRejectedError('DailyTotalLimit', false);
      }
      await ports.notifier.sendSms({
        to: phone,
        body: effect.body,
        idempotencyKey: `voice:${callerId}:${key}`,
      });
      return { twiml, outcome: reply.outcome, saved: true };
    } catch (error) {
      // Only the error's name and code: never the number or the text.
      ports.log.warn('voice.sms_failed', { purpose: effect.purpose, error: errorName(error) });
      const failed = ports.render(effect.failedReply ?? { ...reply, speech: effect.failedSpeech });
      // A replay of this step must say what happened, not "SMS sent". Best effort: the step's record was
      // written before sending, and a failure here leaves the earlier wording.
      try {
        await ports.callers.replaceReply(callerId, key, failed);
      } catch (replaceError) {
        ports.log.warn('voice.replay_not_updated', { error: errorName(replaceError) });
      }
      return { twiml: failed, outcome: 'sms_failed', saved: true };
    }
  }
}

/**
 * Hands the call to volunteers: the caller's open case (or a new one) and the ringing or voicemail TwiML,
 * written with the caller (who now has the case) and the answered step in one transaction. Undefined
 * after a lost race: read again.
 */
async function transfer(
  ports: AnswerCallPorts,
  step: CallStep,
  caller: Caller | undefined,
  language: Language,
  reply: IvrReply,
  now: Date,
  key: string,
): Promise<CallOutcome | undefined> {
  const { callerId, phone } = step.caller ?? { callerId: '', phone: '' };
  const { cases, roster } = ports.volunteers;
  const current = caller?.openCase ? await cases.get(caller.openCase) : undefined;
  const contacted = recordContact(
    caller,
    { callerId, phone, channel: caller?.channel ?? 'sms' },
    now,
    ports.retentionDays,
  );
  const plan = ports.volunteers.plan({
    current,
    caller: {
      callerId,
      phone,
      channel: contacted.channel,
      latin: contacted.latin,
      optedOut: contacted.optedOut,
      expiresAt: contacted.expiresAt,
    },
    language,
    roster: await roster.list(),
    now,
    hotline: step.hotline ?? '',
    speech: reply.speech,
  });
  const expiresAt = Math.floor(now.getTime() / 1000) + (ports.dedupeSeconds ?? DEFAULT_DEDUPE_SECONDS);
  try {
    await ports.callers.saveAfterMessage(
      { ...contacted, openCase: plan.next.code },
      caller?.version,
      { messageSid: key, replyTwiml: plan.twiml, expiresAt },
      undefined,
      { caseChange: { next: plan.next, readVersion: plan.readVersion } },
    );
  } catch (error) {
    if (error instanceof ConcurrentCallerUpdateError || error instanceof DuplicateMessageError)
      return undefined;
    throw error;
  }
  return { twiml: plan.twiml, outcome: transferOutcome(plan), saved: true };
}

/**
 * Past the hour's cases from withheld numbers, a withheld caller is offered voicemail on the hour's one
 * shared case (created by the first such call), and nobody is rung: 200 calls make one case, not 200.
 */
async function withheldOverflow(
  ports: AnswerCallPorts,
  reply: IvrReply,
  now: Date,
  key: string,
): Promise<CallOutcome | undefined> {
  const { limits } = ports;
  const { cases, voicemail, newCode } = ports.volunteers;
  if (!limits || !voicemail || !newCode || !reply.transfer) return undefined;
  const { counts, claimed } = await limits.counters.addAndClaim(
    usageKeys.withheldHour(hourOf(now)),
    { cases: 1 },
    'overflowCase',
    newCode(),
    windowExpiry(now, 3600),
  );
  if ((counts.cases ?? 0) <= limits.settings.withheldCasesPerHour) return undefined;
  const existing = await cases.get(claimed);
  if (existing?.status === 'closed') return undefined;
  const { language } = reply.transfer;
  const twiml = voicemail(claimed, language, reply.speech);
  if (!existing) {
    const plan = ports.volunteers.plan({
      language,
      roster: [],
      now,
      hotline: '',
      speech: reply.speech,
      code: claimed,
      shared: true,
    });
    try {
      await cases.saveNewWithWithheldStep(plan.next, {
        messageSid: key,
        replyTwiml: twiml,
        expiresAt: Math.floor(now.getTime() / 1000) + (ports.dedupeSeconds ?? DEFAULT_DEDUPE_SECONDS),
      });
    } catch (error) {
      // Another withheld call opened it first: the same voicemail, on the same case.
      if (!(error instanceof CaseChangedError)) throw error;
    }
  }
  return { twiml, outcome: 'withheld_overflow', saved: !existing };
}

function transferOutcome(plan: TransferPlan): CallOutcome['outcome'] {
  return plan.rung > 0 ? 'transfer_ringing' : 'transfer_voicemail';
}

/**
 * The idempotency key of one step of one call. The turn makes every action URL of a call unique, so
 * a key repeats only when Twilio posts the very same step again; the keys pressed are part of it too.
 */
export function stepKey(step: Pick<CallStep, 'callSid' | 'input'>): string {
  if (step.input.kind === 'call') return `${step.callSid}:0:call`;
  const { route, digits } = step.input;
  // A typed code is not kept in the table, even in a key: its hash tells the same request apart.
  const keys =
    route.step === 'verify' ? createHash('sha256').update(digits).digest('hex').slice(0, 16) : digits;
  return `${step.callSid}:${route.turn}:${route.step}:${keys}`;
}

function errorName(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error) return String(error.code);
  return error instanceof Error ? error.name : 'unknown';
}
