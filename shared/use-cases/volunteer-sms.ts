// Use case: one text from a volunteer's phone (a command), answered once even when Twilio retries.
// A lost race (two volunteers taking one case) reads again and answers with what happened.

import type { Outgoing } from '../cases/caller-case.js';
import {
  decideVolunteerText,
  type VolunteerTextDecision,
  type VolunteerTextInput,
} from '../cases/volunteer-case.js';
import { parseVolunteerCommand } from '../cases/volunteer-commands.js';
import type { Clock } from '../clock.js';
import { checkPin, type PinGuard } from '../limits/pin-guard.js';
import { isAllowedDestination } from '../limits/settings.js';
import type { Logger } from '../logger.js';
import { noticesFor } from '../messages/volunteer.js';
import { CaseChangedError, type CaseStore } from '../ports/case-store.js';
import type { RecordingEraser } from '../ports/recordings.js';
import { DuplicateVolunteerMessageError, type VolunteerInbox } from '../ports/volunteer-inbox.js';
import { jitter } from '../retry.js';
import { activeCoordinators, type Volunteer, volunteerRecipient } from '../volunteers/volunteer.js';
import { type InlineAnswer, splitDeliveries } from './deliveries.js';
import { forgetRecordings } from './receive-sms.js';

export interface VolunteerSmsPorts {
  inbox: VolunteerInbox;
  cases: Pick<CaseStore, 'listOpen' | 'eraseTrail'>;
  clock: Clock;
  dedupeSeconds?: number;
  /** Deletes a closed case's voicemail recordings from Twilio. */
  recordings?: RecordingEraser | undefined;
  log?: Logger | undefined;
  /** The PIN lockout (shared/limits/pin-guard.ts) for TAKE. */
  pins?: PinGuard | undefined;
  /** Texts only to these countries by SMS (ALLOWED_COUNTRY_CODES); absent: anywhere. */
  allowedCountryCodes?: readonly string[] | undefined;
  /**
   * TwiML from the hotline number; a caller on Telegram or the Serbian SIM is answered through the outbox.
   * Absent when the command came to the SIM: every answer is queued.
   */
  inline: InlineAnswer | undefined;
}

export interface VolunteerText {
  volunteer: Volunteer;
  roster: readonly Volunteer[];
  messageSid: string;
  body: string;
  hotline: string;
  /**
   * The channel the command came on; the volunteer's own answers go back on it. SMS by default; on
   * Telegram, the chat they linked (no PIN on TAKE: a chat cannot be shown falsely, as a number can).
   */
  channel?: 'sms' | 'sms-gateway' | 'telegram' | undefined;
}

export interface VolunteerSmsOutcome {
  twiml: string;
  outcome: VolunteerTextDecision['outcome'] | 'retry';
}

const MAX_ATTEMPTS = 8;

export async function receiveVolunteerSms(
  ports: VolunteerSmsPorts,
  text: VolunteerText,
): Promise<VolunteerSmsOutcome> {
  const command = parseVolunteerCommand(text.body);
  const code = 'code' in command ? command.code : undefined;
  let pin: VolunteerTextInput['pin'];
  let lockNotices: Outgoing[] = [];
  for (let attempt = 1; ; attempt++) {
    const { handled, target } = await ports.inbox.load(text.volunteer.volunteerId, text.messageSid, code);
    if (handled) return { twiml: handled.replyTwiml, outcome: 'retry' };
    const now = ports.clock.now();
    // Checked once per message, with the lockout shared with the dialback PIN.
    if (pin === undefined && command.kind === 'take' && text.channel === 'telegram') pin = 'ok';
    if (pin === undefined && command.kind === 'take' && text.volunteer.pinHash && text.volunteer.active) {
      if (!command.pin || !ports.pins) pin = command.pin ? 'ok' : 'missing';
      else {
        const check = await checkPin(ports.pins, text.volunteer, command.pin, now);
        pin =
          check.result === 'ok'
            ? 'ok'
            : check.result === 'wrong'
              ? 'wrong'
              : { lockedMinutes: check.minutes };
        if (check.result === 'now_locked') {
          ports.log?.warn('volunteer.pin_locked', { volunteer: text.volunteer.volunteerId });
          lockNotices = noticesFor(activeCoordinators(text.roster), (t) =>
            t.pinLocked(text.volunteer.name, check.minutes),
          ).map(({ volunteer, body }) => ({ body, to: volunteerRecipient(volunteer) }));
        }
      }
    }
    const openCases = command.kind === 'list' ? await ports.cases.listOpen() : undefined;
    const decided = decideVolunteerText({
      volunteer: text.volunteer,
      command,
      target,
      openCases,
      roster: text.roster,
      now,
      pin,
    });
    const allowed =
      (ports.allowedCountryCodes ?? undefined)
        ? [...decided.messages, ...lockNotices].filter((m) =>
            isAllowedDestination(
              m.to?.phone ?? text.volunteer.phone,
              ports.allowedCountryCodes ?? [],
              m.to?.channel,
            ),
          )
        : [...decided.messages, ...lockNotices];
    const sender =
      text.channel === 'telegram' && text.volunteer.telegramChatId
        ? { phone: text.volunteer.telegramChatId, channel: 'telegram' as const }
        : { phone: text.volunteer.phone, channel: text.channel ?? 'sms' };
    const deliveries = splitDeliveries(allowed, sender, ports.inline, text.messageSid);
    const twiml = ports.inline ? ports.inline.render(deliveries.inline) : '';
    const record = {
      code,
      messageSid: text.messageSid,
      replyTwiml: twiml,
      // A day covers Twilio's retries; a record beside a case can name the caller, so not longer.
      expiresAt: Math.floor(now.getTime() / 1000) + (ports.dedupeSeconds ?? 86_400),
    };
    try {
      await ports.inbox.save(text.volunteer.volunteerId, record, {
        caseChange: decided.caseChange,
        outbox: deliveries.outbox,
      });
      // A closed case keeps nothing of the caller, and neither do the answered messages beside it (a
      // retried CLOSE then just hears that the case is closed).
      if (decided.outcome === 'closed' && code) await ports.cases.eraseTrail(code);
      await forgetRecordings(ports, decided.forgetRecordings);
      return { twiml, outcome: decided.outcome };
    } catch (error) {
      const retry = error instanceof CaseChangedError || error instanceof DuplicateVolunteerMessageError;
      if (!retry || attempt >= MAX_ATTEMPTS) throw error;
      await jitter(attempt);
    }
  }
}
