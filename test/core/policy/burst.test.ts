// The burst breaker: N high or critical requests from one session within the window pause it.
import { describe, expect, it } from 'vitest';
import { BurstBreaker } from '../../../src/core/policy/burst.js';
import type { Risk } from '../../../src/core/model.js';

type Step = [session: string, risk: Risk, atMs: number];

describe('burst breaker', () => {
  it.each<[string, Step[], string[]]>([
    ['trips on the threshold-th risky request in the window', [['a', 'high', 0], ['a', 'critical', 1000], ['a', 'high', 2000]], ['a@2000']],
    ['does not count low and medium requests', [['a', 'low', 0], ['a', 'medium', 1], ['a', 'high', 2], ['a', 'low', 3]], []],
    ['forgets requests older than the window', [['a', 'high', 0], ['a', 'high', 1000], ['a', 'high', 11_000]], []],
    ['counts sessions apart', [['a', 'high', 0], ['b', 'high', 1], ['a', 'high', 2], ['b', 'high', 3]], []],
    ['trips once, not again while paused', [['a', 'high', 0], ['a', 'high', 1], ['a', 'high', 2], ['a', 'high', 3], ['a', 'high', 4]], ['a@2']],
  ])('%s', (_name, steps, trips) => {
    const b = new BurstBreaker({ threshold: 3, windowMs: 10_000 });
    const got = steps.map(([s, r, t]) => b.note(s, r, t)).filter((x) => x !== undefined).map((x) => `${x.session}@${x.at}`);
    expect(got).toEqual(trips);
    for (const t of trips) expect(b.isPaused(t.split('@')[0]!)).toBe(true);
  });

  it('a resumed session starts counting from zero', () => {
    const b = new BurstBreaker({ threshold: 2, windowMs: 10_000 });
    b.note('a', 'high', 0);
    expect(b.note('a', 'high', 1)?.count).toBe(2);
    expect(b.resume('a')).toBe(true);
    expect(b.isPaused('a')).toBe(false);
    expect(b.note('a', 'high', 2)).toBeUndefined();
    expect(b.note('a', 'critical', 3)).toBeDefined();
    expect(b.resume('nobody')).toBe(false);
  });

  it('keeps memory bounded', () => {
    const b = new BurstBreaker({ threshold: 2, windowMs: 10_000 });
    for (let i = 0; i < 2000; i++) b.note(`s${i}`, 'high', i);
    // The oldest sessions were forgotten: their second request does not trip.
    expect(b.note('s0', 'high', 2001)).toBeUndefined();
    expect(b.note('s1999', 'high', 2002)).toBeDefined();
  });
});
