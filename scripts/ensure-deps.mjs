// Runs before `npm start` and `npm test` (npm's prestart/pretest): installs the project's packages
// from package-lock.json when node_modules is missing or older than the lock file, so a fresh clone
// needs only the two commands in the README. Uses nothing but Node itself.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const marker = join(root, 'node_modules', '.package-lock.json');
const lock = join(root, 'package-lock.json');
if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) process.exit(0);
console.log('installing npm packages from package-lock.json (npm ci)…');
const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
if (r.status !== 0) {
  console.error(`step 'install npm packages' failed: npm ci exited with ${r.status ?? r.signal}`);
  process.exit(1);
}
