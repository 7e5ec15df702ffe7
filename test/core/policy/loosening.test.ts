import { describe, expect, it } from 'vitest';
import { holdBackLoosening } from '../../../src/core/policy/loosening.js';
import { parsePolicyYaml } from '../../../src/core/policy/parse.js';
import { DEFAULT_POLICY } from '../../../src/core/policy/policy.js';

const split = (yaml: string) => holdBackLoosening(parsePolicyYaml(yaml).policy!);

describe('a workspace policy may only tighten until a human accepts it', () => {
  it.each([
    ['actions: { high: allow }', /actions.high/, (p: typeof DEFAULT_POLICY) => p.actions.high === 'ask'],
    ['allow: [{ command: "rm -rf *", upTo: high }]', /allow/, (p: typeof DEFAULT_POLICY) => p.allow.length === 0],
    ['nonProduction: { markers: [prod-db] }', /nonProduction/, (p: typeof DEFAULT_POLICY) => p.nonProduction.markers.length === 0],
    ['whenEditorUnavailable: ask', /whenEditorUnavailable/, (p: typeof DEFAULT_POLICY) => p.whenEditorUnavailable === 'deny'],
  ])('%s is held back', (yaml, what, safe) => {
    const s = split(yaml);
    expect(s.heldBack.join('\n')).toMatch(what);
    expect(safe(s.applied)).toBe(true);
  });

  it('tightening applies at once and holds nothing back', () => {
    const s = split('actions: { medium: ask, high: deny }\nprotectedPaths: [db/**]\ncodeFreeze: true\nproduction: { markers: [acme] }\n');
    expect(s.heldBack).toEqual([]);
    expect(s.applied).toMatchObject({ actions: { medium: 'ask', high: 'deny' }, protectedPaths: ['db/**'], codeFreeze: true, production: { markers: ['acme'] } });
  });
});
