// Where snapshots live: `<stateDir>/snapshots/<workspace hash>/<snapshot id>/` (owner-only),
// outside the workspace and out of git's reach. A snapshot being written is `.tmp-<id>` and only
// becomes `<id>` by one rename once its manifest is on disk, so a crash never leaves a listed one.
import { createHash } from 'node:crypto';
import { chmod, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { isSnapshotId, MANIFEST_FILE, parseManifest, type Manifest, type StoppedBy } from '../../core/snapshot/manifest.js';

export const TMP_PREFIX = '.tmp-';

/** The per-workspace store inside the extension's per-user state directory. */
export function snapshotStore(stateDir: string, workspaceRoot: string): string {
  const hash = createHash('sha256').update(resolve(workspaceRoot)).digest('hex').slice(0, 16);
  return join(stateDir, 'snapshots', hash);
}

/** Creates the store (and its parents) owner-only. */
export async function ensureStore(store: string): Promise<void> {
  await mkdir(store, { recursive: true, mode: 0o700 });
  await chmod(store, 0o700);
}

export async function readManifest(store: string, id: string): Promise<Manifest | undefined> {
  if (!isSnapshotId(id)) return undefined;
  try {
    const m = parseManifest(JSON.parse(await readFile(join(store, id, MANIFEST_FILE), 'utf8')));
    return m && m.id === id ? m : undefined;
  } catch {
    return undefined;
  }
}

export interface SnapshotSummary {
  readonly id: string;
  readonly dir: string;
  /** Undefined when the manifest is missing or unreadable (such a snapshot cannot be restored). */
  readonly manifest?: Manifest;
  readonly createdAt?: string;
  readonly command?: string;
  readonly complete: boolean;
  readonly stoppedBy?: StoppedBy;
  readonly files: number;
  readonly bytes: number;
}

/** The finished snapshots of a store, newest first (temporary directories of takes in progress are not listed). */
export async function listSnapshots(store: string): Promise<SnapshotSummary[]> {
  const names = await readdir(store).catch(() => [] as string[]);
  const out: SnapshotSummary[] = [];
  for (const id of names.filter(isSnapshotId)) {
    const manifest = await readManifest(store, id);
    out.push({
      id, dir: join(store, id), manifest, createdAt: manifest?.createdAt, command: manifest?.command,
      complete: manifest?.complete ?? false, stoppedBy: manifest?.stoppedBy,
      files: manifest?.totals.files ?? 0, bytes: manifest?.totals.bytes ?? 0,
    });
  }
  return out.sort((a, b) => (a.id < b.id ? 1 : -1));
}

export async function deleteSnapshot(store: string, id: string): Promise<void> {
  if (!isSnapshotId(id) && !(id.startsWith(TMP_PREFIX) && isSnapshotId(id.slice(TMP_PREFIX.length)))) throw new Error(`not a snapshot id: ${id}`);
  await rm(join(store, id), { recursive: true, force: true });
}
