import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { ensureHotlineTable, localDynamoDbClient } from '../../local/dynamodb-local.js';
import type { LocalHotline } from '../../local/hotline.js';
import { freePort } from '../../local/ports.js';
import { runAdmin } from '../../scripts/admin-cli.js';
import { DynamoConsoleStore } from '../../shared/adapters/dynamodb/console-store.js';
import { DynamoRosterStore } from '../../shared/adapters/dynamodb/roster-store.js';
import { parseRoster, pinMatches, type Volunteer } from '../../shared/volunteers/volunteer.js';
import { startTestHotline } from '../support/local-hotline.js';

const SAMPLE_ROSTER = resolve(import.meta.dirname, '../../local/roster.sample.json');
// A Monday, 10:00 in Belgrade (CET).
const MONDAY_10_BELGRADE = new Date('2026-01-12T09:00:00Z');

let endpoint: string;
let tableName: string;
let client: DynamoDBDocumentClient;
let store: DynamoRosterStore;
let env: Record<string, string>;
let dir: string;

beforeAll(async () => {
  endpoint = inject('dynamoEndpoint');
  tableName = `admin-${randomBytes(4).toString('hex')}`;
  await ensureHotlineTable(endpoint, tableName);
  client = DynamoDBDocumentClient.from(localDynamoDbClient(endpoint));
  store = new DynamoRosterStore(client, tableName);
  env = { DYNAMODB_ENDPOINT: endpoint, TABLE_NAME: tableName };
  dir = await mkdtemp(join(tmpdir(), 'admin-cli-'));
});

beforeEach(async () => {
  await store.importRoster([], { replace: true });
});

afterAll(() => {
  client.destroy();
});

async function admin(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runAdmin(argv, { out: (line) => out.push(line), err: (line) => err.push(line) }, env, {
    now: () => MONDAY_10_BELGRADE,
  });
  return { code, out: out.join('\n'), err: err.join('\n'), outLines: out };
}

const aida = [
  '--id',
  'aida',
  '--name',
  'Aida',
  '--phone',
  '+381601234567',
  '--languages',
  'ky,ru',
  '--shifts',
  'mon-fri 09:00-18:00',
];

async function writeJson(name: string, data: unknown): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, JSON.stringify(data));
  return path;
}

const volunteer = (id: string, phone: string, extra: Partial<Volunteer> = {}) => ({
  volunteerId: id,
  name: `Name ${id}`,
  phone,
  languages: ['ru'],
  ...extra,
});

