// The IVR voice line as a pure decision: which step of the call the caller is at (carried in the action
// URL Twilio posts back to), the key they pressed and what the hotline knows about them in; what to say,
// where the next keys go, and the one change to make (language, entry date, an SMS) out. No I/O.
//
// Steps are action URLs, `/voice/<step>?lang=ky&t=4&a=1[&topic=2|&date=2026-03-12]`:
//   lang  the call's language (absent only at the language menu);
//   t     the turn: one more on every answer, so each action URL of a call is unique and a replayed
//         step (same CallSid, same URL) is recognised as the same step;
//   a     failed inputs in a row at this prompt (no key, a wrong key, an impossible date);
//   topic the information topic just heard; date the entry date being confirmed or just saved.
// Twilio signs the action URL with its query, so none of it can be altered on the way back.
import type { Caller, EarlierStay, Language } from '../callers/caller.js';
import { daysBetween, isLocalDate, type LocalDate } from '../deadlines/index.js';
import { type Reader, renderMessage } from '../messages/catalogue.js';
import { ENTRY_LOOKBACK_DAYS, formatDate } from '../sms/date-basics.js';
import type { PromptId } from '../voice/prompts.js';
import { composeDate, composeDeadlineSpeech, composePrompt, type SpeechSegment } from '../voice/speech.js';
import { entryOutcome, nextDeadline, todayIn } from './caller-dates.js';

export const IVR_STEPS = [
  'language',
  'menu',
  'topics',
  'topic',
  'deadlines',
  'entry',
  'confirm',
  'saved',
  'person',
  'verify',
] as const;

/** A step names the prompt whose keys its action URL receives. */
export type IvrStep = (typeof IVR_STEPS)[number];

/** The information topics, by key: the same five as the SMS line's digits 1–5. */
export const IVR_TOPICS = {
  1: 'topic_registration',
  2: 'topic_visa_free',
  3: 'topic_residence',
  4: 'topic_work_rights',
  5: 'topic_emergency',
} as const satisfies Record<number, PromptId>;

export type IvrTopic = keyof typeof IVR_TOPICS;

export interface IvrRoute {
  step: IvrStep;
  /** Absent only at the language menu, before the caller has chosen. */
  language?: Language | undefined;
  turn: number;
  failures: number;
  topic?: IvrTopic | undefined;
  /** `YYYY-MM-DD`: the entry date being confirmed (`confirm`), just saved (`saved`) or to save (`verify`). */
  date?: string | undefined;
  /** The caller typed the code sent to their number in this call: stored dates may be read and changed. */
  verified?: boolean | undefined;
  /** `verify`: what the code opens (hear the deadline, or save `date`); `then` in the URL. */
  unlocks?: 'deadlines' | 'save' | undefined;
  /** `verify`: the code's keyed hash (CallProof), checked against what the caller types. */
  proof?: string | undefined;
}

/**
 * Proves that a call holds its number: a code sent to the number by SMS, typed back in the same call.
 * `issue` makes a code and its proof (a keyed hash bound to the call, carried in the signed action URL);
 * `check` compares what was typed. No state is kept between the two.
 */
export interface CallProof {
  issue(): { code: string; proof: string };
  check(typed: string, proof: string): boolean;
}

/** The incoming call (`POST /voice`), or the keys a `<Gather>` collected for the step in its action URL. */
export type IvrInput = { kind: 'call' } | { kind: 'keys'; route: IvrRoute; digits: string };

export interface IvrCaller {
  /** False for a withheld number: nothing can be looked up or stored without a caller id. */
  identified: boolean;
  /** A +996 number: Kyrgyz is the language taken when the caller presses nothing at the language menu. */
  kyrgyzNumber: boolean;
  /** What the hotline stored about the caller (from texts or earlier calls), if anything. */
  profile?:
    | (Pick<Caller, 'language' | 'latin' | 'optedOut' | 'entryDate' | 'permitExpiry'> &
        Partial<Pick<Caller, 'earlierStays'>>)
    | undefined;
  /**
   * How the call proves it holds the number before stored dates are spoken or changed. Absent: the shown
   * number is trusted (pure tests of the flow); the webhook always passes one.
   */
  proof?: CallProof | undefined;
}

