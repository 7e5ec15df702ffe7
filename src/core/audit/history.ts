// The panel's History: the most recent decision records (and bypasses) of an audit file, newest
// first, each with the outcome record that shares its request id. Parsing and the defensive reading of nested fields
// are the export's (selectRecords, recordCells), so there is one audit parser.
import { redact } from '../redact.js';
import { recordCells, selectRecords } from './export.js';
import type { AuditRecord } from './record.js';

export const HISTORY_LIMIT = 200;

export interface HistoryOutcome {
  readonly time: string;
  readonly exitCode?: number | null;
  readonly note?: string;
}

/** One decision as the panel shows it; every string redacted again (it comes from a file). */
export interface HistoryEntry {
  readonly seq: number;
  readonly time: string;
  readonly agent: string;
  readonly session: string;
  readonly risk: string;
  readonly action: string;
  readonly decidedBy: string;
  readonly command: string;
  readonly summary: string;
  readonly rules: readonly string[];
  readonly tags: readonly string[];
  readonly reason: string;
  readonly latencyMs?: number;
  readonly requestId: string;
  readonly outcome?: HistoryOutcome;
  /** A snapshot taken before it ran: History offers "Restore files". */
  readonly snapshot?: { readonly files: number; readonly bytes: number; readonly complete: boolean };
}

const words = (s: string): string[] => s.split(' ').filter(Boolean);

/** The snapshot a record links to, read defensively (the file is not trusted). */
export function snapshotOf(r: AuditRecord): { id: string; files: number; bytes: number; complete: boolean } | undefined {
  const s = r.snapshot as Partial<Record<string, unknown>> | undefined;
  if (!s || typeof s.id !== 'string' || !/^[\w.-]{1,100}$/.test(s.id) || typeof s.files !== 'number' || typeof s.bytes !== 'number') return undefined;
  return { id: s.id, files: s.files, bytes: s.bytes, complete: s.complete === true };
}

function outcomeOf(r: AuditRecord): HistoryOutcome {
  const exit = r.exitCode;
  return {
    time: r.ts,
    ...((typeof exit === 'number' || exit === null) && { exitCode: exit }),
    ...(typeof r.note === 'string' && { note: redact(r.note) }),
  };
}

/** The last `limit` decision records of the audit file's text, newest first. Damaged lines are skipped. */
export function historyEntries(auditText: string, limit = HISTORY_LIMIT): HistoryEntry[] {
  const { records } = selectRecords(auditText, {});
  const outcomes = new Map<string, HistoryOutcome>();
  for (const r of records) if (r.kind === 'outcome' && typeof r.requestId === 'string') outcomes.set(r.requestId, outcomeOf(r));
  // Bypasses (a risky command that ran with no decision) belong in History next to the decisions.
  const decisions = records.filter((r) => r.kind === 'decision' || (r.kind === 'execution' && r.execution?.bypass === true)).slice(-limit).reverse();
  return decisions.map((r) => {
    const [, time, , agent, session, , risk, action, by, rules, tags, command, reason, latency, requestId] = recordCells(r) as [string, ...string[]] & string[];
    const summary = (r.assessment as Partial<Record<string, unknown>> | undefined)?.summary;
    const outcome = requestId ? outcomes.get(requestId) : undefined;
    return {
      seq: r.seq, time: time!, agent: agent!, session: session!, risk: risk!, action: action!, decidedBy: by!,
      command: command!, summary: typeof summary === 'string' ? redact(summary) : '',
      rules: words(rules!), tags: words(tags!), reason: reason!,
      ...(latency && { latencyMs: Number(latency) }),
      requestId: requestId!,
      ...(outcome && { outcome }),
      ...(snapshotOf(r) && { snapshot: snapshotOf(r)! }),
    };
  });
}
