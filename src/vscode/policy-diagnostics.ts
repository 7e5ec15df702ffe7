// Problems-panel diagnostics for each workspace folder's `.airlock/policy.yaml`: parse errors and
// warnings, plus the loosening entries held back until a human accepts them. They follow unsaved
// edits (the open document's text wins over the file on disk) and vanish when the file is deleted.
import { watch } from 'node:fs';
import { dirname } from 'node:path';
import * as vscode from 'vscode';
import { heldBackMessage, policyFileDiagnostics } from '../core/policy/file-diagnostics.js';
import type { Diagnostic } from '../core/policy/parse.js';
import { acceptancePath, isAccepted, looseningEntries } from '../node/policy-acceptance.js';
import { ensurePrivateDir } from '../node/runtime-dir.js';
import { COMMANDS } from './command-ids.js';
import { offerReview, onDidAcceptPolicy } from './review-policy.js';

const REVIEW_HINT = ' — run "Airlock: Review Policy Changes…" to review and accept it';

const POLICY_SEGMENTS = ['.airlock', 'policy.yaml'] as const;

export function registerPolicyDiagnostics(): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection('airlock');
  const watcher = vscode.workspace.createFileSystemWatcher(`**/${POLICY_SEGMENTS.join('/')}`);
  // Reads from disk are asynchronous: only the newest update for a file may write its diagnostics.
  const generation = new Map<string, number>();

  const policyFiles = () => (vscode.workspace.workspaceFolders ?? []).map((f) => vscode.Uri.joinPath(f.uri, ...POLICY_SEGMENTS));
  const isPolicyFile = (uri: vscode.Uri) => policyFiles().some((p) => p.toString() === uri.toString());

  const update = async (uri: vscode.Uri): Promise<void> => {
    if (!isPolicyFile(uri)) return;
    const key = uri.toString();
    const mine = (generation.get(key) ?? 0) + 1;
    generation.set(key, mine);
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
    let text: string | undefined = open?.getText();
    if (text === undefined) {
      try {
        text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      } catch {
        text = undefined; // no file (or unreadable): nothing to show
      }
    }
    if (generation.get(key) !== mine) return;
    if (text === undefined) {
      collection.delete(uri);
      return;
    }
    // Held-back warnings show only while the exact text is not accepted by a human.
    const heldBack = new Set(looseningEntries(text).map(heldBackMessage));
    const accepted = heldBack.size > 0 && isAccepted(uri.fsPath, text);
    const diagnostics = policyFileDiagnostics(text)
      .filter((d) => !(accepted && heldBack.has(d.message)))
      .map((d) => (heldBack.has(d.message) ? { ...d, message: d.message + REVIEW_HINT } : d));
    collection.set(uri, toEditorDiagnostics(text, diagnostics));
    // Offer the review for what is on disk (what the gate applies), not for every unsaved keystroke.
    if (heldBack.size && !accepted && !open?.isDirty) offerReview(uri, text, heldBack.size);
  };
  const refreshAll = () => {
    collection.forEach((uri) => { if (!isPolicyFile(uri)) collection.delete(uri); });
    for (const uri of policyFiles()) void update(uri);
  };
  const forget = (uri: vscode.Uri) => {
    generation.set(uri.toString(), (generation.get(uri.toString()) ?? 0) + 1);
    collection.delete(uri);
  };

  refreshAll();
  return vscode.Disposable.from(
    collection, watcher, watchAcceptances(refreshAll),
    onDidAcceptPolicy.event(refreshAll),
    vscode.languages.registerCodeActionsProvider({ pattern: `**/${POLICY_SEGMENTS.join('/')}` }, new ReviewAction(), { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
    vscode.workspace.onDidOpenTextDocument((d) => void update(d.uri)),
    vscode.workspace.onDidChangeTextDocument((e) => void update(e.document.uri)),
    vscode.workspace.onDidSaveTextDocument((d) => void update(d.uri)),
    // Closing discards unsaved edits: show what is on disk again.
    vscode.workspace.onDidCloseTextDocument((d) => void update(d.uri)),
    watcher.onDidCreate((uri) => void update(uri)),
    watcher.onDidChange((uri) => void update(uri)),
    watcher.onDidDelete(forget),
    vscode.workspace.onDidChangeWorkspaceFolders(refreshAll),
  );
}

/** Core diagnostics are 1-based (0 = no position); each is underlined from its column to the end of its line. */
function toEditorDiagnostics(text: string, diagnostics: readonly Diagnostic[]): vscode.Diagnostic[] {
  const lines = text.split(/\r?\n/);
  return diagnostics.map((d) => {
    const line = Math.min(Math.max(d.line - 1, 0), Math.max(lines.length - 1, 0));
    const lineText = lines[line] ?? '';
    const start = Math.min(Math.max(d.column - 1, 0), lineText.length);
    const end = Math.max(lineText.trimEnd().length, start + 1);
    const severity = d.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning;
    const out = new vscode.Diagnostic(new vscode.Range(line, start, line, end), d.message, severity);
    out.source = 'Airlock';
    if (d.path) out.code = d.path;
    return out;
  });
}

/** Acceptances are stored outside the workspace (and may come from another window): watch their directory. */
function watchAcceptances(onChange: () => void): vscode.Disposable {
  try {
    const dir = dirname(acceptancePath('policy.yaml'));
    ensurePrivateDir(dir);
    const w = watch(dir, () => onChange());
    w.on('error', () => w.close());
    return new vscode.Disposable(() => w.close());
  } catch {
    return new vscode.Disposable(() => undefined); // no state directory: this window's own acceptances still refresh
  }
}

class ReviewAction implements vscode.CodeActionProvider {
  provideCodeActions(_doc: vscode.TextDocument, _range: vscode.Range, ctx: vscode.CodeActionContext): vscode.CodeAction[] {
    const held = ctx.diagnostics.filter((d) => d.source === 'Airlock' && d.message.endsWith(REVIEW_HINT));
    if (!held.length) return [];
    const action = new vscode.CodeAction('Review and accept the policy changes…', vscode.CodeActionKind.QuickFix);
    action.command = { command: COMMANDS.reviewPolicy, title: 'Review Policy Changes…' };
    action.diagnostics = held;
    return [action];
  }
}
