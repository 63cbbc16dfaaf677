// The admin command line (`npm run admin -- volunteers ...`, `blocklist ...`, `telegram ...`), as a function
// so the tests run it in-process against DynamoDB Local and the local Bot API stand-in. scripts/admin.ts is
// the thin entry that hands it process.argv and sets the exit code.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { en } from 'zod/locales';
import * as z from 'zod/mini';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../local/dynamodb-local.js';
import { LOCAL_DEFAULTS } from '../local/hotline.js';
import { type RuntimeInfo, readRuntimeInfo } from '../local/runtime-file.js';
import { DynamoConsoleStore } from '../shared/adapters/dynamodb/console-store.js';
import { DynamoRosterStore } from '../shared/adapters/dynamodb/roster-store.js';
import { DynamoBlockList } from '../shared/adapters/dynamodb/usage-store.js';
import { TELEGRAM_DEFAULT_API_BASE, telegramBotApi } from '../shared/adapters/telegram/bot-api.js';
import { isBlocking } from '../shared/limits/windows.js';
import { VolunteerExistsError, VolunteerNotFoundError } from '../shared/ports/roster.js';
import { callerIdFor, maskPhone } from '../shared/privacy.js';
import {
  formatShifts,
  formatShiftTime,
  isOnShift,
  parseRoster,
  parseShiftList,
  parseVolunteer,
  shiftSchema,
  type Volunteer,
  VolunteerValidationError,
  volunteerSchema,
  withSessionRule,
} from '../shared/volunteers/volunteer.js';

// zod/mini ships without messages ("Invalid input"); an admin deserves "expected boolean, received string".
// Only this process loads them: the webhooks stay small.
z.config(en());

export interface AdminIo {
  out(line: string): void;
  err(line: string): void;
}

export type AdminEnv = Record<string, string | undefined>;

export interface AdminOptions {
  /** "Now" for the list's on-shift column. */
  now?: () => Date;
  /** The running `npm start` (its .local-data/runtime.json), for the default target. */
  runtime?: () => RuntimeInfo | undefined;
}

export const USAGE = `Usage: npm run admin -- volunteers <command> [options]
       npm run admin -- blocklist <command> [options]
       npm run admin -- telegram <command> [options]

Commands:
  volunteers list [--json]
      The roster: id, name, phone, languages, shifts, active, coordinator, on shift now.
      --json prints it in the import format (the target line then goes to stderr).
  volunteers add --id ID --name NAME --phone E164 --languages ky,ru [--shifts SHIFTS]
                 [--coordinator] [--inactive] [--pin 123456]
  volunteers update ID [--name NAME] [--phone E164] [--languages ky,ru] [--shifts SHIFTS]
                 [--coordinator | --no-coordinator] [--active | --inactive] [--pin 123456]
      Changes only the fields given (--shifts "" removes every shift).
  volunteers remove ID
  volunteers import FILE.json [--replace]
      FILE.json: an array of volunteers, or {"volunteers": [...]} (what list --json prints).
      Validated whole, then written in one transaction: all or nothing.
      --replace also removes the volunteers the file does not name.
  help

LANGUAGES: the callers' languages the volunteer takes cases in, ky and/or ru. The first is also the
language the hotline texts them in: ru,ky reads Russian, ky,ru or ky reads Kyrgyz. Calls to volunteers
(the whisper, PIN and dialback prompts) are in Russian for everyone.

PIN: six digits a volunteer types before a case code when calling a migrant back through the
hotline (a caller id can be faked); stored only as a salted hash. In a file: "pin": "123456".

SHIFTS, in Belgrade time: "mon-fri 09:00-18:00; sat,sun 10:00-14:00". A shift ending at or before
its start runs past midnight (22:00-06:00); 00:00-24:00 is the whole day.

Target (any command):
  --endpoint URL    DynamoDB endpoint (env DYNAMODB_ENDPOINT)
  --table NAME      table name (env TABLE_NAME)
  --region REGION   AWS region (env AWS_REGION)
  With neither endpoint nor table: the running \`npm start\` (found through .local-data/runtime.json, or
  table "${LOCAL_DEFAULTS.tableName}" at http://127.0.0.1:${LOCAL_DEFAULTS.dynamoDbPort}, port from env DYNAMODB_PORT). With a table and no endpoint: the
  deployed table, with the usual AWS credentials (AWS_PROFILE, AWS_ACCESS_KEY_ID, ...).

Block list (numbers that get no answer, no reply and no call; STOP and erasure still work for them):
  blocklist list
  blocklist add E164 [--reason TEXT] [--hours N]     N hours, or until removed
  blocklist remove E164
  The number is stored only as its keyed hash (the caller id) and masked (+381•••••67). The hash key is
  env CALLER_HASH_KEY; for npm start's table its local default. For a deployed table, read it from the
  stack's Twilio secret (docs/operations.md).

Telegram (docs/telegram.md):
  telegram set-webhook [--url URL]
      Points Telegram at the hotline's POST /telegram, with the webhook secret, for new messages only.
      URL: the stack's TelegramWebhookUrl output, or the public base URL (/telegram is added); default
      env PUBLIC_BASE_URL + /telegram. https only (http only for this machine: the local stand-in).
  telegram webhook-info
      The URL Telegram delivers to, the updates waiting there, and Telegram's last delivery error.
  The bot token is env TELEGRAM_BOT_TOKEN, the webhook secret TELEGRAM_WEBHOOK_SECRET (in AWS: both from the
  stack's channels secret, docs/telegram.md), the Bot API TELEGRAM_API_BASE (default ${TELEGRAM_DEFAULT_API_BASE}).
  With neither TELEGRAM_API_BASE nor TELEGRAM_BOT_TOKEN: the running \`npm start\`'s stand-in, with the local
  token and secret. Neither the token nor the secret is ever printed.

Exit codes: 0 done, 1 refused (invalid input, unknown id, unreachable table or Bot API, refused by
Telegram; nothing written), 2 usage.`;

