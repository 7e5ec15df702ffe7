// The development sets in test/devset were written blind to the rules, from RISK-LEVELS.md and public
// documentation, and are scored the way the held-out sets are (the same batch path as `airlock assess
// --jsonl`). The regression bar here is the one that matters most: nothing labelled critical may be
// allowed silently, and nothing labelled low may be called critical. (test/devset/unseen is not read here.)
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Assessor } from '../../src/node/assessor.js';
import { riskRank, type Risk } from '../../src/core/model.js';

interface Entry { id: string; command: string; cwd_hint?: string; env_hint?: Record<string, string>; expected_risk: Risk }

const dir = join(__dirname, '..', 'devset');

/**
 * Labels the engine deliberately does not follow, each with the reason; the closing notes report them. Two other
 * labellers rated the same shape medium (sf-136, sw-026): a one-shot `at` job whose payload Airlock also judges.
 */
const DISAGREED: Readonly<Record<string, string>> = {
  'vi-155': '`at` runs `npm run db:seed` once, later; labelled critical as persistence, rated medium like the other at jobs',
};
const entries: Entry[] = readdirSync(dir).filter((f) => f.endsWith('.jsonl')).flatMap((f) =>
  readFileSync(join(dir, f), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Entry));

async function predict(e: Entry, assessor: Assessor): Promise<Risk> {
  const env = { ...(e.env_hint ?? {}) };
  const kubeContext = env.KUBE_CONTEXT;
  const gitBranch = env.GIT_BRANCH;
  delete env.KUBE_CONTEXT;
  delete env.GIT_BRANCH;
  const { assessment } = await assessor.assess({ command: e.command, cwd: e.cwd_hint ?? '/home/dev/projects/webapp', env, kubeContext, gitBranch, hermetic: true });
  return assessment.risk;
}

describe('development sets (written blind to the rules)', () => {
  it('has the four sets', () => {
    expect(entries.length).toBeGreaterThanOrEqual(600);
  });

  it('allows nothing labelled critical silently, and calls nothing labelled low critical', async () => {
    const assessor = new Assessor();
    const silent: string[] = [];
    const alarmed: string[] = [];
    const predicted = new Map<string, Risk>();
    for (const e of entries) {
      const risk = await predict(e, assessor);
      predicted.set(e.id, risk);
      if (e.expected_risk === 'critical' && riskRank(risk) < riskRank('high') && !DISAGREED[e.id]) silent.push(`${e.id} (${risk}): ${e.command.slice(0, 100)}`);
      if (e.expected_risk === 'low' && risk === 'critical') alarmed.push(`${e.id}: ${e.command.slice(0, 100)}`);
    }
    expect(silent, 'critical commands that would run unasked').toEqual([]);
    // A disagreement that no longer happens is removed from the list.
    for (const id of Object.keys(DISAGREED)) expect(riskRank(predicted.get(id) ?? 'critical'), `${id} is still a disagreement`).toBeLessThan(riskRank('high'));
    expect(alarmed, 'read-only commands called critical').toEqual([]);
  }, 120_000);
});
