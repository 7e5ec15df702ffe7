// Airlock's activation: reads like a table of contents; each editor touch-point lives in its own file.
import * as vscode from 'vscode';
import { Assessor } from '../node/assessor.js';
import { defaultLauncherOptions, writeLauncher } from '../node/launcher.js';
import { loadShellParser } from '../node/parser-loader.js';
import { registerAssessCommand, workspaceRoots } from './assess-command.js';
import { AuditRecorder } from './audit-recorder.js';
import { COMMANDS, VIEW_ID } from './command-ids.js';
import { exportAuditCommand } from './export-audit.js';
import { GateHost } from './gate-host.js';
import { hookedAgents, installHooks, removeHooks } from './hook-installer.js';
import { PanelApprover } from './panel-approver.js';
import { PanelAudit } from './panel-audit.js';
import { PanelView } from './panel-view.js';
import { registerPolicyDiagnostics } from './policy-diagnostics.js';
import { PolicyReviewHost } from './review-policy.js';
import { readSettings, SETTINGS_SECTION } from './settings.js';
import { WorkspaceSnapshots } from './snapshots.js';
import { StatusBar } from './status-bar.js';
import { TaskGuard } from './task-guard.js';
import { applyTerminalGuard, guardEnabled } from './terminal-guard.js';
import { TerminalObserver, type AssessLine } from './terminal-observer.js';
import { TerminalRegistry } from './terminal-registry.js';
import { verifyAuditCommand } from './verify-audit.js';

export interface AirlockApi {
  /** Milliseconds from activate() start until the gate was listening. */
  readonly activationMs: number;
  readonly assess: ReturnType<typeof registerAssessCommand>;
  readonly gateSocket: string | undefined;
  readonly launcher: string;
  /** For the editor tests: which terminal or task a shell belongs to. */
  readonly terminals: TerminalRegistry;
  /** For the editor tests: restores the snapshot linked to a History entry, as its button does. */
  readonly restoreSnapshot: (requestId: string) => Promise<string>;
}

export async function activate(context: vscode.ExtensionContext): Promise<AirlockApi> {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('Airlock', { log: true });
  const assessor = new Assessor(undefined, () => readSettings().policy);
  const audit = new AuditRecorder(log);
  const status = new StatusBar();
  const snapshots = new WorkspaceSnapshots(log);
  const history: PanelAudit = new PanelAudit(audit, () => panel, log, snapshots);
  const panel = new PanelView(
    context.extensionUri,
    (command) => void vscode.commands.executeCommand(COMMANDS.assessCommand, command),
    () => { postStatus(); history.postHistory(); policyReview.refresh(); },
    (action) => history.handle(action),
    (msg) => (msg.type === 'acceptPolicy' ? void policyReview.accept(msg.sha256) : void policyReview.showDiff()),
  );
  const policyReview = new PolicyReviewHost(audit, panel);
  const terminals = new TerminalRegistry();
  const gate = new GateHost(assessor, new PanelApprover(panel), audit, log, terminals, snapshots);
  const assessLine: AssessLine = (command, cwd) => gate.assessLine(command, cwd);
  const postStatus = () => {
    const root = workspaceRoots()[0];
    const loaded = root ? assessor.policyFor(root) : undefined;
    panel.post({ type: 'status', status: {
      workspace: root ?? 'no folder open',
      policySource: loaded?.source ?? 'settings only',
      policyProblems: (loaded?.diagnostics.length ?? 0) + readSettings().diagnostics.length,
    } });
  };
  const assess = registerAssessCommand(assessor, panel);
  const refreshHooked = () => status.setHooked(hookedAgents());

  context.subscriptions.push(
    log, audit, status, gate, panel, history, policyReview, terminals,
    new TerminalObserver(terminals, audit, assessLine, log),
    new TaskGuard(terminals, gate.broker, audit, assessLine, log),
    vscode.window.registerWebviewViewProvider(VIEW_ID, panel),
    registerPolicyDiagnostics(),
    vscode.commands.registerCommand(COMMANDS.assessCommand, assess),
    vscode.commands.registerCommand(COMMANDS.showPanel, () => vscode.commands.executeCommand(`${VIEW_ID}.focus`)),
    vscode.commands.registerCommand(COMMANDS.installHooks, async (args?: Parameters<typeof installHooks>[0]) => { const r = await installHooks(args); refreshHooked(); return r; }),
    vscode.commands.registerCommand(COMMANDS.removeHooks, async (args?: Parameters<typeof removeHooks>[0]) => { const r = await removeHooks(args); refreshHooked(); return r; }),
    vscode.commands.registerCommand(COMMANDS.showStatus, () => showStatus(gate, audit)),
    vscode.commands.registerCommand(COMMANDS.resumeSessions, () => gate.resumeSessions()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('airlock.terminal.guard')) applyGuard();
    }),
    vscode.commands.registerCommand(COMMANDS.verifyAudit, () => verifyAuditCommand(audit)),
    vscode.commands.registerCommand(COMMANDS.exportAudit, () => exportAuditCommand(audit)),
    gate.onDidChangePending.event((n) => status.setPending(n)),
    audit.onDidChangeHealth.event((ok) => status.setAuditHealthy(ok)),
    audit.onDidWrite.event(() => history.schedule()),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration(SETTINGS_SECTION) && postStatus()),
  );

  await loadShellParser(context.asAbsolutePath('dist'));
  const launcher = writeLauncher(defaultLauncherOptions(context.asAbsolutePath('dist/hook.js')));
  const server = await gate.start();
  const applyGuard = () => status.setTerminalGuard(!!applyTerminalGuard(context, launcher, log, server.gateId, workspaceRoots()[0]));
  applyGuard();
  void snapshots.pruneAll();
  context.subscriptions.push(vscode.workspace.onDidChangeWorkspaceFolders(() => applyGuard()));
  refreshHooked();
  const activationMs = performance.now() - started;
  log.info(`Airlock activated in ${activationMs.toFixed(1)} ms; hook launcher at ${launcher}`);
  for (const d of readSettings().diagnostics) log.warn(`setting ${d.path}: ${d.message}`);
  return { activationMs, assess, gateSocket: gate.socketPath, launcher, terminals, restoreSnapshot: (id) => history.restore(id) };
}

async function showStatus(gate: GateHost, audit: AuditRecorder): Promise<string> {
  const hooked = hookedAgents();
  const lines = [
    `Hooked agents: ${hooked.length ? hooked.join(', ') : 'none — run "Airlock: Install Agent Hooks"'}`,
    `Gate: ${gate.socketPath ? 'listening' : 'not running'}; ${gate.waiting} request(s) waiting`,
    `Audit file: ${audit.fileFor(undefined) ?? 'no folder open'} (${audit.healthy ? 'writing' : 'FAILING'})`,
    guardEnabled()
      ? 'Terminal guard: on for bash and zsh (terminals opened before Airlock started are only observed until they are restarted)'
      : 'Terminal guard: OFF (airlock.terminal.guard); terminal commands are only observed',
  ];
  void vscode.window.showInformationMessage('Airlock protection status', { modal: true, detail: lines.join('\n') });
  return lines.join('\n');
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions; held requests are denied by GateHost.
}