const OPTIONS = {
  endpoint: { type: 'string' },
  table: { type: 'string' },
  region: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  json: { type: 'boolean' },
  replace: { type: 'boolean' },
  id: { type: 'string' },
  name: { type: 'string' },
  phone: { type: 'string' },
  languages: { type: 'string' },
  shifts: { type: 'string' },
  coordinator: { type: 'boolean' },
  'no-coordinator': { type: 'boolean' },
  active: { type: 'boolean' },
  inactive: { type: 'boolean' },
  pin: { type: 'string' },
  reason: { type: 'string' },
  hours: { type: 'string' },
  url: { type: 'string' },
} as const;

type OptionName = keyof typeof OPTIONS;
type Values = ReturnType<typeof parseCommandLine>['values'];

const TARGET_OPTIONS: OptionName[] = ['endpoint', 'table', 'region', 'help'];

const COMMANDS = {
  list: { options: ['json'], positionals: [] },
  add: {
    options: ['id', 'name', 'phone', 'languages', 'shifts', 'coordinator', 'inactive', 'pin'],
    positionals: [],
  },
  update: {
    options: [
      'name',
      'phone',
      'languages',
      'shifts',
      'coordinator',
      'no-coordinator',
      'active',
      'inactive',
      'pin',
    ],
    positionals: ['ID'],
  },
  remove: { options: [], positionals: ['ID'] },
  import: { options: ['replace'], positionals: ['FILE.json'] },
} as const satisfies Record<string, { options: readonly OptionName[]; positionals: readonly string[] }>;

type Command = keyof typeof COMMANDS;

/** Wrong words on the command line: usage, exit code 2. */
class UsageError extends Error {}

/** A refusal with the lines that explain it: exit code 1. */
class AdminError extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join('\n'));
  }
}

function parseCommandLine(argv: string[]) {
  return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
}

export async function runAdmin(
  argv: string[],
  io: AdminIo,
  env: AdminEnv,
  options: AdminOptions = {},
): Promise<number> {
  let target: Target | undefined;
  try {
    let parsed: ReturnType<typeof parseCommandLine>;
    try {
      parsed = parseCommandLine(argv);
    } catch (error) {
      if (isParseArgsError(error)) throw new UsageError(error.message.replace(/\. To specify .*$/s, ''));
      throw error;
    }
    const { values, positionals } = parsed;
    const [group, commandName, ...args] = positionals;
    if (group === undefined || group === 'help' || values.help) {
      io.out(USAGE);
      return 0;
    }
    if (group === 'blocklist') return await blocklist(commandName, args, values, io, env, options);
    if (group === 'telegram') return await telegram(commandName, args, values, io, env, options);
    if (group !== 'volunteers') throw new UsageError(`Unknown command "${group}"`);
    if (commandName === undefined)
      throw new UsageError('volunteers: which command? list, add, update, remove, import');
    if (commandName === 'help') {
      io.out(USAGE);
      return 0;
    }
    if (!Object.hasOwn(COMMANDS, commandName)) {
      throw new UsageError(`Unknown command "volunteers ${commandName}"`);
    }
    const command = commandName as Command;
    checkCommandLine(command, values, args);

    target = resolveTarget(values, env, (options.runtime ?? readRuntimeInfo)());
    const client = createClient(target);
    try {
      const described = await describeTarget(target, client);
      // With --json stdout stays pure JSON, ready for a file.
      (command === 'list' && values.json ? io.err : io.out)(described);
      const store = new DynamoRosterStore(client, target.tableName);
      const consoleStore = new DynamoConsoleStore(client, target.tableName);
      const now = options.now ?? (() => new Date());
      switch (command) {
        case 'list':
          await list(store, io, values.json === true, now());
          break;
        case 'add':
          await add(store, io, values, now());
          break;
        case 'update':
          await update(store, io, args[0]!, values, now());
          break;
        case 'remove':
          await store.remove(args[0]!);
          // Their console passkeys go with them.
          await consoleStore.deletePasskeysOf(args[0]!);
          io.out(`removed ${args[0]}`);
          break;
        case 'import': {
          const removed = await importFile(store, io, args[0]!, values.replace === true, now());
          for (const id of removed) await consoleStore.deletePasskeysOf(id);
          break;
        }
      }
    } finally {
      client.destroy();
    }
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${error.message}\n`);
      io.err(USAGE);
      return 2;
    }
    for (const line of explain(error, target)) io.err(line);
    return 1;
  }
}

function isParseArgsError(error: unknown): error is Error & { code: string } {
  return error instanceof Error && String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS');
}

function checkCommandLine(command: Command, values: Values, args: string[]): void {
  const spec = COMMANDS[command];
  const allowed = new Set<OptionName>([...TARGET_OPTIONS, ...spec.options]);
  for (const name of Object.keys(values) as OptionName[]) {
    if (!allowed.has(name)) throw new UsageError(`volunteers ${command} takes no --${name}`);
  }
  if (args.length !== spec.positionals.length) {
    const wanted = spec.positionals.length === 0 ? 'nothing' : spec.positionals.join(' ');
    throw new UsageError(
      `volunteers ${command} takes ${wanted} after the command${args.length > 0 ? `, not "${args.join(' ')}"` : ''}`,
    );
  }
  if (values.coordinator && values['no-coordinator']) {
    throw new UsageError('--coordinator and --no-coordinator contradict each other');
  }
  if (values.active && values.inactive) throw new UsageError('--active and --inactive contradict each other');
}

// --- Target ------------------------------------------------------------------------------------------

interface Target {
  tableName: string;
  /** Undefined: AWS itself. */
  endpoint: string | undefined;
  /** A DynamoDB on this machine (DynamoDB Local): local credentials and region. */
  loopback: boolean;
  /** Neither endpoint nor table given: the `npm start` runtime. */
  localDefault: boolean;
  region: string | undefined;
}

function resolveTarget(values: Values, env: AdminEnv, running: RuntimeInfo | undefined): Target {
  const given = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);
  const endpoint = given(values.endpoint) ?? given(env.DYNAMODB_ENDPOINT);
  const tableName = given(values.table) ?? given(env.TABLE_NAME);
  const region = given(values.region) ?? given(env.AWS_REGION);
  if (endpoint === undefined && tableName === undefined) {
    const port = given(env.DYNAMODB_PORT);
    // The running `npm start`, whatever ports it was given; DYNAMODB_PORT names another one.
    if (running && port === undefined) {
      return {
        tableName: running.tableName,
        endpoint: running.dynamoEndpoint,
        loopback: true,
        localDefault: true,
        region: given(values.region) ?? LOCAL_REGION,
      };
    }
    return {
      tableName: LOCAL_DEFAULTS.tableName,
      endpoint: `http://127.0.0.1:${port ?? LOCAL_DEFAULTS.dynamoDbPort}`,
      loopback: true,
      localDefault: true,
      region: given(values.region) ?? LOCAL_REGION,
    };
  }
  if (endpoint === undefined) {
    return { tableName: tableName!, endpoint, loopback: false, localDefault: false, region };
  }
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new UsageError(`--endpoint "${endpoint}" is not a URL (like http://127.0.0.1:8000)`);
  }
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  return {
    tableName: tableName ?? LOCAL_DEFAULTS.tableName,
    endpoint: endpoint.replace(/\/+$/, ''),
    loopback,
    localDefault: false,
    // DynamoDB Local of `npm start` shares one database whatever the region; keep the local one.
    region: loopback ? (given(values.region) ?? LOCAL_REGION) : region,
  };
}

