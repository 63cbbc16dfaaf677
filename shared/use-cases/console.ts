// Use cases of the volunteers' console (functions/console.ts): sign-in by a code sent to the volunteer's
// own phone, sessions, the cases a volunteer may see, and the same commands as the SMS ones (take, reply,
// note, close) decided by the same pure rules (shared/cases/volunteer-case.ts). Every read and change of
// a case is recorded beside it, without the words.
import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { Outgoing } from '../cases/caller-case.js';
import { decideVolunteerText } from '../cases/volunteer-case.js';
import type { VolunteerCommand } from '../cases/volunteer-commands.js';
import type { Clock } from '../clock.js';
import type { CaseDetail, CaseList, CommandAnswer, Me } from '../console/api.js';
import { canText, caseDetail, caseSummary, mayView, meOf } from '../console/views.js';
import { isAllowedDestination } from '../limits/settings.js';
import type { Logger } from '../logger.js';
import { textsFor } from '../messages/volunteer.js';
import { CaseChangedError, type CaseStore } from '../ports/case-store.js';
import type { AccessAction, ConsoleStore } from '../ports/console-store.js';
import type { OutboundMessage } from '../ports/outbox.js';
import type { RecordingEraser } from '../ports/recordings.js';
import type { RosterReader } from '../ports/roster.js';
import { DuplicateVolunteerMessageError, type VolunteerInbox } from '../ports/volunteer-inbox.js';
import { jitter } from '../retry.js';
import type { Volunteer } from '../volunteers/volunteer.js';
import { forgetRecordings } from './receive-sms.js';

export const CONSOLE_LIMITS = {
  /** A code works this long. */
  codeMinutes: 10,
  /** Wrong codes for one number, after which tries are refused. */
  wrongCodes: 5,
  lockMinutes: 15,
  /** Codes sent to one number per UTC day: each is a text the NGO pays for. */
  codesPerDay: 5,
  /** A code asked for again within this time is not sent again (the first is on its way). */
  resendSeconds: 60,
  /** How long a session lasts from sign-in (a shift), whatever is done with it. */
  sessionHours: 12,
  /** Reads of one case by one volunteer are recorded once per this many minutes. */
  readBucketMinutes: 10,
  /**
   * Code requests and tries from one source address per clock hour (an office behind one address
   * signs a dozen volunteers in with room to spare); beyond it `429` until the hour is over.
   */
  signInsPerSourceHour: 60,
} as const;

export interface ConsolePorts {
  store: ConsoleStore;
  roster: RosterReader;
  inbox: VolunteerInbox;
  cases: Pick<CaseStore, 'get' | 'listOpen' | 'eraseTrail'>;
  clock: Clock;
  /** The caller hash key: numbers, codes and session tokens are keyed hashes under it. */
  hashKey: string;
  recordings?: RecordingEraser | undefined;
  allowedCountryCodes?: readonly string[] | undefined;
  log?: Logger | undefined;
}

const PHONE = /^\+[1-9]\d{7,14}$/;
export const isConsolePhone = (phone: string) => PHONE.test(phone);

export const keyed = (key: string, purpose: string, value: string) =>
  createHmac('sha256', key).update(`${purpose}:${value}`).digest('base64url');

/** The sign-in item's key: a keyed hash, so a number off the roster leaves no number behind. */
const subjectOf = (ports: Pick<ConsolePorts, 'hashKey'>, phone: string) =>
  keyed(ports.hashKey, 'console-subject', phone).slice(0, 32);
const codeHashOf = (ports: Pick<ConsolePorts, 'hashKey'>, subject: string, code: string) =>
  keyed(ports.hashKey, `console-code:${subject}`, code);

export const epochSeconds = (ms: number) => Math.floor(ms / 1000);

/**
 * Asks for a code. The same answer whoever asks (the caller of this cannot tell a roster number from
 * another); only an active volunteer's own phone gets a text, at most `codesPerDay` a day.
 */
