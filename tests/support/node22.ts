// Node.js 22, the version deployed functions run (nodejs22.x), from the npm registry's node-linux-<arch>
// package and nowhere else, cached under .local-data/ (ignored by git) so a second run needs no download.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const CACHE = join(ROOT, '.local-data');

/** Path of a Node 22 binary for `arch`, fetched with `npm pack node-linux-<arch>@22` on first use. */
export function node22Binary(arch: 'x64' | 'arm64' = 'x64'): string {
  const home = join(CACHE, `node22-linux-${arch}`);
  const binary = join(home, 'package', 'bin', 'node');
  if (existsSync(binary)) return binary;
  mkdirSync(CACHE, { recursive: true });
  const staging = mkdtempSync(join(CACHE, `node22-${arch}-`));
  try {
    execFileSync('npm', ['pack', `node-linux-${arch}@22`, '--pack-destination', staging, '--silent'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const tarball = readdirSync(staging).find((name) => name.endsWith('.tgz'));
    if (!tarball) throw new Error(`npm pack node-linux-${arch}@22 left no tarball`);
    execFileSync('tar', ['-xzf', join(staging, tarball), '-C', staging]);
    rmSync(join(staging, tarball));
    rmSync(home, { recursive: true, force: true });
    renameSync(staging, home);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw new Error(
      `Could not get Node 22 from the npm registry (npm pack node-linux-${arch}@22): ${String(error)}`,
    );
  }
  return binary;
}
