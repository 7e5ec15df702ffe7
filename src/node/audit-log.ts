// Appends records to `.airlock/audit.jsonl` from several writers (windows, offline hook clients).
//
// Locking: an exclusive lock file created with O_CREAT|O_EXCL next to the audit file, holding the
// owner's pid. Reading the head and appending the next record happen under the lock, so the chain
// never forks and lines never interleave. A lock whose owner is dead, or older than LOCK_STALE_MS,
// is broken. Why not rely on O_APPEND alone: appends would not interleave, but two writers could
// read the same head and fork the chain.
//
// Damage: a tail that does not parse is never rewritten. The writer terminates it with a newline
// and continues with a `segment` record that names the damaged line, so the break is on the record.
// Anchoring: after each append the head (seq, hash) is written to a file outside the workspace.
import { createHash } from 'node:crypto';
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, renameSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { nextRecord, serialise, type AuditBody, type AuditRecord } from '../core/audit/record.js';
import { parseRecordLine, verifyAudit, type Anchor, type VerifyReport } from '../core/audit/verify.js';
import { stateDir } from './runtime-dir.js';
import { pidAlive } from './process-alive.js';

export const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');
export const DEFAULT_AUDIT_PATH = join('.airlock', 'audit.jsonl');
const LOCK_STALE_MS = 10_000;
const LOCK_WAIT_MS = 5_000;
const TAIL_BYTES = 256 * 1024;

export function anchorPath(auditFile: string, env: NodeJS.ProcessEnv = process.env): string {
  return join(stateDir(env), 'anchors', sha256(resolve(auditFile)).slice(0, 32) + '.json');
}

export function readAnchor(auditFile: string, env?: NodeJS.ProcessEnv): Anchor | undefined {
  try {
    const v = JSON.parse(readFileSync(anchorPath(auditFile, env), 'utf8')) as { seq?: unknown; hash?: unknown; file?: unknown };
    return typeof v.seq === 'number' && typeof v.hash === 'string' ? { seq: v.seq, hash: v.hash } : undefined;
  } catch {
    return undefined;
  }
}

function writeAnchor(auditFile: string, head: Anchor, env?: NodeJS.ProcessEnv): void {
  const file = anchorPath(auditFile, env);
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify({ ...head, file: resolve(auditFile), at: new Date().toISOString() }) + '\n', { mode: 0o600 });
  renameSync(tmp, file);
}

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

function withLock<T>(auditFile: string, fn: () => T): T {
  const lock = `${auditFile}.lock`;
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      const fd = openSync(lock, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let stale = false;
      try {
        const owner = Number(readFileSync(lock, 'utf8'));
        stale = (Number.isInteger(owner) && owner > 0 && !pidAlive(owner)) || Date.now() - statSync(lock).mtimeMs > LOCK_STALE_MS;
      } catch {
        stale = false; // the lock vanished between open and read: just retry
      }
      if (stale) {
        try { unlinkSync(lock); } catch { /* another writer broke it first */ }
        continue;
      }
      if (Date.now() > deadline) throw new Error(`the audit lock ${lock} is held by another writer`);
      sleep(2);
    }
  }
  try {
    return fn();
  } finally {
    try { unlinkSync(lock); } catch { /* already gone */ }
  }
}

interface Tail {
  readonly head?: { seq: number; hash: string };
  /** 1-based line number of a damaged last line, and whether the file lacks a final newline. */
  readonly damagedLine?: number;
  readonly needsNewline: boolean;
}

/** Reads the end of the file to find the last good record; counts lines only when damage is found. */
function readTail(file: string): Tail {
  if (!existsSync(file)) return { needsNewline: false };
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size === 0) return { needsNewline: false };
    const len = Math.min(size, TAIL_BYTES);
    const buf = Buffer.alloc(len);
    readSync(fd, buf, 0, len, size - len);
    const text = buf.toString('utf8');
    const needsNewline = !text.endsWith('\n');
    const lines = text.split('\n');
    if (lines.at(-1) === '') lines.pop();
    const last = lines.at(-1) ?? '';
    const parsed = parseRecordLine(last);
    if (typeof parsed !== 'string') return { head: { seq: parsed.seq, hash: parsed.hash }, needsNewline };
    // Damaged tail: find the last good record before it and the damaged line's number.
    const total = readFileSync(file, 'utf8').split('\n');
    if (total.at(-1) === '') total.pop();
    for (let i = total.length - 2; i >= 0; i--) {
      const r = parseRecordLine(total[i]!);
      if (typeof r !== 'string') return { head: { seq: r.seq, hash: r.hash }, damagedLine: total.length, needsNewline };
    }
    return { damagedLine: total.length, needsNewline };
  } finally {
    closeSync(fd);
  }
}

export interface AppendResult {
  readonly record: AuditRecord;
}

/** Appends one record under the lock. Throws on I/O failure (disk full, read-only): callers report it. */
export function appendAudit(file: string, body: AuditBody, env?: NodeJS.ProcessEnv): AppendResult {
  mkdirSync(dirname(file), { recursive: true });
  return withLock(file, () => {
    const tail = readTail(file);
    let out = tail.needsNewline ? '\n' : '';
    let head = tail.head;
    if (tail.damagedLine !== undefined) {
      const seg = nextRecord({ kind: 'segment', segment: { reason: 'the previous line is damaged (partial write or edit); continuing after it', damagedLine: tail.damagedLine, previousSeq: head?.seq } }, head, new Date(), sha256);
      out += serialise(seg);
      head = seg;
    }
    const record = nextRecord(body, head, new Date(), sha256);
    out += serialise(record);
    const fd = openSync(file, 'a', 0o600);
    try {
      // One write call: other appenders (even ones that ignore the lock) cannot split the line.
      writeSync(fd, out);
    } finally {
      closeSync(fd);
    }
    writeAnchor(file, { seq: record.seq, hash: record.hash }, env);
    return { record };
  });
}

export function verifyAuditFile(file: string, env?: NodeJS.ProcessEnv): VerifyReport {
  return verifyAudit(readFileSync(file, 'utf8'), sha256, readAnchor(file, env));
}