describe('npm run admin -- volunteers', () => {
  it('adds a volunteer, and list shows it with the full number, shifts, flags and whether on shift now', async () => {
    const added = await admin('volunteers', 'add', ...aida, '--coordinator');
    expect(added.code).toBe(0);

    const listed = await admin('volunteers', 'list');

    expect(listed.code).toBe(0);
    expect(listed.outLines[0]).toBe(`table ${tableName} at ${endpoint} (local)`);
    const row = listed.outLines.find((line) => line.startsWith('aida'));
    expect(row?.split(/\s{2,}/)).toEqual([
      'aida',
      'Aida',
      '+381601234567',
      'ky,ru',
      'mon-fri 09:00-18:00',
      'yes',
      'yes',
      'yes',
    ]);
    expect(await store.list()).toEqual([
      {
        volunteerId: 'aida',
        name: 'Aida',
        phone: '+381601234567',
        languages: ['ky', 'ru'],
        shifts: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '18:00' }],
        active: true,
        coordinator: true,
        consoleOnly: false,
        sessionsValidAfter: MONDAY_10_BELGRADE.toISOString(),
      },
    ]);
  });

  it('shows a volunteer outside their shift as not on shift, and an inactive one as inactive', async () => {
    await admin('volunteers', 'add', ...aida.slice(0, -1), 'sat,sun 10:00-14:00', '--inactive');

    const row = (await admin('volunteers', 'list')).outLines.find((line) => line.startsWith('aida'));

    expect(row?.split(/\s{2,}/).slice(4)).toEqual(['sat-sun 10:00-14:00', 'no', 'no', 'no']);
  });

  it('prints the roster as importable JSON with --json, the target line on stderr', async () => {
    await admin('volunteers', 'add', ...aida);

    const listed = await admin('volunteers', 'list', '--json');

    expect(listed.err).toBe(`table ${tableName} at ${endpoint} (local)`);
    expect(parseRoster(JSON.parse(listed.out))).toEqual(await store.list());
  });

  it('refuses a second volunteer with the same id, and keeps the first', async () => {
    await admin('volunteers', 'add', ...aida);

    const again = await admin(
      'volunteers',
      'add',
      ...aida.slice(0, 4),
      '--phone',
      '+381609999999',
      '--languages',
      'ru',
    );

    expect(again.code).toBe(1);
    expect(again.err).toContain('A volunteer with id "aida" exists already');
    expect((await store.list()).map((v) => v.phone)).toEqual(['+381601234567']);
  });

  it('refuses a second volunteer with the same phone number', async () => {
    await admin('volunteers', 'add', ...aida);

    const again = await admin('volunteers', 'add', '--id', 'other', ...aida.slice(2));

    expect(again.code).toBe(1);
    expect(again.err).toContain('+381601234567 is already the number of volunteer "aida"');
    expect((await store.list()).map((v) => v.volunteerId)).toEqual(['aida']);
  });

  it('names every invalid option of an add (phone, language, shift, missing name) and writes nothing', async () => {
    const result = await admin(
      'volunteers',
      'add',
      '--id',
      'aida',
      '--phone',
      '0601234567',
      '--languages',
      'ky,en',
      '--shifts',
      'mon-fri 9-18',
    );

    expect(result.code).toBe(1);
    expect(result.err).toContain('--name is required');
    expect(result.err).toContain('--phone: "0601234567": a phone number is E.164');
    expect(result.err).toContain('--languages: "en"');
    expect(result.err).toContain('--shifts: shift "mon-fri 9-18": write it like mon-fri 09:00-18:00');
    expect(result.err).toContain('Nothing was written.');
    expect(await store.list()).toEqual([]);
  });

  it('refuses a shift with unknown days or impossible times', async () => {
    const days = await admin('volunteers', 'add', ...aida.slice(0, -1), 'monday 09:00-18:00');
    const times = await admin('volunteers', 'add', ...aida.slice(0, -1), 'mon 09:00-25:00');

    expect(days.code).toBe(1);
    expect(days.err).toContain('days are mon tue wed thu fri sat sun');
    expect(times.code).toBe(1);
    expect(times.err).toContain('a time is HH:MM, 00:00 to 24:00');
    expect(await store.list()).toEqual([]);
  });

  it('updates only the fields given', async () => {
    await admin('volunteers', 'add', ...aida, '--coordinator');
    const before = (await store.list())[0]!;

    const result = await admin('volunteers', 'update', 'aida', '--phone', '+381607654321', '--inactive');

    expect(result.code).toBe(0);
    expect(await store.list()).toEqual([{ ...before, phone: '+381607654321', active: false }]);
  });

  it('clears the coordinator flag and replaces the shifts on update', async () => {
    await admin('volunteers', 'add', ...aida, '--coordinator');

    await admin('volunteers', 'update', 'aida', '--no-coordinator', '--shifts', 'fri-mon 22:00-06:00');

    const [updated] = await store.list();
    expect(updated?.coordinator).toBe(false);
    expect(updated?.shifts).toEqual([{ days: ['fri', 'sat', 'sun', 'mon'], from: '22:00', to: '06:00' }]);
    expect(updated?.name).toBe('Aida');
  });

  it('refuses an invalid update and leaves the volunteer as it was', async () => {
    await admin('volunteers', 'add', ...aida);
    const before = await store.list();

    const result = await admin('volunteers', 'update', 'aida', '--name', 'Aida K', '--languages', 'de');

    expect(result.code).toBe(1);
    expect(result.err).toContain('--languages: "de"');
    expect(await store.list()).toEqual(before);
  });

  it('refuses to update or remove an unknown id', async () => {
    const update = await admin('volunteers', 'update', 'nobody', '--name', 'X');
    const remove = await admin('volunteers', 'remove', 'nobody');

    expect(update.code).toBe(1);
    expect(update.err).toContain('No volunteer with id "nobody"');
    expect(remove.code).toBe(1);
    expect(remove.err).toContain('No volunteer with id "nobody"');
  });

  it('removes a volunteer', async () => {
    await admin('volunteers', 'add', ...aida);
    await admin(
      'volunteers',
      'add',
      '--id',
      'bakyt',
      '--name',
      'B',
      '--phone',
      '+381600000002',
      '--languages',
      'ky',
    );

    const result = await admin('volunteers', 'remove', 'aida');

    expect(result.code).toBe(0);
    expect((await store.list()).map((v) => v.volunteerId)).toEqual(['bakyt']);
  });

  it('ends the console sessions and passkeys for good on a pause, a new number or a role change, not on a new name', async () => {
    await admin('volunteers', 'add', ...aida);
    const sessionsEnded = async () =>
      (await store.list()).find((v) => v.volunteerId === 'aida')?.sessionsValidAfter;
    // Added: a new person under the id, so nothing made before counts.
    expect(await sessionsEnded()).toBe(MONDAY_10_BELGRADE.toISOString());
    const later = new Date(MONDAY_10_BELGRADE.getTime() + 3_600_000);
    const at = async (when: Date, ...argv: string[]) =>
      runAdmin(argv, { out: () => {}, err: () => {} }, env, { now: () => when });

    expect(await at(later, 'volunteers', 'update', 'aida', '--name', 'Aida K.')).toBe(0);
    expect(await sessionsEnded()).toBe(MONDAY_10_BELGRADE.toISOString());
    expect(await at(later, 'volunteers', 'update', 'aida', '--inactive')).toBe(0);
    expect(await sessionsEnded()).toBe(later.toISOString());
    const muchLater = new Date(later.getTime() + 3_600_000);
    expect(await at(muchLater, 'volunteers', 'update', 'aida', '--active')).toBe(0);
    // Back from a pause: the pause's moment stands (what was made before it stays ended).
    expect(await sessionsEnded()).toBe(later.toISOString());
    expect(await at(muchLater, 'volunteers', 'update', 'aida', '--coordinator')).toBe(0);
    expect(await sessionsEnded()).toBe(muchLater.toISOString());
    const file = await writeJson('paused.json', [{ ...volunteer('aida', '+381601234567'), active: false }]);
    const evenLater = new Date(muchLater.getTime() + 3_600_000);
    expect(await at(evenLater, 'volunteers', 'import', file)).toBe(0);
    expect(await sessionsEnded()).toBe(evenLater.toISOString());
  });

  it('removes a volunteer’s console passkeys with the volunteer', async () => {
    await admin('volunteers', 'add', ...aida);
    const consoleStore = new DynamoConsoleStore(client, tableName);
    await consoleStore.savePasskey({
      credentialId: randomBytes(32).toString('base64url'),
      volunteerId: 'aida',
      publicKey: { kty: 'EC', crv: 'P-256', x: 'x', y: 'y' },
      algorithm: -7,
      signCount: 0,
      backedUp: false,
      createdAt: MONDAY_10_BELGRADE.toISOString(),
    });
    expect(await consoleStore.passkeysOf('aida')).toHaveLength(1);

    expect((await admin('volunteers', 'remove', 'aida')).code).toBe(0);

    expect(await consoleStore.passkeysOf('aida')).toEqual([]);
  });

  it('sets a dialback PIN with --pin, stores only its hash, and refuses one that is not six digits', async () => {
    const added = await admin('volunteers', 'add', ...aida, '--pin', '271828');
    const refused = await admin('volunteers', 'update', 'aida', '--pin', '12ab');

    expect(added.code).toBe(0);
    expect(added.out).not.toContain('271828');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('--pin');
    const [stored] = await store.list();
    expect(JSON.stringify(stored)).not.toContain('271828');
    expect(pinMatches('271828', stored?.pinHash)).toBe(true);
  });

  it('imports the sample roster shipped for local use', async () => {
    const result = await admin('volunteers', 'import', SAMPLE_ROSTER);

    expect(result.code).toBe(0);
    const sample = parseRoster(JSON.parse(await readFile(SAMPLE_ROSTER, 'utf8')).volunteers);
    // PINs are salted on every import, so compare them by what they match.
    const sorted = (list: Volunteer[]) =>
      [...list]
        .sort((a, b) => a.volunteerId.localeCompare(b.volunteerId))
        .map(({ pinHash, ...rest }) => ({ ...rest, hasPin: pinHash !== undefined }));
    const stored = await store.list();
    // New people under these ids: no console session or passkey made before the import counts.
    expect(sorted(stored)).toEqual(
      sorted(sample.map((v) => ({ ...v, sessionsValidAfter: MONDAY_10_BELGRADE.toISOString() }))),
    );
    expect(pinMatches('111111', stored.find((v) => v.volunteerId === 'aida')?.pinHash)).toBe(true);
  });

  it('imports a plain array and updates the volunteers it names, keeping the others', async () => {
    await admin('volunteers', 'add', ...aida);
    await admin(
      'volunteers',
      'add',
      '--id',
      'bakyt',
      '--name',
      'B',
      '--phone',
      '+381600000002',
      '--languages',
      'ky',
    );
    const file = await writeJson('update.json', [volunteer('aida', '+381600000009', { name: 'Aida New' })]);

    const result = await admin('volunteers', 'import', file);

    expect(result.code).toBe(0);
    const roster = await store.list();
    expect(roster.map((v) => [v.volunteerId, v.name])).toEqual([
      ['aida', 'Aida New'],
      ['bakyt', 'B'],
    ]);
  });

  it('writes nothing when one entry of an import is invalid, and names its index', async () => {
    await admin('volunteers', 'import', SAMPLE_ROSTER);
    const before = await store.list();
    const file = await writeJson('bad.json', {
      volunteers: [
        volunteer('new-one', '+381600000011'),
        volunteer('new-two', '+381600000012'),
        volunteer('new-three', 'not a phone', { languages: ['ky', 'de'] as never }),
      ],
    });

    const result = await admin('volunteers', 'import', file, '--replace');

    expect(result.code).toBe(1);
    expect(result.err).toContain('volunteers[2].phone: a phone number is E.164');
    expect(result.err).toContain('volunteers[2].languages[1]:');
    expect(result.err).toContain('Nothing was written.');
    expect(await store.list()).toEqual(before);
  });

  it('refuses an import with duplicate ids or phones, unknown fields or missing ones, naming each place', async () => {
    const file = await writeJson('dupes.json', [
      volunteer('aida', '+381600000001'),
      volunteer('aida', '+381600000002'),
      volunteer('olga', '+381600000001'),
      { ...volunteer('nurlan', '+381600000004'), coordinater: true },
      { volunteerId: 'bakyt', name: 'B', languages: ['ky'] },
    ]);

    const result = await admin('volunteers', 'import', file);

    expect(result.code).toBe(1);
    expect(result.err).toContain(`volunteers[1].volunteerId: "aida" is also volunteers[0]'s volunteerId`);
    expect(result.err).toContain(`volunteers[2].phone: "+381600000001" is also volunteers[0]'s phone`);
    expect(result.err).toContain('volunteers[3].coordinater: unknown field');
    expect(result.err).toContain('volunteers[4].phone: missing');
    expect(await store.list()).toEqual([]);
  });

  it('refuses an import whose phone number belongs to a volunteer the import keeps', async () => {
    await admin('volunteers', 'add', ...aida);
    const file = await writeJson('clash.json', [volunteer('other', '+381601234567')]);

    const result = await admin('volunteers', 'import', file);

    expect(result.code).toBe(1);
    expect(result.err).toContain(
      'volunteers[0].phone: +381601234567 is already the number of volunteer "aida"',
    );
    expect((await store.list()).map((v) => v.volunteerId)).toEqual(['aida']);
  });

  it('removes the volunteers missing from the file with --replace, and keeps them without it', async () => {
    await admin('volunteers', 'import', SAMPLE_ROSTER);
    const file = await writeJson('two.json', [
      volunteer('aida', '+381600000001'),
      volunteer('zara', '+381600000020'),
    ]);

    await admin('volunteers', 'import', file);
    expect((await store.list()).length).toBe(5);

    const result = await admin('volunteers', 'import', file, '--replace');

    expect(result.code).toBe(0);
    expect(result.out).toContain('3 removed');
    expect((await store.list()).map((v) => v.volunteerId)).toEqual(['aida', 'zara']);
  });

  it('says when an import file is missing or not JSON', async () => {
    const missing = await admin('volunteers', 'import', join(dir, 'nope.json'));
    const notJson = await admin('volunteers', 'import', await writeJson('text.json', 'x'));
    await writeFile(join(dir, 'broken.json'), '[{');
    const broken = await admin('volunteers', 'import', join(dir, 'broken.json'));

    expect(missing.code).toBe(1);
    expect(missing.err).toContain('Cannot read');
    expect(notJson.code).toBe(1);
    expect(notJson.err).toContain('expected an array of volunteers');
    expect(broken.code).toBe(1);
    expect(broken.err).toContain('is not JSON');
  });

  it('answers an unknown command, option or missing argument with the usage and exit code 2', async () => {
    const command = await admin('volunteers', 'frobnicate');
    const group = await admin('callers', 'list');
    const option = await admin('volunteers', 'list', '--colour');
    const misplaced = await admin('volunteers', 'list', '--replace');
    const noId = await admin('volunteers', 'remove');

    for (const result of [command, group, option, misplaced, noId]) {
      expect(result.code).toBe(2);
      expect(result.err).toContain('Usage: npm run admin -- volunteers <command>');
    }
    expect(command.err).toContain('Unknown command "volunteers frobnicate"');
    expect(option.err).toContain("Unknown option '--colour'");
  });

  it('prints the usage for help and for no arguments, exit code 0', async () => {
    for (const argv of [[], ['help'], ['volunteers', 'help'], ['--help']]) {
      const result = await admin(...argv);
      expect(result.code).toBe(0);
      expect(result.out).toContain('volunteers import FILE.json [--replace]');
    }
  });

  it('targets the local runtime by default, and asks whether npm start is running when nothing answers', async () => {
    const port = await freePort();
    const out: string[] = [];
    const err: string[] = [];

    const code = await runAdmin(
      ['volunteers', 'list'],
      { out: (line) => out.push(line), err: (line) => err.push(line) },
      { DYNAMODB_PORT: String(port) },
    );

    expect(code).toBe(1);
    expect(out[0]).toBe(`table hotline at http://127.0.0.1:${port} (local)`);
    expect(err.join('\n')).toContain('Is `npm start` running?');
  });

  it('says the table is missing rather than failing with a stack trace', async () => {
    const result = await admin('volunteers', 'list', '--table', `missing-${randomBytes(4).toString('hex')}`);

    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^Table "missing-\w+" not found/);
  });
});

