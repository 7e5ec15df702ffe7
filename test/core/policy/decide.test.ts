import { describe, expect, it } from 'vitest';
import { decide } from '../../../src/core/policy/decide.js';
import { DEFAULT_POLICY, type Policy } from '../../../src/core/policy/policy.js';
import type { Assessment, Risk } from '../../../src/core/model.js';

function assessment(risk: Risk, command = 'x', opts: { ok?: boolean; effect?: 'read' | 'write' } = {}): Assessment {
  return {
    command, risk, summary: `${risk} thing`, rules: [], tags: [], alternatives: [], credentials: [], confirmTargets: [],
    environment: 'local', reversibility: 'reversible', parse: { ok: opts.ok ?? true, problems: opts.ok === false ? ['bad'] : [] },
    steps: [{ command, program: 'x', effect: opts.effect ?? 'read', risk, summary: '', targets: [], scope: 'workspace', reversibility: 'reversible', credentials: [], ruleIds: [], via: [] }],
  };
}
const withPolicy = (p: Partial<Policy>): Policy => ({ ...DEFAULT_POLICY, ...p });

describe('decide', () => {
  it.each([
    ['low', 'allow'], ['medium', 'allow'], ['high', 'ask'], ['critical', 'confirm'],
  ] as const)('default policy: %s → %s', (risk, action) => {
    expect(decide(assessment(risk), DEFAULT_POLICY).action).toBe(action);
  });

  it('an allow pattern lets a high command through, naming itself', () => {
    const d = decide(assessment('high', 'npm run deploy:staging'), withPolicy({ allow: [{ command: 'npm run deploy:staging', upTo: 'high' }] }));
    expect(d).toMatchObject({ action: 'allow', decidedBy: 'policy.allow[0]' });
  });

  it.each([
    ['critical is never allowed by a pattern', assessment('critical', 'terraform destroy'), { command: 'terraform *', upTo: 'high' as const }],
    ['a pattern does not reach above its level', assessment('high', 'git push -f'), { command: 'git push *', upTo: 'medium' as const }],
    ['an unparsed command is never allowed by a pattern', assessment('high', 'git push -f', { ok: false }), { command: 'git push *', upTo: 'high' as const }],
  ])('%s', (_n, a, pattern) => {
    expect(decide(a, withPolicy({ allow: [pattern] })).action).not.toBe('allow');
  });

  it('code freeze makes a mutating low command ask, but leaves reads alone', () => {
    const p = withPolicy({ codeFreeze: true });
    expect(decide(assessment('low', 'touch x', { effect: 'write' }), p)).toMatchObject({ action: 'ask', decidedBy: 'policy.code-freeze' });
    expect(decide(assessment('low', 'ls'), p).action).toBe('allow');
  });
});