export type IvrEffect =
  | { kind: 'none' }
  | { kind: 'set_language'; language: Language }
  | { kind: 'set_entry'; entryDate: string }
  | {
      kind: 'send_sms';
      purpose: 'entry_summary' | 'numbers' | 'code';
      body: string;
      /** What the caller hears instead of "SMS sent" when the SMS could not be handed over. */
      failedSpeech: SpeechSegment[];
      /** The whole answer instead, where the keys must go elsewhere too (a code not sent: the main menu). */
      failedReply?: IvrReply | undefined;
    };

export type IvrOutcome =
  | 'language_menu'
  | 'language_chosen'
  | 'language_suggested'
  | 'language_switched'
  | 'main_menu'
  | 'topics_menu'
  | 'topic'
  | 'deadlines'
  | 'number_hidden'
  | 'entry_prompt'
  | 'entry_readback'
  | 'entry_saved'
  | 'person'
  | 'sms'
  | 'no_input'
  | 'invalid_key'
  | 'invalid_date'
  | 'too_many_failures'
  | 'goodbye'
  | 'code_sent'
  | 'code_wrong'
  | 'code_unavailable';

export interface IvrReply {
  /** Spoken in order; inside the `<Gather>` when there is one, so a key interrupts it. */
  speech: SpeechSegment[];
  /** Where the next keys go; absent: the call ends after the speech. */
  gather?: { route: IvrRoute; input: 'key' | 'date' | 'code' } | undefined;
  effect: IvrEffect;
  /** What happened, for logs and the benchmark; never what was typed. */
  outcome: IvrOutcome;
  /**
   * Hand the call to a volunteer (shared/use-cases/volunteer-call.ts): after the speech, ring the
   * volunteers on shift in this language, or take a voicemail. No `gather` then.
   */
  transfer?: { language: Language } | undefined;
}

/** No key, a wrong key or an impossible date this many times in a row at one prompt ends the call. */
export const MAX_FAILURES = 3;

/** Key that switches language, repeats, goes back; not inside the date entry, where they are digits. */
const SWITCH_LANGUAGE = '9';
const REPEAT = '0';
const BACK = '*';

const LANGUAGE_KEYS: Readonly<Record<string, Language>> = { '1': 'ky', '2': 'ru' };

/** Twilio's stand-in numbers for a withheld caller id; anything not in E.164 (sip:, client:) counts too. */
const WITHHELD_NUMBERS = new Set(['+266696687', '+7378742833', '+2562533', '+8656696']);

/** The caller's E.164 number, or undefined when it is withheld or not a phone number. */
export function shownNumber(from: string): string | undefined {
  const number = from.trim();
  if (!/^\+[1-9]\d{7,14}$/.test(number) || WITHHELD_NUMBERS.has(number)) return undefined;
  return number;
}

/** The action path of a step, query in a fixed order so the same step always has the same URL. */
export function ivrActionPath(route: IvrRoute): string {
  const query = new URLSearchParams();
  if (route.language) query.set('lang', route.language);
  query.set('t', String(route.turn));
  query.set('a', String(route.failures));
  if (route.topic !== undefined) query.set('topic', String(route.topic));
  if (route.date !== undefined) query.set('date', route.date);
  if (route.unlocks !== undefined) query.set('then', route.unlocks);
  if (route.proof !== undefined) query.set('p', route.proof);
  if (route.verified) query.set('v', '1');
  return `/voice/${route.step}?${query.toString()}`;
}

/**
 * Reads the step back from the path and query Twilio called. Undefined for anything this code never
 * wrote (an old deployment's URL, a hand-made request): the caller then starts again from the top.
 */
