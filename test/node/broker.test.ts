// The decision broker with a scripted human: session approvals stay exact or narrow, critical
// commands are always asked, and silence denies.
import { describe, expect, it } from 'vitest';
import type { HookRequest } from '../../src/core/hooks/types.js';
import { decide } from '../../src/core/policy/decide.js';
import { DEFAULT_POLICY } from '../../src/core/policy/policy.js';
import { DecisionBroker, type HumanDecision } from '../../src/gate/broker.js';
import { assessCommand } from '../core/fixtures.js';

function broker(answers: (HumanDecision | 'silence')[], timeoutSeconds = 5) {
  const asked: string[] = [];
  const b = new DecisionBroker({
    assess: async (req) => {
      const assessment = await assessCommand(req.command);
      return { assessment, decision: decide(assessment, DEFAULT_POLICY), policySource: 'defaults', policyDiagnostics: [], timeoutSeconds };
    },
    approver: {
      ask: (p, signal) => {
        asked.push(p.request.command);
        const a = answers.shift() ?? { action: 'deny' };
        if (a === 'silence') return new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error('timeout'))));
        return Promise.resolve(a);
      },
    },
    record: () => undefined,
    redecide: (_req, assessment) => decide(assessment, DEFAULT_POLICY),
  });
  return { b, asked };
}
const req = (command: string, session = 's1'): HookRequest => ({ agent: 'claude-code', session, command, cwd: '/home/dev/project' });

describe('decision broker', () => {
  it('allows low risk without asking anyone', async () => {
    const { b, asked } = broker([]);
    expect((await b.decide(req('ls'))).verdict.action).toBe('allow');
    expect(asked).toEqual([]);
  });

  it('an exact session approval covers the same command in the same session only', async () => {
    const { b, asked } = broker([{ action: 'allow', scope: 'session' }]);
    expect((await b.decide(req('git reset --hard HEAD~1'))).verdict.action).toBe('allow');
    expect(await b.decide(req('git reset --hard HEAD~1'))).toMatchObject({ decidedBy: 'session-approval', verdict: { action: 'allow' } });
    expect((await b.decide(req('git reset --hard HEAD~2'))).verdict.action).toBe('deny');
    expect((await b.decide(req('git reset --hard HEAD~1', 'other-session'))).verdict.action).toBe('deny');
    expect(asked).toHaveLength(3);
  });

  it('a pattern approval covers similar commands, never riskier ones', async () => {
    const { b, asked } = broker([{ action: 'allow', scope: 'session-pattern', prefix: 'rm -rf src/' }]);
    await b.decide(req('rm -rf src/old'));
    expect((await b.decide(req('rm -rf src/legacy'))).decidedBy).toBe('session-approval');
    expect((await b.decide(req('rm -rf src/x && rm -rf ~'))).verdict.action).toBe('deny');
    expect(asked).toHaveLength(2);
  });

  it('a pattern the approver could not justify falls back to the exact command', async () => {
    const { b } = broker([{ action: 'allow', scope: 'session-pattern', prefix: 'rm' }]);
    await b.decide(req('rm -rf src/old'));
    expect((await b.decide(req('rm -rf src/other'))).verdict.action).toBe('deny');
    expect((await b.decide(req('rm -rf src/old'))).decidedBy).toBe('session-approval');
  });

  it('critical commands are asked every time, even after a session approval', async () => {
    const { b, asked } = broker([{ action: 'allow', scope: 'session' }, { action: 'deny', note: 'not today' }]);
    expect((await b.decide(req('rm -rf ~'))).verdict.action).toBe('allow');
    const second = await b.decide(req('rm -rf ~'));
    expect(second.verdict.action).toBe('deny');
    expect(second.verdict.agentMessage).toContain('not today');
    expect(asked).toEqual(['rm -rf ~', 'rm -rf ~']);
  });

  it('denies when nobody answers in time', async () => {
    const { b } = broker(['silence'], 0.2);
    expect(await b.decide(req('git clean -fdx'))).toMatchObject({ decidedBy: 'timeout', verdict: { action: 'deny' } });
  });
});
