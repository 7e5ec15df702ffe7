// A workspace `.airlock/policy.yaml` that loosens the defaults is held back until a human accepts it
// in the Airlock panel: a "Policy changes waiting" card lists the held-back entries with "Show diff"
// (the last accepted text, or the defaults' note, against the file) and "Accept". Accept sends back
// only the sha256 of the text the card was made from; acceptPolicy() (which audits the acceptance and
// stores it outside the workspace) runs only if the file on disk still has exactly that hash.
// "Airlock: Review Policy Changes…" opens the diff and reveals the card. Any later edit makes the
// file pending again.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { sha256 } from '../node/audit-log.js';
import { POLICY_RELATIVE_PATH } from '../node/assessor.js';
import { acceptPolicy as acceptPolicyText, isAccepted, looseningEntries, readAcceptance, type PolicyAcceptance } from '../node/policy-acceptance.js';
import type { PolicyReview } from '../protocol/webview.js';
import type { AuditRecorder } from './audit-recorder.js';
import { COMMANDS, VIEW_ID } from './command-ids.js';
import type { PanelView } from './panel-view.js';

export const ACCEPTED_SCHEME = 'airlock-accepted';

const NO_ACCEPTED_POLICY = [
  '# No policy from this file has been accepted yet: Airlock applies its defaults',
  '# (and any tightening in the workspace policy file).',
  '',
].join('\n');

/** Fires after an acceptance is stored in this window, so diagnostics and the gate see it at once. */
export const onDidAcceptPolicy = new vscode.EventEmitter<string>();

/**
 * The part after the human clicked "Accept": audits a `policy-change` record and stores the
 * acceptance of exactly `text` for `file`. Tests call it directly.
 */
export function acceptPolicy(file: string, text: string, auditFile: string): PolicyAcceptance {
  const accepted = acceptPolicyText(file, text, auditFile);
  onDidAcceptPolicy.fire(accepted.file);
  return accepted;
}

/** The read-only left side of the diff: the last accepted text of the policy file in the URI's path. */
class AcceptedPolicyProvider implements vscode.TextDocumentContentProvider {
  readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  provideTextDocumentContent(uri: vscode.Uri): string {
    return readAcceptance(uri.fsPath)?.text ?? NO_ACCEPTED_POLICY;
  }
}

function policyFile(): { folder: vscode.WorkspaceFolder; file: string } | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder || folder.uri.scheme !== 'file') return undefined;
  return { folder, file: join(folder.uri.fsPath, POLICY_RELATIVE_PATH) };
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

const plural = (n: number) => `${n} loosening entr${n === 1 ? 'y' : 'ies'}`;

/** The workspace policy as it is on disk, with the entries it would loosen (empty when accepted). */
function heldBack(): { folder: vscode.WorkspaceFolder; file: string; text: string; entries: readonly string[] } | undefined {
  const target = policyFile();
  const text = target && readText(target.file);
  if (!target || text === undefined) return undefined;
  const entries = looseningEntries(text);
  return { ...target, text, entries: entries.length && !isAccepted(target.file, text) ? entries : [] };
}

export type AcceptOutcome = 'accepted' | 'changed' | 'nothing-held';

/**
 * The panel's "Accept": accepts the policy file only if its text on disk still has `shownSha256`,
 * the hash of the text the card (and its diff) was made from. Tests call it directly.
 */
export function acceptIfUnchanged(file: string, shownSha256: string, auditFile: string): AcceptOutcome {
  const text = readText(file);
  if (text === undefined || sha256(text) !== shownSha256) return 'changed';
  if (!looseningEntries(text).length || isAccepted(file, text)) return 'nothing-held';
  acceptPolicy(file, text, auditFile);
  return 'accepted';
}

