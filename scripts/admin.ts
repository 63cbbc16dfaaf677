// `npm run admin -- volunteers ...`: the volunteer roster, locally (`npm start`) or in the deployed table.
// Usage: npm run admin -- help. The work is in admin-cli.ts, which the tests run in-process.
import { runAdmin } from './admin-cli.js';

// This machine runs Node 20 by design; the SDK's notice about it is noise on an admin's terminal.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

process.exitCode = await runAdmin(
  process.argv.slice(2),
  {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  },
  process.env,
);
