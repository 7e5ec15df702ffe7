// "Airlock: Assess Command…": assesses a typed or selected command without running it.
import * as vscode from 'vscode';
import type { AssessResult, Assessor } from '../node/assessor.js';
import { processEnv } from '../node/process-env.js';
import type { PanelView } from './panel-view.js';

export function workspaceRoots(): string[] {
  return (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
}

export async function assessAndShow(assessor: Assessor, panel: PanelView, command: string): Promise<AssessResult> {
  const roots = workspaceRoots();
  const result = await assessor.assess({
    command,
    cwd: roots[0],
    workspaceRoots: roots,
    env: processEnv(),
  });
  panel.post({ type: 'assessment', assessment: result.assessment, decision: result.decision });
  return result;
}

export function registerAssessCommand(assessor: Assessor, panel: PanelView): (arg?: unknown) => Promise<AssessResult | undefined> {
  return async (arg?: unknown) => {
    const editor = vscode.window.activeTextEditor;
    const selection = editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection) : undefined;
    const command = typeof arg === 'string' ? arg : await vscode.window.showInputBox({
      title: 'Airlock: Assess Command',
      prompt: 'A shell command to assess. Nothing is run.',
      value: selection,
      ignoreFocusOut: true,
    });
    if (!command?.trim()) return undefined;
    await vscode.commands.executeCommand('airlock.panel.focus');
    return assessAndShow(assessor, panel, command);
  };
}
