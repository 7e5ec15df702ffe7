import { describe, expect, it } from 'vitest';
import { riskRank, type Risk } from '../../src/core/model.js';
import type { AssessedCommand } from '../../src/core/provenance/assessed-command.js';
import { applyProvenance, PROVENANCE_RULE_ID } from '../../src/core/provenance/apply.js';
import { globMatches, patternMatchesName } from '../../src/core/provenance/command-text.js';
import { discoveriesIn, type DiscoveryHow } from '../../src/core/provenance/discovery.js';
import { CredentialLedger, LEDGER_LIMITS } from '../../src/core/provenance/ledger.js';
import type { Certainty, Provenance } from '../../src/core/provenance/match.js';
import { assessCommand, HOME, WORKSPACE } from './fixtures.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const NOW = 100 * HOUR;
const SESSION = 'claude-code::s1';

const volumeDelete = (auth: string) =>
  `curl -X POST https://backboard.railway.app/graphql/v2 -H "Authorization: Bearer ${auth}" -d '{"query":"mutation { volumeDelete(volumeId: \\"vol_7f3a\\") }"}'`;
const POCKETOS = volumeDelete('$(cat .railway-token)');
const POCKETOS_ENV = volumeDelete('$RAILWAY_TOKEN');
const GH_USER = 'gh api -H "Authorization: token $GH_TOKEN" /user';
const GH_ISSUE = 'curl -X POST -H "Authorization: token $GH_TOKEN" https://api.github.com/repos/o/r/issues -d x';
const LITERAL = 'curl -H "Authorization: Bearer sk-proj-abcdefghijklmnop1234" https://api.openai.com/v1/models';

async function assessed(command: string, cwd = WORKSPACE): Promise<AssessedCommand> {
  return { assessment: await assessCommand(command, { cwd }), cwd, home: HOME };
}

interface Earlier {
  readonly command: string;
  readonly minutesAgo: number;
  readonly session?: string;
  readonly cwd?: string;
}

async function provenanceAfter(earlier: readonly Earlier[], use: string, ledger = new CredentialLedger()) {
  for (const e of earlier) ledger.noteDiscovery(e.session ?? SESSION, await assessed(e.command, e.cwd), NOW - e.minutesAgo * MIN);
  const using = await assessed(use);
  const provenance = ledger.provenance(SESSION, using, NOW);
  return { assessment: using.assessment, provenance, applied: applyProvenance(using.assessment, provenance) };
}

interface Flagged {
  readonly name: string;
  readonly earlier: readonly Earlier[];
  readonly use: string;
  readonly credential: string;
  readonly how: DiscoveryHow;
  readonly certainty: Certainty;
  readonly before: Risk;
  readonly after: Risk;
  /** A fragment of the finding's summary. */
  readonly says: string;
}

