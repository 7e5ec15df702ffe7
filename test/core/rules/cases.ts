// Shared runner for the table-driven rule tests: every family test file is a list of Case rows.
import { describe, expect, it } from 'vitest';
import { RISKS, type Risk } from '../../../src/core/model.js';
import { assessCommand, type Case } from '../fixtures.js';

export function runCases(family: string, cases: readonly Case[]): void {
  describe(family, () => {
    it.each(cases.map((c) => [c.command, c] as const))('%s', async (_name, c) => {
      const a = await assessCommand(c.command, c.context);
      const detail = `${a.risk} ${a.rules.map((r) => r.id).join(',')} [${a.tags.join(',')}] ${a.summary}`;
      const atLeast = c.risk.endsWith('+');
      const want = c.risk.replace(/\+$/, '') as Risk;
      if (atLeast) expect(RISKS.indexOf(a.risk), detail).toBeGreaterThanOrEqual(RISKS.indexOf(want));
      else expect(a.risk, detail).toBe(want);
      for (const id of c.rules ?? []) {
        const hit = id.endsWith('*') ? a.rules.some((r) => r.id.startsWith(id.slice(0, -1))) : a.rules.some((r) => r.id === id);
        expect(hit, `rule ${id} should fire: ${detail}`).toBe(true);
      }
      for (const t of c.tags ?? []) expect(a.tags, detail).toContain(t);
    });
  });
}