function createClient(target: Target): DynamoDBDocumentClient {
  const base = target.loopback
    ? new DynamoDBClient({
        endpoint: target.endpoint,
        region: target.region,
        credentials: LOCAL_CREDENTIALS,
        maxAttempts: 1,
      })
    : new DynamoDBClient({
        ...(target.endpoint ? { endpoint: target.endpoint } : {}),
        ...(target.region ? { region: target.region } : {}),
      });
  return DynamoDBDocumentClient.from(base, { marshallOptions: { removeUndefinedValues: true } });
}

async function describeTarget(target: Target, client: DynamoDBDocumentClient): Promise<string> {
  if (target.loopback) return `table ${target.tableName} at ${target.endpoint} (local)`;
  let region: string;
  try {
    region = await client.config.region();
  } catch {
    throw new AdminError([
      `No AWS region for table ${target.tableName}: pass --region or set AWS_REGION (or a profile's region).`,
    ]);
  }
  return target.endpoint
    ? `table ${target.tableName} at ${target.endpoint} in ${region}`
    : `table ${target.tableName} in ${region} (AWS)`;
}

// --- Commands ----------------------------------------------------------------------------------------

async function list(store: DynamoRosterStore, io: AdminIo, json: boolean, now: Date): Promise<void> {
  const roster = await store.list();
  if (json) {
    io.out(JSON.stringify(roster, null, 2));
    return;
  }
  if (roster.length === 0) {
    io.out('No volunteers yet (add one with: npm run admin -- volunteers add ...).');
    return;
  }
  const rows = [
    ['ID', 'NAME', 'PHONE', 'LANGUAGES', 'SHIFTS (Belgrade)', 'ACTIVE', 'COORDINATOR', 'ON SHIFT NOW'],
    ...roster.map((v) => [
      v.volunteerId,
      v.name,
      v.phone,
      v.languages.join(','),
      v.shifts.length > 0 ? formatShifts(v.shifts) : '-',
      v.active ? 'yes' : 'no',
      v.coordinator ? 'yes' : 'no',
      isOnShift(v, now) ? 'yes' : 'no',
    ]),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  for (const row of rows) {
    io.out(
      row
        .map((cell, column) => cell.padEnd(widths[column]!))
        .join('  ')
        .trimEnd(),
    );
  }
  io.out(
    `${roster.length} volunteer${roster.length === 1 ? '' : 's'}; on shift as of ${formatShiftTime(now)} Belgrade time`,
  );
}

const FIELD_OPTIONS: Record<string, string> = {
  volunteerId: '--id',
  name: '--name',
  phone: '--phone',
  languages: '--languages',
  shifts: '--shifts',
  active: '--active/--inactive',
  coordinator: '--coordinator',
  pin: '--pin',
};

/** Fields from the options, with the problems of the options themselves (a shift that does not parse). */
function fieldsFromOptions(values: Values): { fields: Partial<Volunteer>; problems: string[] } {
  const fields: Partial<Volunteer> = {};
  const problems: string[] = [];
  if (values.id !== undefined) fields.volunteerId = values.id.trim();
  if (values.name !== undefined) fields.name = values.name;
  if (values.phone !== undefined) fields.phone = values.phone.trim();
  if (values.languages !== undefined) {
    const languages = values.languages
      .split(',')
      .map((language) => language.trim().toLowerCase())
      .filter(Boolean);
    fields.languages = [...new Set(languages)] as Volunteer['languages'];
  }
  if (values.shifts !== undefined) {
    try {
      fields.shifts = parseShiftList(values.shifts);
    } catch (error) {
      if (!(error instanceof VolunteerValidationError)) throw error;
      problems.push(...error.problems.map((problem) => `--shifts: ${problem}`));
    }
  }
  if (values.coordinator) fields.coordinator = true;
  if (values['no-coordinator']) fields.coordinator = false;
  if (values.active) fields.active = true;
  if (values.inactive) fields.active = false;
  if (values.pin !== undefined) (fields as Record<string, unknown>).pin = values.pin.trim();
  return { fields, problems };
}

/** Validates a volunteer built from options; problems name the option, not the stored field. */
function validateFromOptions(input: Record<string, unknown>, problems: string[]): Volunteer {
  let volunteer: Volunteer | undefined;
  try {
    volunteer = parseVolunteer(input);
  } catch (error) {
    if (!(error instanceof VolunteerValidationError)) throw error;
    for (const problem of error.problems) {
      const match = /^([a-zA-Z]+)[.\w]*: (.*)$/.exec(problem);
      const field = match?.[1] ?? '';
      // A shift that failed to parse is reported already, by parseShiftList.
      if (field === 'shifts' && problems.some((p) => p.startsWith('--shifts'))) continue;
      const option = FIELD_OPTIONS[field];
      if (!match || !option) {
        problems.push(problem);
      } else if (input[field] === undefined) {
        problems.push(`${option} is required`);
      } else {
        problems.push(`${option}: ${describeValue(field, input[field], problem)}${match[2]}`);
      }
    }
  }
  if (problems.length > 0 || !volunteer) throw new AdminError([...problems, 'Nothing was written.']);
  return volunteer;
}

function describeValue(field: string, value: unknown, problem: string): string {
  const index = /^languages\.(\d+):/.exec(problem)?.[1];
  if (field === 'languages' && index !== undefined && Array.isArray(value)) {
    return `"${String(value[Number(index)])}": `;
  }
  return typeof value === 'string' ? `"${value}": ` : '';
}

function checkPhoneFree(roster: readonly Volunteer[], volunteer: Volunteer): void {
  const other = roster.find((v) => v.phone === volunteer.phone && v.volunteerId !== volunteer.volunteerId);
  if (other) {
    throw new AdminError([
      `--phone: ${volunteer.phone} is already the number of volunteer "${other.volunteerId}"`,
      'Nothing was written.',
    ]);
  }
}

async function add(store: DynamoRosterStore, io: AdminIo, values: Values, now: Date): Promise<void> {
  const { fields, problems } = fieldsFromOptions(values);
  const input: Record<string, unknown> = {
    volunteerId: undefined,
    name: undefined,
    phone: undefined,
    languages: undefined,
    ...fields,
  };
  // A new person under an id that was used before: no earlier console session or passkey counts.
  const volunteer = withSessionRule(undefined, validateFromOptions(input, problems), now);
  checkPhoneFree(await store.list(), volunteer);
  await store.add(volunteer);
  io.out(`added ${describe(volunteer)}`);
}

async function update(store: DynamoRosterStore, io: AdminIo, volunteerId: string, values: Values, now: Date) {
  const { fields, problems } = fieldsFromOptions(values);
  const changed = Object.keys(fields);
  if (changed.length === 0 && problems.length === 0) {
    throw new UsageError(`volunteers update ${volunteerId}: nothing to change`);
  }
  const roster = await store.list();
  const current = roster.find((v) => v.volunteerId === volunteerId);
  if (!current) throw new VolunteerNotFoundError(volunteerId);
  // A pause, a new number or a role change ends the volunteer's console sessions and passkeys for good.
  const volunteer = withSessionRule(current, validateFromOptions({ ...current, ...fields }, problems), now);
  checkPhoneFree(roster, volunteer);
  await store.update(volunteer);
  io.out(`updated ${describe(volunteer)}: ${changed.join(', ')}`);
}

function describe(v: Volunteer): string {
  const shifts = v.shifts.length > 0 ? formatShifts(v.shifts) : 'no shifts';
  const flags = [v.active ? 'active' : 'inactive', ...(v.coordinator ? ['coordinator'] : [])];
  return `${v.volunteerId} (${v.name}, ${v.phone}, ${v.languages.join(',')}, ${shifts}, ${flags.join(', ')})`;
}

/** `pin` is accepted in a file too, and stored only as its hash. */
const VOLUNTEER_FIELDS = new Set([...Object.keys(volunteerSchema.shape), 'pin']);
const SHIFT_FIELDS = new Set(Object.keys(shiftSchema.shape));

/** Answers the ids the import removed (with --replace). */
async function importFile(
  store: DynamoRosterStore,
  io: AdminIo,
  file: string,
  replace: boolean,
  now: Date,
): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new AdminError([`Cannot read ${file}: ${(error as Error).message}`, 'Nothing was written.']);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new AdminError([`${file} is not JSON: ${(error as Error).message}`, 'Nothing was written.']);
  }
  const entries: unknown = Array.isArray(data) ? data : (data as { volunteers?: unknown } | null)?.volunteers;
  if (!Array.isArray(entries)) {
    throw new AdminError([
      `${file}: expected an array of volunteers, or {"volunteers": [...]}`,
      'Nothing was written.',
    ]);
  }
  const before = await store.list();
  // The same session rule as one change at a time: a file that pauses someone ends their sessions.
  const roster = validateRoster(entries, file).map((v) =>
    withSessionRule(
      before.find((b) => b.volunteerId === v.volunteerId),
      v,
      now,
    ),
  );
  const kept = replace ? [] : before.filter((v) => !roster.some((n) => n.volunteerId === v.volunteerId));
  const clashes = roster.flatMap((v, index) => {
    const other = kept.find((k) => k.phone === v.phone);
    return other
      ? [
          `volunteers[${index}].phone: ${v.phone} is already the number of volunteer "${other.volunteerId}" in the table`,
        ]
      : [];
  });
  if (clashes.length > 0) throw new AdminError([`${file}:`, ...clashes, 'Nothing was written.']);
  const { removed } = await store.importRoster(roster, { replace });
  const added = roster.filter((v) => !before.some((b) => b.volunteerId === v.volunteerId)).length;
  io.out(
    `imported ${roster.length} volunteer${roster.length === 1 ? '' : 's'} from ${file}: ${added} new, ${roster.length - added} updated` +
      (replace ? `, ${removed.length} removed${removed.length > 0 ? ` (${removed.join(', ')})` : ''}` : ''),
  );
  return removed;
}