const FLAGGED: readonly Flagged[] = [
  {
    name: 'PocketOS: the token file read, then the volumeDelete with it', earlier: [{ command: 'cat .railway-token', minutesAgo: 3 }], use: POCKETOS,
    credential: '.railway-token', how: 'file', certainty: 'certain', before: 'critical', after: 'critical',
    says: 'uses the credential in .railway-token, which this agent found earlier with `cat .railway-token` (3 min ago)',
  },
  {
    name: 'PocketOS: the tree grepped for TOKEN, then the token file used', earlier: [{ command: 'grep -r TOKEN .', minutesAgo: 5 }], use: POCKETOS,
    credential: '.railway-token', how: 'grep', certainty: 'possible', before: 'critical', after: 'critical',
    says: 'uses the credential in .railway-token, which this agent may have found earlier with `grep -r TOKEN .` (5 min ago)',
  },
  {
    name: 'the environment grepped for tokens, then $RAILWAY_TOKEN used', earlier: [{ command: 'env | grep -i token', minutesAgo: 2 }], use: POCKETOS_ENV,
    credential: 'RAILWAY_TOKEN', how: 'env-dump', certainty: 'certain', before: 'critical', after: 'critical',
    says: 'uses RAILWAY_TOKEN, which this agent found earlier with `env | grep -i token` (2 min ago)',
  },
  {
    name: 'the token file loaded into a variable, then the variable used', earlier: [{ command: 'export RAILWAY_TOKEN=$(cat .railway-token)', minutesAgo: 1 }], use: POCKETOS_ENV,
    credential: 'RAILWAY_TOKEN', how: 'file', certainty: 'certain', before: 'critical', after: 'critical',
    says: 'uses RAILWAY_TOKEN, which this agent found earlier with `export RAILWAY_TOKEN=$(cat .railway-token)`',
  },
  {
    name: 'a benign-looking read with a printed token: low → medium', earlier: [{ command: 'printenv GH_TOKEN', minutesAgo: 10 }], use: GH_USER,
    credential: 'GH_TOKEN', how: 'env-dump', certainty: 'certain', before: 'low', after: 'medium',
    says: 'uses GH_TOKEN, which this agent found earlier with `printenv GH_TOKEN` (10 min ago)',
  },
  {
    name: 'a benign-looking write with a printed token: medium → high', earlier: [{ command: 'printenv GH_TOKEN', minutesAgo: 10 }], use: GH_ISSUE,
    credential: 'GH_TOKEN', how: 'env-dump', certainty: 'certain', before: 'medium', after: 'high',
    says: 'uses GH_TOKEN',
  },
  {
    name: 'a token read from a store, then a variable of that tool used', earlier: [{ command: 'gh auth token', minutesAgo: 4 }], use: GH_ISSUE,
    credential: 'GH_TOKEN', how: 'store', certainty: 'possible', before: 'medium', after: 'high',
    says: 'uses GH_TOKEN, which this agent may have found earlier with `gh auth token` (4 min ago)',
  },
  {
    name: 'find -exec cat of token files, then one passed with --token-file', earlier: [{ command: 'find . -name "*token*" -exec cat {} \\;', minutesAgo: 30 }],
    use: 'railway up --environment dev --token-file .railway-token',
    credential: '.railway-token', how: 'file', certainty: 'certain', before: 'medium', after: 'high',
    says: 'found earlier with `find . -name "*token*" -exec cat {} \\;` (30 min ago)',
  },
  {
    name: 'a file read in a sub-directory, used from the workspace root', earlier: [{ command: 'cat .railway-token', minutesAgo: 3, cwd: `${WORKSPACE}/config` }],
    use: volumeDelete('$(cat config/.railway-token)'),
    credential: 'config/.railway-token', how: 'file', certainty: 'certain', before: 'critical', after: 'critical', says: 'uses the credential in config/.railway-token',
  },
  {
    name: 'a file read after cd in the same line', earlier: [{ command: 'cd config && cat .railway-token', minutesAgo: 3 }],
    use: volumeDelete('$(cat config/.railway-token)'),
    credential: 'config/.railway-token', how: 'file', certainty: 'certain', before: 'critical', after: 'critical', says: 'found earlier with `cd config && cat .railway-token`',
  },
  {
    name: 'rg -i api_key, then $OPENAI_API_KEY used', earlier: [{ command: 'rg -i api_key', minutesAgo: 7 }],
    use: 'curl -X POST -H "Authorization: Bearer $OPENAI_API_KEY" https://api.openai.com/v1/files -d x',
    credential: 'OPENAI_API_KEY', how: 'grep', certainty: 'possible', before: 'medium', after: 'high', says: 'may have found earlier with `rg -i api_key`',
  },
  {
    name: 'a dotenv file printed, then one of its variables maybe used', earlier: [{ command: 'cat .env', minutesAgo: 3 }], use: POCKETOS_ENV,
    credential: 'RAILWAY_TOKEN', how: 'file', certainty: 'possible', before: 'critical', after: 'critical', says: 'may have found earlier with `cat .env`',
  },
  {
    name: 'another process\'s environment read', earlier: [{ command: 'cat /proc/1/environ', minutesAgo: 3 }], use: POCKETOS_ENV,
    credential: 'RAILWAY_TOKEN', how: 'env-dump', certainty: 'certain', before: 'critical', after: 'critical', says: 'found earlier with `cat /proc/1/environ`',
  },
  {
    name: 'a literal token after a secret file was printed: possibly from it', earlier: [{ command: 'cat .env', minutesAgo: 3 }], use: LITERAL,
    credential: 'a literal token', how: 'file', certainty: 'possible', before: 'low', after: 'medium',
    says: 'uses a literal token, possibly one this agent found earlier with `cat .env` (3 min ago)',
  },
  {
    name: 'a discovery 23 hours ago is still remembered', earlier: [{ command: 'printenv GH_TOKEN', minutesAgo: 23 * 60 }], use: GH_ISSUE,
    credential: 'GH_TOKEN', how: 'env-dump', certainty: 'certain', before: 'medium', after: 'high', says: '(23 h ago)',
  },
];

