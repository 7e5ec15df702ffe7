// The approval panel's boundary: what the webview may send, and which decisions the extension accepts.
import { describe, expect, it } from 'vitest';
import { decide } from '../../src/core/policy/decide.js';
import { DEFAULT_POLICY } from '../../src/core/policy/policy.js';
import type { PendingRequest } from '../../src/gate/broker.js';
import { acceptDecision, confirmTarget, pendingCard } from '../../src/gate/panel-decision.js';
import { parseFromWebview, type DecideMessage } from '../../src/protocol/webview.js';
import { assessCommand } from '../core/fixtures.js';

const POCKETOS = `curl -X POST https://backboard.railway.app/graphql/v2 -H "Authorization: Bearer $(cat .railway-token)" -d '{"query":"mutation { volumeDelete(volumeId: \\"vol_7f3a\\") }"}'`;

async function held(command: string, intent?: string): Promise<PendingRequest> {
  const assessment = await assessCommand(command);
  return {
    id: 'req-1', request: { agent: 'claude-code', session: 's1', command, cwd: '/home/dev/project', ...(intent && { intent }) },
    assessment, decision: decide(assessment, DEFAULT_POLICY), receivedAt: 1_000, expiresAt: 301_000,
  };
}
const msg = (m: Partial<DecideMessage>): DecideMessage => ({ type: 'decide', id: 'req-1', action: 'allow', scope: 'once', ...m });

describe('parseFromWebview: decide', () => {
  const ok = { type: 'decide', id: 'req-1', action: 'allow', scope: 'once' };
  const cases: { name: string; input: unknown; valid: boolean }[] = [
    { name: 'minimal', input: ok, valid: true },
    { name: 'with prefix, note and typed', input: { ...ok, scope: 'session-pattern', prefix: 'git reset ', note: 'n', typed: 'vol_7f3a' }, valid: true },
    { name: 'unknown action', input: { ...ok, action: 'run' }, valid: false },
    { name: 'unknown scope', input: { ...ok, scope: 'forever' }, valid: false },
    { name: 'missing scope', input: { type: 'decide', id: 'req-1', action: 'deny' }, valid: false },
    { name: 'id not a string', input: { ...ok, id: 7 }, valid: false },
    { name: 'empty id', input: { ...ok, id: '' }, valid: false },
    { name: 'note not a string', input: { ...ok, note: { toString: 1 } }, valid: false },
    { name: 'typed too long', input: { ...ok, typed: 'x'.repeat(5_000) }, valid: false },
    { name: 'not an object', input: 'decide', valid: false },
    { name: 'a command to run', input: { type: 'run', command: 'rm -rf /' }, valid: false },
  ];
  for (const c of cases) it(c.name, () => expect(parseFromWebview(c.input) !== undefined).toBe(c.valid));

  it('drops fields it does not know', () => {
    expect(parseFromWebview({ ...ok, command: 'rm -rf /', extra: 1 })).toEqual(ok);
  });
});

describe('parseFromWebview: policy review', () => {
  const hash = 'a'.repeat(64);
  it('accepts a sha256 and nothing else', () => {
    expect(parseFromWebview({ type: 'acceptPolicy', sha256: hash, file: '/etc/passwd', text: 'allow: *' })).toEqual({ type: 'acceptPolicy', sha256: hash });
    expect(parseFromWebview({ type: 'showPolicyDiff', file: '/etc/passwd' })).toEqual({ type: 'showPolicyDiff' });
  });
  for (const bad of [undefined, '', 'A'.repeat(64), 'a'.repeat(63), 'a'.repeat(65), 'g'.repeat(64), 42])
    it(`rejects the hash ${JSON.stringify(bad)}`, () => expect(parseFromWebview({ type: 'acceptPolicy', sha256: bad })).toBeUndefined());
});

describe('acceptDecision', () => {
  it('needs the request it names to be held', async () => {
    const p = await held('git reset --hard HEAD~3');
    expect(acceptDecision(msg({}), undefined)).toBeUndefined();
    expect(acceptDecision(msg({ id: 'other' }), p)).toBeUndefined();
    expect(acceptDecision(msg({}), p)).toEqual({ action: 'allow', scope: 'once' });
  });

  it('a high request: once, session, and a valid pattern only', async () => {
    const p = await held('git reset --hard HEAD~3');
    expect(confirmTarget(p)).toBeUndefined();
    expect(acceptDecision(msg({ scope: 'session' }), p)).toEqual({ action: 'allow', scope: 'session' });
    expect(acceptDecision(msg({ scope: 'session-pattern', prefix: 'git reset --hard ' }), p)).toEqual({ action: 'allow', scope: 'session-pattern', prefix: 'git reset --hard ' });
    expect(acceptDecision(msg({ scope: 'session-pattern', prefix: 'git' }), p)).toBeUndefined();
    expect(acceptDecision(msg({ scope: 'session-pattern', prefix: 'git reset --hard HEAD~3; ' }), p)).toBeUndefined();
    expect(acceptDecision(msg({ scope: 'session-pattern' }), p)).toBeUndefined();
  });

  it('a critical request: allowed once only, and only with the target typed exactly', async () => {
    const p = await held(POCKETOS);
    expect(p.assessment.risk).toBe('critical');
    expect(confirmTarget(p)).toBe('vol_7f3a');
    expect(acceptDecision(msg({}), p)).toBeUndefined();
    expect(acceptDecision(msg({ typed: 'vol_7f3' }), p)).toBeUndefined();
    expect(acceptDecision(msg({ typed: 'vol_7f3a', scope: 'session' }), p)).toBeUndefined();
    expect(acceptDecision(msg({ typed: 'vol_7f3a' }), p)).toEqual({ action: 'allow', scope: 'once' });
  });

  it('deny always counts and carries a trimmed note', async () => {
    const p = await held(POCKETOS);
    expect(acceptDecision(msg({ action: 'deny', note: '  use the staging volume  ' }), p)).toEqual({ action: 'deny', scope: 'once', note: 'use the staging volume' });
    expect(acceptDecision(msg({ action: 'deny', note: '   ' }), p)).toEqual({ action: 'deny', scope: 'once' });
  });
});

describe('pendingCard', () => {
  it('redacts the stated intent and names the confirmation target', async () => {
    const card = pendingCard(await held(POCKETOS, 'clean up with token ghp_abcdefghijklmnopqrstuvwxyz0123456789'));
    expect(card.intent).not.toContain('ghp_abcdefghijklmnopqrstuvwxyz0123456789');
    expect(card.confirmTarget).toBe('vol_7f3a');
    expect(card).toMatchObject({ id: 'req-1', agent: 'claude-code', session: 's1', receivedAt: 1_000, expiresAt: 301_000 });
  });
});
