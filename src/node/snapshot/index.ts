// Snapshot before destruction (issue 7): keeps exactly what an approved destructive LOCAL file
// operation in the workspace would lose, and puts it back on request.
//
// ── API ─────────────────────────────────────────────────────────────────────────────────────────
//
//   const store = snapshotStore(stateDir, workspaceRoot);          // <stateDir>/snapshots/<hash>
//   const req: SnapshotRequest = { command, cwd, workspaceRoot, env, label: assessment.command };
//
//   planSnapshot(req, budget?): Promise<SnapshotPlan>
//     Measures without copying: files, bytes, symlinks, tracked files left to git, what is not
//     snapshotted and why, `withinBudget` / `exceeds` ('size' | 'time') and a one-line `summary`
//     for the panel. Run it while the request is held, so the human sees it before deciding.
//     Rejects only when the bundled parser cannot be loaded. Pass the command's environment in
//     `req.env`: a path built from an unknown `$VAR` is reported, not guessed.
//   takeSnapshot(req, { store, budget?, hooks? }): Promise<TakeResult>
//     Call after approval, before releasing the command. Plans again (the disk may have changed
//     while the human read), then copies. status: 'complete' | 'incomplete' (stopped by the budget
//     or an unreadable file; still restorable) → { id, dir, manifest }; 'over-budget' and
//     'nothing-to-save' write nothing; 'failed' publishes nothing. Never throws.
//   restoreSnapshot(store, id, { overwrite?: 'never'|'older'|'always', paths?, into?, fromGit?, concurrency? })
//     : Promise<RestoreReport> { restored, skippedIdentical, conflicts, errors, createdDirs, incomplete }
//     A path holding neither the snapshot's content nor what the command left there is a conflict
//     (default 'never' overwrites nothing newer): ask the human, then call again with
//     `paths: [those]` and `overwrite: 'always'`. Rejects only when the snapshot is unreadable or
//     the destination root cannot be created; per-file failures are in `errors`.
//   listSnapshots(store) / readManifest(store, id) / deleteSnapshot(store, id)
//   pruneSnapshots(store, { maxAgeDays?, maxTotalBytes?, keep? }): Promise<PruneResult>
//     { deleted (oldest first), freedBytes, remaining, staleRemoved (temporary dirs of crashed takes) }
//
// Budget: DEFAULT_SNAPSHOT_BUDGET = 200 MiB, 5 s (the time covers listing and copying).
//
// ── What each operation snapshots ───────────────────────────────────────────────────────────────
//
//   rm / unlink / shred / git rm / mv … /dev/null   the files, symlinks (as links) and directories
//       (empty ones too) under each target; globs are expanded as the shell would (last segment).
//   git clean -f[dxX…]   exactly what `git clean -n` with the same flags lists.
//   git reset --hard, git checkout [-f|<tree> --] <paths>|., git restore, git switch --discard-changes
//       the working-tree content of tracked files with uncommitted changes (from the index only
//       working-tree edits; from a tree also staged ones), and which blob the command writes there.
//   cp / mv / install / rsync over existing files, `>` / tee / truncate / sed -i / dd of= / curl -o
//       the destination files that exist and would be replaced (cp -r: the namesakes in the
//       destination directory); writes through a symlink save the file it points to.
//   Tracked files without uncommitted changes are not copied: the manifest records their blob and
//   a restore takes them back from git — unless the command deletes the repository itself, then
//   they are copied like everything else. Outside the workspace (also through a symlinked parent)
//   nothing is copied: the plan and manifest say "not snapshotted: outside the workspace".
//
// ── Storage ─────────────────────────────────────────────────────────────────────────────────────
//
//   <store>/<id>/manifest.json and <store>/<id>/files/NNNNNN, directories 0700 and files 0600,
//   written in <store>/.tmp-<id>/ and published by one rename after the manifest is flushed.
//   The manifest (src/core/snapshot/manifest.ts) holds id, createdAt, workspaceRoot, the command
//   as the caller labelled it, entries {path, type, size, mode, mtimeMs, sha256, link, after},
//   tracked files left to git, what was not snapshotted, totals, the budget and `complete`.
export { planSnapshot, DEFAULT_SNAPSHOT_BUDGET, type SnapshotBudget, type SnapshotPlan, type SnapshotRequest } from './plan.js';
export { takeSnapshot, type TakeHooks, type TakeOptions, type TakeResult } from './take.js';
export { restoreSnapshot, type OverwritePolicy, type RestoreConflict, type RestoreOptions, type RestoreReport } from './restore.js';
export { pruneSnapshots, type PruneOptions, type PruneResult } from './prune.js';
export { deleteSnapshot, listSnapshots, readManifest, snapshotStore, type SnapshotSummary } from './store.js';
export type { Manifest, ManifestEntry, TrackedEntry } from '../../core/snapshot/manifest.js';