describe('credential provenance: flagged', () => {
  it.each(FLAGGED)('$name', async (row) => {
    const { assessment, provenance, applied } = await provenanceAfter(row.earlier, row.use);
    expect(assessment.risk).toBe(row.before);
    expect(provenance[0]).toMatchObject({ credential: row.credential, how: row.how, certainty: row.certainty });
    expect(applied.risk).toBe(row.after);
    const finding = applied.rules.find((r) => r.id === PROVENANCE_RULE_ID);
    expect(finding?.summary).toContain(row.says);
    expect(finding?.risk).toBe(row.after);
    expect(applied.tags).toContain('credential-provenance');
    expect(applied.summary).toContain(row.says.slice(1)); // capitalised in the sentence
  });
});

interface Quiet {
  readonly name: string;
  readonly earlier: readonly Earlier[];
  readonly use: string;
}

const QUIET: readonly Quiet[] = [
  { name: 'a credential used with no earlier discovery', earlier: [], use: POCKETOS },
  { name: 'a literal token with no earlier discovery', earlier: [{ command: 'ls -la', minutesAgo: 1 }], use: LITERAL },
  { name: 'the discovery was made in another session', earlier: [{ command: 'cat .railway-token', minutesAgo: 3, session: 'claude-code::s2' }], use: POCKETOS },
  { name: 'the discovery expired (25 hours ago)', earlier: [{ command: 'printenv GH_TOKEN', minutesAgo: 25 * 60 }], use: GH_ISSUE },
  { name: 'the discovery is later than the use', earlier: [{ command: 'cat .railway-token', minutesAgo: -5 }], use: POCKETOS },
  { name: 'a different variable was printed', earlier: [{ command: 'printenv GH_TOKEN', minutesAgo: 3 }], use: POCKETOS_ENV },
  { name: 'the environment dump was filtered to other names', earlier: [{ command: 'env | grep -i node', minutesAgo: 3 }], use: POCKETOS_ENV },
  { name: 'a different file was read', earlier: [{ command: 'cat .railway-token', minutesAgo: 3, cwd: `${WORKSPACE}/other` }], use: POCKETOS },
  { name: 'the search did not cover the file', earlier: [{ command: 'grep -r TOKEN src', minutesAgo: 3 }], use: POCKETOS },
  { name: 'a use is not a discovery: the same volumeDelete twice', earlier: [{ command: POCKETOS, minutesAgo: 1 }], use: POCKETOS },
  { name: 'an unrelated read before the use', earlier: [{ command: 'cat README.md', minutesAgo: 1 }], use: POCKETOS },
];

describe('credential provenance: not flagged', () => {
  it.each(QUIET)('$name', async (row) => {
    const { assessment, provenance, applied } = await provenanceAfter(row.earlier, row.use);
    expect(provenance).toEqual([]);
    expect(applied).toBe(assessment);
    expect(applied.rules.map((r) => r.id)).not.toContain(PROVENANCE_RULE_ID);
  });
});

