// The hook client and the gate's socket, end to end, as agents run them: real processes, real JSON.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HookRequest } from '../../src/core/hooks/types.js';
import { decide } from '../../src/core/policy/decide.js';
import { DecisionBroker, type Approver } from '../../src/gate/broker.js';
import { Assessor } from '../../src/node/assessor.js';
import { verifyAuditFile } from '../../src/node/audit-log.js';
import { startGateServer, type GateServer } from '../../src/node/gate-server.js';
import { ensureBuilt, HOOK, runCli, runNode, tempDir } from './helpers.js';

const POCKETOS = `curl -X POST https://backboard.railway.app/graphql/v2 -H "Authorization: Bearer $(cat .railway-token)" -d '{"query":"mutation { volumeDelete(volumeId: \\"vol_7f3a\\") }"}'`;
const claude = (command: string, cwd: string) => JSON.stringify({ session_id: 's1', transcript_path: '/t', cwd, hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command, description: 'x' }, tool_use_id: 't1' });
const cursor = (command: string, cwd: string) => JSON.stringify({ conversation_id: 'c1', generation_id: 'g', hook_event_name: 'beforeShellExecution', workspace_roots: [cwd], command, cwd });
const decisionOf = (stdout: string) => JSON.parse(stdout).hookSpecificOutput?.permissionDecision ?? JSON.parse(stdout).permission;

describe('hook client with the editor running', () => {
  const runtime = tempDir('run');
  const workspace = tempDir('ws');
  const env = { AIRLOCK_RUNTIME_DIR: runtime, AIRLOCK_STATE_DIR: tempDir('state') };
  const asked: HookRequest[] = [];
  let humanSays: 'allow' | 'deny' | 'never' = 'deny';
  let server: GateServer;

  beforeAll(async () => {
    ensureBuilt();
    const assessor = new Assessor();
    const approver: Approver = {
      ask: (p, signal) => new Promise((resolve, reject) => {
        asked.push(p.request);
        if (humanSays === 'never') signal.addEventListener('abort', () => reject(new Error('timeout')));
        else resolve({ action: humanSays });
      }),
    };
    const broker = new DecisionBroker({
      assess: async (req) => ({ ...(await assessor.assess({ command: req.command, cwd: req.cwd, workspaceRoots: [workspace] })), timeoutSeconds: 1 }),
      approver, record: () => undefined,
      redecide: (_req, assessment) => decide(assessment, assessor.policyFor(workspace).policy),
    });
    server = await startGateServer({ decide: async (req) => (await broker.decide(req)).verdict }, [workspace], env);
  });
  afterAll(() => server.close());

  it('keeps the socket and discovery file private to the user', () => {
    expect(statSync(server.socketPath).mode & 0o777).toBe(0o600);
    expect(statSync(server.discoveryPath).mode & 0o777).toBe(0o600);
    expect(statSync(runtime).mode & 0o077).toBe(0);
  });

  it('allows a benign command with no prompt', async () => {
    const before = asked.length;
    const r = await runCli(['hook', 'claude-code'], claude('npm test', workspace), env, workspace);
    expect(r.code).toBe(0);
    expect(decisionOf(r.stdout)).toBe('allow');
    expect(asked.length).toBe(before);
  });

  it('holds the PocketOS request for a human, and relays the denial in Claude Code format', async () => {
    humanSays = 'deny';
    const r = await runCli(['hook', 'claude-code'], claude(POCKETOS, workspace), env, workspace);
    expect(asked.at(-1)?.command).toBe(POCKETOS);
    expect(r.stderr).not.toMatch(/deciding offline/);
    expect(r.code).toBe(2);
    expect(decisionOf(r.stdout)).toBe('deny');
    expect(r.stderr).toMatch(/railway\.graphql\.volume-delete|denied by a human/);
  });

  it('relays a human approval in Cursor format', async () => {
    humanSays = 'allow';
    const r = await runCli(['hook', 'cursor'], cursor('rm -rf src', workspace), env, workspace);
    expect(r.code, r.stderr).toBe(0);
    expect(asked.at(-1)?.agent).toBe('cursor');
    expect(decisionOf(r.stdout)).toBe('allow');
  });

  it('denies when nobody answers before the timeout', async () => {
    humanSays = 'never';
    const r = await runCli(['hook', 'claude-code'], claude('git reset --hard HEAD~3', workspace), env, workspace);
    expect(decisionOf(r.stdout)).toBe('deny');
    expect(r.stdout, r.stdout).toMatch(/nobody approved it/);
  });

  it.each([
    ['malformed JSON', '{"tool_name": "Bash", '],
    ['binary garbage', Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x80, 0x9f])],
    ['a command that is not a string', JSON.stringify({ tool_name: 'Bash', tool_input: { command: ['rm', '-rf', '/'] } })],
    ['10 MB of input', JSON.stringify({ tool_name: 'Bash', tool_input: { command: 'echo ' + 'a'.repeat(10 * 1024 * 1024) } })],
  ])('denies %s with a reason', async (_n, input) => {
    const r = await runCli(['hook', 'claude-code'], input, env, workspace);
    expect(r.code).toBe(2);
    expect(decisionOf(r.stdout)).toBe('deny');
    expect(r.stderr.length).toBeGreaterThan(10);
  });

  it('refuses a client with the wrong token', async () => {
    const reply = await new Promise<string>((resolve) => {
      const s = connect(server.socketPath);
      let out = '';
      s.on('data', (d) => (out += d));
      s.on('close', () => resolve(out));
      s.end(JSON.stringify({ v: 1, token: 'wrong', type: 'hook', agent: 'claude-code' }) + '\n' + claude('ls', workspace));
    });
    expect(reply.split('\n')[0]).toBe('2');
    expect(reply).toMatch(/wrong token/);
  });

  it('answers 50 requests arriving at once', async () => {
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => runCli(['hook', 'claude-code'], claude(`echo ${i}`, workspace), env, workspace)));
    expect(results.filter((r) => decisionOf(r.stdout) === 'allow')).toHaveLength(50);
  }, 120_000);
});

