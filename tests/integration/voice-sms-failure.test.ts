// After a voice step's SMS fails, the caller hears that it failed, and so does a replay of the same step:
// the stored answer is replaced, never left saying "SMS sent".
import { randomBytes } from 'node:crypto';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { ensureHotlineTable, localDynamoDbClient } from '../../local/dynamodb-local.js';
import { DynamoCallerStore } from '../../shared/adapters/dynamodb/caller-store.js';
import { DynamoCaseStore } from '../../shared/adapters/dynamodb/case-store.js';
import { DynamoRosterStore } from '../../shared/adapters/dynamodb/roster-store.js';
import { fixedClock } from '../../shared/clock.js';
import { createLogger } from '../../shared/logger.js';
import { SmsRejectedError } from '../../shared/ports/notifier.js';
import { answerCall, type CallStep } from '../../shared/use-cases/answer-call.js';
import { planTransfer } from '../../shared/use-cases/volunteer-call.js';
import { ivrTwiml } from '../../shared/voice/ivr-twiml.js';

const table = `voice-sms-${randomBytes(4).toString('hex')}`;
const config = { PUBLIC_BASE_URL: 'https://hotline.example', PROMPTS_BASE_URL: undefined };

beforeAll(async () => {
  await ensureHotlineTable(inject('dynamoEndpoint'), table);
});

describe('a voice step whose SMS fails', () => {
  it('tells the caller the SMS failed, and a replay of the step says the same', async () => {
    const client = DynamoDBDocumentClient.from(localDynamoDbClient(inject('dynamoEndpoint')), {
      marshallOptions: { removeUndefinedValues: true },
    });
    const cases = new DynamoCaseStore(client, table);
    let attempts = 0;
    const ports = {
      callers: new DynamoCallerStore(client, table),
      notifier: {
        sendSms: async () => {
          attempts++;
          throw new SmsRejectedError('InvalidParameter', false);
        },
      },
      clock: fixedClock(new Date('2026-04-01T10:00:00Z')),
      render: (reply: Parameters<typeof ivrTwiml>[1]) => ivrTwiml(config, reply),
      retentionDays: 180,
      log: createLogger({ level: 'error' }),
      volunteers: {
        cases,
        roster: new DynamoRosterStore(client, table),
        plan: (input: Omit<Parameters<typeof planTransfer>[0], 'config' | 'newCode'>) =>
          planTransfer({
            ...input,
            newCode: () => '12345',
            config: { ...config, ringSeconds: 25, voicemailMaxSeconds: 120, renotifyMinutes: 10 },
          }),
      },
    };
    const step: CallStep = {
      callSid: `CA${randomBytes(16).toString('hex')}`,
      hotline: '+381110000000',
      caller: { callerId: `caller-${randomBytes(4).toString('hex')}`, phone: '+381641234567' },
      input: {
        kind: 'keys',
        route: { step: 'saved', language: 'ru', turn: 5, failures: 0, date: '2026-03-12' },
        digits: '1',
      },
    };

    const first = await answerCall(ports, step);
    const replay = await answerCall(ports, step);

    expect(first.outcome).toBe('sms_failed');
    expect(first.twiml).toContain('не отправлено');
    expect(first.twiml).not.toContain('SMS отправлено');
    expect(replay).toMatchObject({ outcome: 'replay', twiml: first.twiml });
    expect(attempts).toBe(1);
  });
});