export function parseIvrRoute(path: string, query: URLSearchParams): IvrRoute | undefined {
  const step = /^\/voice\/([a-z]+)$/.exec(path)?.[1];
  if (!step || !(IVR_STEPS as readonly string[]).includes(step)) return undefined;
  const language = query.get('lang') ?? undefined;
  const turn = wholeNumber(query.get('t'), 1, 9999);
  const failures = wholeNumber(query.get('a'), 0, MAX_FAILURES - 1);
  if (turn === undefined || failures === undefined) return undefined;
  if (language !== undefined && language !== 'ky' && language !== 'ru') return undefined;
  if ((step === 'language') !== (language === undefined)) return undefined;
  const route: IvrRoute = { step: step as IvrStep, language, turn, failures };
  if (step === 'topic') {
    const topic = wholeNumber(query.get('topic'), 1, 5);
    if (topic === undefined) return undefined;
    route.topic = topic as IvrTopic;
  }
  if (step === 'confirm' || step === 'saved') {
    const date = query.get('date');
    if (!isLocalDate(date)) return undefined;
    route.date = date;
  }
  if (step === 'verify') {
    const unlocks = query.get('then');
    const proof = query.get('p') ?? '';
    if ((unlocks !== 'deadlines' && unlocks !== 'save') || !/^[0-9a-f]{16,64}$/.test(proof)) return undefined;
    route.unlocks = unlocks;
    route.proof = proof;
    if (unlocks === 'save') {
      const date = query.get('date');
      if (!isLocalDate(date)) return undefined;
      route.date = date;
    }
  }
  if (query.get('v') === '1') route.verified = true;
  return route;
}

/** Decides the answer to one request of a call. `now` is the hotline clock's. */
export function decideCall(input: IvrInput, caller: IvrCaller, now: Date): IvrReply {
  if (input.kind === 'call') {
    const known = caller.profile?.language;
    const call = new CallContext(caller, now, 0, false);
    return known ? call.welcome(known, 'main_menu') : call.languageMenu(0);
  }
  const { route } = input;
  const call = new CallContext(caller, now, route.turn, route.verified === true);
  const digits = input.digits.trim();
  if (route.step === 'language' || !route.language) return call.afterLanguageMenu(route, digits);
  return call.afterKeys(route, route.language, digits);
}

/** One answer of one call: the caller, the time and the turn the next action URLs carry. */
class CallContext {
  private readonly today: LocalDate;
  private readonly turn: number;

  constructor(
    private readonly caller: IvrCaller,
    now: Date,
    previousTurn: number,
    /** The number was proved earlier in this call (a code typed back). */
    private verified: boolean,
  ) {
    this.today = todayIn(now);
    this.turn = previousTurn + 1;
  }

  languageMenu(failures: number): IvrReply {
    return {
      speech: [...composePrompt('ky', 'language_menu'), ...composePrompt('ru', 'language_menu')],
      gather: { route: { step: 'language', turn: this.turn, failures }, input: 'key' },
      effect: NONE,
      outcome: 'language_menu',
    };
  }

  welcome(language: Language, outcome: IvrOutcome, effect: IvrEffect = NONE): IvrReply {
    return { ...this.mainMenu(language, say(language, 'greeting')), effect, outcome };
  }

  afterLanguageMenu(route: IvrRoute, digits: string): IvrReply {
    const chosen = LANGUAGE_KEYS[digits];
    if (chosen) return this.welcome(chosen, 'language_chosen', this.remember(chosen));
    // Silence from a Kyrgyz number: go on in Kyrgyz rather than make a paying caller listen again.
    if (digits === '' && this.caller.kyrgyzNumber) return this.welcome('ky', 'language_suggested');
    const failures = route.failures + 1;
    if (failures >= MAX_FAILURES) {
      return {
        speech: [...say('ky', 'too_many_failures'), ...say('ru', 'too_many_failures')],
        effect: NONE,
        outcome: 'too_many_failures',
      };
    }
    // The menu is its own explanation and short; a bilingual "wrong key" first would double it.
    return { ...this.languageMenu(failures), outcome: digits === '' ? 'no_input' : 'invalid_key' };
  }