describe('discoveries recognised', () => {
  it.each<[string, DiscoveryHow]>([
    ['cat .railway-token', 'file'], ['sed -n 1,5p .env', 'file'], ['awk 1 ~/.aws/credentials', 'file'], ['head .env.production', 'file'],
    ['strings id_rsa', 'file'], ['less kubeconfig', 'file'], ['tail -n 3 .npmrc', 'file'], ['cat ~/.netrc', 'file'], ['cat secrets.yaml', 'file'],
    ['cat prod.tfvars', 'file'], ['find . -name "*.pem" -exec cat {} \\;', 'file'], ['cat .env | grep TOKEN', 'file'],
    ['grep -r TOKEN .', 'grep'], ['rg -i api_key', 'grep'], ['git grep -i password', 'grep'],
    ['env', 'env-dump'], ['printenv', 'env-dump'], ['set', 'env-dump'], ['export -p', 'env-dump'], ['declare -x', 'env-dump'],
    ['cat /proc/1/environ', 'env-dump'], ['echo $GH_TOKEN', 'env-dump'],
    ['security find-generic-password -s railway -w', 'store'], ['gh auth token', 'store'], ['aws configure get aws_secret_access_key', 'store'],
    ['op read op://vault/railway/token', 'store'], ['gcloud auth print-access-token', 'store'], ['kubectl config view --raw', 'store'],
    ['docker-credential-desktop get', 'store'], ['git credential fill', 'store'],
  ])('%s discovers (%s)', async (command, how) => {
    const found = discoveriesIn(await assessed(command), NOW);
    expect(found.map((d) => d.how)).toContain(how);
  });

  it.each(['ls -la', 'cat README.md', 'cat .env.example', 'git status', POCKETOS, 'grep -rq TOKEN_LIMIT src/config.ts'])('%s discovers nothing', async (command) => {
    expect(discoveriesIn(await assessed(command), NOW)).toEqual([]);
  });

  it('records the redacted command, never a value', async () => {
    const [found] = discoveriesIn(await assessed('grep -r sk-proj-abcdefghijklmnop1234 .'), NOW);
    expect(found?.command).not.toContain('abcdefghijklmnop1234');
  });
});

describe('applyProvenance', () => {
  const cases: readonly [string, Earlier, string][] = [
    ['low → medium', { command: 'printenv GH_TOKEN', minutesAgo: 1 }, GH_USER],
    ['medium → high', { command: 'printenv GH_TOKEN', minutesAgo: 1 }, GH_ISSUE],
    ['critical stays critical', { command: 'cat .railway-token', minutesAgo: 1 }, POCKETOS],
  ];
  it.each(cases)('%s: raises one level at most, keeps the assessment consistent', async (_name, earlier, use) => {
    const { assessment, applied } = await provenanceAfter([earlier], use);
    expect(riskRank(applied.risk)).toBe(Math.min(riskRank(assessment.risk) + 1, 3));
    expect(applied.steps.reduce((r, s) => Math.max(r, riskRank(s.risk)), 0)).toBe(riskRank(applied.risk));
    expect(applied.summary.startsWith(applied.risk[0]!.toUpperCase() + applied.risk.slice(1) + ':')).toBe(true);
    expect(applied.rules.map((r) => riskRank(r.risk))).toEqual([...applied.rules.map((r) => riskRank(r.risk))].sort((a, b) => b - a));
    expect(applied.steps.some((s) => s.ruleIds.includes(PROVENANCE_RULE_ID))).toBe(true);
    expect(applied.tags).toEqual([...applied.tags].sort());
    expect(applied.tags).toContain('credential');
    expect(applied.alternatives.length).toBe(assessment.alternatives.length + 1);
    for (const r of assessment.rules) expect(applied.rules.map((x) => x.id)).toContain(r.id);
  });

  it('never lowers: applying twice raises again but stops at critical', async () => {
    const { provenance, applied } = await provenanceAfter([{ command: 'printenv GH_TOKEN', minutesAgo: 1 }], GH_ISSUE);
    const twice = applyProvenance(applyProvenance(applied, provenance), provenance);
    expect(twice.risk).toBe('critical');
    expect(twice.rules.filter((r) => r.id === PROVENANCE_RULE_ID)).toHaveLength(1);
  });

  it('says "and N more" past three', () => {
    const p = (credential: string): Provenance => ({ credential, discoveredBy: 'env', discoveredAt: 0, how: 'env-dump', certainty: 'certain', matchedBy: 'name', ageMs: 90 * MIN, step: 0 });
    const base = { command: 'x', risk: 'low', summary: 'Low: does nothing.', steps: [], rules: [], tags: [], alternatives: [], credentials: [], environment: 'local', reversibility: 'reversible', confirmTargets: [], parse: { ok: true, problems: [] } } as const;
    const out = applyProvenance(base, ['A_TOKEN', 'B_TOKEN', 'C_TOKEN', 'D_TOKEN', 'E_TOKEN'].map(p));
    expect(out.summary).toBe('Medium: uses A_TOKEN, which this agent found earlier with `env` (1 h ago); uses B_TOKEN, which this agent found earlier with `env` (1 h ago); uses C_TOKEN, which this agent found earlier with `env` (1 h ago); and 2 more found earlier.');
  });
});

