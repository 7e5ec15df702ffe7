// `npm run test:integration`: mocha suites from test/integration run inside the extension host of a real
// VS Code, started through @vscode/test-electron's runTests() with our code-server shim as the "VS Code
// executable". Prints `N passed, N failed` last; exits non-zero on any failure.
//
// Environment: AIRLOCK_SKIP_BUILD=1 (dist/ and out/ are already built), AIRLOCK_TEST_GREP (mocha grep),
// AIRLOCK_KEEP_RUN=1 (keep the temporary directories).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { StepError, editorDir, ensureEditor, npmRun, repoRoot } from './host.mjs';
import { prepareWorkspace } from './workspace.mjs';

const require = createRequire(import.meta.url);
const results = path.join(repoRoot, 'test-results');
const resultsFile = path.join(results, 'integration.json');
const fakeAgent = path.join(repoRoot, 'test', 'fixtures', 'fake-agent');

async function runIntegration() {
  if (!process.env.AIRLOCK_SKIP_BUILD) {
    npmRun('build', 'build the extension');
    npmRun('build:tests', 'build the tests');
  }
  if (!fs.existsSync(path.join(repoRoot, 'dist', 'extension.js'))) {
    throw new StepError('build the extension', 'dist/extension.js is missing (npm run build)');
  }
  const testsEntry = path.join(repoRoot, 'out', 'integration', 'index.js');
  if (!fs.existsSync(testsEntry)) throw new StepError('build the tests', 'out/integration/index.js is missing (npm run build:tests)');
  ensureEditor('test');

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-editor-integration-'));
  try {
    const workspace = prepareWorkspace(path.join(tmp, 'workspace'), { seedSettings: true });
    const userDataDir = path.join(tmp, 'user-data');
    const extensionsDir = path.join(tmp, 'extensions');
    // The fake agent (test/fixtures/fake-agent), which the terminal and task tests drive, is installed next
    // to Airlock as an agent extension would be: copied into the extensions folder, which the editor scans
    // on its first start. (A second extensionDevelopmentPath is not an option: the web workbench reads
    // its ?payload= into a Map, so only the last development path would load.)
    fs.cpSync(fakeAgent, path.join(extensionsDir, 'airlock-test.fake-agent-0.0.1'), { recursive: true });
    fs.rmSync(resultsFile, { force: true });
    const { runTests } = require('@vscode/test-electron');
    const started = Date.now();
    try {
      await runTests({
        vscodeExecutablePath: path.join(editorDir, 'code-shim.mjs'),
        extensionDevelopmentPath: repoRoot,
        extensionTestsPath: testsEntry,
        launchArgs: [workspace, `--user-data-dir=${userDataDir}`, `--extensions-dir=${extensionsDir}`],
        extensionTestsEnv: {
          AIRLOCK_RESULTS_FILE: resultsFile,
          AIRLOCK_USER_DATA_DIR: userDataDir,
          AIRLOCK_SCREENSHOT: path.join(results, 'screenshots', 'integration-end.png'),
          AIRLOCK_LOGS: path.join(results, 'logs', 'integration'),
        },
      });
    } catch (e) {
      // a failing test run makes runTests reject; the counts are in the results file
      if (!fs.existsSync(resultsFile)) {
        throw new StepError('run the integration tests', `the editor ended before the tests reported (${String(e?.message || e)}); its reason is printed above`);
      }
    }
    console.log(`integration: editor run took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    if (!process.env.AIRLOCK_KEEP_RUN) fs.rmSync(tmp, { recursive: true, force: true });
  }
  if (!fs.existsSync(resultsFile)) {
    throw new StepError('run the integration tests', 'the extension host wrote no results (see the log above)');
  }
  return JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
}

let summary;
try {
  summary = await runIntegration();
} catch (e) {
  const msg = e instanceof StepError ? e.message : `step 'unexpected' failed: ${e?.stack || e}`;
  console.error(`airlock-editor: ${msg.split('\n')[0]}`);
  summary = { passed: 0, failed: 1, pending: 0, failures: [msg], error: true };
  fs.mkdirSync(results, { recursive: true });
  fs.writeFileSync(resultsFile, JSON.stringify(summary, null, 2));
}
for (const f of summary.failures ?? []) console.log(`  failed: ${f.split('\n')[0]}`);
if (summary.pending) console.log(`${summary.pending} pending`);
console.log(`${summary.passed} passed, ${summary.failed} failed`);
process.exitCode = summary.failed > 0 || summary.passed === 0 ? 1 : 0;
