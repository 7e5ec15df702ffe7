/// <reference types="mocha" />
// The terminal guard end to end in the real editor: lines typed on the keyboard into integrated
// terminals (bash and zsh, with VS Code's shell integration), held by the guard the extension's
// EnvironmentVariableCollection loads, answered only by clicks in the Airlock panel, and checked on
// disk: a denied `rm -rf` deletes nothing, an allowed one deletes the folder.
//
// How an agent's terminal is made from the browser: an agent extension calls
// `vscode.window.createTerminal({ name: 'Cline', env: { CLINE_ACTIVE: 'true' } })`, and nothing in the
// browser can run code in the extension host. A terminal profile in the user settings with the same
// name (overrideName) and environment gives a workbench-created terminal exactly those creation
// options, which is all Airlock sees of Cline's terminals (src/core/terminal/agent-terminals.ts).
// The human's own terminals are checked twice: audit-only by default, and held once the
// application-scoped setting airlock.terminal.gateHumanTerminals is on.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { screenshot, session } from './session';
import { airlockWebview, closeModalEditors, openWorkbench, runFromPalette } from './workbench';

const AGENT_PROFILE = 'Cline';
const WAITING = 'Airlock: this command waits for a decision in the Airlock panel';

/** Terminal rows wrap at the panel's width: compare texts without any whitespace. */
const squash = (s: string) => s.replace(/\s+/g, '');

interface AuditLine {
  seq: number;
  kind: string;
  command?: string;
  source?: { agent?: string; session?: string; path?: string };
  decision?: { action: string; by: string; reason?: string };
  execution?: { terminal: string; origin: string; bypass: boolean };
}
const auditLines = (file: string): AuditLine[] =>
  fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as AuditLine) : [];

/** The gate discovery files serving `ws` whose extension host is alive: `gate-<id>.env` → AIRLOCK_PID. */
function servingGates(ws: string): number[] {
  const runtime = path.join(session().editorEnv.XDG_RUNTIME_DIR!, 'airlock');
  if (!fs.existsSync(runtime)) return [];
  return fs.readdirSync(runtime).filter((f) => f.endsWith('.env'))
    .map((f) => { try { return fs.readFileSync(path.join(runtime, f), 'utf8'); } catch { return ''; } })
    .filter((t) => t.split('\n').some((l) => l.includes(ws)))
    .map((t) => Number(/^AIRLOCK_PID=(\d+)$/m.exec(t)?.[1]))
    .filter((pid) => { try { process.kill(pid, 0); return true; } catch { return false; } });
}

