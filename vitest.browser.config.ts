import { defineConfig } from 'vitest/config';

// Browser journeys through the simulator page in Debian's Chromium (`npm run test:browser`).
export default defineConfig({
  test: {
    include: ['tests/browser/**/*.test.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: false,
    silent: 'passed-only',
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', HOTLINE_LOG_SINK: 'console' },
  },
});
