// Hook and audit figures for `npm run bench` (issue 4): hook round trip for an allowed command on
// the fast path (sh + nc -U) and the Node path, the offline decision, audit appends per second,
// and the time to verify 100,000 records. Runs against a real gate server on a private socket.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nextRecord, serialise, type AuditRecord } from '../../src/core/audit/record.js';
import { verifyAudit } from '../../src/core/audit/verify.js';
import { appendAudit, sha256 } from '../../src/node/audit-log.js';
import { startGateServer } from '../../src/node/gate-server.js';
import { findUnixNetcat, writeLauncher } from '../../src/node/launcher.js';

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const fmt = (xs: number[]) => `p50 ${pct(xs, 50).toFixed(1)} ms, p99 ${pct(xs, 99).toFixed(1)} ms (n=${xs.length})`;

function time(fn: () => void): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

export async function hookBench(root: string): Promise<string[]> {
  const failures: string[] = [];
  const tmp = mkdtempSync(join(tmpdir(), 'airlock-bench-'));
  const ws = join(tmp, 'ws');
  spawnSync('mkdir', ['-p', ws]);
  // As the launcher runs it: without NODE_EXTRA_CA_CERTS, which alone adds ~85 ms to a Node start.
  const { NODE_EXTRA_CA_CERTS: _unused, ...inherited } = process.env;
  const env = { ...inherited, AIRLOCK_RUNTIME_DIR: join(tmp, 'run'), AIRLOCK_STATE_DIR: join(tmp, 'state'), AIRLOCK_DATA_DIR: join(tmp, 'data') };
  const cli = join(root, 'dist', 'hook.js');
  const input = JSON.stringify({ session_id: 'bench', transcript_path: '/t', cwd: ws, hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: 'npm test', description: 'run the tests' }, tool_use_id: 't' });
  const server = await startGateServer({ decide: async () => ({ action: 'allow', userMessage: 'low risk', agentMessage: '' }) }, [ws], env);
  const netcat = findUnixNetcat();
  const launcher = writeLauncher({ cli, node: process.execPath, electron: false, netcat, runtimeDir: env.AIRLOCK_RUNTIME_DIR }, env);
  // The gate runs in its own process, as the extension host would.
  await server.close();
  const gateScript = join(root, 'out', 'gate-process.js');
  const gate = (await import('node:child_process')).spawn(process.execPath, [gateScript, ws], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve) => gate.stdout!.once('data', () => resolve()));
  try {
    // Each series runs in a small, fresh timer process (scripts/bench/spawn-timer.mjs).
    const inputFile = join(tmp, 'input.json');
    writeFileSync(inputFile, input);
    const timer = join(root, 'scripts', 'bench', 'spawn-timer.mjs');
    const series = (n: number, cwd: string, cmd: string[]): number[] => {
      const r = spawnSync(process.execPath, [timer, String(n), inputFile, cwd, ...cmd], { env, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`timing ${cmd.join(' ')} failed: ${r.stderr}`);
      return JSON.parse(r.stdout) as number[];
    };
    series(5, ws, ['/bin/sh', launcher, 'claude-code']);
    const fast = netcat ? series(200, ws, ['/bin/sh', launcher, 'claude-code']) : [];
    const nodePath = series(30, ws, [process.execPath, cli, 'hook', 'claude-code']);
    const elsewhere = join(tmp, 'elsewhere');
    spawnSync('mkdir', ['-p', elsewhere]);
    const offline = series(20, elsewhere, [process.execPath, cli, 'hook', 'claude-code']);
    console.log(`hook round trip, allowed command, fast path (sh + ${netcat ?? 'no nc'}): ${netcat ? fmt(fast) : 'skipped: no OpenBSD netcat'}`);
    console.log(`hook round trip, allowed command, Node client (what the launcher falls back to): ${fmt(nodePath)}`);
    console.log(`offline decision (no editor; Node client assesses and audits): ${fmt(offline)}`);
    if (netcat) {
      const ok = pct(fast, 50) <= 10;
      console.log(`${ok ? 'PASS' : 'FAIL'}  hook round trip p50 ≤ 10 ms on the fast path`);
      if (!ok) failures.push('hook round trip p50');
    }
  } finally {
    gate.kill();
  }

  const auditFile = join(tmp, 'ws', '.airlock', 'audit.jsonl');
  const n = 2000;
  const appendMs = time(() => {
    for (let i = 0; i < n; i++) appendAudit(auditFile, { kind: 'decision', requestId: `r${i}`, command: 'npm test', decision: { action: 'allow', by: 'policy', reason: 'low' } }, env);
  });
  console.log(`audit appends (locked, chained, anchored): ${Math.round(n / (appendMs / 1000))} per second`);

  const records: AuditRecord[] = [];
  let head: AuditRecord | undefined;
  for (let i = 0; i < 100_000; i++) {
    head = nextRecord({ kind: 'decision', requestId: `r${i}`, command: `echo ${i}`, decision: { action: 'allow', by: 'policy', reason: 'low' } }, head, new Date(1_700_000_000_000 + i), sha256);
    records.push(head);
  }
  const big = join(tmp, 'big.jsonl');
  writeFileSync(big, records.map(serialise).join(''));
  let ok = false;
  const verifyMs = time(() => {
    ok = verifyAudit(readFileSync(big, 'utf8'), sha256).ok;
  });
  console.log(`verify 100,000 records: ${(verifyMs / 1000).toFixed(2)} s (${ok ? 'intact' : 'BROKEN'})`);
  return failures;
}
