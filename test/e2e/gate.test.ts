/// <reference types="mocha" />
// The gate end to end in the real editor (issue 4, "Tests and figures"): hooks installed through the
// command palette, the installed hook command spawned exactly as Claude Code and Cursor spawn it
// (`/bin/sh -c "<command>"`, the agent's JSON on stdin, cwd = the workspace, the editor's environment),
// held requests answered only by clicks in the Airlock panel (the sidebar webview), the audit file verified, and
// the fail-closed offline decisions once no editor serves the workspace. Stops the editor at its end,
// so run-e2e.mjs runs this suite last.
import * as assert from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { findUnixNetcat } from '../../src/node/launcher';
import { screenshot, session } from './session';
import { airlockWebview, openWorkbench, pickFromQuickInput, runFromPalette } from './workbench';

const XSS = `<img src=x onerror=alert(1)><script>alert(2)</script>`;
const POCKETOS = `curl -X POST https://backboard.railway.app/graphql/v2 -H "Authorization: Bearer $(cat .railway-token)" -d '{"query":"mutation { volumeDelete(volumeId: \\"vol_7f3a\\") }"}'`;

/** Claude Code's PreToolUse input for its Bash tool, with the fields it sends. */
const claudeInput = (command: string, cwd: string, n: number) =>
  JSON.stringify({
    session_id: '5f0c2a8e-1b7d-4c3e-9a61-e2e000000001',
    transcript_path: path.join(session().editorEnv.HOME ?? cwd, '.claude', 'projects', 'workspace', 'e2e.jsonl'),
    cwd,
    permission_mode: 'default',
    hook_event_name: 'PreToolUse',
    tool_name: 'Bash',
    tool_input: { command, description: `e2e request ${n}` },
    tool_use_id: `toolu_e2e_${n}`,
  });

/** Cursor's beforeShellExecution input. */
const cursorInput = (command: string, cwd: string) =>
  JSON.stringify({
    conversation_id: 'c0ffee00-e2e0-4000-8000-000000000001',
    generation_id: 'g-e2e-1',
    hook_event_name: 'beforeShellExecution',
    command,
    cwd,
    workspace_roots: [cwd],
  });

interface HookRun {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs an agent's hook command the way the agent does: `/bin/sh -c <command>`, JSON on stdin. */
function runHook(command: string, input: string, cwd: string): { started: number; done: Promise<HookRun> } {
  const started = performance.now();
  const child = spawn('/bin/sh', ['-c', command], { cwd, env: session().editorEnv, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  child.stdin.on('error', () => undefined);
  child.stdin.end(input);
  const done = new Promise<HookRun>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr, ms: performance.now() - started })));
  return { started, done };
}

const claudeDecision = (r: HookRun) => (JSON.parse(r.stdout) as { hookSpecificOutput?: { permissionDecision?: string; permissionDecisionReason?: string } }).hookSpecificOutput;
const cursorDecision = (r: HookRun) => JSON.parse(r.stdout) as { permission?: string; agent_message?: string; user_message?: string };
const show = (r: HookRun) => `exit ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`;

interface ClaudeSettings { hooks?: Record<string, { matcher?: string; hooks?: { type?: string; command?: string }[] }[]>; permissions?: unknown }
interface CursorHooks { version?: number; hooks?: Record<string, { command?: string; failClosed?: boolean }[]> }

/** The commands Claude Code runs for a Bash PreToolUse: every hook of every group whose matcher matches "Bash". */
function claudeCommands(file: string): string[] {
  const s = JSON.parse(fs.readFileSync(file, 'utf8')) as ClaudeSettings;
  return (s.hooks?.PreToolUse ?? [])
    .filter((g) => !g.matcher || g.matcher === '*' || new RegExp(`^(?:${g.matcher})$`).test('Bash'))
    .flatMap((g) => (g.hooks ?? []).filter((h) => h.type === 'command' && h.command).map((h) => h.command!));
}

/** Cursor runs each beforeShellExecution entry; Airlock's is the one that names the launcher (and it is first). */
function cursorCommand(file: string): string {
  const h = JSON.parse(fs.readFileSync(file, 'utf8')) as CursorHooks;
  const list = h.hooks?.beforeShellExecution ?? [];
  assert.ok(list[0]?.command?.includes('airlock-hook'), `Airlock's entry is first in beforeShellExecution: ${JSON.stringify(list)}`);
  return list[0]!.command!;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! * 10) / 10;
};

interface AuditLine { seq: number; kind: string; requestId?: string; command?: string; source?: { agent?: string; path?: string }; decision?: { action: string; by: string } }
const auditLines = (file: string): AuditLine[] =>
  fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as AuditLine) : [];

