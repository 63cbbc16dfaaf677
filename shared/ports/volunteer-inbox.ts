// Port: a volunteer's handled texts and the case each one changed. The DynamoDB adapter is
// shared/adapters/dynamodb/volunteer-inbox.ts.
import type { Case } from '../cases/case.js';
import type { HandledMessage } from './caller-store.js';
import type { SideWrites } from './side-writes.js';

export class DuplicateVolunteerMessageError extends Error {
  constructor() {
    super('The volunteer message was handled already');
    this.name = 'DuplicateVolunteerMessageError';
  }
}

export interface VolunteerInbox {
  load(
    volunteerId: string,
    messageSid: string,
    code?: string,
  ): Promise<{ handled?: HandledMessage; target?: Case }>;
  save(
    volunteerId: string,
    record: HandledMessage & { code?: string | undefined },
    /** The case the command changed and the messages it sends, in the same transaction. */
    also?: SideWrites,
  ): Promise<void>;
}
