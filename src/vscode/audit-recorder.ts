// Records every gate decision in the workspace's audit file. Writing failures (disk full,
// read-only) never block the gate's answer: they are kept in memory, retried with the next record,
// and reported to the human, so nothing is silently lost.
import { isAbsolute, join } from 'node:path';
import * as vscode from 'vscode';
import type { AuditBody, AuditSource } from '../core/audit/record.js';
import type { HookRequest } from '../core/hooks/types.js';
import type { BrokerOutcome } from '../gate/broker.js';
import { appendAudit, DEFAULT_AUDIT_PATH } from '../node/audit-log.js';

const MAX_BACKLOG = 10_000;

/** Hooks are recorded under the agent's format; terminal requests under who the terminal belongs to. */
export function sourceOf(req: HookRequest): AuditSource {
  const o = req.origin;
  if (!o) return { agent: req.agent, session: req.session, path: 'hook' };
  return { agent: o.kind === 'agent' ? o.agent ?? 'agent' : o.kind, session: o.name, path: o.kind === 'task' ? 'task' : 'terminal' };
}

export class AuditRecorder {
  private readonly backlog: { file: string; body: AuditBody }[] = [];
  private failing = false;
  readonly onDidChangeHealth = new vscode.EventEmitter<boolean>();
  /** Fires after records were written (the panel's History refreshes). */
  readonly onDidWrite = new vscode.EventEmitter<void>();

  constructor(private readonly log: vscode.LogOutputChannel) {}

  get healthy(): boolean {
    return !this.failing;
  }

  fileFor(cwd: string | undefined): string | undefined {
    const folder = (cwd && vscode.workspace.getWorkspaceFolder(vscode.Uri.file(cwd))) || vscode.workspace.workspaceFolders?.[0];
    if (!folder) return undefined;
    const setting = vscode.workspace.getConfiguration('airlock', folder.uri).get<string>('auditFile') || DEFAULT_AUDIT_PATH;
    return isAbsolute(setting) ? setting : join(folder.uri.fsPath, setting);
  }

  recordDecision(outcome: BrokerOutcome, req: HookRequest): void {
    const a = outcome.assessment;
    const by = ({ 'session-approval': 'human', 'parent-approval': 'policy', policy: 'policy', human: 'human', timeout: 'timeout', error: 'error', 'audit-only': 'audit-only' } as const)[outcome.decidedBy];
    this.write(req.cwd, {
      kind: 'decision', requestId: outcome.id,
      source: sourceOf(req),
      command: req.command, cwd: req.cwd,
      assessment: { risk: a.risk, rules: a.rules.map((r) => r.id), tags: [...a.tags], summary: a.summary },
      decision: { action: outcome.verdict.action, by, reason: outcome.verdict.action === 'allow' ? outcome.verdict.userMessage : outcome.verdict.agentMessage },
      latencyMs: outcome.latencyMs,
      ...(outcome.snapshot && { snapshot: outcome.snapshot }),
    });
  }

  write(cwd: string | undefined, body: AuditBody): void {
    const file = this.fileFor(cwd);
    if (!file) return;
    this.backlog.push({ file, body });
    if (this.backlog.length > MAX_BACKLOG) this.backlog.shift();
    while (this.backlog.length) {
      const next = this.backlog[0]!;
      try {
        appendAudit(next.file, next.body);
        this.backlog.shift();
      } catch (e) {
        if (!this.failing) {
          this.failing = true;
          this.onDidChangeHealth.fire(false);
          const msg = `Airlock cannot write its audit file ${next.file}: ${(e as Error).message}. Decisions are still enforced; ${this.backlog.length} record(s) are held in memory and retried.`;
          this.log.error(msg);
          void vscode.window.showErrorMessage(msg);
        }
        return;
      }
    }
    this.onDidWrite.fire();
    if (this.failing) {
      this.failing = false;
      this.onDidChangeHealth.fire(true);
      this.log.info('Audit writing recovered; held records were written.');
    }
  }

  dispose(): void {
    this.onDidChangeHealth.dispose();
    this.onDidWrite.dispose();
  }
}
