// The PocketOS incident: one curl POST to Railway's GraphQL API with a `volumeDelete` mutation and
// a bearer token read from a file deleted a production volume and its backups. The assessment of
// that request (and of its variants) must be critical and must name everything a human needs.
import { describe, expect, it } from 'vitest';
import type { Assessment } from '../../../src/core/model.js';
import { assessCommand } from '../fixtures.js';

const POCKETOS = `curl -X POST https://backboard.railway.app/graphql/v2 -H "Authorization: Bearer $(cat .railway-token)" -H 'Content-Type: application/json' -d '{"query":"mutation { volumeDelete(volumeId: \\"vol_7f3a\\") }"}'`;

function expectFullPlan(a: Assessment, credential: { kind: string; name: string }, host = 'backboard.railway.app'): void {
  expect(a.risk).toBe('critical');
  expect(a.rules.map((r) => r.id)).toContain('railway.graphql.volume-delete');
  // The remote API and the volume, by name.
  const targets = a.steps.flatMap((s) => s.targets);
  expect(targets).toContainEqual({ kind: 'host', name: host });
  expect(targets).toContainEqual({ kind: 'volume', name: 'vol_7f3a' });
  // Irreversible, and the backups go with it.
  expect(a.reversibility).toBe('irreversible');
  for (const t of ['remote-api', 'volume', 'backup', 'irreversible', 'data-loss', 'credential'] as const) expect(a.tags).toContain(t);
  expect(a.summary).toMatch(/backups/i);
  // The credential it uses, never its value.
  expect(a.credentials).toContainEqual(credential);
  // Nothing showed which environment this is: unverified, treated as production.
  expect(a.environment).toBe('unverified');
  expect(a.summary).toMatch(/unverified/i);
  expect(a.confirmTargets).toContain('vol_7f3a');
  const step = a.steps.find((s) => s.program === 'curl')!;
  expect(step.effect).toBe('delete');
  expect(step.environment).toBe('unverified');
  expect(step.scope).toBe('remote');
}

