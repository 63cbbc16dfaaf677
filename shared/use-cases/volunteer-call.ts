// Use cases of calls that reach volunteers: the IVR's "talk to a person" (ring the volunteers on shift,
// or voicemail), the whisper a volunteer answers with 1, the end of the ringing, the voicemail and its
// link by SMS, and a volunteer's dialback by case code. Every `<Dial>` shows the hotline's number.

import type { Channel, Language } from '../callers/caller.js';
import { minutesAfter } from '../cases/caller-case.js';
import { type Case, isCaseCode, openCase, takeCase, withEvent } from '../cases/case.js';
import type { Clock } from '../clock.js';
import type { HotlineConfig } from '../config.js';
import { checkPin, type PinCheck, type PinGuard } from '../limits/pin-guard.js';
import type { Logger } from '../logger.js';
import { noticesFor, textsFor, volunteerSpeech } from '../messages/volunteer.js';
import { CaseChangedError, type CaseStore } from '../ports/case-store.js';
import type { Notifier } from '../ports/notifier.js';
import { RECORDING_SID } from '../ports/recordings.js';
import type { RosterReader } from '../ports/roster.js';
import { composePrompt, type SpeechSegment } from '../voice/speech.js';
import {
  type CallSettings,
  dialbackAskTwiml,
  dialbackTwiml,
  ringVolunteersTwiml,
  spokenEndTwiml,
  voicemailTwiml,
  volunteerSaysTwiml,
  whisperTwiml,
} from '../voice/volunteer-twiml.js';
import {
  activeCoordinators,
  nextShiftStart,
  onShiftFor,
  pinMatches,
  type Volunteer,
} from '../volunteers/volunteer.js';

/** A taken case whose volunteer left the roster or was paused. */
function ownerGone(current: Case, roster: readonly Volunteer[]): boolean {
  return current.status === 'taken' && !roster.some((v) => v.volunteerId === current.volunteerId && v.active);
}

/** Twilio rings at most ten numbers at once in one `<Dial>`. */
export const MAX_DIALLED = 10;

export type CallConfig = Pick<HotlineConfig, 'PUBLIC_BASE_URL' | 'PROMPTS_BASE_URL'> &
  CallSettings & { renotifyMinutes: number };

export interface TransferInput {
  /** The caller's open case, if any (a closed one counts as none). */
  current?: Case | undefined;
  /** Undefined for a withheld number: the case has no number to text or call back. */
  caller?:
    | {
        callerId: string;
        phone: string;
        channel: Channel;
        latin: boolean;
        optedOut: boolean;
        expiresAt: number;
      }
    | undefined;
  language: Language;
  roster: readonly Volunteer[];
  now: Date;
  /** The number the caller rang (Twilio's `To`), shown to the volunteers instead of the caller's. */
  hotline: string;
  speech: SpeechSegment[];
  newCode: () => string;
  /** The code a new case takes instead of a fresh one (the hour's shared case of withheld calls). */
  code?: string | undefined;
  /** The new case is the hour's shared case of withheld calls (Case.shared). */
  shared?: boolean | undefined;
  config: CallConfig;
}

export interface TransferPlan {
  next: Case;
  readVersion: number | undefined;
  twiml: string;
  /** Volunteers rung; 0 means straight to voicemail. */
  rung: number;
}

/**
 * The case this call belongs to (the caller's open one, or a new one) and what the caller hears: the
 * case's own volunteer if it has one, else everyone on shift with the language, else the voicemail.
 */
