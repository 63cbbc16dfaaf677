// Port: the volunteer roster as use cases read it, and the errors its changes raise. The DynamoDB adapter
// is shared/adapters/dynamodb/roster-store.ts.
import type { Volunteer } from '../volunteers/volunteer.js';

/** DynamoDB transactions take at most 100 items: an import is all-or-nothing up to that size. */
export const MAX_ROSTER_CHANGE = 100;

export interface RosterReader {
  list(): Promise<Volunteer[]>;
}

export class VolunteerNotFoundError extends Error {
  constructor(readonly volunteerId: string) {
    super(`No volunteer with id "${volunteerId}"`);
    this.name = 'VolunteerNotFoundError';
  }
}

export class VolunteerExistsError extends Error {
  constructor(readonly volunteerId: string) {
    super(`A volunteer with id "${volunteerId}" exists already (use update)`);
    this.name = 'VolunteerExistsError';
  }
}

/** Changes to the roster (the admin command line, the console's coordinators). */
export interface RosterWriter extends RosterReader {
  /** Refuses an existing id (VolunteerExistsError). */
  add(volunteer: Volunteer): Promise<void>;
  /** Refuses an unknown id (VolunteerNotFoundError). */
  update(volunteer: Volunteer): Promise<void>;
  remove(volunteerId: string): Promise<void>;
  /** One attribute only (the volunteer's own choice in the console), nothing else written back. */
  setConsoleOnly(volunteerId: string, consoleOnly: boolean): Promise<void>;
}
