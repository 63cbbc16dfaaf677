// Each webhook bundle, built exactly as the stack builds it, stays within its size budget. A size, not
// a timing: the load times that follow from it are measured by `npm run bench`.
import { resolve } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { BUNDLE_BUDGET_BYTES } from '../../infra/bundle-budget.js';
import { esbuildOptionsFor } from '../../infra/constructs/hotline-function.js';
import { FUNCTION_ENTRIES, type WebhookFunctionName } from '../../infra/routes.js';

const ROOT = resolve(import.meta.dirname, '../..');

async function bundled(fn: WebhookFunctionName): Promise<{ bytes: number; inputs: string[] }> {
  const result = await build({ ...esbuildOptionsFor(resolve(ROOT, FUNCTION_ENTRIES[fn])), write: false });
  const output = Object.values(result.metafile.outputs)[0];
  return { bytes: output?.bytes ?? 0, inputs: Object.keys(result.metafile.inputs) };
}

describe('webhook bundles', () => {
  it.each(Object.keys(FUNCTION_ENTRIES) as WebhookFunctionName[])(
    'keeps the %s bundle within its size budget and free of the twilio package root and REST client',
    async (fn) => {
      const { bytes, inputs } = await bundled(fn);

      expect(bytes).toBeGreaterThan(0);
      expect(bytes).toBeLessThanOrEqual(BUNDLE_BUDGET_BYTES);
      const twilio = inputs.filter((path) => path.includes('node_modules/twilio/'));
      expect(twilio.length).toBeGreaterThan(0);
      expect(twilio.filter((path) => /twilio\/lib\/(index|rest)\b/.test(path))).toEqual([]);
    },
    60_000,
  );
});
