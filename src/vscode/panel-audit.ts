// The panel's History and its audit buttons: the last decisions of the workspace audit file, sent
// on view ready and after each record is written; "Verify audit log" answered in place; "Export…"
// runs the existing command. The webview can only ask for these fixed actions.
import { existsSync, readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { dirname } from 'node:path';
import { historyEntries, snapshotOf } from '../core/audit/history.js';
import { selectRecords } from '../core/audit/export.js';
import type { VerifyReport } from '../core/audit/verify.js';
import { verifyAuditFile } from '../node/audit-log.js';
import type { VerifyResult } from '../protocol/webview.js';
import type { AuditRecorder } from './audit-recorder.js';
import { COMMANDS } from './command-ids.js';
import type { PanelView } from './panel-view.js';
import type { WorkspaceSnapshots } from './snapshots.js';

export function verifyResult(report: VerifyReport): VerifyResult {
  return report.ok
    ? { state: 'intact', records: report.records, breaks: report.breaks.length }
    : { state: 'tampered', records: report.records, line: report.firstBad!.line, reason: report.firstBad!.reason };
}

export class PanelAudit {
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly audit: AuditRecorder, private readonly panel: () => PanelView, private readonly log: vscode.LogOutputChannel, private readonly snapshots: WorkspaceSnapshots) {}

  /**
   * "Restore files" on a History entry. The webview names only the request; the snapshot id comes
   * from the audit record. Nothing newer is overwritten unless the human says so in a modal.
   */
  async restore(requestId: string): Promise<string> {
    const file = this.audit.fileFor(undefined);
    if (!file || !existsSync(file)) return 'no audit log';
    const record = selectRecords(readFileSync(file, 'utf8'), {}).records.find((r) => r.requestId === requestId && r.kind === 'decision');
    const snap = record && snapshotOf(record);
    if (!snap) {
      void vscode.window.showWarningMessage('Airlock: that decision has no snapshot to restore.');
      return 'no snapshot';
    }
    const root = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(record.cwd ?? dirname(dirname(file))))?.uri.fsPath ?? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    if (!root) return 'no workspace';
    try {
      let report = await this.snapshots.restore(root, snap.id);
      let restored = report.restored.length;
      if (report.conflicts.length) {
        const list = report.conflicts.slice(0, 10).map((c) => `• ${c.path}`).join('\n');
        const choice = await vscode.window.showWarningMessage(
          `Airlock: ${report.conflicts.length} file(s) changed since the snapshot. Overwrite them with the snapshot's version?`,
          { modal: true, detail: `${list}${report.conflicts.length > 10 ? '\n…' : ''}\n\nThe other ${restored} file(s) were restored. Files that changed are kept unless you overwrite them.` },
          'Overwrite',
        );
        if (choice === 'Overwrite') {
          report = await this.snapshots.restore(root, snap.id, { paths: report.conflicts.map((c) => c.path) });
          restored += report.restored.length;
        }
      }
      const kept = report.conflicts.length ? `; ${report.conflicts.length} newer file(s) kept` : '';
      const failed = report.errors.length ? `; ${report.errors.length} could not be written` : '';
      const summary = `restored ${restored} file(s) from snapshot ${snap.id}${kept}${failed}${report.incomplete ? ' (the snapshot was incomplete)' : ''}`;
      this.audit.write(record.cwd, { kind: 'notice', requestId, note: summary, snapshot: snap });
      void vscode.window.showInformationMessage(`Airlock: ${summary}.`);
      return summary;
    } catch (e) {
      const msg = `Airlock could not restore snapshot ${snap.id}: ${(e as Error).message}`;
      this.log.error(msg);
      void vscode.window.showErrorMessage(msg);
      return msg;
    }
  }

  /** Reads the audit file and posts the History (at once). */
  postHistory(): void {
    const file = this.audit.fileFor(undefined);
    let entries: ReturnType<typeof historyEntries> = [];
    try {
      if (file && existsSync(file)) entries = historyEntries(readFileSync(file, 'utf8'));
    } catch (e) {
      this.log.warn(`History: cannot read ${file}: ${(e as Error).message}`);
    }
    this.panel().post({ type: 'history', entries });
  }

  /** Coalesces a run of writes (a decision and its outcome) into one read. */
  schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.postHistory();
    }, 50);
  }

  handle(action: 'verifyAudit' | 'exportAudit' | { restore: string }): void {
    if (typeof action === 'object') {
      void this.restore(action.restore);
      return;
    }
    if (action === 'exportAudit') {
      void vscode.commands.executeCommand(COMMANDS.exportAudit);
      return;
    }
    const file = this.audit.fileFor(undefined);
    let result: VerifyResult;
    if (!file) result = { state: 'unavailable', reason: 'open a folder to verify its audit log' };
    else if (!existsSync(file)) result = { state: 'unavailable', reason: 'no audit log yet: nothing has been decided in this workspace' };
    else {
      try {
        result = verifyResult(verifyAuditFile(file));
      } catch (e) {
        result = { state: 'unavailable', reason: `cannot read the audit log: ${(e as Error).message}` };
      }
    }
    this.panel().post({ type: 'verifyResult', result });
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
  }
}
