// Shared helpers for the integration suites (they run inside the extension host of the real editor).
import * as assert from 'node:assert';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'airlock-dev.airlock';

export interface CommandContribution {
  command: string;
  title: string;
  category?: string;
}
export interface SettingSchema {
  type?: string | string[];
  scope?: string;
  default?: unknown;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  items?: { type?: string };
}
export interface Manifest {
  name: string;
  publisher: string;
  contributes?: {
    commands?: CommandContribution[];
    configuration?: { properties?: Record<string, SettingSchema> } | { properties?: Record<string, SettingSchema> }[];
    viewsContainers?: { activitybar?: { id: string; title: string; icon?: string }[] };
    views?: Record<string, { id: string; name: string; type?: string }[]>;
  };
}

export function airlock(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed in the editor`);
  return ext;
}

export function manifest(): Manifest {
  return airlock().packageJSON as Manifest;
}

/** Every setting declared in contributes.configuration (which may be one object or an array). */
export function declaredSettings(): [string, SettingSchema][] {
  const conf = manifest().contributes?.configuration;
  const list = Array.isArray(conf) ? conf : conf ? [conf] : [];
  return list.flatMap((c) => Object.entries(c.properties ?? {}));
}

export async function activated(): Promise<vscode.Extension<unknown>> {
  const ext = airlock();
  if (!ext.isActive) await ext.activate();
  return ext;
}

export function workspaceFolder(): vscode.WorkspaceFolder {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test workspace is open');
  return folder;
}

/** Resolves when `pred` holds, polling; rejects after `ms`. */
export async function eventually(pred: () => boolean | Promise<boolean>, ms = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await pred()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
