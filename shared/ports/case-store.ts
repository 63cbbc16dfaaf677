// Port: cases, their answered steps and the open-case list. No SDK type here; the DynamoDB adapter is
// shared/adapters/dynamodb/case-store.ts.

import type { Language } from '../callers/caller.js';
import type { Case, CaseEvent } from '../cases/case.js';
import type { OutboundMessage } from './outbox.js';

export interface CaseHistory {
  language: Language;
  openedAt: string;
  events: Pick<CaseEvent, 'at' | 'kind'>[];
}

import type { HandledMessage } from './caller-store.js';

/** Somebody else changed the case since it was read (another volunteer took it first, say). */
export class CaseChangedError extends Error {
  constructor(readonly code: string) {
    super(`Case ${code} changed since it was read`);
    this.name = 'CaseChangedError';
  }
}

export interface CaseStore {
  get(code: string): Promise<Case | undefined>;
  /** Writes the case if its stored version is still `readVersion` (undefined: a new case, absent so far). */
  /** With `outbox`: those messages are written in the same transaction (the chase's Telegram notices). */
  save(next: Case, readVersion: number | undefined, outbox?: readonly OutboundMessage[]): Promise<void>;
  /** The case and, when `stepKey` is given, the answer already given to that request (a Twilio retry). */
  getWithStep(code: string, stepKey: string): Promise<{ found?: Case; handled?: HandledMessage }>;
  /** The case change and the request's answer in one transaction; a second try of the same request fails. */
  saveWithStep(next: Case, readVersion: number, step: HandledMessage): Promise<void>;
  /** The answer already given to a step of a withheld call (a Twilio retry), if any. */
  withheldStep(stepKey: string): Promise<HandledMessage | undefined>;
  /** A new case opened by a withheld call and the step's answer, in one transaction. */
  saveNewWithWithheldStep(next: Case, step: HandledMessage): Promise<void>;
  /**
   * Deletes every record kept beside the case item (answered webhooks whose stored replies can hold the
   * caller's number and words): part of erasing the caller. The case item itself is stripped, not deleted.
   */
  eraseTrail(code: string): Promise<number>;
  /** Open and taken cases, oldest first at most `limit`; eventually consistent (an index). */
  listOpen(limit?: number): Promise<Case[]>;
  /**
   * Every case opened since `since`, open or closed, with only its language, opening time and event
   * kinds and times (the coordinators' figures). A scan of the table: for a page a coordinator opens now
   * and then, never for a webhook.
   */
  histories(since: Date): Promise<CaseHistory[]>;
  /** Open cases whose next chase is due by `now`. */
  dueForChase(now: Date, limit?: number): Promise<Case[]>;
}