suite('The terminal guard in the real editor: lines typed in bash and zsh terminals held in the panel', function () {
  this.timeout(120_000);
  let page: Page;
  let ws: string;
  let auditFile: string;
  let auditStart = 0;
  let settingsFile: string;
  let originalSettings: string;
  let gatePid: number | undefined;
  const m = () => session().measurements;
  const cards = () => airlockWebview(page).locator('article.card');
  /** The xterm rows of the terminal shown in the panel (DOM renderer: gpuAcceleration off). */
  const rows = () => page.locator('.terminal-wrapper.active:visible .xterm-rows');
  const screen = async () => (await rows().innerText().catch(() => '')).replace(/\u00a0/g, ' ');

  function writeSettings(values: Record<string, unknown>): void {
    const current = JSON.parse(fs.readFileSync(settingsFile, 'utf8')) as Record<string, unknown>;
    fs.writeFileSync(settingsFile, JSON.stringify({ ...current, ...values }, null, 2));
  }

  function userSetting(key: string): unknown {
    try {
      return (JSON.parse(fs.readFileSync(settingsFile, 'utf8')) as Record<string, unknown>)[key];
    } catch {
      return undefined; // being written
    }
  }

  /** Waits until the active terminal shows `text` (whitespace ignored); returns the screen. */
  async function terminalShows(text: string, ms = 30_000): Promise<string> {
    const deadline = Date.now() + ms;
    let last = '';
    while (Date.now() < deadline) {
      last = await screen();
      if (squash(last).includes(squash(text))) return last;
      await page.waitForTimeout(100);
    }
    throw new Error(`the terminal does not show ${JSON.stringify(text)} within ${ms} ms; it shows:\n${last}`);
  }

  /**
   * Types a line into the active terminal with the keyboard and presses Enter once the shell has
   * echoed all of it: keys typed while focus is still moving (a palette command closing) are lost,
   * and a half-typed line can be another command (`clear` without its first four letters is zsh's
   * `r`, which runs the previous line again). Returns when Enter was pressed (performance.now()).
   */
  async function typeLine(line: string): Promise<number> {
    const textarea = page.locator('.terminal-wrapper.active:visible .xterm-helper-textarea');
    let shown = '';
    for (let attempt = 0; attempt < 3; attempt++) {
      await page.locator('.terminal-wrapper.active:visible .xterm-screen').click();
      for (let i = 0; i < 20; i++) {
        const focused = await textarea.evaluate((e) => e === (e as unknown as { ownerDocument: { activeElement: unknown } }).ownerDocument.activeElement).catch(() => false);
        if (focused) break;
        await page.waitForTimeout(100);
      }
      await page.waitForTimeout(100);
      await page.keyboard.type(line, { delay: 5 });
      for (let i = 0; i < 30; i++) {
        shown = await screen();
        if (squash(shown).endsWith(squash(line))) {
          const entered = performance.now();
          await page.keyboard.press('Enter');
          return entered;
        }
        await page.waitForTimeout(100);
      }
      await page.keyboard.press('Control+U'); // drop the partial line (bash and zsh, emacs keys)
    }
    throw new Error(`could not type ${JSON.stringify(line)} into the terminal; it shows:\n${shown}`);
  }

  /** The hover of the newest finished command's gutter decoration (shell integration): its exit code. */
  async function lastCommandHover(): Promise<string> {
    const decoration = page.locator('.terminal-wrapper.active:visible .terminal-command-decoration.error').last();
    await decoration.waitFor({ state: 'visible', timeout: 10_000 });
    await decoration.hover();
    const hover = page.locator('.workbench-hover, .monaco-hover').filter({ hasText: /\S/ }).last();
    await hover.waitFor({ state: 'visible', timeout: 10_000 });
    const text = await hover.innerText();
    await page.mouse.move(700, 300);
    return text;
  }

  /** Clears the terminal (a benign line the guard lets through) so older output cannot match. */
  async function clearTerminal(): Promise<void> {
    await typeLine('clear');
    const deadline = Date.now() + 10_000;
    // (case-sensitive: bash's prompt shows the workspace path, which has "airlock" in it)
    while (Date.now() < deadline && /Airlock/.test(await screen())) await page.waitForTimeout(100);
    assert.doesNotMatch(await screen(), /Airlock/, 'the terminal was cleared');
  }

  /** Opens a terminal with the profile labelled `profile`, waits for its shell, and proves the guard loaded in it. */
  async function openTerminal(profile: string, shell: 'bash' | 'zsh'): Promise<void> {
    await runFromPalette(page, 'Create New Terminal (With Profile)');
    // a profile's row reads "<name><path>": pick the row that starts with the profile's name and its path
    await page.locator('.quick-input-widget input').fill(profile);
    const profiles = page.locator('.quick-input-list .monaco-list-row');
    let texts: string[] = [];
    for (let i = 0; i < 75; i++) {
      texts = (await profiles.allInnerTexts().catch(() => [] as string[])).map((t) => t.replace(/\s+/g, ' ').trim());
      const index = texts.findIndex((t) => t.startsWith(profile) && t.slice(profile.length).trim().startsWith('/'));
      if (index >= 0) {
        await profiles.nth(index).click({ timeout: 5_000 });
        break;
      }
      await page.waitForTimeout(200);
      if (i === 74) assert.fail(`the terminal profile quick pick offers ${profile}: ${JSON.stringify(texts)}`);
    }
    await page.locator('.terminal-wrapper.active:visible .xterm-screen').waitFor({ state: 'visible', timeout: 30_000 });
    // `$` makes the line worth asking about, so this also goes through the gate (low risk: allowed at once).
    await typeLine('echo "guard:${__airlock_loaded-none}:${0##*/}"');
    await terminalShows(`guard:1:${shell}`).catch((e: Error) => {
      throw new Error(`the ${shell} terminal did not load Airlock's guard: ${e.message}`);
    });
  }

  /** Waits for the card of a held terminal line; returns it and the ms from `since` (performance.now()). */
  async function cardFor(command: string, since: number): Promise<{ card: Locator; ms: number }> {
    const card = cards().filter({ hasText: command });
    await card.waitFor({ state: 'visible', timeout: 30_000 });
    return { card, ms: Math.round(performance.now() - since) };
  }

  async function click(card: Locator, name: string): Promise<void> {
    await card.getByRole('button', { name: new RegExp(`^${name}\\b`) }).click();
    await card.waitFor({ state: 'hidden', timeout: 10_000 });
  }

  /** A folder with a file in the workspace, outside the protected paths: what `rm -rf` is aimed at. */
  function makeVictim(name: string): string {
    const dir = path.join(ws, name);
    fs.mkdirSync(path.join(dir, 'nested'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'keep me unless a human says otherwise\n');
    fs.writeFileSync(path.join(dir, 'nested', 'data.csv'), 'a,b\n1,2\n');
    return dir;
  }

  async function gone(dir: string, ms = 15_000): Promise<boolean> {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      if (!fs.existsSync(dir)) return true;
      await new Promise((r) => setTimeout(r, 20));
    }
    return !fs.existsSync(dir);
  }

  /**
   * One held line, twice: Deny with a note (the folder stays, the terminal says why), then Allow once
   * (the line runs, the folder is gone). `who` is what the card says asked.
   */
  async function denyThenAllow(victimName: string, who: RegExp, label: string): Promise<void> {
    const victim = makeVictim(victimName);
    const line = `rm -rf ${victimName}`;
    const note = `keep ${victimName}, it holds the notes (${label})`;

    await clearTerminal();
    const first = await cardFor(line, await typeLine(line));
    const text = await first.card.innerText();
    assert.match(text, /HIGH/, text);
    assert.match(text, /filesystem\.rm/, text);
    assert.match(text, who, text);
    await terminalShows(WAITING);
    await page.waitForTimeout(1_000);
    assert.ok(fs.existsSync(path.join(victim, 'notes.txt')), 'nothing runs while the line is held');
    await screenshot(page, `20-terminal-${label}-held`);

    await first.card.getByRole('textbox', { name: /^Note to the agent/ }).fill(note);
    await click(first.card, 'Deny');
    const denied = await terminalShows('Airlock blocked this command');
    assert.ok(squash(denied).includes(squash(`The human said: ${note}`)), `the note reaches the terminal:\n${denied}`);
    await screenshot(page, `21-terminal-${label}-denied`);
    // VS Code's shell integration records the skipped line as failed with status 126 ("cannot
    // execute"): what agents that read a command's exit code through the editor get.
    const hover = await lastCommandHover();
    assert.match(hover, /failed \(Exit Code 126\)/, `the denied line is marked failed with exit code 126: ${hover}`);
    assert.ok(fs.existsSync(path.join(victim, 'notes.txt')), `${victimName}/notes.txt still exists after the denial`);
    assert.ok(fs.existsSync(path.join(victim, 'nested', 'data.csv')), `${victimName}/nested/data.csv still exists after the denial`);
    assert.strictEqual(await cards().count(), 0, 'no card left after the denial');

    await clearTerminal();
    const second = await cardFor(line, await typeLine(line));
    await terminalShows(WAITING);
    assert.ok(fs.existsSync(victim), 'still there while held the second time');
    const clicked = performance.now();
    await click(second.card, 'Allow once');
    assert.ok(await gone(victim), `${victimName} is deleted once the line is allowed`);
    const ranMs = Math.round(performance.now() - clicked);
    assert.doesNotMatch(await screen(), /Airlock blocked/, 'no block message for the allowed line');
    m()[`terminal_${label}`] = { enterToCardMs: [first.ms, second.ms], allowClickToDeletedMs: ranMs };
  }

  suiteSetup(async () => {
    ws = session().workspace;
    auditFile = path.join(ws, '.airlock', 'audit.jsonl');
    auditStart = auditLines(auditFile).length;
    settingsFile = path.join(path.dirname(session().logsDir), 'User', 'settings.json');
    originalSettings = fs.readFileSync(settingsFile, 'utf8');
    writeSettings({
      // xterm's DOM renderer, so the terminal's text can be read from .xterm-rows
      'terminal.integrated.gpuAcceleration': 'off',
      'terminal.integrated.profiles.linux': {
        [AGENT_PROFILE]: { path: '/usr/bin/bash', overrideName: true, env: { CLINE_ACTIVE: 'true' } },
        'zsh (e2e)': { path: '/usr/bin/zsh', overrideName: true },
      },
      'terminal.integrated.enablePersistentSessions': false,
    });
    const earlier = servingGates(ws);
    page = (await openWorkbench()).page;
    // This window's gate: a new extension host serving the workspace. Gates of windows closed by
    // earlier suites must be gone, or the guard's launcher could ask one of them instead.
    for (let i = 0; i < 150; i++) {
      const now = servingGates(ws);
      gatePid = now.find((p) => !earlier.includes(p));
      if (gatePid && now.length === 1) break;
      await page.waitForTimeout(200);
    }
    assert.ok(gatePid, `a gate of this window serves ${ws}`);
    assert.deepStrictEqual(servingGates(ws), [gatePid], 'only this window serves the workspace');
    await closeModalEditors(page);
    await runFromPalette(page, 'Airlock: Show Panel');
    await airlockWebview(page).locator('#airlock-root').waitFor({ state: 'visible', timeout: 30_000 });
  });

  suiteTeardown(async () => {
    if (page) {
      // Leave nothing held and no shell running for the suites after this one.
      for (const b of await cards().getByRole('button', { name: /^Deny\b/ }).all().catch(() => [] as Locator[])) await b.click().catch(() => undefined);
      await runFromPalette(page, 'Terminal: Kill All Terminals').catch(() => undefined);
      // and leave the layout as the other suites expect it: no panel, the Explorer in the sidebar
      await runFromPalette(page, 'View: Hide Panel').catch(() => undefined);
      await runFromPalette(page, 'View: Show Explorer').catch(() => undefined);
      await page.waitForTimeout(500);
      await page.close().catch(() => undefined);
    }
    if (settingsFile && originalSettings !== undefined) fs.writeFileSync(settingsFile, originalSettings);
    // The next suite waits for its own window's gate: let this one's extension host go first.
    for (let i = 0; i < 100 && gatePid && servingGates(ws).includes(gatePid); i++) await new Promise((r) => setTimeout(r, 200));
  });

  teardown(async function () {
    if (this.currentTest?.state === 'failed' && page) {
      await screenshot(page, `failed-terminal-${this.currentTest.title.replace(/[^a-z0-9]+/gi, '-').slice(0, 50)}`).catch(() => {});
    }
  });

  test('an agent\'s bash terminal (named Cline, CLINE_ACTIVE=true): rm -rf is held; Deny with a note keeps the folder and tells the terminal; Allow once runs it', async () => {
    await openTerminal(AGENT_PROFILE, 'bash');
    await denyThenAllow('e2e-victim-bash', /Asked by Cline \(terminal "Cline"\)/, 'bash-agent');
  });

  test('a human zsh terminal is audit-only by default: rm -rf runs with no card', async () => {
    await runFromPalette(page, 'Terminal: Kill All Terminals');
    await openTerminal('zsh (e2e)', 'zsh');
    const victim = makeVictim('e2e-victim-zsh-audit-only');
    await clearTerminal();
    await typeLine('rm -rf e2e-victim-zsh-audit-only');
    assert.ok(await gone(victim), 'the line ran: your own terminals are not held by default');
    assert.strictEqual(await cards().count(), 0, 'no card');
    assert.doesNotMatch(await screen(), /waits for a decision|Airlock blocked/, 'the terminal said nothing');
  });

  test('a human zsh terminal with airlock.terminal.gateHumanTerminals: rm -rf is held; Deny with a note keeps the folder; Allow once runs it', async () => {
    // Application-scoped, so only the user settings can turn it on: ticked in the Settings editor, as a
    // person would (the workbench then tells the extension host at once; it reads it for each line).
    await runFromPalette(page, 'Preferences: Open Settings (UI)');
    await page.locator('.settings-editor .suggest-input-container').click();
    await page.keyboard.type('airlock.terminal.gateHumanTerminals');
    const setting = page.locator('.settings-editor .setting-item-bool', { hasText: 'Gate Human Terminals' });
    const box = setting.locator('.setting-value-checkbox');
    await box.waitFor({ state: 'visible', timeout: 15_000 });
    assert.strictEqual(await box.getAttribute('aria-checked'), 'false', 'off by default');
    await box.click();
    for (let i = 0; i < 50 && userSetting('airlock.terminal.gateHumanTerminals') !== true; i++) await page.waitForTimeout(100);
    assert.strictEqual(userSetting('airlock.terminal.gateHumanTerminals'), true, 'written to the user settings');
    await runFromPalette(page, 'View: Close All Editors');
    await denyThenAllow('e2e-victim-zsh', /Asked by your terminal "zsh \(e2e\)"/, 'zsh-human');
  });

  test('the audit file has one decision per line with who decided, and the observer saw no bypass', async () => {
    const added = auditLines(auditFile).slice(auditStart);
    const rm = added.filter((r) => r.kind === 'decision' && /^rm -rf e2e-victim/.test(r.command ?? ''));
    assert.deepStrictEqual(rm.map((r) => [r.command, r.source?.agent, r.source?.path, r.decision?.action, r.decision?.by]), [
      ['rm -rf e2e-victim-bash', 'Cline', 'terminal', 'deny', 'human'],
      ['rm -rf e2e-victim-bash', 'Cline', 'terminal', 'allow', 'human'],
      ['rm -rf e2e-victim-zsh-audit-only', 'human', 'terminal', 'allow', 'audit-only'],
      ['rm -rf e2e-victim-zsh', 'human', 'terminal', 'deny', 'human'],
      ['rm -rf e2e-victim-zsh', 'human', 'terminal', 'allow', 'human'],
    ], JSON.stringify(rm, null, 1));
    assert.match(rm[0]!.decision?.reason ?? '', /The human said: keep e2e-victim-bash/);
    const bypasses = added.filter((r) => r.kind === 'execution' && r.execution?.bypass);
    assert.deepStrictEqual(bypasses.map((r) => r.command), [], 'no line ran without the decision it needed');
  });
});
