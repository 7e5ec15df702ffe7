// Runs the gate inside the extension host: the socket server, the decision broker, the approver
// and the audit recorder. Each window serves its own workspace roots.
import * as vscode from 'vscode';
import type { HookRequest } from '../core/hooks/types.js';
import { DecisionBroker, type Approver } from '../gate/broker.js';
import type { Assessor } from '../node/assessor.js';
import { startGateServer, type GateServer } from '../node/gate-server.js';
import { processEnv } from '../node/process-env.js';
import { workspaceRoots } from './assess-command.js';
import type { AuditRecorder } from './audit-recorder.js';

export class GateHost implements vscode.Disposable {
  readonly broker: DecisionBroker;
  private server: GateServer | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  readonly onDidChangePending = new vscode.EventEmitter<number>();

  constructor(assessor: Assessor, approver: Approver, private readonly audit: AuditRecorder, private readonly log: vscode.LogOutputChannel) {
    const counting: Approver = {
      ask: async (p, signal) => {
        this.onDidChangePending.fire(this.broker.pendingRequests.length);
        try {
          return await approver.ask(p, signal);
        } finally {
          setTimeout(() => this.onDidChangePending.fire(this.broker.pendingRequests.length), 0);
        }
      },
    };
    this.broker = new DecisionBroker({
      assess: async (req: HookRequest) => {
        const roots = workspaceRoots();
        const result = await assessor.assess({ command: req.command, cwd: req.cwd, workspaceRoots: roots, env: processEnv() });
        const root = roots[0];
        const timeoutSeconds = root ? assessor.policyFor(root).policy.approvalTimeoutSeconds : 300;
        return { ...result, timeoutSeconds: Math.min(timeoutSeconds, vscode.workspace.getConfiguration('airlock').get<number>('approvalTimeoutSeconds') ?? timeoutSeconds) };
      },
      approver: counting,
      record: (outcome, req) => {
        this.log.info(`${req.agent}: ${outcome.verdict.action} (${outcome.decidedBy}, ${outcome.assessment.risk}) in ${outcome.latencyMs} ms`);
        this.audit.recordDecision(outcome, req);
      },
    });
  }

  async start(): Promise<GateServer> {
    this.server = await startGateServer({ decide: async (req) => (await this.broker.decide(req)).verdict }, workspaceRoots());
    this.disposables.push(vscode.workspace.onDidChangeWorkspaceFolders(() => this.server?.updateRoots(workspaceRoots())));
    this.log.info(`Gate listening on ${this.server.socketPath}`);
    return this.server;
  }

  get socketPath(): string | undefined {
    return this.server?.socketPath;
  }

  dispose(): void {
    this.broker.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
    void this.server?.close();
    this.onDidChangePending.dispose();
  }
}

