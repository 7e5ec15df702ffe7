// Snapshot before destruction: real temporary workspaces and real git repositories. Each case
// takes a snapshot, runs the destructive command for real in bash, restores, and compares every
// file's sha256, mode and mtime with what was there before.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeContext } from '../../src/core/context.js';
import { parseManifest } from '../../src/core/snapshot/manifest.js';
import { expiredSnapshots } from '../../src/core/snapshot/retention.js';
import { lossTargets, NOT_SNAPSHOTTED, type LossTarget } from '../../src/core/snapshot/targets.js';
import { unquoteGitPath } from '../../src/node/snapshot/git.js';
import {
  listSnapshots, planSnapshot, pruneSnapshots, readManifest, restoreSnapshot, snapshotStore, takeSnapshot,
  type SnapshotBudget, type SnapshotRequest, type TakeResult,
} from '../../src/node/snapshot/index.js';
import { getParser } from '../core/fixtures.js';
import { tempDir } from './helpers.js';

// ── fixture builders ───────────────────────────────────────────────────────────────────────────

type Node = string | Buffer | { readonly content: string; readonly mode: number } | { readonly link: string } | { readonly dir: true };
type Tree = Readonly<Record<string, Node>>;

interface WorkspaceSpec {
  readonly tree: Tree;
  /** Paths committed to a fresh repository (the workspace is a git repository when present). */
  readonly committed?: readonly string[];
  /** Written after the commit: uncommitted edits to tracked files, or new files. */
  readonly edits?: Tree;
  /** Paths `git add`ed after the edits. */
  readonly staged?: readonly string[];
  /** A shell command run last (a nested repository, say). */
  readonly setup?: string;
}

function write(root: string, tree: Tree): void {
  for (const [rel, node] of Object.entries(tree)) {
    const abs = join(root, rel);
    mkdirSync(dirname(abs), { recursive: true });
    if (typeof node === 'string' || Buffer.isBuffer(node)) writeFileSync(abs, node);
    else if ('link' in node) symlinkSync(node.link, abs);
    else if ('dir' in node) mkdirSync(abs, { recursive: true });
    else {
      writeFileSync(abs, node.content);
      chmodSync(abs, node.mode);
    }
  }
}

function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', ['-c', 'user.name=Airlock Test', '-c', 'user.email=test@example.invalid', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

function workspace(spec: WorkspaceSpec): string {
  const root = tempDir('snap-ws');
  write(root, spec.tree);
  // Two hours back, before git sees them: a restored mtime is checked against a real value, and
  // git's index agrees with the files, so git rewrites none it need not.
  backdate(root, Object.keys(spec.tree));
  if (spec.committed) {
    git(root, 'init', '-q');
    git(root, 'add', '--', ...spec.committed);
    git(root, 'commit', '-qm', 'init');
  }
  if (spec.edits) {
    write(root, spec.edits);
    backdate(root, Object.keys(spec.edits));
  }
  if (spec.staged) git(root, 'add', '--', ...spec.staged);
  if (spec.setup) sh(root, spec.setup);
  return root;
}

function backdate(root: string, paths: readonly string[]): void {
  const when = Date.now() / 1000 - 7200;
  for (const rel of paths) {
    const abs = join(root, rel);
    if (!lstatSync(abs).isSymbolicLink()) utimesSync(abs, when, when - Math.random() * 1000);
  }
}

function walk(root: string, rel = ''): string[] {
  const out: string[] = [];
  for (const name of readdirSync(rel ? join(root, rel) : root)) {
    if (!rel && name === '.git') continue;
    const r = rel ? `${rel}/${name}` : name;
    out.push(r);
    if (lstatSync(join(root, r)).isDirectory()) out.push(...walk(root, r));
  }
  return out;
}

/** What a human would call "the same files": type, content hash, mode and mtime (ms) of every path. */
function fingerprint(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const rel of walk(root)) {
    const abs = join(root, rel);
    const st = lstatSync(abs);
    if (st.isSymbolicLink()) out[rel] = `link → ${readlinkSync(abs)}`;
    else if (st.isDirectory()) out[rel] = `dir ${(st.mode & 0o7777).toString(8)}`;
    else out[rel] = `file ${(st.mode & 0o7777).toString(8)} ${sha256(readFileSync(abs))} ${Math.floor(st.mtimeMs)}`;
  }
  return out;
}

const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

