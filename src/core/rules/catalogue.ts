// The rule catalogue: one module per family, each exporting `rules`. Add a family here.
import type { Rule } from './rule.js';
import { rules as filesystemRules } from './filesystem.js';
import { rules as gitRules } from './git.js';
import { rules as githubRules } from './github.js';
import { rules as databaseRules } from './database.js';
import { rules as containersRules } from './containers.js';
import { rules as kubernetesRules } from './kubernetes.js';
import { rules as iacRules } from './iac.js';
import { rules as cloudRules } from './cloud.js';
import { rules as paasRules } from './paas.js';
import { rules as httpRules } from './http.js';
import { rules as secretsRules } from './secrets.js';
import { rules as executionRules } from './execution.js';
import { rules as privilegeRules } from './privilege.js';
import { rules as disksRules } from './disks.js';
import { rules as registriesRules } from './registries.js';
import { rules as processesRules } from './processes.js';
import { rules as airlockRules } from './airlock.js';
import { rules as windowsRules } from './windows.js';
import { rules as agentsRules } from './agents.js';
import { rules as safeguardsRules } from './safeguards.js';

export const FAMILIES: Readonly<Record<string, readonly Rule[]>> = {
  filesystem: filesystemRules,
  git: gitRules,
  github: githubRules,
  database: databaseRules,
  containers: containersRules,
  kubernetes: kubernetesRules,
  iac: iacRules,
  cloud: cloudRules,
  paas: paasRules,
  http: httpRules,
  secrets: secretsRules,
  execution: executionRules,
  privilege: privilegeRules,
  disks: disksRules,
  registries: registriesRules,
  processes: processesRules,
  airlock: airlockRules,
  windows: windowsRules,
  agents: agentsRules,
  safeguards: safeguardsRules,
};

export const CATALOGUE: readonly Rule[] = Object.values(FAMILIES).flat();

/** Rules indexed by program for the hot path; 'any' rules run on every command. */
export interface RuleIndex {
  readonly byProgram: ReadonlyMap<string, readonly Rule[]>;
  readonly any: readonly Rule[];
}

export function indexRules(rules: readonly Rule[]): RuleIndex {
  const byProgram = new Map<string, Rule[]>();
  const any: Rule[] = [];
  for (const r of rules) {
    if (r.programs === 'any') any.push(r);
    else for (const p of r.programs) byProgram.set(p, [...(byProgram.get(p) ?? []), r]);
  }
  return { byProgram, any };
}

export const DEFAULT_INDEX: RuleIndex = indexRules(CATALOGUE);
