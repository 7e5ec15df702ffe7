// Puts the terminal guard into every integrated-terminal shell through the extension's
// EnvironmentVariableCollection (src/node/shell-guard.ts says which variables and why).
// Terminals opened before this ran keep their old environment; VS Code marks them for relaunch
// and the observer still records what runs in them.
import * as vscode from 'vscode';
import { guardVariables, writeGuard, type GuardFiles } from '../node/shell-guard.js';

export function guardEnabled(): boolean {
  return vscode.workspace.getConfiguration('airlock.terminal').get<boolean>('guard') !== false;
}

/** Writes the guard files and applies (or, when the setting is off, clears) the variables. */
/** `gateId`: this window's gate (its discovery files without extension); `workspace`: its first folder. */
export function applyTerminalGuard(context: vscode.ExtensionContext, launcher: string, log: vscode.LogOutputChannel, gateId: string | undefined, workspace: string | undefined): GuardFiles | undefined {
  const collection = context.environmentVariableCollection;
  collection.clear();
  if (!guardEnabled()) {
    log.warn('Terminal guard is off (airlock.terminal.guard): commands in integrated terminals are only observed.');
    return undefined;
  }
  let files: GuardFiles;
  try {
    files = writeGuard(context.asAbsolutePath('dist/shell'), launcher);
  } catch (e) {
    // The gate and the hooks still work; terminals are then only observed, and the human is told.
    const msg = `Airlock could not write its terminal guard (${(e as Error).message}); commands in integrated terminals are only observed.`;
    log.error(msg);
    void vscode.window.showErrorMessage(msg);
    return undefined;
  }
  collection.description = 'Airlock checks commands in this terminal before they run (bash, zsh; fish best effort).';
  collection.persistent = true;
  for (const v of guardVariables(files)) {
    if (v.op === 'prepend') collection.prepend(v.name, v.value);
    else collection.replace(v.name, v.value);
  }
  // The shells of this window ask this window's gate, and audit offline into this workspace.
  if (gateId) collection.replace('AIRLOCK_GATE', gateId);
  if (workspace) collection.replace('AIRLOCK_WORKSPACE', workspace);
  log.info(`Terminal guard written to ${files.dir}`);
  return files;
}
