// "Airlock: Export Audit Log…": a format, a date range, a file chosen in the save dialog (which asks
// before replacing a file), then an offer to open it. The part after the dialogs is exportAuditLog(),
// callable with a fixed target (the integration test does).
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { exportAudit, parseRange, type AuditExport, type DateBound, type ExportFormat } from '../core/audit/export.js';
import type { AuditRecorder } from './audit-recorder.js';

export interface ExportRequest {
  readonly format: ExportFormat;
  /** Inclusive; undefined for no lower bound. */
  readonly from?: DateBound;
  /** Exclusive; undefined for no upper bound. */
  readonly to?: DateBound;
  /** A file path or a URI; it is replaced if it exists (the save dialog has asked already). */
  readonly target: vscode.Uri | string;
}

/** Reads `auditFile`, renders the range and writes it to the target. Throws on a bad range or I/O failure. */
export async function exportAuditLog(auditFile: string, req: ExportRequest): Promise<AuditExport> {
  const result = exportAudit(readFileSync(auditFile, 'utf8'), { from: req.from, to: req.to }, req.format);
  const target = typeof req.target === 'string' ? vscode.Uri.file(req.target) : req.target;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(result.text));
  return result;
}

const EXTENSION: Record<ExportFormat, string> = { csv: 'csv', markdown: 'md' };

/** Local midnight `days` days from today's (0 = today's). */
function localMidnight(days: number): Date {
  const d = new Date();
  d.setHours(0, 0, 0, 0);
  d.setDate(d.getDate() + days);
  return d;
}

async function pickFormat(): Promise<ExportFormat | undefined> {
  const picked = await vscode.window.showQuickPick(
    [
      { label: 'CSV', description: 'for spreadsheets (formula cells are neutralised)', format: 'csv' as const },
      { label: 'Markdown', description: 'a table with counts per action', format: 'markdown' as const },
    ],
    { title: 'Airlock: Export Audit Log (1/2)', placeHolder: 'Format', ignoreFocusOut: true },
  );
  return picked?.format;
}

async function pickRange(): Promise<{ from?: DateBound; to?: DateBound; label: string } | undefined> {
  const tomorrow = localMidnight(1);
  const presets = [
    { label: 'Today', from: localMidnight(0), to: tomorrow, slug: 'today' },
    { label: 'Last 7 days', description: 'including today', from: localMidnight(-6), to: tomorrow, slug: 'last-7-days' },
    { label: 'Last 30 days', description: 'including today', from: localMidnight(-29), to: tomorrow, slug: 'last-30-days' },
    { label: 'Everything', from: undefined, to: undefined, slug: 'all' },
    { label: 'Custom range…', description: 'two ISO dates', from: undefined, to: undefined, slug: 'custom' },
  ];
  const picked = await vscode.window.showQuickPick(presets, { title: 'Airlock: Export Audit Log (2/2)', placeHolder: 'Date range', ignoreFocusOut: true });
  if (!picked) return undefined;
  if (picked.slug !== 'custom') return { from: picked.from, to: picked.to, label: picked.slug };
  const split = (s: string) => s.trim().split(/\s+|\s*\.\.\s*/).filter(Boolean);
  const typed = await vscode.window.showInputBox({
    title: 'Airlock: Export Audit Log — custom range',
    prompt: 'FROM TO as ISO dates (UTC midnight) or date-times with Z or an offset; FROM is included, TO is not.',
    placeHolder: '2026-11-01 2026-12-01',
    ignoreFocusOut: true,
    validateInput: (s) => {
      const parts = split(s);
      if (parts.length !== 2) return 'Type two dates: FROM TO';
      const r = parseRange({ from: parts[0], to: parts[1] });
      return typeof r === 'string' ? r : undefined;
    },
  });
  if (!typed) return undefined;
  const [from, to] = split(typed) as [string, string];
  return { from, to, label: `${from}_${to}`.replace(/[^0-9A-Za-z_-]/g, '-') };
}

export async function exportAuditCommand(audit: AuditRecorder): Promise<AuditExport | undefined> {
  const auditFile = audit.fileFor(undefined);
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!auditFile || !folder) {
    void vscode.window.showWarningMessage('Airlock: open a folder to export its audit log.');
    return undefined;
  }
  const format = await pickFormat();
  if (!format) return undefined;
  const range = await pickRange();
  if (!range) return undefined;
  const target = await vscode.window.showSaveDialog({
    title: 'Airlock: Export Audit Log',
    saveLabel: 'Export',
    defaultUri: vscode.Uri.joinPath(folder.uri, `airlock-audit-${range.label}.${EXTENSION[format]}`),
    filters: format === 'csv' ? { CSV: ['csv'] } : { Markdown: ['md'] },
  });
  if (!target) return undefined;
  let result: AuditExport;
  try {
    result = await exportAuditLog(auditFile, { format, from: range.from, to: range.to, target });
  } catch (e) {
    void vscode.window.showErrorMessage(`Airlock: cannot export ${auditFile}: ${(e as Error).message}`);
    return undefined;
  }
  const damaged = result.skipped.length ? ` ${result.skipped.length} damaged line(s) in the file were skipped; run "Airlock: Verify Audit Log".` : '';
  void vscode.window.showInformationMessage(`Airlock: exported ${result.records} record(s) to ${vscode.workspace.asRelativePath(target)}.${damaged}`, 'Open').then((choice) => {
    if (choice === 'Open') void vscode.window.showTextDocument(target);
  });
  return result;
}
