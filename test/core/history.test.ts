// The panel's History: last decisions newest first, linked outcomes, and its filters.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { historyEntries } from '../../src/core/audit/history.js';
import { nextRecord, serialise, type AuditBody, type AuditRecord } from '../../src/core/audit/record.js';
import { filterHistory, filterOptions } from '../../src/webview/history-filter.js';
import { parseFromWebview } from '../../src/protocol/webview.js';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const decision = (n: number, action: string, risk: string, agent = 'claude-code'): AuditBody => ({
  kind: 'decision', requestId: `req-${n}`, command: `cmd ${n}`,
  source: { agent, session: 's1', path: 'hook' },
  assessment: { risk, rules: [`rule.${n}`, 'fs.rm'], tags: ['remote'], summary: `summary ${n}` },
  decision: { action, by: 'human', reason: `reason ${n}` },
  latencyMs: n,
});
function text(bodies: readonly AuditBody[]): string {
  const out: AuditRecord[] = [];
  for (const b of bodies) out.push(nextRecord(b, out.at(-1), new Date(Date.UTC(2026, 10, 23, 0, 0, out.length)), sha256));
  return out.map(serialise).join('');
}

describe('historyEntries', () => {
  it('lists decisions newest first with their fields, skipping other kinds and damaged lines', () => {
    const t = text([decision(1, 'allow', 'low'), { kind: 'notice', note: 'n' }, decision(2, 'deny', 'critical', 'cursor')]) + '{broken\n';
    const h = historyEntries(t);
    expect(h.map((e) => e.requestId)).toEqual(['req-2', 'req-1']);
    expect(h[0]).toMatchObject({ seq: 3, agent: 'cursor', risk: 'critical', action: 'deny', decidedBy: 'human', command: 'cmd 2', summary: 'summary 2', rules: ['rule.2', 'fs.rm'], tags: ['remote'], reason: 'reason 2', latencyMs: 2, session: 's1' });
    expect(h[0]!.outcome).toBeUndefined();
  });

  it('shows bypasses (risky executions with no decision) next to decisions, not ordinary executions', () => {
    const execution = (n: number, bypass: boolean): AuditBody => ({
      kind: 'execution', requestId: `exec-${n}`, command: `cmd ${n}`, source: { agent: 'cline', session: 'Cline', path: 'observer' },
      assessment: { risk: bypass ? 'critical' : 'low', rules: [], tags: [], summary: '' },
      decision: { action: bypass ? 'bypass' : 'ran', by: 'nobody', reason: 'r' }, execution: { terminal: 'Cline', origin: 'agent', bypass },
    });
    const h = historyEntries(text([decision(1, 'allow', 'low'), execution(2, false), execution(3, true), { kind: 'outcome', requestId: 'exec-3', exitCode: 0 }]));
    expect(h.map((e) => [e.requestId, e.action, e.decidedBy])).toEqual([['exec-3', 'bypass', 'nobody'], ['req-1', 'allow', 'human']]);
    expect(h[0]!.outcome).toMatchObject({ exitCode: 0 });
  });

  it('links the outcome record with the same request id', () => {
    const h = historyEntries(text([decision(1, 'allow', 'high'), { kind: 'outcome', requestId: 'req-1', exitCode: 0, note: 'finished' }]));
    expect(h[0]!.outcome).toMatchObject({ exitCode: 0, note: 'finished' });
  });

  it('keeps the last `limit` decisions', () => {
    const h = historyEntries(text(Array.from({ length: 250 }, (_, i) => decision(i, 'allow', 'low'))));
    expect(h).toHaveLength(200);
    expect(h[0]!.requestId).toBe('req-249');
    expect(h.at(-1)!.requestId).toBe('req-50');
    expect(historyEntries(text([decision(1, 'allow', 'low'), decision(2, 'allow', 'low')]), 1).map((e) => e.requestId)).toEqual(['req-2']);
  });

  it('redacts secrets again and reads odd fields defensively', () => {
    const h = historyEntries(text([{ ...decision(1, 'deny', 'high'), command: 'curl -H "Authorization: Bearer sk-abcdefghijklmnopqrstuvwxyz012345"', assessment: undefined }]));
    expect(h[0]!.command).not.toContain('sk-abcdefghijklmnopqrstuvwxyz012345');
    expect(h[0]).toMatchObject({ risk: '', rules: [], summary: '' });
  });

  it('is empty for an empty file', () => expect(historyEntries('')).toEqual([]));
});

describe('history filters', () => {
  const h = historyEntries(text([decision(1, 'allow', 'low'), decision(2, 'deny', 'critical', 'cursor'), decision(3, 'deny', 'high'), decision(4, 'ask', 'medium', 'copilot')]));
  const cases: { f: { risk: string; agent: string; action: string }; want: string[] }[] = [
    { f: { risk: '', agent: '', action: '' }, want: ['req-4', 'req-3', 'req-2', 'req-1'] },
    { f: { risk: '', agent: '', action: 'deny' }, want: ['req-3', 'req-2'] },
    { f: { risk: 'critical', agent: '', action: '' }, want: ['req-2'] },
    { f: { risk: '', agent: 'claude-code', action: 'deny' }, want: ['req-3'] },
    { f: { risk: 'low', agent: 'cursor', action: '' }, want: [] },
  ];
  for (const c of cases) it(JSON.stringify(c.f), () => expect(filterHistory(h, c.f).map((e) => e.requestId)).toEqual(c.want));

  it('offers the values present, risks by severity', () => {
    expect(filterOptions(h)).toEqual({ risk: ['low', 'medium', 'high', 'critical'], agent: ['claude-code', 'copilot', 'cursor'], action: ['allow', 'ask', 'deny'] });
  });
});

describe('parseFromWebview: audit actions', () => {
  it('accepts verifyAudit and exportAudit as fixed actions, dropping any extra fields', () => {
    expect(parseFromWebview({ type: 'verifyAudit', path: '/etc/passwd' })).toEqual({ type: 'verifyAudit' });
    expect(parseFromWebview({ type: 'exportAudit', command: 'workbench.action.terminal.new', target: '/tmp/x' })).toEqual({ type: 'exportAudit' });
  });
  it('has no message that runs a command', () => {
    for (const type of ['runCommand', 'executeCommand', 'command', 'open']) expect(parseFromWebview({ type, command: 'x' })).toBeUndefined();
  });
});
