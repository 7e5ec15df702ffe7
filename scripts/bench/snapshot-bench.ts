// Snapshot figures for `npm run bench` (issue 7): for workspaces of 100 files / 1 MB, 2,000 files /
// 20 MB and 10,000 files / 100 MB about to lose a directory to `rm -rf`, the blast radius the
// assessment measures, then plan time, take time and the snapshot's size on disk, and restore
// time after the directory is really deleted. Checks that each fits the default budget and comes
// back whole; speeds are printed, and only checked against generous bounds.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assess } from '../../src/core/assess.js';
import { formatBytes } from '../../src/core/blast-radius.js';
import { makeContext } from '../../src/core/context.js';
import { createFsProbe } from '../../src/node/fs-probe.js';
import { loadShellParser } from '../../src/node/parser-loader.js';
import { planSnapshot, restoreSnapshot, snapshotStore, takeSnapshot } from '../../src/node/snapshot/index.js';

const SIZES = [
  { files: 100, bytes: 1_000_000 },
  { files: 2_000, bytes: 20_000_000 },
  { files: 10_000, bytes: 100_000_000 },
];
const COMMAND = 'rm -rf data';

/** A git workspace whose ignored data/ directory holds `files` files of `bytes` in all, 100 per directory. */
function makeWorkspace(base: string, files: number, bytes: number): string {
  const ws = join(base, `ws-${files}`);
  const pool = randomBytes(1 << 20);
  const size = Math.floor(bytes / files);
  for (let i = 0; i < files; i++) {
    const dir = join(ws, 'data', `d${Math.floor(i / 100)}`);
    if (i % 100 === 0) mkdirSync(dir, { recursive: true });
    const at = (i * 7919) % (pool.length - size);
    writeFileSync(join(dir, `f${i}.bin`), pool.subarray(at, at + size));
  }
  writeFileSync(join(ws, '.gitignore'), 'data/\n');
  writeFileSync(join(ws, 'README.md'), '# bench\n');
  spawnSync('git', ['init', '-q'], { cwd: ws });
  spawnSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.invalid', 'add', '.gitignore', 'README.md'], { cwd: ws });
  spawnSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.invalid', 'commit', '-qm', 'init'], { cwd: ws });
  return ws;
}

/** Bytes the directory really occupies (allocated blocks: copy-on-write clones share theirs). */
function diskUsage(dir: string): number {
  let total = 0;
  for (const name of readdirSync(dir)) {
    const st = lstatSync(join(dir, name));
    total += st.blocks * 512;
    if (st.isDirectory()) total += diskUsage(join(dir, name));
  }
  return total;
}

const ms = (x: number) => `${x.toFixed(0)} ms`;

export async function snapshotBench(root: string): Promise<string[]> {
  const failures: string[] = [];
  const check = (ok: boolean, label: string) => {
    console.log(`${ok ? 'PASS' : 'FAIL'}  ${label}`);
    if (!ok) failures.push(label);
  };
  const parser = await loadShellParser(join(root, 'dist'));
  const base = mkdtempSync(join(tmpdir(), 'airlock-snapshot-bench-'));
  try {
    for (const size of SIZES) {
      const ws = makeWorkspace(base, size.files, size.bytes);
      const store = snapshotStore(join(base, 'state'), ws);
      const req = { command: COMMAND, cwd: ws, workspaceRoot: ws, parser };
      const label = `${size.files} files / ${formatBytes(size.bytes)}`;

      const ctx = makeContext({ cwd: ws, workspaceRoots: [ws], home: tmpdir() });
      const a0 = performance.now();
      const radius = assess(COMMAND, ctx, { parser, probe: createFsProbe() }).blastRadius;
      const assessMs = performance.now() - a0;
      console.log(`snapshot, ${label}: blast radius from the assessment ${radius ? `${radius.truncated ? 'at least ' : ''}${radius.files} files, ${formatBytes(radius.bytes)}` : 'not measured'} in ${ms(assessMs)}${radius?.truncated ? ' (stopped at the probe budget)' : ''}`);

      const p0 = performance.now();
      const plan = await planSnapshot(req);
      const planMs = performance.now() - p0;
      const t0 = performance.now();
      const taken = await takeSnapshot(req, { store });
      const takeMs = performance.now() - t0;
      check(taken.status === 'complete', `${label}: snapshot complete within the default budget (200 MiB, 5 s)${taken.status === 'complete' ? '' : `: ${taken.status}`}`);
      if (taken.status !== 'complete' && taken.status !== 'incomplete') continue;
      const saved = taken.manifest.totals;
      console.log(`snapshot, ${label}: plan ${plan.files} files, ${formatBytes(plan.bytes)} in ${ms(planMs)}; take ${ms(takeMs)} for ${saved.files} files (${(saved.bytes / 1024 / 1024 / (takeMs / 1000)).toFixed(0)} MiB/s); snapshot on disk ${formatBytes(diskUsage(taken.dir))}`);

      // The floor on this disk: the same tree copied by cp -r (the figures above are noisy on a busy machine).
      const c0 = performance.now();
      const cp = spawnSync('cp', ['-r', join(ws, 'data'), join(base, `cp-${size.files}`)]);
      if (cp.status === 0) console.log(`snapshot, ${label}: for comparison, cp -r of the same tree ${ms(performance.now() - c0)}`);
      rmSync(join(base, `cp-${size.files}`), { recursive: true, force: true });

      rmSync(join(ws, 'data'), { recursive: true });
      const r0 = performance.now();
      const report = await restoreSnapshot(store, taken.id);
      const restoreMs = performance.now() - r0;
      console.log(`snapshot, ${label}: restore ${report.restored.length} files in ${ms(restoreMs)}`);
      check(plan.files === size.files, `${label}: the plan counts every file`);
      check(report.restored.length === saved.files && !report.conflicts.length && !report.errors.length, `${label}: restore brings every saved file back without conflicts`);
      check(planMs <= 2000, `${label}: plan ≤ 2 s`);
    }
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
  return failures;
}
