import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { csvField, exportAudit, markdownCell, parseRange, type ExportRange } from '../../../src/core/audit/export.js';
import { canonicalJson, hashRecord, nextRecord, serialise, type AuditBody, type AuditRecord } from '../../../src/core/audit/record.js';
import { REDACTED } from '../../../src/core/redact.js';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const decision = (command: string, action = 'allow', extra: Partial<AuditBody> = {}): AuditBody => ({
  kind: 'decision', requestId: `r-${action}`, command,
  source: { agent: 'claude-code', session: 's1', path: 'hook' },
  assessment: { risk: 'low', rules: ['git.push', 'fs.rm'], tags: ['remote'], summary: 'x' },
  decision: { action, by: 'policy', reason: 'low risk' },
  latencyMs: 12,
  ...extra,
});

/** Records at the given UTC times (ISO), chained as the writer chains them. */
function chain(entries: readonly [string, AuditBody][]): AuditRecord[] {
  const out: AuditRecord[] = [];
  for (const [ts, body] of entries) out.push(nextRecord(body, out.at(-1), new Date(ts), sha256));
  return out;
}
const text = (rs: readonly AuditRecord[]) => rs.map(serialise).join('');
const csvRows = (csv: string) => csv.split('\r\n').filter(Boolean);

/** A record written by a writer that did not redact: re-hashed so it is a valid record. */
function unredacted(r: AuditRecord, command: string): AuditRecord {
  const { hash: _h, ...rest } = { ...r, command };
  return { ...rest, hash: hashRecord(rest, sha256) };
}

describe('audit export: range', () => {
  const rs = chain([
    ['2026-11-22T23:59:59.999Z', decision('echo before')],
    ['2026-11-23T00:00:00.000Z', decision('echo at-from')],
    ['2026-11-23T12:00:00.000Z', decision('echo middle', 'deny')],
    ['2026-11-23T23:59:59.999Z', decision('echo last-in')],
    ['2026-11-24T00:00:00.000Z', decision('echo at-to')],
  ]);

  it.each<[string, ExportRange, string[]]>([
    ['ISO dates: from inclusive, to exclusive', { from: '2026-11-23', to: '2026-11-24' }, ['echo at-from', 'echo middle', 'echo last-in']],
    ['Date objects', { from: new Date('2026-11-23T00:00:00Z'), to: new Date('2026-11-24T00:00:00Z') }, ['echo at-from', 'echo middle', 'echo last-in']],
    ['a date-time with an offset', { from: '2026-11-23T13:00:00+01:00', to: '2026-11-24T00:00:00.001Z' }, ['echo middle', 'echo last-in', 'echo at-to']],
    ['open start', { to: '2026-11-23' }, ['echo before']],
    ['open end', { from: '2026-11-24' }, ['echo at-to']],
    ['everything', {}, ['echo before', 'echo at-from', 'echo middle', 'echo last-in', 'echo at-to']],
    ['a range with nothing in it', { from: '2025-01-01', to: '2025-02-01' }, []],
  ])('%s', (_n, range, commands) => {
    const out = exportAudit(text(rs), range, 'csv');
    expect(out.records).toBe(commands.length);
    expect(csvRows(out.text).slice(1).map((row) => row.split(',')[11])).toEqual(commands);
  });

  it.each<[string, ExportRange, RegExp]>([
    ['from after to', { from: '2026-11-24', to: '2026-11-23' }, /empty/],
    ['from equal to to', { from: '2026-11-24', to: '2026-11-24' }, /empty/],
    ['a date that does not exist', { from: '2026-02-31' }, /calendar/],
    ['a date-time without a zone (local or UTC?)', { from: '2026-11-23T10:00' }, /ISO/],
    ['prose', { to: 'last tuesday' }, /ISO/],
    ['an invalid Date', { from: new Date(Number.NaN) }, /invalid/],
  ])('rejects %s', (_n, range, why) => {
    expect(parseRange(range)).toMatch(why);
    expect(() => exportAudit(text(rs), range, 'csv')).toThrow(why);
  });
});

describe('audit export: CSV', () => {
  it('has the header row and one row per record, CRLF-terminated', () => {
    const out = exportAudit(text(chain([['2026-11-23T10:00:00Z', decision('ls')]])), {}, 'csv');
    expect(out.text).toBe(
      'seq,time,kind,agent,session,path,risk,action,decided by,rules,tags,command,reason,latency ms,request id\r\n' +
      '1,2026-11-23T10:00:00.000Z,decision,claude-code,s1,hook,low,allow,policy,git.push fs.rm,remote,ls,low risk,12,r-allow\r\n',
    );
  });

  it.each([
    ['a plain field', 'ls -la', 'ls -la'],
    ['a comma', 'echo a,b', '"echo a,b"'],
    ['a quote', 'echo "hi"', '"echo ""hi"""'],
    ['a newline', 'echo a\necho b', '"echo a\necho b"'],
    ['a carriage return inside', 'a\rb', '"a\rb"'],
    ['an empty field', '', ''],
  ])('RFC 4180 quoting: %s', (_n, value, field) => {
    expect(csvField(value)).toBe(field);
  });

  it.each([
    ['=', `=cmd|' /C calc'!A0`, `'=cmd|' /C calc'!A0`],
    ['+', '+1+cmd', `'+1+cmd`],
    ['-', '-2+3', `'-2+3`],
    ['@', '@SUM(1)', `'@SUM(1)`],
    ['tab', '\t=1', `'\t=1`],
    ['CR', '\r=1', `"'\r=1"`],
    ['= with a comma (prefixed, then quoted)', '=HYPERLINK("http://x",1)', `"'=HYPERLINK(""http://x"",1)"`],
    ['a harmless start', 'rm -rf build', 'rm -rf build'],
  ])('formula injection: a field starting with %s', (_n, value, field) => {
    expect(csvField(value)).toBe(field);
  });

  it('defends the agent-supplied fields of a real record', () => {
    const rs = chain([['2026-11-23T10:00:00Z', decision(`=cmd|' /C calc'!A0`, 'allow', { source: { agent: '@agent', session: '+s', path: 'hook' } })]]);
    const row = csvRows(exportAudit(text(rs), {}, 'csv').text)[1]!;
    expect(row).toContain(`,'=cmd|' /C calc'!A0,`);
    expect(row).toContain(`,'@agent,'+s,hook,`);
    expect(row.split(',').some((f) => /^[=+\-@]/.test(f))).toBe(false);
  });
});

