#!/usr/bin/env node
// Stand-in for the `code` executable that @vscode/test-electron's runTests() spawns (its
// vscodeExecutablePath). No desktop VS Code can be downloaded here, so this runs the same tests in a
// real VS Code 1.139 (code-server): it understands the arguments runTests passes
//   --extensionDevelopmentPath=P (repeatable) --extensionTestsPath=P --user-data-dir=D --extensions-dir=D [folder]
// (other flags such as --no-sandbox are ignored), starts code-server on a free 127.0.0.1 port with the
// smoke-test driver enabled, opens the workbench in headless chromium with the extension and tests in the
// ?payload= URL, prints the extension host's output, and exits with the extension host's exit code.
//
// Environment: AIRLOCK_TEST_TIMEOUT (seconds, default 600), AIRLOCK_SCREENSHOT (PNG written at the end),
// AIRLOCK_LOGS (folder the VS Code logs are copied to), AIRLOCK_VERBOSE=1 (print all workbench log lines).
import fs from 'node:fs';
import path from 'node:path';
import { format } from 'node:util';
import {
  StepError,
  editorPaths,
  exitWithParent,
  keepLogs,
  launchChromium,
  main,
  makeRun,
  onShutdown,
  startCodeServer,
  workbenchUrl,
  writeUserSettings,
} from './host.mjs';

function parse(argv) {
  const a = { dev: [], tests: undefined, userDataDir: undefined, extensionsDir: undefined, folder: undefined };
  const valued = { '--extensionDevelopmentPath': 'dev', '--extensionTestsPath': 'tests', '--user-data-dir': 'userDataDir', '--extensions-dir': 'extensionsDir' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const key = valued[flag];
    if (key) {
      const value = inline ?? argv[++i];
      if (key === 'dev') a.dev.push(path.resolve(value));
      else a[key] = path.resolve(value);
    } else if (!arg.startsWith('-')) {
      a.folder = path.resolve(arg);
    }
  }
  return a;
}

// Workbench log lines that are expected on a machine without internet and are only noise here.
const NOISE = /open-vsx|marketplace|github|ENOTFOUND|ERR_NAME_NOT_RESOLVED|Creating a socket|connection token|grace time|AccountPolicyGate|Service Worker|Failed to fetch|getaddrinfo/i;

await main(async () => {
  const a = parse(process.argv.slice(2));
  if (a.dev.length === 0 || !a.tests) {
    throw new StepError('parse arguments', 'need --extensionDevelopmentPath and --extensionTestsPath');
  }
  const paths = editorPaths();
  if (!fs.existsSync(paths.entry)) {
    throw new StepError('find editor host', `code-server is not installed at ${paths.home}; run npm test or scripts/editor/install.sh --for test`);
  }
  const run = makeRun('shim');
  if (a.userDataDir) {
    run.userDataDir = a.userDataDir;
    writeUserSettings(run.userDataDir);
  }
  if (a.extensionsDir) {
    run.extensionsDir = a.extensionsDir;
    fs.mkdirSync(run.extensionsDir, { recursive: true });
  }
  const folder = a.folder ?? path.join(run.dir, 'empty-workspace');
  fs.mkdirSync(folder, { recursive: true });

  let cs;
  let browser;
  const shutdown = onShutdown(() => {
    cs?.stop();
    if (process.env.AIRLOCK_LOGS) keepLogs(run, process.env.AIRLOCK_LOGS);
    run.cleanup();
  });

  exitWithParent(() => {
    shutdown();
    process.exit(1);
  });
  cs = await startCodeServer(paths, run, { folder, smokeTestDriver: true });
  browser = await launchChromium(run);
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  let resolveExit;
  const exited = new Promise((r) => (resolveExit = r));
  // The workbench calls window.codeAutomationExit(code) when the extension host exits after run().
  await page.exposeFunction('codeAutomationExit', (code) => resolveExit(code));
  // In test mode the workbench forwards log output, including the extension host's console, here.
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    const line = format(...(Array.isArray(args) ? args : [args]));
    if (!process.env.AIRLOCK_VERBOSE && NOISE.test(line)) return;
    (type === 'error' ? process.stderr : process.stdout).write(`${line}\n`);
  });
  const timeoutS = Number(process.env.AIRLOCK_TEST_TIMEOUT || 600);
  const timer = setTimeout(() => resolveExit('timeout'), timeoutS * 1000);
  const url = workbenchUrl(cs, folder, { extensionDevelopmentPaths: a.dev, extensionTestsPath: a.tests });
  try {
    await page.goto(url, { timeout: 60_000 });
  } catch (e) {
    throw new StepError('open the workbench', String(e?.message || e).split('\n')[0]);
  }
  const code = await exited;
  clearTimeout(timer);
  if (process.env.AIRLOCK_SCREENSHOT) {
    fs.mkdirSync(path.dirname(process.env.AIRLOCK_SCREENSHOT), { recursive: true });
    await page.screenshot({ path: process.env.AIRLOCK_SCREENSHOT }).catch(() => {});
  }
  await browser.close().catch(() => {});
  shutdown();
  if (code === 'timeout') throw new StepError('run extension tests', `the extension host did not exit within ${timeoutS} s`);
  return code === 0 ? 0 : 1;
});
