// A policy file inside the workspace can be written by an agent, so it may only tighten the
// defaults until a human has accepted it. This splits a workspace policy into what applies at once
// (everything at least as strict as the defaults) and the loosening entries that wait for a human.
import { RISKS } from '../model.js';
import { actionRank, DEFAULT_POLICY, type Policy } from './policy.js';

export interface LooseningSplit {
  /** The policy with every loosening entry held back. */
  readonly applied: Policy;
  /** One line per entry that would loosen the defaults; empty when nothing does. */
  readonly heldBack: readonly string[];
}

export function holdBackLoosening(policy: Policy): LooseningSplit {
  const heldBack: string[] = [];
  const actions = { ...policy.actions };
  for (const r of RISKS) {
    if (actionRank(policy.actions[r]) < actionRank(DEFAULT_POLICY.actions[r])) {
      heldBack.push(`actions.${r}: ${policy.actions[r]} (looser than the default ${DEFAULT_POLICY.actions[r]})`);
      actions[r] = DEFAULT_POLICY.actions[r];
    }
  }
  for (const a of policy.allow) heldBack.push(`allow: ${JSON.stringify(a.command)} up to ${a.upTo}`);
  for (const m of policy.nonProduction.markers) heldBack.push(`nonProduction.markers: ${JSON.stringify(m)}`);
  let whenEditorUnavailable = policy.whenEditorUnavailable;
  if (whenEditorUnavailable === 'ask') {
    heldBack.push('whenEditorUnavailable: ask (the default denies high and critical)');
    whenEditorUnavailable = DEFAULT_POLICY.whenEditorUnavailable;
  }
  return {
    applied: { ...policy, actions, allow: [], nonProduction: { markers: [] }, whenEditorUnavailable },
    heldBack,
  };
}