export function planTransfer(input: TransferInput): TransferPlan {
  const { now, roster, language, config } = input;
  const current = input.current?.status === 'closed' ? undefined : input.current;
  const owner =
    current?.status === 'taken' ? roster.find((v) => v.volunteerId === current.volunteerId) : undefined;
  const ring = owner?.active ? [owner] : onShiftFor(roster, language, now, MAX_DIALLED);
  // Without the number the caller rang, a <Dial> would show the caller's own number: voicemail instead.
  const rung = input.hotline ? ring : [];

  let base: Case;
  if (current) {
    base = { ...current, expiresAt: Math.max(current.expiresAt, input.caller?.expiresAt ?? 0) };
  } else {
    const opened = openCase(
      {
        code: input.code ?? input.newCode(),
        caller: input.caller
          ? { callerId: input.caller.callerId, phone: input.caller.phone, channel: input.caller.channel }
          : undefined,
        language,
        latin: input.caller?.latin ?? false,
        mayText: input.caller !== undefined && !input.caller.optedOut,
        source: 'voice',
        expiresAt: input.caller?.expiresAt ?? Math.floor(now.getTime() / 1000) + 30 * 86_400,
        shared: input.shared,
      },
      now,
    );
    base = opened;
  }
  const isNew = current === undefined;
  const chase =
    base.status === 'open' && isNew
      ? rung.length > 0
        ? { notifyRound: 1, nextActionAt: minutesAfter(now, config.renotifyMinutes) }
        : { nextActionAt: (nextShiftStart(roster, language, now) ?? now).toISOString() }
      : {};
  const next =
    rung.length > 0
      ? withEvent(base, { kind: 'call_offered', count: rung.length }, now, chase)
      : withEvent(base, { kind: 'waiting_for_shift' }, now, chase);
  const twiml =
    rung.length > 0
      ? ringVolunteersTwiml(config, {
          speech: input.speech,
          code: next.code,
          language,
          numbers: rung.map((v) => v.phone),
          hotline: input.hotline,
        })
      : voicemailTwiml(config, { code: next.code, language });
  return { next, readVersion: isNew ? undefined : current.version, twiml, rung: rung.length };
}

export interface VolunteerCallPorts {
  cases: CaseStore;
  roster: RosterReader;
  notifier: Notifier;
  clock: Clock;
  log: Logger;
  config: CallConfig;
}

export interface VoiceAnswer {
  twiml: string;
  outcome: string;
}

/** The whisper to whoever picked up: which case, which language, press 1. */
export function whisper(config: CallConfig, code: string, language: Language): VoiceAnswer {
  return { twiml: whisperTwiml(config, code, language), outcome: 'whisper' };
}

/** The volunteer pressed a key during the whisper: 1 takes the case and connects; anything else declines. */
export async function acceptWhisper(
  ports: VolunteerCallPorts,
  input: { code: string; digits: string; volunteerPhone: string },
): Promise<VoiceAnswer> {
  const decline = {
    twiml: volunteerSaysTwiml(volunteerSpeech.notAccepted(), { hangup: true }),
    outcome: 'declined',
  };
  if (input.digits !== '1' || !isCaseCode(input.code)) return decline;
  const roster = await ports.roster.list();
  const volunteer = roster.find((v) => v.phone === input.volunteerPhone && v.active);
  if (!volunteer) return decline;
  for (let attempt = 1; attempt <= 5; attempt++) {
    const current = await ports.cases.get(input.code);
    if (!current) return decline;
    const now = ports.clock.now();
    const taken = takeCase(current, volunteer.volunteerId, now, ownerGone(current, roster));
    if (taken.kind === 'closed') return decline;
    if (taken.kind === 'taken_by_other') {
      return {
        twiml: volunteerSaysTwiml(volunteerSpeech.takenByOther(), { hangup: true }),
        outcome: 'taken_by_other',
      };
    }
    const base = taken.kind === 'taken' ? taken.next : current;
    const next = withEvent(base, { kind: 'call_connected', volunteerId: volunteer.volunteerId }, now);
    try {
      await ports.cases.save({ ...next, version: current.version + 1 }, current.version);
      if (taken.kind === 'taken') await handOver(ports, volunteer, current);
      return {
        twiml: volunteerSaysTwiml(volunteerSpeech.connecting(), { hangup: false }),
        outcome: 'connected',
      };
    } catch (error) {
      if (!(error instanceof CaseChangedError)) throw error;
    }
  }
  return decline;
}