export async function requestSignInCode(ports: ConsolePorts, phone: string): Promise<void> {
  const now = ports.clock.now().getTime();
  const subject = subjectOf(ports, phone);
  // The same reads for any number, on the roster or not: the answer's timing tells less.
  const [roster, state] = await Promise.all([ports.roster.list(), ports.store.signIn(subject)]);
  const volunteer = roster.find((v) => v.phone === phone && v.active);
  if (!volunteer) return;
  if (state.lockedUntil && state.lockedUntil > now) return;
  const since = state.codeSentAt === undefined ? undefined : now - state.codeSentAt;
  if (since !== undefined && since >= 0 && since < CONSOLE_LIMITS.resendSeconds * 1000) return;
  const day = new Date(now).toISOString().slice(0, 10);
  const sends = state.sendsDay === day ? state.sends : 0;
  if (sends >= CONSOLE_LIMITS.codesPerDay) {
    ports.log?.warn('console.code_limit', { volunteer: volunteer.volunteerId });
    return;
  }
  if (ports.allowedCountryCodes && !isAllowedDestination(phone, ports.allowedCountryCodes)) return;
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const message: OutboundMessage = {
    id: `console-code:${subject}:${now}`,
    channel: 'sms',
    to: volunteer.phone,
    body: textsFor(volunteer).consoleCode(code, CONSOLE_LIMITS.codeMinutes),
  };
  await ports.store.saveCode(
    subject,
    {
      ...state,
      codeHash: codeHashOf(ports, subject, code),
      codeExpiresAt: now + CONSOLE_LIMITS.codeMinutes * 60_000,
      codeSentAt: now,
      sendsDay: day,
      sends: sends + 1,
    },
    message,
    epochSeconds(now) + 86_400,
  );
  ports.log?.info('console.code_sent', { volunteer: volunteer.volunteerId });
}

/**
 * Counts a code request or try from this source address: one person with a list of volunteers' numbers
 * cannot lock them all out, or use up their codes, from one machine. The address is kept only as a
 * keyed hash, for the hour. Passkey sign-ins are not counted (they cannot be guessed).
 */
export async function countSourceTry(
  ports: ConsolePorts,
  sourceIp: string,
): Promise<{ ok: true } | { ok: false; retryAfterSeconds: number }> {
  const now = ports.clock.now();
  const hour = now.toISOString().slice(0, 13);
  const source = keyed(ports.hashKey, 'console-source', sourceIp).slice(0, 22);
  const tries = await ports.store.countSourceTry(source, hour, epochSeconds(now.getTime()) + 7_200);
  if (tries <= CONSOLE_LIMITS.signInsPerSourceHour) return { ok: true };
  if (tries === CONSOLE_LIMITS.signInsPerSourceHour + 1) ports.log?.warn('console.source_limit');
  const next = Date.parse(`${hour}:00:00.000Z`) + 3_600_000;
  return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((next - now.getTime()) / 1000)) };
}

export type VerifyResult =
  | { ok: true; token: string; me: Me; expiresAt: Date }
  | { ok: false; status: 401 }
  | { ok: false; status: 429; retryAfterSeconds: number };

/** Checks a code: each try is counted before it is compared, so a burst of guesses meets the lock too. */
export async function verifySignInCode(
  ports: ConsolePorts,
  phone: string,
  code: string,
): Promise<VerifyResult> {
  const now = ports.clock.now().getTime();
  const subject = subjectOf(ports, phone);
  const ttl = epochSeconds(now) + 86_400;
  const before = await ports.store.signIn(subject);
  if (before.lockedUntil && before.lockedUntil > now) {
    return { ok: false, status: 429, retryAfterSeconds: Math.ceil((before.lockedUntil - now) / 1000) };
  }
  if (before.lockedUntil) await ports.store.resetAttempts(subject, before.lockedUntil);
  const state = await ports.store.countAttempt(subject, ttl);
  if (state.attempts > CONSOLE_LIMITS.wrongCodes) {
    const until = now + CONSOLE_LIMITS.lockMinutes * 60_000;
    await ports.store.lock(subject, until, ttl);
    ports.log?.warn('console.sign_in_locked');
    return { ok: false, status: 429, retryAfterSeconds: CONSOLE_LIMITS.lockMinutes * 60 };
  }
  const expected = state.codeHash;
  const given = /^\d{6}$/.test(code) ? codeHashOf(ports, subject, code) : '';
  const matches =
    expected !== undefined &&
    given.length === expected.length &&
    timingSafeEqual(Buffer.from(given), Buffer.from(expected)) &&
    (state.codeExpiresAt ?? 0) > now;
  if (!matches) return { ok: false, status: 401 };
  const volunteer = (await ports.roster.list()).find((v) => v.phone === phone && v.active);
  if (!volunteer || !(await ports.store.consumeCode(subject, expected))) return { ok: false, status: 401 };
  return startSession(ports, volunteer, now);
}

