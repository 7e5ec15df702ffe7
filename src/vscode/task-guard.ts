// Tasks (tasks.json, and tasks.executeTask, which is how agents start them). A shell task whose
// shell loads the guard (bash, zsh) is decided before its command runs. VS Code cannot veto a task,
// so any other risky task (a process task, `sh -c`, a shell without the guard) is terminated the
// moment it is seen to start, the human is asked, and it is run again if approved. The audit says
// plainly that it may have run for a moment.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { shellQuote } from '../core/hooks/install.js';
import type { RequestOrigin } from '../core/hooks/types.js';
import type { DecisionBroker } from '../gate/broker.js';
import type { AuditRecorder } from './audit-recorder.js';
import type { TerminalRegistry } from './terminal-registry.js';
import type { AssessLine } from './terminal-observer.js';

/** How long to wait for the task's own shell to ask before treating it as unguarded. */
const GUARD_GRACE_MS = 300;

const text = (s: string | vscode.ShellQuotedString): string => (typeof s === 'string' ? s : s.value);

/** The command line a task runs, or undefined for custom executions (their code is an extension's). */
export function taskCommandLine(task: vscode.Task): string | undefined {
  const x = task.execution;
  if (x instanceof vscode.ShellExecution) {
    if (x.commandLine !== undefined) return x.commandLine;
    if (x.command === undefined) return undefined;
    return [text(x.command), ...(x.args ?? []).map((a) => (typeof a === 'string' ? shellQuote(a) : a.quoting === vscode.ShellQuoting.Escape || a.quoting === vscode.ShellQuoting.Strong ? shellQuote(a.value) : a.value))].join(' ');
  }
  if (x instanceof vscode.ProcessExecution) return [x.process, ...x.args].map(shellQuote).join(' ');
  return undefined;
}

function taskCwd(task: vscode.Task): string | undefined {
  const x = task.execution;
  const own = x instanceof vscode.ShellExecution || x instanceof vscode.ProcessExecution ? x.options?.cwd : undefined;
  if (own && !own.includes('${')) return own;
  return typeof task.scope === 'object' ? task.scope.uri.fsPath : vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
}

export class TaskGuard implements vscode.Disposable {
  private readonly disposable: vscode.Disposable;

  constructor(private readonly registry: TerminalRegistry, private readonly broker: DecisionBroker, private readonly audit: AuditRecorder, private readonly assess: AssessLine, private readonly log: vscode.LogOutputChannel) {
    this.disposable = vscode.tasks.onDidStartTaskProcess((e) => void this.started(e).catch((err: unknown) => this.log.error(`task guard: ${(err as Error).message}`)));
  }

  private async started(e: vscode.TaskProcessStartEvent): Promise<void> {
    const seenAt = Date.now();
    const task = e.execution.task;
    const command = taskCommandLine(task);
    if (command === undefined) return;
    const cwd = taskCwd(task);
    // Approved before this re-run: a shell task's guard takes the approval when it asks.
    if (task.execution instanceof vscode.ProcessExecution ? this.registry.takePreApproval(command) : this.registry.hasPreApproval(command)) return;
    const result = await this.assess(command, cwd);
    if (result.decision.action === 'allow') return;
    // A bash or zsh shell task asks the gate itself before running anything.
    while (Date.now() - seenAt < GUARD_GRACE_MS) {
      if (this.registry.askedFrom(e.processId, seenAt - 5_000)) return;
      await new Promise((r) => setTimeout(r, 20));
    }
    if (this.registry.askedFrom(e.processId, seenAt - 5_000)) return;
    e.execution.terminate();
    const stoppedMs = Date.now() - seenAt;
    const origin: RequestOrigin = { kind: 'task', name: task.name, gated: true, because: `task "${task.name}"` };
    const a = result.assessment;
    this.audit.write(cwd, {
      kind: 'execution', requestId: randomUUID(), source: { agent: 'task', session: task.name, path: 'task' }, command, cwd,
      assessment: { risk: a.risk, rules: a.rules.map((r) => r.id), tags: [...a.tags], summary: a.summary },
      decision: { action: 'bypass', by: 'nobody', reason: `started without a decision; the task guard terminated it ${stoppedMs} ms after it was seen to start, so it may have run briefly` },
      execution: { terminal: task.name, origin: 'task', bypass: true },
    });
    this.log.warn(`Task "${task.name}" (${a.risk}) started without a decision; terminated after ${stoppedMs} ms and held for a human.`);
    const outcome = await this.broker.decide({ agent: 'terminal', command, cwd, origin, session: `task ${task.name}`, intent: `Re-run task "${task.name}" (stopped by Airlock: it started without a decision and may have run briefly)` });
    if (outcome.verdict.action !== 'allow') return;
    this.registry.preApprove(command);
    await vscode.tasks.executeTask(task);
  }

  dispose(): void {
    this.disposable.dispose();
  }
}