describe('without a working directory', () => {
  it.each<[string, string, number]>([
    ['cat .railway-token', POCKETOS, 1],
    ['cd config && cat .railway-token', volumeDelete('$(cat config/.railway-token)'), 1],
    ['cat config/.railway-token', POCKETOS, 0],
  ])('bare assessments compare relative paths as written: %s', async (earlier, use, count) => {
    const ledger = new CredentialLedger();
    ledger.noteDiscovery(SESSION, await assessCommand(earlier), NOW - MIN);
    expect(ledger.provenance(SESSION, await assessCommand(use), NOW)).toHaveLength(count);
  });
});

describe('the ledger is bounded', () => {
  const limits = { sessions: 2, perSession: 3, ttlMs: LEDGER_LIMITS.ttlMs };

  it('forgets the oldest discoveries of a session past its cap', async () => {
    const ledger = new CredentialLedger(limits);
    const earlier = ['GH_TOKEN', 'A_TOKEN', 'B_TOKEN', 'C_TOKEN'].map((n, i) => ({ command: `printenv ${n}`, minutesAgo: 10 - i }));
    const { provenance } = await provenanceAfter(earlier, GH_ISSUE, ledger);
    expect(provenance).toEqual([]);
    expect(ledger.provenance(SESSION, await assessed('curl -X POST -H "Authorization: token $C_TOKEN" https://x -d y'), NOW)).toHaveLength(1);
  });

  it('the same discovery again is refreshed, not counted twice', async () => {
    const ledger = new CredentialLedger(limits);
    const earlier = ['GH_TOKEN', 'A_TOKEN', 'B_TOKEN', 'GH_TOKEN', 'GH_TOKEN'].map((n, i) => ({ command: `printenv ${n}`, minutesAgo: 10 - i }));
    const { provenance } = await provenanceAfter(earlier, 'curl -X POST -H "Authorization: token $A_TOKEN" https://x -d y', ledger);
    expect(provenance.map((p) => p.credential)).toEqual(['A_TOKEN']);
  });

  it('forgets the least recently active session past the session cap', async () => {
    const ledger = new CredentialLedger(limits);
    for (const s of [SESSION, 'other-1', 'other-2']) ledger.noteDiscovery(s, await assessed('printenv GH_TOKEN'), NOW - MIN);
    const use = await assessed(GH_ISSUE);
    expect(ledger.provenance(SESSION, use, NOW)).toEqual([]);
    expect(ledger.provenance('other-2', use, NOW)).toHaveLength(1);
  });

  it('forgets a session on request', async () => {
    const ledger = new CredentialLedger();
    ledger.noteDiscovery(SESSION, await assessed('printenv GH_TOKEN'), NOW - MIN);
    ledger.forget(SESSION);
    expect(ledger.provenance(SESSION, await assessed(GH_ISSUE), NOW)).toEqual([]);
  });
});

describe('patterns are read, never run', () => {
  it.each<[string, boolean, string, boolean]>([
    ['TOKEN', false, 'RAILWAY_TOKEN', true],
    ['token', false, 'RAILWAY_TOKEN', false],
    ['token', true, 'RAILWAY_TOKEN', true],
    ['token\\|secret', true, 'AWS_SECRET_ACCESS_KEY', true],
    ['API_?KEY', false, 'OPENAI_APIKEY', true],
    ['(?i)aws_.*key', false, 'AWS_SECRET_ACCESS_KEY', true],
    ['node', true, 'RAILWAY_TOKEN', false],
    ['', false, 'ANY_TOKEN', true],
    ['(a+)+$', false, 'A'.repeat(40), false],
  ])('%s (ignore case %s) vs %s → %s', (pattern, ignoreCase, name, want) => {
    expect(patternMatchesName(pattern, ignoreCase, name)).toBe(want);
  });

  it.each<[string, string, boolean]>([
    ['*token*', '.railway-token', true], ['*.pem', 'key.pem', true], ['*.pem', 'key.pem.bak', false], ['id_[re]*', 'id_rsa', true],
    ['id_[!r]*', 'id_rsa', false], ['?env', '.env', true], ['*a*a*a*a*a*b', 'a'.repeat(60), false],
  ])('glob %s vs %s → %s', (glob, name, want) => {
    expect(globMatches(glob, name, false)).toBe(want);
  });
});
