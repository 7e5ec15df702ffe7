// The assessment vocabulary shared by the parser, the rules, the policy and every adapter.
// Changing a string here changes the audit format and the CLI's JSON: treat them as public.

export const RISKS = ['low', 'medium', 'high', 'critical'] as const;
export type Risk = (typeof RISKS)[number];

export const riskRank = (r: Risk): number => RISKS.indexOf(r);
export const maxRisk = (a: Risk, b: Risk): Risk => (riskRank(a) >= riskRank(b) ? a : b);
export const atLeast = (r: Risk, floor: Risk): Risk => maxRisk(r, floor);

export const EFFECTS = ['read', 'write', 'delete', 'execute', 'network', 'privilege', 'publish'] as const;
export type Effect = (typeof EFFECTS)[number];

export const SCOPES = ['workspace', 'outside-workspace', 'home', 'system', 'remote', 'production'] as const;
export type Scope = (typeof SCOPES)[number];

export const REVERSIBILITY = ['reversible', 'recoverable', 'irreversible'] as const;
export type Reversibility = (typeof REVERSIBILITY)[number];

/** The documented tag vocabulary (README "Tags"). Rules may only use these. */
export const TAGS = [
  'irreversible', 'data-loss', 'recursive-delete', 'production', 'database', 'backup', 'volume',
  'cloud-resource', 'kubernetes', 'infrastructure', 'remote-api', 'credential', 'secret-exposure',
  'exfiltration', 'force-push', 'shared-branch', 'uncommitted-work', 'outside-workspace',
  'home-directory', 'root-filesystem', 'privilege', 'obfuscation', 'remote-code-execution',
  'untrusted-source', 'package-registry', 'persistence', 'agent-bypass', 'outage', 'wildcard', 'disk',
  'shared-state', 'confirmation-bypass', 'deferred-execution', 'unparsed', 'credential-provenance',
] as const;
export type Tag = (typeof TAGS)[number];

export type TargetKind =
  | 'path' | 'host' | 'database' | 'table' | 'bucket' | 'cluster' | 'namespace' | 'volume' | 'service'
  | 'project' | 'branch' | 'remote' | 'repository' | 'resource' | 'url' | 'process' | 'device' | 'package';

export interface Target {
  readonly kind: TargetKind;
  /** Display name; for paths, the absolute resolved path when it could be resolved. */
  readonly name: string;
}

export type EnvironmentVerdict = 'production' | 'non-production' | 'unverified' | 'local';

export interface Credential {
  /** Where the credential came from: an env var name, a file path, an inline token, a header. */
  readonly kind: 'env' | 'file' | 'inline' | 'header' | 'argument';
  /** Never the secret itself: a variable name, a file path, or a redacted form. */
  readonly name: string;
}

/** One thing the command would do, as found by one rule. */
export interface Finding {
  readonly ruleId: string;
  readonly risk: Risk;
  readonly effect: Effect;
  readonly summary: string;
  readonly targets?: readonly Target[];
  readonly reversibility?: Reversibility;
  readonly tags?: readonly Tag[];
  readonly alternatives?: readonly string[];
  readonly credentials?: readonly Credential[];
  /** Set by remote rules: lets the engine verify the environment and escalate unverified ones. */
  readonly remote?: RemoteImpact;
  /** Local paths whose contents would be lost, for blast-radius measurement. */
  readonly destroys?: readonly string[];
}

export interface RemoteImpact {
  /** Names and hosts that identify the environment (db host, project, kube context...). */
  readonly identifiers: readonly string[];
  /** True when the operation destroys or rewrites remote state. */
  readonly destructive: boolean;
}

export interface Step {
  /** The command as it would run (secrets redacted). */
  readonly command: string;
  readonly program: string;
  readonly effect: Effect;
  readonly risk: Risk;
  readonly summary: string;
  readonly targets: readonly Target[];
  readonly scope: Scope;
  readonly reversibility: Reversibility;
  readonly credentials: readonly Credential[];
  readonly environment?: EnvironmentVerdict;
  readonly ruleIds: readonly string[];
  /** How the step was reached: "sudo", "bash -c", "ssh prod-db", "$(…)"… */
  readonly via: readonly string[];
}

export interface BlastRadius {
  readonly files: number;
  readonly bytes: number;
  readonly tracked: number;
  readonly untracked: number;
  readonly outsideWorkspace: number;
  /** True when the probe stopped at its budget: counts are lower bounds. */
  readonly truncated: boolean;
  readonly paths: readonly string[];
}

export interface FiredRule {
  readonly id: string;
  readonly risk: Risk;
  readonly summary: string;
}

export interface Assessment {
  readonly command: string;
  readonly risk: Risk;
  readonly summary: string;
  readonly steps: readonly Step[];
  readonly rules: readonly FiredRule[];
  readonly tags: readonly Tag[];
  readonly alternatives: readonly string[];
  readonly credentials: readonly Credential[];
  readonly environment: EnvironmentVerdict;
  readonly reversibility: Reversibility;
  readonly blastRadius?: BlastRadius;
  /** Names a human must type to confirm (volume id, database, "production"). */
  readonly confirmTargets: readonly string[];
  readonly parse: { readonly ok: boolean; readonly problems: readonly string[] };
}

export const REVERSIBILITY_RANK: Record<Reversibility, number> = { reversible: 0, recoverable: 1, irreversible: 2 };
export const worseReversibility = (a: Reversibility, b: Reversibility): Reversibility =>
  REVERSIBILITY_RANK[a] >= REVERSIBILITY_RANK[b] ? a : b;