/** A new session for a volunteer who has just proved who they are (a code or a passkey). */
export async function startSession(
  ports: ConsolePorts,
  volunteer: Volunteer,
  now: number,
): Promise<{ ok: true; token: string; me: Me; expiresAt: Date }> {
  const id = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now + CONSOLE_LIMITS.sessionHours * 3_600_000);
  await ports.store.createSession(sessionHash(id), {
    volunteerId: volunteer.volunteerId,
    createdAt: new Date(now).toISOString(),
    expiresAt: epochSeconds(expiresAt.getTime()),
  });
  ports.log?.info('console.signed_in', { volunteer: volunteer.volunteerId });
  return { ok: true, token: `${id}.${tokenSignature(ports, id)}`, me: meOf(volunteer), expiresAt };
}

const sessionHash = (id: string) => createHash('sha256').update(id).digest('hex');
const tokenSignature = (ports: Pick<ConsolePorts, 'hashKey'>, id: string) =>
  keyed(ports.hashKey, 'console-session', id).slice(0, 32);

/** The signed-in volunteer, if the token is genuine, its session live and the volunteer still active. */
export async function sessionVolunteer(
  ports: ConsolePorts,
  token: string | undefined,
): Promise<{ volunteer: Volunteer; roster: Volunteer[] } | undefined> {
  const [id, signature] = (token ?? '').split('.');
  if (!id || !signature || id.length !== 43) return undefined;
  const expected = tokenSignature(ports, id);
  if (signature.length !== expected.length || !timingSafeEqual(Buffer.from(signature), Buffer.from(expected)))
    return undefined;
  const session = await ports.store.session(sessionHash(id));
  if (!session || session.expiresAt * 1000 <= ports.clock.now().getTime()) return undefined;
  const roster = await ports.roster.list();
  const volunteer = roster.find((v) => v.volunteerId === session.volunteerId);
  // Pausing or removing a volunteer ends their sessions at once (the roster is read uncached), and a
  // coordinator's pause, number or role change ends them for good, even once they are back.
  if (!volunteer?.active) return undefined;
  if (volunteer.sessionsValidAfter && session.createdAt < volunteer.sessionsValidAfter) return undefined;
  return { volunteer, roster };
}

export async function signOut(ports: ConsolePorts, token: string | undefined): Promise<void> {
  const [id] = (token ?? '').split('.');
  if (id) await ports.store.deleteSession(sessionHash(id));
}

export async function listCases(
  ports: ConsolePorts,
  volunteer: Volunteer,
  roster: readonly Volunteer[],
): Promise<CaseList> {
  const now = ports.clock.now();
  const cases = (await ports.cases.listOpen(200)).filter(
    (c) => c.status !== 'closed' && mayView(volunteer, c),
  );
  return { now: now.toISOString(), cases: cases.map((c) => caseSummary(c, volunteer, roster, now)) };
}

/** One case and its thread, or undefined when it is unknown, closed or in another language. */
export async function readCase(
  ports: ConsolePorts,
  volunteer: Volunteer,
  roster: readonly Volunteer[],
  code: string,
): Promise<CaseDetail | undefined> {
  const target = await ports.cases.get(code);
  if (!target || target.status === 'closed' || !mayView(volunteer, target)) return undefined;
  const now = ports.clock.now();
  const bucket = Math.floor(now.getTime() / (CONSOLE_LIMITS.readBucketMinutes * 60_000));
  await ports.store.recordAccess(
    code,
    { at: now.toISOString(), volunteerId: volunteer.volunteerId, action: 'read' },
    target.expiresAt,
    `read#${bucket}`,
  );
  const access = volunteer.coordinator ? await ports.store.accessLog(code) : undefined;
  return caseDetail(target, volunteer, roster, now, access);
}

export type ConsoleCommand =
  | { kind: 'take' }
  | { kind: 'reply'; text: string }
  | { kind: 'note'; text: string }
  | { kind: 'close' };

export type CommandResult =
  | { ok: true; answer: CommandAnswer }
  | {
      ok: false;
      status: 400 | 403 | 404 | 409 | 422;
      error:
        | 'bad_request'
        | 'not_allowed'
        | 'not_found'
        | 'conflict'
        | 'cannot_text'
        | 'whatsapp_window_closed';
      message: string;
    };

const MAX_ATTEMPTS = 8;

/**
 * A console command on a case, with the SMS commands' rules. Answers meant for the volunteer become the
 * HTTP answer; texts to the caller (or anyone else) go through the outbox in the same transaction as the
 * case change. `requestId` makes a retried request (the same Lambda request) change nothing twice.
 */