/** Keeps the panel's "Policy changes waiting" card in step with the file, and answers its buttons. */
export class PolicyReviewHost implements vscode.Disposable {
  private readonly provider = new AcceptedPolicyProvider();
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly audit: AuditRecorder, private readonly panel: PanelView) {
    const watcher = vscode.workspace.createFileSystemWatcher('**/.airlock/policy.yaml');
    const refresh = () => this.refresh();
    this.disposables = [
      this.provider.changed, watcher,
      vscode.workspace.registerTextDocumentContentProvider(ACCEPTED_SCHEME, this.provider),
      vscode.commands.registerCommand(COMMANDS.reviewPolicy, () => this.reviewCommand()),
      watcher.onDidCreate(refresh), watcher.onDidChange(refresh), watcher.onDidDelete(refresh),
      vscode.workspace.onDidSaveTextDocument(refresh),
      vscode.workspace.onDidChangeWorkspaceFolders(refresh),
      onDidAcceptPolicy.event(refresh),
    ];
    this.refresh();
  }

  /** Posts the current card (or its removal) to the panel. */
  refresh(): void {
    const h = heldBack();
    const review: PolicyReview | null = h && h.entries.length
      ? { file: vscode.workspace.asRelativePath(vscode.Uri.file(h.file)), entries: h.entries, sha256: sha256(h.text) }
      : null;
    this.panel.post({ type: 'policyReview', review });
  }

  /** "Show diff": the last accepted text (read-only) against the file. */
  async showDiff(): Promise<void> {
    const target = policyFile();
    if (!target) return;
    const fileUri = vscode.Uri.file(target.file);
    const left = vscode.Uri.from({ scheme: ACCEPTED_SCHEME, path: fileUri.path });
    this.provider.changed.fire(left);
    await vscode.commands.executeCommand('vscode.diff', left, fileUri, `Airlock policy: accepted ↔ ${vscode.workspace.asRelativePath(fileUri)}`);
  }

  /** "Accept" in the panel, with the hash of the text the card showed. */
  accept(shownSha256: string): boolean {
    const target = policyFile();
    if (!target) return false;
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === vscode.Uri.file(target.file).toString());
    if (open?.isDirty) {
      void vscode.window.showWarningMessage('Airlock: save .airlock/policy.yaml first — only the saved file can be accepted.');
      return false;
    }
    const auditFile = this.audit.fileFor(target.folder.uri.fsPath);
    if (!auditFile) return false;
    const entries = heldBack()?.entries.length ?? 0;
    let outcome: AcceptOutcome;
    try {
      outcome = acceptIfUnchanged(target.file, shownSha256, auditFile);
    } catch (e) {
      void vscode.window.showErrorMessage(`Airlock could not record the acceptance: ${(e as Error).message}. Nothing was accepted.`);
      return false;
    }
    this.refresh();
    if (outcome === 'changed') {
      void vscode.window.showWarningMessage('Airlock: .airlock/policy.yaml changed since it was shown; nothing was accepted. Review it again.');
      return false;
    }
    if (outcome === 'nothing-held') return false;
    this.provider.changed.fire(vscode.Uri.from({ scheme: ACCEPTED_SCHEME, path: vscode.Uri.file(target.file).path }));
    void vscode.window.showInformationMessage(`Airlock: accepted the workspace policy (${plural(entries)}); the acceptance is in the audit log.`);
    return true;
  }

  /** "Airlock: Review Policy Changes…": the diff, and the card in the panel. True when there is something to accept. */
  async reviewCommand(): Promise<boolean> {
    const target = policyFile();
    if (!target) {
      void vscode.window.showInformationMessage('Airlock: open a folder to review its policy.');
      return false;
    }
    const h = heldBack();
    if (!h) {
      void vscode.window.showInformationMessage('Airlock: this workspace has no .airlock/policy.yaml; the defaults apply.');
      return false;
    }
    if (!h.entries.length) {
      void vscode.window.showInformationMessage(looseningEntries(h.text).length ? 'Airlock: the workspace policy is accepted as it is.' : 'Airlock: the workspace policy only tightens the defaults; nothing is held back.');
      this.refresh();
      return false;
    }
    this.refresh();
    await this.showDiff();
    await vscode.commands.executeCommand(`${VIEW_ID}.focus`);
    return true;
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

const offered = new Set<string>();

/** One non-modal offer per file content: "the workspace policy wants to loosen N entries — Review". */
export function offerReview(file: vscode.Uri, text: string, count: number): void {
  const key = `${file.toString()}#${sha256(text)}`;
  if (offered.has(key)) return;
  offered.add(key);
  const review = 'Review';
  void vscode.window.showWarningMessage(`Airlock: the workspace policy wants to loosen ${count} entr${count === 1 ? 'y' : 'ies'}`, review).then((choice) => {
    if (choice === review) void vscode.commands.executeCommand(COMMANDS.reviewPolicy);
  });
}
