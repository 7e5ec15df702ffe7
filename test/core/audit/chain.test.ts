import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, nextRecord, serialise, type AuditBody, type AuditRecord } from '../../../src/core/audit/record.js';
import { verifyAudit } from '../../../src/core/audit/verify.js';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const body = (i: number): AuditBody => ({ kind: 'decision', requestId: `r${i}`, command: `curl -H "Authorization: Bearer tok_${i}abcdefgh" x`, decision: { action: 'allow', by: 'policy', reason: 'low' } });

function chain(n: number): AuditRecord[] {
  const out: AuditRecord[] = [];
  for (let i = 0; i < n; i++) out.push(nextRecord(body(i), out.at(-1), new Date(Date.UTC(2026, 10, 23, 0, 0, i)), sha256));
  return out;
}
const text = (rs: readonly AuditRecord[]) => rs.map(serialise).join('');

describe('audit chain', () => {
  it('canonical JSON sorts keys at every level and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: undefined }], c: 'x' } })).toBe('{"a":{"c":"x","d":[1,{"f":2}]},"b":1}');
  });

  it('redacts secrets before they are written', () => {
    expect(serialise(chain(1)[0]!)).not.toContain('tok_0abcdefgh');
  });

  it('verifies an intact chain and reports its head', () => {
    const rs = chain(5);
    expect(verifyAudit(text(rs), sha256)).toMatchObject({ ok: true, records: 5, head: { seq: 5, hash: rs[4]!.hash } });
  });

  it.each([
    ['an edited record', (rs: AuditRecord[]) => text(rs).replace('"r2"', '"r9"'), 3, /edited/],
    ['a removed record', (rs: AuditRecord[]) => text(rs.filter((r) => r.seq !== 3)), 3, /jumps/],
    ['reordered records', (rs: AuditRecord[]) => text([rs[0]!, rs[2]!, rs[1]!, rs[3]!]), 2, /jumps/],
    ['a garbage line in the middle', (rs: AuditRecord[]) => text(rs.slice(0, 2)) + 'garbage\n' + text(rs.slice(2)), 3, /not valid JSON/],
    ['a partial last line', (rs: AuditRecord[]) => text(rs) + '{"v":1,"seq":6', 6, /acknowledges/],
  ])('reports %s at the first bad line', (_n, damage, line, why) => {
    const r = verifyAudit(damage(chain(5)), sha256);
    expect(r.ok).toBe(false);
    expect(r.firstBad!.line).toBe(line);
    expect(r.firstBad!.reason).toMatch(why);
  });

  it('detects a forked chain: a re-hashed record with the wrong prev', () => {
    const rs = chain(3);
    const forked = nextRecord(body(9), { seq: 2, hash: rs[0]!.hash }, new Date(), sha256);
    const r = verifyAudit(text([rs[0]!, rs[1]!, forked]), sha256);
    expect(r.firstBad).toMatchObject({ line: 3, reason: expect.stringMatching(/prev/) });
  });

  it('accepts damage that a segment record acknowledges', () => {
    const rs = chain(3);
    const seg = nextRecord({ kind: 'segment', segment: { reason: 'damaged tail', damagedLine: 4, previousSeq: 3 } }, rs[2], new Date(), sha256);
    const r = verifyAudit(text(rs) + '{"v":1,"seq"\n' + serialise(seg), sha256);
    expect(r).toMatchObject({ ok: true, records: 4, breaks: [{ line: 4 }] });
  });

  it.each([
    ['truncation', (rs: AuditRecord[]) => text(rs.slice(0, 3)), /truncated/],
    ['rewriting from scratch', () => text(chain(6).map((r) => r)).replace(/"r/g, '"q'), /edited|differs/],
  ])('the anchor detects %s', (_n, damage, why) => {
    const rs = chain(5);
    const r = verifyAudit(damage(rs), sha256, { seq: 5, hash: rs[4]!.hash });
    expect(r.ok).toBe(false);
    expect(r.firstBad!.reason).toMatch(why);
  });

  it('the anchor detects a consistent rewrite (re-hashed chain)', () => {
    const rs = chain(5);
    const rewritten: AuditRecord[] = [];
    for (let i = 0; i < 5; i++) rewritten.push(nextRecord({ ...body(i), note: 'rewritten' }, rewritten.at(-1), new Date(), sha256));
    expect(verifyAudit(text(rewritten), sha256).ok).toBe(true);
    expect(verifyAudit(text(rewritten), sha256, { seq: 5, hash: rs[4]!.hash }).firstBad?.reason).toMatch(/rewritten/);
  });
});