  afterKeys(route: IvrRoute, language: Language, digits: string): IvrReply {
    if (digits === SWITCH_LANGUAGE && route.step !== 'entry' && route.step !== 'verify') {
      const other: Language = language === 'ky' ? 'ru' : 'ky';
      const again = this.repeat(route, other);
      return { ...again, effect: this.remember(other), outcome: 'language_switched' };
    }
    if (digits === REPEAT && route.step !== 'entry' && route.step !== 'verify')
      return this.repeat(route, language);
    switch (route.step) {
      case 'menu':
        return this.afterMainMenu(route, language, digits);
      case 'topics':
        return this.afterTopicsMenu(route, language, digits);
      case 'topic':
        return this.afterLeaf(route, language, digits, () => this.topicsMenu(language));
      case 'deadlines':
        return this.afterLeaf(route, language, digits, () => this.mainMenu(language));
      case 'entry':
        return this.afterEntry(route, language, digits);
      case 'confirm':
        return this.afterConfirm(route, language, digits);
      case 'saved':
        return this.afterOffer(route, language, digits, 'entry_summary');
      case 'person':
        return this.afterOffer(route, language, digits, 'numbers');
      case 'language':
        return this.afterLanguageMenu(route, digits);
      case 'verify':
        return this.afterCode(route, language, digits);
    }
  }

  /** The prompt of a step again, in full: key 0, and after key 9 in the other language. */
  private repeat(route: IvrRoute, language: Language): IvrReply {
    switch (route.step) {
      case 'menu':
        return this.mainMenu(language);
      case 'topics':
        return this.topicsMenu(language);
      case 'topic':
        return this.topic(language, route.topic ?? 1);
      case 'deadlines':
        return this.deadlines(language);
      case 'entry':
        return this.entryPrompt(language);
      case 'confirm':
        return this.readBack(language, route.date ?? '');
      case 'saved':
        return this.summaryOffer(language, route.date ?? '', this.stayEndSpeech(language, route.date ?? ''));
      case 'person':
        return this.person(language);
      case 'language':
        return this.languageMenu(0);
      case 'verify':
        return this.codeAsk(language, route, 0, 'verify_code_sent');
    }
  }

  private afterMainMenu(route: IvrRoute, language: Language, digits: string): IvrReply {
    switch (digits) {
      case BACK:
        return this.mainMenu(language);
      case '1':
        return this.topicsMenu(language);
      case '2':
        return this.deadlines(language);
      case '3':
        return this.caller.identified ? this.entryPrompt(language) : this.numberHidden(language);
      case '4':
        return this.person(language);
      default:
        return this.failed(route, language, digits, (failures) => this.mainMenu(language, [], failures));
    }
  }

  private afterTopicsMenu(route: IvrRoute, language: Language, digits: string): IvrReply {
    if (digits === BACK) return this.mainMenu(language);
    if (/^[1-5]$/.test(digits)) return this.topic(language, Number(digits) as IvrTopic);
    return this.failed(route, language, digits, (failures) => this.topicsMenu(language, failures));
  }

  /** After a topic or the deadlines: 0 again, * back; silence means the caller has heard what they came for. */
  private afterLeaf(route: IvrRoute, language: Language, digits: string, back: () => IvrReply): IvrReply {
    if (digits === BACK) return back();
    if (digits === '') return this.goodbye(language);
    return this.failed(route, language, digits, (failures) =>
      this.ask(language, say(language, 'topic_options'), { ...route, failures }),
    );
  }

  private afterEntry(route: IvrRoute, language: Language, digits: string): IvrReply {
    // Inside the date * cannot be a digit; whatever came with it, the caller wants out.
    if (digits.includes(BACK)) return this.mainMenu(language);
    if (!this.caller.identified) return this.numberHidden(language);
    const date = keypadDate(digits, this.today);
    if (date) return this.readBack(language, date);
    const failures = route.failures + 1;
    if (digits !== '' && failures < MAX_FAILURES) {
      // entry_date_invalid already asks again, so no prompt follows it.
      return { ...this.entryPrompt(language, failures, 'entry_date_invalid'), outcome: 'invalid_date' };
    }
    return this.failed(route, language, digits, (count) => this.entryPrompt(language, count));
  }

