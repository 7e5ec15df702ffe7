// `airlock.*` settings, read in one place by a function that cannot fail: an invalid value becomes
// the safe default and a diagnostic, never an exception.
import { parsePolicyObject, type Diagnostic } from './policy/parse.js';
import { stricterAction, type Policy } from './policy/policy.js';
import { RISKS } from './model.js';

export interface Settings {
  /** The policy as set in settings (the `airlock.policy.*` keys). */
  readonly policy: Policy;
  readonly diagnostics: readonly Diagnostic[];
}

/** `raw` is the object VS Code returns for getConfiguration('airlock'). */
export function parseSettings(raw: unknown): Settings {
  const r = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const policyInput: Record<string, unknown> = {};
  if (r.actions !== undefined) policyInput.actions = r.actions;
  if (r.protectedPaths !== undefined) policyInput.protectedPaths = r.protectedPaths;
  if (r.productionMarkers !== undefined) policyInput.production = { markers: r.productionMarkers };
  if (r.codeFreeze !== undefined) policyInput.codeFreeze = r.codeFreeze;
  if (r.approvalTimeoutSeconds !== undefined) policyInput.approvalTimeoutSeconds = r.approvalTimeoutSeconds;
  const { policy, diagnostics } = parsePolicyObject(policyInput);
  return { policy, diagnostics: diagnostics.map((d) => ({ ...d, path: `airlock.${d.path}` })) };
}

/** Settings and the policy file combine by taking the stricter side of everything. */
export function combinePolicies(a: Policy, b: Policy): Policy {
  const actions = { ...a.actions };
  for (const r of RISKS) actions[r] = stricterAction(a.actions[r], b.actions[r]);
  return {
    ...a,
    actions,
    protectedPaths: [...new Set([...a.protectedPaths, ...b.protectedPaths])],
    production: {
      markers: [...new Set([...a.production.markers, ...b.production.markers])],
      kubeContexts: [...new Set([...a.production.kubeContexts, ...b.production.kubeContexts])],
      branches: [...new Set([...a.production.branches, ...b.production.branches])],
    },
    nonProduction: { markers: [...new Set([...a.nonProduction.markers, ...b.nonProduction.markers])] },
    allow: [...a.allow, ...b.allow],
    rules: [...a.rules, ...b.rules],
    codeFreeze: a.codeFreeze || b.codeFreeze,
    whenEditorUnavailable: a.whenEditorUnavailable === 'deny' || b.whenEditorUnavailable === 'deny' ? 'deny' : a.whenEditorUnavailable,
    approvalTimeoutSeconds: Math.min(a.approvalTimeoutSeconds, b.approvalTimeoutSeconds),
  };
}