/**
 * The ringing ended. Connected and talked: goodbye. Nobody accepted (no answer, busy, a whisper not
 * accepted, a personal voicemail that picked up): the hotline's own voicemail.
 */
export async function dialEnded(
  ports: Pick<VolunteerCallPorts, 'cases' | 'config'>,
  input: { code: string; language: Language },
): Promise<VoiceAnswer> {
  const current = isCaseCode(input.code) ? await ports.cases.get(input.code) : undefined;
  const kinds = current?.events.map((e) => e.kind) ?? [];
  const connected = kinds.lastIndexOf('call_connected') > kinds.lastIndexOf('call_offered');
  if (connected || !current) {
    return {
      twiml: spokenEndTwiml(ports.config, composePrompt(input.language, 'goodbye')),
      outcome: 'call_ended',
    };
  }
  return {
    twiml: voicemailTwiml(ports.config, { code: current.code, language: input.language }),
    outcome: 'voicemail_offered',
  };
}

/**
 * A voicemail was recorded: its link goes by SMS to the case's volunteer, or those on shift with the
 * language, or the coordinators. Recorded once per call even when Twilio posts again.
 */
export async function voicemailLeft(
  ports: VolunteerCallPorts,
  input: {
    code: string;
    language: Language;
    callSid: string;
    recordingUrl?: string | undefined;
    /** Kept with the case, so closing it deletes the recording from Twilio. */
    recordingSid?: string | undefined;
    seconds: number;
  },
): Promise<VoiceAnswer> {
  const saved = spokenEndTwiml(ports.config, composePrompt(input.language, 'voicemail_saved'));
  if (!isCaseCode(input.code) || !input.recordingUrl || !/^https?:\/\//.test(input.recordingUrl)) {
    return {
      twiml: spokenEndTwiml(ports.config, composePrompt(input.language, 'goodbye')),
      outcome: 'no_recording',
    };
  }
  const stepKey = `voicemail:${input.callSid}`;
  for (let attempt = 1; attempt <= 5; attempt++) {
    const { found, handled } = await ports.cases.getWithStep(input.code, stepKey);
    if (handled) return { twiml: handled.replyTwiml, outcome: 'replay' };
    if (!found) return { twiml: saved, outcome: 'no_case' };
    const now = ports.clock.now();
    const roster = await ports.roster.list();
    const owner =
      found.status === 'taken'
        ? roster.find((v) => v.volunteerId === found.volunteerId && v.active)
        : undefined;
    const onShift = onShiftFor(roster, found.language, now);
    // A case taking voicemail after voicemail texts its volunteers about the first few of the hour, not
    // every one: the recordings stay with the case. The hour's shared case of withheld calls (a flood, by
    // then) texts none of them one by one while nobody has taken it: the chase tells the volunteers how
    // many wait, as one digest (shared/cases/chase.ts), and goes on to the coordinators as for any case.
    const pooled = found.shared === true && found.status === 'open';
    const quiet = pooled || recentVoicemails(found, now) >= VOICEMAIL_NOTICES_PER_HOUR;
    const told = quiet ? [] : owner ? [owner] : onShift.length > 0 ? onShift : activeCoordinators(roster);
    const sid = input.recordingSid && RECORDING_SID.test(input.recordingSid) ? [input.recordingSid] : [];
    // A shared case the chase had let go (no voicemail yet when it looked) is chased again now.
    const rearm = pooled && !found.nextActionAt && found.notifyRound < 3;
    const next = withEvent(found, { kind: 'voicemail', count: told.length }, now, {
      recordingSids: [...found.recordingSids, ...sid],
      ...(rearm ? { nextActionAt: now.toISOString() } : {}),
    });
    try {
      await ports.cases.saveWithStep(next, found.version, {
        messageSid: stepKey,
        replyTwiml: saved,
        expiresAt: Math.floor(now.getTime() / 1000) + 86_400,
      });
    } catch (error) {
      if (error instanceof CaseChangedError) continue;
      throw error;
    }
    const link = `${input.recordingUrl}.mp3`;
    // Each in the language they read; one body per language.
    const notices = noticesFor(told, (t) =>
      t.voicemail(found.code, found.language, link, Math.round(input.seconds)),
    );
    for (const { volunteer, body } of notices) {
      try {
        await ports.notifier.sendSms({
          to: volunteer.phone,
          body,
          idempotencyKey: `${stepKey}:${volunteer.volunteerId}`,
        });
      } catch (error) {
        ports.log.warn('voice.voicemail_notice_failed', {
          case: found.code,
          volunteer: volunteer.volunteerId,
          error: (error as Error).name,
        });
      }
    }
    return { twiml: saved, outcome: 'voicemail_saved' };
  }
  return { twiml: saved, outcome: 'voicemail_contended' };
}