describe('npm run admin -- telegram', () => {
  let hotline: LocalHotline;
  /** What the local runtime put in the environment: its Bot API stand-in, token, secret and base URL. */
  let telegramEnv: Record<string, string | undefined>;

  beforeAll(async () => {
    hotline = await startTestHotline();
    telegramEnv = {
      TELEGRAM_API_BASE: process.env.TELEGRAM_API_BASE,
      TELEGRAM_BOT_TOKEN: process.env.TELEGRAM_BOT_TOKEN,
      TELEGRAM_WEBHOOK_SECRET: process.env.TELEGRAM_WEBHOOK_SECRET,
      PUBLIC_BASE_URL: process.env.PUBLIC_BASE_URL,
    };
  });

  afterAll(async () => {
    await hotline.stop();
  });

  async function telegram(argv: string[], extra: Record<string, string | undefined> = {}) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runAdmin(
      ['telegram', ...argv],
      { out: (line) => out.push(line), err: (line) => err.push(line) },
      { ...telegramEnv, ...extra },
      // Never the `npm start` that may run on this machine.
      { runtime: () => undefined },
    );
    return { code, out: out.join('\n'), err: err.join('\n'), all: [...out, ...err].join('\n') };
  }

  it('runs against the stand-in of the local runtime, with the local token and secret', () => {
    expect(telegramEnv.TELEGRAM_API_BASE).toBe(`${hotline.url}/_local/telegram`);
    expect(telegramEnv.PUBLIC_BASE_URL).toBe(hotline.publicBaseUrl);
  });

  it('sets the webhook to PUBLIC_BASE_URL + /telegram, and webhook-info shows that URL', async () => {
    const set = await telegram(['set-webhook']);
    const info = await telegram(['webhook-info']);

    expect(set.code).toBe(0);
    expect(set.out).toContain(`Telegram Bot API at ${hotline.url}/_local/telegram`);
    expect(set.out).toContain(`webhook ${hotline.publicBaseUrl}/telegram`);
    expect(set.out).toContain('Telegram: Webhook was set');
    expect(info.code).toBe(0);
    expect(info.out).toContain(`url: ${hotline.publicBaseUrl}/telegram`);
    expect(info.out).toContain('pending_update_count: 0');
    for (const result of [set, info]) {
      expect(result.all).not.toContain(String(telegramEnv.TELEGRAM_BOT_TOKEN));
      expect(result.all).not.toContain(String(telegramEnv.TELEGRAM_WEBHOOK_SECRET));
    }
  });

  it('takes --url as a public base URL or as the whole /telegram URL', async () => {
    const base = await telegram(['set-webhook', '--url', 'https://hotline.example.org/']);
    const baseInfo = await telegram(['webhook-info']);
    const whole = await telegram([
      'set-webhook',
      '--url',
      'https://abc123.execute-api.eu-central-1.amazonaws.com/prod/telegram',
    ]);
    const wholeInfo = await telegram(['webhook-info']);

    expect(base.code).toBe(0);
    expect(baseInfo.out).toContain('url: https://hotline.example.org/telegram');
    expect(whole.code).toBe(0);
    expect(wholeInfo.out).toContain(
      'url: https://abc123.execute-api.eu-central-1.amazonaws.com/prod/telegram',
    );
  });

  it('refuses an http URL that is not this machine, and sets nothing', async () => {
    await telegram(['set-webhook']);

    const refused = await telegram(['set-webhook', '--url', 'http://hotline.example.org']);
    const fromEnv = await telegram(['set-webhook'], { PUBLIC_BASE_URL: 'http://hotline.example.org' });
    const info = await telegram(['webhook-info']);

    for (const result of [refused, fromEnv]) {
      expect(result.code).toBe(1);
      expect(result.err).toContain('Telegram only delivers updates to an https:// URL');
    }
    expect(refused.err).toContain('--url "http://hotline.example.org"');
    expect(fromEnv.err).toContain('PUBLIC_BASE_URL "http://hotline.example.org"');
    expect(info.out).toContain(`url: ${hotline.publicBaseUrl}/telegram`);
  });

  it('says Telegram refused a wrong token, exit code 1, and never prints the token', async () => {
    const wrongToken = '987654:wrong-token-that-must-not-show';

    const set = await telegram(['set-webhook', '--url', 'https://hotline.example.org'], {
      TELEGRAM_BOT_TOKEN: wrongToken,
    });
    const info = await telegram(['webhook-info'], { TELEGRAM_BOT_TOKEN: wrongToken });

    for (const result of [set, info]) {
      expect(result.code).toBe(1);
      expect(result.err).toContain('Telegram refused the bot token (401 Unauthorized)');
      expect(result.all).not.toContain(wrongToken);
      expect(result.all).not.toContain('wrong-token');
    }
    expect((await telegram(['webhook-info'])).out).not.toContain('hotline.example.org');
  });

  it('targets the running `npm start` with nothing about Telegram in the environment', async () => {
    const out: string[] = [];
    const running = {
      pid: process.pid,
      url: hotline.url,
      publicBaseUrl: hotline.publicBaseUrl,
      dynamoEndpoint: endpoint,
      tableName: hotline.tableName,
      defaultToken: true,
      startedAt: new Date().toISOString(),
    };
    const run = (argv: string[]) =>
      runAdmin(
        ['telegram', ...argv],
        { out: (line) => out.push(line), err: (line) => out.push(line) },
        {},
        {
          runtime: () => running,
        },
      );

    await telegram(['set-webhook', '--url', 'https://before.example.org']);

    expect(await run(['set-webhook'])).toBe(0);
    expect(await run(['webhook-info'])).toBe(0);

    expect(out[0]).toBe(
      `Telegram Bot API at ${hotline.url}/_local/telegram (the stand-in of the running \`npm start\`)`,
    );
    expect(out).toContain(`url: ${hotline.publicBaseUrl}/telegram`);
    expect(out.join('\n')).not.toContain('local-telegram-token');
    // A token exported empty (the channels secret has none yet) is reported, not replaced by the stand-in.
    const err: string[] = [];
    const empty = await runAdmin(
      ['telegram', 'webhook-info'],
      { out: () => {}, err: (line) => err.push(line) },
      { TELEGRAM_BOT_TOKEN: '' },
      { runtime: () => running },
    );
    expect(empty).toBe(1);
    expect(err.join('\n')).toContain('TELEGRAM_BOT_TOKEN is not set (or empty)');
  });

  it('asks for the token, the secret and the URL when they are missing, without any network call', async () => {
    const noToken = await telegram(['webhook-info'], {
      TELEGRAM_API_BASE: undefined,
      TELEGRAM_BOT_TOKEN: undefined,
    });
    const noSecret = await telegram(['set-webhook'], {
      TELEGRAM_API_BASE: undefined,
      TELEGRAM_WEBHOOK_SECRET: undefined,
      PUBLIC_BASE_URL: 'https://hotline.example.org',
    });
    const noUrl = await telegram(['set-webhook'], { PUBLIC_BASE_URL: undefined });
    const notAToken = await telegram(['webhook-info'], { TELEGRAM_BOT_TOKEN: 'null' });
    const httpApi = await telegram(['webhook-info'], { TELEGRAM_API_BASE: 'http://api.example.org' });

    expect(noToken.code).toBe(1);
    expect(noToken.err).toContain('TELEGRAM_BOT_TOKEN is not set');
    expect(noSecret.code).toBe(1);
    expect(noSecret.err).toContain('TELEGRAM_WEBHOOK_SECRET is not set');
    expect(noSecret.all).not.toContain(String(telegramEnv.TELEGRAM_BOT_TOKEN));
    expect(noUrl.code).toBe(1);
    expect(noUrl.err).toContain('Pass --url');
    expect(notAToken.err).toContain('the channels secret has no telegramBotToken');
    expect(httpApi.code).toBe(1);
    expect(httpApi.err).toContain('is not https');
  });

  it('answers an unknown telegram command or option with the usage and exit code 2', async () => {
    const command = await telegram(['delete-webhook']);
    const option = await telegram(['webhook-info', '--url', 'https://hotline.example.org']);
    const none = await telegram([]);

    for (const result of [command, option, none]) {
      expect(result.code).toBe(2);
      expect(result.err).toContain('telegram set-webhook [--url URL]');
    }
    expect(command.err).toContain('Unknown command "telegram delete-webhook"');
    expect(option.err).toContain('telegram webhook-info takes no --url');
  });
});
