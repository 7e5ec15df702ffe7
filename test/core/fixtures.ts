// Fixture builders for core tests: a parser loaded once, contexts built from small overrides.
import { assess } from '../../src/core/assess.js';
import type { FsProbe, ProbeEntry } from '../../src/core/blast-radius.js';
import { makeContext, type AssessContext } from '../../src/core/context.js';
import type { Assessment } from '../../src/core/model.js';
import type { ShellParser } from '../../src/core/shell/parser.js';
import { loadShellParser } from '../../src/node/parser-loader.js';

export const WORKSPACE = '/home/dev/project';
export const HOME = '/home/dev';

let parser: ShellParser | undefined;
export async function getParser(): Promise<ShellParser> {
  parser ??= await loadShellParser(process.cwd());
  return parser;
}

export function context(overrides: Partial<AssessContext> = {}): AssessContext {
  return makeContext({ cwd: WORKSPACE, workspaceRoots: [WORKSPACE], home: HOME, gitBranch: 'feature/x', ...overrides });
}

export async function assessCommand(command: string, overrides: Partial<AssessContext> = {}, probe?: FsProbe): Promise<Assessment> {
  return assess(command, context(overrides), { parser: await getParser(), probe });
}

/** An in-memory filesystem probe: `files` maps absolute paths to sizes; `tracked` lists git-tracked files. */
export function memoryProbe(files: Record<string, number>, tracked: readonly string[] = [], clock?: () => number): FsProbe {
  const dirs = new Set<string>();
  for (const f of Object.keys(files)) {
    let d = f;
    while ((d = d.slice(0, d.lastIndexOf('/'))) && d.length > 0) dirs.add(d);
  }
  const trackedSet = new Set(tracked);
  return {
    stat(p): ProbeEntry | undefined {
      if (p in files) return { type: 'file', size: files[p]! };
      if (dirs.has(p)) return { type: 'dir', size: 0 };
      return undefined;
    },
    list(dir) {
      const prefix = dir.endsWith('/') ? dir : dir + '/';
      const names = new Set<string>();
      for (const p of [...Object.keys(files), ...dirs]) if (p.startsWith(prefix)) names.add(p.slice(prefix.length).split('/')[0]!);
      return [...names];
    },
    tracked: () => trackedSet,
    now: clock ?? (() => 0),
  };
}

/** A memory probe whose files also have contents: `texts` maps absolute paths to what `readText` returns. */
export function textProbe(texts: Record<string, string>): FsProbe {
  const base = memoryProbe(Object.fromEntries(Object.entries(texts).map(([p, t]) => [p, t.length])));
  return { ...base, readText: (p, maxBytes) => (p in texts && texts[p]!.length <= maxBytes ? texts[p] : undefined) };
}

/** Compact row format for table-driven rule tests. */
export interface Case {
  readonly command: string;
  /** Expected overall risk, or a minimum with a trailing "+" ("high+" means high or critical). */
  readonly risk: string;
  /** Rule ids that must fire (prefix match allowed with a trailing "*"). */
  readonly rules?: readonly string[];
  readonly tags?: readonly string[];
  readonly context?: Partial<AssessContext>;
}
