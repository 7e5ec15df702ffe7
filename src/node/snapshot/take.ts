// take: copies what a command would lose into the store, within the budget, and publishes the
// snapshot atomically. Files are copied with copy-on-write where the filesystem offers it
// (COPYFILE_FICLONE, falling back to a plain copy), made owner-only and hashed from the copy.
import { constants } from 'node:fs';
import { chmod, copyFile, lstat, mkdir, open, readlink, rename, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { redact } from '../../core/redact.js';
import {
  FILES_DIR, MANIFEST_FILE, MANIFEST_VERSION, snapshotId,
  type After, type Manifest, type ManifestEntry, type NotSnapshottedEntry, type StoppedBy, type TrackedEntry,
} from '../../core/snapshot/manifest.js';
import { hashFile, sha256File, sha256Text } from './hash.js';
import type { PlannedItem } from './inventory.js';
import { budgetOf, planSnapshot, type SnapshotBudget, type SnapshotPlan, type SnapshotRequest } from './plan.js';
import { ensureStore, TMP_PREFIX } from './store.js';

export interface TakeHooks {
  /** After each saved entry. Throwing aborts the take: tests simulate a crash with it. */
  readonly afterEntry?: (path: string, saved: number) => void | Promise<void>;
  /** After the manifest is on disk, before the snapshot is published by rename. */
  readonly beforePublish?: () => void | Promise<void>;
}

export interface TakeOptions {
  /** The per-workspace store (see snapshotStore). */
  readonly store: string;
  readonly budget?: Partial<SnapshotBudget>;
  readonly hooks?: TakeHooks;
  /** Files copied at once. */
  readonly concurrency?: number;
}

export type TakeResult =
  /** Published. `incomplete`: stopped by the budget (manifest.stoppedBy) or a file could not be read; what was saved can still be restored. */
  | { readonly status: 'complete' | 'incomplete'; readonly id: string; readonly dir: string; readonly manifest: Manifest; readonly plan: SnapshotPlan }
  /** Nothing written: the plan is over the budget, or nothing in the workspace would be lost. */
  | { readonly status: 'over-budget' | 'nothing-to-save'; readonly plan: SnapshotPlan }
  /** Nothing published: the temporary directory was removed. */
  | { readonly status: 'failed'; readonly error: string; readonly plan?: SnapshotPlan };

type Saved = { readonly entry: ManifestEntry } | { readonly tracked: TrackedEntry } | { readonly skipped: NotSnapshottedEntry };

export async function takeSnapshot(req: SnapshotRequest, options: TakeOptions): Promise<TakeResult> {
  const startedAt = Date.now();
  const budget = budgetOf(options.budget);
  let plan: SnapshotPlan | undefined;
  let tmp: string | undefined;
  try {
    plan = await planSnapshot(req, budget, startedAt);
    if (!plan.withinBudget) return { status: 'over-budget', plan };
    if (!plan.items.length) return { status: 'nothing-to-save', plan };
    const id = snapshotId(new Date(startedAt), randomBytes(4).toString('hex'));
    await ensureStore(options.store);
    tmp = join(options.store, TMP_PREFIX + id);
    await mkdir(join(tmp, FILES_DIR), { recursive: true, mode: 0o700 });
    const copied = await copyAll(plan, tmp, budget, startedAt + budget.maxMs, options);
    const manifest = buildManifest(id, req, plan, copied, budget, startedAt);
    await writePrivate(join(tmp, MANIFEST_FILE), JSON.stringify(manifest));
    await options.hooks?.beforePublish?.();
    const dir = join(options.store, id);
    await rename(tmp, dir);
    tmp = undefined;
    await syncDir(options.store);
    return { status: manifest.complete ? 'complete' : 'incomplete', id, dir, manifest, plan };
  } catch (e) {
    if (tmp) await rm(tmp, { recursive: true, force: true }).catch(() => undefined);
    return { status: 'failed', error: (e as Error).message, plan };
  }
}

interface Copied {
  readonly saved: readonly (Saved | undefined)[];
  readonly stoppedBy?: StoppedBy;
}

async function copyAll(plan: SnapshotPlan, tmp: string, budget: SnapshotBudget, deadline: number, options: TakeOptions): Promise<Copied> {
  const items = plan.items;
  const saved: (Saved | undefined)[] = new Array(items.length);
  let next = 0, done = 0, reserved = 0;
  let stoppedBy: StoppedBy | undefined;
  let failure: unknown;
  const worker = async () => {
    while (!stoppedBy && failure === undefined && next < items.length) {
      const i = next++;
      const item = items[i]!;
      if (Date.now() > deadline) { stoppedBy = 'time'; break; }
      const copies = item.type === 'file' && !item.git;
      if (copies && reserved + item.size > budget.maxBytes) { stoppedBy = 'size'; break; }
      if (copies) reserved += item.size;
      try {
        saved[i] = await saveItem(item, i, tmp);
        const s = saved[i];
        if (s && 'entry' in s && s.entry.type === 'file') reserved += s.entry.size - item.size; // it may have grown since the plan
        await options.hooks?.afterEntry?.(item.rel, ++done);
      } catch (e) {
        failure = e;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 8) }, worker));
  if (failure !== undefined) throw failure;
  return { saved, stoppedBy };
}

