// The panel's History and its audit buttons: the last decisions of the workspace audit file, sent
// on view ready and after each record is written; "Verify audit log" answered in place; "Export…"
// runs the existing command. The webview can only ask for these fixed actions.
import { existsSync, readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { historyEntries } from '../core/audit/history.js';
import type { VerifyReport } from '../core/audit/verify.js';
import { verifyAuditFile } from '../node/audit-log.js';
import type { VerifyResult } from '../protocol/webview.js';
import type { AuditRecorder } from './audit-recorder.js';
import { COMMANDS } from './command-ids.js';
import type { PanelView } from './panel-view.js';

export function verifyResult(report: VerifyReport): VerifyResult {
  return report.ok
    ? { state: 'intact', records: report.records, breaks: report.breaks.length }
    : { state: 'tampered', records: report.records, line: report.firstBad!.line, reason: report.firstBad!.reason };
}

export class PanelAudit {
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly audit: AuditRecorder, private readonly panel: () => PanelView, private readonly log: vscode.LogOutputChannel) {}

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

  handle(action: 'verifyAudit' | 'exportAudit'): void {
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
