// `airlock hook <agent>`: the Node hook client. Reads the agent's JSON on stdin, asks the gate in
// the editor, and prints the decision in the agent's own format. When no editor is reachable it
// decides offline with the bundled core and the workspace policy: low and medium as the policy
// says, high and critical denied (unless the policy's `whenEditorUnavailable: ask` hands them to the agent's
// own prompt). Every path prints a decision: exit codes alone do not block in some agents.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { adapterFor } from '../core/hooks/adapters.js';
import { isHookRequest, type AgentAdapter, type HookOutput, type HookRequest } from '../core/hooks/types.js';
import { MAX_REQUEST_BYTES } from '../protocol/gate.js';
import { allowVerdict, denyVerdict } from '../gate/messages.js';
import { appendAudit, DEFAULT_AUDIT_PATH } from '../node/audit-log.js';
import { Assessor } from '../node/assessor.js';
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

/** The workspace root for offline decisions: the nearest ancestor with `.airlock/` or `.git`. */
export function workspaceRootFor(cwd: string): string {
  let dir = resolve(cwd);
  for (;;) {
    if (existsSync(join(dir, '.airlock')) || existsSync(join(dir, '.git'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return resolve(cwd);
    dir = parent;
  }
}

export async function runHook(args: readonly string[]): Promise<number> {
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
  if (gate) {
    try {
      const reply = await exchange(gate, { type: 'hook', agent: adapter.id, cwd: request.cwd }, data, GATE_TIMEOUT_MS);
      return emit(reply);
    } catch (e) {
      process.stderr.write(`Airlock: the editor's gate did not answer (${(e as Error).message}); deciding offline.\n`);
    }
  }
  return emit(await decideOffline(adapter, request));
}

async function decideOffline(adapter: AgentAdapter, request: HookRequest): Promise<HookOutput> {
  const started = Date.now();
  const root = workspaceRootFor(request.cwd!);
  const assessor = new Assessor();
  const { assessment, decision } = await assessor.assess({ command: request.command, cwd: request.cwd, workspaceRoots: request.workspaceRoots?.length ? request.workspaceRoots : [root], env: stringEnv() });
  const mode = assessor.policyFor(root).policy.whenEditorUnavailable;
  let verdict;
  if (decision.action === 'allow') verdict = allowVerdict(assessment, `${decision.reason} (decided offline: the editor is not running)`);
  else if (mode === 'ask' && adapter.id !== 'gemini') {
    verdict = { action: 'ask' as const, userMessage: `Airlock (editor not running): ${assessment.summary}`, agentMessage: `Airlock could not reach the editor. ${assessment.summary}` };
  } else {
    const where = liveGatesSeen() ? 'no editor window with Airlock has this folder open' : 'the editor is not running';
    verdict = denyVerdict(assessment, `${where}, so nobody can approve a ${assessment.risk}-risk command; ask the human to open the workspace in VS Code or Cursor with Airlock, or to run the command themselves`);
  }
  try {
    appendAudit(join(root, DEFAULT_AUDIT_PATH), {
      kind: 'decision', requestId: request.toolUseId, source: { agent: adapter.id, session: request.session, path: 'offline-hook' },
      command: request.command, cwd: request.cwd,
      assessment: { risk: assessment.risk, rules: assessment.rules.map((r) => r.id), tags: [...assessment.tags], summary: assessment.summary },
      decision: { action: verdict.action, by: 'offline', reason: decision.reason }, latencyMs: Date.now() - started,
    });
  } catch (e) {
    process.stderr.write(`Airlock: could not write the audit record (${(e as Error).message}).\n`);
  }
  return adapter.render(verdict);
}

function stringEnv(): Record<string, string> {
  return Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => typeof e[1] === 'string'));
}
