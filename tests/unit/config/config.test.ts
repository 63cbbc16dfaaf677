import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../../shared/config.js';

const local = {
  TABLE_NAME: 'hotline',
  PUBLIC_BASE_URL: 'https://example.org/hotline/',
  TWILIO_AUTH_TOKEN: 'token',
  CALLER_HASH_KEY: 'a-key-of-sixteen-chars',
};

describe('hotline configuration', () => {
  it('drops a trailing slash from the public URL, so signatures match what Twilio signs', () => {
    expect(parseConfig(local).PUBLIC_BASE_URL).toBe('https://example.org/hotline');
  });

  it('defaults retention to 180 days and reads a configured value as a number', () => {
    expect(parseConfig(local).RETENTION_DAYS).toBe(180);
    expect(parseConfig({ ...local, RETENTION_DAYS: '30' }).RETENTION_DAYS).toBe(30);
  });

  it('names every variable that is missing or wrong in one clear error', () => {
    expect(() => parseConfig({ PUBLIC_BASE_URL: 'not a url', RETENTION_DAYS: '0' })).toThrow(
      /TABLE_NAME.*PUBLIC_BASE_URL.*RETENTION_DAYS/,
    );
  });

  it('demands a secret source: the deployed secret id, or both local secrets', () => {
    const { TWILIO_AUTH_TOKEN: _token, ...withoutToken } = local;

    expect(() => parseConfig(withoutToken)).toThrow(ConfigError);
    expect(
      parseConfig({ ...withoutToken, TWILIO_SECRET_ID: 'arn:aws:secretsmanager:x' }).TWILIO_SECRET_ID,
    ).toBe('arn:aws:secretsmanager:x');
  });
});
