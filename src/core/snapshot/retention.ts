// Which snapshots retention removes: everything past its age, then the oldest until the store
// fits its size. Pure, so the choice is tested without a disk; src/node/snapshot/prune.ts deletes.

export interface RetainedSnapshot {
  readonly id: string;
  readonly createdAtMs: number;
  readonly bytes: number;
}

export interface RetentionPolicy {
  readonly maxAgeDays?: number;
  readonly maxTotalBytes?: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Ids to delete, oldest first. Ids in `keep` (a snapshot in use) are never chosen. */
export function expiredSnapshots(snapshots: readonly RetainedSnapshot[], policy: RetentionPolicy, nowMs: number, keep: ReadonlySet<string> = new Set()): string[] {
  const oldestFirst = [...snapshots].sort((a, b) => a.createdAtMs - b.createdAtMs || a.id.localeCompare(b.id));
  const doomed = new Set<string>();
  if (policy.maxAgeDays !== undefined) {
    const cutoff = nowMs - policy.maxAgeDays * DAY_MS;
    for (const s of oldestFirst) if (s.createdAtMs < cutoff && !keep.has(s.id)) doomed.add(s.id);
  }
  if (policy.maxTotalBytes !== undefined) {
    let total = oldestFirst.filter((s) => !doomed.has(s.id)).reduce((n, s) => n + s.bytes, 0);
    for (const s of oldestFirst) {
      if (total <= policy.maxTotalBytes) break;
      if (doomed.has(s.id) || keep.has(s.id)) continue;
      doomed.add(s.id);
      total -= s.bytes;
    }
  }
  return oldestFirst.filter((s) => doomed.has(s.id)).map((s) => s.id);
}
