// The console's HTTP API as the browser sees it: request and answer shapes, shared by the console
// function (functions/console.ts) and the page (functions/console/client). Types only, no code: the
// client bundle imports nothing from the server. docs/console.md describes the routes.
//
// Every route is under /console/api. Reads need the session cookie (401 without); every POST also needs
// an Origin header naming the console's own origin (403 otherwise). Errors answer `ApiError`.

import type { Channel, Language } from '../callers/caller.js';

export type { Language };

/** Every error answer: a stable code for the page to pick a label, and an English sentence. */
export interface ApiError {
  error:
    | 'bad_request'
    | 'signed_out'
    | 'wrong_origin'
    | 'wrong_code'
    | 'locked'
    | 'not_found'
    | 'not_allowed'
    | 'conflict'
    | 'cannot_text'
    | 'whatsapp_window_closed'
    | 'server_error';
  message: string;
  /** 429 only: when a new try can work. */
  retryAfterSeconds?: number;
}

/** POST /console/api/sign-in: answers 202 `{ sent: true }` for any well-formed number. */
export interface SignInRequest {
  phone: string;
}

/** POST /console/api/sign-in/verify: 200 with the volunteer and the session cookie; 401; 429. */
export interface VerifyRequest {
  phone: string;
  code: string;
}

/** GET /console/api/me, and the answer to a successful verify. */
export interface Me {
  volunteerId: string;
  name: string;
  /** The caller languages this volunteer takes cases in; the first is the one they read. */
  languages: Language[];
  coordinator: boolean;
  /** Texts to the volunteer's phone are short pings without the caller's words (set with POST /me). */
  consoleOnly: boolean;
  /** Notices come to the Telegram chat the volunteer linked (POST /telegram/link), not by SMS. */
  telegramLinked: boolean;
}

/** POST /console/api/telegram/link: what to send the hotline's bot from the volunteer's Telegram. */
export interface TelegramLinkCode {
  /** `/link 12345678`: works once, for `expiresInMinutes`. */
  command: string;
  expiresInMinutes: number;
}

/** POST /console/api/me: the volunteer's own preference; answers the new `Me`. */
export interface MeChange {
  consoleOnly: boolean;
}

export type CaseStatus = 'open' | 'taken' | 'closed';

/** One line of GET /console/api/cases. Never a caller's number or id. */
export interface CaseSummary {
  code: string;
  language: Language;
  status: CaseStatus;
  /** Text (`sms`, WhatsApp, Telegram, the Serbian SIM) or a call. */
  source: 'sms' | 'voice';
  channel: Channel;
  openedAt: string;
  /** Minutes since the case opened. */
  waitingMinutes: number;
  takenBy?: { volunteerId: string; name: string } | undefined;
  /** Taken by the signed-in volunteer. */
  mine: boolean;
  /** Replies can reach the caller (false after STOP, for a withheld number, or outside WhatsApp's 24 h). */
  canText: boolean;
  /** The caller's messages so far (held and relayed). */
  messages: number;
  /** When anything last happened. */
  lastActivityAt: string;
}

/** GET /console/api/cases: open and taken cases in the volunteer's languages (coordinators: all). */
export interface CaseList {
  now: string;
  cases: CaseSummary[];
}

export type ThreadEntry =
  /** What the caller wrote (held before anyone took the case, or relayed after). */
  | { kind: 'caller'; at: string; text: string }
  /** What a volunteer answered. */
  | { kind: 'reply'; at: string; text: string; volunteerId: string; volunteerName: string }
  /** A note for volunteers; the caller never sees it. */
  | { kind: 'note'; at: string; text: string; volunteerId: string; volunteerName: string }
  /** Something that happened (opened, taken, voicemail, closed…), without words. */
  | {
      kind: 'event';
      at: string;
      event: string;
      volunteerId?: string | undefined;
      volunteerName?: string | undefined;
    };

/** GET /console/api/cases/{code}: the case and its thread, oldest first. */
export interface CaseDetail extends CaseSummary {
  thread: ThreadEntry[];
  /** Voicemails left on the case, each playable at `url` (an authenticated console route). */
  voicemails: { url: string }[];
  /** Coordinators only: who read or changed the case, when (reads once per volunteer per 10 minutes). */
  access?: { at: string; volunteerId: string; name: string; action: string }[] | undefined;
}

/** POST /console/api/cases/{code}/reply and /note. */
export interface TextRequest {
  text: string;
}

/**
 * POST /console/api/cases/{code}/take, /reply, /note, /close: 200 with what happened and the case after
 * it; 409 `conflict` when someone else has it (the message says who); 404 when it is closed or unknown.
 */
export interface CommandAnswer {
  outcome: 'taken' | 'already_yours' | 'relayed' | 'noted' | 'closed';
  /** The sentence the SMS command would have answered, in the volunteer's reading language. */
  message: string;
  case: CaseDetail;
}

/** A weekly shift, Belgrade time: days `mon`…`sun`, `HH:MM` to `HH:MM` (past midnight when `to` ≤ `from`). */
export interface ShiftView {
  days: string[];
  from: string;
  to: string;
}

