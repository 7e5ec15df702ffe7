// Runs before `npm start` and `npm test` (npm's prestart/pretest): installs the project's packages
// from package-lock.json when node_modules is missing or older than the lock file, so a fresh clone
// needs only the two commands in the README. Uses nothing but Node itself. npm's own output (deprecation
// and install-script warnings) goes to a log; the console gets one line, or npm's error line on failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const marker = join(root, 'node_modules', '.package-lock.json');
const lock = join(root, 'package-lock.json');
if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) process.exit(0);
process.stdout.write('installing npm packages from package-lock.json (npm ci)… ');
const started = Date.now();
const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
const out = `${r.stdout ?? ''}${r.stderr ?? ''}`;
mkdirSync(join(root, 'test-results'), { recursive: true });
const log = join(root, 'test-results', 'npm-ci.log');
writeFileSync(log, out);
if (r.status !== 0) {
  const lines = out.split('\n');
  const generic = /^npm (error|ERR!) (code|path|command|errno|syscall|signal|A complete log)/;
  const why = lines.find((l) => /^npm (error|ERR!) /.test(l) && !generic.test(l)) ?? lines.find((l) => l.trim()) ?? '';
  console.log('failed');
  console.error(`step 'install npm packages' failed: npm ci exited with ${r.status ?? r.signal}: ${why.trim()} (log: ${log})`);
  process.exit(1);
}
console.log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
