// Runs one deployed bundle's handler as Lambda's Node.js runtime would: plain Node (no tsx), the bundle
// imported from its file, one event, one context. Used by tests/infra/deployed-bundles.test.ts on Node 22.
// Usage: node invoke-bundle.mjs <bundle.mjs> <result.json>   (JSON {event, context} on standard input)
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [bundle, resultFile] = process.argv.slice(2);
const { event, context } = JSON.parse(readFileSync(0, 'utf8'));
const { handler } = await import(pathToFileURL(bundle).href);
const started = Date.now();
const result = await handler(event, {
  ...context,
  getRemainingTimeInMillis: () => Math.max(0, (context.timeoutMs ?? 10_000) - (Date.now() - started)),
});
writeFileSync(resultFile, JSON.stringify({ result, node: process.version, arch: process.arch }));