describe('the PocketOS request', () => {
  it('is critical and its plan names the API, the volume, irreversibility, backups, the credential and the unverified environment', async () => {
    const a = await assessCommand(POCKETOS);
    expectFullPlan(a, { kind: 'file', name: '.railway-token' });
    expect(a.alternatives.length).toBeGreaterThan(0);
  });

  it('is high, not critical, when the policy marks the target as non-production', async () => {
    const a = await assessCommand(POCKETOS, { nonProductionMarkers: ['vol_7f3a'] });
    expect(a.risk).toBe('high');
    expect(a.environment).toBe('non-production');
    expect(a.tags).toContain('backup');
  });

  it('is critical in a linked production environment, and says so', async () => {
    const a = await assessCommand(POCKETOS, { linkedEnvironment: 'production' });
    expect(a.risk).toBe('critical');
    expect(a.environment).toBe('production');
    expect(a.tags).toContain('production');
  });

  it.each([
    ['--data-raw and the .com host', `curl -s -X POST https://backboard.railway.com/graphql/v2 -H "Authorization: Bearer $(cat .railway-token)" -H 'Content-Type: application/json' --data-raw '{"query":"mutation { volumeDelete(volumeId: \\"vol_7f3a\\") }"}'`],
    ['--json', `curl https://backboard.railway.app/graphql/v2 -H "Authorization: Bearer $(cat .railway-token)" --json '{"query":"mutation { volumeDelete(volumeId: \\"vol_7f3a\\") }"}'`],
    ['a variables object', `curl -X POST https://backboard.railway.app/graphql/v2 -H "Authorization: Bearer $(cat .railway-token)" -H 'Content-Type: application/json' -d '{"query":"mutation($id: String!){ volumeDelete(volumeId: $id) }","variables":{"id":"vol_7f3a"}}'`],
    ['lower-case header, reordered flags', `curl -d '{"query":"mutation { volumeDelete(volumeId: \\"vol_7f3a\\") }"}' -H 'content-type: application/json' -H "authorization: Bearer $(cat .railway-token)" https://backboard.railway.app/graphql/v2 -XPOST`],
    ['double-quoted JSON', `curl -X POST https://backboard.railway.app/graphql/v2 -H "Authorization: Bearer $(cat .railway-token)" -d "{\\"query\\":\\"mutation { volumeDelete(volumeId: \\\\\\"vol_7f3a\\\\\\") }\\"}"`],
    ['a heredoc on stdin', `curl -X POST https://backboard.railway.app/graphql/v2 -H "Authorization: Bearer $(cat .railway-token)" -H 'Content-Type: application/json' -d @- <<'EOF'\n{"query":"mutation { volumeDelete(volumeId: \\"vol_7f3a\\") }"}\nEOF`],
    ['a payload file written first', `cat > payload.json <<'EOF'\n{"query":"mutation { volumeDelete(volumeId: \\"vol_7f3a\\") }"}\nEOF\ncurl -X POST https://backboard.railway.app/graphql/v2 -H "Authorization: Bearer $(cat .railway-token)" -d @payload.json`],
    ['a named operation with an alias', `curl -X POST https://backboard.railway.app/graphql/v2 -H "Authorization: Bearer $(cat .railway-token)" -d '{"query":"mutation Cleanup { gone: volumeDelete(volumeId: \\"vol_7f3a\\") }"}'`],
    ['inside bash -c', `bash -c 'curl -X POST https://backboard.railway.app/graphql/v2 -H "Authorization: Bearer $(cat .railway-token)" -d "{\\"query\\":\\"mutation { volumeDelete(volumeId: \\\\\\"vol_7f3a\\\\\\") }\\"}"'`],
  ])('variant: %s', async (_name, cmd) => {
    expectFullPlan(await assessCommand(cmd), { kind: 'file', name: '.railway-token' }, cmd.includes('railway.com') ? 'backboard.railway.com' : undefined);
  });

  it('with the token in $RAILWAY_TOKEN names the variable', async () => {
    const a = await assessCommand(`curl -X POST https://backboard.railway.app/graphql/v2 -H "Authorization: Bearer $RAILWAY_TOKEN" -H 'Content-Type: application/json' -d '{"query":"mutation { volumeDelete(volumeId: \\"vol_7f3a\\") }"}'`);
    expectFullPlan(a, { kind: 'env', name: 'RAILWAY_TOKEN' });
  });

  it.each([
    ['wget --post-data', `wget -qO- --header="Authorization: Bearer $RAILWAY_TOKEN" --header='Content-Type: application/json' --post-data='{"query":"mutation { volumeDelete(volumeId: \\"vol_7f3a\\") }"}' https://backboard.railway.app/graphql/v2`],
    ['httpie', `http POST https://backboard.railway.app/graphql/v2 "Authorization:Bearer $RAILWAY_TOKEN" query='mutation { volumeDelete(volumeId: "vol_7f3a") }'`],
    ['xh', `xh post backboard.railway.app/graphql/v2 "Authorization:Bearer $RAILWAY_TOKEN" query='mutation { volumeDelete(volumeId: "vol_7f3a") }'`],
  ])('other clients: %s', async (_name, cmd) => {
    const a = await assessCommand(cmd);
    expect(a.risk).toBe('critical');
    expect(a.rules.map((r) => r.id)).toContain('railway.graphql.volume-delete');
    expect(a.tags).toEqual(expect.arrayContaining(['backup', 'volume', 'irreversible', 'credential', 'remote-api']));
    expect(a.steps.flatMap((s) => s.targets)).toContainEqual({ kind: 'volume', name: 'vol_7f3a' });
    expect(a.environment).toBe('unverified');
  });

  it('an unseen body sent to Railway GraphQL is at least high', async () => {
    const a = await assessCommand(`curl -X POST https://backboard.railway.app/graphql/v2 -H "Authorization: Bearer $(cat .railway-token)" -d @payload.json`);
    expect(['high', 'critical']).toContain(a.risk);
    expect(a.tags).toContain('remote-api');
  });

  it('a read-only query stays low', async () => {
    const a = await assessCommand(`curl -s https://backboard.railway.app/graphql/v2 -H "Authorization: Bearer $RAILWAY_TOKEN" -H 'Content-Type: application/json' -d '{"query":"query { me { projects { edges { node { id name } } } } }"}'`);
    expect(a.rules.filter((r) => r.id.startsWith('railway.') || r.id.startsWith('http.'))).toEqual([]);
  });
});
