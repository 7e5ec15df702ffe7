import { spawn } from 'node:child_process';
import { appendFileSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { anchorPath, appendAudit, readAnchor, verifyAuditFile } from '../../src/node/audit-log.js';
import { tempDir } from './helpers.js';

const env = () => ({ ...process.env, AIRLOCK_STATE_DIR: tempDir('state') });
const body = (i: number) => ({ kind: 'decision' as const, requestId: `r${i}`, command: `echo ${i}`, decision: { action: 'allow', by: 'policy' as const, reason: 'low' } });

describe('audit log', () => {
  it('appends a verifiable chain and anchors its head outside the workspace', () => {
    const e = env();
    const file = join(tempDir('ws'), '.airlock', 'audit.jsonl');
    for (let i = 0; i < 5; i++) appendAudit(file, body(i), e);
    expect(verifyAuditFile(file, e)).toMatchObject({ ok: true, records: 5 });
    expect(readAnchor(file, e)?.seq).toBe(5);
    expect(anchorPath(file, e).startsWith(e.AIRLOCK_STATE_DIR!)).toBe(true);
  });

  it('detects truncation through the anchor', () => {
    const e = env();
    const file = join(tempDir('ws'), 'audit.jsonl');
    for (let i = 0; i < 4; i++) appendAudit(file, body(i), e);
    const lines = readFileSync(file, 'utf8').split('\n').slice(0, 2).join('\n') + '\n';
    writeFileSync(file, lines);
    expect(verifyAuditFile(file, e).firstBad?.reason).toMatch(/truncated/);
  });

  it('never overwrites a damaged tail: it records the break in a new segment', () => {
    const e = env();
    const file = join(tempDir('ws'), 'audit.jsonl');
    appendAudit(file, body(1), e);
    appendFileSync(file, '{"v":1,"seq":2,"trunc');
    const before = readFileSync(file, 'utf8');
    appendAudit(file, body(3), e);
    const after = readFileSync(file, 'utf8');
    expect(after.startsWith(before)).toBe(true);
    const report = verifyAuditFile(file, e);
    expect(report).toMatchObject({ ok: true, breaks: [{ line: 2 }] });
    expect(after).toContain('"kind":"segment"');
  });

  it('throws ENOSPC on a full disk rather than pretending (callers report it)', () => {
    const dir = tempDir('full');
    const file = join(dir, 'audit.jsonl');
    symlinkSync('/dev/full', file);
    expect(() => appendAudit(file, body(1), env())).toThrow(/ENOSPC/);
  });

  it('keeps one chain with several processes writing at once', async () => {
    const e = env();
    const file = join(tempDir('ws'), 'audit.jsonl');
    const script = `
      const { appendAudit } = require(${JSON.stringify(join(process.cwd(), 'out', 'audit-log-test.cjs'))});
      for (let i = 0; i < 40; i++) appendAudit(process.argv[1], { kind: 'decision', requestId: process.pid + '-' + i, command: 'x' });`;
    const { buildSync } = await import('esbuild');
    buildSync({ entryPoints: [join(process.cwd(), 'src/node/audit-log.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: join(process.cwd(), 'out', 'audit-log-test.cjs'), logLevel: 'error' });
    await Promise.all([0, 1, 2, 3].map(() => new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, ['-e', script, file], { env: e, stdio: 'inherit' });
      child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`writer exited ${code}`))));
    })));
    const report = verifyAuditFile(file, e);
    expect(report).toMatchObject({ ok: true, records: 160 });
  }, 60_000);
});
