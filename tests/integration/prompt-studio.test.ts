// The console's prompt studio from outside: a coordinator lists the IVR prompts, uploads a recording the
// way the page does (ask for an upload URL, PUT the WAV, confirm), the server checks the file, and the
// next call plays it. Recordings go into a copy of the prompts folder, never the repository's.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { LocalHotline } from '../../local/hotline.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { DynamoRosterStore } from '../../shared/adapters/dynamodb/roster-store.js';
import type { PromptList, PromptUpload, PromptView } from '../../shared/console/api.js';
import { decodeWav, encodeMulawWav } from '../../shared/voice/wav.js';
import { parseRoster } from '../../shared/volunteers/volunteer.js';
import { setClock, startTestHotline, uniquePhone } from '../support/local-hotline.js';
import { VoiceCall } from '../support/voice-call.js';

const COORDINATOR = '+381600000501';
const VOLUNTEER = '+381600000502';
const ROOT = resolve(import.meta.dirname, '../..');

let hotline: LocalHotline;
let promptsDir: string;
let coordinator: string;
let volunteer: string;

function tone(seconds: number, amplitude = 0.4, rate = 8000): Float32Array {
  const samples = new Float32Array(Math.round(seconds * rate));
  for (let i = 0; i < samples.length; i++) samples[i] = amplitude * Math.sin((2 * Math.PI * 440 * i) / rate);
  return samples;
}

async function api<T>(path: string, cookie: string, body?: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(`${hotline.url}/console/api${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      cookie,
      ...(body === undefined ? {} : { 'content-type': 'application/json', origin: hotline.url }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as T };
}

async function signIn(phone: string): Promise<string> {
  const post = (path: string, body: unknown) =>
    fetch(`${hotline.url}/console/api${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: hotline.url },
      body: JSON.stringify(body),
    });
  await post('/sign-in', { phone });
  await hotline.settled();
  const texts = hotline.outbox.list().filter((m) => m.to === phone);
  const code = /\b(\d{6})\b/.exec(texts[texts.length - 1]?.body ?? '')?.[1];
  const verified = await post('/sign-in/verify', { phone, code });
  return verified.headers.getSetCookie()[0]?.split(';')[0] ?? '';
}

/** The page's three steps: an upload URL, the PUT, the confirmation. */
async function upload(
  key: string,
  wav: Uint8Array,
): Promise<{ status: number; body: PromptView | { message: string } }> {
  const target = await api<PromptUpload>(`/prompts/${key}/upload`, coordinator, {});
  expect(target.status).toBe(200);
  const put = await fetch(new URL(target.body.url, hotline.url), {
    method: 'PUT',
    headers: target.body.headers,
    body: Buffer.from(wav),
  });
  expect(put.status).toBe(200);
  return api(`/prompts/${key}/recorded`, coordinator, { version: target.body.version });
}

beforeAll(async () => {
  promptsDir = mkdtempSync(join(tmpdir(), 'hotline-prompts-'));
  cpSync(join(ROOT, 'prompts/audio'), promptsDir, { recursive: true });
  process.env.PROMPTS_AUDIO_DIR = promptsDir;
  hotline = await startTestHotline();
  await new DynamoRosterStore(createDocumentClient(inject('dynamoEndpoint')), hotline.tableName).importRoster(
    parseRoster([
      {
        volunteerId: 'nurlan',
        name: 'Nurlan',
        phone: COORDINATOR,
        languages: ['ky', 'ru'],
        coordinator: true,
      },
      { volunteerId: 'aida', name: 'Aida', phone: VOLUNTEER, languages: ['ky'] },
    ]),
    { replace: true },
  );
  await setClock(hotline, '2026-11-25T11:00:00.000Z');
  coordinator = await signIn(COORDINATOR);
  volunteer = await signIn(VOLUNTEER);
});

afterAll(async () => {
  await setClock(hotline, null);
  await hotline.stop();
  delete process.env.PROMPTS_AUDIO_DIR;
  rmSync(promptsDir, { recursive: true, force: true });
});

