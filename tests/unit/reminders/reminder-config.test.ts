import { describe, expect, it } from 'vitest';
import { parseReminderConfig, sweepSettingsFrom } from '../../../shared/reminders/reminder-config.js';
import { DEFAULT_SWEEP_SETTINGS } from '../../../shared/reminders/sweep.js';

describe('the reminders function configuration', () => {
  it('needs only the table name, and needs no Twilio secret', () => {
    const config = parseReminderConfig({ TABLE_NAME: 'hotline' });

    expect(sweepSettingsFrom(config, 60_000)).toEqual({ ...DEFAULT_SWEEP_SETTINGS, timeBudgetMs: 60_000 });
  });

  it('reads the send rate, lease, lookback and attempts from the environment', () => {
    const config = parseReminderConfig({
      TABLE_NAME: 'hotline',
      REMINDER_SEND_RATE: '2.5',
      REMINDER_LEASE_SECONDS: '900',
      REMINDER_LOOKBACK_DAYS: '3',
      REMINDER_SEND_ATTEMPTS: '5',
    });

    expect(sweepSettingsFrom(config, 1_000)).toMatchObject({
      sendRatePerSecond: 2.5,
      leaseSeconds: 900,
      lookbackDays: 3,
      sendAttempts: 5,
    });
  });

  it.each([
    ['a sender id longer than 11 characters', { SMS_SENDER_ID: 'MigrantHotline' }],
    ['a sender id of digits only', { SMS_SENDER_ID: '12345' }],
    ['a price that is not a number', { SMS_MAX_PRICE_USD: 'cheap' }],
    ['a send rate of zero', { REMINDER_SEND_RATE: '0' }],
    ['no table', { TABLE_NAME: '' }],
  ])('refuses %s', (_, env) => {
    expect(() => parseReminderConfig({ TABLE_NAME: 'hotline', ...env })).toThrow(/reminders configuration/);
  });
});
