// The snapshot manifest: what was saved before a destructive command ran, and how to put it back.
// Written as manifest.json next to the copied files; read back through parseManifest, which
// checks every field (the store is outside the workspace, but a manifest is still input).

export const MANIFEST_VERSION = 1;
export const MANIFEST_FILE = 'manifest.json';
/** Copied file contents live in this sub-directory of a snapshot, one file per entry. */
export const FILES_DIR = 'files';

/**
 * What the command leaves at a path, so a restore can tell the command's own result (safe to
 * replace) from someone's later edit (a conflict): gone, a known content, a git blob, or unknown.
 */
export type After =
  | { readonly kind: 'absent' }
  | { readonly kind: 'sha256'; readonly sha256: string }
  | { readonly kind: 'git-blob'; readonly oid: string }
  | { readonly kind: 'unknown' };

export interface ManifestEntry {
  /** Relative to the workspace root, '/'-separated, never '..' or absolute. */
  readonly path: string;
  readonly type: 'file' | 'dir' | 'symlink';
  readonly size: number;
  /** Permission bits (st_mode & 0o7777). */
  readonly mode: number;
  readonly mtimeMs: number;
  /** Files: of the content; symlinks: of the link text. */
  readonly sha256?: string;
  /** Symlinks: the link text, recorded as is and never followed. */
  readonly link?: string;
  /** Files: the copy's name inside the snapshot's files/ directory. */
  readonly stored?: string;
  readonly after: After;
}

/** A tracked file with no uncommitted change: not copied, git still has it. */
export interface TrackedEntry {
  readonly path: string;
  /** The repository's top level, relative to the workspace root ('' for the root itself). */
  readonly repo: string;
  /** The path inside that repository. */
  readonly repoPath: string;
  readonly oid: string;
  /** git's mode: 100644, 100755 or 120000. */
  readonly gitMode: string;
  readonly size: number;
  readonly mode: number;
  readonly mtimeMs: number;
  readonly after: After;
}

export interface NotSnapshottedEntry {
  readonly what: string;
  readonly reason: string;
}

export type StoppedBy = 'size' | 'time';

export interface Manifest {
  readonly version: typeof MANIFEST_VERSION;
  readonly id: string;
  readonly createdAt: string;
  readonly workspaceRoot: string;
  /** The command as the caller gave it for the record (the caller redacts). */
  readonly command: string;
  /** True only when every entry was saved; a snapshot stopped by its budget says why. */
  readonly complete: boolean;
  readonly stoppedBy?: StoppedBy;
  readonly entries: readonly ManifestEntry[];
  /** Files left to git on purpose: tracked, unmodified, and the repository is not part of the loss. */
  readonly tracked: readonly TrackedEntry[];
  readonly notSnapshotted: readonly NotSnapshottedEntry[];
  readonly totals: { readonly files: number; readonly dirs: number; readonly symlinks: number; readonly bytes: number; readonly tracked: number; readonly elapsedMs: number };
  readonly budget: { readonly maxBytes: number; readonly maxMs: number };
}

const SNAPSHOT_ID = /^\d{8}T\d{9}Z-[0-9a-f]{8}$/;
export const isSnapshotId = (id: string): boolean => SNAPSHOT_ID.test(id);

/** A new id: sortable by time, unique by its random tail (`20260512T101500123Z-1a2b3c4d`). */
export function snapshotId(now: Date, randomHex: string): string {
  return `${now.toISOString().replace(/[-:.]/g, '')}-${randomHex.slice(0, 8)}`;
}

/** The time an id was made, for stores whose manifest is unreadable. */
export function idTime(id: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z/.exec(id);
  return m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!, +m[7]!) : 0;
}

/** A relative path that stays inside the directory it is joined to. */
export function isSafeRelative(p: string): boolean {
  return p.length > 0 && !p.startsWith('/') && !p.includes('\0') && p.split('/').every((s) => s !== '' && s !== '.' && s !== '..');
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): v is string => typeof v === 'string';
const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const hex = (v: unknown, len: number[]): v is string => str(v) && len.includes(v.length) && /^[0-9a-f]+$/.test(v);