/** parseRoster, with every problem named by its place in the file (`volunteers[2].phone: ...`). */
function validateRoster(entries: unknown[], file: string): Volunteer[] {
  const problems: string[] = [];
  entries.forEach((entry, index) => {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return;
    for (const key of Object.keys(entry)) {
      if (!VOLUNTEER_FIELDS.has(key)) problems.push(`volunteers[${index}].${key}: unknown field`);
    }
    const shifts = (entry as { shifts?: unknown }).shifts;
    if (!Array.isArray(shifts)) return;
    shifts.forEach((shift, s) => {
      if (typeof shift !== 'object' || shift === null) return;
      for (const key of Object.keys(shift)) {
        if (!SHIFT_FIELDS.has(key)) problems.push(`volunteers[${index}].shifts[${s}].${key}: unknown field`);
      }
    });
  });
  const duplicates = [...duplicatesOf(entries, 'volunteerId'), ...duplicatesOf(entries, 'phone')];
  let roster: Volunteer[] = [];
  try {
    roster = parseRoster(entries);
  } catch (error) {
    if (!(error instanceof VolunteerValidationError)) throw error;
    for (const problem of error.problems) {
      const match = /^(\d+)((?:\.\w+)*): (.*)$/.exec(problem);
      if (match) {
        problems.push(`${placeOf(match[1]!, match[2]!)}: ${friendlier(match[3]!)}`);
      } else if (duplicates.length === 0) {
        problems.push(problem);
      }
    }
  }
  problems.push(...duplicates);
  if (problems.length > 0) {
    throw new AdminError([
      `${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'}`,
      ...problems.map((problem) => `  ${problem}`),
      'Nothing was written.',
    ]);
  }
  return roster;
}

