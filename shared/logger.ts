// Structured JSON logs. The people behind these numbers can be deported or exploited, so a log line
// never carries a full phone number or a message body: known sensitive fields are dropped and every
// string is passed through the phone mask.
import { maskPhone } from './privacy.js';

type Level = 'debug' | 'info' | 'warn' | 'error';
const LEVELS: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Field names whose values are message content or phone numbers (Twilio's and ours). */
const SENSITIVE_KEYS = new Set(
  [
    'body',
    'text',
    'from',
    'to',
    'phone',
    'caller',
    'called',
    'recordingurl',
    'digits',
    'speechresult',
    'unredacted',
    'authorization',
    'x-twilio-signature',
  ].map((key) => key.toLowerCase()),
);

/** Our own identifiers: never phone numbers, and masking would break log correlation. */
const SAFE_KEYS = new Set(['requestId', 'callerRef', 'time', 'level', 'event', 'route']);

export interface LogContext {
  requestId?: string;
  callerRef?: string;
  [key: string]: unknown;
}

export interface Logger {
  debug(event: string, fields?: Record<string, unknown>): void;
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
  child(context: LogContext): Logger;
}

export type LogSink = (line: string) => void;

/**
 * Where log lines go when a logger was given no sink of its own. In Lambda: one JSON line on stdout, which
 * CloudWatch (and its metric extraction) reads. `npm start` turns them into one readable line per request
 * (local/request-log.ts); tests set HOTLINE_LOG_SINK=console so Vitest shows them only for a failing test.
 */
const defaultSink: LogSink =
  process.env.HOTLINE_LOG_SINK === 'console'
    ? (line) => console.log(line)
    : (line) => process.stdout.write(`${line}\n`);
let currentSink: LogSink = defaultSink;

/** Sends every logger without a sink of its own to `sink` (undefined: back to the default). */
export function setLogSink(sink: LogSink | undefined): void {
  currentSink = sink ?? defaultSink;
}

/** LOG_LEVEL of the environment, read when a line is written; an unknown value counts as info. */
function environmentLevel(): Level {
  const configured = process.env.LOG_LEVEL?.toLowerCase();
  return configured && configured in LEVELS ? (configured as Level) : 'info';
}

export function createLogger(options: { level?: Level; context?: LogContext; sink?: LogSink } = {}): Logger {
  const context = options.context ?? {};
  const sink: LogSink = options.sink ?? ((line) => currentSink(line));
  const write = (level: Level, event: string, fields?: Record<string, unknown>) => {
    if (LEVELS[level] < LEVELS[options.level ?? environmentLevel()]) return;
    const entry = { level, time: new Date().toISOString(), event, ...context, ...fields };
    sink(JSON.stringify(redact(entry, 0)));
  };
  return {
    debug: (event, fields) => write('debug', event, fields),
    info: (event, fields) => write('info', event, fields),
    warn: (event, fields) => write('warn', event, fields),
    error: (event, fields) => write('error', event, fields),
    child: (more) => createLogger({ ...options, context: { ...context, ...more } }),
  };
}

/** Returns a copy safe to log: sensitive keys replaced, phone numbers masked, errors flattened. */
export function redact(value: unknown, depth: number): unknown {
  if (depth > 6) return '[deep]';
  if (typeof value === 'string') return maskPhone(value);
  if (value instanceof Error) {
    return {
      name: value.name,
      message: maskPhone(value.message),
      stack: value.stack ? maskPhone(value.stack) : undefined,
    };
  }
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  if (value && typeof value === 'object') {
    const safe: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      if (SENSITIVE_KEYS.has(key.toLowerCase())) safe[key] = '[redacted]';
      else if (SAFE_KEYS.has(key) && typeof inner === 'string') safe[key] = inner;
      else safe[key] = redact(inner, depth + 1);
    }
    return safe;
  }
  return value;
}

/** The webhooks' logger: its level is LOG_LEVEL (an unknown value, which `npm start` refuses, counts as info). */
export const logger: Logger = createLogger();
