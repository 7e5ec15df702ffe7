// `npm run test:e2e`: browser end-to-end tests. Packages airlock.vsix, installs it into a throw-away
// extensions folder with code-server's own CLI, starts code-server on a free 127.0.0.1 port with a copy
// of the demo workspace, launches headless Debian chromium with playwright-core, and runs the mocha suites
// in test/e2e against it. Screenshots go to test-results/screenshots/. Prints `N passed, N failed` last;
// exits non-zero on any failure.
//
// Environment: AIRLOCK_SKIP_BUILD=1 (airlock.vsix and out/ are already built), AIRLOCK_VSIX (use this .vsix),
// AIRLOCK_TEST_GREP (mocha grep), AIRLOCK_KEEP_RUN=1 (keep the temporary directories).
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import {
  StepError,
  ensureEditor,
  hostEnv,
  installVsix,
  keepLogs,
  launchChromium,
  makeRun,
  npmRun,
  onShutdown,
  repoRoot,
  startCodeServer,
  workbenchUrl,
} from './host.mjs';
import { prepareWorkspace } from './workspace.mjs';

const require = createRequire(import.meta.url);
const results = path.join(repoRoot, 'test-results');
const resultsFile = path.join(results, 'e2e.json');
const screenshots = path.join(results, 'screenshots');
// Suites that stop the editor at their end (session.stopEditor()) run after all the others.
const STOPS_EDITOR = ['gate.test.js'];
const lastSuites = (a, b) => Number(STOPS_EDITOR.includes(a)) - Number(STOPS_EDITOR.includes(b)) || a.localeCompare(b);

async function runE2E() {
  const vsix = process.env.AIRLOCK_VSIX ? path.resolve(process.env.AIRLOCK_VSIX) : path.join(repoRoot, 'airlock.vsix');
  if (!process.env.AIRLOCK_SKIP_BUILD) {
    if (!process.env.AIRLOCK_VSIX) npmRun('package', 'package the .vsix');
    npmRun('build:tests', 'build the tests');
  }
  if (!fs.existsSync(vsix)) throw new StepError('package the .vsix', `${vsix} is missing (npm run package)`);
  const suites = fs.existsSync(path.join(repoRoot, 'out', 'e2e'))
    ? fs.readdirSync(path.join(repoRoot, 'out', 'e2e')).filter((f) => f.endsWith('.test.js')).sort(lastSuites)
    : [];
  if (suites.length === 0) throw new StepError('build the tests', 'no out/e2e/*.test.js (npm run build:tests)');
  const paths = ensureEditor('test');

  // task auto-detection makes "Tasks: Run Task" wait for every provider; the demo's tasks are in tasks.json
  const run = makeRun('e2e', {
    'npm.autoDetect': 'off',
    'grunt.autoDetect': 'off',
    'gulp.autoDetect': 'off',
    'jake.autoDetect': 'off',
    'typescript.tsc.autoDetect': 'off',
  });
  let cs;
  let browser;
  const shutdown = onShutdown(() => {
    cs?.stop();
    keepLogs(run, path.join(results, 'logs', 'e2e'));
    run.cleanup();
  });
  try {
    const workspace = prepareWorkspace(path.join(run.dir, 'workspace'));
    installVsix(paths, run, vsix);
    const installed = fs.readdirSync(run.extensionsDir).find((d) => d.startsWith('airlock-dev.airlock-'));
    if (!installed) throw new StepError('install .vsix into the editor', `no airlock-dev.airlock-* in ${run.extensionsDir}`);
    const extensionDir = path.join(run.extensionsDir, installed);
    const manifest = JSON.parse(fs.readFileSync(path.join(extensionDir, 'package.json'), 'utf8'));
    const simulatorTranscript = path.join(run.dir, 'agent-simulator.txt');
    // terminals and tasks inherit this: the demo's agent simulator uses the installed extension's CLI
    const extraEnv = { AIRLOCK_CLI: path.join(extensionDir, 'dist', 'cli.js'), AIRLOCK_SIMULATOR_TRANSCRIPT: simulatorTranscript };
    cs = await startCodeServer(paths, run, { folder: workspace, env: extraEnv });
    browser = await launchChromium(run);
    fs.rmSync(screenshots, { recursive: true, force: true });
    const session = {
      browser,
      url: workbenchUrl(cs, workspace),
      workspace,
      screenshots,
      simulatorTranscript,
      logsDir: path.join(run.userDataDir, 'logs'),
      manifest,
      measurements: { vsixBytes: fs.statSync(vsix).size },
      runDir: run.dir,
      extensionDir,
      editorEnv: hostEnv(run, extraEnv),
      editorStopped: false,
      stopEditor() {
        // SIGTERM, then SIGKILL after the grace period, to code-server and everything it started
        cs.stop();
        session.editorStopped = true;
      },
    };
    globalThis.__airlockE2E = session;

    const Mocha = require('mocha');
    const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 120_000, reporter: 'spec' });
    if (process.env.AIRLOCK_TEST_GREP) mocha.grep(process.env.AIRLOCK_TEST_GREP);
    for (const f of suites) mocha.addFile(path.join(repoRoot, 'out', 'e2e', f));
    const failures = [];
    const stats = await new Promise((resolve) => {
      const runner = mocha.run(() => resolve(runner.stats));
      runner.on('fail', (t, err) => failures.push(`${t.fullTitle()}: ${String(err?.message ?? err).split('\n')[0]}`));
    });
    fs.writeFileSync(path.join(results, 'measurements-e2e.json'), JSON.stringify(session.measurements, null, 2));
    return { passed: stats.passes, failed: stats.failures, pending: stats.pending, failures };
  } finally {
    await browser?.close().catch(() => {});
    shutdown();
  }
}

fs.mkdirSync(results, { recursive: true });
fs.rmSync(resultsFile, { force: true });
let summary;
try {
  summary = await runE2E();
} catch (e) {
  const msg = e instanceof StepError ? e.message : `step 'unexpected' failed: ${e?.stack || e}`;
  console.error(`airlock-editor: ${msg.split('\n')[0]}`);
  summary = { passed: 0, failed: 1, pending: 0, failures: [msg.split('\n')[0]], error: true };
}
fs.writeFileSync(resultsFile, JSON.stringify(summary, null, 2));
for (const f of summary.failures) console.log(`  failed: ${f}`);
if (summary.pending) console.log(`${summary.pending} pending`);
console.log(`${summary.passed} passed, ${summary.failed} failed`);
process.exitCode = summary.failed > 0 || summary.passed === 0 ? 1 : 0;
