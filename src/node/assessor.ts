// Wires the pure core to the real machine: loads the parser and the workspace policy, detects
// the ambient context, measures deletions on the real filesystem. Used by the CLI and the extension.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { assess } from '../core/assess.js';
import { makeContext, type AssessContext } from '../core/context.js';
import { outsideBuildOutput } from '../core/fs-classify.js';
import type { Assessment } from '../core/model.js';
import { applyPolicyToContext, customRuleIndex, decide, type Decision } from '../core/policy/decide.js';
import { MAX_POLICY_BYTES, parsePolicyYaml, type Diagnostic } from '../core/policy/parse.js';
import { heldBackMessage } from '../core/policy/file-diagnostics.js';
import { holdBackLoosening } from '../core/policy/loosening.js';
import { DEFAULT_POLICY, type Policy } from '../core/policy/policy.js';
import { combinePolicies } from '../core/settings.js';
import { createFsProbe } from './fs-probe.js';
import { detectCloudProfile, detectGitBranch, detectKubeContext, detectLinkedEnvironment, detectTerraformWorkspace } from './detect-context.js';
import { loadShellParser } from './parser-loader.js';
import { acceptanceStamp, isAccepted } from './policy-acceptance.js';

export interface AssessRequest {
  readonly command: string;
  readonly cwd?: string;
  readonly workspaceRoots?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  readonly kubeContext?: string;
  readonly gitBranch?: string;
  /** Skip reading the real kubeconfig, git HEAD and filesystem (batch scoring of hypothetical commands). */
  readonly hermetic?: boolean;
}

export interface AssessResult {
  readonly assessment: Assessment;
  readonly decision: Decision;
  readonly policySource: string;
  readonly policyDiagnostics: readonly Diagnostic[];
}

export const POLICY_RELATIVE_PATH = join('.airlock', 'policy.yaml');

export interface LoadedPolicy {
  readonly policy: Policy;
  readonly source: string;
  readonly diagnostics: readonly Diagnostic[];
}

/** Reads a policy file. A broken file yields the defaults plus its diagnostics — never something looser. */
export function loadPolicyFile(file: string): LoadedPolicy {
  return readPolicyFile(file).loaded;
}

/** Reads the file once: the text that is parsed is the text whose acceptance is checked. */
function readPolicyFile(file: string): { loaded: LoadedPolicy; text?: string } {
  let text: string;
  try {
    // Refused before reading: a huge file must not stall the host.
    const size = statSync(file).size;
    if (size > MAX_POLICY_BYTES) {
      return { loaded: { policy: DEFAULT_POLICY, source: `defaults (${file} is too large)`, diagnostics: [{ severity: 'error', message: `${file} is ${Math.round(size / 1024)} KiB; the limit is ${MAX_POLICY_BYTES / 1024} KiB, so it was not read`, line: 0, column: 0, path: '' }] } };
    }
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return { loaded: { policy: DEFAULT_POLICY, source: 'defaults', diagnostics: [{ severity: 'error', message: `cannot read ${file}: ${(e as Error).message}`, line: 0, column: 0, path: '' }] } };
  }
  const parsed = parsePolicyYaml(text);
  return { loaded: { policy: parsed.policy ?? DEFAULT_POLICY, source: parsed.policy ? file : `defaults (${file} is invalid)`, diagnostics: parsed.diagnostics }, text };
}

function holdBack(loaded: LoadedPolicy): LoadedPolicy {
  const { applied, heldBack } = holdBackLoosening(loaded.policy);
  if (!heldBack.length) return loaded;
  return {
    policy: applied,
    source: `${loaded.source} (tightening only)`,
    diagnostics: [...loaded.diagnostics, ...heldBack.map((entry) => ({
      severity: 'warning' as const, line: 0, column: 0, path: entry.split(':')[0]!,
      message: heldBackMessage(entry),
    }))],
  };
}

export class Assessor {
  private readonly policyCache = new Map<string, { mtimeMs: number; acceptedMs: number; loaded: LoadedPolicy }>();