/** Voicemails on one case in an hour that each text its volunteers; later ones are kept without a text. */
export const VOICEMAIL_NOTICES_PER_HOUR = 3;

function recentVoicemails(current: Case, now: Date): number {
  const since = now.getTime() - 3_600_000;
  return current.events.filter((e) => e.kind === 'voicemail' && Date.parse(e.at) > since).length;
}

/**
 * A case taken by phone: what the caller wrote before (their first words, held messages) reaches the
 * volunteer by SMS, as TAKE hands it over by text. Once: the case kept them only until this take.
 */
async function handOver(ports: VolunteerCallPorts, volunteer: Volunteer, before: Case): Promise<void> {
  for (const [index, held] of before.waiting.entries()) {
    try {
      await ports.notifier.sendSms({
        to: volunteer.phone,
        body: textsFor(volunteer).heldMessage(before.code, held),
        idempotencyKey: `handover:${before.code}:${before.version}:${index}`,
      });
    } catch (error) {
      ports.log.warn('voice.handover_failed', { case: before.code, error: (error as Error).name });
    }
  }
}

const MAX_DIALBACK_TRIES = 3;

/**
 * A volunteer rang the hotline from their own phone. A caller id can be faked, so their PIN comes first;
 * without one set, no dialback.
 */
export function dialbackAsk(config: CallConfig, volunteer: Volunteer): VoiceAnswer {
  if (!volunteer.pinHash) {
    return {
      twiml: volunteerSaysTwiml(volunteerSpeech.noPin(), { hangup: true }),
      outcome: 'dialback_no_pin',
    };
  }
  return {
    twiml: dialbackAskTwiml(config, volunteerSpeech.pinAsk(volunteer.name), 0, 'pin'),
    outcome: 'dialback_pin_ask',
  };
}

/**
 * The PIN typed: on to the case code, or ask again; three wrong PINs end the call. Five wrong in a row,
 * across calls, lock the PIN for a while (shared/limits/pin-guard.ts) and the coordinators are told.
 */
export async function dialbackPin(
  ports: Pick<VolunteerCallPorts, 'config' | 'notifier' | 'roster' | 'clock' | 'log'> & {
    pins?: PinGuard | undefined;
  },
  input: { volunteer: Volunteer; digits: string; failures: number },
): Promise<VoiceAnswer> {
  const { config } = ports;
  const now = ports.clock.now();
  const check: PinCheck = ports.pins
    ? await checkPin(ports.pins, input.volunteer, input.digits, now)
    : pinMatches(input.digits, input.volunteer.pinHash)
      ? { result: 'ok' }
      : { result: 'wrong', left: MAX_DIALBACK_TRIES };
  if (check.result === 'ok') {
    return {
      twiml: dialbackAskTwiml(config, volunteerSpeech.dialbackAsk(input.volunteer.name), 0, 'code'),
      outcome: 'dialback_ask',
    };
  }
  if (check.result === 'locked' || check.result === 'now_locked') {
    if (check.result === 'now_locked') await tellCoordinatorsPinLocked(ports, input.volunteer, check.minutes);
    return {
      twiml: volunteerSaysTwiml(volunteerSpeech.pinLocked(), { hangup: true }),
      outcome: 'dialback_pin_locked',
    };
  }
  const failures = input.failures + 1;
  if (failures >= MAX_DIALBACK_TRIES) {
    return {
      twiml: volunteerSaysTwiml(`${volunteerSpeech.pinWrong()} ${volunteerSpeech.callEnded()}`, {
        hangup: true,
      }),
      outcome: 'dialback_pin_refused',
    };
  }
  return {
    twiml: dialbackAskTwiml(
      config,
      `${volunteerSpeech.pinWrong()} ${volunteerSpeech.pinAsk(input.volunteer.name)}`,
      failures,
      'pin',
    ),
    outcome: 'dialback_pin_wrong',
  };
}

