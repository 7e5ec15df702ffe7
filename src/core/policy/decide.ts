// Turns an assessment into an action under a policy. The gate, the hook client's offline mode and
// the CLI all decide here, so they can never disagree.
import { minimatch } from 'minimatch';
import type { AssessContext } from '../context.js';
import { riskRank, type Assessment } from '../model.js';
import { indexRules, type RuleIndex } from '../rules/catalogue.js';
import type { Rule } from '../rules/rule.js';
import { stricterAction, type Action, type Policy } from './policy.js';

export interface Decision {
  readonly action: Action;
  /** Why, in one sentence a human and an agent can both act on. */
  readonly reason: string;
  /** What decided: `policy.actions.high`, `policy.allow[2]`, `policy.code-freeze`. */
  readonly decidedBy: string;
}

const MUTATING_EFFECTS = new Set(['write', 'delete', 'execute', 'privilege', 'publish']);

export function decide(a: Assessment, policy: Policy): Decision {
  let action = policy.actions[a.risk];
  let decidedBy = `policy.actions.${a.risk}`;
  let reason = `${a.risk} risk: ${a.summary}`;

  // Narrow allow patterns may let a known command through, but never critical, never unparsed.
  if (action !== 'allow' && a.risk !== 'critical' && a.parse.ok) {
    const i = policy.allow.findIndex((p) => riskRank(a.risk) <= riskRank(p.upTo) && minimatch(a.command, p.command, { nobrace: true, noext: true, nonegate: true, nocomment: true }));
    if (i >= 0) {
      action = 'allow';
      decidedBy = `policy.allow[${i}]`;
      reason = `allowed by the workspace pattern ${JSON.stringify(policy.allow[i]!.command)} (${a.risk} risk)`;
    }
  }

  if (policy.codeFreeze && a.steps.some((s) => MUTATING_EFFECTS.has(s.effect) || s.risk !== 'low')) {
    const frozen = stricterAction(action, 'ask');
    if (frozen !== action) {
      action = frozen;
      decidedBy = 'policy.code-freeze';
      reason = `code freeze is on and this command changes something: ${a.summary}`;
    }
  }
  return { action, reason, decidedBy };
}

/** Policy custom rules become ordinary rules (ids from the policy, checked against the args). */
export function customRuleIndex(policy: Policy): RuleIndex | undefined {
  if (!policy.rules.length) return undefined;
  const rules: Rule[] = policy.rules.map((r) => {
    const re = r.argsPattern ? new RegExp(r.argsPattern) : undefined;
    return {
      id: r.id,
      programs: r.programs,
      description: r.summary,
      check: (v) => (re && !re.test(v.args.join(' ')) ? undefined : {
        ruleId: r.id, risk: r.risk, effect: 'execute', summary: r.summary, tags: r.tags,
      }),
    };
  });
  return indexRules(rules);
}

/** Folds the policy's markers into the assessment context. */
export function applyPolicyToContext(ctx: AssessContext, policy: Policy): AssessContext {
  return {
    ...ctx,
    productionMarkers: [...ctx.productionMarkers, ...policy.production.markers, ...policy.production.kubeContexts],
    nonProductionMarkers: [...ctx.nonProductionMarkers, ...policy.nonProduction.markers],
    protectedBranches: [...new Set([...ctx.protectedBranches, ...policy.production.branches])],
    protectedPaths: [...ctx.protectedPaths, ...policy.protectedPaths],
  };
}
