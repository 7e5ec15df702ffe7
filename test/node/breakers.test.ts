// Circuit breakers in the broker: the burst breaker pauses a session (everything it sends asks),
// and an approved critical command waits out a cooling-off the human can cancel.
import { describe, expect, it } from 'vitest';
import type { HookRequest } from '../../src/core/hooks/types.js';
import { decide } from '../../src/core/policy/decide.js';
import { DEFAULT_POLICY } from '../../src/core/policy/policy.js';
import { DecisionBroker, type HumanDecision, type PendingRequest } from '../../src/gate/broker.js';
import type { Trip } from '../../src/core/policy/burst.js';
import { acceptDecision, pendingCard } from '../../src/gate/panel-decision.js';
import { assessCommand } from '../core/fixtures.js';

type Answer = HumanDecision | 'silence' | ((p: PendingRequest) => HumanDecision | 'silence');

function broker(answers: Answer[], coolingOffSeconds = 0) {
  const asked: PendingRequest[] = [];
  const trips: Trip[] = [];
  const b = new DecisionBroker({
    assess: async (req) => {
      const assessment = await assessCommand(req.command);
      return { assessment, decision: decide(assessment, DEFAULT_POLICY), policySource: 'defaults', policyDiagnostics: [], timeoutSeconds: 5 };
    },
    approver: {
      ask: (p, signal) => {
        asked.push(p);
        const next = answers.shift() ?? { action: 'deny' };
        const a = typeof next === 'function' ? next(p) : next;
        if (a === 'silence') return new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error('aborted'))));
        return Promise.resolve(a);
      },
    },
    record: () => undefined,
    redecide: (_req, assessment) => decide(assessment, DEFAULT_POLICY),
    coolingOffSeconds: () => coolingOffSeconds,
    onBurst: (t) => trips.push(t),
  });
  b.breaker.configure({ threshold: 3, windowMs: 60_000 });
  return { b, asked, trips };
}
const req = (command: string, session = 's1'): HookRequest => ({ agent: 'claude-code', session, command, cwd: '/home/dev/project' });
const HIGH = 'git push --force origin feature';

describe('burst breaker in the broker', () => {
  it('pauses a session after 3 high requests: then even a low-risk command is held', async () => {
    const { b, asked, trips } = broker([]);
    expect((await b.decide(req('ls'))).verdict.action).toBe('allow');
    for (let i = 0; i < 3; i++) await b.decide(req(`${HIGH}-${i}`));
    expect(trips).toHaveLength(1);
    expect(trips[0]).toMatchObject({ session: 'claude-code::s1', count: 3 });
    const before = asked.length;
    const held = await b.decide(req('ls'));
    expect(asked.length).toBe(before + 1);
    expect(asked.at(-1)!.decision).toMatchObject({ action: 'ask', decidedBy: 'burst-breaker' });
    expect(held.verdict.action).toBe('deny'); // the scripted human said nothing more: denied
  });

  it('leaves other sessions alone, and a resumed session runs freely again', async () => {
    const { b } = broker([]);
    for (let i = 0; i < 3; i++) await b.decide(req(`${HIGH}-${i}`));
    expect((await b.decide(req('ls', 'other'))).verdict.action).toBe('allow');
    expect(b.breaker.resume('claude-code::s1')).toBe(true);
    expect((await b.decide(req('ls'))).verdict.action).toBe('allow');
  });

  it('ignores session approvals while paused', async () => {
    const { b, asked } = broker([{ action: 'allow', scope: 'session' }, { action: 'deny' }, { action: 'deny' }, { action: 'deny' }]);
    await b.decide(req(`${HIGH}-a`));
    expect((await b.decide(req(`${HIGH}-a`))).decidedBy).toBe('session-approval');
    await b.decide(req(`${HIGH}-b`)); // third high request: pauses
    const r = await b.decide(req(`${HIGH}-a`));
    expect(r.decidedBy).toBe('human');
    expect(asked.at(-1)!.request.command).toBe(`${HIGH}-a`);
  });
});

describe('cooling-off', () => {
  const CRITICAL = 'rm -rf /';
  const typed = (): HumanDecision => ({ action: 'allow', scope: 'once' });

  it('releases an approved critical command only after the countdown, shown as a cooling card', async () => {
    const { b, asked } = broker([typed, 'silence'], 0.2);
    const started = Date.now();
    const r = await b.decide(req(CRITICAL));
    expect(r.verdict.action).toBe('allow');
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(asked).toHaveLength(2);
    expect(asked[1]!.coolingUntil).toBeGreaterThan(asked[1]!.receivedAt);
    expect(asked[1]!.id).not.toBe(asked[0]!.id);
  });

  it('denies it when the human cancels during the countdown', async () => {
    const { b } = broker([typed, { action: 'deny', note: 'cancelled during the cooling-off' }], 5);
    const r = await b.decide(req(CRITICAL));
    expect(r.verdict.action).toBe('deny');
    expect(r.verdict.agentMessage).toMatch(/cancelled it during the cooling-off/);
  });

  it('denies it when the editor shuts down during the countdown', async () => {
    const { b } = broker([typed, 'silence'], 30);
    const pending = b.decide(req(CRITICAL));
    await new Promise((r) => setTimeout(r, 50));
    b.dispose();
    expect((await pending).verdict.action).toBe('deny');
  });

  it('a cooling card accepts only Cancel from the panel', async () => {
    const { b, asked } = broker([typed, 'silence'], 30);
    const pending = b.decide(req(CRITICAL));
    await new Promise((r) => setTimeout(r, 50));
    const cooling = asked[1]!;
    expect(acceptDecision({ type: 'decide', id: cooling.id, action: 'allow', scope: 'once', typed: 'anything' }, cooling)).toBeUndefined();
    expect(acceptDecision({ type: 'decide', id: cooling.id, action: 'deny', scope: 'once' }, cooling)).toMatchObject({ action: 'deny' });
    expect(pendingCard(cooling).coolingUntil).toBe(cooling.coolingUntil);
    b.dispose();
    await pending;
  });

  it('has no cooling-off for high (non-critical) approvals', async () => {
    const { b, asked } = broker([{ action: 'allow', scope: 'once' }], 30);
    expect((await b.decide(req(HIGH))).verdict.action).toBe('allow');
    expect(asked).toHaveLength(1);
  });
});

