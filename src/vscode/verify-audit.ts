// "Airlock: Verify Audit Log": checks the chain and its external anchor, and says where it broke.
import * as vscode from 'vscode';
import { verifyAuditFile } from '../node/audit-log.js';
import type { VerifyReport } from '../core/audit/verify.js';
import type { AuditRecorder } from './audit-recorder.js';

export async function verifyAuditCommand(audit: AuditRecorder): Promise<VerifyReport | undefined> {
  const file = audit.fileFor(undefined);
  if (!file) {
    void vscode.window.showWarningMessage('Airlock: open a folder to verify its audit log.');
    return undefined;
  }
  let report: VerifyReport;
  try {
    report = verifyAuditFile(file);
  } catch (e) {
    void vscode.window.showErrorMessage(`Airlock: cannot read ${file}: ${(e as Error).message}`);
    return undefined;
  }
  if (report.ok) {
    void vscode.window.showInformationMessage(`Airlock audit log intact: ${report.records} records${report.breaks.length ? `, ${report.breaks.length} recorded break(s)` : ''}.`);
  } else {
    void vscode.window.showErrorMessage(`Airlock audit log TAMPERED at line ${report.firstBad!.line}: ${report.firstBad!.reason}`);
  }
  return report;
}
