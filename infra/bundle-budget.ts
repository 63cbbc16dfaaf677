// Most a webhook function's minified bundle may weigh: cold starts load every byte, and Twilio waits.
// Checked by tests/infra/bundle-size.test.ts on every `npm test`; `npm run bench` reports the sizes.
export const BUNDLE_BUDGET_BYTES = 600 * 1024;
