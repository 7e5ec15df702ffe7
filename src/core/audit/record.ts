// The audit record format and its hash chain. One versioned JSON object per line; each record
// carries the previous record's hash, and its own hash is SHA-256 over the canonical JSON of the
// record without its `hash` field (which includes `prev`). Hashing comes in as a function so the
// core stays free of Node I/O.
import { redactDeep } from '../redact.js';

export const AUDIT_VERSION = 1;
export const GENESIS = '0'.repeat(64);

export type Sha256 = (text: string) => string;

export type AuditKind = 'decision' | 'outcome' | 'execution' | 'segment' | 'policy-change' | 'notice';

export interface AuditSource {
  /** `claude-code`, `cursor`, `copilot`, `terminal`, `task`, `cli`… */
  readonly agent: string;
  readonly session?: string;
  /** The interception path: hook, terminal, task, observer, offline-hook. */
  readonly path: string;
}

export interface AuditBody {
  readonly kind: AuditKind;
  readonly requestId?: string;
  readonly source?: AuditSource;
  readonly command?: string;
  readonly cwd?: string;
  readonly assessment?: { readonly risk: string; readonly rules: readonly string[]; readonly tags: readonly string[]; readonly summary: string };
  readonly decision?: { readonly action: string; readonly by: 'human' | 'policy' | 'timeout' | 'offline' | 'error' | 'audit-only' | 'nobody'; readonly reason: string };
  /** For `execution` records (the observer): where it ran, and whether it ran without the decision it needed. */
  readonly execution?: { readonly terminal: string; readonly origin: string; readonly bypass: boolean };
  readonly latencyMs?: number;
  readonly exitCode?: number | null;
  /** For `segment` records: what broke and where, so the break itself is on the record. */
  readonly segment?: { readonly reason: string; readonly damagedLine?: number; readonly previousSeq?: number };
  readonly note?: string;
  /** The snapshot taken before an approved destructive command ran: History offers to restore it. */
  readonly snapshot?: { readonly id: string; readonly files: number; readonly bytes: number; readonly complete: boolean };
}

export interface AuditRecord extends AuditBody {
  readonly v: number;
  readonly seq: number;
  readonly ts: string;
  readonly prev: string;
  readonly hash: string;
}

/** JSON with object keys sorted at every level, no whitespace: the same bytes on every machine. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  const entries = Object.keys(value as Record<string, unknown>)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
  return `{${entries.join(',')}}`;
}

export function hashRecord(record: Omit<AuditRecord, 'hash'>, sha256: Sha256): string {
  return sha256(canonicalJson(record));
}

/** Builds the next record after `head` (undefined for an empty file). Secrets are redacted here. */
export function nextRecord(body: AuditBody, head: { seq: number; hash: string } | undefined, now: Date, sha256: Sha256): AuditRecord {
  const clean = redactDeep(body);
  const base = { v: AUDIT_VERSION, seq: head ? head.seq + 1 : 1, ts: now.toISOString(), prev: head?.hash ?? GENESIS, ...clean };
  return { ...base, hash: hashRecord(base, sha256) };
}

export function serialise(record: AuditRecord): string {
  return canonicalJson(record) + '\n';
}
