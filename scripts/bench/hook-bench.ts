// Hook and audit figures for `npm run bench` (issue 4): hook round trip for an allowed command on
// the fast path (sh + nc -U) and the Node path, the offline decision, audit appends per second,
// and the time to verify 100,000 records. Runs against a real gate server on a private socket.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
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

function gateEnvFile(dir: string): string {
  const f = readdirSync(dir).find((n) => n.endsWith('.env'));
  if (!f) throw new Error('no gate discovery file');
  return readFileSync(join(dir, f), 'utf8');
}
const readToken = (dir: string) => /AIRLOCK_TOKEN='([^']*)'/.exec(gateEnvFile(dir))![1]!;
const readSocket = (dir: string) => /AIRLOCK_SOCK='([^']*)'/.exec(gateEnvFile(dir))![1]!;

export async function hookBench(root: string): Promise<string[]> {
  const failures: string[] = [];
  const tmp = mkdtempSync(join(tmpdir(), 'airlock-bench-'));
  const ws = join(tmp, 'ws');
  spawnSync('mkdir', ['-p', ws]);
  // As the launcher runs it: without NODE_EXTRA_CA_CERTS, which alone adds ~85 ms to a Node start.
  const { NODE_EXTRA_CA_CERTS: _unused, ...inherited } = process.env;
  const env = { ...inherited, AIRLOCK_RUNTIME_DIR: join(tmp, 'run'), AIRLOCK_STATE_DIR: join(tmp, 'state'), AIRLOCK_DATA_DIR: join(tmp, 'data') };
  const cli = join(root, 'dist', 'cli.js');
  const input = JSON.stringify({ session_id: 'bench', transcript_path: '/t', cwd: ws, hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: 'npm test', description: 'run the tests' }, tool_use_id: 't' });
  const server = await startGateServer({ decide: async () => ({ action: 'allow', userMessage: 'low risk', agentMessage: '' }) }, [ws], env);
  const netcat = findUnixNetcat();
  const launcher = writeLauncher({ cli, node: process.execPath, electron: false, netcat, runtimeDir: env.AIRLOCK_RUNTIME_DIR }, env);
  const run = (args: string[], cwd: string) => {
    const r = spawnSync(args[0]!, args.slice(1), { input, cwd, env, encoding: 'utf8' });
    if (!r.stdout.includes('"allow"')) throw new Error(`unexpected hook answer: ${r.stdout} ${r.stderr}`);
  };
  // spawnSync blocks this thread, so the gate runs in a child process for the timed loops.
  await server.close();
  const gateScript = join(root, 'out', 'gate-process.js');
  const gate = (await import('node:child_process')).spawn(process.execPath, [gateScript, ws], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve) => gate.stdout!.once('data', () => resolve()));
  try {
    const fast: number[] = [];
    const nodePath: number[] = [];
    for (let i = 0; i < 5; i++) run(['/bin/sh', launcher, 'claude-code'], ws);
    if (netcat) for (let i = 0; i < 100; i++) fast.push(time(() => run(['/bin/sh', launcher, 'claude-code'], ws)));
    for (let i = 0; i < 30; i++) nodePath.push(time(() => run([process.execPath, cli, 'hook', 'claude-code'], ws)));
    const offline: number[] = [];
    const elsewhere = join(tmp, 'elsewhere');
    spawnSync('mkdir', ['-p', elsewhere]);
    for (let i = 0; i < 20; i++) offline.push(time(() => run([process.execPath, cli, 'hook', 'claude-code'], elsewhere)));
    console.log(`hook round trip, allowed command, fast path (sh + ${netcat ?? 'no nc'}): ${netcat ? fmt(fast) : 'skipped: no OpenBSD netcat'}`);
    console.log(`hook round trip, allowed command, Node client (what the launcher falls back to): ${fmt(nodePath)}`);
    const raw: number[] = [];
    if (netcat) {
      const header = JSON.stringify({ v: 1, token: readToken(env.AIRLOCK_RUNTIME_DIR), type: 'ping' });
      const sock = readSocket(env.AIRLOCK_RUNTIME_DIR);
      for (let i = 0; i < 50; i++) raw.push(time(() => spawnSync(netcat, ['-N', '-U', sock], { input: header + '\n', encoding: 'utf8' })));
      console.log(`  of which one bare nc -U exchange (process start + socket): ${fmt(raw)}`);
    }
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
