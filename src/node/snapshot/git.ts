// The git questions a snapshot asks: where a repository's top is, which files are tracked and
// unmodified (git can give them back), what `git clean -n` would remove, which blob a checkout
// would write, and a blob's content for a restore. Always with C-locale messages, no optional
// locks (a snapshot must not fight the user's own git) and literal pathspecs unless told otherwise.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';

const MAX_BUFFER = 512 * 1024 * 1024;
/** Pathspecs per git call: keeps argument lists far below the system limit. */
const CHUNK = 500;

export interface GitRun {
  readonly cwd: string;
  readonly args: readonly string[];
  readonly timeoutMs: number;
  /** Interpret pathspecs as literal paths (no globs, no magic): true for paths we listed ourselves. */
  readonly literal?: boolean;
}

/** stdout of a git command, or undefined when git failed, timed out or is missing. */
export function runGit(run: GitRun): Promise<Buffer | undefined> {
  const env: NodeJS.ProcessEnv = {
    ...process.env, LC_ALL: 'C', LANGUAGE: 'C', GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0',
    GIT_DIR: undefined, GIT_WORK_TREE: undefined, GIT_INDEX_FILE: undefined,
    GIT_LITERAL_PATHSPECS: run.literal ? '1' : undefined,
  };
  const args = ['-c', 'core.quotePath=false', ...run.args];
  return new Promise((resolve) => {
    execFile('git', args, { cwd: run.cwd, env, encoding: 'buffer', maxBuffer: MAX_BUFFER, timeout: Math.max(1, run.timeoutMs), windowsHide: true }, (err, stdout) => {
      resolve(err ? undefined : stdout);
    });
  });
}

const nulFields = (b: Buffer): string[] => b.toString('utf8').split('\0').filter(Boolean);

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out.length ? out : [[]];
}

export async function repoTop(dir: string, timeoutMs: number): Promise<string | undefined> {
  const out = await runGit({ cwd: dir, args: ['rev-parse', '--show-toplevel'], timeoutMs });
  const top = out?.toString('utf8').replace(/\n$/, '');
  return top || undefined;
}

export interface IndexEntry {
  readonly oid: string;
  readonly gitMode: string;
}

/** Stage-0 index entries under the pathspecs (repository-relative paths). Unmerged paths are left out. */
export async function indexEntries(top: string, pathspecs: readonly string[], timeoutMs: number): Promise<Map<string, IndexEntry> | undefined> {
  const out = new Map<string, IndexEntry>();
  for (const part of chunks(pathspecs)) {
    const buf = await runGit({ cwd: top, args: ['ls-files', '-s', '-z', '--full-name', '--', ...part], timeoutMs, literal: true });
    if (!buf) return undefined;
    for (const rec of nulFields(buf)) {
      const m = /^(\d{6}) ([0-9a-f]{40,64}) (\d)\t([\s\S]+)$/.exec(rec);
      if (m && m[3] === '0') out.set(m[4]!, { oid: m[2]!, gitMode: m[1]! });
    }
  }
  return out;
}

/** Blob ids of the paths in a tree-ish (commit, branch, HEAD); paths missing there are absent from the map. */
export async function treeEntries(top: string, treeish: string, paths: readonly string[], timeoutMs: number): Promise<Map<string, string> | undefined> {
  const out = new Map<string, string>();
  if (!paths.length) return out;
  for (const part of chunks(paths)) {
    const buf = await runGit({ cwd: top, args: ['ls-tree', '-r', '-z', '--full-tree', treeish, '--', ...part], timeoutMs, literal: true });
    if (!buf) return undefined;
    for (const rec of nulFields(buf)) {
      const m = /^\d{6} blob ([0-9a-f]{40,64})\t([\s\S]+)$/.exec(rec);
      if (m) out.set(m[2]!, m[1]!);
    }
  }
  return out;
}

export interface StatusEntry {
  /** Index (X) and working-tree (Y) status letters, as in `git status --porcelain=v1`. */
  readonly x: string;
  readonly y: string;
  readonly path: string;
}

/**
 * Tracked paths with any uncommitted change (repository-relative). `literal` is false for the
 * user's own pathspecs (`'*.txt'`, `:/`), which git must interpret as the command would.
 */
export async function changedTracked(cwd: string, pathspecs: readonly string[], timeoutMs: number, literal: boolean): Promise<StatusEntry[] | undefined> {
  const out: StatusEntry[] = [];
  for (const part of chunks(pathspecs)) {
    const buf = await runGit({ cwd, args: ['status', '--porcelain=v1', '-z', '--untracked-files=no', '--ignore-submodules=all', '--', ...part], timeoutMs, literal });
    if (!buf) return undefined;
    const fields = nulFields(buf);
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i]!;
      const x = f[0]!, y = f[1]!;
      out.push({ x, y, path: f.slice(3) });
      if (x === 'R' || x === 'C') i++; // the next field is the rename's origin
    }
  }
  return out;
}

/** What `git clean` would remove, relative to `cwd` (directories end in '/'), from its own dry run. */
export async function cleanDryRun(cwd: string, args: readonly string[], timeoutMs: number): Promise<string[] | undefined> {
  const buf = await runGit({ cwd, args: ['clean', ...args], timeoutMs });
  if (!buf) return undefined;
  const out: string[] = [];
  for (const line of buf.toString('utf8').split('\n')) {
    if (line.startsWith('Would remove ')) out.push(unquoteGitPath(line.slice('Would remove '.length)));
  }
  return out;
}

/** The blob's content as a checkout would write it (working-tree filters applied for regular files). */
export async function blobContent(cwd: string, repoPath: string, oid: string, gitMode: string, timeoutMs: number): Promise<Buffer | undefined> {
  const args = gitMode === '120000' ? ['cat-file', 'blob', oid] : ['cat-file', '--filters', `--path=${repoPath}`, oid];
  return runGit({ cwd, args, timeoutMs });
}

/** git's object id for a blob with this content (SHA-1, or SHA-256 when the repository uses 64-hex ids). */
export function blobId(content: Buffer, oidLength: number): string {
  const h = createHash(oidLength === 64 ? 'sha256' : 'sha1');
  h.update(`blob ${content.length}\0`);
  h.update(content);
  return h.digest('hex');
}

const ESCAPES: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };

/** Undoes git's C-style quoting of a path ("a\tb", "\303\274"); unquoted paths come back as they are. */
export function unquoteGitPath(s: string): string {
  if (!(s.length >= 2 && s.startsWith('"') && s.endsWith('"'))) return s;
  const bytes: number[] = [];
  const chars = Array.from(s.slice(1, -1)); // code points: unquoted non-ASCII stays as it is
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c !== '\\') {
      bytes.push(...Buffer.from(c, 'utf8'));
      continue;
    }
    const next = chars[++i] ?? '';
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(chars.slice(i, i + 3).join(''), 8));
      i += 2;
    } else bytes.push(ESCAPES[next] ?? next.charCodeAt(0));
  }
  return Buffer.from(bytes).toString('utf8');
}