  private afterConfirm(route: IvrRoute, language: Language, digits: string): IvrReply {
    const date = route.date ?? '';
    if (digits === BACK) return this.mainMenu(language);
    if (digits === '2') return this.entryPrompt(language);
    if (digits !== '1') {
      return this.failed(route, language, digits, (failures) => this.readBack(language, date, failures));
    }
    if (!this.caller.identified) return this.numberHidden(language);
    if (this.needsProof()) {
      // The deadline of the date typed in this call, spoken now; saving it waits for the code.
      return this.sendCode(language, 'save', date, this.stayEndSpeech(language, date, false));
    }
    return this.save(language, date);
  }

  /** Saves the entry date (the number is proved, or trusted) and offers the SMS summary. */
  private save(language: Language, date: string): IvrReply {
    const saved = [...say(language, 'entry_date_saved'), ...this.stayEndSpeech(language, date)];
    const effect: IvrEffect = { kind: 'set_entry', entryDate: date };
    // The same confirmation the SMS line gives, in writing, for whoever may have texts sent to them.
    const reply = this.mayText() ? this.summaryOffer(language, date, saved) : this.mainMenu(language, saved);
    return { ...reply, effect, outcome: 'entry_saved' };
  }

  private afterOffer(
    route: IvrRoute,
    language: Language,
    digits: string,
    purpose: 'entry_summary' | 'numbers',
  ): IvrReply {
    if (digits === BACK) return this.mainMenu(language);
    // Silence after an offer: the caller has what they called for.
    if (digits === '') return this.goodbye(language);
    if (digits !== '1') {
      const offer: PromptId = purpose === 'numbers' ? 'sms_offer' : 'sms_summary_offer';
      return this.failed(route, language, digits, (failures) =>
        this.ask(language, say(language, offer), { ...route, failures }),
      );
    }
    if (!this.mayText()) return this.mainMenu(language);
    const body = purpose === 'numbers' ? this.numbersText(language) : this.summaryText(language, route.date);
    return {
      ...this.mainMenu(language, say(language, 'sms_sent')),
      effect: {
        kind: 'send_sms',
        purpose,
        body,
        failedSpeech: this.mainMenu(language, say(language, 'sms_failed')).speech,
      },
      outcome: 'sms',
    };
  }

  /** A code to the number by SMS, and the keypad to type it back (`unlocks`: what it opens). */
  private sendCode(
    language: Language,
    unlocks: 'deadlines' | 'save',
    date?: string,
    lead: SpeechSegment[] = [],
  ): IvrReply {
    const proof = this.caller.proof;
    const unavailable: IvrReply = {
      ...this.mainMenu(language, [...lead, ...say(language, 'verify_unavailable')]),
      outcome: 'code_unavailable',
    };
    if (!proof || this.caller.profile?.optedOut === true) return unavailable;
    const issued = proof.issue();
    const route: IvrRoute = {
      step: 'verify',
      language,
      turn: this.turn,
      failures: 0,
      unlocks,
      proof: issued.proof,
      ...(date !== undefined ? { date } : {}),
    };
    const asked = this.codeAsk(language, route, 0, 'verify_code_sent');
    return {
      ...asked,
      speech: [...lead, ...asked.speech],
      effect: {
        kind: 'send_sms',
        purpose: 'code',
        body: renderMessage('call_code', this.reader(language), { code: issued.code }),
        failedSpeech: unavailable.speech,
        failedReply: unavailable,
      },
      outcome: 'code_sent',
    };
  }

  private codeAsk(language: Language, route: IvrRoute, failures: number, prompt: PromptId): IvrReply {
    return {
      speech: say(language, prompt),
      gather: { route: { ...route, language, turn: this.turn, failures }, input: 'code' },
      effect: NONE,
      outcome: 'code_sent',
    };
  }

