// restore: puts a snapshot back byte for byte (content, mode, mtime), recreating directories,
// and never silently replaces something newer. A path that holds neither the snapshot's content
// nor what the command itself left there is a conflict, which the caller takes to the human.
import { constants, type Stats } from 'node:fs';
import { chmod, copyFile, lstat, lutimes, mkdir, readFile, readlink, rename, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import type { After, Manifest, ManifestEntry, TrackedEntry } from '../../core/snapshot/manifest.js';
import { blobContent, blobId } from './git.js';
import { sha256File, sha256Text } from './hash.js';
import { readManifest } from './store.js';

/** What to do when a path exists and differs: keep it (conflict), replace it if older than the snapshot's version, or replace it. */
export type OverwritePolicy = 'never' | 'older' | 'always';

export interface RestoreOptions {
  /** Default 'never'. */
  readonly overwrite?: OverwritePolicy;
  /** Restore under another directory instead of the workspace root the snapshot came from. */
  readonly into?: string;
  /** Only these relative paths (a directory selects everything below it). */
  readonly paths?: readonly string[];
  /** Take tracked, unmodified files back from git too (default true). */
  readonly fromGit?: boolean;
  readonly gitTimeoutMs?: number;
  /** Files restored at once (default 8). */
  readonly concurrency?: number;
}

interface Shape {
  readonly type: 'file' | 'dir' | 'symlink' | 'other';
  readonly size: number;
  readonly mtimeMs: number;
}

export interface RestoreConflict {
  readonly path: string;
  readonly reason: 'differs' | 'newer' | 'not-a-file' | 'parent-not-a-directory' | 'parent-is-symlink';
  readonly existing?: Shape;
  readonly snapshot: Shape;
}

export interface RestoreReport {
  readonly id: string;
  /** Files and symlinks written (or whose mode was put back). */
  readonly restored: string[];
  readonly skippedIdentical: string[];
  readonly conflicts: RestoreConflict[];
  readonly errors: { readonly path: string; readonly reason: string }[];
  /** Directories that had to be created. */
  readonly createdDirs: number;
  /** The snapshot was not complete: files it did not save cannot come back. */
  readonly incomplete: boolean;
}

type Leaf = { readonly kind: 'entry'; readonly e: ManifestEntry } | { readonly kind: 'tracked'; readonly e: TrackedEntry };

const shapeOf = (st: Stats): Shape => ({ type: st.isFile() ? 'file' : st.isDirectory() ? 'dir' : st.isSymbolicLink() ? 'symlink' : 'other', size: st.size, mtimeMs: st.mtimeMs });
const selected = (path: string, paths: readonly string[] | undefined): boolean => !paths || paths.some((p) => path === p || path.startsWith(p.replace(/\/+$/, '') + '/'));

/** Throws when the snapshot does not exist or its manifest is unreadable. */
export async function restoreSnapshot(store: string, id: string, options: RestoreOptions = {}): Promise<RestoreReport> {
  const m = await readManifest(store, id);
  if (!m) throw new Error(`no readable snapshot ${id}`);
  const r = new Restorer(m, join(store, id), resolve(options.into ?? m.workspaceRoot), options);
  return r.run();
}

class Restorer {
  readonly report: { restored: string[]; skippedIdentical: string[]; conflicts: RestoreConflict[]; errors: { path: string; reason: string }[] } = { restored: [], skippedIdentical: [], conflicts: [], errors: [] };
  /** Directories this restore created, with the mode and mtime to give them once their contents are back. */
  private readonly created = new Map<string, ManifestEntry | undefined>();
  private readonly parents = new Map<string, Promise<RestoreConflict['reason'] | undefined>>();
  private readonly dirEntries: Map<string, ManifestEntry>;
  private readonly policy: OverwritePolicy;

  constructor(private readonly m: Manifest, private readonly dir: string, private readonly root: string, private readonly o: RestoreOptions) {
    this.policy = o.overwrite ?? 'never';
    this.dirEntries = new Map(m.entries.filter((e) => e.type === 'dir').map((e) => [e.path, e]));
  }

  async run(): Promise<RestoreReport> {
    await mkdir(this.root, { recursive: true });
    for (const e of [...this.dirEntries.values()].sort((a, b) => (a.path < b.path ? -1 : 1))) {
      if (!selected(e.path, this.o.paths)) continue;
      // A directory that cannot be made is reported by each file below it.
      await this.ensureDir(e.path).catch((err: Error) => this.report.errors.push({ path: e.path, reason: err.message }));
    }
    const leaves: Leaf[] = [
      ...this.m.entries.filter((e) => e.type !== 'dir').map((e): Leaf => ({ kind: 'entry', e })),
      ...(this.o.fromGit === false ? [] : this.m.tracked.map((e): Leaf => ({ kind: 'tracked', e }))),
    ].filter((l) => selected(l.e.path, this.o.paths));
    let next = 0;
    const worker = async () => {
      while (next < leaves.length) {
        const leaf = leaves[next++]!;
        try {
          await this.restoreLeaf(leaf);
        } catch (err) {
          this.report.errors.push({ path: leaf.e.path, reason: (err as Error).message });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, this.o.concurrency ?? 8) }, worker));
    // Deepest first: writing a child changes its directory's mtime, and a read-only mode would block the writes.
    for (const [path, e] of [...this.created].sort((a, b) => (a[0] < b[0] ? 1 : -1))) {
      if (!e) continue;
      const abs = join(this.root, path);
      await chmod(abs, e.mode).catch(() => undefined);
      await utimes(abs, Date.now() / 1000, e.mtimeMs / 1000).catch(() => undefined);
    }
    // Files are restored several at a time: report them in path order all the same.
    const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    const { restored, skippedIdentical, conflicts, errors } = this.report;
    return {
      id: this.m.id, restored: restored.sort(order), skippedIdentical: skippedIdentical.sort(order),
      conflicts: conflicts.sort((a, b) => order(a.path, b.path)), errors: errors.sort((a, b) => order(a.path, b.path)),
      createdDirs: this.created.size, incomplete: !this.m.complete,
    };
  }

  /** Creates the directory and its parents (owner-writable until the end); reports why it cannot. */
  private ensureDir(path: string): Promise<RestoreConflict['reason'] | undefined> {
    let p = this.parents.get(path);
    if (!p) {
      p = (async () => {
        const up = path.includes('/') ? await this.ensureDir(path.slice(0, path.lastIndexOf('/'))) : undefined;
        if (up) return up;
        const abs = join(this.root, path);
        const st = await lstat(abs).catch(() => undefined);
        if (st?.isSymbolicLink()) return 'parent-is-symlink';
        if (st && !st.isDirectory()) return 'parent-not-a-directory';
        if (!st) {
          // A directory the snapshot knows gets its own mode at the end; any other the usual one.
          await mkdir(abs, this.dirEntries.has(path) ? { mode: 0o700 } : {});
          this.created.set(path, this.dirEntries.get(path));
        }
        return undefined;
      })();
      this.parents.set(path, p);
    }
    return p;
  }

  private async restoreLeaf(leaf: Leaf): Promise<void> {
    const e = leaf.e;
    const snapshotShape: Shape = { type: leaf.kind === 'tracked' ? (e as TrackedEntry).gitMode === '120000' ? 'symlink' : 'file' : (e as ManifestEntry).type, size: e.size, mtimeMs: e.mtimeMs };
    const parent = e.path.includes('/') ? await this.ensureDir(e.path.slice(0, e.path.lastIndexOf('/'))) : undefined;
    if (parent) {
      this.report.conflicts.push({ path: e.path, reason: parent, snapshot: snapshotShape });
      return;
    }
    const abs = join(this.root, e.path);
    const st = await lstat(abs).catch(() => undefined);
    if (st) {
      if (st.isDirectory() || (!st.isFile() && !st.isSymbolicLink())) {
        this.report.conflicts.push({ path: e.path, reason: 'not-a-file', existing: shapeOf(st), snapshot: snapshotShape });
        return;
      }
      if (await this.holds(leaf, abs, st)) {
        if ((st.mode & 0o7777) !== e.mode && st.isFile()) {
          await chmod(abs, e.mode);
          this.report.restored.push(e.path);
        } else this.report.skippedIdentical.push(e.path);
        return;
      }
      // What the command itself left there is not a newer edit: replace it without asking.
      const commandsOwn = await matchesAfter(e.after, abs, st);
      if (!commandsOwn && this.policy !== 'always' && !(this.policy === 'older' && st.mtimeMs < e.mtimeMs)) {
        this.report.conflicts.push({ path: e.path, reason: this.policy === 'older' ? 'newer' : 'differs', existing: shapeOf(st), snapshot: snapshotShape });
        return;
      }
    }
    if (await this.write(leaf, abs)) this.report.restored.push(e.path);
  }

  /** True when the path already holds exactly the snapshot's content. */
  private async holds(leaf: Leaf, abs: string, st: Stats): Promise<boolean> {
    if (leaf.kind === 'tracked') {
      const content = st.isSymbolicLink() ? Buffer.from(await readlink(abs)) : await readFile(abs);
      return (st.isSymbolicLink() === (leaf.e.gitMode === '120000')) && blobId(content, leaf.e.oid.length) === leaf.e.oid;
    }
    const e = leaf.e;
    if (e.type === 'symlink') return st.isSymbolicLink() && (await readlink(abs)) === e.link;
    return st.isFile() && st.size === e.size && (await sha256File(abs, st.size)) === e.sha256;
  }

  /** Writes beside the destination, checks, then renames over it: a reader never sees half a file. */
  private async write(leaf: Leaf, abs: string): Promise<boolean> {
    const tmp = join(dirname(abs), `.${basename(abs)}.airlock-restore-${randomBytes(4).toString('hex')}`);
    const e = leaf.e;
    try {
      if (leaf.kind === 'tracked') {
        const cwd = join(this.m.workspaceRoot, leaf.e.repo);
        const content = await blobContent(cwd, leaf.e.repoPath, leaf.e.oid, leaf.e.gitMode, this.o.gitTimeoutMs ?? 10_000);
        if (!content) {
          this.report.errors.push({ path: e.path, reason: `git no longer has ${leaf.e.oid.slice(0, 12)}` });
          return false;
        }
        if (leaf.e.gitMode === '120000') await symlink(content.toString('utf8'), tmp);
        else await writeFile(tmp, content, { mode: 0o600 });
      } else if (leaf.e.type === 'symlink') {
        await symlink(leaf.e.link!, tmp);
      } else {
        await copyFile(join(this.dir, leaf.e.stored!), tmp, constants.COPYFILE_FICLONE);
        if ((await sha256File(tmp, leaf.e.size)) !== leaf.e.sha256) {
          this.report.errors.push({ path: e.path, reason: 'the snapshot copy is damaged (its sha256 does not match)' });
          await rm(tmp, { force: true });
          return false;
        }
      }
      const link = leaf.kind === 'tracked' ? leaf.e.gitMode === '120000' : leaf.e.type === 'symlink';
      if (!link) {
        await chmod(tmp, e.mode);
        await utimes(tmp, Date.now() / 1000, e.mtimeMs / 1000);
      }
      await rename(tmp, abs);
      if (link) await lutimes(abs, Date.now() / 1000, e.mtimeMs / 1000).catch(() => undefined);
      return true;
    } catch (err) {
      await rm(tmp, { force: true }).catch(() => undefined);
      throw err;
    }
  }
}

/** Whether the path holds what the command left there (so replacing it loses nothing newer). */
async function matchesAfter(after: After, abs: string, st: Stats): Promise<boolean> {
  switch (after.kind) {
    case 'absent': case 'unknown': return false;
    case 'sha256': return st.isSymbolicLink() ? sha256Text(await readlink(abs)) === after.sha256 : (await sha256File(abs, st.size)) === after.sha256;
    case 'git-blob': {
      const content = st.isSymbolicLink() ? Buffer.from(await readlink(abs)) : await readFile(abs);
      return blobId(content, after.oid.length) === after.oid;
    }
  }
}