const code = (e: unknown): string | undefined => (e as NodeJS.ErrnoException).code;

async function saveItem(item: PlannedItem, index: number, tmp: string): Promise<Saved | undefined> {
  const st = await lstat(item.abs).catch((e) => (code(e) === 'ENOENT' ? undefined : Promise.reject(e)));
  if (!st) return undefined; // gone since the plan: nothing left to lose
  const after = await resolveAfter(item);
  const base = { path: item.rel, size: st.size, mode: st.mode & 0o7777, mtimeMs: st.mtimeMs, after };
  if (item.git) {
    // Where git runs at restore, relative to the workspace: the repository's top when it lies inside.
    const { repoPath } = item.git;
    const repo = item.rel.endsWith(`/${repoPath}`) ? item.rel.slice(0, -(repoPath.length + 1)) : '';
    return { tracked: { ...base, repo, repoPath: item.git.repoPath, oid: item.git.oid, gitMode: item.git.gitMode } };
  }
  if (st.isDirectory() && item.type === 'dir') return { entry: { ...base, type: 'dir', size: 0 } };
  if (st.isSymbolicLink() && item.type === 'symlink') {
    const link = await readlink(item.abs);
    return { entry: { ...base, type: 'symlink', link, sha256: sha256Text(link) } };
  }
  if (!st.isFile() || item.type !== 'file') return { skipped: { what: item.rel, reason: 'not snapshotted: changed type since it was listed' } };
  const stored = String(index).padStart(6, '0');
  const dest = join(tmp, FILES_DIR, stored);
  try {
    await copyFile(item.abs, dest, constants.COPYFILE_FICLONE);
  } catch (e) {
    if (code(e) === 'ENOENT') return undefined;
    if (code(e) === 'EACCES' || code(e) === 'EPERM') return { skipped: { what: item.rel, reason: 'not snapshotted: the file cannot be read' } };
    throw e;
  }
  await chmod(dest, 0o600);
  const copy = await hashFile(dest, st.size);
  return { entry: { ...base, type: 'file', size: copy.size, sha256: copy.sha256, stored: `${FILES_DIR}/${stored}` } };
}

async function resolveAfter(item: PlannedItem): Promise<After> {
  if (item.after.kind !== 'source') return item.after;
  const sha256 = await sha256File(item.after.abs).catch(() => undefined);
  return sha256 ? { kind: 'sha256', sha256 } : { kind: 'unknown' };
}

function buildManifest(id: string, req: SnapshotRequest, plan: SnapshotPlan, copied: Copied, budget: SnapshotBudget, startedAt: number): Manifest {
  const elapsedMs = Date.now() - startedAt;
  const entries: ManifestEntry[] = [];
  const tracked: TrackedEntry[] = [];
  const notSnapshotted: NotSnapshottedEntry[] = [...plan.notSnapshotted];
  for (const s of copied.saved) {
    if (!s) continue;
    if ('entry' in s) entries.push(s.entry);
    else if ('tracked' in s) tracked.push(s.tracked);
    else notSnapshotted.push(s.skipped);
  }
  const unreadable = notSnapshotted.length > plan.notSnapshotted.length;
  const files = entries.filter((e) => e.type === 'file');
  return {
    version: MANIFEST_VERSION, id, createdAt: new Date(startedAt).toISOString(), workspaceRoot: plan.workspaceRoot,
    command: req.label ?? redact(req.command),
    complete: !copied.stoppedBy && !unreadable, ...(copied.stoppedBy ? { stoppedBy: copied.stoppedBy } : {}),
    entries, tracked, notSnapshotted,
    totals: {
      files: files.length, dirs: entries.filter((e) => e.type === 'dir').length, symlinks: entries.filter((e) => e.type === 'symlink').length,
      bytes: files.reduce((n, e) => n + e.size, 0), tracked: tracked.length, elapsedMs,
    },
    budget,
  };
}

/** Writes a new owner-only file and flushes it, so the rename that publishes it never exposes a torn manifest. */
async function writePrivate(path: string, text: string): Promise<void> {
  const fh = await open(path, 'wx', 0o600);
  try {
    await fh.writeFile(text);
    await fh.sync();
  } finally {
    await fh.close();
  }
}

async function syncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r').catch(() => undefined);
  if (!fh) return;
  await fh.sync().catch(() => undefined);
  await fh.close();
}
