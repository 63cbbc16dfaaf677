// `npm start` checks the whole configuration before it listens: its own variables (ports, data folder) and
// everything each function's schema reads, with the values the local runtime would give the handlers. A
// bad value is one line naming the variable, the value and what is expected; nothing starts.
import { chaseConfigIssues } from '../shared/cases/chase-config.js';
import { configIssues } from '../shared/config.js';
import type { ConfigIssue } from '../shared/config-issues.js';
import { reminderConfigIssues } from '../shared/reminders/reminder-config.js';
import { handlerEnvironment, LOCAL_DEFAULTS } from './hotline.js';

/** What each variable takes, in words a person setting it can act on. */
const EXPECTED: Record<string, string> = {
  PORT: 'a port number from 1 to 65535',
  DYNAMODB_PORT: 'a port number from 1 to 65535, not the same as PORT',
  HOTLINE_IN_MEMORY: '1 (keep nothing) or 0',
  TABLE_NAME: 'a DynamoDB table name (letters, digits, _ - .; 3 to 255)',
  PUBLIC_BASE_URL: 'the http(s) URL Twilio calls, e.g. https://abc.example-tunnel.org',
  PROMPTS_BASE_URL: 'an http(s) URL',
  TWILIO_AUTH_TOKEN: 'the auth token of your Twilio account (not empty)',
  CALLER_HASH_KEY: 'a secret of at least 16 characters',
  RETENTION_DAYS: 'a whole number of days from 1 to 3650',
  CASE_RENOTIFY_MINUTES: 'a whole number of minutes from 1 to 1440',
  ROSTER_CACHE_SECONDS: 'a whole number of seconds from 0 to 3600',
  VOLUNTEER_RING_SECONDS: 'a whole number of seconds from 5 to 60',
  VOICEMAIL_MAX_SECONDS: 'a whole number of seconds from 10 to 600',
  SMS_SENDER_ID: '1 to 11 letters or digits, at least one letter',
  SMS_MAX_PRICE_USD: 'a price in USD such as 0.50',
  REMINDER_SEND_RATE: 'texts per second, from 0.1 to 1000',
  REMINDER_LEASE_SECONDS: 'seconds from 30 to 86400',
  REMINDER_LOOKBACK_DAYS: 'days from 0 to 60',
  REMINDER_SEND_ATTEMPTS: 'tries from 1 to 10',
  TWILIO_API_BASE: 'an http(s) URL',
  LOG_LEVEL: 'debug, info, warn or error',
};

export interface LocalSettings {
  port: number;
  dynamoDbPort: number;
  inMemory: boolean;
}

export interface CheckedEnvironment {
  settings: LocalSettings;
  /** One line per bad variable; empty when everything is good. */
  problems: string[];
}

/** Checks `env` as `npm start` would run with it (`inMemoryFlag`: the `--in-memory` argument). */
export function checkLocalEnvironment(
  env: Record<string, string | undefined>,
  inMemoryFlag = false,
): CheckedEnvironment {
  const issues: ConfigIssue[] = [];
  const port = portOf(env, 'PORT', LOCAL_DEFAULTS.port, issues);
  const dynamoDbPort = portOf(env, 'DYNAMODB_PORT', LOCAL_DEFAULTS.dynamoDbPort, issues);
  if (port === dynamoDbPort) issues.push({ variable: 'DYNAMODB_PORT', message: `the same port as PORT` });
  const memory = env.HOTLINE_IN_MEMORY;
  if (memory !== undefined && !['', '0', '1'].includes(memory)) {
    issues.push({ variable: 'HOTLINE_IN_MEMORY', message: 'not 0 or 1' });
  }
  const publicBaseUrl = env.PUBLIC_BASE_URL ?? `http://127.0.0.1:${port}`;
  if (env.PUBLIC_BASE_URL !== undefined && !/^https?:\/\/[^/\s]+/.test(env.PUBLIC_BASE_URL)) {
    issues.push({ variable: 'PUBLIC_BASE_URL', message: 'not an http(s) URL' });
  }
  // What the handlers would be given: the same values local/hotline.ts sets before the first request.
  const handlerEnv = {
    ...env,
    ...handlerEnvironment(env, {
      tableName: env.TABLE_NAME ?? LOCAL_DEFAULTS.tableName,
      publicBaseUrl: publicBaseUrl.replace(/\/+$/, ''),
      authToken: env.TWILIO_AUTH_TOKEN ?? LOCAL_DEFAULTS.twilioAuthToken,
      url: `http://127.0.0.1:${port}`,
      dynamoEndpoint: `http://127.0.0.1:${dynamoDbPort}`,
    }),
  };
  issues.push(
    ...configIssues(handlerEnv),
    ...reminderConfigIssues(handlerEnv),
    ...chaseConfigIssues(handlerEnv),
  );

  const seen = new Set<string>();
  const problems: string[] = [];
  for (const issue of issues) {
    if (seen.has(issue.variable)) continue;
    seen.add(issue.variable);
    const value = env[issue.variable];
    const shown =
      value === undefined ? '(not set)' : /TOKEN|KEY|SECRET/.test(issue.variable) ? '(hidden)' : `"${value}"`;
    const expected = EXPECTED[issue.variable];
    problems.push(
      `${issue.variable}=${shown}: ${expected ? `expected ${expected}` : issue.message}${expected ? ` (${issue.message})` : ''}`,
    );
  }
  return {
    settings: { port, dynamoDbPort, inMemory: inMemoryFlag || memory === '1' },
    problems,
  };
}

function portOf(
  env: Record<string, string | undefined>,
  name: string,
  fallback: number,
  issues: ConfigIssue[],
): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port < 1 || port > 65_535) {
    issues.push({ variable: name, message: 'not a port number' });
    return fallback;
  }
  return port;
}
