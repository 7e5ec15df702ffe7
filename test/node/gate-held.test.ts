// Held terminal requests: the gate answers at once that the line waits (75 + an id), and the final
// answer comes on a second connection with `wait`. The Node hook client follows the same steps.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateServer, type GateServer } from '../../src/node/gate-server.js';
import { exchange, findGate } from '../../src/node/gate-client.js';
import { HELD_EXIT_CODE } from '../../src/protocol/gate.js';
import { ensureBuilt, HOOK, runNode, tempDir } from './helpers.js';

describe('held terminal requests', () => {
  const ws = tempDir('ws');
  const env = { AIRLOCK_RUNTIME_DIR: tempDir('run'), AIRLOCK_STATE_DIR: tempDir('state'), AIRLOCK_DATA_DIR: tempDir('data') };
  let server: GateServer;
  const body = (command: string) => JSON.stringify({ command, cwd: ws, pid: process.pid, ppid: 1, shell: 'bash', mode: 'interactive' });

  beforeAll(async () => {
    ensureBuilt();
    server = await startGateServer({
      decide: async (req, onHeld) => {
        if (!req.command.startsWith('held')) return { action: 'allow', userMessage: 'ok', agentMessage: '' };
        onHeld?.();
        await new Promise((r) => setTimeout(r, 150));
        return req.command === 'held allow' ? { action: 'allow', userMessage: 'ok', agentMessage: '' } : { action: 'deny', userMessage: 'no', agentMessage: 'Airlock blocked this command: the human said no' };
      },
    }, [ws], env);
  });
  afterAll(() => server.close());

  it('answers an allowed line at once, with no held step', async () => {
    const r = await exchange(findGate(ws, env)!, { type: 'hook', agent: 'terminal', cwd: ws }, body('ls'), 5000);
    expect(r).toEqual({ exitCode: 0, stderr: '', stdout: '' });
  });

  it.each([['held allow', 0, ''], ['held deny', 1, 'Airlock blocked this command: the human said no']] as const)('%s: 75 with a waiting line, then the decision on `wait`', async (command, code, stderr) => {
    const gate = findGate(ws, env)!;
    const first = await exchange(gate, { type: 'hook', agent: 'terminal', cwd: ws }, body(command), 5000);
    expect(first.exitCode).toBe(HELD_EXIT_CODE);
    expect(first.stderr).toMatch(/waits for a decision in the Airlock panel/);
    expect(first.stdout).toMatch(/^[0-9a-f-]{36}$/);
    const final = await exchange(gate, { type: 'wait', id: first.stdout }, '', 5000);
    expect(final).toEqual({ exitCode: code, stderr, stdout: '' });
  });

  it('denies a wait for an id it never issued', async () => {
    const r = await exchange(findGate(ws, env)!, { type: 'wait', id: randomUUID() }, '', 5000);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/no request with that id/);
  });

  it.each([['not-a-uuid'], [''], ['../../etc']])('rejects a malformed wait id %j', async (id) => {
    const r = await exchange(findGate(ws, env)!, { type: 'wait', id }, '', 5000);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/invalid id/);
  });

  it('the Node hook client prints the waiting line and exits with the final decision', async () => {
    const r = await runNode(HOOK, ['hook', 'terminal'], body('held deny'), env, ws);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/waits for a decision[\s\S]*the human said no/);
  });
});