function placeOf(index: string, path: string): string {
  const rest = path
    .split('.')
    .filter(Boolean)
    .map((segment) => (/^\d+$/.test(segment) ? `[${segment}]` : `.${segment}`))
    .join('');
  return `volunteers[${index}]${rest}`;
}

function friendlier(message: string): string {
  return /^Invalid input: expected \w+, received undefined$/.test(message) ? 'missing' : message;
}

function duplicatesOf(entries: unknown[], field: 'volunteerId' | 'phone'): string[] {
  const first = new Map<unknown, number>();
  const problems: string[] = [];
  entries.forEach((entry, index) => {
    const value = (entry as Record<string, unknown> | null)?.[field];
    if (typeof value !== 'string') return;
    const earlier = first.get(value);
    if (earlier === undefined) first.set(value, index);
    else problems.push(`volunteers[${index}].${field}: "${value}" is also volunteers[${earlier}]'s ${field}`);
  });
  return problems;
}

// --- Errors ------------------------------------------------------------------------------------------

const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ETIMEDOUT',
  'EAI_AGAIN',
]);

function explain(error: unknown, target: Target | undefined): string[] {
  if (error instanceof AdminError) return error.lines;
  if (error instanceof VolunteerExistsError || error instanceof VolunteerNotFoundError) {
    return [error.message, 'Nothing was written.'];
  }
  if (error instanceof VolunteerValidationError) {
    return ['A volunteer stored in the table is invalid:', ...error.problems.map((p) => `  ${p}`)];
  }
  const { name, code, message } = error as { name?: string; code?: string; message?: string };
  const where = target?.endpoint ?? 'AWS';
  if (code !== undefined && UNREACHABLE.has(code)) {
    if (target?.loopback) {
      return [
        `Nothing answers at ${target.endpoint} (${code}). Is \`npm start\` running?`,
        target.localDefault
          ? 'The admin command line talks to the DynamoDB Local that `npm start` runs; start it in another terminal, or pass --endpoint / --table.'
          : 'Start DynamoDB Local there (`npm start` does), or pass another --endpoint.',
      ];
    }
    return [`Cannot reach DynamoDB at ${where} (${code}): ${message}`];
  }
  if (name === 'ResourceNotFoundException') {
    return [
      `Table "${target?.tableName}" not found at ${where}.`,
      target?.localDefault
        ? '`npm start` creates it; is it running with another TABLE_NAME?'
        : 'Check --table / TABLE_NAME (and --region for the deployed table).',
    ];
  }
  if (name === 'CredentialsProviderError') {
    return [
      `No AWS credentials for table ${target?.tableName}: ${message}`,
      'Set AWS_PROFILE (or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY) as for any AWS command line.',
    ];
  }
  return [`${name ?? 'Error'}: ${message ?? String(error)}`];
}

// --- Block list ------------------------------------------------------------------------------------

const BLOCKLIST_COMMANDS: Record<string, { options: OptionName[]; positionals: number }> = {
  list: { options: [], positionals: 0 },
  add: { options: ['reason', 'hours'], positionals: 1 },
  remove: { options: [], positionals: 1 },
};

