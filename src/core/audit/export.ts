// Exports the audit records of a date range [from, to) as CSV (RFC 4180) or as a Markdown table.
//
// Everything in a record may come from an agent (commands, session ids, reasons), so the output is
// treated as hostile twice over: every string goes through redact() again (records are redacted when
// written; this is defence in depth for a file written by an older or foreign writer), CSV fields
// that a spreadsheet would evaluate as a formula (= + - @ tab CR) get a leading single quote, and
// Markdown cells escape the characters that would end a cell or a row or start markup or HTML.
// Damaged lines have no trustworthy timestamp: they are skipped, counted and reported.
import { redact } from '../redact.js';
import type { AuditRecord } from './record.js';
import { parseRecordLine } from './verify.js';

export type ExportFormat = 'csv' | 'markdown';

/** A bound is a Date or an ISO string: `YYYY-MM-DD` (midnight UTC) or a date-time with `Z` or an offset. */
export type DateBound = Date | string;

export interface ExportRange {
  /** Inclusive lower bound; undefined means from the first record. */
  readonly from?: DateBound;
  /** Exclusive upper bound; undefined means up to the last record. */
  readonly to?: DateBound;
}

export interface SkippedLine {
  /** 1-based line number in the audit file. */
  readonly line: number;
  readonly reason: string;
}

export interface AuditExport {
  readonly text: string;
  /** Records in the range, in file order. */
  readonly records: number;
  /** Count per decision action (records without a decision are counted under `(kind)`). */
  readonly counts: Readonly<Record<string, number>>;
  /** Damaged lines anywhere in the file, which could not be placed in or out of the range. */
  readonly skipped: readonly SkippedLine[];
}

export const EXPORT_COLUMNS = ['seq', 'time', 'kind', 'agent', 'session', 'path', 'risk', 'action', 'decided by', 'rules', 'tags', 'command', 'reason', 'latency ms', 'request id'] as const;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** Parses one bound; returns an error message for anything that is not a real ISO date. */
export function parseBound(bound: DateBound): Date | string {
  if (bound instanceof Date) return Number.isNaN(bound.getTime()) ? 'invalid date' : bound;
  const s = bound.trim();
  const day = ISO_DATE.exec(s);
  if (day) {
    const d = new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3])));
    // Date.UTC rolls 2026-02-31 over to March: a date that does not round-trip does not exist.
    return d.toISOString().slice(0, 10) === s ? d : `${JSON.stringify(s)} is not a calendar date`;
  }
  if (ISO_DATE_TIME.test(s) && !Number.isNaN(Date.parse(s))) return new Date(s);
  return `${JSON.stringify(s)} is not an ISO date (YYYY-MM-DD, or a date-time with Z or an offset)`;
}

/** Resolves both bounds; an error message when either is invalid or the range is empty. */
export function parseRange(range: ExportRange): { from?: Date; to?: Date } | string {
  const from = range.from === undefined ? undefined : parseBound(range.from);
  const to = range.to === undefined ? undefined : parseBound(range.to);
  if (typeof from === 'string') return `from: ${from}`;
  if (typeof to === 'string') return `to: ${to}`;
  if (from && to && from.getTime() >= to.getTime()) return 'the range is empty: "from" must be before "to"';
  return { from, to };
}

/** The records of the range, and the damaged lines of the whole file. */
export function selectRecords(auditText: string, range: ExportRange): { records: AuditRecord[]; skipped: SkippedLine[] } {
  const r = parseRange(range);
  if (typeof r === 'string') throw new RangeError(r);
  const lines = auditText.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const records: AuditRecord[] = [];
  const skipped: SkippedLine[] = [];
  lines.forEach((line, i) => {
    const parsed = parseRecordLine(line.replace(/\r$/, ''));
    if (typeof parsed === 'string') {
      skipped.push({ line: i + 1, reason: parsed });
      return;
    }
    const t = Date.parse(parsed.ts);
    if (r.from && t < r.from.getTime()) return;
    if (r.to && t >= r.to.getTime()) return;
    records.push(parsed);
  });
  return { records, skipped };
}

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : '');
const list = (v: unknown): string => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').join(' ') : '');

