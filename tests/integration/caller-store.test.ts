import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { LocalHotline } from '../../local/hotline.js';
import { DynamoCallerStore } from '../../shared/adapters/dynamodb/caller-store.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { callerIdFor } from '../../shared/privacy.js';
import {
  itemsOfCaller,
  postSigned,
  setClock,
  smsParams,
  startTestHotline,
  TEST_HASH_KEY,
  uniquePhone,
} from '../support/local-hotline.js';

let hotline: LocalHotline;

beforeAll(async () => {
  hotline = await startTestHotline();
  await setClock(hotline, '2026-03-01T10:00:00Z');
});

afterAll(async () => {
  await hotline.stop();
});

const text = (phone: string, body: string) => postSigned(hotline, '/sms', smsParams(phone, body));

describe('caller data in DynamoDB', () => {
  it('keeps permit reminders and the profile until the reminders are due, even years past the retention', async () => {
    const phone = uniquePhone('+996');
    await text(phone, 'жардам');

    await text(phone, 'уруксат 01.02.2028');

    const items = await itemsOfCaller(hotline, phone);
    const reminders = items.filter((item) => item.type === 'reminder');
    expect(reminders.length).toBeGreaterThan(0);
    for (const reminder of reminders) {
      expect(Number(reminder.expiresAt)).toBeGreaterThan(Date.parse(String(reminder.dueAt)) / 1000);
    }
    const profile = items.find((item) => item.sk === 'PROFILE');
    const latest = Math.max(...reminders.map((reminder) => Number(reminder.expiresAt)));
    expect(Number(profile?.expiresAt)).toBeGreaterThanOrEqual(latest);
  });

  it('deletes the profile last, so an erasure cut short leaves the caller able to confirm again', async () => {
    const phone = uniquePhone('+996');
    await text(phone, 'жардам');
    await text(phone, 'кирдим 20.02.2026');
    // 22 handled messages sort before PROFILE, the reminders after it: more than one batch of 25.
    for (let index = 0; index < 20; index++) await text(phone, `${index}`);
    expect((await itemsOfCaller(hotline, phone)).length).toBeGreaterThan(25);
    const real = createDocumentClient(inject('dynamoEndpoint'));
    let batches = 0;
    const failingAfterOneBatch = {
      send: (command: unknown) => {
        if (command instanceof BatchWriteCommand && ++batches > 1) throw new Error('Lambda timed out');
        return real.send(command as never);
      },
    } as unknown as DynamoDBDocumentClient;
    const store = new DynamoCallerStore(failingAfterOneBatch, hotline.tableName);

    await expect(
      store.eraseCaller(callerIdFor(phone, TEST_HASH_KEY), {
        messageSid: 'SMcut',
        replyTwiml: '<Response/>',
        expiresAt: 0,
      }),
    ).rejects.toThrow('Lambda timed out');

    const left = await itemsOfCaller(hotline, phone);
    expect(left.some((item) => item.sk === 'PROFILE')).toBe(true);
    real.destroy();
  });
});
