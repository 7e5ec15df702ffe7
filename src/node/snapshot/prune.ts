// prune: retention for a store. Deletes snapshots past their age, then the oldest until the store
// fits its size, never one named in `keep` and never one being written (those are `.tmp-` until
// published); temporary directories left by a crash are removed once they are clearly stale.
import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { idTime, isSnapshotId } from '../../core/snapshot/manifest.js';
import { expiredSnapshots, type RetentionPolicy } from '../../core/snapshot/retention.js';
import { deleteSnapshot, listSnapshots, TMP_PREFIX } from './store.js';

/** A take is bounded by its time budget (seconds); a temporary directory this old belongs to a crashed one. */
export const STALE_TMP_MS = 60 * 60 * 1000;

export interface PruneOptions extends RetentionPolicy {
  /** Snapshot ids that must survive (one being restored or shown). */
  readonly keep?: readonly string[];
  readonly nowMs?: number;
}

export interface PruneResult {
  /** Oldest first. */
  readonly deleted: readonly string[];
  readonly freedBytes: number;
  readonly remaining: number;
  /** Temporary directories of crashed takes that were removed. */
  readonly staleRemoved: readonly string[];
}

/** Bytes under a directory, for snapshots whose manifest cannot say. */
async function diskBytes(dir: string): Promise<number> {
  let total = 0;
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const n of names) {
    const st = await lstat(join(dir, n)).catch(() => undefined);
    if (st?.isDirectory()) total += await diskBytes(join(dir, n));
    else if (st) total += st.size;
  }
  return total;
}

export async function pruneSnapshots(store: string, options: PruneOptions): Promise<PruneResult> {
  const now = options.nowMs ?? Date.now();
  const snapshots = await listSnapshots(store);
  const sized = await Promise.all(snapshots.map(async (s) => ({
    id: s.id,
    createdAtMs: s.manifest ? Date.parse(s.manifest.createdAt) || idTime(s.id) : idTime(s.id),
    bytes: s.manifest ? s.manifest.totals.bytes : await diskBytes(s.dir),
  })));
  const doomed = expiredSnapshots(sized, options, now, new Set(options.keep ?? []));
  for (const id of doomed) await deleteSnapshot(store, id);
  const staleRemoved: string[] = [];
  for (const name of await readdir(store).catch(() => [] as string[])) {
    const id = name.slice(TMP_PREFIX.length);
    if (name.startsWith(TMP_PREFIX) && isSnapshotId(id) && now - idTime(id) > STALE_TMP_MS) {
      await deleteSnapshot(store, name);
      staleRemoved.push(name);
    }
  }
  const freedBytes = sized.filter((s) => doomed.includes(s.id)).reduce((n, s) => n + s.bytes, 0);
  return { deleted: doomed, freedBytes, remaining: snapshots.length - doomed.length, staleRemoved };
}
