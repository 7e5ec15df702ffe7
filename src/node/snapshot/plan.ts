// plan: what a command would lose, measured (file count, bytes) without copying anything, and
// whether a snapshot of it fits the budget — cheap enough to show in the panel before the human decides.
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { makeContext } from '../../core/context.js';
import type { ShellParser } from '../../core/shell/parser.js';
import { describeSnapshotPlan } from '../../core/snapshot/summary.js';
import { lossTargets, type NotSnapshotted } from '../../core/snapshot/targets.js';
import { loadShellParser } from '../parser-loader.js';
import { inventory, type PlannedItem } from './inventory.js';

export interface SnapshotRequest {
  /** The command exactly as it will run: parsed here, never stored. */
  readonly command: string;
  /** The directory it runs in. */
  readonly cwd: string;
  /** The workspace folder: only paths inside it are snapshotted, and the manifest names files relative to it. */
  readonly workspaceRoot: string;
  readonly home?: string;
  /** The environment the command sees (for `$VAR` in paths); defaults to none. */
  readonly env?: Readonly<Record<string, string>>;
  /** The command as the manifest records it: the caller redacts. Defaults to the core's redaction of `command`. */
  readonly label?: string;
  /** Defaults to the bundled parser. */
  readonly parser?: ShellParser;
}

export interface SnapshotBudget {
  readonly maxBytes: number;
  readonly maxMs: number;
}

export const DEFAULT_SNAPSHOT_BUDGET: SnapshotBudget = { maxBytes: 200 * 1024 * 1024, maxMs: 5000 };

export interface SnapshotPlan {
  readonly workspaceRoot: string;
  /** Files that would be copied, and their bytes. */
  readonly files: number;
  readonly bytes: number;
  readonly dirs: number;
  readonly symlinks: number;
  /** Tracked files without uncommitted changes: recorded, left to git, not copied. */
  readonly tracked: number;
  readonly trackedBytes: number;
  readonly notSnapshotted: readonly NotSnapshotted[];
  readonly budget: SnapshotBudget;
  /** Why a snapshot would not fit: over the size limit, or listing alone ran out of time. */
  readonly exceeds: readonly ('size' | 'time')[];
  readonly withinBudget: boolean;
  /** Listing stopped at the time limit: the figures are lower bounds. */
  readonly truncated: boolean;
  readonly elapsedMs: number;
  /** One line for the panel. */
  readonly summary: string;
  readonly items: readonly PlannedItem[];
}

export function budgetOf(partial: Partial<SnapshotBudget> | undefined): SnapshotBudget {
  return { ...DEFAULT_SNAPSHOT_BUDGET, ...partial };
}

export async function planSnapshot(req: SnapshotRequest, budget?: Partial<SnapshotBudget>, startedAt = Date.now()): Promise<SnapshotPlan> {
  const b = budgetOf(budget);
  const root = resolve(req.workspaceRoot);
  const ctx = makeContext({ cwd: resolve(req.cwd), workspaceRoots: [root], home: req.home ?? homedir(), env: req.env ?? {} });
  const parser = req.parser ?? (await loadShellParser());
  const loss = lossTargets(req.command, ctx, parser);
  const inv = await inventory(loss, root, startedAt + b.maxMs);
  let files = 0, bytes = 0, dirs = 0, symlinks = 0, tracked = 0, trackedBytes = 0;
  for (const it of inv.items) {
    if (it.git) { tracked++; trackedBytes += it.size; } else if (it.type === 'file') { files++; bytes += it.size; } else if (it.type === 'dir') dirs++;
    else symlinks++;
  }
  const exceeds: ('size' | 'time')[] = [];
  if (inv.truncated) exceeds.push('time');
  if (bytes > b.maxBytes) exceeds.push('size');
  const figures = { files, bytes, symlinks, dirs, tracked, notSnapshotted: inv.notSnapshotted, exceeds, truncated: inv.truncated, budget: b };
  return {
    workspaceRoot: root, files, bytes, dirs, symlinks, tracked, trackedBytes, notSnapshotted: inv.notSnapshotted, budget: b,
    exceeds, withinBudget: exceeds.length === 0, truncated: inv.truncated, elapsedMs: Date.now() - startedAt,
    summary: describeSnapshotPlan(figures), items: inv.items,
  };
}