/** Every active coordinator hears that a PIN locked (by SMS, in the language they read). */
export async function tellCoordinatorsPinLocked(
  ports: Pick<VolunteerCallPorts, 'notifier' | 'roster' | 'log' | 'clock'>,
  volunteer: Volunteer,
  minutes: number,
): Promise<void> {
  const coordinators = activeCoordinators(await ports.roster.list());
  const stamp = ports.clock.now().toISOString();
  for (const { volunteer: coordinator, body } of noticesFor(coordinators, (t) =>
    t.pinLocked(volunteer.name, minutes),
  )) {
    try {
      await ports.notifier.sendSms({
        to: coordinator.phone,
        body,
        idempotencyKey: `pin-locked:${volunteer.volunteerId}:${stamp}:${coordinator.volunteerId}`,
      });
    } catch (error) {
      ports.log.warn('volunteer.pin_notice_failed', {
        volunteer: volunteer.volunteerId,
        error: (error as Error).name,
      });
    }
  }
  ports.log.warn('volunteer.pin_locked', { volunteer: volunteer.volunteerId, minutes });
}

/** The code typed: connect the volunteer to the case's caller, the hotline's number shown to the caller. */
export async function dialback(
  ports: VolunteerCallPorts,
  input: { volunteer: Volunteer; digits: string; failures: number; hotline: string },
): Promise<VoiceAnswer> {
  const again = (why: Parameters<typeof volunteerSpeech.dialbackRefused>[0]): VoiceAnswer => {
    const failures = input.failures + 1;
    const said = volunteerSpeech.dialbackRefused(why);
    if (failures >= MAX_DIALBACK_TRIES)
      return {
        twiml: volunteerSaysTwiml(`${said} ${volunteerSpeech.callEnded()}`, { hangup: true }),
        outcome: `refused_${why}`,
      };
    return {
      twiml: dialbackAskTwiml(
        ports.config,
        `${said} ${volunteerSpeech.tryAgain()} ${volunteerSpeech.dialbackAsk(input.volunteer.name)}`,
        failures,
      ),
      outcome: `refused_${why}`,
    };
  };
  if (!isCaseCode(input.digits)) return again('not_found');
  for (let attempt = 1; attempt <= 5; attempt++) {
    const current = await ports.cases.get(input.digits);
    if (!current) return again('not_found');
    if (current.status === 'closed') return again('closed');
    if (!current.callerPhone || !input.hotline) return again('no_number');
    const now = ports.clock.now();
    const taken = takeCase(
      current,
      input.volunteer.volunteerId,
      now,
      ownerGone(current, await ports.roster.list()),
    );
    if (taken.kind === 'taken_by_other' && !input.volunteer.coordinator) return again('not_yours');
    const base = taken.kind === 'taken' ? taken.next : current;
    const next = withEvent(base, { kind: 'dialback', volunteerId: input.volunteer.volunteerId }, now);
    try {
      await ports.cases.save({ ...next, version: current.version + 1 }, current.version);
    } catch (error) {
      if (error instanceof CaseChangedError) continue;
      throw error;
    }
    if (taken.kind === 'taken') await handOver(ports, input.volunteer, current);
    return {
      twiml: dialbackTwiml({
        text: volunteerSpeech.dialbackConnecting(current.code),
        hotline: input.hotline,
        callerPhone: current.callerPhone,
        ringSeconds: ports.config.ringSeconds,
      }),
      outcome: 'dialback',
    };
  }
  return again('not_found');
}
