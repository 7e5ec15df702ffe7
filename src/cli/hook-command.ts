// `airlock hook <agent>`: the Node hook client. Reads the agent's JSON on stdin, asks the gate in
// the editor, and prints the decision in the agent's own format. When no editor can be asked it
// hands over to the offline decider (src/cli/hook-offline.ts). Every path prints a decision:
// exit codes alone do not block in some agents. Kept free of the engine so that dist/hook.js,
// which the launcher runs, starts fast.
import { adapterFor } from '../core/hooks/adapters.js';
import { isHookRequest, type AgentAdapter, type HookOutput, type HookRequest } from '../core/hooks/types.js';
import { HELD_EXIT_CODE, MAX_REQUEST_BYTES } from '../protocol/gate.js';
import { denyVerdict } from '../gate/messages.js';
import { exchange, findGate, liveGatesSeen } from '../node/gate-client.js';

const GATE_TIMEOUT_MS = 3_605_000;

async function readStdin(limit: number): Promise<Buffer | 'too-large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) return 'too-large';
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function emit(out: HookOutput): number {
  if (out.stdout) process.stdout.write(out.stdout);
  if (out.stderr) process.stderr.write(out.stderr.endsWith('\n') ? out.stderr : out.stderr + '\n');
  return out.exitCode;
}

export type OfflineDecider = (adapter: AgentAdapter, request: HookRequest, liveGates: number) => Promise<HookOutput>;

export async function runHook(args: readonly string[], loadOffline: () => OfflineDecider): Promise<number> {
  const name = args[0] ?? '';
  const adapter = adapterFor(name);
  if (!adapter) {
    process.stderr.write(`Airlock: unknown agent format ${JSON.stringify(name)}; denying. Known: claude-code, cursor, copilot, copilot-cli, codex, gemini.\n`);
    return 2;
  }
  const data = await readStdin(MAX_REQUEST_BYTES);
  if (data === 'too-large') return emit(adapter.render(denyVerdict(undefined, `the hook input is larger than ${MAX_REQUEST_BYTES} bytes`)));
  let input: unknown;
  try {
    input = JSON.parse(data.toString('utf8'));
  } catch {
    return emit(adapter.render(denyVerdict(undefined, 'the hook input is not valid JSON')));
  }
  const parsed = adapter.parse(input);
  if (!isHookRequest(parsed)) {
    return parsed.kind === 'not-shell' ? emit(adapter.pass()) : emit(adapter.render(denyVerdict(undefined, `malformed hook input: ${parsed.reason}`)));
  }
  const request: HookRequest = { ...parsed, cwd: parsed.cwd || process.cwd() };

  const gate = findGate(request.cwd!);
  let live = liveGatesSeen();
  if (gate) {
    try {
      let reply = await exchange(gate, { type: 'hook', agent: adapter.id, cwd: request.cwd }, data, GATE_TIMEOUT_MS);
      while (reply.exitCode === HELD_EXIT_CODE && /^[0-9a-f-]{36}$/.test(reply.stdout)) {
        process.stderr.write(reply.stderr + '\n');
        reply = await exchange(gate, { type: 'wait', id: reply.stdout }, '', GATE_TIMEOUT_MS);
      }
      if (reply.exitCode === HELD_EXIT_CODE) throw new Error('the gate held the request without an id');
      return emit(reply);
    } catch (e) {
      process.stderr.write(`Airlock: the editor's gate did not answer (${(e as Error).message}); deciding offline.\n`);
      live = 0; // the window that has this folder open is gone: say the editor is not running
    }
  }
  return emit(await loadOffline()(adapter, request, live));
}

