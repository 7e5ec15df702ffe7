// Turns the loss targets of a command (src/core/snapshot/targets.ts) into the files, directories
// and symlinks that are really there and would be lost, without copying anything: lstat (links
// are never followed out of a target), `git clean -n` for git clean, `git status` for discarded
// edits, and `git ls-files` to leave tracked, unmodified files to git.
import { lstat, readdir, readlink, realpath, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { isWithin } from '../../core/paths.js';
import type { After } from '../../core/snapshot/manifest.js';
import { NOT_SNAPSHOTTED, type LossTarget, type LossTargets, type NotSnapshotted } from '../../core/snapshot/targets.js';
import { createFsProbe } from '../fs-probe.js';
import { changedTracked, cleanDryRun, indexEntries, repoTop, treeEntries } from './git.js';

/** A content the command puts at a path, known once its source is hashed (cp/mv sources). */
export type PlannedAfter = After | { readonly kind: 'source'; readonly abs: string };

export interface GitCopy {
  /** The repository's top level (real path). */
  readonly top: string;
  readonly repoPath: string;
  readonly oid: string;
  readonly gitMode: string;
}

export interface PlannedItem {
  /** Relative to the workspace root, '/'-separated. */
  readonly rel: string;
  /** Real path on disk. */
  readonly abs: string;
  readonly type: 'file' | 'dir' | 'symlink';
  readonly size: number;
  readonly mode: number;
  readonly mtimeMs: number;
  readonly link?: string;
  readonly after: PlannedAfter;
  /** Set when git holds this exact content and keeps it after the command: left to git, not copied. */
  readonly git?: GitCopy;
}

export interface Inventory {
  readonly items: readonly PlannedItem[];
  readonly notSnapshotted: readonly NotSnapshotted[];
  /** The time limit ran out while listing: what is listed is a lower bound. */
  readonly truncated: boolean;
}

const ABSENT: After = { kind: 'absent' };
const UNKNOWN: After = { kind: 'unknown' };
/** sha256 of no bytes: what `: > file` leaves. */
const EMPTY: After = { kind: 'sha256', sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' };

interface Draft {
  rel: string;
  abs: string;
  type: PlannedItem['type'];
  size: number;
  mode: number;
  mtimeMs: number;
  link?: string;
  after: PlannedAfter;
  /** The repository that may still hold this file after the command (not one the command deletes). */
  repoTop?: string;
  git?: GitCopy;
}

const lstatOrUndefined = (p: string): Promise<Stats | undefined> => lstat(p).catch(() => undefined);
const posixRel = (from: string, to: string): string => relative(from, to).split(sep).join('/');

export async function inventory(loss: LossTargets, workspaceRoot: string, deadline: number): Promise<Inventory> {
  const root = await realpath(workspaceRoot).catch(() => resolve(workspaceRoot));
  const b = new Builder(root, deadline);
  for (const s of loss.notSnapshotted) b.skip(s.what, s.reason);
  for (const t of loss.targets) {
    if (b.expired()) break;
    await b.target(t);
  }
  if (!b.expired()) await b.leaveTrackedToGit();
  return b.result();
}

class Builder {
  private readonly drafts = new Map<string, Draft>();
  private readonly skipped: NotSnapshotted[] = [];
  private readonly tops = new Map<string, Promise<string | undefined>>();
  /** Per repository: the pathspecs whose tracked, unmodified files git keeps. */
  private readonly gitQueries = new Map<string, Set<string>>();
  private truncated = false;

  constructor(private readonly root: string, private readonly deadline: number) {}

  expired(): boolean {
    if (Date.now() > this.deadline) this.truncated = true;
    return this.truncated;
  }

  private remaining(): number {
    return Math.max(1, this.deadline - Date.now());
  }

  skip(what: string, reason: string): void {
    if (!this.skipped.some((s) => s.what === what && s.reason === reason)) this.skipped.push({ what, reason });
  }

  result(): Inventory {
    const items = [...this.drafts.values()].sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0)).map((d): PlannedItem => ({
      rel: d.rel, abs: d.abs, type: d.type, size: d.size, mode: d.mode, mtimeMs: d.mtimeMs, after: d.after,
      ...(d.link !== undefined ? { link: d.link } : {}), ...(d.git ? { git: d.git } : {}),
    }));
    return { items, notSnapshotted: this.skipped, truncated: this.truncated };
  }

  async target(t: LossTarget): Promise<void> {
    switch (t.kind) {
      case 'delete': return this.deleted(t);
      case 'overwrite': return this.overwritten(t);
      case 'git-clean': return this.cleaned(t);
      case 'git-discard': return this.discarded(t);
    }
  }

  /** The real path and workspace-relative name of `abs`, resolving symlinked parents as the kernel would. */
  private async locate(abs: string): Promise<{ real: string; rel: string } | undefined> {
    const parent = dirname(abs);
    const realParent = await realpath(parent).catch(() => undefined);
    if (realParent === undefined) return undefined; // nothing there to lose
    const real = parent === abs ? realParent : join(realParent, basename(abs));
    if (!isWithin(real, this.root)) {
      this.skip(abs, NOT_SNAPSHOTTED.outside);
      return undefined;
    }
    return { real, rel: posixRel(this.root, real) };
  }

  private top(dir: string): Promise<string | undefined> {
    let p = this.tops.get(dir);
    if (!p) {
      p = repoTop(dir, this.remaining()).then((t) => (t ? realpath(t).catch(() => t) : undefined));
      this.tops.set(dir, p);
    }
    return p;
  }

  private askGit(top: string, abs: string): void {
    const spec = posixRel(top, abs) || '.';
    const set = this.gitQueries.get(top) ?? new Set<string>();
    set.add(spec);
    this.gitQueries.set(top, set);
  }

  private add(d: Draft): void {
    const prev = this.drafts.get(d.rel);
    if (!prev) this.drafts.set(d.rel, d);
    else if (JSON.stringify(prev.after) !== JSON.stringify(d.after)) prev.after = UNKNOWN; // two steps disagree: a restore must ask
  }

  private async leaf(real: string, rel: string, st: Stats, after: PlannedAfter, repoTop: string | undefined): Promise<void> {
    const base = { rel, abs: real, size: st.size, mode: st.mode & 0o7777, mtimeMs: st.mtimeMs, after, repoTop };
    if (st.isFile()) this.add({ ...base, type: 'file' });
    else if (st.isSymbolicLink()) {
      const link = await readlink(real).catch(() => undefined);
      if (link !== undefined) this.add({ ...base, type: 'symlink', link });
    } else this.skip(rel, NOT_SNAPSHOTTED.special);
  }

  /** Everything below `real`, depth first; symlinks are recorded, never followed. */
  private async walk(real: string, rel: string, st: Stats, after: PlannedAfter, repoTop: string | undefined): Promise<void> {
    const stack: { real: string; rel: string; st: Stats }[] = [{ real, rel, st }];
    while (stack.length) {
      if (this.expired()) return;
      const e = stack.pop()!;
      if (!e.st.isDirectory()) {
        await this.leaf(e.real, e.rel, e.st, after, repoTop);
        continue;
      }
      if (e.rel) this.add({ rel: e.rel, abs: e.real, type: 'dir', size: 0, mode: e.st.mode & 0o7777, mtimeMs: e.st.mtimeMs, after });
      const names = await readdir(e.real).catch(() => undefined);
      if (!names) {
        this.skip(e.rel || '.', 'not snapshotted: the directory cannot be read');
        continue;
      }
      const stats = await Promise.all(names.map((n) => lstatOrUndefined(join(e.real, n))));
      names.forEach((n, i) => {
        const s = stats[i];
        if (s) stack.push({ real: join(e.real, n), rel: e.rel ? `${e.rel}/${n}` : n, st: s });
      });
    }
  }

  private async deleted(t: Extract<LossTarget, { kind: 'delete' }>): Promise<void> {
    const paths = t.glob ? createFsProbe().glob?.(t.path) : [t.path];
    if (!paths) {
      this.skip(t.path, NOT_SNAPSHOTTED.unlisted);
      return;
    }
    for (const p of paths) {
      const loc = await this.locate(p);
      const st = loc && (await lstatOrUndefined(loc.real));
      if (!loc || !st || (st.isDirectory() && !t.recursive)) continue; // rm without -r refuses a directory
      const top = await this.top(st.isDirectory() ? loc.real : dirname(loc.real));
      // When the deletion takes the repository with it, git keeps nothing: every file is copied.
      const survives = top !== undefined && !isWithin(top, loc.real);
      if (survives) this.askGit(top, loc.real);
      await this.walk(loc.real, loc.rel, st, ABSENT, survives ? top : undefined);
    }
  }

  private async overwritten(t: Extract<LossTarget, { kind: 'overwrite' }>): Promise<void> {
    const after = t.leaves === 'empty' ? EMPTY : UNKNOWN;
    const c = t.copy;
    if (!c) return this.single(t.path, t.follows, after);
    // cp and mv follow a symlink to decide whether the destination is a directory.
    const destSt = await stat(t.path).catch(() => undefined);
    const intoDir = c.intoDirectory === 'yes' || (c.intoDirectory === 'if-directory' && !!destSt?.isDirectory());
    if (c.sources === 'unknown') {
      // Into a directory, which names are replaced depends on sources only known at run time.
      if (intoDir) this.skip(t.path, NOT_SNAPSHOTTED.unlisted);
      else await this.single(t.path, t.follows, UNKNOWN);
      return;
    }
    for (const src of c.sources) {
      const srcSt = await (c.recursive ? lstat(src) : stat(src)).catch(() => undefined);
      if (!srcSt) continue;
      const dest = intoDir ? join(t.path, basename(src)) : t.path;
      if (srcSt.isDirectory()) {
        // mv cannot replace a non-empty directory and cp without -r skips directories: only cp -r merges.
        if (!c.move && c.recursive) await this.merged(src, dest, t.follows);
        continue;
      }
      await this.single(dest, t.follows, srcSt.isFile() ? { kind: 'source', abs: src } : after);
    }
  }

  /** cp -r SRC DEST: the files of DEST that have a namesake in SRC are replaced. */
  private async merged(srcDir: string, destDir: string, follows: boolean): Promise<void> {
    const stack = [''];
    while (stack.length) {
      if (this.expired()) return;
      const rel = stack.pop()!;
      const dir = rel ? join(srcDir, rel) : srcDir;
      const names = await readdir(dir).catch(() => [] as string[]);
      await Promise.all(names.map(async (n) => {
        const sub = rel ? `${rel}/${n}` : n;
        const s = await lstatOrUndefined(join(dir, n));
        if (s?.isDirectory()) stack.push(sub);
        else if (s) await this.single(join(destDir, sub), follows, s.isFile() ? { kind: 'source', abs: join(dir, n) } : UNKNOWN);
      }));
    }
  }

  /** One existing file or symlink that is replaced. */
  private async single(abs: string, follows: boolean, after: PlannedAfter): Promise<void> {
    let loc = await this.locate(abs);
    let st = loc && (await lstatOrUndefined(loc.real));
    if (!loc || !st) return;
    if (st.isSymbolicLink() && follows) {
      const target = await realpath(loc.real).catch(() => undefined);
      if (!target) return; // a dangling link: the write creates a file where there was none
      if (!isWithin(target, this.root)) {
        this.skip(abs, `${NOT_SNAPSHOTTED.outside} (through a symlink)`);
        return;
      }
      loc = { real: target, rel: posixRel(this.root, target) };
      st = await lstatOrUndefined(target);
      if (!st) return;
    }
    if (st.isDirectory()) return; // a write onto a directory fails
    const top = await this.top(dirname(loc.real));
    if (top) this.askGit(top, loc.real);
    await this.leaf(loc.real, loc.rel, st, after, top);
  }

  private async cleaned(t: Extract<LossTarget, { kind: 'git-clean' }>): Promise<void> {
    const listed = await cleanDryRun(t.cwd, t.args, this.remaining());
    if (!listed) {
      this.skip(`git clean in ${t.cwd}`, 'not snapshotted: git could not list what it would remove');
      return;
    }
    for (const p of listed) {
      if (this.expired()) return;
      const loc = await this.locate(resolve(t.cwd, p.replace(/\/$/, '')));
      const st = loc && (await lstatOrUndefined(loc.real));
      if (loc && st) await this.walk(loc.real, loc.rel, st, ABSENT, undefined); // untracked or ignored: git has none of it
    }
  }

  private async discarded(t: Extract<LossTarget, { kind: 'git-discard' }>): Promise<void> {
    const top = await this.top(t.cwd);
    if (!top) {
      this.skip(`${t.via} in ${t.cwd}`, 'not snapshotted: not inside a git repository');
      return;
    }
    const entries = await changedTracked(t.whole ? top : t.cwd, t.whole ? [] : t.pathspecs, this.remaining(), false);
    if (!entries) {
      this.skip(`${t.via} in ${t.cwd}`, 'not snapshotted: git could not list the uncommitted changes');
      return;
    }
    // Checking out from the index keeps what is staged: only working-tree edits are lost.
    const lost = entries.filter((e) => t.source.kind !== 'index' || e.y !== ' ');
    const paths = lost.map((e) => e.path);
    const blobs = t.source.kind === 'index'
      ? await indexEntries(top, paths, this.remaining()).then((m) => m && new Map([...m].map(([p, e]) => [p, e.oid])))
      : await treeEntries(top, t.source.treeish, paths, this.remaining());
    for (const e of lost) {
      if (this.expired()) return;
      const loc = await this.locate(join(top, e.path));
      const st = loc && (await lstatOrUndefined(loc.real));
      if (!loc || !st || st.isDirectory()) continue;
      const oid = blobs?.get(e.path);
      await this.leaf(loc.real, loc.rel, st, !blobs ? UNKNOWN : oid ? { kind: 'git-blob', oid } : ABSENT, undefined);
    }
  }

  /** Tracked files with no uncommitted change, in a repository that survives, are left to git. */
  async leaveTrackedToGit(): Promise<void> {
    for (const [top, specs] of this.gitQueries) {
      const index = await indexEntries(top, [...specs], this.remaining());
      const changed = await changedTracked(top, [...specs], this.remaining(), true);
      if (!index || !changed) continue; // git could not say: copy everything
      const dirty = new Set(changed.map((e) => e.path));
      for (const d of this.drafts.values()) {
        if (d.repoTop !== top || d.type === 'dir') continue;
        const repoPath = posixRel(top, d.abs);
        const e = index.get(repoPath);
        if (!e || dirty.has(repoPath) || (e.gitMode === '120000') !== (d.type === 'symlink')) continue;
        d.git = { top, repoPath, oid: e.oid, gitMode: e.gitMode };
      }
    }
  }
}
