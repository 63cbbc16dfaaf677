// A write that lands after the webhook gave up on it (#16): DynamoDB commits the caller's transaction, but
// the answer never reaches the handler (a stalled connection, a timeout). The caller gets the apology; the
// case is open all the same, and its notice to the volunteers still leaves, because it was an outbox item
// in that very transaction. Twilio's retry of the same message then changes nothing and sends nothing twice.
// The stall is real: a middleware on the handlers' own DynamoDB client lets the request through and then
// throws the SDK's timeout, as a socket that died after the commit would.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { LocalHotline } from '../../local/hotline.js';
import { createDocumentClient, documentClient } from '../../shared/adapters/dynamodb/client.js';
import { DynamoRosterStore } from '../../shared/adapters/dynamodb/roster-store.js';
import { SMS_APOLOGY } from '../../shared/messages/system.js';
import { parseRoster } from '../../shared/volunteers/volunteer.js';
import {
  itemsOfCaller,
  messageBodies,
  postSigned,
  setClock,
  sid,
  smsParams,
  startTestHotline,
  uniquePhone,
} from '../support/local-hotline.js';

const HOTLINE = '+381110000000';
const VOLUNTEER = '+381600000301';
/** Wednesday 25 November 2026, 12:00 in Belgrade. */
const WEDNESDAY_NOON = '2026-11-25T11:00:00.000Z';

let hotline: LocalHotline;
/** Transactions still to stall: each is committed, then its answer is lost. */
let stalls = 0;

beforeAll(async () => {
  hotline = await startTestHotline();
  const roster = parseRoster([
    {
      volunteerId: 'aida',
      name: 'Aida',
      phone: VOLUNTEER,
      languages: ['ru', 'ky'],
      shifts: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '18:00' }],
    },
  ]);
  await new DynamoRosterStore(createDocumentClient(inject('dynamoEndpoint')), hotline.tableName).importRoster(
    roster,
    { replace: true },
  );
  await setClock(hotline, WEDNESDAY_NOON);
  // The handlers run in this process and share one client per container (documentClient): the same one.
  documentClient({ DYNAMODB_ENDPOINT: inject('dynamoEndpoint') }).middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      if (context.commandName === 'TransactWriteItemsCommand' && stalls > 0) {
        stalls--;
        throw Object.assign(new Error('socket hang up after the commit'), { name: 'TimeoutError' });
      }
      return result;
    },
    { step: 'initialize', name: 'stallAfterCommit' },
  );
});

afterAll(async () => {
  await setClock(hotline, null);
  await hotline.stop();
});

describe('a write that lands after the apology', () => {
  it('still opens the case and tells the volunteer, and the retried webhook sends nothing twice', async () => {
    const caller = uniquePhone('+996');
    await postSigned(hotline, '/sms', { ...smsParams(caller, 'салам'), To: HOTLINE });
    await hotline.settled();
    const toVolunteer = () => hotline.outbox.list().filter((m) => m.to === VOLUNTEER);
    const before = toVolunteer().length;

    stalls = 1;
    const params = { ...smsParams(caller, 'ЧЕЛОВЕК мне не платят', sid('SM')), To: HOTLINE };
    const first = await postSigned(hotline, '/sms', params);
    await hotline.settled();

    expect(stalls).toBe(0);
    expect(first.status).toBe(200);
    expect(messageBodies(first)).toEqual([SMS_APOLOGY]);
    const profile = (await itemsOfCaller(hotline, caller)).find((item) => item.sk === 'PROFILE');
    expect(profile?.openCase).toMatch(/^[1-9]\d{5}$/);
    const notices = toVolunteer().slice(before);
    expect(notices).toHaveLength(1);
    expect(notices[0]?.body).toContain(String(profile?.openCase));

    // Twilio retries the message it got the apology for: the answer the write stored, no second case or notice.
    const retried = await postSigned(hotline, '/sms', params);
    await hotline.settled();
    expect(messageBodies(retried).join('\n')).toContain(String(profile?.openCase));
    expect(toVolunteer().slice(before)).toHaveLength(1);
    const again = (await itemsOfCaller(hotline, caller)).find((item) => item.sk === 'PROFILE');
    expect(again?.openCase).toBe(profile?.openCase);
  });
});