function sh(cwd: string, command: string): void {
  const r = spawnSync('bash', ['-c', command], { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${command}: ${r.stderr}`);
}

async function request(root: string, command: string, cwd = root): Promise<SnapshotRequest> {
  return { command, cwd, workspaceRoot: root, home: '/nonexistent-home', env: {}, parser: await getParser() };
}

const storeFor = (root: string) => snapshotStore(tempDir('snap-state'), root);

function published(r: TakeResult): Extract<TakeResult, { id: string }> {
  if (r.status !== 'complete' && r.status !== 'incomplete') throw new Error(`take: ${r.status}${'error' in r ? `: ${r.error}` : ''}`);
  return r;
}

/** A binary-ish payload of a given size that differs per name. */
const blob = (name: string, size: number) => Buffer.from(Array.from({ length: size }, (_, i) => (name.charCodeAt(i % name.length) + i) % 256));

// ── what a command would lose: the core's reading of it ───────────────────────────────────────

describe('loss targets (from the parse and rules the assessment uses)', () => {
  const W = '/w';
  const ctx = makeContext({ cwd: W, workspaceRoots: [W], home: '/h' });
  const kinds = (ts: readonly LossTarget[]) => ts.map((t) => `${t.kind}:${'path' in t ? t.path : t.cwd}`);
  const cases: { command: string; targets?: string[]; reasons?: string[] }[] = [
    { command: 'rm -rf build', targets: ['delete:/w/build'] },
    { command: 'sudo rm -rf build dist', targets: ['delete:/w/build', 'delete:/w/dist'] },
    { command: `bash -c 'rm -r "my dir"'`, targets: ['delete:/w/my dir'] },
    { command: 'rm *.log', targets: ['delete:/w/*.log'] },
    { command: 'shred -u secret.key', targets: ['delete:/w/secret.key'] },
    { command: 'mv old.txt /dev/null', targets: ['delete:/w/old.txt'] },
    { command: 'cd sub && git clean -fdx', targets: ['git-clean:/w/sub'] },
    { command: 'git -C other reset --hard', targets: ['git-discard:/w/other'] },
    { command: 'git checkout -- src', targets: ['git-discard:/w'] },
    { command: 'git restore .', targets: ['git-discard:/w'] },
    { command: 'git rm -rf old', targets: ['delete:/w/old'] },
    { command: 'echo hi > notes.txt', targets: ['overwrite:/w/notes.txt'] },
    { command: 'cp a.txt b.txt', targets: ['overwrite:/w/b.txt'] },
    { command: 'mv -f a.txt b.txt', targets: ['overwrite:/w/b.txt'] },
    { command: "sed -i 's/a/b/' conf.ini", targets: ['overwrite:/w/conf.ini'] },
    { command: 'cp *.txt backup/', targets: ['overwrite:/w/backup/'] },
    { command: 'rm -rf .codex', targets: ['delete:/w/.codex'] },
    // nothing lost
    { command: 'cp -n a.txt b.txt', targets: [] },
    { command: 'echo hi >> notes.txt', targets: [] },
    { command: 'mv a.txt b/', targets: ['overwrite:/w/b/'] },
    { command: 'ls -la && cat README.md', targets: [] },
    { command: 'rm -f /dev/null', targets: [] },
    { command: 'git clean -n -fdx', targets: [] },
    // said, not snapshotted
    { command: 'rm -rf "$UNSET_DIR/x"', targets: [], reasons: [NOT_SNAPSHOTTED.unknownPath] },
    { command: "find . -name '*.tmp' -delete", targets: [], reasons: [NOT_SNAPSHOTTED.unlisted] },
    { command: 'ls | xargs rm', targets: [], reasons: [NOT_SNAPSHOTTED.unlisted] },
    { command: 'git stash clear', targets: [], reasons: [NOT_SNAPSHOTTED.gitState] },
    { command: 'ssh host rm -rf /srv/app', targets: [], reasons: [NOT_SNAPSHOTTED.remote] },
    { command: 'GIT_DIR=/elsewhere git reset --hard', targets: [], reasons: [NOT_SNAPSHOTTED.gitDir] },
    { command: 'git clean -i', targets: [], reasons: [NOT_SNAPSHOTTED.interactive] },
    { command: 'sudo cp /dev/zero /dev/sdb', targets: [], reasons: [NOT_SNAPSHOTTED.device] },
    { command: 'rm -rf /etc/nginx ~/old', targets: ['delete:/etc/nginx', 'delete:/h/old'] },
  ];
  it.each(cases)('$command', async ({ command, targets, reasons }) => {
    const loss = lossTargets(command, ctx, await getParser());
    if (targets) expect(kinds(loss.targets)).toEqual(targets.map((t) => t.replace(/\/$/, '')));
    expect(loss.notSnapshotted.map((s) => s.reason)).toEqual(reasons ?? []);
  });

  it('hands git clean the same flags for its dry run, and knows which blob a checkout writes', async () => {
    const p = await getParser();
    expect(lossTargets('git clean -ffdx -e keep.txt src', ctx, p).targets).toEqual([{ kind: 'git-clean', cwd: W, args: ['-n', '-f', '-f', '-d', '-x', '--exclude=keep.txt', '--', 'src'] }]);
    expect(lossTargets('git reset --hard HEAD~1', ctx, p).targets).toMatchObject([{ kind: 'git-discard', whole: true, source: { kind: 'tree', treeish: 'HEAD~1' } }]);
    expect(lossTargets('git checkout main -- a.txt', ctx, p).targets).toMatchObject([{ kind: 'git-discard', pathspecs: ['a.txt'], source: { kind: 'tree', treeish: 'main' } }]);
    expect(lossTargets('git checkout -- a.txt', ctx, p).targets).toMatchObject([{ kind: 'git-discard', pathspecs: ['a.txt'], source: { kind: 'index' } }]);
    expect(lossTargets('git restore --staged --worktree a.txt', ctx, p).targets).toMatchObject([{ source: { kind: 'tree', treeish: 'HEAD' } }]);
    expect(lossTargets(': > log.txt', ctx, p).targets).toMatchObject([{ kind: 'overwrite', leaves: 'empty', follows: true }]);
    expect(lossTargets('mv a.txt b.txt', ctx, p).targets).toMatchObject([{ kind: 'overwrite', follows: false, copy: { sources: ['/w/a.txt'], move: true } }]);
    expect(lossTargets('cp /dev/null log.txt', ctx, p).targets).toMatchObject([{ kind: 'overwrite', path: '/w/log.txt', leaves: 'empty' }]);
    expect(lossTargets('cp *.txt backup/', ctx, p).targets).toMatchObject([{ copy: { sources: 'unknown' } }]);
  });
});

// ── snapshot, destroy for real, restore ────────────────────────────────────────────────────────

interface RoundTrip {
  readonly name: string;
  readonly spec: WorkspaceSpec;
  readonly command: string;
  /** Relative cwd. */
  readonly cwd?: string;
  /** Paths whose content is copied, and tracked paths left to git. */
  readonly copied: readonly string[];
  readonly tracked?: readonly string[];
  /** Paths the command legitimately changes that a restore does not undo (a moved file's old name). */
  readonly moved?: readonly string[];
  /**
   * Paths where the command writes something a restore cannot predict: the first restore reports
   * them as conflicts (they might be newer work), the human's "overwrite" restores them.
   */
  readonly asks?: readonly string[];
}

const DATA: Tree = {
  'data/tracked.txt': 'committed and unchanged\n',
  'data/edited.txt': 'committed\n',
  'data/run.sh': { content: '#!/bin/sh\necho run\n', mode: 0o755 },
  'data/cache/.env': 'SECRET_PLACEHOLDER=1\n',
  'data/ünï côdé notes.txt': 'untracked, with spaces and unicode\n',
  'data/nested/deeper/big.bin': blob('big', 70_000),
  'data/empty-dir': { dir: true },
  'data/link-to-tracked': { link: 'tracked.txt' },
  'data/private.txt': { content: 'owner only\n', mode: 0o600 },
  '.gitignore': 'data/cache/\n',
  'keep.txt': 'outside the target\n',
};

const ROUND_TRIPS: RoundTrip[] = [
  {
    name: 'rm -rf of a directory with untracked, ignored, modified and tracked files',
    spec: { tree: DATA, committed: ['.gitignore', 'keep.txt', 'data/tracked.txt', 'data/edited.txt', 'data/run.sh'], edits: { 'data/edited.txt': 'committed, then edited\n' } },
    command: 'rm -rf data',
    copied: ['data/edited.txt', 'data/cache/.env', 'data/ünï côdé notes.txt', 'data/nested/deeper/big.bin', 'data/private.txt'],
    tracked: ['data/tracked.txt', 'data/run.sh'],
  },
  {
    name: 'rm of a glob and a quoted name',
    spec: { tree: { 'a.log': 'a\n', 'b.log': 'bb\n', 'c.txt': 'c\n', 'my file.txt': 'mine\n' } },
    command: 'rm -f *.log "my file.txt"',
    copied: ['a.log', 'b.log', 'my file.txt'],
  },
  {
    name: 'rm -rf of a nested repository takes its history too (nothing left to git)',
    spec: { tree: { 'vendor/lib/x.c': 'int x;\n', 'top.txt': 'top\n' }, setup: 'cd vendor/lib && git init -q && git add . && git -c user.name=t -c user.email=t@e.invalid commit -qm x' },
    command: 'rm -rf vendor',
    copied: ['vendor/lib/x.c'],
  },
  {
    name: 'rm -rf inside a nested repository that survives: its tracked files are taken back from it',
    spec: { tree: { 'sub/src/a.txt': 'tracked in sub\n', 'sub/src/new.txt': 'untracked in sub\n', 'top.txt': 'top\n' }, setup: 'cd sub && git init -q && git add src/a.txt && git -c user.name=t -c user.email=t@e.invalid commit -qm x' },
    command: 'rm -rf sub/src',
    copied: ['sub/src/new.txt'],
    tracked: ['sub/src/a.txt'],
  },
  {
    name: 'git clean -fdx: untracked and ignored files and directories, odd names included',
    spec: {
      tree: { 'src/main.c': 'int main;\n', 'build/out.o': blob('o', 3000), 'notes/todo.md': '- x\n', 'tab\tname.txt': 't\n', 'quote"d.txt': 'q\n', 'ü.txt': 'u\n', '.gitignore': 'build/\n' },
      committed: ['src/main.c', '.gitignore'],
    },
    command: 'git clean -fdx',
    copied: ['build/out.o', 'notes/todo.md', 'tab\tname.txt', 'quote"d.txt', 'ü.txt'],
  },
  {
    name: 'git clean -fd in a sub-directory keeps ignored files and the rest of the repository',
    spec: {
      tree: { 'sub/a.txt': 'a\n', 'sub/new.txt': 'new\n', 'sub/ignored.log': 'log\n', 'other.txt': 'other\n', '.gitignore': '*.log\n' },
      committed: ['sub/a.txt', '.gitignore'],
    },
    command: 'cd sub && git clean -fd',
    copied: ['sub/new.txt'],
  },
  {
    name: 'git reset --hard: modified tracked files and a staged new file',
    spec: {
      tree: { 'a.txt': 'a1\n', 'b.txt': 'b1\n', 'c.txt': 'c1\n' },
      committed: ['a.txt', 'b.txt', 'c.txt'],
      edits: { 'a.txt': 'a2 edited\n', 'c.txt': 'c2 staged\n', 'added.txt': 'brand new\n', 'untracked.txt': 'kept by git\n' },
      staged: ['c.txt', 'added.txt'],
    },
    command: 'git reset --hard',
    copied: ['a.txt', 'added.txt', 'c.txt'],
  },
  {
    name: 'git checkout -- . discards working-tree edits',
    spec: { tree: { 'src/a.txt': 'a\n', 'src/b.txt': 'b\n' }, committed: ['src/a.txt', 'src/b.txt'], edits: { 'src/a.txt': 'a edited\n' } },
    command: 'git checkout -- .',
    copied: ['src/a.txt'],
  },
  {
    name: 'git restore of one path',
    spec: { tree: { 'a.txt': 'a\n', 'b.txt': 'b\n' }, committed: ['a.txt', 'b.txt'], edits: { 'a.txt': 'a edited\n', 'b.txt': 'b edited\n' } },
    command: 'git restore b.txt',
    copied: ['b.txt'],
  },
  {
    name: 'mv over an existing file',
    spec: { tree: { 'new.txt': 'the new one\n', 'old.txt': 'the old one\n' } },
    command: 'mv new.txt old.txt',
    copied: ['old.txt'],
    moved: ['new.txt'],
  },
  {
    name: 'cp over an existing tracked file (left to git) and an untracked one',
    spec: { tree: { 'a.txt': 'source\n', 'b.txt': 'tracked b\n', 'c.txt': 'untracked c\n' }, committed: ['a.txt', 'b.txt'] },
    command: 'cp a.txt b.txt && cp a.txt c.txt',
    copied: ['c.txt'],
    tracked: ['b.txt'],
  },
  {
    name: 'cp -r into a directory: only the namesakes are replaced',
    spec: { tree: { 'src/x.txt': 'new x\n', 'src/sub/y.txt': 'new y\n', 'dest/src/x.txt': 'old x\n', 'dest/src/sub/y.txt': 'old y\n', 'dest/src/z.txt': 'untouched\n' } },
    command: 'cp -r src dest/',
    copied: ['dest/src/x.txt', 'dest/src/sub/y.txt'],
  },
  {
    name: '`: > file` truncation',
    spec: { tree: { 'notes.txt': 'precious notes\n' } },
    command: ': > notes.txt',
    copied: ['notes.txt'],
  },
  {
    name: 'sed -i edits in place',
    spec: { tree: { 'conf.ini': 'a=1\n' } },
    command: "sed -i 's/1/2/' conf.ini",
    copied: ['conf.ini'],
    asks: ['conf.ini'],
  },
  {
    name: '`>` from a program',
    spec: { tree: { 'out.txt': 'previous output\n' } },
    command: 'echo new > out.txt',
    copied: ['out.txt'],
    asks: ['out.txt'],
  },
];

describe('snapshot → destroy → restore, byte for byte', () => {
  it.each(ROUND_TRIPS)('$name', async (c) => {
    const root = workspace(c.spec);
    const store = storeFor(root);
    const before = fingerprint(root);
    const req = await request(root, c.command, join(root, c.cwd ?? ''));

    const plan = await planSnapshot(req);
    const copiedPaths = plan.items.filter((i) => i.type === 'file' && !i.git && !i.rel.includes('/.git/')).map((i) => i.rel).sort();
    expect(copiedPaths).toEqual([...c.copied].sort());
    expect(plan.items.filter((i) => i.git).map((i) => i.rel).sort()).toEqual([...(c.tracked ?? [])].sort());
    expect(plan.withinBudget).toBe(true);

    const taken = published(await takeSnapshot(req, { store }));
    expect(taken.status).toBe('complete');
    expect(taken.manifest.entries.filter((e) => e.type === 'file' && !e.path.includes('/.git/')).map((e) => e.path).sort()).toEqual([...c.copied].sort());

    sh(join(root, c.cwd ?? ''), c.command);
    expect(fingerprint(root)).not.toEqual(before);

    const report = await restoreSnapshot(store, taken.id);
    expect(report.conflicts.map((x) => x.path)).toEqual(c.asks ?? []);
    expect(report.errors).toEqual([]);
    if (c.asks) expect((await restoreSnapshot(store, taken.id, { paths: c.asks, overwrite: 'always' })).restored).toEqual(c.asks);
    for (const m of c.moved ?? []) delete before[m];
    expect(fingerprint(root)).toEqual(before);
    if (c.spec.setup) expect(git(join(root, c.spec.setup.replace(/^cd (\S+) .*$/, '$1')), 'log', '--oneline')).toMatch(/x/); // the nested repository works (again)
  });

  it('records what the nested repository case copies: the repository goes too, so nothing is left to git', async () => {
    const root = workspace({ tree: { 'vendor/lib/x.c': 'int x;\n' } });
    git(join(root, 'vendor/lib'), 'init', '-q');
    git(join(root, 'vendor/lib'), 'add', '.');
    git(join(root, 'vendor/lib'), 'commit', '-qm', 'x');
    const plan = await planSnapshot(await request(root, 'rm -rf vendor'));
    expect(plan.tracked).toBe(0);
    expect(plan.items.map((i) => i.rel)).toEqual(expect.arrayContaining(['vendor/lib/x.c', 'vendor/lib/.git/HEAD']));
  });
});

// ── symlinks and the workspace boundary ────────────────────────────────────────────────────────

describe('symlinks and paths outside the workspace', () => {
  it('records a symlink to outside the workspace as a link and never follows it', async () => {
    const outside = tempDir('snap-outside');
    writeFileSync(join(outside, 'secret.txt'), 'outside content\n');
    const root = workspace({ tree: { 'data/own.txt': 'own\n', 'data/escape': { link: outside }, 'data/escape-file': { link: join(outside, 'secret.txt') } } });
    const store = storeFor(root);
    const req = await request(root, 'rm -rf data');
    const plan = await planSnapshot(req);
    expect(plan.items.map((i) => [i.rel, i.type])).toEqual([['data', 'dir'], ['data/escape', 'symlink'], ['data/escape-file', 'symlink'], ['data/own.txt', 'file']]);
    expect(plan.items.some((i) => i.abs.startsWith(outside))).toBe(false);
    const taken = published(await takeSnapshot(req, { store }));
    expect(taken.manifest.entries.find((e) => e.path === 'data/escape')).toMatchObject({ type: 'symlink', link: outside });
    expect(readdirSync(join(taken.dir, 'files'))).toHaveLength(1);

    sh(root, 'rm -rf data');
    expect(readFileSync(join(outside, 'secret.txt'), 'utf8')).toBe('outside content\n');
    const report = await restoreSnapshot(store, taken.id);
    expect(report.restored.sort()).toEqual(['data/escape', 'data/escape-file', 'data/own.txt']);
    expect(readlinkSync(join(root, 'data/escape'))).toBe(outside);
  });

  it('does not snapshot outside the workspace, also not through a symlink, and says so', async () => {
    const outside = tempDir('snap-outside');
    writeFileSync(join(outside, 'f.txt'), 'x\n');
    const root = workspace({ tree: { 'ok.txt': 'ok\n', 'out-link': { link: join(outside, 'f.txt') }, 'out-dir': { link: outside } } });
    const cases = [
      { command: `rm -rf ${outside}`, what: outside },
      { command: 'echo y > out-link', what: join(root, 'out-link') },
      { command: 'rm -f out-dir/f.txt', what: join(root, 'out-dir/f.txt') },
    ];
    for (const c of cases) {
      const plan = await planSnapshot(await request(root, c.command));
      expect(plan.items, c.command).toEqual([]);
      expect(plan.notSnapshotted[0]?.what, c.command).toBe(c.what);
      expect(plan.notSnapshotted[0]?.reason, c.command).toMatch(/^not snapshotted: outside the workspace/);
      expect(plan.summary, c.command).toMatch(/outside the workspace/);
    }
    const take = await takeSnapshot(await request(root, `rm -rf ${outside}`), { store: storeFor(root) });
    expect(take.status).toBe('nothing-to-save');
  });
});

// ── budget ─────────────────────────────────────────────────────────────────────────────────────

describe('budget', () => {
  const tree: Tree = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`big/f${i}.bin`, blob(`f${i}`, 10_000)]));

  it('plan says a snapshot would exceed the size limit, and take refuses without writing anything', async () => {
    const root = workspace({ tree });
    const store = storeFor(root);
    const budget: Partial<SnapshotBudget> = { maxBytes: 50_000 };
    const plan = await planSnapshot(await request(root, 'rm -rf big'), budget);
    expect(plan).toMatchObject({ files: 20, bytes: 200_000, withinBudget: false, exceeds: ['size'] });
    expect(plan.summary).toMatch(/^Too large to snapshot: 195 KiB in 20 files, over the 49 KiB limit/);
    const take = await takeSnapshot(await request(root, 'rm -rf big'), { store, budget });
    expect(take.status).toBe('over-budget');
    expect(existsSync(store) ? readdirSync(store) : []).toEqual([]);
  });

  it('plan says when listing alone ran out of time (its figures are then lower bounds)', async () => {
    const root = workspace({ tree });
    const longAgo = Date.now() - 60_000; // the budget was spent before the listing began
    const plan = await planSnapshot(await request(root, 'rm -rf big'), { maxMs: 5000 }, longAgo);
    expect(plan).toMatchObject({ truncated: true, withinBudget: false, exceeds: ['time'] });
    expect(plan.files).toBeLessThan(20);
    expect(plan.summary).toMatch(/^Too many files to snapshot: listing them took longer than 5 s/);
  });

  it('take that runs out of time stops with a manifest that is not marked complete', async () => {
    const root = workspace({ tree });
    const store = storeFor(root);
    const slow = { afterEntry: () => new Promise<void>((r) => setTimeout(r, 400)) };
    const take = published(await takeSnapshot(await request(root, 'rm -rf big'), { store, budget: { maxMs: 300 }, hooks: slow, concurrency: 1 }));
    expect(take.status).toBe('incomplete');
    expect(take.manifest).toMatchObject({ complete: false, stoppedBy: 'time' });
    expect(take.manifest.totals.files).toBeLessThan(20);
    expect((await listSnapshots(store))[0]).toMatchObject({ id: take.id, complete: false, stoppedBy: 'time' });
    sh(root, 'rm -rf big');
    const report = await restoreSnapshot(store, take.id);
    expect(report.incomplete).toBe(true);
    expect(report.restored.length).toBe(take.manifest.totals.files);
  });
});

// ── restore never silently overwrites newer work ───────────────────────────────────────────────

describe('restore conflicts', () => {
  async function deletedThenRecreated() {
    const root = workspace({ tree: { 'dir/a.txt': 'original a\n', 'dir/b.txt': 'original b\n' } });
    const store = storeFor(root);
    const req = await request(root, 'rm -rf dir');
    const taken = published(await takeSnapshot(req, { store }));
    sh(root, 'rm -rf dir && mkdir dir && echo "newer work" > dir/a.txt');
    return { root, store, id: taken.id };
  }

  const policies = [
    { overwrite: 'never' as const, conflict: 'differs', a: 'newer work\n' },
    { overwrite: 'older' as const, conflict: 'newer', a: 'newer work\n' },
    { overwrite: 'always' as const, conflict: undefined, a: 'original a\n' },
  ];
  it.each(policies)('overwrite: $overwrite', async ({ overwrite, conflict, a }) => {
    const { root, store, id } = await deletedThenRecreated();
    const report = await restoreSnapshot(store, id, { overwrite });
    expect(report.conflicts.map((c) => [c.path, c.reason])).toEqual(conflict ? [['dir/a.txt', conflict]] : []);
    expect(readFileSync(join(root, 'dir/a.txt'), 'utf8')).toBe(a);
    expect(readFileSync(join(root, 'dir/b.txt'), 'utf8')).toBe('original b\n');
    expect(report.restored).toContain('dir/b.txt');
  });

  it("'older' replaces a file older than the snapshot's version", async () => {
    const { root, store, id } = await deletedThenRecreated();
    utimesSync(join(root, 'dir/a.txt'), 1_000_000, 1_000_000);
    const report = await restoreSnapshot(store, id, { overwrite: 'older' });
    expect(report.conflicts).toEqual([]);
    expect(readFileSync(join(root, 'dir/a.txt'), 'utf8')).toBe('original a\n');
  });

  it('a second restore finds everything identical; a directory in the way is never replaced', async () => {
    const { root, store, id } = await deletedThenRecreated();
    await restoreSnapshot(store, id, { overwrite: 'always' });
    const again = await restoreSnapshot(store, id);
    expect(again).toMatchObject({ restored: [], conflicts: [] });
    expect(again.skippedIdentical.sort()).toEqual(['dir/a.txt', 'dir/b.txt']);
    rmSync(join(root, 'dir/b.txt'));
    mkdirSync(join(root, 'dir/b.txt'));
    const blocked = await restoreSnapshot(store, id, { overwrite: 'always' });
    expect(blocked.conflicts.map((c) => [c.path, c.reason])).toEqual([['dir/b.txt', 'not-a-file']]);
  });

  it("replaces what the command itself left (a truncation, git's version) without asking, but not an unknown write", async () => {
    const root = workspace({ tree: { 'a.txt': 'a1\n', 'n.txt': 'notes\n' }, committed: ['a.txt'], edits: { 'a.txt': 'a2\n' } });
    const store = storeFor(root);
    const echo = published(await takeSnapshot(await request(root, 'echo replaced > n.txt'), { store }));
    sh(root, 'echo replaced > n.txt');
    expect((await restoreSnapshot(store, echo.id)).conflicts.map((c) => c.path)).toEqual(['n.txt']);
    const only = await restoreSnapshot(store, echo.id, { paths: ['n.txt'], overwrite: 'always' });
    expect(only.restored).toEqual(['n.txt']);
    expect(readFileSync(join(root, 'n.txt'), 'utf8')).toBe('notes\n');
    const reset = published(await takeSnapshot(await request(root, 'git reset --hard'), { store }));
    sh(root, 'git reset --hard -q');
    expect(await restoreSnapshot(store, reset.id)).toMatchObject({ restored: ['a.txt'], conflicts: [] });
    expect(readFileSync(join(root, 'a.txt'), 'utf8')).toBe('a2\n');
  });

  it('refuses to write through a parent directory that became a symlink', async () => {
    const { root, store, id } = await deletedThenRecreated();
    const elsewhere = tempDir('snap-elsewhere');
    rmSync(join(root, 'dir'), { recursive: true });
    symlinkSync(elsewhere, join(root, 'dir'));
    const report = await restoreSnapshot(store, id, { overwrite: 'always' });
    expect(report.conflicts.map((c) => c.reason)).toEqual(['parent-is-symlink', 'parent-is-symlink']);
    expect(readdirSync(elsewhere)).toEqual([]);
  });
});

// ── storage, atomicity, retention ──────────────────────────────────────────────────────────────

describe('storage', () => {
  it('writes owner-only directories and files and a manifest that parses back', async () => {
    const root = workspace({ tree: { 'd/a.txt': 'a\n', 'd/b.txt': { content: 'b\n', mode: 0o644 } } });
    const store = storeFor(root);
    const taken = published(await takeSnapshot({ ...(await request(root, 'rm -rf d')), label: 'rm -rf d (as redacted by the caller)' }, { store }));
    for (const d of [store, taken.dir, join(taken.dir, 'files')]) expect(statSync(d).mode & 0o777, d).toBe(0o700);
    for (const f of [...readdirSync(join(taken.dir, 'files')).map((n) => join(taken.dir, 'files', n)), join(taken.dir, 'manifest.json')]) expect(statSync(f).mode & 0o777, f).toBe(0o600);
    const m = await readManifest(store, taken.id);
    expect(m).toMatchObject({ id: taken.id, workspaceRoot: root, command: 'rm -rf d (as redacted by the caller)', complete: true, totals: { files: 2, dirs: 1, bytes: 4 } });
    expect(m!.entries.find((e) => e.path === 'd/a.txt')).toMatchObject({ size: 2, mode: 0o644, sha256: sha256('a\n'), after: { kind: 'absent' } });
    expect(store.startsWith(root)).toBe(false);
  });

  it('redacts the command when the caller gives no label', async () => {
    const root = workspace({ tree: { 'x.txt': 'x\n' } });
    const taken = published(await takeSnapshot(await request(root, 'API_TOKEN=abcdef123456 rm x.txt'), { store: storeFor(root) }));
    expect(taken.manifest.command).not.toContain('abcdef123456');
  });

  it('rejects manifests with paths that leave the workspace', () => {
    const good = { version: 1, id: '20260101T000000000Z-0123abcd', createdAt: 'x', workspaceRoot: '/w', command: 'rm x', complete: true, entries: [{ path: 'x', type: 'dir', size: 0, mode: 0o755, mtimeMs: 1, after: { kind: 'absent' } }], tracked: [], notSnapshotted: [], totals: { files: 0, dirs: 1, symlinks: 0, bytes: 0, tracked: 0, elapsedMs: 1 }, budget: { maxBytes: 1, maxMs: 1 } };
    expect(parseManifest(good)).toBeDefined();
    for (const path of ['../x', '/etc/passwd', 'a/../../b', '']) expect(parseManifest({ ...good, entries: [{ ...good.entries[0], path }] }), path).toBeUndefined();
  });

  const crashes = [
    { at: 'the middle of the copies', hooks: { afterEntry: (_: string, n: number) => { if (n === 2) throw new Error('simulated crash'); } } },
    { at: 'after the manifest, before publishing', hooks: { beforePublish: () => { throw new Error('simulated crash'); } } },
  ];
  it.each(crashes)('a crash in $at leaves no snapshot and no manifest marked complete', async ({ hooks }) => {
    const root = workspace({ tree: { 'd/a.txt': 'a\n', 'd/b.txt': 'b\n', 'd/c.txt': 'c\n' } });
    const store = storeFor(root);
    const take = await takeSnapshot(await request(root, 'rm -rf d'), { store, hooks, concurrency: 1 });
    expect(take).toMatchObject({ status: 'failed', error: 'simulated crash' });
    expect(await listSnapshots(store)).toEqual([]);
    expect(readdirSync(store)).toEqual([]);
  });

  it('a temporary directory left by a killed take is never listed, and prune removes it once stale', async () => {
    const root = workspace({ tree: { 'd/a.txt': 'a\n' } });
    const store = storeFor(root);
    const taken = published(await takeSnapshot(await request(root, 'rm -rf d'), { store }));
    const leftover = join(store, `.tmp-${taken.id.replace(/-[0-9a-f]+$/, '-ffffffff')}`);
    cpSync(taken.dir, leftover, { recursive: true }); // as if killed between the manifest and the rename
    expect((await listSnapshots(store)).map((s) => s.id)).toEqual([taken.id]);
    expect((await pruneSnapshots(store, { nowMs: Date.now() })).staleRemoved).toEqual([]);
    const later = await pruneSnapshots(store, { nowMs: Date.now() + 2 * 60 * 60 * 1000 });
    expect(later.staleRemoved).toEqual([leftover.slice(store.length + 1)]);
    expect(existsSync(taken.dir)).toBe(true);
  });
});

describe('retention', () => {
  const DAY = 24 * 60 * 60 * 1000;
  const snaps = [
    { id: 'a', createdAtMs: 0 * DAY, bytes: 100 },
    { id: 'b', createdAtMs: 5 * DAY, bytes: 300 },
    { id: 'c', createdAtMs: 9 * DAY, bytes: 200 },
    { id: 'd', createdAtMs: 10 * DAY, bytes: 400 },
  ];
  const cases = [
    { policy: { maxAgeDays: 4 }, keep: [], expired: ['a', 'b'] },
    { policy: { maxAgeDays: 7 }, keep: [], expired: ['a'] },
    { policy: { maxTotalBytes: 650 }, keep: [], expired: ['a', 'b'] },
    { policy: { maxTotalBytes: 1000 }, keep: [], expired: [] },
    { policy: { maxAgeDays: 7, maxTotalBytes: 500 }, keep: [], expired: ['a', 'b', 'c'] },
    { policy: { maxTotalBytes: 0 }, keep: ['d'], expired: ['a', 'b', 'c'] },
    { policy: { maxAgeDays: 4 }, keep: ['a'], expired: ['b'] },
  ];
  it.each(cases)('$policy keeping $keep', ({ policy, keep, expired }) => {
    expect(expiredSnapshots(snaps, policy, 10 * DAY + 1, new Set(keep))).toEqual(expired);
  });

  it('prunes real snapshots by age and by size, oldest first, never one it is told to keep', async () => {
    const root = workspace({ tree: { 'f1.txt': blob('1', 1000), 'f2.txt': blob('2', 2000), 'f3.txt': blob('3', 3000) } });
    const store = storeFor(root);
    const ids: string[] = [];
    for (const f of ['f1.txt', 'f2.txt', 'f3.txt']) {
      ids.push(published(await takeSnapshot(await request(root, `rm ${f}`), { store })).id);
      await new Promise((r) => setTimeout(r, 5));
    }
    const bySize = await pruneSnapshots(store, { maxTotalBytes: 5000 });
    expect(bySize).toMatchObject({ deleted: [ids[0]], freedBytes: 1000, remaining: 2 });
    const byAge = await pruneSnapshots(store, { maxAgeDays: 1, nowMs: Date.now() + 2 * 24 * 60 * 60 * 1000, keep: [ids[2]!] });
    expect(byAge.deleted).toEqual([ids[1]]);
    expect((await listSnapshots(store)).map((s) => s.id)).toEqual([ids[2]]);
  });
});

describe('git output', () => {
  it.each([
    ['plain.txt', 'plain.txt'],
    ['"tab\\tname.txt"', 'tab\tname.txt'],
    ['"quote\\"d.txt"', 'quote"d.txt'],
    ['"\\303\\274.txt"', 'ü.txt'],
    ['"ü \\\\ x"', 'ü \\ x'],
  ])('unquotes %s', (quoted, path) => {
    expect(unquoteGitPath(quoted)).toBe(path);
  });
});
