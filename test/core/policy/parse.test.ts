// Policy files: positions on every diagnostic, and invalid input never loosens anything.
import { describe, expect, it } from 'vitest';
import { MAX_POLICY_BYTES, parsePolicyYaml } from '../../../src/core/policy/parse.js';
import { DEFAULT_POLICY } from '../../../src/core/policy/policy.js';

describe('policy YAML', () => {
  it('reads a complete policy', () => {
    const { policy, diagnostics } = parsePolicyYaml(`version: 1
actions: { low: allow, medium: ask, high: deny, critical: deny }
protectedPaths: [migrations/**, .env*]
production:
  markers: [acme-prod]
  hosts: [db.acme.io]
  kubeContexts: [eks-main]
  branches: [stable]
nonProduction: { markers: [acme-staging] }
allow:
  - command: "npm run deploy:staging"
    upTo: high
rules:
  - id: custom.no-seed
    program: node
    args: "scripts/seed"
    risk: high
    summary: reseeds the database
    tags: [database]
codeFreeze: true
whenEditorUnavailable: ask
approvalTimeoutSeconds: 120
`);
    expect(diagnostics).toEqual([]);
    expect(policy).toMatchObject({
      actions: { low: 'allow', medium: 'ask', high: 'deny', critical: 'deny' },
      protectedPaths: ['migrations/**', '.env*'],
      production: { markers: ['acme-prod', 'db.acme.io'], kubeContexts: ['eks-main'] },
      codeFreeze: true, whenEditorUnavailable: 'ask', approvalTimeoutSeconds: 120,
    });
    expect(policy!.production.branches).toContain('stable');
    expect(policy!.production.branches).toContain('main');
    expect(policy!.rules[0]).toMatchObject({ id: 'custom.no-seed', programs: ['node'], risk: 'high' });
  });

  it('returns no policy (keep the last good one) on broken YAML, with a position', () => {
    const r = parsePolicyYaml('actions:\n  high: [ask\n');
    expect(r.policy).toBeUndefined();
    expect(r.diagnostics[0]!.line).toBeGreaterThanOrEqual(2);
  });

  it('treats an empty file as the defaults', () => {
    expect(parsePolicyYaml('').policy).toEqual(DEFAULT_POLICY);
  });

  it.each([
    ['actions:\n  high: alow\n', 'actions.high', 2, (p: typeof DEFAULT_POLICY) => p.actions.high === 'ask'],
    ['actions:\n  low: denny\n', 'actions.low', 2, (p: typeof DEFAULT_POLICY) => p.actions.low === 'ask'],
    ['actions:\n  critical: allow\n', 'actions.critical', 2, (p: typeof DEFAULT_POLICY) => p.actions.critical === 'ask'],
    ['actions:\n  medium: deny\n  high: allow\n', 'actions.high', 3, (p: typeof DEFAULT_POLICY) => p.actions.high === 'deny' && p.actions.critical === 'deny'],
    ['codeFreeze: "yes please"\n', 'codeFreeze', 1, (p: typeof DEFAULT_POLICY) => p.codeFreeze === true],
    ['allow:\n  - command: "*"\n', 'allow.0.command', 2, (p: typeof DEFAULT_POLICY) => p.allow.length === 0],
    ['allow:\n  - command: "make deploy"\n    upTo: critical\n', 'allow.0.upTo', 3, (p: typeof DEFAULT_POLICY) => p.allow[0]?.upTo === 'high'],
    ['whenEditorUnavailable: allow-everything\n', 'whenEditorUnavailable', 1, (p: typeof DEFAULT_POLICY) => p.whenEditorUnavailable === 'deny'],
    ['approvalTimeoutSeconds: 999999\n', 'approvalTimeoutSeconds', 1, (p: typeof DEFAULT_POLICY) => p.approvalTimeoutSeconds === 300],
    ['rules:\n  - id: Bad Id\n    program: x\n    risk: high\n', 'rules.0.id', 2, (p: typeof DEFAULT_POLICY) => p.rules.length === 0],
    ['rules:\n  - id: custom.x\n    program: x\n    args: "("\n    risk: high\n', 'rules.0.args', 4, (p: typeof DEFAULT_POLICY) => p.rules.length === 0],
    ['protectedPaths: src/**\n', 'protectedPaths', 1, (p: typeof DEFAULT_POLICY) => p.protectedPaths.length === 0],
  ])('%j → diagnostic at %s line %i, and never looser', (yaml, path, line, safe) => {
    const { policy, diagnostics } = parsePolicyYaml(yaml);
    const d = diagnostics.find((x) => x.path === path);
    expect(d, JSON.stringify(diagnostics)).toBeDefined();
    expect(d!.line).toBe(line);
    expect(d!.column).toBeGreaterThan(0);
    expect(safe(policy!)).toBe(true);
  });

  it('reads the older `unreachable` spelling, and the stricter of the two wins', () => {
    expect(parsePolicyYaml('unreachable: ask\n').policy!.whenEditorUnavailable).toBe('ask');
    expect(parsePolicyYaml('whenEditorUnavailable: ask\nunreachable: deny\n').policy!.whenEditorUnavailable).toBe('deny');
    expect(parsePolicyYaml('whenEditorUnavailable: deny\nunreachable: ask\n').policy!.whenEditorUnavailable).toBe('deny');
  });

  it('warns about unknown keys without failing', () => {
    const { policy, diagnostics } = parsePolicyYaml('colour: blue\n');
    expect(policy).toEqual(DEFAULT_POLICY);
    expect(diagnostics[0]).toMatchObject({ severity: 'warning', path: 'colour', line: 1 });
  });

  it('refuses an alias bomb with a diagnostic instead of throwing (the last good policy is kept)', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    let prev = 'a';
    for (const n of ['b', 'c', 'd', 'e', 'f', 'g', 'h']) { lines.push(`${n}: &${n} [${Array(9).fill(`*${prev}`).join(', ')}]`); prev = n; }
    const { policy, diagnostics } = parsePolicyYaml(lines.join('\n') + '\nactions: {high: allow}\n');
    expect(policy).toBeUndefined();
    expect(diagnostics[0]).toMatchObject({ severity: 'error' });
    expect(diagnostics[0]!.message).toMatch(/cannot be expanded/);
  });

  it('refuses a policy larger than the limit without parsing it', () => {
    const { policy, diagnostics } = parsePolicyYaml('actions: {high: allow}\n#' + 'x'.repeat(MAX_POLICY_BYTES));
    expect(policy).toBeUndefined();
    expect(diagnostics[0]!.message).toMatch(/limit is 256 KiB/);
  });
});
