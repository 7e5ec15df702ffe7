/// <reference types="mocha" />
// Recovery and circuit breakers (issue 7) end to end in the real editor, through the hook launcher
// installed from the command palette and spawned as Claude Code spawns it (`/bin/sh -c "<command>"`,
// its PreToolUse JSON on stdin, cwd = the workspace, the editor's environment). Held requests are
// answered only by clicks and typing in the Airlock panel; files are checked on disk.
//
// * Snapshot before destruction: an approved `rm -rf` of an untracked folder is snapshotted before
//   the hook gets its allow; the test then deletes the folder as the agent would, and "Restore files"
//   in History puts back every file byte for byte (content, mode, mtime), asking before it overwrites
//   a file that changed since.
// * Credential provenance: a token the session printed with an allowed `cat` is recognised in a later
//   curl to the provider's API; a denied read does not count.
// * Cooling-off: an approved critical command waits with only Cancel (Cancel denies; the end of the
//   countdown releases it, and only then is its snapshot taken).
// * Burst breaker: five high requests from one session pause it; a harmless `ls` from it is then held,
//   while another session is not affected; Resume from the notification lifts the pause.
//
// Each scenario uses its own Claude Code session id: the breaker and the credential ledger are per session.
import * as assert from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { screenshot, session } from './session';
import { airlockWebview, closeModalEditors, openWorkbench, pickFromQuickInput, runFromPalette } from './workbench';

const POCKETOS = `curl -X POST https://backboard.railway.app/graphql/v2 -H "Authorization: Bearer $(cat .railway-token)" -d '{"query":"mutation { volumeDelete(volumeId: \\"vol_7f3a\\") }"}'`;

const SESSIONS = {
  snapshot: '7e0c0de0-5a9e-4c3e-9a61-e2e0000000a1',
  provenance: '7e0c0de0-5a9e-4c3e-9a61-e2e0000000c1',
  deniedRead: '7e0c0de0-5a9e-4c3e-9a61-e2e0000000c2',
  cancel: '7e0c0de0-5a9e-4c3e-9a61-e2e0000000d1',
  release: '7e0c0de0-5a9e-4c3e-9a61-e2e0000000d2',
  burst: '7e0c0de0-5a9e-4c3e-9a61-e2e0000000b1',
  bystander: '7e0c0de0-5a9e-4c3e-9a61-e2e0000000b2',
} as const;

/** Claude Code's PreToolUse input for its Bash tool, with the fields it sends. */
const claudeInput = (sessionId: string, command: string, cwd: string, n: number) =>
  JSON.stringify({
    session_id: sessionId,
    transcript_path: path.join(session().editorEnv.HOME ?? cwd, '.claude', 'projects', 'workspace', `${sessionId}.jsonl`),
    cwd,
    permission_mode: 'default',
    hook_event_name: 'PreToolUse',
    tool_name: 'Bash',
    tool_input: { command, description: `recovery e2e request ${n}` },
    tool_use_id: `toolu_recovery_${n}`,
  });

interface HookRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Date.now() when the hook process ended (the agent has its answer). */
  endedAt: number;
  /** The snapshot ids in the store at that moment (listed synchronously as the process closes). */
  snapshotsAtClose: string[];
}

