// Runs the gate inside the extension host: the socket server, the decision broker, the approver
// and the audit recorder. Each window serves its own workspace roots.
import { homedir } from 'node:os';
import * as vscode from 'vscode';
import { decide } from '../core/policy/decide.js';
import { requester, type HookRequest } from '../core/hooks/types.js';
import { DecisionBroker, type Approver, type Snapshotter } from '../gate/broker.js';
import type { AssessResult, Assessor } from '../node/assessor.js';
import { startGateServer, type GateServer } from '../node/gate-server.js';
import { processEnv } from '../node/process-env.js';
import { workspaceRoots } from './assess-command.js';
import { sourceOf, type AuditRecorder } from './audit-recorder.js';
import type { TerminalRegistry } from './terminal-registry.js';

const RESUME = 'Resume session';

export class GateHost implements vscode.Disposable {
  readonly broker: DecisionBroker;
  private server: GateServer | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  readonly onDidChangePending = new vscode.EventEmitter<number>();
  /** Requests shown to a human right now (held, or cooling off after approval). */
  private shown = 0;
  /** Assesses a command line with the workspace policy, as the gate would. */
  readonly assessLine: (command: string, cwd: string | undefined) => Promise<AssessResult>;

  constructor(assessor: Assessor, approver: Approver, private readonly audit: AuditRecorder, private readonly log: vscode.LogOutputChannel, private readonly terminals: TerminalRegistry, snapshots: Snapshotter) {
    // What waits is what the panel shows. The broker's own list is not that: an approved request stays
    // in it while its snapshot is taken, and during a cooling-off it holds the request twice.
    const counting: Approver = {
      update: (p) => approver.update?.(p),
      ask: async (p, signal) => {
        this.onDidChangePending.fire(++this.shown);
        try {
          return await approver.ask(p, signal);
        } finally {
          this.onDidChangePending.fire(--this.shown);
        }
      },
    };
    this.assessLine = (command, cwd) => assessor.assess({ command, cwd, workspaceRoots: workspaceRoots(), env: processEnv() });
    this.broker = new DecisionBroker({
      assess: async (req: HookRequest) => {
        const roots = workspaceRoots();
        const result = await this.assessLine(req.command, req.cwd);
        const root = roots[0];
        const timeoutSeconds = root ? assessor.policyFor(root).policy.approvalTimeoutSeconds : 300;
        return { ...result, timeoutSeconds: Math.min(timeoutSeconds, vscode.workspace.getConfiguration('airlock').get<number>('approvalTimeoutSeconds') ?? timeoutSeconds) };
      },
      approver: counting,
      shortcut: (req) => {
        if (!req.origin) return undefined;
        if (req.shell && this.terminals.takePreApproval(req.command)) return { decidedBy: 'human', reason: 'approved by a human in the editor before this re-run' };
        if (!req.origin.gated) return { decidedBy: 'audit-only', reason: `recorded only: "${req.origin.name}" is your own terminal (${req.origin.because}), and your terminals are audit-only (setting airlock.terminal.gateHumanTerminals)` };
        const chain = this.chains.get(req);
        const parent = chain && req.shell?.mode === 'command-string' ? this.terminals.coveredByParent(chain, req.command) : undefined;
        return parent ? { decidedBy: 'parent-approval', reason: `covered by the decision ${parent.requestId} on the line that started it` } : undefined;
      },
      redecide: (req, assessment) => decide(assessment, assessor.policyFor(workspaceRoots()[0] ?? req.cwd ?? homedir()).policy),
      home: homedir(),
      snapshots,
      coolingOffSeconds: () => vscode.workspace.getConfiguration('airlock').get<number>('coolingOffSeconds') ?? 10,
      onBurst: (trip, req) => {
        const who = requester(req);
        const note = `burst breaker: ${who} sent ${trip.count} high or critical requests within ${Math.round(trip.windowMs / 1000)} s; the session is paused and every request it sends is held for a human`;
        this.log.warn(note);
        this.audit.write(req.cwd, { kind: 'notice', source: sourceOf(req), note });
        void vscode.window.showErrorMessage(`Airlock paused ${who}: ${trip.count} high or critical requests within ${Math.round(trip.windowMs / 1000)} s. Everything it sends now waits for you.`, RESUME).then((c) => {
          if (c === RESUME) this.resume(trip.session, req);
        });
      },
      record: (outcome, req) => {
        this.log.info(`${requester(req)}: ${outcome.verdict.action} (${outcome.decidedBy}, ${outcome.assessment.risk}) in ${outcome.latencyMs} ms`);
        this.audit.recordDecision(outcome, req);
      },
    });
  }

  /** A human resumed a paused session (recorded). */
  resume(session: string, req?: HookRequest): boolean {
    if (!this.broker.breaker.resume(session)) return false;
    this.audit.write(req?.cwd, { kind: 'notice', ...(req && { source: sourceOf(req) }), note: `burst breaker: a human resumed the session ${session}` });
    return true;
  }

  /** "Airlock: Resume Paused Agent Sessions…" */
  async resumeSessions(): Promise<string[]> {
    const paused = this.broker.breaker.paused();
    if (!paused.length) {
      void vscode.window.showInformationMessage('Airlock: no agent session is paused.');
      return [];
    }
    const picked = await vscode.window.showQuickPick(paused.map((t) => ({ label: t.session, description: `${t.count} risky requests within ${Math.round(t.windowMs / 1000)} s`, picked: true })), { canPickMany: true, title: 'Resume which paused agent sessions?' });
    return (picked ?? []).filter((p) => this.resume(p.label)).map((p) => p.label);
  }

  private configureBreaker(): void {
    const cfg = vscode.workspace.getConfiguration('airlock.burst');
    this.broker.breaker.configure({ threshold: Math.max(2, cfg.get<number>('threshold') ?? 5), windowMs: Math.max(5, cfg.get<number>('windowSeconds') ?? 60) * 1000 });
  }

  /** The pid chain of each terminal request while it is being decided. */
  private readonly chains = new WeakMap<HookRequest, number[]>();

  /** Terminal-guard requests learn which terminal or task they come from before the broker sees them. */
  async decide(incoming: HookRequest, onHeld?: () => void) {
    if (!incoming.shell) return this.broker.decide(incoming, onHeld);
    const { origin, chain, root } = await this.terminals.originFor(incoming.shell);
    const req: HookRequest = { ...incoming, origin, session: `${origin.name}#${root}` };
    this.chains.set(req, chain);
    // Noted as soon as it arrives, so the task guard sees that this shell asked.
    const noted = this.terminals.record(req, chain);
    const outcome = await this.broker.decide(req, onHeld);
    if (noted) Object.assign(noted, { requestId: outcome.id, action: outcome.verdict.action });
    return outcome;
  }

  async start(): Promise<GateServer> {
    this.configureBreaker();
    this.disposables.push(vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('airlock.burst') && this.configureBreaker()));
    this.server = await startGateServer({ decide: async (req, onHeld) => (await this.decide(req, onHeld)).verdict }, workspaceRoots());
    this.disposables.push(vscode.workspace.onDidChangeWorkspaceFolders(() => this.server?.updateRoots(workspaceRoots())));
    this.log.info(`Gate listening on ${this.server.socketPath}`);
    return this.server;
  }

  get waiting(): number {
    return this.shown;
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