describe('the prompt studio', () => {
  it('is for coordinators only', async () => {
    expect((await api('/prompts', volunteer)).status).toBe(403);
    expect((await api('/prompts/ky/greeting/upload', volunteer, {})).status).toBe(403);
  });

  it('lists every prompt with its text, a Russian gloss for Kyrgyz, and what a call plays now', async () => {
    const list = await api<PromptList>('/prompts', coordinator);

    expect(list.status).toBe(200);
    const greeting = list.body.prompts.find((p) => p.key === 'ky/greeting');
    expect(greeting).toMatchObject({
      status: 'placeholder',
      kind: 'prompt',
      playUrl: `${hotline.publicBaseUrl}/prompts/ky/greeting.wav`,
      maxSeconds: 30,
    });
    expect(greeting?.text).toContain('Саламатсызбы');
    expect(greeting?.gloss).toContain('Здравствуйте');
    expect(list.body.prompts.find((p) => p.key === 'ru/greeting')?.status).toBe('tts');
    expect(list.body.prompts.find((p) => p.id === 'num_5')).toMatchObject({
      kind: 'fragment',
      maxSeconds: 2.5,
    });
  });

  it('plays an uploaded recording from the next call, as the file that was uploaded', async () => {
    const wav = encodeMulawWav(tone(1.5), 8000);

    const confirmed = await upload('ky/greeting', wav);

    expect(confirmed.status).toBe(200);
    const view = confirmed.body as PromptView;
    expect(view).toMatchObject({ status: 'recorded', recorded: { by: 'nurlan', name: 'Nurlan' } });
    expect(view.playUrl).toMatch(/\/prompts\/recorded\/ky\/greeting-[0-9a-z]+\.wav$/);
    const call = new VoiceCall(hotline, uniquePhone('+996'));
    const heard = [...(await call.start()).spoken, ...(await call.press('1')).spoken];
    const greetingUrl = heard.find((part) => part.includes('greeting'))?.replace(/^play:/, '');
    expect(greetingUrl).toBe(view.playUrl);
    const served = new Uint8Array(await (await fetch(greetingUrl ?? '')).arrayBuffer());
    expect(Buffer.from(served).equals(Buffer.from(wav))).toBe(true);
    expect(decodeWav(served)).toMatchObject({ sampleRate: 8000, channels: 1, encoding: 'mulaw' });
  });

  it('plays the checked file even when the upload URL is used again afterwards', async () => {
    const wav = encodeMulawWav(tone(1), 8000);
    const target = await api<PromptUpload>('/prompts/ky/main_menu/upload', coordinator, {});
    const url = new URL(target.body.url, hotline.url);
    await fetch(url, { method: 'PUT', headers: target.body.headers, body: Buffer.from(wav) });
    const confirmed = await api<PromptView>('/prompts/ky/main_menu/recorded', coordinator, {
      version: target.body.version,
    });

    const again = await fetch(url, { method: 'PUT', body: Buffer.from('<html>not audio</html>') });

    expect(again.status).toBe(200); // the upload URL still takes a file for its five minutes…
    const served = new Uint8Array(await (await fetch(confirmed.body.playUrl ?? '')).arrayBuffer());
    expect(Buffer.from(served).equals(Buffer.from(wav))).toBe(true); // …but calls play what was checked
  });

  it('refuses a file the IVR cannot play, and says why', async () => {
    const wrongRate = await upload('ky/topics_menu', encodeMulawWav(tone(1, 0.4, 44_100), 44_100));
    const silent = await upload('ky/topics_menu', encodeMulawWav(new Float32Array(8000), 8000));
    const tooLong = await upload('ky/num_5', encodeMulawWav(tone(3), 8000));
    const notWav = await upload('ky/topics_menu', new TextEncoder().encode('not audio at all'));

    expect([wrongRate.status, silent.status, tooLong.status, notWav.status]).toEqual([400, 400, 400, 400]);
    expect((wrongRate.body as { message: string }).message).toContain('44100 Hz');
    expect((silent.body as { message: string }).message).toContain('silent');
    expect((tooLong.body as { message: string }).message).toContain('at most 2.5 s');
    const list = await api<PromptList>('/prompts', coordinator);
    expect(list.body.prompts.find((p) => p.key === 'ky/topics_menu')?.status).toBe('placeholder');
  });

  it('refuses an upload whose signature is forged or whose prompt does not exist', async () => {
    const target = await api<PromptUpload>('/prompts/ky/greeting/upload', coordinator, {});
    const forged = new URL(target.body.url, hotline.url);
    forged.searchParams.set('signature', 'AAAA');
    const put = await fetch(forged, { method: 'PUT', body: Buffer.from(encodeMulawWav(tone(1), 8000)) });

    expect(put.status).toBe(403);
    expect((await api('/prompts/ky/no_such_prompt/upload', coordinator, {})).status).toBe(404);
    expect((await api('/prompts/ru/greeting/upload', coordinator, {})).status).toBe(404);
  });
});
