// `npm start` leaves a small file saying where it runs, so `npm run send` and `npm run admin` find it
// whatever ports it was started with. Nothing secret goes in it: no token, no key.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** `.local-data/runtime.json`; HOTLINE_RUNTIME_FILE names another (tests start instances of their own). */
export const RUNTIME_FILE =
  process.env.HOTLINE_RUNTIME_FILE ?? join(resolve(import.meta.dirname, '..'), '.local-data', 'runtime.json');

export interface RuntimeInfo {
  pid: number;
  /** Where the runtime listens: http://127.0.0.1:<PORT>. */
  url: string;
  /** What webhooks are signed against. */
  publicBaseUrl: string;
  dynamoEndpoint: string;
  tableName: string;
  /** True when the runtime checks signatures with the documented local token. */
  defaultToken: boolean;
  startedAt: string;
}

export function writeRuntimeInfo(info: RuntimeInfo, file = RUNTIME_FILE): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(info, null, 2)}\n`, { mode: 0o600 });
}

/** The running instance's file, or undefined when there is none or its process is gone. */
export function readRuntimeInfo(file = RUNTIME_FILE): RuntimeInfo | undefined {
  let info: RuntimeInfo;
  try {
    info = JSON.parse(readFileSync(file, 'utf8')) as RuntimeInfo;
  } catch {
    return undefined;
  }
  try {
    process.kill(info.pid, 0);
  } catch {
    return undefined;
  }
  return info;
}

/** Removes the file, if it is this process's. */
export function removeRuntimeInfo(file = RUNTIME_FILE): void {
  try {
    const info = JSON.parse(readFileSync(file, 'utf8')) as RuntimeInfo;
    if (info.pid === process.pid) rmSync(file, { force: true });
  } catch {
    // Nothing to remove.
  }
}