async function blocklist(
  commandName: string | undefined,
  args: string[],
  values: Values,
  io: AdminIo,
  env: AdminEnv,
  options: AdminOptions,
): Promise<number> {
  if (commandName === undefined) throw new UsageError('blocklist: which command? list, add, remove');
  const spec = BLOCKLIST_COMMANDS[commandName];
  if (!spec) throw new UsageError(`Unknown command "blocklist ${commandName}"`);
  const allowed = new Set<OptionName>([...TARGET_OPTIONS, ...spec.options]);
  for (const name of Object.keys(values) as OptionName[]) {
    if (!allowed.has(name)) throw new UsageError(`blocklist ${commandName} takes no --${name}`);
  }
  if (args.length !== spec.positionals) {
    throw new UsageError(
      `blocklist ${commandName} takes ${spec.positionals === 0 ? 'nothing' : 'one E.164 number'} after the command`,
    );
  }
  const number = args[0]?.replace(/[\s()-]/g, '');
  if (number !== undefined && !/^\+[1-9]\d{7,14}$/.test(number)) {
    throw new AdminError([`"${args[0]}" is not a phone number in E.164 form (like +381641234567)`]);
  }
  const hours = values.hours === undefined ? undefined : Number(values.hours);
  if (hours !== undefined && !(Number.isInteger(hours) && hours >= 1 && hours <= 24 * 365)) {
    throw new AdminError([`--hours "${values.hours}" is not a whole number of hours from 1 to 8760`]);
  }
  const target = resolveTarget(values, env, (options.runtime ?? readRuntimeInfo)());
  const hashKey = env.CALLER_HASH_KEY?.trim() || (target.loopback ? LOCAL_DEFAULTS.callerHashKey : undefined);
  if (number !== undefined && !hashKey) {
    throw new AdminError([
      'CALLER_HASH_KEY is not set: a blocked number is stored as its keyed hash, so the key is needed.',
      'Read it from the stack\'s Twilio secret (docs/operations.md, "Block a number").',
    ]);
  }
  const client = createClient(target);
  try {
    io.out(await describeTarget(target, client));
    const store = new DynamoBlockList(client, target.tableName);
    const now = (options.now ?? (() => new Date()))();
    switch (commandName) {
      case 'list': {
        const entries = await store.list();
        if (entries.length === 0) io.out('no blocked numbers');
        for (const entry of entries) {
          const until =
            entry.until === undefined
              ? 'until removed'
              : `until ${new Date(entry.until * 1000).toISOString()}`;
          const state = isBlocking(entry, now) ? until : 'ended';
          io.out(
            `${entry.masked ?? '(automatic, number not kept)'}  ${entry.reason}  ${state}  id ${entry.callerId.slice(0, 8)}`,
          );
        }
        break;
      }
      case 'add': {
        const callerId = callerIdFor(number!, hashKey!);
        await store.put({
          callerId,
          masked: maskPhone(number!),
          reason: cleanReason(values.reason),
          addedAt: now.toISOString(),
          until: hours === undefined ? undefined : Math.floor(now.getTime() / 1000) + hours * 3600,
          automatic: false,
        });
        io.out(`blocked ${maskPhone(number!)}${hours === undefined ? ' until removed' : ` for ${hours} h`}`);
        break;
      }
      case 'remove': {
        const removed = await store.remove(callerIdFor(number!, hashKey!));
        if (!removed) throw new AdminError([`${maskPhone(number!)} is not on the block list`]);
        io.out(`unblocked ${maskPhone(number!)}`);
        break;
      }
    }
  } finally {
    client.destroy();
  }
  return 0;
}

/** A reason is for coordinators: one short line, no numbers in it. */
function cleanReason(reason: string | undefined): string {
  const line = (reason ?? 'added by a coordinator').replace(/\s+/g, ' ').trim().slice(0, 120);
  return maskPhone(line) || 'added by a coordinator';
}

// --- Telegram --------------------------------------------------------------------------------------
// setWebhook through the hotline's own Bot API client; getWebhookInfo, which only this command line asks,
// with one fetch here. The bot token is part of every Bot API URL: nothing printed may contain it (or the
// webhook secret), so every text that comes back is redacted and no URL with the token is ever shown.

const TELEGRAM_COMMANDS: Record<string, { options: OptionName[] }> = {
  'set-webhook': { options: ['url'] },
  'webhook-info': { options: [] },
};

/** What BotFather gives: the bot's id, a colon, then the secret part. */
const BOT_TOKEN = /^\d+:[A-Za-z0-9_-]+$/;
/** What setWebhook accepts as a secret token. */
const WEBHOOK_SECRET = /^[A-Za-z0-9_-]{1,256}$/;
const TELEGRAM_TIMEOUT_MS = 10_000;

interface TelegramTarget {
  /** Without a trailing slash, and without the token. */
  apiBase: string;
  /** On this machine (the local stand-in): http is fine, and the local token and secret are the defaults. */
  loopback: boolean;
  /** The running `npm start`, found through its runtime file. */
  running: RuntimeInfo | undefined;
}

interface TelegramCredentials {
  token: string;
  secret: string | undefined;
}

/** What the last Bot API request came back with (its status and description), or why it got no answer. */
interface BotApiExchange {
  status?: number;
  description?: string;
  /** ECONNREFUSED, TimeoutError, ...: no answer at all. */
  failure?: string;
}