describe('audit export: Markdown', () => {
  it.each([
    ['a pipe', 'cat a | grep b', 'cat a \\| grep b'],
    ['a backslash before a pipe', 'a \\| b', 'a \\\\\\| b'],
    ['a newline', 'echo a\necho b', 'echo a<br>echo b'],
    ['CRLF', 'a\r\nb', 'a<br>b'],
    ['HTML', '<img src=x onerror=alert(1)>', '\\<img src=x onerror=alert(1)\\>'],
    ['markup', '*bold* [link](x) `code`', '\\*bold\\* \\[link\\](x) \\`code\\`'],
  ])('escapes %s in a cell', (_n, value, cell) => {
    expect(markdownCell(value)).toBe(cell);
  });

  it('renders a heading with the range, counts per action, and one table row per record', () => {
    const rs = chain([
      ['2026-11-23T10:00:00Z', decision('cat a | grep b')],
      ['2026-11-23T11:00:00Z', decision('rm -rf /', 'deny')],
      ['2026-11-23T12:00:00Z', decision('ls')],
      ['2026-11-23T13:00:00Z', { kind: 'notice', note: 'gate restarted' }],
    ]);
    const out = exportAudit(text(rs), { from: '2026-11-23', to: '2026-11-24' }, 'markdown');
    const lines = out.text.split('\n');
    expect(lines[0]).toBe('# Airlock audit log: 2026-11-23T00:00:00.000Z to 2026-11-24T00:00:00.000Z');
    expect(out.text).toContain('**4**');
    expect(out.text).toContain('- allow: 2\n- deny: 1\n');
    expect(out.text).toContain('- (notice): 1\n');
    expect(out.counts).toEqual({ allow: 2, deny: 1, '(notice)': 1 });
    const table = lines.filter((l) => l.startsWith('|'));
    expect(table).toHaveLength(2 + 4);
    expect(table[0]).toBe('| seq | time | kind | agent | session | path | risk | action | decided by | rules | tags | command | reason | latency ms | request id |');
    // Every row has exactly the header's 15 cells: the escaped pipe does not split one.
    for (const row of table) expect(row.split(/(?<!\\)\|/).length - 2).toBe(15);
    expect(table[2]).toContain('| cat a \\| grep b |');
    expect(table[5]).toContain('| gate restarted |');
  });
});

describe('audit export: redaction and damage', () => {
  const token = 'ghp_' + 'A'.repeat(36);

  it.each(['csv', 'markdown'] as const)('redacts a token that slipped through (%s)', (format) => {
    const [r] = chain([['2026-11-23T10:00:00Z', decision('ls')]]);
    const leaked = unredacted(r!, `git clone https://${token}@example.invalid/x.git`);
    expect(serialise(leaked)).toContain(token);
    const out = exportAudit(text([leaked]), {}, format);
    expect(out.text).not.toContain(token);
    expect(out.text).toContain(REDACTED);
  });

  it('skips damaged lines, counts them and reports them in the Markdown heading', () => {
    const rs = chain([
      ['2026-11-23T10:00:00Z', decision('echo one')],
      ['2026-11-23T11:00:00Z', decision('echo two')],
      ['2026-11-23T12:00:00Z', decision('echo three')],
    ]);
    const damaged = serialise(rs[0]!) + '{"v":1,"seq":2,"ts"\n' + serialise(rs[1]!) + canonicalJson({ v: 9, seq: 3 }) + '\n' + serialise(rs[2]!) + 'garbage | <b>';
    const csv = exportAudit(damaged, {}, 'csv');
    expect(csv.records).toBe(3);
    expect(csv.skipped).toEqual([
      { line: 2, reason: expect.stringMatching(/not valid JSON/) },
      { line: 4, reason: expect.stringMatching(/version/) },
      { line: 6, reason: expect.stringMatching(/not valid JSON/) },
    ]);
    expect(csv.text).not.toContain('garbage');
    const md = exportAudit(damaged, {}, 'markdown');
    expect(md.skipped).toHaveLength(3);
    expect(md.text).toMatch(/\*\*3 damaged line\(s\) skipped\*\*.*line 2 .*line 4 .*line 6 /);
    expect(md.text).not.toContain('garbage');
  });
});
