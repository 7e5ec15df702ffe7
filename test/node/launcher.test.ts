// The sh launcher agents run: fast path through nc -U to the gate, Node fallback, fail closed.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateServer, type GateServer } from '../../src/node/gate-server.js';
import { findUnixNetcat, writeLauncher } from '../../src/node/launcher.js';
import { ensureBuilt, HOOK, tempDir } from './helpers.js';

function runSh(script: string, args: string[], input: string, cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const c = spawn('/bin/sh', [script, ...args], { cwd, env: { ...process.env, ...env } });
    let stdout = '', stderr = '';
    c.stdout.on('data', (d) => (stdout += d));
    c.stderr.on('data', (d) => (stderr += d));
    c.on('close', (code) => resolve({ code, stdout, stderr }));
    // A launcher that decides before reading all of stdin closes the pipe; that is its answer, not a test error.
    c.stdin.on('error', () => undefined);
    c.stdin.end(input);
  });
}

const payload = (command: string) => JSON.stringify({ session_id: 's', cwd: '', hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command } });
const netcat = findUnixNetcat();

describe('hook launcher', () => {
  const runtime = tempDir('run');
  const ws = tempDir('ws');
  const env = { AIRLOCK_RUNTIME_DIR: runtime, AIRLOCK_STATE_DIR: tempDir('state'), AIRLOCK_DATA_DIR: tempDir('data') };
  let server: GateServer;
  const seen: string[] = [];

  beforeAll(async () => {
    ensureBuilt();
    server = await startGateServer({
      decide: async (req) => {
        seen.push(req.command);
        return req.command.startsWith('rm') ? { action: 'deny', userMessage: 'no', agentMessage: 'denied by test gate' } : { action: 'allow', userMessage: 'ok', agentMessage: '' };
      },
    }, [ws], env);
  });
  afterAll(() => server.close());

  it.runIf(netcat)('relays to the gate without Node on the fast path', async () => {
    // A missing CLI proves the answer came through nc: the Node fallback would block.
    const script = writeLauncher({ cli: join(ws, 'missing-cli.js'), node: process.execPath, electron: false, netcat, runtimeDir: runtime }, env);
    const allowed = await runSh(script, ['claude-code'], payload('ls'), ws, env);
    expect(allowed.code).toBe(0);
    expect(JSON.parse(allowed.stdout).hookSpecificOutput.permissionDecision).toBe('allow');
    const denied = await runSh(script, ['claude-code'], payload('rm -rf x'), ws, env);
    expect(denied.code).toBe(2);
    expect(denied.stderr).toContain('denied by test gate');
    expect(seen).toEqual(expect.arrayContaining(['ls', 'rm -rf x']));
  });

  it.runIf(netcat)('escapes a working directory with quotes and backslashes in the fast-path header', async () => {
    const odd = join(ws, 'we"ird\\dir');
    mkdirSync(odd);
    const script = writeLauncher({ cli: join(ws, 'missing-cli.js'), node: process.execPath, electron: false, netcat, runtimeDir: runtime }, env);
    const r = await runSh(script, ['claude-code'], payload('ls'), odd, env);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).hookSpecificOutput.permissionDecision).toBe('allow');
  });

  it('falls back to the Node client when no gate serves the directory', async () => {
    const script = writeLauncher({ cli: HOOK, node: process.execPath, electron: false, netcat, runtimeDir: runtime }, env);
    const elsewhere = tempDir('other');
    const r = await runSh(script, ['claude-code'], payload('ls'), elsewhere, env);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).hookSpecificOutput.permissionDecision).toBe('allow');
  });

  it('blocks (exit 2) when the extension is gone and no gate answers', async () => {
    const script = writeLauncher({ cli: join(ws, 'missing-cli.js'), node: process.execPath, electron: false, netcat, runtimeDir: runtime }, env);
    const r = await runSh(script, ['claude-code'], payload('ls'), tempDir('other'), env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not installed/);
  });
});