async function telegram(
  commandName: string | undefined,
  args: string[],
  values: Values,
  io: AdminIo,
  env: AdminEnv,
  options: AdminOptions,
): Promise<number> {
  if (commandName === undefined) throw new UsageError('telegram: which command? set-webhook, webhook-info');
  const spec = TELEGRAM_COMMANDS[commandName];
  if (!spec) throw new UsageError(`Unknown command "telegram ${commandName}"`);
  const allowed = new Set<OptionName>(['help', ...spec.options]);
  for (const name of Object.keys(values) as OptionName[]) {
    if (!allowed.has(name)) throw new UsageError(`telegram ${commandName} takes no --${name}`);
  }
  if (args.length > 0) {
    throw new UsageError(`telegram ${commandName} takes nothing after the command, not "${args.join(' ')}"`);
  }
  const target = telegramTarget(env, (options.runtime ?? readRuntimeInfo)());
  const webhookUrl = commandName === 'set-webhook' ? resolveWebhookUrl(values, env, target) : undefined;
  const credentials = telegramCredentials(env, target);
  // A secret too short to be one (refused below) would only blot out ordinary words.
  const hidden = [credentials.token, credentials.secret].filter(
    (value): value is string => value !== undefined && value.length >= 8,
  );
  const redact = (text: string) =>
    hidden.reduce((redacted, value) => redacted.split(value).join('<hidden>'), text);
  io.out(
    `Telegram Bot API at ${target.apiBase}${target.running ? ' (the stand-in of the running `npm start`)' : ''}`,
  );
  try {
    if (webhookUrl !== undefined) await setWebhook(target, credentials, webhookUrl, io, redact);
    else await webhookInfo(target, credentials, io, redact);
  } catch (error) {
    if (error instanceof AdminError) throw new AdminError(error.lines.map(redact));
    // Anything unforeseen, still without the token.
    throw new AdminError([redact(`${(error as Error).name ?? 'Error'}: ${(error as Error).message}`)]);
  }
  return 0;
}

const given = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);

function isLoopbackHost(hostname: string): boolean {
  return (
    hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname)
  );
}

function telegramTarget(env: AdminEnv, running: RuntimeInfo | undefined): TelegramTarget {
  const apiBase = given(env.TELEGRAM_API_BASE);
  // Nothing about Telegram in the environment, and `npm start` runs: its stand-in, as for the table. A token
  // exported empty (from a secret that has none yet) is a mistake to report, not a wish for the stand-in.
  const local =
    env.TELEGRAM_API_BASE === undefined && env.TELEGRAM_BOT_TOKEN === undefined ? running : undefined;
  const base = (apiBase ?? (local ? `${local.url}/_local/telegram` : TELEGRAM_DEFAULT_API_BASE)).replace(
    /\/+$/,
    '',
  );
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new AdminError([`TELEGRAM_API_BASE "${base}" is not a URL (like ${TELEGRAM_DEFAULT_API_BASE})`]);
  }
  const loopback = isLoopbackHost(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new AdminError([
      `TELEGRAM_API_BASE "${base}" is not https: the bot token travels in every Bot API URL.`,
      'http is accepted only on this machine (the local stand-in of `npm start`).',
    ]);
  }
  return { apiBase: base, loopback, running: local };
}

function telegramCredentials(env: AdminEnv, target: TelegramTarget): TelegramCredentials {
  const read = (name: 'TELEGRAM_BOT_TOKEN' | 'TELEGRAM_WEBHOOK_SECRET', key: string) => {
    const value = given(env[name]);
    // `jq -r .key` prints "null" for a key the secret does not have.
    if (value === 'null') {
      throw new AdminError([
        `${name} is "null": the channels secret has no ${key} (check the jq line, docs/telegram.md).`,
      ]);
    }
    return value;
  };
  const token =
    read('TELEGRAM_BOT_TOKEN', 'telegramBotToken') ??
    (target.loopback ? LOCAL_DEFAULTS.telegramBotToken : undefined);
  if (token === undefined) {
    throw new AdminError([
      'TELEGRAM_BOT_TOKEN is not set (or empty): the token BotFather gave the bot is needed.',
      "For the deployed hotline, export it from the stack's channels secret (ChannelsSecretArn output, key",
      'telegramBotToken; docs/telegram.md, "Point Telegram at the hotline"). Locally, start `npm start` first.',
    ]);
  }
  if (!BOT_TOKEN.test(token)) {
    throw new AdminError([
      'TELEGRAM_BOT_TOKEN does not look like a bot token: digits, a colon, then letters, digits, _ and -,',
      'as BotFather gives it (like 7012345678:AAF...). It is not shown here.',
    ]);
  }
  const secret =
    read('TELEGRAM_WEBHOOK_SECRET', 'telegramWebhookSecret') ??
    (target.loopback ? LOCAL_DEFAULTS.telegramWebhookSecret : undefined);
  return { token, secret };
}

