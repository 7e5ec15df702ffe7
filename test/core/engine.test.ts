import { describe, expect, it } from 'vitest';
import { assess } from '../../src/core/assess.js';
import { indexRules } from '../../src/core/rules/catalogue.js';
import type { Rule } from '../../src/core/rules/rule.js';
import { assessCommand, context, getParser } from './fixtures.js';

const probeRule: Rule = {
  id: 'test.remote-delete', programs: ['zap'], description: 'test rule',
  check: (v) => ({ ruleId: 'test.remote-delete', risk: 'high', effect: 'delete', summary: `deletes ${v.args[0]}`,
    targets: [{ kind: 'resource', name: v.args[0] ?? '?' }], reversibility: 'irreversible', remote: { identifiers: [v.args[0] ?? ''], destructive: true } }),
};

describe('engine', () => {
  it.each([
    ['ls -la', 'low'],
    ['echo "rm -rf /"', 'low'],
    ['cat <<EOF;\nhi\nEOF', 'high'],
    ['rm -rf x; done', 'high'],
    ['done; rm -rf x', 'high'],
  ])('%s → %s', async (cmd, risk) => {
    expect((await assessCommand(cmd)).risk).toBe(risk);
  });

  it('tags unparsed commands and names the problem', async () => {
    const a = await assessCommand('echo $(( 1 + ');
    expect(a.tags).toContain('unparsed');
    expect(a.parse.ok).toBe(false);
    expect(a.rules[0]?.id).toBe('shell.unparsed');
  });

  it.each([
    ['zap db-staging', {}, 'high', 'non-production'],
    ['zap db-prod', {}, 'critical', 'production'],
    ['zap vol_7f3a', {}, 'critical', 'unverified'],
    ['zap vol_7f3a', { linkedEnvironment: 'production' }, 'critical', 'production'],
    ['zap db-staging', { linkedEnvironment: 'production' }, 'high', 'non-production'],
    ['zap vol_7f3a', { kubeContext: 'staging' }, 'critical', 'unverified'],
    ['zap vol_7f3a', { nonProductionMarkers: ['vol_7f3a'] }, 'high', 'non-production'],
  ] as const)('%s in %j → %s (%s)', async (cmd, ctx, risk, env) => {
    const a = assess(cmd, context(ctx), { parser: await getParser(), rules: indexRules([probeRule]) });
    expect(a.risk).toBe(risk);
    expect(a.environment).toBe(env);
  });
});

describe('environment classification (red-team fixes)', () => {
  it.each([
    // `.dev` is a public top-level domain, not a non-production marker.
    ['curl -X DELETE -H "Authorization: Bearer $T" https://api.machines.dev/v1/apps/acme-api', 'critical'],
    ['curl -X DELETE -H "Authorization: Bearer $T" https://api.staging.example.dev/v1/apps/acme-api', 'high'],
    ['psql postgres://app@db.acme.dev/app -c "DROP TABLE users"', 'critical'],
    ['psql -h dev-db.acme.io -c "DROP TABLE users"', 'high'],
  ])('%s → %s', async (cmd, risk) => {
    expect((await assessCommand(cmd)).risk).toBe(risk);
  });
});
