// `npm test`: every check in one go, in this order, continuing past failures so one run shows all problems:
//   typecheck, lint, static command check, core tests (vitest), build + package the .vsix,
//   integration tests (mocha in the real editor's extension host), browser end-to-end tests.
// Ends with a summary table and, as the very last line, `N passed, N failed` over all test cases (a failed
// typecheck, lint or build counts as one failure). Exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const results = path.join(root, 'test-results');
fs.mkdirSync(results, { recursive: true });
fs.rmSync(path.join(results, 'summary.json'), { force: true });
const t0 = Date.now();

/** Runs a command with inherited output; returns its exit status and duration. */
function run(cmd, args, env = {}) {
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return { ok: r.status === 0, status: r.status ?? r.signal, seconds: (Date.now() - started) / 1000 };
}
const readJson = (file) => {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
};
const banner = (title) => console.log(`\n━━━ ${title} ${'━'.repeat(Math.max(0, 70 - title.length))}`);

const rows = [];
let passed = 0;
let failed = 0;
/** A step without test counts: ok, or one failure. */
function plain(name, r, note = '') {
  rows.push([name, r.ok ? 'ok' : `FAILED (exit ${r.status})`, r.seconds, note]);
  if (!r.ok) failed++;
}
/** A step with test counts read from its results file; a run with no results counts as one failure. */
function counted(name, r, counts) {
  if (!counts) {
    rows.push([name, `FAILED (exit ${r.status}, no results)`, r.seconds, '']);
    failed++;
    return;
  }
  passed += counts.passed;
  failed += counts.failed;
  if (!r.ok && counts.failed === 0) failed++; // it failed without a failing test (e.g. no tests ran)
  rows.push([name, `${counts.passed} passed, ${counts.failed} failed${counts.pending ? `, ${counts.pending} pending` : ''}`, r.seconds, '']);
}

banner('typecheck');
plain('typecheck', run('npm', ['run', '--silent', 'typecheck']));

banner('lint');
plain('lint', run('npm', ['run', '--silent', 'lint']));

banner('commands: package.json vs src/vscode (static)');
{
  const r = run('node', ['scripts/check-commands.mjs']);
  // check-commands prints its own `N passed, N failed`; count it as one check
  rows.push(['check-commands', r.ok ? 'ok' : 'FAILED', r.seconds, '']);
  if (r.ok) passed++;
  else failed++;
}

banner('core tests (vitest)');
{
  const out = path.join(results, 'vitest.json');
  fs.rmSync(out, { force: true });
  const r = run('npm', ['run', '--silent', 'test:core', '--', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`]);
  const j = readJson(out);
  counted('core (vitest)', r, j && { passed: j.numPassedTests, failed: j.numFailedTests, pending: j.numPendingTests + (j.numTodoTests ?? 0) });
}

banner('build + package the .vsix');
const built = run('npm', ['run', '--silent', 'package']);
const built2 = built.ok ? run('npm', ['run', '--silent', 'build:tests']) : built;
{
  const vsix = path.join(root, 'airlock.vsix');
  const size = built.ok && fs.existsSync(vsix) ? `airlock.vsix ${(fs.statSync(vsix).size / 1024).toFixed(0)} KiB` : '';
  plain('build + package', { ...built2, seconds: built.seconds + (built2 === built ? 0 : built2.seconds) }, size);
}

for (const [name, script, file] of [
  ['integration (editor)', 'run-integration.mjs', 'integration.json'],
  ['e2e (browser)', 'run-e2e.mjs', 'e2e.json'],
]) {
  banner(name);
  if (!built2.ok) {
    console.log(`skipped: the build failed`);
    rows.push([name, 'FAILED (not run: build failed)', 0, '']);
    failed++;
    continue;
  }
  fs.rmSync(path.join(results, file), { force: true });
  const r = run('node', [path.join('scripts', 'editor', script)], { AIRLOCK_SKIP_BUILD: '1' });
  counted(name, r, readJson(path.join(results, file)));
}

const total = (Date.now() - t0) / 1000;
fs.writeFileSync(
  path.join(results, 'summary.json'),
  JSON.stringify({ passed, failed, seconds: total, steps: rows.map(([step, result, seconds, note]) => ({ step, result, seconds, note })) }, null, 2),
);
banner('summary');
for (const [name, result, seconds, note] of rows) {
  console.log(`  ${name.padEnd(22)} ${result.padEnd(34)} ${seconds.toFixed(1).padStart(6)} s  ${note}`);
}
console.log(`  ${'total'.padEnd(22)} ${''.padEnd(34)} ${total.toFixed(1).padStart(6)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
