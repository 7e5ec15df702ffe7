// "Airlock: Review Policy Changes…": a workspace `.airlock/policy.yaml` that loosens the defaults is
// held back until a human accepts it. The command shows a diff between the last accepted text (or
// the defaults, when nothing was accepted) and the file, then asks in a modal dialog; only the
// human's click on "Accept" calls acceptPolicy(), which audits the acceptance and stores it outside
// the workspace. Any later edit makes the file pending again.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { sha256 } from '../node/audit-log.js';
import { POLICY_RELATIVE_PATH } from '../node/assessor.js';
import { acceptPolicy as acceptPolicyText, isAccepted, looseningEntries, readAcceptance, type PolicyAcceptance } from '../node/policy-acceptance.js';
import type { AuditRecorder } from './audit-recorder.js';
import { COMMANDS } from './command-ids.js';

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

export async function reviewPolicyCommand(audit: AuditRecorder, provider: AcceptedPolicyProvider): Promise<boolean> {
  const target = policyFile();
  if (!target) {
    void vscode.window.showInformationMessage('Airlock: open a folder to review its policy.');
    return false;
  }
  const { folder, file } = target;
  const fileUri = vscode.Uri.file(file);
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === fileUri.toString());
  if (open?.isDirty) {
    void vscode.window.showWarningMessage('Airlock: save .airlock/policy.yaml first — only the saved file can be accepted.');
    return false;
  }
  const text = readText(file);
  if (text === undefined) {
    void vscode.window.showInformationMessage('Airlock: this workspace has no .airlock/policy.yaml; the defaults apply.');
    return false;
  }
  const entries = looseningEntries(text);
  if (!entries.length || isAccepted(file, text)) {
    void vscode.window.showInformationMessage(entries.length ? 'Airlock: the workspace policy is accepted as it is.' : 'Airlock: the workspace policy only tightens the defaults; nothing is held back.');
    return false;
  }
  const left = vscode.Uri.from({ scheme: ACCEPTED_SCHEME, path: fileUri.path });
  provider.changed.fire(left);
  await vscode.commands.executeCommand('vscode.diff', left, fileUri, `Airlock policy: accepted ↔ ${vscode.workspace.asRelativePath(fileUri)}`);
  const accept = 'Accept';
  const choice = await vscode.window.showWarningMessage(
    `The workspace policy wants to loosen ${entries.length} entr${entries.length === 1 ? 'y' : 'ies'}. Accept them?`,
    { modal: true, detail: `${entries.map((e) => `• ${e}`).join('\n')}\n\nA policy file inside the workspace can be written by an agent. Accept only changes you made or reviewed. Any later edit is held back again.` },
    accept, 'Keep holding back',
  );
  if (choice !== accept) return false;
  // What is accepted is exactly what was shown: a file changed during the review must be reviewed again.
  const now = readText(file);
  if (now === undefined || sha256(now) !== sha256(text)) {
    void vscode.window.showWarningMessage('Airlock: .airlock/policy.yaml changed during the review; nothing was accepted. Review it again.');
    return false;
  }
  const auditFile = audit.fileFor(folder.uri.fsPath);
  if (!auditFile) return false;
  try {
    acceptPolicy(file, text, auditFile);
  } catch (e) {
    void vscode.window.showErrorMessage(`Airlock could not record the acceptance: ${(e as Error).message}. Nothing was accepted.`);
    return false;
  }
  provider.changed.fire(left);
  void vscode.window.showInformationMessage(`Airlock: accepted the workspace policy (${entries.length} loosening entr${entries.length === 1 ? 'y' : 'ies'}); the acceptance is in the audit log.`);
  return true;
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

export function registerReviewPolicy(audit: AuditRecorder): vscode.Disposable {
  const provider = new AcceptedPolicyProvider();
  return vscode.Disposable.from(
    provider.changed,
    vscode.workspace.registerTextDocumentContentProvider(ACCEPTED_SCHEME, provider),
    vscode.commands.registerCommand(COMMANDS.reviewPolicy, () => reviewPolicyCommand(audit, provider)),
  );
}
