// Snapshot before destruction, in the editor: the broker asks for a plan while a request is held
// (the card says what would be kept, or that it would not fit the budget) and for a snapshot after
// a human approved it, before it is released. Snapshots live in the per-user state directory,
// outside git's reach and outside the target; "Restore" in History puts the files back without
// overwriting newer ones unless the human says so. Retention is applied after each snapshot.
import { isAbsolute, relative } from 'node:path';
import * as vscode from 'vscode';
import type { HookRequest } from '../core/hooks/types.js';
import { redact } from '../core/redact.js';
import type { Assessment } from '../core/model.js';
import type { SnapshotRef, Snapshotter } from '../gate/broker.js';
import { processEnv } from '../node/process-env.js';
import { stateDir } from '../node/runtime-dir.js';
import { planSnapshot, pruneSnapshots, restoreSnapshot, snapshotStore, takeSnapshot, type RestoreReport, type SnapshotBudget, type SnapshotRequest } from '../node/snapshot/index.js';

const MIB = 1024 * 1024;

function settings() {
  const cfg = vscode.workspace.getConfiguration('airlock.snapshots');
  return {
    enabled: cfg.get<boolean>('enabled') !== false,
    budget: { maxBytes: Math.max(1, cfg.get<number>('maxMegabytes') ?? 200) * MIB, maxMs: Math.max(0.5, cfg.get<number>('maxSeconds') ?? 5) * 1000 } satisfies SnapshotBudget,
    retention: { maxAgeDays: cfg.get<number>('retentionDays') ?? 7, maxTotalBytes: Math.max(1, cfg.get<number>('maxTotalMegabytes') ?? 2048) * MIB },
  };
}

/** The workspace folder a command works in (snapshots are only taken inside one). */
function rootFor(cwd: string | undefined): string | undefined {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (!cwd) return folders[0]?.uri.fsPath;
  const inside = folders.map((f) => f.uri.fsPath).filter((r) => { const rel = relative(r, cwd); return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel)); });
  return inside.sort((a, b) => b.length - a.length)[0];
}

export class WorkspaceSnapshots implements Snapshotter {
  constructor(private readonly log: vscode.LogOutputChannel) {}

  private request(req: HookRequest): { r: SnapshotRequest; store: string } | undefined {
    const root = rootFor(req.cwd);
    if (!root || !settings().enabled) return undefined;
    return { r: { command: req.command, cwd: req.cwd ?? root, workspaceRoot: root, env: processEnv(), label: redact(req.command) }, store: snapshotStore(stateDir(), root) };
  }

  async plan(req: HookRequest, _a: Assessment): Promise<string | undefined> {
    const x = this.request(req);
    if (!x) return undefined;
    const plan = await planSnapshot(x.r, settings().budget);
    if (plan.files === 0 && plan.tracked === 0 && plan.notSnapshotted.length === 0) return undefined;
    return plan.summary;
  }

  async take(req: HookRequest, _a: Assessment): Promise<SnapshotRef | undefined> {
    const x = this.request(req);
    if (!x) return undefined;
    const { budget, retention } = settings();
    const result = await takeSnapshot(x.r, { store: x.store, budget });
    if (result.status === 'failed') this.log.error(`snapshot failed: ${result.error}`);
    if (result.status === 'over-budget') this.log.warn(`no snapshot: ${result.plan.summary}`);
    if (result.status !== 'complete' && result.status !== 'incomplete') return undefined;
    void pruneSnapshots(x.store, { ...retention, keep: [result.id] }).catch((e: unknown) => this.log.warn(`snapshot retention: ${(e as Error).message}`));
    const t = result.manifest.totals;
    this.log.info(`snapshot ${result.id}: ${t.files} file(s), ${t.bytes} bytes${result.status === 'incomplete' ? ' (incomplete)' : ''}`);
    return { id: result.id, files: t.files, bytes: t.bytes, complete: result.status === 'complete' };
  }

  /** Restores snapshot `id` of the workspace `root`; conflicts are returned for the human to decide. */
  restore(root: string, id: string, overwrite?: { paths: readonly string[] }): Promise<RestoreReport> {
    const store = snapshotStore(stateDir(), root);
    return restoreSnapshot(store, id, overwrite ? { overwrite: 'always', paths: [...overwrite.paths] } : { overwrite: 'never' });
  }

  /** Retention at start-up, for every open workspace. */
  async pruneAll(): Promise<void> {
    const { retention } = settings();
    for (const f of vscode.workspace.workspaceFolders ?? []) {
      await pruneSnapshots(snapshotStore(stateDir(), f.uri.fsPath), retention).catch((e: unknown) => this.log.warn(`snapshot retention: ${(e as Error).message}`));
    }
  }
}