/** One record as the export's cells, in EXPORT_COLUMNS order, every string redacted again. */
export function recordCells(r: AuditRecord): string[] {
  // Parsed from a file: only the envelope is checked, so read every nested field defensively.
  const source = (r.source ?? {}) as Partial<Record<string, unknown>>;
  const assessment = (r.assessment ?? {}) as Partial<Record<string, unknown>>;
  const decision = (r.decision ?? {}) as Partial<Record<string, unknown>>;
  const segment = (r.segment ?? {}) as Partial<Record<string, unknown>>;
  const segmentReason = str(segment.reason) && `${str(segment.reason)}${typeof segment.damagedLine === 'number' ? ` (damaged line ${segment.damagedLine})` : ''}`;
  const cells = [
    str(r.seq), str(r.ts), str(r.kind),
    str(source.agent), str(source.session), str(source.path),
    str(assessment.risk), str(decision.action), str(decision.by),
    list(assessment.rules), list(assessment.tags),
    str(r.command), str(decision.reason) || segmentReason || str(r.note),
    str(r.latencyMs), str(r.requestId),
  ];
  return cells.map(redact);
}

function actionKey(r: AuditRecord): string {
  const action = (r.decision as Partial<Record<string, unknown>> | undefined)?.action;
  return typeof action === 'string' && action ? redact(action) : `(${redact(str(r.kind))})`;
}

function countActions(records: readonly AuditRecord[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of records) counts[actionKey(r)] = (counts[actionKey(r)] ?? 0) + 1;
  return counts;
}

/** A spreadsheet evaluates a cell starting with one of these as a formula (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** RFC 4180: a header row, CRLF line breaks, fields quoted only when they must be. */
export function toCsv(records: readonly AuditRecord[]): string {
  const rows = [[...EXPORT_COLUMNS], ...records.map(recordCells)];
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/**
 * Backslash-escapes what would end a cell (`|`), change its meaning (`\` before a `|`), or start
 * markup, links or raw HTML; line breaks become `<br>` (the only HTML in the output, since `<` is escaped).
 */
export function markdownCell(value: string): string {
  return value.replace(/[\\|`*_[\]<>&~]/g, '\\$&').replace(/\r\n|\r|\n/g, '<br>');
}

const describeBound = (d: Date | undefined, open: string): string => (d ? d.toISOString() : open);

export function toMarkdown(records: readonly AuditRecord[], range: ExportRange, skipped: readonly SkippedLine[]): string {
  const r = parseRange(range);
  if (typeof r === 'string') throw new RangeError(r);
  const counts = countActions(records);
  const out = [
    `# Airlock audit log: ${describeBound(r.from, 'the first record')} to ${describeBound(r.to, 'the last record')}`,
    '',
    `Records from ${describeBound(r.from, 'the beginning')} (inclusive) to ${describeBound(r.to, 'the end')} (exclusive): **${records.length}**.`,
    '',
  ];
  const keys = Object.keys(counts).sort();
  if (keys.length) out.push(...keys.map((k) => `- ${markdownCell(k)}: ${counts[k]}`), '');
  if (skipped.length) {
    out.push(`**${skipped.length} damaged line(s) skipped** (anywhere in the file; they have no readable time): ${skipped.map((s) => `line ${s.line} (${markdownCell(s.reason)})`).join(', ')}.`, '');
  }
  out.push(`| ${EXPORT_COLUMNS.join(' | ')} |`, `|${EXPORT_COLUMNS.map(() => ' --- |').join('')}`);
  for (const rec of records) out.push(`| ${recordCells(rec).map(markdownCell).join(' | ')} |`);
  return out.join('\n') + '\n';
}

/** Reads the audit file's text and renders the range in the chosen format. Throws RangeError for a bad range. */
export function exportAudit(auditText: string, range: ExportRange, format: ExportFormat): AuditExport {
  const { records, skipped } = selectRecords(auditText, range);
  const text = format === 'csv' ? toCsv(records) : toMarkdown(records, range, skipped);
  return { text, records: records.length, counts: countActions(records), skipped };
}
