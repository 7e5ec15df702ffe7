// "Airlock: Install Agent Hooks" / "Remove Agent Hooks" / "Show Protection Status". The core does
// the JSON edits; this file picks agents and scope, reads and writes the files, and reports.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { hasHookEntry, HOOK_TARGETS, installHookEntry, removeHookEntry, type HookScope, type HookTarget } from '../core/hooks/install.js';
import { launcherPath } from '../node/launcher.js';
import { workspaceRoots } from './assess-command.js';

interface Place { readonly target: HookTarget; readonly scope: HookScope; readonly file: string }

function places(scope: HookScope): Place[] {
  const base = scope === 'user' ? homedir() : workspaceRoots()[0];
  if (!base) return [];
  return HOOK_TARGETS.flatMap((target) => {
    const rel = target.file[scope];
    return rel ? [{ target, scope, file: join(base, rel) }] : [];
  });
}

/** Agents that look present: their user config directory exists, or we are running inside Cursor. */
function detected(p: Place): boolean {
  const dir = join(homedir(), `.${p.target.agent === 'claude-code' ? 'claude' : p.target.agent === 'copilot-cli' ? 'copilot' : p.target.agent}`);
  return existsSync(dir) || existsSync(p.file) || (p.target.agent === 'cursor' && /cursor/i.test(vscode.env.appName));
}

function read(file: string): string {
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

function write(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.airlock-tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

/** Keeps workspace-scope files out of commits via .git/info/exclude (never edits .gitignore). */
function excludeFromGit(root: string, rel: string): void {
  const exclude = join(root, '.git', 'info', 'exclude');
  if (!existsSync(dirname(exclude))) return;
  const current = read(exclude);
  if (!current.split('\n').includes(rel)) writeFileSync(exclude, `${current}${current.endsWith('\n') || !current ? '' : '\n'}${rel}\n`);
}

export async function installHooks(args?: { scope?: HookScope; agents?: string[] }): Promise<string[]> {
  const scope = args?.scope ?? (await vscode.window.showQuickPick([
    { label: 'Workspace (local, not committed)', scope: 'workspace' as const },
    { label: 'User-wide', scope: 'user' as const },
  ], { title: 'Airlock: install hooks where?' }))?.scope;
  if (!scope) return [];
  const all = places(scope);
  const chosen = args?.agents
    ? all.filter((p) => args.agents!.includes(p.target.agent))
    : (await vscode.window.showQuickPick(all.map((p) => ({ label: p.target.label, description: p.file, picked: detected(p), place: p })), { canPickMany: true, title: 'Airlock: which agents?' }))?.map((i) => i.place) ?? [];
  const launcher = launcherPath();
  const done: string[] = [];
  for (const p of chosen) {
    const r = installHookEntry(p.target.agent, read(p.file), p.file, launcher);
    if ('error' in r) {
      void vscode.window.showErrorMessage(`Airlock: ${r.error}`);
      continue;
    }
    if (r.changed) write(p.file, r.text);
    if (scope === 'workspace' && workspaceRoots()[0]) excludeFromGit(workspaceRoots()[0]!, p.target.file.workspace!);
    done.push(p.target.agent);
  }
  if (done.length && !args) void vscode.window.showInformationMessage(`Airlock hooks installed for ${done.join(', ')} (${scope}).`);
  return done;
}

export async function removeHooks(args?: { scope?: HookScope }): Promise<string[]> {
  const removed: string[] = [];
  for (const scope of args?.scope ? [args.scope] : (['workspace', 'user'] as const)) {
    for (const p of places(scope)) {
      if (!existsSync(p.file)) continue;
      const r = removeHookEntry(p.target.agent, read(p.file), p.file);
      if ('error' in r) {
        void vscode.window.showErrorMessage(`Airlock: ${r.error}`);
        continue;
      }
      if (r.changed) {
        write(p.file, r.text);
        removed.push(`${p.target.agent} (${scope})`);
      }
    }
  }
  if (!args) void vscode.window.showInformationMessage(removed.length ? `Airlock hooks removed: ${removed.join(', ')}.` : 'No Airlock hooks were installed.');
  return removed;
}

export function hookedAgents(): string[] {
  const out: string[] = [];
  for (const scope of ['workspace', 'user'] as const) {
    for (const p of places(scope)) if (existsSync(p.file) && hasHookEntry(p.target.agent, read(p.file))) out.push(`${p.target.agent} (${scope})`);
  }
  return out;
}