  /** The code typed back: on to what it unlocks, for the rest of the call; or try again. */
  private afterCode(route: IvrRoute, language: Language, digits: string): IvrReply {
    if (digits.includes(BACK)) return this.mainMenu(language);
    const proof = this.caller.proof;
    if (proof && route.proof && proof.check(digits, route.proof)) {
      this.verified = true;
      return route.unlocks === 'save' && route.date
        ? this.save(language, route.date)
        : this.deadlines(language);
    }
    const failures = route.failures + 1;
    if (failures >= MAX_FAILURES) {
      return { speech: say(language, 'too_many_failures'), effect: NONE, outcome: 'too_many_failures' };
    }
    return { ...this.codeAsk(language, route, failures, 'verify_code_wrong'), outcome: 'code_wrong' };
  }

  /** A shown number not yet proved in this call (with a way to prove it). */
  private needsProof(): boolean {
    return this.caller.identified && this.caller.proof !== undefined && !this.verified;
  }

  private mainMenu(language: Language, lead: SpeechSegment[] = [], failures = 0): IvrReply {
    return this.ask(
      language,
      [...lead, ...say(language, 'main_menu')],
      { step: 'menu', failures },
      'main_menu',
    );
  }

  private topicsMenu(language: Language, failures = 0): IvrReply {
    return this.ask(language, say(language, 'topics_menu'), { step: 'topics', failures }, 'topics_menu');
  }

  private topic(language: Language, topic: IvrTopic): IvrReply {
    const speech = [...say(language, IVR_TOPICS[topic]), ...say(language, 'topic_options')];
    return this.ask(language, speech, { step: 'topic', topic, failures: 0 }, 'topic');
  }

  /** The nearest deadline, chosen exactly as the SMS line's "my deadlines" chooses it. */
  private deadlines(language: Language): IvrReply {
    if (!this.caller.identified) return this.numberHidden(language);
    // Stored dates are spoken only to a call that proved it holds the number.
    if (this.needsProof() && hasStoredDates(this.caller.profile)) return this.sendCode(language, 'deadlines');
    const next = nextDeadline(this.caller.profile ?? {}, this.today);
    const spoken = next
      ? composeDeadlineSpeech(language, { deadline: next.deadline, daysLeft: next.daysLeft })
      : say(language, 'deadlines_none');
    return this.ask(
      language,
      [...spoken, ...say(language, 'topic_options')],
      { step: 'deadlines', failures: 0 },
      'deadlines',
    );
  }

  private entryPrompt(language: Language, failures = 0, prompt: PromptId = 'entry_date_prompt'): IvrReply {
    return {
      ...this.ask(language, say(language, prompt), { step: 'entry', failures }, 'entry_prompt'),
      gather: { route: this.route(language, { step: 'entry', failures }), input: 'date' },
    };
  }

  private readBack(language: Language, date: string, failures = 0): IvrReply {
    const speech = [
      ...say(language, 'entry_date_readback'),
      ...composeDate(language, date),
      ...say(language, 'entry_date_confirm'),
    ];
    return this.ask(language, speech, { step: 'confirm', date, failures }, 'entry_readback');
  }

  private summaryOffer(language: Language, date: string, lead: SpeechSegment[] = []): IvrReply {
    const speech = [...lead, ...say(language, 'sms_summary_offer')];
    return this.ask(language, speech, { step: 'saved', date, failures: 0 }, 'entry_saved');
  }

  /** To a volunteer: the call is handed over after "connecting you" (volunteers on shift, or voicemail). */
  private person(language: Language): IvrReply {
    return {
      speech: say(language, 'volunteer_connecting'),
      effect: NONE,
      outcome: 'person',
      transfer: { language },
    };
  }

  private numberHidden(language: Language): IvrReply {
    return { ...this.mainMenu(language, say(language, 'number_hidden')), outcome: 'number_hidden' };
  }

  private goodbye(language: Language): IvrReply {
    return { speech: say(language, 'goodbye'), effect: NONE, outcome: 'goodbye' };
  }

  /** No key or a wrong one: say so and ask again, or after the third time end with the SMS keyword. */
  private failed(
    route: IvrRoute,
    language: Language,
    digits: string,
    askAgain: (failures: number) => IvrReply,
  ): IvrReply {
    const failures = route.failures + 1;
    if (failures >= MAX_FAILURES) {
      return { speech: say(language, 'too_many_failures'), effect: NONE, outcome: 'too_many_failures' };
    }
    const outcome = digits === '' ? 'no_input' : 'invalid_key';
    const again = askAgain(failures);
    return { ...again, speech: [...say(language, outcome), ...again.speech], outcome };
  }

