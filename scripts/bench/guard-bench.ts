// Terminal guard figures for `npm run bench` (issue 6): what the guard adds to a line it does not
// ask about (in an interactive bash and zsh, measured inside the shell), what it adds to starting
// `bash -c` / `zsh -c` (tasks), and the round trip for a line it asks about (allowed by a gate in
// its own process). Timings are taken by the shells themselves ($EPOCHREALTIME), not by this
// process, so Node's own spawn cost is not counted.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findUnixNetcat, writeLauncher } from '../../src/node/launcher.js';
import { guardVariables, withGuardVariables, writeGuard } from '../../src/node/shell-guard.js';

const LINES = ['ls -la src', 'cd src', 'pwd', 'wc -l README.md', 'du -sh .'];

function shellTime(shell: string, script: string, env: NodeJS.ProcessEnv, cwd: string): number {
  const r = spawnSync(shell, ['-c', script], { env, cwd, encoding: 'utf8' });
  const v = Number(r.stdout.trim().split('\n').at(-1));
  if (r.status !== 0 || !Number.isFinite(v)) throw new Error(`${shell} timing failed: ${r.stdout} ${r.stderr}`);
  return v;
}

/** Microseconds per line for capture → DEBUG trap → precmd on an unwatched line, inside the shell. */
function perLine(shell: 'bash' | 'zsh', guard: string, env: NodeJS.ProcessEnv, cwd: string, n: number): number {
  const lines = LINES.map((l) => `'${l}'`).join(' ');
  const script = shell === 'bash'
    ? `. '${guard}' 2>/dev/null; s=$EPOCHREALTIME; for ((i=0;i<${n};i++)); do for l in ${lines}; do READLINE_LINE=$l; __airlock_capture; __airlock_debug; __airlock_precmd; done; done; e=$EPOCHREALTIME; echo $(( (\${e/./}-\${s/./}) / (${n}*${LINES.length}) ))`
    : `zmodload zsh/datetime; source '${guard}'; s=$EPOCHREALTIME; for ((i=0;i<${n};i++)); do for l in ${lines}; do __airlock_preexec "$l" "$l" "$l"; __airlock_debug; __airlock_precmd; done; done; e=$EPOCHREALTIME; printf "%d\\n" $(( (e-s)*1e6 / (${n}*${LINES.length}) ))`;
  // Interactive, so the guard takes its interactive branch (bash -i -c / zsh -i -c).
  const r = spawnSync(shell, shell === 'bash' ? ['--norc', '-i', '-c', script] : ['-f', '-i', '-c', script], { env: { ...env, BASH_ENV: '', ZDOTDIR: '' }, cwd, encoding: 'utf8' });
  const v = Number(r.stdout.trim().split('\n').at(-1));
  if (!Number.isFinite(v)) throw new Error(`${shell} per-line timing failed: ${r.stdout} ${r.stderr}`);
  return v;
}

/** Mean milliseconds to run `shell -c line` n times, timed by a small bash loop. */
function startCost(shell: string, line: string, env: NodeJS.ProcessEnv, cwd: string, n: number): number {
  return shellTime('bash', `s=$EPOCHREALTIME; for ((i=0;i<${n};i++)); do ${shell} -c '${line}' >/dev/null; done; e=$EPOCHREALTIME; echo $(( (\${e/./}-\${s/./}) / ${n} ))`, env, cwd) / 1000;
}

export async function guardBench(root: string): Promise<string[]> {
  const failures: string[] = [];
  const check = (ok: boolean, label: string) => {
    console.log(`${ok ? 'PASS' : 'FAIL'}  ${label}`);
    if (!ok) failures.push(label);
  };
  const tmp = mkdtempSync(join(tmpdir(), 'airlock-guard-bench-'));
  const ws = join(tmp, 'ws');
  mkdirSync(join(ws, 'src'), { recursive: true });
  writeFileSync(join(ws, 'README.md'), 'x\n');
  const { NODE_EXTRA_CA_CERTS: _unused, ...inherited } = process.env;
  const env: NodeJS.ProcessEnv = { ...inherited, AIRLOCK_RUNTIME_DIR: join(tmp, 'run'), AIRLOCK_STATE_DIR: join(tmp, 'state'), AIRLOCK_DATA_DIR: join(tmp, 'data'), HOME: tmp, SHLVL: '1' };
  const netcat = findUnixNetcat();
  const launcher = writeLauncher({ cli: join(root, 'dist', 'hook.js'), node: process.execPath, electron: false, netcat, runtimeDir: env.AIRLOCK_RUNTIME_DIR! }, env);
  const files = writeGuard(join(root, 'dist', 'shell'), launcher, env);
  const guarded = withGuardVariables(env, guardVariables(files, env));
  const hasZsh = spawnSync('zsh', ['-c', 'true']).status === 0;

  const gate = spawn(process.execPath, [join(root, 'out', 'gate-process.js'), ws], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve) => gate.stdout!.once('data', () => resolve()));
  try {
    const bashLine = perLine('bash', files.bash, env, ws, 400);
    console.log(`terminal guard, unwatched line in interactive bash: ${bashLine} µs per line (capture, DEBUG trap, precmd; no IPC)`);
    check(bashLine <= 2000, 'guard adds ≤ 2 ms to an unwatched interactive bash line');
    if (hasZsh) {
      const zshLine = perLine('zsh', files.zsh, env, ws, 400);
      console.log(`terminal guard, unwatched line in interactive zsh: ${zshLine} µs per line (preexec, DEBUG trap, precmd; no IPC)`);
      check(zshLine <= 2000, 'guard adds ≤ 2 ms to an unwatched interactive zsh line');
    }
    const plainBash = startCost('bash', 'pwd', env, ws, 200);
    const guardedBash = startCost('bash', 'pwd', guarded, ws, 200);
    console.log(`bash -c pwd (a task's shell, unwatched): ${plainBash.toFixed(2)} ms plain, ${guardedBash.toFixed(2)} ms with the guard (+${(guardedBash - plainBash).toFixed(2)} ms)`);
    check(guardedBash - plainBash <= 2, 'guard adds ≤ 2 ms to starting bash -c with an unwatched string');
    if (hasZsh) {
      const plainZsh = startCost('zsh', 'pwd', { ...env, ZDOTDIR: tmp }, ws, 200);
      const guardedZsh = startCost('zsh', 'pwd', guarded, ws, 200);
      console.log(`zsh -c pwd (unwatched): ${plainZsh.toFixed(2)} ms plain, ${guardedZsh.toFixed(2)} ms with the guard (+${(guardedZsh - plainZsh).toFixed(2)} ms)`);
    }
    const asked = startCost('bash', 'echo watched', guarded, ws, 100);
    const unasked = startCost('bash', 'echo watched', env, ws, 100);
    console.log(`bash -c with a watched, allowed line: ${asked.toFixed(2)} ms vs ${unasked.toFixed(2)} ms unguarded: the gate round trip costs ${(asked - unasked).toFixed(2)} ms (${netcat ? 'sh + nc fast path' : 'Node client: no OpenBSD netcat'})`);
  } finally {
    gate.kill();
  }
  return failures;
}