/** Runs the hook command the way Claude Code does: `/bin/sh -c <command>`, JSON on stdin. */
function runHook(command: string, input: string, cwd: string): { started: number; done: Promise<HookRun>; finished: () => boolean } {
  const started = performance.now();
  const child = spawn('/bin/sh', ['-c', command], { cwd, env: session().editorEnv, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let ended = false;
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  child.stdin.on('error', () => undefined);
  child.stdin.end(input);
  const done = new Promise<HookRun>((resolve) => child.on('close', (code) => {
    ended = true;
    resolve({ code, stdout, stderr, endedAt: Date.now(), snapshotsAtClose: snapshotIds() });
  }));
  return { started, done, finished: () => ended };
}

const claudeDecision = (r: HookRun) => (JSON.parse(r.stdout) as { hookSpecificOutput?: { permissionDecision?: string; permissionDecisionReason?: string } }).hookSpecificOutput;
const show = (r: HookRun) => `exit ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`;

interface ClaudeSettings { hooks?: Record<string, { matcher?: string; hooks?: { type?: string; command?: string }[] }[]> }

/** The commands Claude Code runs for a Bash PreToolUse: every hook of every group whose matcher matches "Bash". */
function claudeCommands(file: string): string[] {
  const s = JSON.parse(fs.readFileSync(file, 'utf8')) as ClaudeSettings;
  return (s.hooks?.PreToolUse ?? [])
    .filter((g) => !g.matcher || g.matcher === '*' || new RegExp(`^(?:${g.matcher})$`).test('Bash'))
    .flatMap((g) => (g.hooks ?? []).filter((h) => h.type === 'command' && h.command).map((h) => h.command!));
}

interface AuditLine {
  seq: number;
  ts: string;
  kind: string;
  requestId?: string;
  command?: string;
  note?: string;
  source?: { agent?: string; session?: string; path?: string };
  assessment?: { risk: string; rules: string[]; tags: string[]; summary: string };
  decision?: { action: string; by: string; reason?: string };
  snapshot?: { id: string; files: number; bytes: number; complete: boolean };
}
let auditFile = '';
const auditLines = (): AuditLine[] =>
  fs.existsSync(auditFile) ? fs.readFileSync(auditFile, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as AuditLine) : [];
/** The newest decision record for `command` from `sessionId`. */
const decisionFor = (command: string, sessionId: string): AuditLine | undefined =>
  auditLines().filter((r) => r.kind === 'decision' && r.command === command && r.source?.session === sessionId).at(-1);

/** Where the extension keeps snapshots: the per-user state directory, one store per workspace. */
const snapshotsRoot = () => path.join(session().editorEnv.XDG_STATE_HOME!, 'airlock', 'snapshots');
function snapshotIds(): string[] {
  const root = snapshotsRoot();
  if (!fs.existsSync(root)) return [];
  return fs.readdirSync(root).flatMap((store) => fs.readdirSync(path.join(root, store)).filter((id) => !id.startsWith('.')));
}
function snapshotDir(id: string): string | undefined {
  const root = snapshotsRoot();
  return fs.readdirSync(root).map((store) => path.join(root, store, id)).find((d) => fs.existsSync(d));
}

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

// ── the tree the agent destroys ───────────────────────────────────────────────────────────────────

interface TreeNode { type: 'file' | 'dir' | 'symlink'; mode?: number; sha256?: string; size?: number; link?: string; mtimeMs?: number }

/** Every entry below `root`: content hash, size, permission bits and mtime of files, mode of directories, symlink text. */
function tree(root: string): Record<string, TreeNode> {
  const out: Record<string, TreeNode> = {};
  const walk = (dir: string) => {
    for (const name of fs.readdirSync(dir).sort()) {
      const p = path.join(dir, name);
      const rel = path.relative(root, p);
      const st = fs.lstatSync(p);
      if (st.isSymbolicLink()) out[rel] = { type: 'symlink', link: fs.readlinkSync(p) };
      else if (st.isDirectory()) {
        out[rel] = { type: 'dir', mode: st.mode & 0o7777 };
        walk(p);
      } else out[rel] = { type: 'file', mode: st.mode & 0o7777, size: st.size, sha256: createHash('sha256').update(fs.readFileSync(p)).digest('hex'), mtimeMs: st.mtimeMs };
    }
  };
  walk(root);
  return out;
}

/** Compares two trees; mtimes to the millisecond (what utimes can give back). Returns the differences. */
function treeDiff(want: Record<string, TreeNode>, got: Record<string, TreeNode>): string[] {
  const diffs: string[] = [];
  for (const k of new Set([...Object.keys(want), ...Object.keys(got)])) {
    const a = want[k];
    const b = got[k];
    if (!a || !b) { diffs.push(`${k}: ${a ? 'missing' : 'unexpected'}`); continue; }
    const { mtimeMs: am, ...ar } = a;
    const { mtimeMs: bm, ...br } = b;
    if (JSON.stringify(ar) !== JSON.stringify(br)) diffs.push(`${k}: want ${JSON.stringify(ar)}, got ${JSON.stringify(br)}`);
    else if (am !== undefined && (bm === undefined || Math.abs(am - bm) >= 1)) diffs.push(`${k}: mtime want ${am}, got ${bm}`);
  }
  return diffs;
}

/** A folder an agent might "clean up": text, binary, empty and large files, nested and empty folders, a private key (0600), a script (0755), a symlink. */
function makeVictim(dir: string): void {
  const w = (rel: string, data: string | Buffer, mode = 0o644) => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), data);
    fs.chmodSync(path.join(dir, rel), mode);
  };
  w('notes.txt', 'work in progress: not committed anywhere\n');
  w('naïve name with spaces.md', '# ünïcödé\n');
  w('data/all-bytes.bin', Buffer.from(Array.from({ length: 256 * 4 }, (_, i) => i % 256)));
  w('data/random.bin', randomBytes(300 * 1024));
  w('data/large.bin', randomBytes(3 * 1024 * 1024 + 17));
  w('data/empty.txt', '');
  w('data/deep/deeper/config.json', `${JSON.stringify({ region: 'eu-west-1', retries: 3 })}\n`);
  w('keys/id_ed25519', `-----BEGIN OPENSSH PRIVATE KEY-----\n${randomBytes(96).toString('base64')}\n-----END OPENSSH PRIVATE KEY-----\n`, 0o600);
  fs.chmodSync(path.join(dir, 'keys'), 0o700);
  w('run.sh', '#!/bin/sh\necho run\n', 0o755);
  fs.mkdirSync(path.join(dir, 'empty-dir'));
  fs.symlinkSync('notes.txt', path.join(dir, 'link-to-notes'));
  // older mtimes than "now", so a restore that forgot them would show
  const old = new Date('2025-03-04T05:06:07.891Z');
  for (const rel of ['notes.txt', 'data/random.bin', 'keys/id_ed25519']) fs.utimesSync(path.join(dir, rel), old, old);
}

