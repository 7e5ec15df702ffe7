// Reads `airlock.*` settings through the core's parseSettings, and reports their problems.
import * as vscode from 'vscode';
import { parseSettings, type Settings } from '../core/settings.js';

export const SETTINGS_SECTION = 'airlock';

export function readSettings(): Settings {
  const cfg = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  return parseSettings({
    actions: cfg.get('actions'),
    protectedPaths: cfg.get('protectedPaths'),
    productionMarkers: cfg.get('productionMarkers'),
    codeFreeze: cfg.get('codeFreeze'),
    approvalTimeoutSeconds: cfg.get('approvalTimeoutSeconds'),
  });
}