/** One volunteer as a coordinator manages them (GET /console/api/roster). */
export interface RosterEntry {
  volunteerId: string;
  name: string;
  phone: string;
  languages: Language[];
  shifts: ShiftView[];
  active: boolean;
  coordinator: boolean;
  consoleOnly: boolean;
  hasPin: boolean;
  onShift: boolean;
}

/** GET /console/api/roster (coordinators only; 403 `not_allowed` for others). */
export interface RosterView {
  now: string;
  volunteers: RosterEntry[];
}

/**
 * POST /console/api/roster (add) and POST /console/api/roster/{id} (change): the same validation as
 * `npm run admin`; 400 `bad_request` lists the problems in `message`. POST /console/api/roster/{id}/remove
 * removes. Each answers the roster after the change.
 */
export interface RosterChange {
  volunteerId?: string;
  name?: string;
  phone?: string;
  languages?: Language[];
  shifts?: ShiftView[];
  active?: boolean;
  coordinator?: boolean;
}

/** One IVR prompt as the prompt studio shows it (GET /console/api/prompts, coordinators only). */
export interface PromptView {
  /** `ky/greeting`: the language and the manifest id. */
  key: string;
  language: Language;
  id: string;
  kind: 'prompt' | 'fragment';
  /** What to say, as written in the manifest (shared/voice/prompts.ts). */
  text: string;
  /** The same prompt's Russian text, for a Kyrgyz prompt (a gloss for coordinators who read Russian). */
  gloss?: string | undefined;
  /** `recorded`: a voice recorded in the studio plays; `placeholder`: the generated one; `tts`: Twilio reads the text. */
  status: 'recorded' | 'placeholder' | 'tts';
  /** Who recorded it and when (status `recorded`). */
  recorded?: { at: string; by: string; name: string } | undefined;
  /** What a call plays now (absent for `tts`): an absolute URL, the prompts' delivery. */
  playUrl?: string | undefined;
  /** Longest the recording may be, in seconds. */
  maxSeconds: number;
}

export interface PromptList {
  prompts: PromptView[];
  /** The format the IVR plays: WAV, 8000 Hz, mono, 8-bit µ-law (16-bit PCM accepted). */
  format: { sampleRate: 8000; channels: 1; encoding: 'mulaw' };
}

/**
 * POST /console/api/prompts/{language}/{id}/upload: where to PUT the WAV (locally a route of the local
 * runtime, deployed a presigned S3 URL valid 5 minutes), with the headers to send. Then POST
 * /console/api/prompts/{language}/{id}/recorded `{"version"}`: the server checks the file (WAV, 8000 Hz,
 * mono, not silent, within `maxSeconds`) and the next call plays it; 400 `bad_request` says what is wrong.
 */
export interface PromptUpload {
  url: string;
  method: 'PUT';
  headers: Record<string, string>;
  version: string;
}

/** One ISO week (Monday to Sunday, Belgrade time) and caller language of GET /console/api/figures. */
export interface WeekFigures {
  /** `2026-W48`. */
  week: string;
  /** The Monday that starts it, `2026-11-23`. */
  from: string;
  language: Language;
  /** Cases opened that week, and of those: taken by a volunteer, closed. */
  opened: number;
  taken: number;
  closed: number;
  /** Median minutes from opening to taking, over the week's cases that were taken; null when none was. */
  medianMinutesToTake: number | null;
}

/** GET /console/api/figures (coordinators only): the last weeks, oldest first, both languages each. */
export interface Figures {
  now: string;
  weeks: WeekFigures[];
}

/**
 * POST /console/api/passkeys/options (signed in): what `navigator.credentials.create()` needs, binary
 * fields in base64url. POST /console/api/sign-in/passkey/options (no session) answers `SignInOptions`.
 */
export interface PasskeyCreationOptions {
  challenge: string;
  rp: { id: string; name: string };
  user: { id: string; name: string; displayName: string };
  pubKeyCredParams: { type: 'public-key'; alg: number }[];
  authenticatorSelection: { residentKey: 'required'; userVerification: 'required' };
  attestation: 'none';
  /** The volunteer's passkeys already kept: a device cannot add a second one. */
  excludeCredentials: { type: 'public-key'; id: string }[];
  timeout: number;
}

export interface SignInOptions {
  challenge: string;
  rpId: string;
  userVerification: 'required';
  timeout: number;
}

/** What the page posts back from `create()` (POST /console/api/passkeys) or `get()` (POST /console/api/sign-in/passkey). */
export interface PasskeyResponse {
  id: string;
  response: {
    clientDataJSON: string;
    attestationObject?: string;
    authenticatorData?: string;
    signature?: string;
    userHandle?: string;
  };
}

/** GET /console/api/passkeys: the signed-in volunteer's own passkeys. */
export interface PasskeyList {
  passkeys: {
    id: string;
    createdAt: string;
    lastUsedAt?: string | undefined;
    /** Synced by the device's maker to the volunteer's other devices. */
    synced: boolean;
  }[];
  /** How many a volunteer may keep. */
  limit: number;
}