/** `airlock audit verify FILE` with the installed CLI and the editor's environment (so it finds the anchor). */
function verifyAudit(file: string): { code: number | null; out: string } {
  const cli = path.join(session().extensionDir, 'dist', 'cli.js');
  const r = spawnSync(process.execPath, [cli, 'audit', 'verify', file], { env: session().editorEnv, encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

suite('The gate in the real editor: installed hooks, approvals in the panel, audit, fail-closed', function () {
  this.timeout(120_000);
  let page: Page;
  let ws: string;
  let claudeFile: string;
  let cursorFile: string;
  let claudeHook: string;
  let cursorHook: string;
  let auditFile: string;
  let auditStart = 0;
  const alerts: string[] = [];
  const m = () => session().measurements;
  const dialog = () => page.locator('.monaco-dialog-box');
  const cards = () => airlockWebview(page).locator('article.card');
  /** Waits for the request's card in the Airlock panel; returns it and the ms from `since` (performance.now()) until it was visible. */
  async function cardShown(since: number, hasText: string | RegExp): Promise<{ card: Locator; ms: number }> {
    const card = cards().filter({ hasText });
    await card.waitFor({ state: 'visible', timeout: 30_000 });
    return { card, ms: Math.round(performance.now() - since) };
  }
  /** Clicks the card's button whose label starts with `name` (labels say more for screen readers); the card goes away. */
  async function click(card: Locator, name: string): Promise<void> {
    await card.getByRole('button', { name: new RegExp(`^${name}\\b`) }).click();
    await card.waitFor({ state: 'hidden', timeout: 10_000 });
  }
  const allowButton = (card: Locator) => card.getByRole('button', { name: /^Allow once\b/ });

  suiteSetup(async () => {
    ws = session().workspace;
    claudeFile = path.join(ws, '.claude', 'settings.local.json');
    cursorFile = path.join(ws, '.cursor', 'hooks.json');
    auditFile = path.join(ws, '.airlock', 'audit.jsonl');
    auditStart = auditLines(auditFile).length;
    // Pre-existing hooks the install must keep (and, for Claude, a non-Bash matcher it must not disturb).
    fs.mkdirSync(path.dirname(claudeFile), { recursive: true });
    fs.writeFileSync(claudeFile, `${JSON.stringify({
      permissions: { allow: ['Bash(npm test)'] },
      hooks: {
        PreToolUse: [{ matcher: 'Edit|Write', hooks: [{ type: 'command', command: 'echo seeded-pre-edit-hook' }] }],
        PostToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: 'echo seeded-post-bash-hook' }] }],
      },
    }, null, 2)}\n`);
    fs.mkdirSync(path.dirname(cursorFile), { recursive: true });
    fs.writeFileSync(cursorFile, `${JSON.stringify({
      version: 1,
      hooks: {
        beforeShellExecution: [{ command: './hooks/seeded-shell-audit.sh' }],
        afterFileEdit: [{ command: './hooks/seeded-format.sh' }],
      },
    }, null, 2)}\n`);
    page = (await openWorkbench()).page;
    // A page-level dialog (alert) would mean markup from a command ran somewhere.
    page.on('dialog', (d) => { alerts.push(d.message()); void d.dismiss(); });
  });

  suiteTeardown(async () => {
    await page?.close().catch(() => {});
  });

  teardown(async function () {
    if (this.currentTest?.state === 'failed' && page && !session().editorStopped) {
      await screenshot(page, `failed-gate-${this.currentTest.title.replace(/[^a-z0-9]+/gi, '-').slice(0, 50)}`).catch(() => {});
    }
  });

  test('"Airlock: Install Agent Hooks" (workspace; Claude Code + Cursor) adds the launcher and keeps the existing hooks', async () => {
    // the gate is up once the window's extension host has activated Airlock: its discovery file names our workspace
    const runtime = path.join(session().editorEnv.XDG_RUNTIME_DIR!, 'airlock');
    const serving = () => (fs.existsSync(runtime) ? fs.readdirSync(runtime) : [])
      .filter((f) => f.endsWith('.json'))
      .filter((f) => { try { return (JSON.parse(fs.readFileSync(path.join(runtime, f), 'utf8')) as { roots: string[] }).roots.includes(ws); } catch { return false; } });
    for (let i = 0; i < 150 && serving().length === 0; i++) await page.waitForTimeout(200);
    assert.ok(serving().length > 0, `a gate discovery file in ${runtime} serves ${ws}`);
    m().gatesServingWorkspace = serving().length;

    await runFromPalette(page, 'Airlock: Install Agent Hooks');
    assert.ok(await pickFromQuickInput(page, 'Workspace', 'Workspace (local, not committed)'), 'the scope quick pick offers the workspace');
    // the agents quick pick: exactly Claude Code and Cursor checked
    const rows = page.locator('.quick-input-list .monaco-list-row');
    await rows.first().waitFor({ state: 'visible', timeout: 10_000 });
    const want = /^(Claude Code|Cursor)\b/;
    for (let i = 0; i < (await rows.count()); i++) {
      const row = rows.nth(i);
      const label = (await row.locator('.label-name').first().innerText()).trim();
      const box = row.locator('[role="checkbox"], input[type="checkbox"]').first();
      const checked = (await box.getAttribute('aria-checked')) === 'true' || (await box.isChecked().catch(() => false));
      if (checked !== want.test(label)) await box.click();
    }
    await screenshot(page, '10-install-hooks-agents');
    // OK, not Enter: after a checkbox click the focus can sit on a row, where Enter toggles it instead of accepting.
    const ok = page.locator('.quick-input-widget .monaco-button', { hasText: /^OK$/ }).first();
    if (await ok.isVisible().catch(() => false)) await ok.click();
    else await page.keyboard.press('Enter');
    await page.locator('.notifications-toasts', { hasText: 'Airlock hooks installed for claude-code, cursor (workspace)' }).waitFor({ timeout: 15_000 });

    const claude = JSON.parse(fs.readFileSync(claudeFile, 'utf8')) as ClaudeSettings;
    const cursor = JSON.parse(fs.readFileSync(cursorFile, 'utf8')) as CursorHooks;
    const launcher = path.join(session().editorEnv.XDG_DATA_HOME!, 'airlock', 'bin', 'airlock-hook');
    // kept: everything seeded
    assert.deepStrictEqual(claude.permissions, { allow: ['Bash(npm test)'] });
    assert.deepStrictEqual(claude.hooks?.PreToolUse?.[0], { matcher: 'Edit|Write', hooks: [{ type: 'command', command: 'echo seeded-pre-edit-hook' }] });
    assert.deepStrictEqual(claude.hooks?.PostToolUse, [{ matcher: 'Bash', hooks: [{ type: 'command', command: 'echo seeded-post-bash-hook' }] }]);
    assert.deepStrictEqual(cursor.hooks?.afterFileEdit, [{ command: './hooks/seeded-format.sh' }]);
    assert.deepStrictEqual(cursor.hooks?.beforeShellExecution?.[1], { command: './hooks/seeded-shell-audit.sh' });
    // added: the launcher entry
    claudeHook = claudeCommands(claudeFile).find((c) => c.includes('airlock-hook'))!;
    assert.strictEqual(claudeHook, `${launcher} claude-code`, `Claude's PreToolUse Bash hook: ${JSON.stringify(claude.hooks?.PreToolUse)}`);
    assert.deepStrictEqual(claudeCommands(claudeFile), [claudeHook], 'Claude Code runs exactly one hook for Bash: Airlock');
    cursorHook = cursorCommand(cursorFile);
    assert.strictEqual(cursorHook, `${launcher} cursor`);
    assert.strictEqual(cursor.hooks?.beforeShellExecution?.[0]?.failClosed, true, 'Cursor entry is failClosed');
    assert.ok((fs.statSync(launcher).mode & 0o111) !== 0, 'the launcher is executable');
    const netcat = findUnixNetcat();
    m().netcat = netcat ?? null;
    if (netcat) assert.ok(fs.readFileSync(launcher, 'utf8').includes(`'${netcat}' -N -U`), 'with OpenBSD netcat present, the launcher has the nc -U fast path');
    // the approval panel on screen, as a user keeps it while an agent works
    await runFromPalette(page, 'Airlock: Show Panel');
    await airlockWebview(page).locator('#airlock-root').waitFor({ state: 'visible', timeout: 30_000 });
  });

  test('a benign command (npm test) is allowed at once, with no prompt', async () => {
    const r = await runHook(claudeHook, claudeInput('npm test', ws, 1), ws).done;
    assert.strictEqual(r.code, 0, show(r));
    assert.strictEqual(claudeDecision(r)?.permissionDecision, 'allow', show(r));
    assert.strictEqual(await cards().count(), 0, 'no request in the panel');
    await page.waitForTimeout(300);
    assert.strictEqual(await cards().count(), 0, 'no request in the panel after the answer either');
    assert.strictEqual(await dialog().count(), 0, 'no dialog');
    assert.ok(r.ms < 3_000, `answered in ${r.ms.toFixed(0)} ms`);
    m().hookBenignFirstMs = Math.round(r.ms);
  });

  test('the PocketOS request (Claude Code) is held in the panel with its plan; typing the volume id gates Allow; Deny with a note: exit 2, the note in Claude JSON', async () => {
    const h = runHook(claudeHook, claudeInput(POCKETOS, ws, 2), ws);
    let finished = false;
    void h.done.then(() => (finished = true));
    const { card, ms } = await cardShown(h.started, 'vol_7f3a');
    m().hookToCardMs = ms;
    assert.ok(!finished, 'the hook is still waiting while the card is shown');
    const text = await card.innerText();
    assert.match(text, /CRITICAL/, text);
    assert.match(text, /vol_7f3a/, text);
    assert.match(text, /railway\.graphql\.volume-delete/, text);
    assert.match(text, /claude-code/, text);
    assert.match(text, /e2e request 2/, 'the stated intent');
    assert.match(text, /Denied automatically in \d+:\d\d/, 'a countdown to the timeout');
    assert.strictEqual(await card.locator('ol.plan li').count() > 0, true, 'the plan, step by step');
    await screenshot(page, '11-pocketos-held');
    // only the exact name enables Allow; the session scopes are not offered for critical requests
    const allow = allowButton(card);
    assert.ok(await allow.isDisabled(), 'Allow is disabled before anything is typed');
    assert.strictEqual(await card.getByRole('button', { name: /^Allow for this session/ }).count(), 0);
    const typed = card.getByRole('textbox', { name: /^Type vol_7f3a/ });
    await typed.fill('vol_7f3');
    assert.ok(await allow.isDisabled(), 'Allow stays disabled for a partial name');
    await typed.fill('vol_7f3a');
    assert.ok(await allow.isEnabled(), 'Allow is enabled once the volume id is typed exactly');
    await screenshot(page, '11b-pocketos-typed');
    await typed.fill('');
    assert.ok(await allow.isDisabled(), 'and disabled again when it is cleared');
    await page.waitForTimeout(1_500);
    assert.ok(!finished, 'still held after 1.5 s: only a human answers');
    await card.getByRole('textbox', { name: /^Note to the agent/ }).fill('use the staging volume instead');
    await click(card, 'Deny');
    const r = await h.done;
    assert.strictEqual(r.code, 2, show(r));
    const d = claudeDecision(r);
    assert.strictEqual(d?.permissionDecision, 'deny', show(r));
    assert.match(d?.permissionDecisionReason ?? '', /use the staging volume instead/, show(r));
    assert.ok(r.stderr.trim().length > 10, `a reason on stderr: ${show(r)}`);
  });

  test('Cursor: rm -rf src (high) with the panel hidden: a notification with Review, the card, a click on Deny gives {"permission":"deny"} and exit 2', async () => {
    await runFromPalette(page, 'View: Show Explorer');
    await page.locator('.part.sidebar .title-label', { hasText: /explorer/i }).waitFor({ timeout: 15_000 });
    const h = runHook(cursorHook, cursorInput('rm -rf src', ws), ws);
    const toast = page.locator('.notifications-toasts .notification-list-item', { hasText: 'Airlock: HIGH request from cursor waiting' });
    await toast.waitFor({ state: 'visible', timeout: 30_000 });
    await screenshot(page, '12a-cursor-notification');
    await toast.getByRole('button', { name: 'Review' }).click();
    const { card, ms } = await cardShown(h.started, 'rm -rf src');
    m().hookToCardHiddenPanelMs = ms;
    const text = await card.innerText();
    assert.match(text, /HIGH/, text);
    assert.match(text, /cursor/, text);
    assert.match(text, /rm -rf src/, text);
    await screenshot(page, '12-cursor-rm-held');
    await click(card, 'Deny');
    const r = await h.done;
    assert.strictEqual(r.code, 2, show(r));
    const d = cursorDecision(r);
    assert.strictEqual(d.permission, 'deny', show(r));
    assert.ok((d.agent_message ?? '').length > 10, show(r));
    assert.ok(r.stderr.trim().length > 10, show(r));
    assert.ok(fs.existsSync(path.join(ws, 'src')), 'nothing ran');
  });

  test('a high request (git reset --hard) is allowed once by a click on "Allow once"', async () => {
    const h = runHook(claudeHook, claudeInput('git reset --hard HEAD~3', ws, 3), ws);
    const { card, ms } = await cardShown(h.started, 'git reset --hard HEAD~3');
    m().hookToCardHighMs = ms;
    const text = await card.innerText();
    assert.match(text, /HIGH/, text);
    assert.match(text, /git\.reset-hard/, text);
    assert.ok(await allowButton(card).isEnabled(), 'no typing needed below critical');
    const clicked = performance.now();
    await click(card, 'Allow once');
    const r = await h.done;
    m().clickToAllowMs = Math.round(performance.now() - clicked);
    assert.strictEqual(r.code, 0, show(r));
    assert.strictEqual(claudeDecision(r)?.permissionDecision, 'allow', show(r));
  });

  test('the audit file verifies and holds one decision per request, with the right actions', () => {
    const records = auditLines(auditFile).slice(auditStart).filter((r) => r.kind === 'decision');
    const got = records.map((r) => [r.source?.agent, r.decision?.action, r.decision?.by, r.command?.slice(0, 40)]);
    assert.deepStrictEqual(got.map((g) => g.slice(0, 3)), [
      ['claude-code', 'allow', 'policy'],
      ['claude-code', 'deny', 'human'],
      ['cursor', 'deny', 'human'],
      ['claude-code', 'allow', 'human'],
    ], JSON.stringify(got));
    assert.strictEqual(records[0]!.command, 'npm test');
    assert.match(records[1]!.command ?? '', /volumeDelete.*vol_7f3a/);
    assert.strictEqual(records[2]!.command, 'rm -rf src');
    assert.strictEqual(records[3]!.command, 'git reset --hard HEAD~3');
    assert.ok(records.every((r) => r.source?.path === 'hook'), 'all decided by the editor gate');
    const v = verifyAudit(auditFile);
    assert.strictEqual(v.code, 0, v.out);
    assert.match(v.out, /^OK: \d+ records/, v.out);
  });

  test('a command carrying HTML and script renders as inert text in the panel', async () => {
    const command = `git reset --hard '${XSS}'`;
    const h = runHook(claudeHook, claudeInput(command, ws, 4), ws);
    const { card } = await cardShown(h.started, 'onerror=alert(1)');
    const pre = card.locator('pre.command');
    assert.ok((await pre.innerText()).includes(XSS), `the literal text is shown: ${await pre.innerText()}`);
    const frame = airlockWebview(page);
    assert.strictEqual(await frame.locator('img').count(), 0, 'no img element in the webview');
    assert.strictEqual(await frame.locator('#airlock-root script').count(), 0, 'no script element in the panel');
    const payloadScripts = await frame.locator('script').evaluateAll((ss) => ss.filter((x) => (x.textContent ?? '').includes('alert(')).length);
    assert.strictEqual(payloadScripts, 0, 'no script element carries the payload');
    await screenshot(page, '14-inert-html');
    await click(card, 'Deny');
    const r = await h.done;
    assert.strictEqual(claudeDecision(r)?.permissionDecision, 'deny', show(r));
    assert.deepStrictEqual(alerts, [], 'no alert ran');
  });

  test('History lists the decisions above newest first; Decision = deny shows only denies; opening one shows its rules; Verify says intact', async () => {
    const frame = airlockWebview(page);
    const decisions = auditLines(auditFile).filter((r) => r.kind === 'decision');
    const entries = frame.locator('.history li.history-entry');
    // the newest decision (the inert-HTML deny) is listed first once the History has refreshed
    await entries.first().filter({ hasText: 'onerror=alert(1)' }).waitFor({ state: 'visible', timeout: 15_000 });
    assert.strictEqual(await entries.count(), Math.min(200, decisions.length), 'one entry per decision record');
    const listed = (await entries.evaluateAll((ls) => ls.map((l) => [l.getAttribute('data-seq'), l.getAttribute('data-action')]))) as [string, string][];
    assert.deepStrictEqual(listed.slice(0, 5).map(([, a]) => a), ['deny', 'allow', 'deny', 'deny', 'allow'], JSON.stringify(listed));
    assert.deepStrictEqual(listed.map(([seq]) => Number(seq)), decisions.map((d) => d.seq).reverse().slice(0, 200), 'newest first');
    await screenshot(page, '15-history');

    await frame.locator('.history select[name="action"]').selectOption('deny');
    const denies = decisions.filter((d) => d.decision?.action === 'deny').length;
    await frame.locator('.history li.history-entry[data-action="allow"]').first().waitFor({ state: 'detached', timeout: 5_000 });
    assert.strictEqual(await entries.count(), Math.min(200, denies));
    assert.deepStrictEqual([...new Set(await entries.evaluateAll((ls) => ls.map((l) => l.getAttribute('data-action'))))], ['deny']);

    // open the PocketOS denial with the keyboard: its full record, with the rules that fired
    const pocketos = decisions.filter((d) => /volumeDelete/.test(d.command ?? '')).at(-1)!;
    const rules = (JSON.parse(fs.readFileSync(auditFile, 'utf8').split('\n').find((l) => l.includes(`"seq":${pocketos.seq},`))!) as { assessment: { rules: string[] } }).assessment.rules;
    assert.ok(rules.length > 0, 'the PocketOS decision names rules');
    const entry = frame.locator(`.history li.history-entry[data-seq="${pocketos.seq}"]`);
    await entry.locator('.history-row').focus();
    await page.keyboard.press('Enter');
    const detailsBox = entry.locator('.history-details');
    await detailsBox.waitFor({ state: 'visible', timeout: 5_000 });
    const detailsText = await detailsBox.innerText();
    for (const rule of rules) assert.ok(detailsText.includes(rule), `rule ${rule} shown: ${detailsText}`);
    assert.match(detailsText, /Request id: \S+/, detailsText);
    assert.match(detailsText, /Decision: deny by human/, detailsText);
    assert.strictEqual(await entry.locator('.history-row').getAttribute('aria-expanded'), 'true');

    await frame.getByRole('button', { name: /^Verify the audit log/ }).click();
    const verified = frame.locator('.verify-result');
    await verified.filter({ hasText: /intact|TAMPERED|Cannot/ }).waitFor({ timeout: 15_000 });
    assert.match(await verified.innerText(), /^Audit log intact: \d+ records/, await verified.innerText());
    await screenshot(page, '16-history-deny-opened-verified');
    await frame.locator('.history select[name="action"]').selectOption('');
  });

  test('themes: a held request and the "Policy changes waiting" card stay readable in light, dark and high contrast; Accept in the panel accepts the policy (audited)', async () => {
    const settingsFile = path.join(path.dirname(session().logsDir), 'User', 'settings.json');
    const originalSettings = fs.readFileSync(settingsFile, 'utf8');
    const policyFile = path.join(ws, '.airlock', 'policy.yaml');
    const originalPolicy = fs.readFileSync(policyFile, 'utf8');
    const loosening = 'version: 1\nallow:\n  - command: "npm publish"\n    upTo: high\n';
    const frame = airlockWebview(page);
    const h = runHook(claudeHook, claudeInput('git reset --hard HEAD~2', ws, 5), ws);
    const card = () => cards().filter({ hasText: 'git reset --hard HEAD~2' });
    try {
      await cardShown(h.started, 'git reset --hard HEAD~2');
      fs.writeFileSync(policyFile, loosening);
      const policyCard = frame.locator('.policy-review article.policy-card');
      await policyCard.waitFor({ state: 'visible', timeout: 20_000 });
      assert.match(await policyCard.innerText(), /npm publish/);
      // The codicon font is loaded under the CSP (font-src webview.cspSource) and every icon is hidden from screen readers.
      await frame.locator('.codicon').first().waitFor({ state: 'attached' });
      await page.waitForTimeout(300);
      const fontLoaded = await frame.locator('body').evaluate(async () => {
        const fonts = (globalThis as unknown as { document: { fonts: Iterable<{ family: string; status: string }> & { ready: Promise<unknown> } } }).document.fonts;
        await fonts.ready;
        return [...fonts].some((f) => /codicon/i.test(f.family) && f.status === 'loaded');
      });
      assert.ok(fontLoaded, 'the codicon font loaded');
      assert.strictEqual(await frame.locator('.codicon:not([aria-hidden="true"])').count(), 0, 'icons are aria-hidden');

      const themes = [
        { name: 'Default Light Modern', search: 'Light Modern', label: /Light Modern/, cls: 'vs', shot: '17a-theme-light' },
        { name: 'Default Dark Modern', search: 'Dark Modern', label: /Dark Modern/, cls: 'vs-dark', shot: '17b-theme-dark' },
        { name: 'Default High Contrast', search: 'High Contrast', label: /^(?!.*Light).*High Contrast/, cls: 'hc-black', shot: '17c-theme-high-contrast' },
      ];
      for (const t of themes) {
        // The user setting workbench.colorTheme in the user settings JSON the workbench watches; should the
        // change not be picked up, the workbench's own theme picker sets the same setting.
        const current = JSON.parse(fs.readFileSync(settingsFile, 'utf8')) as Record<string, unknown>;
        fs.writeFileSync(settingsFile, JSON.stringify({ ...current, 'workbench.colorTheme': t.name }, null, 2));
        const themed = page.locator(`.monaco-workbench.${t.cls}`);
        if (!(await themed.waitFor({ timeout: 8_000 }).then(() => true, () => false))) {
          await runFromPalette(page, 'Preferences: Color Theme');
          await page.locator('.quick-input-widget input').fill(t.search);
          await page.locator('.quick-input-list .monaco-list-row').filter({ hasText: t.label }).first().click({ timeout: 10_000 });
        }
        await themed.waitFor({ timeout: 20_000 });
        await policyCard.scrollIntoViewIfNeeded();
        await page.waitForTimeout(800); // the webview gets the new theme variables
        const targets = [
          { what: 'risk badge', loc: card().locator('h2 .badge') },
          { what: 'Allow once', loc: card().getByRole('button', { name: /^Allow once\b/ }) },
          { what: 'Deny', loc: card().getByRole('button', { name: /^Deny\b/ }) },
          { what: 'Allow for this session', loc: card().getByRole('button', { name: /^Allow for this session\b/ }) },
          { what: 'Show diff', loc: policyCard.getByRole('button', { name: /^Show the changes/ }) },
          { what: 'Accept', loc: policyCard.getByRole('button', { name: /^Accept\b/ }) },
          { what: 'Verify audit log', loc: frame.getByRole('button', { name: /^Verify the audit log/ }) },
        ];
        for (const { what, loc } of targets) {
          const box = await loc.boundingBox();
          assert.ok(box && box.width > 0 && box.height > 0, `${t.name}: ${what} has a size (${JSON.stringify(box)})`);
          const { color, background } = await loc.evaluate((e) => {
            // runs in the webview (no DOM types in this project's Node test build)
            interface El { parentElement: El | null }
            const w = globalThis as unknown as { getComputedStyle(x: El): { color: string; backgroundColor: string } };
            const getComputedStyle = (x: El) => w.getComputedStyle(x);
            let b: El | null = e as unknown as El;
            let bg = 'rgba(0, 0, 0, 0)';
            while (b) {
              const c = getComputedStyle(b).backgroundColor;
              if (c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent') { bg = c; break; }
              b = b.parentElement;
            }
            return { color: getComputedStyle(e as unknown as El).color, background: bg };
          });
          assert.notStrictEqual(color, background, `${t.name}: ${what} text (${color}) differs from its background (${background})`);
        }
        await screenshot(page, t.shot);
      }

      // Accept in the panel: only the text the card was made from is accepted, and the acceptance is audited.
      const before = auditLines(auditFile).length;
      await policyCard.getByRole('button', { name: /^Accept\b/ }).click();
      await policyCard.waitFor({ state: 'detached', timeout: 15_000 });
      const change = auditLines(auditFile).slice(before).find((r) => r.kind === 'policy-change');
      assert.ok(change, 'a policy-change record');
      await click(card(), 'Deny');
      const r = await h.done;
      assert.strictEqual(claudeDecision(r)?.permissionDecision, 'deny', show(r));
    } finally {
      // Leave nothing held for the suites after this one.
      if (await card().isVisible().catch(() => false)) await click(card(), 'Deny').catch(() => undefined);
      await Promise.race([h.done, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      fs.writeFileSync(policyFile, originalPolicy);
      fs.writeFileSync(settingsFile, originalSettings);
      if (!(await page.locator('.monaco-workbench.vs-dark').waitFor({ timeout: 6_000 }).then(() => true, () => false))) {
        await runFromPalette(page, 'Preferences: Color Theme').then(() => pickFromQuickInput(page, 'Dark Modern', 'Dark Modern')).catch(() => undefined);
        await page.keyboard.press('Escape');
      }
    }
  });

  test('figures: allowed round trip through the installed hook (fast path) and through the Node client', async () => {
    const n = 30;
    const fast: number[] = [];
    for (let i = 0; i < n; i++) {
      const r = await runHook(claudeHook, claudeInput('npm test', ws, 100 + i), ws).done;
      assert.strictEqual(claudeDecision(r)?.permissionDecision, 'allow', show(r));
      fast.push(r.ms);
    }
    // What the launcher falls back to without nc: the small hook client of the installed extension.
    const hookClient = path.join(session().extensionDir, 'dist', 'hook.js');
    const nodePath: number[] = [];
    for (let i = 0; i < 10; i++) {
      const r = await runHook(`node '${hookClient}' hook claude-code`, claudeInput('npm test', ws, 200 + i), ws).done;
      assert.strictEqual(claudeDecision(r)?.permissionDecision, 'allow', show(r));
      nodePath.push(r.ms);
    }
    // what spawning a shell that reads stdin costs on its own, for reading the figures above
    const baseline: number[] = [];
    for (let i = 0; i < n; i++) baseline.push((await runHook('cat >/dev/null', claudeInput('npm test', ws, 0), ws).done).ms);
    m().shSpawnBaseline = { n, p50Ms: pct(baseline, 50), p99Ms: pct(baseline, 99) };
    m().hookAllowInstalled = { path: m().netcat ? 'nc -U fast path' : 'Node client', n, p50Ms: pct(fast, 50), p99Ms: pct(fast, 99) };
    m().hookAllowNodeClient = { n: nodePath.length, p50Ms: pct(nodePath, 50), p99Ms: pct(nodePath, 99) };
    assert.strictEqual(await cards().count(), 0, 'no request in the panel for any of them');
  });

  test('fail-closed for a workspace no window serves: decided offline, benign allowed, PocketOS denied', async () => {
    const other = path.join(session().runDir, 'unserved-workspace');
    fs.mkdirSync(path.join(other, '.airlock'), { recursive: true });
    fs.copyFileSync(path.join(ws, '.airlock', 'policy.yaml'), path.join(other, '.airlock', 'policy.yaml'));
    const ok = await runHook(claudeHook, claudeInput('npm test', other, 300), other).done;
    assert.strictEqual(ok.code, 0, show(ok));
    assert.strictEqual(claudeDecision(ok)?.permissionDecision, 'allow', show(ok));
    const bad = await runHook(claudeHook, claudeInput(POCKETOS, other, 301), other).done;
    assert.strictEqual(bad.code, 2, show(bad));
    assert.strictEqual(claudeDecision(bad)?.permissionDecision, 'deny', show(bad));
    assert.match(bad.stdout, /no editor window with Airlock has this folder open/, show(bad));
    assert.strictEqual(await cards().count(), 0, 'the editor was not asked');
    const records = auditLines(path.join(other, '.airlock', 'audit.jsonl'));
    assert.deepStrictEqual(records.map((r) => [r.decision?.action, r.decision?.by, r.source?.path]), [['allow', 'offline', 'offline-hook'], ['deny', 'offline', 'offline-hook']]);
    const v = verifyAudit(path.join(other, '.airlock', 'audit.jsonl'));
    assert.strictEqual(v.code, 0, v.out);
  });

  test('fail-closed when the extension host dies (SIGKILL) while a request is held: the agent gets a deny, never an allow', async () => {
    const runtime = path.join(session().editorEnv.XDG_RUNTIME_DIR!, 'airlock');
    const gatePids = () => fs.readdirSync(runtime).filter((f) => f.endsWith('.env'))
      .map((f) => fs.readFileSync(path.join(runtime, f), 'utf8'))
      .filter((t) => t.includes(ws))
      .map((t) => Number(/^AIRLOCK_PID=(\d+)$/m.exec(t)?.[1]))
      .filter((pid) => { try { process.kill(pid, 0); return true; } catch { return false; } });
    const [hostPid] = gatePids();
    assert.ok(hostPid, 'the extension host serving the workspace');
    const h = runHook(claudeHook, claudeInput(POCKETOS, ws, 500), ws);
    await cardShown(h.started, 'vol_7f3a');
    const killedAt = performance.now();
    process.kill(hostPid, 'SIGKILL'); // the extension host this run's code-server started for our window
    // The launcher's nc sees the connection close without an answer and hands the request to the Node
    // client, which asks a gate again (a restarted extension host) or decides offline. Either way: deny.
    let r: HookRun | undefined;
    void h.done.then((x) => (r = x));
    for (let i = 0; i < 100 && !r; i++) await page.waitForTimeout(100);
    let how = 'offline';
    // If a restarted extension host got it first, it holds it again: a human denies it in its panel (the
    // dead host's card may still be shown until the view reloads; a click on that one answers nothing).
    for (let i = 0; i < 60 && !r; i++) {
      how = 'asked again by the restarted extension host';
      const deny = cards().filter({ hasText: 'vol_7f3a' }).getByRole('button', { name: /^Deny\b/ });
      if (await deny.count()) await deny.first().click({ timeout: 2_000 }).catch(() => {});
      await page.waitForTimeout(500);
    }
    assert.ok(r, 'the held hook was answered after its extension host died');
    m().hostKilledWhilePending = { answeredMs: Math.round(performance.now() - killedAt), how };
    assert.strictEqual(r.code, 2, show(r));
    assert.strictEqual(claudeDecision(r)?.permissionDecision, 'deny', show(r));
    if (how === 'offline') assert.match(r.stdout, /editor is not running|no editor window with Airlock/, show(r));

    // The workbench restarts the extension host; Airlock comes back and serves the workspace again.
    let back: number | undefined;
    for (let i = 0; i < 150 && !back; i++) {
      back = gatePids().find((pid) => pid !== hostPid);
      if (!back) await page.waitForTimeout(200);
    }
    m().hostRestartedGateMs = back ? Math.round(performance.now() - killedAt) : null;
    await screenshot(page, '13-after-extension-host-kill');
    if (back) {
      const ok = await runHook(claudeHook, claudeInput('npm test', ws, 501), ws).done;
      assert.strictEqual(claudeDecision(ok)?.permissionDecision, 'allow', show(ok));
      const last = auditLines(auditFile).at(-1);
      assert.strictEqual(last?.source?.path, 'hook', 'answered by the restarted gate, not offline');
    }
    const v = verifyAudit(auditFile);
    assert.strictEqual(v.code, 0, v.out);
  });

  test('fail-closed after the editor is stopped: the installed hooks decide offline, and the audit chain still verifies', async () => {
    await page.close();
    const before = auditLines(auditFile).length;
    session().stopEditor();
    const runtime = path.join(session().editorEnv.XDG_RUNTIME_DIR!, 'airlock');
    m().staleGateFilesAfterStop = fs.existsSync(runtime) ? fs.readdirSync(runtime).filter((f) => f.startsWith('gate-')).length : 0;

    const ok = await runHook(claudeHook, claudeInput('npm test', ws, 400), ws).done;
    assert.strictEqual(ok.code, 0, show(ok));
    assert.strictEqual(claudeDecision(ok)?.permissionDecision, 'allow', show(ok));
    m().hookOfflineAllowMs = Math.round(ok.ms);
    const bad = await runHook(claudeHook, claudeInput(POCKETOS, ws, 401), ws).done;
    assert.strictEqual(bad.code, 2, show(bad));
    assert.strictEqual(claudeDecision(bad)?.permissionDecision, 'deny', show(bad));
    assert.match(bad.stdout, /editor is not running/, show(bad));
    assert.ok(bad.stderr.trim().length > 10, show(bad));
    const cur = await runHook(cursorHook, cursorInput('rm -rf src', ws), ws).done;
    assert.strictEqual(cur.code, 2, show(cur));
    assert.strictEqual(cursorDecision(cur).permission, 'deny', show(cur));
    assert.match(cur.stdout, /editor is not running/, show(cur));

    const added = auditLines(auditFile).slice(before);
    assert.deepStrictEqual(added.map((r) => [r.source?.agent, r.decision?.action, r.decision?.by]), [
      ['claude-code', 'allow', 'offline'],
      ['claude-code', 'deny', 'offline'],
      ['cursor', 'deny', 'offline'],
    ], JSON.stringify(added));
    const v = verifyAudit(auditFile);
    assert.strictEqual(v.code, 0, v.out);
    m().auditVerify = v.out.trim();
  });
});
