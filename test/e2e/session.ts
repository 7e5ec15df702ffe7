// The shared state of a browser end-to-end run. scripts/editor/run-e2e.mjs starts code-server with the
// packaged .vsix installed, launches chromium, and puts this object on globalThis before mocha loads the
// suites. Each suite opens its own page.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';

export interface CommandContribution {
  command: string;
  title: string;
  category?: string;
}
export interface Manifest {
  name: string;
  publisher: string;
  displayName?: string;
  contributes?: {
    commands?: CommandContribution[];
    menus?: { commandPalette?: { command: string; when?: string }[] };
    viewsContainers?: { activitybar?: { id: string; title: string }[] };
  };
}
export interface E2ESession {
  browser: Browser;
  /** workbench URL with the demo workspace open */
  url: string;
  /** the temporary copy of demo/workspace */
  workspace: string;
  /** where screenshots go (test-results/screenshots) */
  screenshots: string;
  /** file the agent simulator writes its transcript to (set in code-server's environment) */
  simulatorTranscript: string;
  /** the editor's log folder (user-data/logs): the remote extension host writes exthost<N>/remoteexthost.log there */
  logsDir: string;
  /** the extension's manifest as installed from the .vsix */
  manifest: Manifest;
  /** numbers measured by the suites, written to test-results/measurements-e2e.json by the runner */
  measurements: Record<string, unknown>;
  /** the run's temporary directory (removed after the run) */
  runDir: string;
  /** where the .vsix was installed (its dist/cli.js is the CLI the hook launcher runs) */
  extensionDir: string;
  /** the exact environment code-server (and so the extension host) was started with: HOME, XDG_*, PATH… */
  editorEnv: Record<string, string>;
  editorStopped: boolean;
  /** stops code-server and every process it started; for the last suite only (see run-e2e.mjs) */
  stopEditor(): void;
}

export function session(): E2ESession {
  const s = (globalThis as { __airlockE2E?: E2ESession }).__airlockE2E;
  if (!s) throw new Error('run the browser tests with `npm run test:e2e` (scripts/editor/run-e2e.mjs)');
  return s;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  const s = session();
  fs.mkdirSync(s.screenshots, { recursive: true });
  await page.screenshot({ path: path.join(s.screenshots, `${name}.png`) });
}

/** The text of every remote extension host log of this run. */
export function extensionHostLog(): string {
  const out: string[] = [];
  const walk = (dir: string): void => {
    if (!fs.existsSync(dir)) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name === 'remoteexthost.log') out.push(fs.readFileSync(p, 'utf8'));
    }
  };
  walk(session().logsDir);
  return out.join('\n');
}
