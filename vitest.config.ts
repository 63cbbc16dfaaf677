import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The browser journeys need Chromium: they run in `npm run test:browser` (vitest.browser.config.ts).
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/browser/**', '**/node_modules/**'],
    globalSetup: ['tests/support/global-setup.ts'],
    setupFiles: ['tests/support/quiet-cdk.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Log lines go through console (HOTLINE_LOG_SINK) so that Vitest shows them for a failing test only.
    silent: 'passed-only',
    // This machine runs Node 20 by design (deployed functions run nodejs22.x); the SDK's notice is noise here.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', HOTLINE_LOG_SINK: 'console' },
  },
});
