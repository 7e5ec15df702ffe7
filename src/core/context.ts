// What the assessment knows about where a command would run. Built by the adapters (CLI, hook,
// extension) from the real environment; built by fixture builders in tests.

export interface AssessContext {
  /** Absolute working directory of the command. */
  readonly cwd: string;
  /** Absolute workspace roots; paths inside any of them are "workspace" scope. */
  readonly workspaceRoots: readonly string[];
  readonly home: string;
  /** Environment variables the command would see (values are never written anywhere). */
  readonly env: Readonly<Record<string, string>>;
  readonly gitBranch?: string;
  /** Branches where history rewrites and force pushes are critical. */
  readonly protectedBranches: readonly string[];
  readonly kubeContext?: string;
  readonly terraformWorkspace?: string;
  /** AWS profile, gcloud project, az subscription… whichever is active. */
  readonly cloudProfile?: string;
  /** The environment a linked Railway/Fly/Vercel project points at, when known. */
  readonly linkedEnvironment?: string;
  /** Extra production markers from the policy: names, hosts, contexts (matched as substrings, case-insensitive). */
  readonly productionMarkers: readonly string[];
  /** Names the policy declares non-production (staging, dev…), so they count as verified. */
  readonly nonProductionMarkers: readonly string[];
  /** Relative or absolute globs the policy protects. */
  readonly protectedPaths: readonly string[];
  /** The platform's shell dialect for best-effort Windows commands. */
  readonly platform?: 'posix' | 'windows';
}

export function makeContext(partial: Partial<AssessContext> & { cwd: string }): AssessContext {
  return {
    workspaceRoots: [partial.cwd],
    home: '/home/user',
    env: {},
    protectedBranches: ['main', 'master', 'production', 'prod', 'release', 'develop', 'trunk'],
    productionMarkers: [],
    nonProductionMarkers: [],
    protectedPaths: [],
    ...partial,
  };
}