describe('hook client with no editor', () => {
  it.each([
    ['no gate at all', () => undefined],
    ['a stale discovery file (dead process)', (runtime: string, ws: string) => writeFileSync(join(runtime, 'gate-999999-abc.json'), JSON.stringify({ v: 1, pid: 999999, socket: join(runtime, 'gone.sock'), token: 'x', roots: [ws], started: 'x' }))],
  ])('decides offline with %s: benign allowed, PocketOS denied, both audited', async (_n, setup) => {
    ensureBuilt();
    const runtime = tempDir('run');
    const ws = tempDir('ws');
    const env = { AIRLOCK_RUNTIME_DIR: runtime, AIRLOCK_STATE_DIR: tempDir('state') };
    setup(runtime, ws);
    const ok = await runCli(['hook', 'claude-code'], claude('ls -la', ws), env, ws);
    expect(decisionOf(ok.stdout)).toBe('allow');
    const bad = await runCli(['hook', 'claude-code'], claude(POCKETOS, ws), env, ws);
    expect(bad.code).toBe(2);
    expect(decisionOf(bad.stdout)).toBe('deny');
    expect(bad.stdout).toMatch(/editor is not running/);
    const audit = join(ws, '.airlock', 'audit.jsonl');
    expect(existsSync(audit)).toBe(true);
    expect(readFileSync(audit, 'utf8').trim().split('\n')).toHaveLength(2);
    expect(verifyAuditFile(audit, { ...process.env, ...env })).toMatchObject({ ok: true, records: 2 });
  }, 30_000);

  it('routes a request to the window whose workspace contains the cwd (the most specific one)', async () => {
    ensureBuilt();
    const runtime = tempDir('run');
    const env = { AIRLOCK_RUNTIME_DIR: runtime, AIRLOCK_STATE_DIR: tempDir('state') };
    const outer = tempDir('outer');
    const inner = join(outer, 'packages', 'api');
    mkdirSync(inner, { recursive: true });
    const seenBy: string[] = [];
    const window = (name: string, roots: string[]) => startGateServer({ decide: async () => { seenBy.push(name); return { action: 'allow', userMessage: '', agentMessage: '' }; } }, roots, { ...process.env, ...env });
    const a = await window('outer', [outer]);
    const b = await window('inner', [inner, tempDir('other')]);
    try {
      await runCli(['hook', 'claude-code'], claude('ls', inner), env, inner);
      await runCli(['hook', 'claude-code'], claude('ls', outer), env, outer);
      expect(seenBy).toEqual(['inner', 'outer']);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('a starting gate removes the files of windows that died', async () => {
    const runtime = tempDir('run');
    for (const ext of ['json', 'env', 'sock']) writeFileSync(join(runtime, `gate-999999-abcdef.${ext}`), 'x');
    const server = await startGateServer({ decide: async () => ({ action: 'allow', userMessage: '', agentMessage: '' }) }, [tempDir('ws')], { ...process.env, AIRLOCK_RUNTIME_DIR: runtime });
    try {
      expect(readdirSync(runtime).filter((n) => n.includes('999999'))).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it('says "no window has this folder open" when an editor runs elsewhere', async () => {
    ensureBuilt();
    const runtime = tempDir('run');
    const env = { AIRLOCK_RUNTIME_DIR: runtime, AIRLOCK_STATE_DIR: tempDir('state') };
    const server = await startGateServer({ decide: async () => ({ action: 'allow', userMessage: '', agentMessage: '' }) }, [tempDir('served')], { ...process.env, ...env });
    try {
      const ws = tempDir('unserved');
      const r = await runCli(['hook', 'claude-code'], claude(POCKETOS, ws), env, ws);
      expect(decisionOf(r.stdout)).toBe('deny');
      expect(r.stdout).toMatch(/no editor window with Airlock has this folder open/);
    } finally {
      await server.close();
    }
  });

  it('the small hook client (dist/hook.js) loads the engine only to decide offline', async () => {
    ensureBuilt();
    const ws = tempDir('ws');
    const env = { AIRLOCK_RUNTIME_DIR: tempDir('run'), AIRLOCK_STATE_DIR: tempDir('state') };
    const bad = await runNode(HOOK, ['claude-code'], claude(POCKETOS, ws), env, ws);
    expect(bad.code).toBe(2);
    expect(decisionOf(bad.stdout)).toBe('deny');
    const ok = await runNode(HOOK, ['hook', 'claude-code'], claude('ls', ws), env, ws);
    expect(decisionOf(ok.stdout)).toBe('allow');
  });

  it('denies an unknown agent format', async () => {
    const r = await runCli(['hook', 'frobnicator'], '{}', {});
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown agent format/);
  });
});