  /** `settingsPolicy` (from editor settings) is combined with the file by taking the stricter side. */
  constructor(private readonly explicitPolicyFile?: string, private readonly settingsPolicy?: () => Policy) {}

  policyFor(workspaceRoot: string): LoadedPolicy {
    const file = this.explicitPolicyFile ?? join(workspaceRoot, POLICY_RELATIVE_PATH);
    if (!this.explicitPolicyFile && !existsSync(file)) return { policy: DEFAULT_POLICY, source: 'defaults', diagnostics: [] };
    let mtimeMs = -1;
    try {
      mtimeMs = statSync(file).mtimeMs;
    } catch {
      /* reported by loadPolicyFile */
    }
    const acceptedMs = this.explicitPolicyFile ? -1 : acceptanceStamp(file);
    const cached = this.policyCache.get(file);
    if (cached && cached.mtimeMs === mtimeMs && cached.acceptedMs === acceptedMs) return cached.loaded;
    const { loaded: read, text } = readPolicyFile(file);
    // A file the user named explicitly applies as written; the workspace's own file may be an
    // agent's work, so it can only tighten until a human accepts its exact current text.
    const accepted = !this.explicitPolicyFile && text !== undefined && isAccepted(file, text);
    const loaded = this.explicitPolicyFile ? read : accepted ? { ...read, source: `${read.source} (accepted)` } : holdBack(read);
    this.policyCache.set(file, { mtimeMs, acceptedMs, loaded });
    return loaded;
  }

  async assess(req: AssessRequest): Promise<AssessResult> {
    const hermetic = req.hermetic ?? false;
    const parser = await loadShellParser();
    const cwd = absolute(req.cwd ?? process.cwd());
    const roots = (req.workspaceRoots?.length ? req.workspaceRoots : [projectRoot(cwd, hermetic)]).map(absolute);
    const env = req.env ?? {};
    const fromFile = this.policyFor(roots[0]!);
    const loaded = this.settingsPolicy ? { ...fromFile, policy: combinePolicies(this.settingsPolicy(), fromFile.policy) } : fromFile;
    const base: AssessContext = makeContext({
      cwd,
      workspaceRoots: roots,
      home: env.HOME ?? homedir(),
      env,
      gitBranch: req.gitBranch ?? (hermetic ? undefined : detectGitBranch(cwd)),
      kubeContext: req.kubeContext ?? (hermetic ? undefined : detectKubeContext(env)),
      terraformWorkspace: hermetic ? env.TF_WORKSPACE : detectTerraformWorkspace(cwd, env),
      cloudProfile: detectCloudProfile(env),
      linkedEnvironment: detectLinkedEnvironment(env),
    });
    const ctx = applyPolicyToContext(base, loaded.policy);
    const assessment = assess(req.command, ctx, {
      parser,
      customRules: customRuleIndex(loaded.policy),
      probe: hermetic ? undefined : createFsProbe(),
    });
    return { assessment, decision: decide(assessment, loaded.policy), policySource: loaded.source, policyDiagnostics: loaded.diagnostics };
  }
}

const PROJECT_MARKERS = ['.git', '.airlock', 'package.json', 'pyproject.toml', 'go.mod', 'Cargo.toml', 'pom.xml', 'build.gradle', 'Gemfile', 'composer.json'];

/**
 * The workspace root when none is given: the nearest folder at or above cwd with a project marker (up to, not
 * including, the home directory), else cwd outside any build-output folder. Hermetic runs look at names only.
 */
export function projectRoot(cwd: string, hermetic: boolean): string {
  if (!hermetic) {
    const home = homedir();
    for (let dir = cwd; dir !== dirname(dir) && dir !== home; dir = dirname(dir)) {
      if (PROJECT_MARKERS.some((m) => existsSync(join(dir, m)))) return dir;
    }
  }
  return outsideBuildOutput(cwd);
}

/** An absolute path; a Windows drive path (`D:\\AI Projects\\webapp`, sent by an editor on Windows) is kept as it is. */
const absolute = (p: string): string => (/^[a-z]:[\\/]/i.test(p) ? p : resolve(p));
