// Before `npm run test:browser`: the journeys drive Debian's Chromium; without it, say in one line how to get it.
import { accessSync, constants } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
try {
  accessSync(chromium, constants.X_OK);
} catch {
  process.stderr.write(
    `No Chromium at ${chromium}: install it (Debian: sudo apt-get install -y chromium) or set CHROMIUM_PATH, then run npm run test:browser again.\n`,
  );
  process.exit(1);
}
