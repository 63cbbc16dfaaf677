// The sample roster `npm start` seeds into a fresh table (local/roster.sample.json), for the browser
// journeys: imported into the test hotline's table, with the sample volunteers' plain PINs (printed in
// that file for trying the page) kept aside.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inject } from 'vitest';
import type { LocalHotline } from '../../local/hotline.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { DynamoRosterStore } from '../../shared/adapters/dynamodb/roster-store.js';
import { parseRoster, type Volunteer } from '../../shared/volunteers/volunteer.js';

export async function seedSampleRoster(
  hotline: LocalHotline,
): Promise<{ roster: Volunteer[]; pins: Map<string, string | undefined> }> {
  const file = JSON.parse(
    await readFile(join(import.meta.dirname, '../../local/roster.sample.json'), 'utf8'),
  ) as { volunteers: (Record<string, unknown> & { volunteerId: string; pin?: string })[] };
  const pins = new Map(file.volunteers.map((v) => [v.volunteerId, v.pin]));
  const roster = parseRoster(file.volunteers);
  const client = createDocumentClient(inject('dynamoEndpoint'));
  try {
    await new DynamoRosterStore(client, hotline.tableName).importRoster(roster, { replace: true });
  } finally {
    client.destroy();
  }
  return { roster, pins };
}
