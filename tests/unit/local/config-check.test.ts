import { describe, expect, it } from 'vitest';
import { checkLocalEnvironment } from '../../../local/config-check.js';

describe('npm start checks the whole configuration before it listens', () => {
  it('accepts an empty environment: every local default is good', () => {
    const { problems, settings } = checkLocalEnvironment({});

    expect(problems).toEqual([]);
    expect(settings).toEqual({ port: 3000, dynamoDbPort: 8000, inMemory: false });
  });

  it('names each bad variable once, with its value and what it expects', () => {
    const { problems } = checkLocalEnvironment({
      PORT: 'abc',
      RETENTION_DAYS: 'abc',
      LOG_LEVEL: 'verbose',
      CASE_RENOTIFY_MINUTES: '0',
    });

    expect(problems).toHaveLength(4);
    expect(problems).toContainEqual(
      expect.stringMatching(/^PORT="abc": expected a port number from 1 to 65535/),
    );
    expect(problems).toContainEqual(
      expect.stringMatching(/^RETENTION_DAYS="abc": expected a whole number of days from 1 to 3650/),
    );
    expect(problems).toContainEqual(
      expect.stringMatching(/^LOG_LEVEL="verbose": expected debug, info, warn or error/),
    );
    expect(problems).toContainEqual(
      expect.stringMatching(/^CASE_RENOTIFY_MINUTES="0": expected a whole number/),
    );
  });

  it('checks what only the reminder sweep reads too', () => {
    const { problems } = checkLocalEnvironment({ REMINDER_SEND_RATE: 'fast' });

    expect(problems).toEqual([
      expect.stringMatching(/^REMINDER_SEND_RATE="fast": expected texts per second/),
    ]);
  });

  it('never prints the value of a secret it refuses', () => {
    const { problems } = checkLocalEnvironment({ CALLER_HASH_KEY: 'short-secret' });

    expect(problems).toEqual([
      expect.stringMatching(/^CALLER_HASH_KEY=\(hidden\): expected a secret of at least 16/),
    ]);
    expect(problems.join('\n')).not.toContain('short-secret');
  });

  it('refuses the same port for the runtime and DynamoDB Local, and a public URL that is no URL', () => {
    const { problems } = checkLocalEnvironment({
      PORT: '4000',
      DYNAMODB_PORT: '4000',
      PUBLIC_BASE_URL: 'tunnel',
    });

    expect(problems).toContainEqual(
      expect.stringMatching(/^DYNAMODB_PORT="4000": expected .*not the same as PORT/),
    );
    expect(problems).toContainEqual(
      expect.stringMatching(/^PUBLIC_BASE_URL="tunnel": expected the http\(s\) URL/),
    );
  });

  it('reads --in-memory and HOTLINE_IN_MEMORY=1 alike', () => {
    expect(checkLocalEnvironment({}, true).settings.inMemory).toBe(true);
    expect(checkLocalEnvironment({ HOTLINE_IN_MEMORY: '1' }).settings.inMemory).toBe(true);
    expect(checkLocalEnvironment({ HOTLINE_IN_MEMORY: 'yes' }).problems).toEqual([
      expect.stringMatching(/^HOTLINE_IN_MEMORY="yes": expected 1 \(keep nothing\) or 0/),
    ]);
  });
});
