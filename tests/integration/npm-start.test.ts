// `npm start` as a person runs it, in a process of its own: refused settings, the tunnel recipe (a real-looking
// token and a public URL), `npm run send` finding it, and stopping it with SIGTERM.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, portInUse } from '../../local/ports.js';
import { twilioSignature } from '../../shared/adapters/twilio/signature.js';

const ROOT = resolve(import.meta.dirname, '../..');
const run = promisify(execFile);
const TOKEN = 'tunnel-test-token-0f9e8d7c6b5a';
const PUBLIC = 'https://hotline-tunnel.example.org';

/** The environment a person's shell would have: no test-only settings. */
function personEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const { HOTLINE_LOG_SINK: _sink, LOG_LEVEL: _level, ...env } = process.env;
  return { ...env, ...extra };
}

describe('npm start refuses bad settings', () => {
  it('exits 1 before it starts anything, with one line per bad variable', async () => {
    const failed = await run('npm', ['start'], {
      cwd: ROOT,
      env: personEnv({ PORT: 'abc', RETENTION_DAYS: 'abc', LOG_LEVEL: 'verbose' }),
    }).catch((error: { code: number; stderr: string }) => error);

    expect((failed as { code: number }).code).toBe(1);
    const lines = (failed as { stderr: string }).stderr.trim().split('\n');
    expect(lines[0]).toMatch(/^npm start: some settings are not right, so nothing was started:$/);
    expect(lines.slice(1).map((line) => line.trim().split('=')[0])).toEqual([
      'PORT',
      'RETENTION_DAYS',
      'LOG_LEVEL',
    ]);
  });
});

describe('npm start with the tunnel recipe', () => {
  let child: ChildProcess;
  let output = '';
  let port: number;
  let dynamoDbPort: number;
  let folder: string;
  let runtimeFile: string;

  beforeAll(async () => {
    port = await freePort();
    dynamoDbPort = await freePort();
    folder = mkdtempSync(join(tmpdir(), 'hotline-npm-start-'));
    runtimeFile = join(folder, 'runtime.json');
    child = spawn('npm', ['start'], {
      cwd: ROOT,
      env: personEnv({
        PORT: String(port),
        DYNAMODB_PORT: String(dynamoDbPort),
        HOTLINE_IN_MEMORY: '1',
        HOTLINE_RUNTIME_FILE: runtimeFile,
        TWILIO_AUTH_TOKEN: TOKEN,
        PUBLIC_BASE_URL: PUBLIC,
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk) => {
      output += String(chunk);
    });
    child.stderr?.on('data', (chunk) => {
      output += String(chunk);
    });
    const deadline = Date.now() + 90_000;
    while (!output.includes('One line per webhook')) {
      if (child.exitCode !== null) throw new Error(`npm start exited early:\n${output}`);
      if (Date.now() > deadline) throw new Error(`npm start did not come up:\n${output}`);
      await new Promise((done) => setTimeout(done, 200));
    }
  }, 120_000);

  afterAll(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(folder, { recursive: true, force: true });
  });

  const local = `http://127.0.0.1`;

  it('never prints the token, and names the public URL it checks signatures against', () => {
    expect(output).not.toContain(TOKEN);
    expect(output).toContain(`PUBLIC_BASE_URL="${PUBLIC}"`);
    expect(output).toContain('TWILIO_AUTH_TOKEN (from the environment; not shown)');
  });

  it('serves the page without the token', async () => {
    const page = await (await fetch(`${local}:${port}/`)).text();

    expect(page).toContain('<meta name="hotline-public-base-url"');
    expect(page).not.toContain(TOKEN);
  });

  it('answers through the tunnel only the webhooks: signed as Twilio signs for the public URL', async () => {
    const params = {
      MessageSid: 'SM1',
      AccountSid: 'AC1',
      From: '+996700111222',
      To: '+381110000000',
      Body: 'salam',
    };
    const tunnel = {
      host: 'hotline-tunnel.example.org',
      'x-forwarded-for': '203.0.113.9',
      'x-forwarded-proto': 'https',
    };
    const webhook = await fetch(`${local}:${port}/sms`, {
      method: 'POST',
      headers: {
        ...tunnel,
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': twilioSignature(TOKEN, `${PUBLIC}/sms`, params),
      },
      body: new URLSearchParams(params).toString(),
    });
    expect(webhook.status).toBe(200);
    expect(await webhook.text()).toContain('<Message>');

    for (const path of [
      '/',
      '/_local/outbox',
      '/_local/volunteers',
      '/_local/caller?phone=%2B996700111222',
      '/healthz',
    ]) {
      const answer = await fetch(`${local}:${port}${path}`, { headers: tunnel });
      expect({ path, status: answer.status }).toEqual({ path, status: 404 });
    }
    const signing = await fetch(`${local}:${port}/_local/sign`, {
      method: 'POST',
      headers: { ...tunnel, 'content-type': 'application/json' },
      body: JSON.stringify({ url: `${PUBLIC}/sms`, params }),
    });
    expect(signing.status).toBe(404);
  });

  it('lets npm run send find it and have it sign, without the token on the command line', async () => {
    const sent = await run('npm', ['run', '-s', 'send', '--', '/sms', 'From=+996700333444', 'Body=жардам'], {
      cwd: ROOT,
      env: personEnv({ HOTLINE_RUNTIME_FILE: runtimeFile }),
    });

    expect(sent.stdout).toMatch(/^200 text\/xml/);
    expect(sent.stdout).toContain('<Message>');
    expect(output).toMatch(/POST \/sms +200 .*sms\.answered/);
  });

  it('stops node and DynamoDB Local on SIGTERM, freeing both ports', async () => {
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    child.kill('SIGTERM');

    expect(await exited).toBe(0);
    await new Promise((done) => setTimeout(done, 500));
    expect(await portInUse(port)).toBe(false);
    expect(await portInUse(dynamoDbPort)).toBe(false);
  }, 30_000);
});