  /** The caller's finished trips that can precede an entry on `date` (as the SMS line keeps them). */
  private earlierStays(date: string): EarlierStay[] {
    return (this.caller.profile?.earlierStays ?? []).filter((stay) => stay.exit <= date);
  }

  /** "Your stay ends on …": the same entry outcome the SMS line confirms a date with. */
  private stayEndSpeech(language: Language, date: string, withStoredStays = true): SpeechSegment[] {
    // Before the number is proved, only what was typed in this call counts: stored trips stay unspoken.
    const outcome = entryOutcome(date, this.today, withStoredStays ? this.earlierStays(date) : []);
    // The count the SMS confirmation gives (today and the last day included).
    return composeDeadlineSpeech(language, {
      deadline: outcome.lastDay,
      daysLeft: outcome.kind === 'in_stay' ? outcome.daysLeft : daysBetween(this.today, outcome.lastDay) + 1,
    });
  }

  private summaryText(language: Language, date: string | undefined): string {
    const outcome = entryOutcome(date ?? '', this.today, this.earlierStays(date ?? ''));
    const reader = this.reader(language);
    return outcome.kind === 'in_stay'
      ? renderMessage('entry_saved', reader, {
          lastDay: formatDate(outcome.lastDay),
          daysLeft: outcome.daysLeft,
        })
      : renderMessage('entry_saved_ended', reader, { lastDay: formatDate(outcome.lastDay) });
  }

  private numbersText(language: Language): string {
    return renderMessage('info_emergency', this.reader(language));
  }

  private reader(language: Language): Reader {
    return { language, latin: this.caller.profile?.latin ?? false };
  }

  /** Texts go only to a number we know, and never after STOP. */
  private mayText(): boolean {
    return this.caller.identified && this.caller.profile?.optedOut !== true;
  }

  private remember(language: Language): IvrEffect {
    return this.caller.identified ? { kind: 'set_language', language } : NONE;
  }

  private ask(
    language: Language,
    speech: SpeechSegment[],
    next: Omit<IvrRoute, 'language' | 'turn'>,
    outcome: IvrOutcome = 'main_menu',
  ): IvrReply {
    return { speech, gather: { route: this.route(language, next), input: 'key' }, effect: NONE, outcome };
  }

  private route(language: Language, next: Omit<IvrRoute, 'language' | 'turn'>): IvrRoute {
    return { ...next, language, turn: this.turn, ...(this.verified ? { verified: true } : {}) };
  }
}

const NONE: IvrEffect = { kind: 'none' };

/** Anything a call could learn a migrant's dates from. */
function hasStoredDates(profile: IvrCaller['profile']): boolean {
  return Boolean(profile?.entryDate || profile?.permitExpiry || (profile?.earlierStays?.length ?? 0) > 0);
}

function say(language: Language, id: PromptId): SpeechSegment[] {
  return composePrompt(language, id);
}

/**
 * DDMMYYYY (or DDMMYY) as typed on the keypad, checked as the SMS line checks a typed entry date:
 * a real day, not in the future, not more than a year back.
 */
export function keypadDate(digits: string, today: LocalDate): string | undefined {
  const match = /^(\d{2})(\d{2})(\d{4}|\d{2})$/.exec(digits);
  if (!match) return undefined;
  const [, day, month, year = ''] = match;
  const date = `${year.length === 2 ? `20${year}` : year}-${month}-${day}`;
  if (!isLocalDate(date)) return undefined;
  const back = daysBetween(date, today);
  return back >= 0 && back <= ENTRY_LOOKBACK_DAYS ? date : undefined;
}

function wholeNumber(value: string | null, min: number, max: number): number | undefined {
  if (value === null || !/^\d{1,4}$/.test(value)) return undefined;
  const n = Number(value);
  return n >= min && n <= max ? n : undefined;
}