/** `--url` (a public base URL or the whole webhook URL), else PUBLIC_BASE_URL, as the webhook's URL. */
function resolveWebhookUrl(values: Values, env: AdminEnv, target: TelegramTarget): string {
  const fromOption = given(values.url);
  const fromEnv = given(env.PUBLIC_BASE_URL);
  const raw = fromOption ?? fromEnv ?? target.running?.publicBaseUrl;
  const source = fromOption !== undefined ? '--url' : fromEnv !== undefined ? 'PUBLIC_BASE_URL' : 'npm start';
  if (raw === undefined) {
    throw new AdminError([
      "Which URL should Telegram call? Pass --url with the stack's TelegramWebhookUrl output",
      '(or the public base URL: /telegram is added), or set PUBLIC_BASE_URL.',
    ]);
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new AdminError([`${source} "${raw}" is not a URL (like https://hotline.example.org/telegram)`]);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
    throw new AdminError([
      `${source} "${raw}" is not https: Telegram only delivers updates to an https:// URL.`,
      'http is accepted only for this machine (the local stand-in of `npm start`). Nothing was set.',
    ]);
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new AdminError([
      `${source} "${url.origin}${url.pathname}...": give the URL without user, password, ?query or #fragment.`,
    ]);
  }
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.origin}${path.endsWith('/telegram') ? path : `${path}/telegram`}`;
}

/** fetch, noting what came back: the shared client reports only Telegram's description, not its status. */
function recordingFetch(exchange: BotApiExchange): typeof fetch {
  return async (input, init) => {
    for (const key of Object.keys(exchange) as (keyof BotApiExchange)[]) delete exchange[key];
    let response: Response;
    try {
      response = await fetch(input, init);
    } catch (error) {
      exchange.failure = failureCode(error);
      throw error;
    }
    exchange.status = response.status;
    try {
      const body = JSON.parse(await response.clone().text()) as { description?: unknown } | null;
      if (typeof body?.description === 'string') exchange.description = body.description;
    } catch {
      // Not JSON: the status says enough.
    }
    return response;
  };
}

function failureCode(error: unknown): string {
  const { name, code, cause } = error as {
    name?: string;
    code?: unknown;
    cause?: { code?: unknown; message?: unknown };
  };
  if (name === 'TimeoutError') return 'timed out';
  if (typeof cause?.code === 'string') return cause.code;
  if (typeof code === 'string') return code;
  // fetch's own refusals ("bad port") carry no code.
  if (typeof cause?.message === 'string') return cause.message;
  return name ?? 'no answer';
}

async function setWebhook(
  target: TelegramTarget,
  { token, secret }: TelegramCredentials,
  url: string,
  io: AdminIo,
  redact: (text: string) => string,
): Promise<void> {
  if (secret === undefined) {
    throw new AdminError([
      'TELEGRAM_WEBHOOK_SECRET is not set (or empty): Telegram sends it back with every update, and the',
      "hotline drops updates without it. For the deployed hotline, export it from the stack's channels",
      'secret (key telegramWebhookSecret; docs/telegram.md). Nothing was set.',
    ]);
  }
  if (!WEBHOOK_SECRET.test(secret)) {
    throw new AdminError([
      'TELEGRAM_WEBHOOK_SECRET is not a secret Telegram accepts: 1 to 256 characters of A-Z, a-z, 0-9, _',
      'and -. It is not shown here. Nothing was set.',
    ]);
  }
  io.out(`webhook ${url}`);
  const exchange: BotApiExchange = {};
  const api = telegramBotApi({ apiBase: target.apiBase, token, fetchFn: recordingFetch(exchange) });
  try {
    await api.setWebhook(url, secret);
  } catch (error) {
    throw new AdminError(botApiRefusal('setWebhook', target, exchange, (error as Error).message));
  }
  io.out(`Telegram: ${redact(exchange.description ?? 'webhook set')}`);
  io.out('Check it with: npm run admin -- telegram webhook-info');
}

async function webhookInfo(
  target: TelegramTarget,
  { token }: TelegramCredentials,
  io: AdminIo,
  redact: (text: string) => string,
): Promise<void> {
  const exchange: BotApiExchange = {};
  let answer: { ok?: unknown; result?: unknown } | undefined;
  try {
    const response = await recordingFetch(exchange)(`${target.apiBase}/bot${token}/getWebhookInfo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
      signal: AbortSignal.timeout(TELEGRAM_TIMEOUT_MS),
    });
    answer = JSON.parse(await response.text()) as typeof answer;
  } catch {
    // No answer, or no JSON: the exchange says which.
  }
  const info = answer?.ok === true && exchange.status === 200 ? answer.result : undefined;
  if (typeof info !== 'object' || info === null) {
    throw new AdminError(botApiRefusal('getWebhookInfo', target, exchange, 'unexpected answer'));
  }
  const { url, pending_update_count, last_error_message, last_error_date } = info as Record<string, unknown>;
  io.out(
    typeof url === 'string' && url !== ''
      ? `url: ${redact(url)}`
      : 'url: (none: no webhook is set; run npm run admin -- telegram set-webhook)',
  );
  io.out(`pending_update_count: ${typeof pending_update_count === 'number' ? pending_update_count : 0}`);
  if (typeof last_error_message === 'string' && last_error_message !== '') {
    const at =
      typeof last_error_date === 'number' ? ` (${new Date(last_error_date * 1000).toISOString()})` : '';
    io.out(`last_error_message: ${redact(last_error_message)}${at}`);
  }
}

/** Why a Bot API call failed, in words an admin can act on; never the token. */
function botApiRefusal(
  method: string,
  target: TelegramTarget,
  exchange: BotApiExchange,
  fallback: string,
): string[] {
  if (exchange.failure !== undefined) {
    return target.loopback
      ? [
          `Nothing answers at ${target.apiBase} (${exchange.failure}). Is \`npm start\` running?`,
          'Start it in another terminal, or set TELEGRAM_API_BASE to where it runs.',
        ]
      : [`Cannot reach the Bot API at ${target.apiBase} (${exchange.failure}); nothing was changed.`];
  }
  const status = exchange.status ?? 0;
  const said = exchange.description ?? `HTTP ${status}`;
  if (status === 401) {
    return [
      `Telegram refused the bot token (${status} ${said}): TELEGRAM_BOT_TOKEN is not this bot's token.`,
      target.loopback
        ? `The stand-in of \`npm start\` takes the TELEGRAM_BOT_TOKEN it was started with, else ${LOCAL_DEFAULTS.telegramBotToken}.`
        : 'Use the token BotFather gave (after /revoke, the new one), as stored in the channels secret.',
      'The token is not shown here. Nothing was changed.',
    ];
  }
  if (status === 404) {
    return [
      `Telegram answered ${method} with 404 ${said}: the token is malformed, or TELEGRAM_API_BASE`,
      `(${target.apiBase}) is not the Bot API. Nothing was changed.`,
    ];
  }
  return [`Telegram refused ${method} (${status || 'no status'}): ${exchange.description ?? fallback}`];
}
