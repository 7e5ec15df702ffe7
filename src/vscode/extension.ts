// Airlock's activation: reads like a table of contents; each editor touch-point lives in its own file.
import * as vscode from 'vscode';
import { Assessor } from '../node/assessor.js';
import { loadShellParser } from '../node/parser-loader.js';
import { registerAssessCommand, workspaceRoots } from './assess-command.js';
import { COMMANDS, VIEW_ID } from './command-ids.js';
import { PanelView } from './panel-view.js';
import { readSettings, SETTINGS_SECTION } from './settings.js';

export interface AirlockApi {
  /** Milliseconds from activate() start until the parser was ready. */
  readonly activationMs: number;
  readonly assess: ReturnType<typeof registerAssessCommand>;
}

export async function activate(context: vscode.ExtensionContext): Promise<AirlockApi> {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('Airlock', { log: true });
  const assessor = new Assessor(undefined, () => readSettings().policy);

  const panel = new PanelView(context.extensionUri, (command) => void vscode.commands.executeCommand(COMMANDS.assessCommand, command), () => postStatus());
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

  context.subscriptions.push(
    log,
    panel,
    vscode.window.registerWebviewViewProvider(VIEW_ID, panel),
    vscode.commands.registerCommand(COMMANDS.assessCommand, assess),
    vscode.commands.registerCommand(COMMANDS.showPanel, () => vscode.commands.executeCommand(`${VIEW_ID}.focus`)),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration(SETTINGS_SECTION) && postStatus()),
  );

  await loadShellParser(context.asAbsolutePath('dist'));
  const activationMs = performance.now() - started;
  log.info(`Airlock activated in ${activationMs.toFixed(1)} ms`);
  for (const d of readSettings().diagnostics) log.warn(`setting ${d.path}: ${d.message}`);
  return { activationMs, assess };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