export async function runCaseCommand(
  ports: ConsolePorts,
  session: { volunteer: Volunteer; roster: readonly Volunteer[] },
  code: string,
  command: ConsoleCommand,
  requestId: string,
): Promise<CommandResult> {
  const { volunteer, roster } = session;
  const texts = textsFor(volunteer);
  const messageSid = `console:${requestId}`;
  for (let attempt = 1; ; attempt++) {
    const { target } = await ports.inbox.load(volunteer.volunteerId, messageSid, code);
    const now = ports.clock.now();
    if (!target || target.status === 'closed' || !mayView(volunteer, target)) {
      return { ok: false, status: 404, error: 'not_found', message: texts.notFound(code) };
    }
    if (command.kind !== 'take') {
      if (target.status === 'open')
        return { ok: false, status: 409, error: 'conflict', message: texts.notTaken(code) };
      if (target.volunteerId !== volunteer.volunteerId && !volunteer.coordinator)
        return { ok: false, status: 403, error: 'not_allowed', message: texts.notYours(code) };
    }
    if (command.kind === 'reply') {
      if (!command.text.trim())
        return { ok: false, status: 400, error: 'bad_request', message: texts.missingText(code) };
      if (!target.mayText || !target.callerPhone)
        return { ok: false, status: 422, error: 'cannot_text', message: texts.cannotText(code) };
      if (!canText(target, now))
        return {
          ok: false,
          status: 422,
          error: 'whatsapp_window_closed',
          message: texts.whatsappWindowClosed(code),
        };
    }
    if (command.kind === 'note' && !command.text.trim())
      return { ok: false, status: 400, error: 'bad_request', message: texts.missingText(code) };
    const asSms: VolunteerCommand =
      command.kind === 'reply' || command.kind === 'note'
        ? { kind: command.kind, code, text: command.text }
        : { kind: command.kind, code };
    const decided = decideVolunteerText({ volunteer, command: asSms, target, roster, now });
    if (decided.outcome === 'taken_by_other') {
      return { ok: false, status: 409, error: 'conflict', message: decided.messages[0]?.body ?? '' };
    }
    const toVolunteer = decided.messages.filter((m) => !m.to);
    const queued = decided.messages
      .filter((m): m is Outgoing & { to: NonNullable<Outgoing['to']> } => m.to !== undefined)
      .filter(
        (m) =>
          !ports.allowedCountryCodes ||
          isAllowedDestination(m.to.phone, ports.allowedCountryCodes, m.to.channel),
      )
      .map(
        (m, index): OutboundMessage => ({
          id: `${messageSid}#${index}`,
          channel: m.to.channel,
          to: m.to.phone,
          body: m.body,
          ...(m.to.callerId ? { callerId: m.to.callerId } : {}),
        }),
      );
    try {
      await ports.inbox.save(
        volunteer.volunteerId,
        {
          code,
          messageSid,
          replyTwiml: '',
          expiresAt: Math.floor(now.getTime() / 1000) + 86_400,
        },
        { caseChange: decided.caseChange, outbox: queued },
      );
    } catch (error) {
      const retry = error instanceof CaseChangedError || error instanceof DuplicateVolunteerMessageError;
      if (!retry || attempt >= MAX_ATTEMPTS) throw error;
      // A duplicate is this very request, answered already: read the case as it is now.
      if (error instanceof DuplicateVolunteerMessageError) break;
      await jitter(attempt);
      continue;
    }
    const action: AccessAction = command.kind;
    await ports.store.recordAccess(
      code,
      { at: now.toISOString(), volunteerId: volunteer.volunteerId, action },
      target.expiresAt,
    );
    if (decided.outcome === 'closed') {
      await ports.cases.eraseTrail(code);
      await forgetRecordings(ports, decided.forgetRecordings);
    }
    const after = decided.caseChange?.next ?? target;
    const outcome = decided.outcome;
    if (
      outcome !== 'taken' &&
      outcome !== 'already_yours' &&
      outcome !== 'relayed' &&
      outcome !== 'noted' &&
      outcome !== 'closed'
    ) {
      return { ok: false, status: 409, error: 'conflict', message: toVolunteer[0]?.body ?? '' };
    }
    return {
      ok: true,
      answer: {
        outcome,
        // The first answer is the one the SMS command would give (a take's held messages are in the thread).
        message: toVolunteer[0]?.body ?? texts.consoleSent(code),
        case: caseDetail(after, volunteer, roster, now),
      },
    };
  }
  const current = await ports.cases.get(code);
  if (!current) return { ok: false, status: 404, error: 'not_found', message: texts.notFound(code) };
  return {
    ok: true,
    answer: {
      outcome:
        command.kind === 'take'
          ? 'already_yours'
          : command.kind === 'reply'
            ? 'relayed'
            : command.kind === 'note'
              ? 'noted'
              : 'closed',
      message: '',
      case: caseDetail(current, volunteer, roster, ports.clock.now()),
    },
  };
}
