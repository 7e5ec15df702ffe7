// Helpers for tests that run the built CLI as a separate process, the way agents do.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CLI = join(process.cwd(), 'dist', 'cli.js');
/** The small hook client the launcher runs (it loads cli.js only to decide offline). */
export const HOOK = join(process.cwd(), 'dist', 'hook.js');

export function ensureBuilt(): void {
  if (!existsSync(CLI) || !existsSync(HOOK)) spawnSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `airlock-${prefix}-`));
}

export interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `node dist/cli.js args…` with `input` on stdin, asynchronously (so in-process servers keep serving). */
export function runCli(args: readonly string[], input: string | Buffer, env: NodeJS.ProcessEnv, cwd?: string): Promise<RunResult> {
  return runNode(CLI, args, input, env, cwd);
}

/** Runs `node script args…` with `input` on stdin. */
export function runNode(script: string, args: readonly string[], input: string | Buffer, env: NodeJS.ProcessEnv, cwd?: string): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], { env: { ...process.env, ...env }, cwd });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
  });
}
