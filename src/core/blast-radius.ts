// Measures what a deletion or overwrite would destroy, through a probe the adapter supplies:
// the real filesystem in the CLI and the extension, an in-memory tree in tests.
import type { BlastRadius } from './model.js';
import { isWithin } from './paths.js';

export interface ProbeEntry {
  readonly type: 'file' | 'dir' | 'symlink' | 'other';
  readonly size: number;
}

export interface FsProbe {
  /** lstat: never follows symlinks (rm doesn't either). */
  stat(path: string): ProbeEntry | undefined;
  list(dir: string): readonly string[];
  /** Paths under `dir` that git tracks (absolute), or undefined when `dir` is not in a repository. */
  tracked(dir: string): ReadonlySet<string> | undefined;
  /** Expands an absolute path whose last segments hold a glob (`/w/*.log`); undefined when unsupported. */
  glob?(pattern: string): readonly string[] | undefined;
  /** A small regular file's text (scripts, package.json, Makefile); undefined when missing, larger than `maxBytes` or unreadable. */
  readText?(path: string, maxBytes: number): string | undefined;
  now(): number;
}

export const DEFAULT_BUDGET_MS = 50;
const MAX_LISTED_PATHS = 20;

export function measureBlastRadius(paths: readonly string[], probe: FsProbe, workspaceRoots: readonly string[], budgetMs = DEFAULT_BUDGET_MS): BlastRadius {
  const deadline = probe.now() + budgetMs;
  let files = 0, bytes = 0, tracked = 0, untracked = 0, outside = 0;
  let truncated = false;
  const listed: string[] = [];
  const trackedCache = new Map<string, ReadonlySet<string> | undefined>();

  const trackedFor = (root: string): ReadonlySet<string> | undefined => {
    if (!trackedCache.has(root)) trackedCache.set(root, probe.tracked(root));
    return trackedCache.get(root);
  };

  const roots = paths.flatMap((p) => (/[*?[]/.test(p) ? probe.glob?.(p) ?? [] : [p]));
  for (const root of roots) {
    const top = probe.stat(root);
    if (!top) continue;
    if (listed.length < MAX_LISTED_PATHS) listed.push(root);
    const trackedSet = trackedFor(root);
    const stack: string[] = [root];
    while (stack.length) {
      if (probe.now() > deadline) {
        truncated = true;
        break;
      }
      const p = stack.pop()!;
      const entry = p === root ? top : probe.stat(p);
      if (!entry) continue;
      if (entry.type === 'dir') {
        for (const name of probe.list(p)) stack.push(p.endsWith('/') ? p + name : `${p}/${name}`);
        continue;
      }
      files++;
      bytes += entry.size;
      if (trackedSet?.has(p)) tracked++;
      else untracked++;
      if (!workspaceRoots.some((w) => isWithin(p, w))) outside++;
    }
    if (truncated) break;
  }
  return { files, bytes, tracked, untracked, outsideWorkspace: outside, truncated, paths: listed };
}

export function describeBlastRadius(b: BlastRadius): string {
  const n = (x: number) => (b.truncated ? `at least ${x}` : `${x}`);
  const parts = [`${n(b.files)} file${b.files === 1 ? '' : 's'} (${formatBytes(b.bytes)})`];
  if (b.files) parts.push(`${b.tracked} tracked by git, ${b.untracked} untracked or ignored (lost for good)`);
  if (b.outsideWorkspace) parts.push(`${b.outsideWorkspace} outside the workspace`);
  return parts.join('; ');
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024, i = 0;
  while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}
