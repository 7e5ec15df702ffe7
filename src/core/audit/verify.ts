// Verifies an audit file's text: every line parses, sequence numbers are consecutive, each record
// names its predecessor's hash, and each hash is right. A damaged line is acceptable only when the
// next record is a `segment` record that names it (the writer saw the damage and said so).
// Finally the chain's head is checked against the anchor kept outside the workspace.
import { AUDIT_VERSION, GENESIS, hashRecord, type AuditRecord, type Sha256 } from './record.js';

export interface Anchor {
  readonly seq: number;
  readonly hash: string;
}

export interface VerifyReport {
  readonly ok: boolean;
  readonly records: number;
  readonly head?: Anchor;
  /** Recorded breaks (damage the writer acknowledged with a segment record). */
  readonly breaks: readonly { readonly line: number; readonly reason: string }[];
  readonly firstBad?: { readonly line: number; readonly seq?: number; readonly reason: string };
}

export function parseRecordLine(line: string): AuditRecord | string {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return 'not valid JSON (a partial or corrupted line)';
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return 'not a JSON object';
  const r = v as Record<string, unknown>;
  if (r.v !== AUDIT_VERSION) return `unknown record version ${JSON.stringify(r.v)}`;
  if (typeof r.seq !== 'number' || !Number.isInteger(r.seq) || r.seq < 1) return 'missing or invalid seq';
  if (typeof r.prev !== 'string' || !/^[0-9a-f]{64}$/.test(r.prev)) return 'missing or invalid prev hash';
  if (typeof r.hash !== 'string' || !/^[0-9a-f]{64}$/.test(r.hash)) return 'missing or invalid hash';
  if (typeof r.ts !== 'string' || Number.isNaN(Date.parse(r.ts))) return 'missing or invalid timestamp';
  if (typeof r.kind !== 'string') return 'missing kind';
  return r as unknown as AuditRecord;
}

export function verifyAudit(text: string, sha256: Sha256, anchor?: Anchor): VerifyReport {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  let head: Anchor | undefined;
  let count = 0;
  const breaks: { line: number; reason: string }[] = [];
  let pendingDamage: { line: number; reason: string } | undefined;
  const fail = (line: number, reason: string, seq?: number): VerifyReport => ({ ok: false, records: count, head, breaks, firstBad: { line, seq, reason } });

  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const parsed = parseRecordLine(lines[i]!);
    if (typeof parsed === 'string') {
      if (pendingDamage) return fail(pendingDamage.line, pendingDamage.reason);
      pendingDamage = { line: lineNo, reason: parsed };
      continue;
    }
    const r = parsed;
    const { hash, ...rest } = r;
    if (hashRecord(rest, sha256) !== hash) return fail(lineNo, 'hash does not match the record: it was edited', r.seq);
    if (pendingDamage) {
      const acknowledged = r.kind === 'segment' && r.segment?.damagedLine === pendingDamage.line;
      if (!acknowledged) return fail(pendingDamage.line, pendingDamage.reason);
      breaks.push(pendingDamage);
      pendingDamage = undefined;
    }
    const expectedSeq = head ? head.seq + 1 : 1;
    const expectedPrev = head?.hash ?? GENESIS;
    if (r.seq !== expectedSeq) return fail(lineNo, `sequence jumps from ${head?.seq ?? 0} to ${r.seq}: records were removed or reordered`, r.seq);
    if (r.prev !== expectedPrev) return fail(lineNo, 'prev does not match the previous record: the chain was broken or forked', r.seq);
    head = { seq: r.seq, hash: r.hash };
    count++;
  }
  if (pendingDamage) return fail(pendingDamage.line, `${pendingDamage.reason}; no record after it acknowledges the damage`);
  if (anchor) {
    if (!head || head.seq < anchor.seq) return fail(lines.length, `the file ends at record ${head?.seq ?? 0} but record ${anchor.seq} was written: it was truncated`);
    // The anchored record must still be there with the same hash (detects rewriting).
    const anchored = lines.map((l) => parseRecordLine(l)).find((r): r is AuditRecord => typeof r !== 'string' && r.seq === anchor.seq);
    if (!anchored || anchored.hash !== anchor.hash) return fail(lines.length, `record ${anchor.seq} differs from the anchored copy: the file was rewritten`, anchor.seq);
  }
  return { ok: true, records: count, head, breaks };
}
