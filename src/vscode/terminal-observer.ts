// Watches every shell execution in integrated terminals (VS Code's shell integration events) and
// records it in the audit file: the line, the terminal, whose it is, and the exit code. An
// execution is linked to the guard decision that let it run; a risky one in a gated terminal that
// ran with no decision is a bypass: it is recorded as such and the human is alerted at once.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { AuditSource } from '../core/audit/record.js';
import type { RequestOrigin } from '../core/hooks/types.js';
import { redact } from '../core/redact.js';
import type { AssessResult } from '../node/assessor.js';
import type { AuditRecorder } from './audit-recorder.js';
import type { GuardDecision, TerminalRegistry } from './terminal-registry.js';

export type AssessLine = (command: string, cwd: string | undefined) => Promise<AssessResult>;

/** VS Code reports the start before the guard's request reaches the gate: wait this long for it. */
const GUARD_GRACE_MS = 1_500;
/** A gated terminal without shell integration by then is one Airlock can neither check nor see. */
const UNSEEN_AFTER_MS = 8_000;

interface Seen {
  readonly requestId: string;
  /** The guard's decision, filled in when the gate has decided. */
  readonly decision?: GuardDecision;
  readonly source: AuditSource;
  /** A bypass is written when it starts; the others when they end. */
  readonly written: boolean;
  readonly body: { command: string; cwd?: string; origin: RequestOrigin; terminal: string; result?: AssessResult };
}

const sourceFor = (o: RequestOrigin): AuditSource => ({ agent: o.kind === 'agent' ? o.agent ?? 'agent' : o.kind, session: o.name, path: 'observer' });

export class TerminalObserver implements vscode.Disposable {
  private readonly seen = new WeakMap<vscode.TerminalShellExecution, Promise<Seen | undefined>>();
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly registry: TerminalRegistry, private readonly audit: AuditRecorder, private readonly assess: AssessLine, private readonly log: vscode.LogOutputChannel) {
    this.disposables = [
      vscode.window.onDidStartTerminalShellExecution((e) => this.seen.set(e.execution, this.started(e.terminal, e.execution).catch((err: unknown) => {
        this.log.error(`observer: ${(err as Error).message}`);
        return undefined;
      }))),
      vscode.window.onDidEndTerminalShellExecution((e) => void this.ended(e).catch((err: unknown) => this.log.error(`observer: ${(err as Error).message}`))),
      vscode.window.onDidOpenTerminal((t) => {
        const timer = setTimeout(() => this.checkVisible(t), UNSEEN_AFTER_MS);
        this.disposables.push({ dispose: () => clearTimeout(timer) });
      }),
    ];
  }

  /**
   * A shell without shell integration (sh/dash, a custom shell) reports no commands, and the guard
   * is not in it: an agent could run anything there unseen. Said once, on the record and to the human.
   */
  private checkVisible(t: vscode.Terminal): void {
    if (t.exitStatus || t.shellIntegration) return;
    const origin = this.registry.originOfTerminal(t);
    if (!origin.gated) return;
    const shell = (t.creationOptions as Partial<vscode.TerminalOptions>).shellPath ?? 'its shell';
    const note = `terminal "${t.name}" (${origin.because}; ${shell}) has no shell integration: Airlock can neither check nor see the commands run in it`;
    this.audit.write(undefined, { kind: 'notice', source: sourceFor(origin), note });
    this.log.warn(note);
    void vscode.window.showWarningMessage(`Airlock: ${note}. Use bash or zsh for agents' terminals.`);
  }

  private async started(terminal: vscode.Terminal, execution: vscode.TerminalShellExecution): Promise<Seen | undefined> {
    const command = execution.commandLine.value;
    if (!command.trim()) return undefined;
    const origin = this.registry.originOfTerminal(terminal);
    const cwd = execution.cwd?.fsPath;
    const pid = this.registry.terminalPid(terminal);
    const body = { command, cwd, origin, terminal: terminal.name };
    const result = await this.assess(command, cwd);
    const requestId = randomUUID();
    const needsDecision = result.decision.action !== 'allow';
    const decision = pid === undefined ? undefined : await this.decisionFor(pid, command, needsDecision ? GUARD_GRACE_MS : 0);
    if (decision) return { requestId, decision, source: sourceFor(origin), written: true, body };
    if (!origin.gated || !needsDecision) return { requestId, source: sourceFor(origin), written: false, body: { ...body, result } };
    // Risky, in a gated terminal, and no decision: the guard was not in this shell (opened before
    // Airlock started, the guard switched off, an unsupported shell) or was worked around.
    this.write(requestId, body, result, true);
    const a = result.assessment;
    this.log.warn(`BYPASS: ${a.risk} command ran in terminal "${terminal.name}" (${origin.because}) without a decision`);
    void vscode.window.showErrorMessage(
      `Airlock: a ${a.risk.toUpperCase()} command ran in terminal "${terminal.name}" without a decision (bypass): ${redact(command).slice(0, 160)}`,
      'Show Airlock',
    ).then((c) => c && vscode.commands.executeCommand('airlock.showPanel'));
    return { requestId, source: sourceFor(origin), written: true, body };
  }

  private async decisionFor(pid: number, command: string, graceMs: number): Promise<GuardDecision | undefined> {
    const until = Date.now() + graceMs;
    for (;;) {
      const d = this.registry.takeDecision(pid, command);
      if (d || Date.now() >= until) return d;
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  private write(requestId: string, body: Seen['body'], result: AssessResult, bypass: boolean, exitCode?: number): void {
    const a = result.assessment;
    this.audit.write(body.cwd, {
      kind: 'execution', requestId, source: sourceFor(body.origin), command: body.command, cwd: body.cwd,
      assessment: { risk: a.risk, rules: a.rules.map((r) => r.id), tags: [...a.tags], summary: a.summary },
      decision: bypass
        ? { action: 'bypass', by: 'nobody', reason: `ran in a gated terminal (${body.origin.because}) without a decision; the policy says ${result.decision.action}` }
        : { action: 'ran', by: 'nobody', reason: body.origin.gated ? 'needed no decision' : `recorded only (${body.origin.because})` },
      execution: { terminal: body.terminal, origin: body.origin.kind, bypass },
      ...(exitCode !== undefined && { exitCode }),
    });
  }

  private async ended(e: vscode.TerminalShellExecutionEndEvent): Promise<void> {
    const seen = await (this.seen.get(e.execution) ?? this.started(e.terminal, e.execution));
    if (!seen) return;
    const exitCode = e.exitCode ?? null;
    if (!seen.written && seen.body.result) {
      this.write(seen.requestId, seen.body, seen.body.result, false, e.exitCode);
      return;
    }
    this.audit.write(seen.body.cwd, {
      kind: 'outcome', requestId: seen.decision?.requestId || seen.requestId, source: seen.source, command: seen.body.command, cwd: seen.body.cwd, exitCode,
      note: `ran in terminal "${seen.body.terminal}"${exitCode === 126 ? '; exit 126: the guard skipped it' : ''}`,
    });
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