describe('credential provenance in the broker', () => {
  const POCKETOS = `curl -X POST https://backboard.railway.app/graphql/v2 -H "Authorization: Bearer $(cat .railway-token)" -d '{"query":"mutation { volumeDelete(volumeId: \\"vol_7f3a\\") }"}'`;
  const GH = 'curl -X POST -H "Authorization: token $GH_TOKEN" https://api.github.com/repos/o/r/issues -d x';

  it('flags a token the same session read earlier (and ran), with where it came from', async () => {
    const { b, asked } = broker([{ action: 'allow', scope: 'once' }, { action: 'deny' }]);
    await b.decide(req('cat .railway-token'));
    const r = await b.decide(req(POCKETOS));
    expect(r.assessment.rules.map((x) => x.id)).toContain('credentials.provenance');
    expect(r.assessment.tags).toContain('credential-provenance');
    expect(r.assessment.risk).toBe('critical');
    expect(asked.at(-1)!.assessment.summary).toMatch(/found earlier with `cat \.railway-token`/);
  });

  it.each([
    ['another session read it', 'other', { action: 'allow', scope: 'once' } as HumanDecision],
    ['the read was denied, so nothing was seen', 's1', { action: 'deny' } as HumanDecision],
  ])('does not flag it when %s', async (_name, session, first) => {
    const { b } = broker([first, { action: 'deny' }]);
    await b.decide(req('cat .railway-token', session));
    const r = await b.decide(req(POCKETOS));
    expect(r.assessment.rules.map((x) => x.id)).not.toContain('credentials.provenance');
  });

  it('raises the risk and re-applies the policy: a medium use after an environment dump is held', async () => {
    const { b, asked } = broker([{ action: 'allow', scope: 'once' }, { action: 'deny' }]);
    const plain = await broker([]).b.decide(req(GH, 'fresh'));
    await b.decide(req('printenv GH_TOKEN'));
    const r = await b.decide(req(GH));
    expect([plain.assessment.risk, plain.verdict.action]).toEqual(['medium', 'allow']);
    expect(r.assessment.risk).toBe('high');
    expect(asked.at(-1)!.request.command).toBe(GH);
    expect(r.verdict.action).toBe('deny');
  });
});

describe('snapshots in the broker', () => {
  function withSnapshots(answers: HumanDecision[]) {
    const calls: string[] = [];
    const updates: (string | undefined)[] = [];
    const b = new DecisionBroker({
      assess: async (r) => {
        const assessment = await assessCommand(r.command);
        return { assessment, decision: decide(assessment, DEFAULT_POLICY), policySource: 'defaults', policyDiagnostics: [], timeoutSeconds: 5 };
      },
      approver: {
        ask: async () => { await new Promise((r) => setTimeout(r, 20)); return answers.shift() ?? { action: 'deny' }; },
        update: (p) => updates.push(p.snapshot),
      },
      record: () => undefined,
      redecide: (_r, a) => decide(a, DEFAULT_POLICY),
      snapshots: {
        plan: async (r) => { calls.push(`plan ${r.command}`); return '3 files (12 KiB) will be kept'; },
        take: async (r) => { calls.push(`take ${r.command}`); return { id: 'snap-1', files: 3, bytes: 12_288, complete: true }; },
      },
    });
    return { b, calls, updates };
  }

  it('measures while held, shows it on the card, and takes it only after a human approved, before release', async () => {
    const { b, calls, updates } = withSnapshots([{ action: 'allow', scope: 'once' }]);
    const r = await b.decide(req('git reset --hard HEAD~1'));
    expect(calls).toEqual(['plan git reset --hard HEAD~1', 'take git reset --hard HEAD~1']);
    expect(updates).toEqual(['3 files (12 KiB) will be kept']);
    expect(r.snapshot).toEqual({ id: 'snap-1', files: 3, bytes: 12_288, complete: true });
    expect(r.verdict.userMessage).toMatch(/snapshot snap-1 keeps 3 file/);
  });

  it.each([
    ['a denied command', 'git reset --hard HEAD~1', [{ action: 'deny' } as HumanDecision], ['plan git reset --hard HEAD~1']],
    ['a command the policy allows', 'ls', [], []],
  ])('takes no snapshot for %s', async (_n, command, answers, want) => {
    const { b, calls } = withSnapshots(answers);
    const r = await b.decide(req(command));
    expect(calls).toEqual(want);
    expect(r.snapshot).toBeUndefined();
  });
});

describe('burst breaker and the human', () => {
  it("never pauses the human's own audit-only terminal", async () => {
    const { b, trips } = broker([]);
    const human = (command: string): HookRequest => ({ agent: 'terminal', session: 'bash#1', command, cwd: '/home/dev/project', origin: { kind: 'human', name: 'bash', gated: false, because: 'no agent marker' } });
    b.breaker.configure({ threshold: 2, windowMs: 60_000 });
    for (let i = 0; i < 4; i++) await b.decide(human(`${HIGH}-${i}`));
    expect(trips).toEqual([]);
    expect((await b.decide(human('ls'))).verdict.action).toBe('allow');
  });
});
