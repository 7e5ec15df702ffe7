// The hook client's offline decision, used when no editor window can be asked: the bundled engine
// and the workspace policy decide; low and medium as the policy says, high and critical denied
// (unless the policy's `whenEditorUnavailable: ask` hands them to the agent's own prompt). The
// decision is audited in the workspace like any other. Lives in the full CLI bundle; the small
// hook client loads it only when it needs it.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { AgentAdapter, HookOutput, HookRequest, HookVerdict } from '../core/hooks/types.js';
import { allowVerdict, denyVerdict } from '../gate/messages.js';
import { appendAudit, DEFAULT_AUDIT_PATH } from '../node/audit-log.js';
import { Assessor } from '../node/assessor.js';
import { processEnv } from '../node/process-env.js';

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

/** `liveGates`: how many editor windows were found, to tell "not running" from "folder not open". */
export async function decideOffline(adapter: AgentAdapter, request: HookRequest, liveGates: number): Promise<HookOutput> {
  const started = Date.now();
  // A terminal of the editor names its window's workspace: its audit file, wherever the shell is.
  const own = process.env.AIRLOCK_WORKSPACE;
  const root = own && existsSync(own) ? own : workspaceRootFor(request.cwd!);
  const assessor = new Assessor();
  const { assessment, decision } = await assessor.assess({ command: request.command, cwd: request.cwd, workspaceRoots: request.workspaceRoots?.length ? request.workspaceRoots : [root], env: processEnv() });
  const mode = assessor.policyFor(root).policy.whenEditorUnavailable;
  let verdict: HookVerdict;
  if (decision.action === 'allow') verdict = allowVerdict(assessment, `${decision.reason} (decided offline: the editor is not running)`);
  else if (mode === 'ask' && adapter.id !== 'gemini') {
    verdict = { action: 'ask' as const, userMessage: `Airlock (editor not running): ${assessment.summary}`, agentMessage: `Airlock could not reach the editor. ${assessment.summary}` };
  } else {
    const where = liveGates ? 'no editor window with Airlock has this folder open' : 'the editor is not running';
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