function parseAfter(v: unknown): After | undefined {
  if (!isObj(v)) return undefined;
  switch (v.kind) {
    case 'absent': return { kind: 'absent' };
    case 'unknown': return { kind: 'unknown' };
    case 'sha256': return hex(v.sha256, [64]) ? { kind: 'sha256', sha256: v.sha256 } : undefined;
    case 'git-blob': return hex(v.oid, [40, 64]) ? { kind: 'git-blob', oid: v.oid } : undefined;
    default: return undefined;
  }
}

function parseEntry(v: unknown): ManifestEntry | undefined {
  if (!isObj(v) || !str(v.path) || !isSafeRelative(v.path) || !num(v.size) || !num(v.mode) || !num(v.mtimeMs)) return undefined;
  const after = parseAfter(v.after);
  if (!after) return undefined;
  const base = { path: v.path, size: v.size, mode: v.mode, mtimeMs: v.mtimeMs, after };
  if (v.type === 'dir') return { ...base, type: 'dir' };
  if (v.type === 'symlink' && str(v.link) && hex(v.sha256, [64])) return { ...base, type: 'symlink', link: v.link, sha256: v.sha256 };
  if (v.type === 'file' && hex(v.sha256, [64]) && str(v.stored) && isSafeRelative(v.stored)) return { ...base, type: 'file', sha256: v.sha256, stored: v.stored };
  return undefined;
}

function parseTracked(v: unknown): TrackedEntry | undefined {
  if (!isObj(v) || !str(v.path) || !isSafeRelative(v.path) || !str(v.repo) || (v.repo !== '' && !isSafeRelative(v.repo))) return undefined;
  if (!str(v.repoPath) || !isSafeRelative(v.repoPath) || !hex(v.oid, [40, 64]) || !str(v.gitMode) || !/^1[02]0[0-7]{3}$/.test(v.gitMode)) return undefined;
  if (!num(v.size) || !num(v.mode) || !num(v.mtimeMs)) return undefined;
  const after = parseAfter(v.after);
  if (!after) return undefined;
  return { path: v.path, repo: v.repo, repoPath: v.repoPath, oid: v.oid, gitMode: v.gitMode, size: v.size, mode: v.mode, mtimeMs: v.mtimeMs, after };
}

function parseList<T>(v: unknown, item: (x: unknown) => T | undefined): T[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const out: T[] = [];
  for (const x of v) {
    const parsed = item(x);
    if (!parsed) return undefined;
    out.push(parsed);
  }
  return out;
}

/** The manifest, or undefined when anything in it is missing or malformed. */
export function parseManifest(value: unknown): Manifest | undefined {
  const v = value;
  if (!isObj(v) || v.version !== MANIFEST_VERSION || !str(v.id) || !isSnapshotId(v.id) || !str(v.createdAt) || !str(v.workspaceRoot) || !v.workspaceRoot.startsWith('/')) return undefined;
  if (!str(v.command) || typeof v.complete !== 'boolean' || (v.stoppedBy !== undefined && v.stoppedBy !== 'size' && v.stoppedBy !== 'time')) return undefined;
  const entries = parseList(v.entries, parseEntry);
  const tracked = parseList(v.tracked, parseTracked);
  const notSnapshotted = parseList(v.notSnapshotted, (x) => (isObj(x) && str(x.what) && str(x.reason) ? { what: x.what, reason: x.reason } : undefined));
  const t = v.totals;
  const b = v.budget;
  if (!entries || !tracked || !notSnapshotted || !isObj(t) || !isObj(b)) return undefined;
  if (!num(t.files) || !num(t.dirs) || !num(t.symlinks) || !num(t.bytes) || !num(t.tracked) || !num(t.elapsedMs) || !num(b.maxBytes) || !num(b.maxMs)) return undefined;
  return {
    version: MANIFEST_VERSION, id: v.id, createdAt: v.createdAt, workspaceRoot: v.workspaceRoot, command: v.command,
    complete: v.complete, ...(v.stoppedBy ? { stoppedBy: v.stoppedBy as StoppedBy } : {}),
    entries, tracked, notSnapshotted,
    totals: { files: t.files, dirs: t.dirs, symlinks: t.symlinks, bytes: t.bytes, tracked: t.tracked, elapsedMs: t.elapsedMs },
    budget: { maxBytes: b.maxBytes, maxMs: b.maxMs },
  };
}