suite('Recovery and circuit breakers in the real editor: snapshots, cooling-off, provenance, burst breaker', function () {
  this.timeout(120_000);
  let page: Page;
  let ws: string;
  let claudeFile: string;
  let claudeBefore: string | undefined;
  let claudeDirExisted = false;
  let hook: string;
  let gatePid: number | undefined;
  let n = 0;
  let auditStart = 0;
  const created: string[] = [];
  const m = () => session().measurements;
  const frame = () => airlockWebview(page);
  const cards = () => frame().locator('article.card');
  const toasts = () => page.locator('.notifications-toasts .notification-list-item');
  const ask = (sessionId: string, command: string) => runHook(hook, claudeInput(sessionId, command, ws, ++n), ws);

  async function cardShown(hasText: string | RegExp): Promise<Locator> {
    const card = cards().filter({ hasText });
    await card.waitFor({ state: 'visible', timeout: 30_000 });
    return card;
  }
  /** Clicks the card's button whose accessible name starts with `name`; the card goes away. */
  async function click(card: Locator, name: string): Promise<void> {
    await card.getByRole('button', { name: new RegExp(`^${name}\\b`) }).click();
    await card.waitFor({ state: 'hidden', timeout: 10_000 });
  }
  /** Scrolls `loc` into view for a screenshot; History re-renders when a record is written, so retry. */
  async function reveal(loc: Locator): Promise<void> {
    for (let i = 0; i < 10; i++) {
      if (await loc.scrollIntoViewIfNeeded({ timeout: 2_000 }).then(() => true, () => false)) return;
      await page.waitForTimeout(200);
    }
    await loc.scrollIntoViewIfNeeded({ timeout: 2_000 });
  }
  /** The Airlock status bar item's text once it matches `want` (or what it shows after `ms`). */
  async function statusBar(want: RegExp, ms = 5_000): Promise<string> {
    const label = page.locator('.statusbar-item-label').filter({ hasText: 'Airlock' }).first();
    const deadline = Date.now() + ms;
    let last = '';
    while (Date.now() < deadline) {
      last = (await label.innerText().catch(() => '')).trim();
      if (want.test(last)) break;
      await page.waitForTimeout(100);
    }
    return last;
  }
  /** Types the confirmation a critical card asks for (shown in the card) and clicks Allow once. */
  async function confirmAndAllow(card: Locator): Promise<string> {
    const target = (await card.locator('label.confirm code').innerText()).trim();
    const allow = card.getByRole('button', { name: /^Allow once\b/ });
    assert.ok(await allow.isDisabled(), 'Allow is disabled until the confirmation is typed');
    await card.getByRole('textbox', { name: /^Type / }).fill(target);
    assert.ok(await allow.isEnabled(), `Allow is enabled once ${target} is typed`);
    await allow.click();
    return target;
  }

  suiteSetup(async () => {
    ws = session().workspace;
    auditFile = path.join(ws, '.airlock', 'audit.jsonl');
    auditStart = auditLines().length;
    claudeFile = path.join(ws, '.claude', 'settings.local.json');
    claudeDirExisted = fs.existsSync(path.dirname(claudeFile));
    claudeBefore = fs.existsSync(claudeFile) ? fs.readFileSync(claudeFile, 'utf8') : undefined;
    const earlier = servingGates(ws);
    page = (await openWorkbench()).page;
    // This window's gate, and no other: the launcher must reach the extension host whose panel we click in.
    for (let i = 0; i < 150; i++) {
      const now = servingGates(ws);
      gatePid = now.find((p) => !earlier.includes(p));
      if (gatePid && now.length === 1) break;
      await page.waitForTimeout(200);
    }
    assert.ok(gatePid, `a gate of this window serves ${ws}`);
    assert.deepStrictEqual(servingGates(ws), [gatePid], 'only this window serves the workspace');
    await closeModalEditors(page);
  });

  suiteTeardown(async () => {
    if (page) {
      for (const b of await cards().getByRole('button', { name: /^(Deny|Cancel)\b/ }).all().catch(() => [] as Locator[])) await b.click().catch(() => undefined);
      await runFromPalette(page, 'View: Show Explorer').catch(() => undefined);
      await page.waitForTimeout(300);
      await page.close().catch(() => undefined);
    }
    for (const p of created) fs.rmSync(p, { recursive: true, force: true });
    if (claudeFile) {
      if (claudeBefore !== undefined) fs.writeFileSync(claudeFile, claudeBefore);
      else fs.rmSync(claudeFile, { force: true });
      if (!claudeDirExisted) fs.rmSync(path.dirname(claudeFile), { recursive: true, force: true });
    }
    // The next suite waits for its own window's gate: let this one's extension host go first.
    for (let i = 0; i < 100 && gatePid && servingGates(ws).includes(gatePid); i++) await new Promise((r) => setTimeout(r, 200));
  });

  teardown(async function () {
    if (this.currentTest?.state === 'failed' && page) {
      await screenshot(page, `failed-recovery-${this.currentTest.title.replace(/[^a-z0-9]+/gi, '-').slice(0, 50)}`).catch(() => {});
      // leave nothing held for the next scenario
      for (let i = 0; i < 10 && (await cards().count().catch(() => 0)) > 0; i++) {
        await cards().first().getByRole('button', { name: /^(Deny|Cancel)\b/ }).first().click({ timeout: 2_000 }).catch(() => undefined);
        await page.waitForTimeout(300);
      }
    }
  });

  test('"Airlock: Install Agent Hooks" (workspace, Claude Code) installs the launcher Claude Code runs', async () => {
    // Claude Code keeps its transcripts under ~/.claude (the run's HOME): the installer then offers it ticked.
    const home = path.join(session().editorEnv.HOME!, '.claude');
    if (!fs.existsSync(home)) created.push(home);
    fs.mkdirSync(path.join(home, 'projects', 'workspace'), { recursive: true });
    await runFromPalette(page, 'Airlock: Install Agent Hooks');
    assert.ok(await pickFromQuickInput(page, 'Workspace', 'Workspace (local, not committed)'), 'the scope quick pick offers the workspace');
    // Only the agents that look present are ticked: Claude Code alone (the notification names what was installed).
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Claude Code' }).first().waitFor({ state: 'visible', timeout: 10_000 });
    await page.locator('.quick-input-widget', { hasText: '1 Selected' }).waitFor({ state: 'visible', timeout: 10_000 });
    await page.keyboard.press('Enter');
    await toasts().filter({ hasText: 'Airlock hooks installed for claude-code (workspace)' }).waitFor({ timeout: 15_000 });
    hook = claudeCommands(claudeFile).find((c) => c.includes('airlock-hook'))!;
    assert.strictEqual(hook, `${path.join(session().editorEnv.XDG_DATA_HOME!, 'airlock', 'bin', 'airlock-hook')} claude-code`, fs.readFileSync(claudeFile, 'utf8'));
    await runFromPalette(page, 'Airlock: Show Panel');
    await frame().locator('#airlock-root').waitFor({ state: 'visible', timeout: 30_000 });
  });

  test('an approved rm -rf of an untracked folder is snapshotted before the hook allows it; after the agent deletes it, "Restore files" in History brings back every byte, mode and mtime, and asks before overwriting a newer file', async () => {
    const name = 'e2e-restore';
    const victim = path.join(ws, name);
    created.push(victim);
    makeVictim(victim);
    const before = tree(victim);
    const files = Object.values(before).filter((x) => x.type === 'file');
    const bytes = files.reduce((s, f) => s + f.size!, 0);
    const symlinks = Object.values(before).filter((x) => x.type === 'symlink').length;
    const command = `rm -rf ${name}`;

    const h = ask(SESSIONS.snapshot, command);
    const card = await cardShown(command);
    const text = await card.innerText();
    assert.match(text, /HIGH/, text);
    assert.match(text, /filesystem\.rm/, text);
    assert.match(text, /policy: ask \(policy\.actions\.high\)/, text);
    // measured in the background: the line appears a moment after the card
    const planLine = card.locator('p.snapshot');
    await planLine.waitFor({ state: 'visible', timeout: 15_000 });
    const plan = await planLine.innerText();
    assert.match(plan, new RegExp(`^Snapshot before it runs: A snapshot keeps ${files.length} files \\([^)]+\\) and ${symlinks} symlink that would be lost`), plan);
    await reveal(planLine);
    await screenshot(page, '30-snapshot-card');
    const idsBefore = snapshotIds();
    assert.ok(!h.finished(), 'the hook waits while the card is shown');
    assert.strictEqual(await statusBar(/waiting/), 'Airlock: 1 waiting');

    const clickedAt = Date.now();
    await click(card, 'Allow once');
    const r = await h.done;
    assert.strictEqual(r.code, 0, show(r));
    const d = claudeDecision(r);
    assert.strictEqual(d?.permissionDecision, 'allow', show(r));
    assert.strictEqual(await statusBar(/^Airlock$/), 'Airlock', 'once it is allowed (and snapshotted) nothing is waiting');

    // The decision record links the snapshot; the snapshot was in the store when the agent got its allow.
    const rec = decisionFor(command, SESSIONS.snapshot);
    assert.ok(rec?.snapshot, `the decision record links a snapshot: ${JSON.stringify(rec)}`);
    const snap = rec.snapshot;
    assert.deepStrictEqual([rec.decision?.action, rec.decision?.by], ['allow', 'human']);
    assert.ok(rec.assessment?.rules.includes('filesystem.rm'), JSON.stringify(rec.assessment));
    assert.deepStrictEqual({ files: snap.files, bytes: snap.bytes, complete: snap.complete }, { files: files.length, bytes, complete: true });
    assert.ok(!idsBefore.includes(snap.id), 'a new snapshot');
    assert.ok(r.snapshotsAtClose.includes(snap.id), `snapshot ${snap.id} was published before the hook's allow reached the agent (store then: ${r.snapshotsAtClose.join(', ')})`);
    assert.match(d?.permissionDecisionReason ?? '', new RegExp(`snapshot ${snap.id} keeps ${files.length} file\\(s\\) it would destroy`), show(r));
    const dir = snapshotDir(snap.id)!;
    assert.ok(dir && !path.relative(ws, dir).split(path.sep).includes(name) && path.relative(ws, dir).startsWith('..'), `the snapshot lives outside the workspace: ${dir}`);
    assert.strictEqual(fs.statSync(path.dirname(dir)).mode & 0o077, 0, 'the store is private to the user');
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { createdAt: string; totals: { elapsedMs: number; files: number } };
    assert.deepStrictEqual(treeDiff(before, tree(victim)), [], 'the gate only decides: the folder is untouched until the agent runs the command');

    // The agent runs what it was allowed to run.
    const rm = spawnSync('/bin/sh', ['-c', command], { cwd: ws, encoding: 'utf8' });
    assert.strictEqual(rm.status, 0, rm.stderr);
    assert.ok(!fs.existsSync(victim), `${name} is gone`);

    // History: the entry, its snapshot, and "Restore files".
    const entry = frame().locator(`.history li.history-entry[data-seq="${rec.seq}"]`);
    await entry.waitFor({ state: 'visible', timeout: 15_000 });
    await entry.locator('.history-row').click();
    const details = entry.locator('.history-details');
    await details.waitFor({ state: 'visible', timeout: 5_000 });
    assert.match(await details.innerText(), new RegExp(`Snapshot: ${files.length} file\\(s\\), [\\d.]+ (KiB|MiB) kept before it ran`), await details.innerText());
    const restore = () => entry.locator('button', { hasText: 'Restore files' });
    const notices = () => auditLines().filter((x) => x.kind === 'notice' && x.requestId === rec.requestId);
    const restoreClicked = performance.now();
    await restore().click();
    const restored = toasts().filter({ hasText: `Airlock: restored ${files.length + symlinks} file(s) from snapshot ${snap.id}.` });
    await restored.waitFor({ state: 'visible', timeout: 30_000 });
    const restoreMs = Math.round(performance.now() - restoreClicked);
    assert.deepStrictEqual(treeDiff(before, tree(victim)), [], 'every file, directory and link is back as it was');
    assert.deepStrictEqual(notices().map((x) => x.note), [`restored ${files.length + symlinks} file(s) from snapshot ${snap.id}`]);
    await reveal(entry);
    await screenshot(page, '31-history-restore');

    // Later the agent rewrote one file and deleted another: a restore brings the deleted one back and
    // keeps the newer one unless the human chooses to overwrite it.
    const rewritten = 'the agent wrote this after the snapshot\n';
    fs.writeFileSync(path.join(victim, 'notes.txt'), rewritten);
    fs.rmSync(path.join(victim, 'data', 'random.bin'));
    await restore().click();
    const modal = page.locator('.monaco-dialog-box');
    await modal.waitFor({ state: 'visible', timeout: 15_000 });
    const modalText = await modal.innerText();
    assert.match(modalText, /1 file\(s\) changed since the snapshot\. Overwrite them with the snapshot's version\?/, modalText);
    assert.match(modalText, /notes\.txt/, modalText);
    await screenshot(page, '31b-restore-conflict');
    await modal.getByRole('button', { name: 'Cancel' }).click();
    await modal.waitFor({ state: 'hidden', timeout: 10_000 });
    await toasts().filter({ hasText: `restored 1 file(s) from snapshot ${snap.id}; 1 newer file(s) kept` }).waitFor({ state: 'visible', timeout: 15_000 });
    assert.strictEqual(fs.readFileSync(path.join(victim, 'notes.txt'), 'utf8'), rewritten, 'the newer file was kept');
    assert.deepStrictEqual(treeDiff({ 'data/random.bin': before['data/random.bin']! }, { 'data/random.bin': tree(victim)['data/random.bin']! }), [], 'the deleted file is back');

    await restore().click();
    await modal.waitFor({ state: 'visible', timeout: 15_000 });
    await modal.getByRole('button', { name: 'Overwrite' }).click();
    await modal.waitFor({ state: 'hidden', timeout: 10_000 });
    for (let i = 0; i < 50 && notices().length < 3; i++) await page.waitForTimeout(100);
    assert.deepStrictEqual(notices().map((x) => x.note), [
      `restored ${files.length + symlinks} file(s) from snapshot ${snap.id}`,
      `restored 1 file(s) from snapshot ${snap.id}; 1 newer file(s) kept`,
      `restored 1 file(s) from snapshot ${snap.id}`,
    ]);
    assert.deepStrictEqual(treeDiff(before, tree(victim)), [], 'overwritten with the snapshot\'s version on request');

    m().recovery_snapshot = {
      files: files.length, bytes, symlinks,
      approveToSnapshotStartMs: Date.parse(manifest.createdAt) - clickedAt,
      snapshotTakeMs: manifest.totals.elapsedMs,
      approveToHookAllowMs: r.endedAt - clickedAt,
      restoreClickToNotificationMs: restoreMs,
    };
  });

  test('credential provenance: after the session printed .railway-token with an approved (critical) cat, its PocketOS curl says where the token came from', async () => {
    // Before the session has read anything: the PocketOS request carries no provenance.
    const first = ask(SESSIONS.provenance, POCKETOS);
    const plain = await cardShown('vol_7f3a');
    const plainText = await plain.innerText();
    assert.doesNotMatch(plainText, /found earlier with|credentials\.provenance/, plainText);
    await click(plain, 'Deny');
    assert.strictEqual((await first.done).code, 2);

    const read = ask(SESSIONS.provenance, 'cat .railway-token');
    const readCard = await cardShown('cat .railway-token');
    assert.match(await readCard.innerText(), /secrets\.read-file/);
    // Printing a secret's value is critical: the human types the confirmation, and the read runs after the cooling-off.
    await confirmAndAllow(readCard);
    const readRun = await read.done;
    assert.strictEqual(claudeDecision(readRun)?.permissionDecision, 'allow', show(readRun));

    const use = ask(SESSIONS.provenance, POCKETOS);
    const card = await cardShown('vol_7f3a');
    const text = await card.innerText();
    assert.match(text, /CRITICAL/, text);
    assert.match(text, /credentials\.provenance/, text);
    assert.match(text, /which this agent found earlier with `cat \.railway-token` \([^)]*ago\)/, text);
    await reveal(card.locator('ul.rules'));
    await screenshot(page, '33-provenance-card');
    await card.getByRole('textbox', { name: /^Note to the agent/ }).fill('do not use tokens you found; ask me');
    await click(card, 'Deny');
    const r = await use.done;
    assert.strictEqual(r.code, 2, show(r));
    assert.match(claudeDecision(r)?.permissionDecisionReason ?? '', /credentials\.provenance/, show(r));

    // Another session whose read was denied: the agent never saw the token, so no provenance.
    const deniedRead = ask(SESSIONS.deniedRead, 'cat .railway-token');
    await click(await cardShown('cat .railway-token'), 'Deny');
    assert.strictEqual((await deniedRead.done).code, 2);
    const after = ask(SESSIONS.deniedRead, POCKETOS);
    const stillPlain = await cardShown('vol_7f3a');
    assert.doesNotMatch(await stillPlain.innerText(), /found earlier with/, 'a denied cat did not show the agent the token');
    await click(stillPlain, 'Deny');
    assert.strictEqual((await after.done).code, 2);

    const summary = (id: string) => auditLines().filter((x) => x.kind === 'decision' && x.source?.session === id)
      .map((x) => [x.command === POCKETOS ? 'pocketos' : x.command, x.decision?.action, x.assessment?.rules.includes('credentials.provenance') ?? false]);
    assert.deepStrictEqual(summary(SESSIONS.provenance), [
      ['pocketos', 'deny', false],
      ['cat .railway-token', 'allow', false],
      ['pocketos', 'deny', true],
    ]);
    assert.deepStrictEqual(summary(SESSIONS.deniedRead), [
      ['cat .railway-token', 'deny', false],
      ['pocketos', 'deny', false],
    ]);
    const records = auditLines().filter((x) => x.kind === 'decision' && x.source?.session === SESSIONS.provenance);
    const last = records.at(-1)!;
    assert.ok(last.assessment?.tags.includes('credential-provenance'), JSON.stringify(last.assessment));
    assert.match(last.assessment?.summary ?? '', /found earlier with `cat \.railway-token`/, last.assessment?.summary);
  });

  test('cooling-off: an approved critical request waits with only Cancel and a countdown; Cancel denies it', async () => {
    const h = ask(SESSIONS.cancel, POCKETOS);
    const card = await cardShown('vol_7f3a');
    assert.strictEqual(await confirmAndAllow(card), 'vol_7f3a');
    const cooling = cards().filter({ hasText: 'runs this when the countdown ends' });
    await cooling.waitFor({ state: 'visible', timeout: 10_000 });
    assert.match(await cooling.locator('h2').first().innerText(), /CRITICAL\s+Approved — claude-code runs this when the countdown ends/);
    assert.strictEqual(await cooling.getByRole('button', { name: /^(Allow|Deny)\b/ }).count(), 0, 'no Allow or Deny while cooling off');
    assert.strictEqual(await cooling.getByRole('button', { name: /^Cancel\b/ }).count(), 1, 'only Cancel');
    const countdown = cooling.locator('p.countdown');
    const seconds = async () => {
      const t = await countdown.innerText();
      const x = /^Released in (\d+):(\d\d) unless you cancel\.$/.exec(t);
      assert.ok(x, `countdown: ${t}`);
      return Number(x[1]) * 60 + Number(x[2]);
    };
    const s0 = await seconds();
    assert.ok(s0 > 0 && s0 <= 10, `the default cooling-off is 10 s: ${s0}`);
    await screenshot(page, '34-cooling-off');
    let s1 = s0;
    for (let i = 0; i < 30 && s1 === s0; i++) { await page.waitForTimeout(100); s1 = await seconds(); }
    assert.ok(s1 < s0, `the countdown runs: ${s0} → ${s1}`);
    assert.ok(!h.finished(), 'the approved request is not released during the cooling-off');
    assert.strictEqual(await statusBar(/waiting/), 'Airlock: 1 waiting', 'one request waits (the approved one, cooling off)');
    await click(cooling, 'Cancel');
    const r = await h.done;
    assert.strictEqual(r.code, 2, show(r));
    assert.strictEqual(claudeDecision(r)?.permissionDecision, 'deny', show(r));
    assert.match(claudeDecision(r)?.permissionDecisionReason ?? '', /cancelled it during the cooling-off/, show(r));
    assert.strictEqual(await statusBar(/^Airlock$/), 'Airlock', 'nothing waits once it is cancelled');
    const rec = decisionFor(POCKETOS, SESSIONS.cancel);
    assert.deepStrictEqual([rec?.decision?.action, rec?.decision?.by, rec?.snapshot], ['deny', 'human', undefined]);
  });

  test('cooling-off: a critical delete of a protected folder is released when the countdown ends, and only then snapshotted', async () => {
    const dir = path.join(ws, 'migrations', 'e2e-old');
    created.push(path.join(ws, 'migrations'));
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, '0001_init.sql'), 'create table users (id int);\n');
    fs.writeFileSync(path.join(dir, '0002_orders.sql'), 'create table orders (id int);\n');
    const command = 'rm -rf migrations/e2e-old';
    const h = ask(SESSIONS.release, command);
    const card = await cardShown(command);
    assert.match(await card.innerText(), /policy\.protected-path/);
    await card.locator('p.snapshot').filter({ hasText: 'A snapshot keeps 2 files' }).waitFor({ timeout: 15_000 });
    const idsBefore = snapshotIds();
    const approvedAt = Date.now();
    assert.strictEqual(await confirmAndAllow(card), dir);
    const cooling = cards().filter({ hasText: 'runs this when the countdown ends' });
    await cooling.waitFor({ state: 'visible', timeout: 10_000 });
    assert.deepStrictEqual(snapshotIds(), idsBefore, 'no snapshot while the human can still cancel');
    assert.ok(!h.finished());
    const r = await h.done;
    assert.strictEqual(r.code, 0, show(r));
    assert.strictEqual(claudeDecision(r)?.permissionDecision, 'allow', show(r));
    await cooling.waitFor({ state: 'hidden', timeout: 5_000 });
    const rec = decisionFor(command, SESSIONS.release);
    assert.ok(rec?.snapshot, JSON.stringify(rec));
    assert.deepStrictEqual([rec.snapshot.files, rec.snapshot.complete, rec.decision?.action, rec.decision?.by], [2, true, 'allow', 'human']);
    assert.ok(r.snapshotsAtClose.includes(rec.snapshot.id), 'snapshotted before release');
    const manifest = JSON.parse(fs.readFileSync(path.join(snapshotDir(rec.snapshot.id)!, 'manifest.json'), 'utf8')) as { createdAt: string };
    m().recovery_coolingOff = { approveToSnapshotStartMs: Date.parse(manifest.createdAt) - approvedAt, approveToHookAllowMs: r.endedAt - approvedAt };
  });

  test('burst breaker: five high requests from one session pause it (notification, notice record); its ls is then held while another session\'s is not; Resume lifts the pause', async () => {
    const burst = [1, 2, 3, 4, 5].map((i) => ({ command: `rm -rf src/x${i}`, run: ask(SESSIONS.burst, `rm -rf src/x${i}`) }));
    for (const b of burst) await cardShown(b.command);
    const paused = toasts().filter({ hasText: 'Airlock paused claude-code' });
    await paused.waitFor({ state: 'visible', timeout: 15_000 });
    assert.match(await paused.innerText(), /Airlock paused claude-code: 5 high or critical requests within 60 s\. Everything it sends now waits for you\./);
    // Only this session tripped it (the other scenarios stay under five high or critical requests per session).
    const notice = auditLines().slice(auditStart).filter((x) => x.kind === 'notice' && /^burst breaker/.test(x.note ?? ''));
    assert.deepStrictEqual(notice.map((x) => x.source?.session), [SESSIONS.burst], JSON.stringify(notice));
    assert.match(notice[0]!.note ?? '', /^burst breaker: claude-code sent 5 high or critical requests within 60 s; the session is paused/);
    assert.match(await frame().locator('p.burst').innerText(), /5 requests are waiting at once/);
    for (const b of burst) await click(cards().filter({ hasText: b.command }), 'Deny');
    for (const b of burst) assert.strictEqual((await b.run.done).code, 2);

    // Paused: even a harmless ls waits for the human.
    const held = ask(SESSIONS.burst, 'ls');
    const card = await cardShown('ask (burst-breaker)');
    assert.strictEqual((await card.locator('pre.command').innerText()).trim(), 'ls');
    assert.match(await card.innerText(), /LOW/);
    await reveal(card);
    await screenshot(page, '32-burst-paused');
    // Another session is not paused.
    const other = await ask(SESSIONS.bystander, 'ls').done;
    assert.strictEqual(claudeDecision(other)?.permissionDecision, 'allow', show(other));
    assert.strictEqual(await cards().count(), 1, 'only the paused session\'s ls is waiting');
    assert.ok(!held.finished(), 'the paused session\'s ls is still held');

    // Resume from the notification (recorded); the held ls is then answered in the panel, and the next runs at once.
    if (!(await paused.isVisible())) await runFromPalette(page, 'Notifications: Show Notifications');
    await page.locator('.notification-list-item', { hasText: 'Airlock paused claude-code' }).first().getByRole('button', { name: 'Resume session' }).click();
    for (let i = 0; i < 50 && auditLines().slice(auditStart).filter((x) => x.kind === 'notice' && /resumed/.test(x.note ?? '')).length === 0; i++) await page.waitForTimeout(100);
    const resumed = auditLines().slice(auditStart).filter((x) => x.kind === 'notice' && /resumed/.test(x.note ?? ''));
    assert.deepStrictEqual(resumed.map((x) => x.note), [`burst breaker: a human resumed the session claude-code::${SESSIONS.burst}`]);
    await click(card, 'Allow once');
    assert.strictEqual(claudeDecision(await held.done)?.permissionDecision, 'allow');
    const after = await ask(SESSIONS.burst, 'ls').done;
    assert.strictEqual(claudeDecision(after)?.permissionDecision, 'allow', show(after));
    assert.strictEqual(await cards().count(), 0);
    const lsRecords = auditLines().filter((x) => x.kind === 'decision' && x.command === 'ls' && x.source?.session === SESSIONS.burst);
    assert.deepStrictEqual(lsRecords.map((x) => x.decision?.by), ['human', 'policy']);
  });
});
