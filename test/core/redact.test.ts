import { describe, expect, it } from 'vitest';
import { credentialsIn } from '../../src/core/credentials.js';
import { REDACTED, redact, redactDeep } from '../../src/core/redact.js';
import { getParser } from './fixtures.js';

describe('redact', () => {
  it.each([
    ['curl -H "Authorization: Bearer abcdef123456789" x', 'abcdef123456789'],
    ['export GITHUB_TOKEN=ghp_0123456789abcdefghijABCDEFGHIJ012345', 'ghp_0123456789abcdefghijABCDEFGHIJ012345'],
    ['psql postgres://admin:hunter2hunter@db.prod:5432/app', 'hunter2hunter'],
    ['mysql -u root -psup3rs3cret -h db', 'sup3rs3cret'],
    ['aws configure set aws_access_key_id AKIAABCDEFGHIJKLMNOP', 'AKIAABCDEFGHIJKLMNOP'],
    ['curl -u admin:s3cretpass https://x', 's3cretpass'],
    ['API_KEY=sk-proj-abcdefghijklmnop1234 node x.js', 'sk-proj-abcdefghijklmnop1234'],
    ['curl "https://x/api?token=abcd1234efgh&x=1"', 'abcd1234efgh'],
    ['deploy --token tok_123456789', 'tok_123456789'],
    ['echo eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.abcdefghijklmnop', 'eyJhbGciOiJIUzI1NiJ9'],
  ])('%s hides the secret', (text, secret) => {
    const out = redact(text);
    expect(out).not.toContain(secret);
    expect(out).toContain(REDACTED);
  });

  it.each(['ls -la', 'git push origin feature/x', 'reads the secrets in .railway-token and uses them in another command', 'a Bot running the tests', 'curl -H "Authorization: Bearer $(cat .railway-token)" x', 'echo $GITHUB_TOKEN'])(
    'leaves %s alone (no literal secret)', (text) => {
      expect(redact(text)).toBe(text);
    });

  it('redacts deeply inside records', () => {
    expect(redactDeep({ a: ['Bearer abcdefghijkl'], n: 1 })).toEqual({ a: [`Bearer ${REDACTED}`], n: 1 });
  });
});

describe('credentials', () => {
  it.each([
    ['curl -H "Authorization: Bearer $(cat .railway-token)" https://x', [['file', '.railway-token'], ['header', 'Authorization: Bearer $(…)']]],
    ['curl -H "Authorization: Bearer $RAILWAY_TOKEN" https://x', [['env', 'RAILWAY_TOKEN']]],
    ['GITHUB_TOKEN=abc gh repo delete x', [['inline', 'GITHUB_TOKEN']]],
    ['aws s3 ls --profile prod', []],
  ])('%s uses %j', async (src, want) => {
    const parser = await getParser();
    const cmd = parser.parse(src).commands.find((c) => c.program !== 'cat')!;
    const got = credentialsIn(cmd).map((c) => [c.kind, c.name]);
    for (const w of want) expect(got).toContainEqual(w);
    if (!want.length) expect(got).toEqual([]);
  });
});
