// The policy: what to do at each risk level, plus the workspace's own markers and rules.
import type { Risk, Tag } from '../model.js';

export const ACTIONS = ['allow', 'ask', 'confirm', 'deny'] as const;
export type Action = (typeof ACTIONS)[number];
export const actionRank = (a: Action): number => ACTIONS.indexOf(a);
export const stricterAction = (a: Action, b: Action): Action => (actionRank(a) >= actionRank(b) ? a : b);

export const UNREACHABLE_MODES = ['deny', 'ask', 'allow-low'] as const;
/**
 * What the hook does when the editor cannot be reached. `deny`: deny high and critical, decide
 * low and medium offline. `ask`: hand high/critical back to the agent's own prompt where it has one.
 * `allow-low` is the same as `deny` for high and critical (it exists to say so explicitly).
 */
export type UnreachableMode = (typeof UNREACHABLE_MODES)[number];

export interface AllowPattern {
  /** A glob over the whole command string (minimatch syntax, `*` crosses spaces). */
  readonly command: string;
  /** The highest risk this pattern may allow; never above high. */
  readonly upTo: Exclude<Risk, 'critical'>;
}

export interface CustomRule {
  readonly id: string;
  /** Program names this rule applies to (normalised basenames). */
  readonly programs: readonly string[];
  /** Regular expression tested against the arguments joined by single spaces. */
  readonly argsPattern?: string;
  readonly risk: Risk;
  readonly summary: string;
  readonly tags: readonly Tag[];
}

export interface Policy {
  readonly version: 1;
  readonly actions: Readonly<Record<Risk, Action>>;
  readonly protectedPaths: readonly string[];
  readonly production: {
    readonly markers: readonly string[];
    readonly kubeContexts: readonly string[];
    readonly branches: readonly string[];
  };
  readonly nonProduction: { readonly markers: readonly string[] };
  readonly allow: readonly AllowPattern[];
  readonly rules: readonly CustomRule[];
  readonly codeFreeze: boolean;
  readonly whenEditorUnavailable: UnreachableMode;
  /** Seconds a held request waits for a human before it is denied. */
  readonly approvalTimeoutSeconds: number;
}

export const DEFAULT_POLICY: Policy = {
  version: 1,
  actions: { low: 'allow', medium: 'allow', high: 'ask', critical: 'confirm' },
  protectedPaths: [],
  production: { markers: [], kubeContexts: [], branches: ['main', 'master', 'production', 'prod', 'release'] },
  nonProduction: { markers: [] },
  allow: [],
  rules: [],
  codeFreeze: false,
  whenEditorUnavailable: 'deny',
  approvalTimeoutSeconds: 300,
};
