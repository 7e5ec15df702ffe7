// The blast-radius engine: parse → unwrap → rules → environment → one Assessment.
// Pure and synchronous; the parser and the filesystem probe come in as arguments.
import { measureBlastRadius, type FsProbe } from './blast-radius.js';
import type { AssessContext } from './context.js';
import { credentialsIn } from './credentials.js';
import { classifyEnvironment } from './environment.js';
import {
  atLeast, maxRisk, riskRank, worseReversibility,
  type Assessment, type Credential, type EnvironmentVerdict, type Finding, type FiredRule, type Reversibility,
  type Risk, type Scope, type Step, type Tag, type Target,
} from './model.js';
import { protectedPathFindings } from './protected-paths.js';
import { redact } from './redact.js';
import { asFindings, CommandView } from './rules/rule.js';
import { DEFAULT_INDEX, type RuleIndex } from './rules/catalogue.js';
import type { SimpleCommand } from './shell/command.js';
import type { ShellParser } from './shell/parser.js';
import { unwrapAll } from './shell/unwrap.js';
import { genericFinding, textOnly } from './generic/analyse.js';
import { placeIdentifiers, placeOf } from './generic/place.js';
import { followScripts } from './scripts/follow.js';
import { derivedTags, impliedTags } from './derived-tags.js';
import { isBenignSubcommand, KNOWN_BENIGN, SHELLS, WRITE_OPTION } from './programs.js';

export interface AssessDeps {
  readonly parser: ShellParser;
  readonly rules?: RuleIndex;
  /** Extra rules from the policy file, already indexed. */
  readonly customRules?: RuleIndex;
  /** When present, local deletions are measured (files, bytes, tracked vs lost). */
  readonly probe?: FsProbe;
  readonly probeBudgetMs?: number;
}

const ENVIRONMENT_RANK: Record<EnvironmentVerdict, number> = { local: 0, 'non-production': 1, unverified: 2, production: 3 };
const MUTATING: ReadonlySet<string> = new Set(['write', 'delete', 'execute', 'privilege', 'publish']);
/** Programs that only wrap another command: their own step adds nothing unless a rule fired. */
const PASS_THROUGH = new Set(['sudo', 'doas', 'env', 'nohup', 'nice', 'ionice', 'time', 'stdbuf', 'command', 'builtin', 'exec', 'timeout', 'xargs', 'setsid', 'watch', 'eval', 'parallel', 'flock', 'chrt', 'taskset', 'su', 'ssh', 'trap', ...SHELLS]);

export function assess(command: string, callerCtx: AssessContext, deps: AssessDeps): Assessment {
  // A fresh context object per assessment: rules that remember earlier commands of the same line
  // (src/core/flow.ts keys its notes by context) can never carry notes into another assessment.
  const ctx: AssessContext = { ...callerCtx };
  const parsed = deps.parser.parse(command, { vars: { HOME: ctx.home, PWD: ctx.cwd }, cwd: ctx.cwd, env: ctx.env });
  const unwrapped = unwrapAll(parsed.commands, deps.parser);
  const expanded = followScripts(unwrapped.commands, deps.parser, ctx, deps.probe);
  const problems = [...parsed.problems, ...unwrapped.problems, ...expanded.problems];
  const index = deps.rules ?? DEFAULT_INDEX;

  const steps: Step[] = [];
  const fired = new Map<string, FiredRule>();
  const tags = new Set<Tag>();
  /** Alternative → the highest risk of a finding that offered it: the riskiest step's comes first. */
  const alternatives = new Map<string, number>();
  const credentials = new Map<string, Credential>();
  const confirmTargets = new Set<string>();
  const destroys: string[] = [];
  let environment: EnvironmentVerdict = 'local';
  let reversibility: Reversibility = 'reversible';

  for (const cmd of expanded.commands) {
    const view = new CommandView(cmd, ctx);
    const shown = textOnly(view);
    if (shown) {
      steps.push(textStep(cmd, shown));
      continue;
    }
    const findings = [...runRules(view, index), ...(deps.customRules ? runRules(view, deps.customRules) : [])];
    const script = cmd.ctx.script;
    if (script && !script.followed) {
      // A script Airlock could not read is judged by its name and arguments (`npm run db:reset`, `./deploy.sh prod`).
      findings.push(genericFinding({ view, pathWords: script.words, label: script.label }));
    } else if (!findings.length && !PASS_THROUGH.has(cmd.program) && !script && !recognised(view, index)) findings.push(genericFinding({ view }));
    findings.push(...protectedPathFindings(findings, view));
    const creds = credentialsIn(cmd);
    for (const c of creds) credentials.set(`${c.kind}:${c.name}`, c);
    if (!findings.length && (PASS_THROUGH.has(cmd.program) || cmd.program === ':')) continue;

    const step = sharedFloor(buildStep(cmd, view, findings, creds, ctx), view, findings);
    steps.push(step);
    if (step.environment && ENVIRONMENT_RANK[step.environment] > ENVIRONMENT_RANK[environment]) environment = step.environment;
    reversibility = worseReversibility(reversibility, step.reversibility);
    for (const f of findings) {
      const risk = step.ruleIds.includes(f.ruleId) ? adjustedRisk(f, step) : f.risk;
      const prev = fired.get(f.ruleId);
      if (!prev || riskRank(risk) > riskRank(prev.risk)) fired.set(f.ruleId, { id: f.ruleId, risk, summary: redact(f.summary) });
      for (const t of f.tags ?? []) tags.add(t);
      for (const a of f.alternatives ?? []) alternatives.set(redact(a), Math.max(alternatives.get(redact(a)) ?? -1, riskRank(risk)));
      for (const c of f.credentials ?? []) credentials.set(`${c.kind}:${c.name}`, c);
      if (riskRank(risk) >= riskRank('critical')) {
        for (const t of f.targets ?? []) if (t.kind !== 'url' && t.kind !== 'host') confirmTargets.add(t.name);
      }
      destroys.push(...(f.destroys ?? []));
    }
    for (const t of derivedTags(step, view)) tags.add(t);
    if (step.environment === 'production' && step.risk !== 'low') tags.add('production');
    // RISK-LEVELS.md: a remote change whose environment cannot be established is treated as production.
    if (step.environment === 'unverified' && riskRank(step.risk) >= riskRank('high') && MUTATING.has(step.effect)) tags.add('production');
    if (step.environment === 'non-production' && riskRank(step.risk) >= riskRank('high')) tags.add('shared-state');
  }

  let risk: Risk = steps.reduce<Risk>((r, s) => maxRisk(r, s.risk), 'low');
  if (problems.length) {
    risk = atLeast(risk, 'high');
    tags.add('unparsed');
    fired.set('shell.unparsed', { id: 'shell.unparsed', risk: 'high', summary: `The command could not be fully parsed: ${problems[0]}` });
  }
  if (credentials.size && risk !== 'low') tags.add('credential');
  for (const t of impliedTags(tags)) tags.add(t);
  if (risk === 'critical' && environment === 'production') confirmTargets.add('production');

  const blastRadius = deps.probe && destroys.length
    ? measureBlastRadius([...new Set(destroys)], deps.probe, ctx.workspaceRoots, deps.probeBudgetMs)
    : undefined;
  if (blastRadius && blastRadius.untracked > 0 && riskRank(risk) >= riskRank('medium')) tags.add('data-loss');

  const rules = [...fired.values()].sort((a, b) => riskRank(b.risk) - riskRank(a.risk));
  return {
    command: redact(command),
    risk,
    summary: summarise(risk, steps, problems, environment),
    steps,
    rules,
    tags: [...tags].sort(),
    alternatives: [...alternatives.entries()].sort((a, b) => b[1] - a[1]).map(([text]) => text),
    credentials: [...credentials.values()],
    environment,
    reversibility,
    blastRadius,
    confirmTargets: [...confirmTargets].slice(0, 5),
    parse: { ok: problems.length === 0, problems },
  };
}

/** Rule families that act on remote, shared state (deploys, clusters, cloud resources, databases, registries). */
const REMOTE_FAMILY = /^(paas|kubernetes|cloud|database|iac|github|registries|http|railway|containers)\./;
const SHARED_PLACE = /(?:^|[^a-z0-9])(?:staging|stg|shared|qa|uat|pre-?prod|prod|production|live)(?![a-z0-9])/i;
/** Deploy rules of tools whose plain deploy is a preview or draft (`vercel deploy`, `netlify deploy`); their production deploys name it. */
const PREVIEW_BY_DEFAULT = /^paas\.(vercel|netlify)\./;
/** Switching a context or profile changes this machine's configuration, not the place it names. */
const CONTEXT_SWITCH = /^(containers\.context-use|kubernetes\.use-context|kubernetes\.config-edit|iac\.pulumi\.stack-select)$/;

/**
 * RISK-LEVELS.md: any change to shared non-production state, and any non-destructive production change, is high.
 * A remote rule that reported a medium change is raised when the step's environment (or, when the rule named
 * none, the command's named and ambient context) is production or a shared environment such as staging.
 */
function sharedFloor(step: Step, view: CommandView, findings: readonly Finding[]): Step {
  // Taking a backup or snapshot is medium wherever it is (RISK-LEVELS.md).
  if (/\bcreate\b.*\b(snapshot|backup)s?\b|\b(snapshot|backup)s?\b.*\bcreate\b|create-(db-)?(cluster-)?snapshot|create-backup/i.test(view.args.slice(0, 3).join(' '))) return step;
  const changes = findings.filter((f) => f.risk === 'medium' && (MUTATING.has(f.effect) || /mutation/.test(f.ruleId)) && REMOTE_FAMILY.test(f.ruleId) && !CONTEXT_SWITCH.test(f.ruleId));
  if (step.risk !== 'medium' || !changes.length) return step;
  const place = step.environment ?? placeOf(view);
  // A deploy whose target cannot be established may reach production (tools that deploy a preview by default excepted).
  if (place === 'unverified' && changes.some((f) => /\.(deploy|db-push)$/.test(f.ruleId) && !PREVIEW_BY_DEFAULT.test(f.ruleId))) {
    return { ...step, risk: 'high', environment: 'unverified', summary: `${step.summary} (environment unverified: it may deploy to production)` };
  }
  const names = [...step.targets.map((t) => t.name), ...placeIdentifiers(view), view.ctx.kubeContext ?? '', view.ctx.terraformWorkspace ?? '', view.ctx.cloudProfile ?? ''];
  const shared = place === 'production' || (place === 'non-production' && names.some((n) => SHARED_PLACE.test(n)));
  if (!shared) return step;
  return { ...step, risk: 'high', environment: step.environment ?? place, summary: `${step.summary} (${place === 'production' ? 'production' : 'shared state'})` };
}

/** Global options that take a value before a subcommand (`git -C dir status`, `kubectl -n ns auth can-i`). */
const GLOBAL_VALUE_OPTIONS = ['-C', '-c', '--git-dir', '--work-tree', '--context', '-n', '--namespace', '--kubeconfig', '--kube-context', '-H', '--host', '--chdir', '--log-level'];

/**
 * Recognised without a finding: a rule that models the command completely said nothing, a function or alias
 * defined on the line (its body is assessed), or a known read-only program or subcommand used without a writing option.
 */
function recognised(view: CommandView, index: RuleIndex): boolean {
  if (view.cmd.ctx.definedOnLine || view.cmd.ctx.unwrapped) return true;
  if ((KNOWN_BENIGN.has(view.program) || isBenignSubcommand(view.program, view.positionals(GLOBAL_VALUE_OPTIONS))) && !view.args.some((a) => WRITE_OPTION.test(a))) return true;
  return !!index.byProgram.get(view.program)?.some((r) => r.complete === true || (typeof r.complete === 'function' && r.complete(view)));
}

function textStep(cmd: SimpleCommand, why: string): Step {
  return {
    command: redact(cmd.source), program: cmd.program, effect: 'read', risk: 'low', summary: `${cmd.program}: ${why}`,
    targets: [], scope: 'workspace', reversibility: 'reversible', credentials: [], ruleIds: ['generic.text-only'], via: cmd.ctx.via,
  };
}

function runRules(view: CommandView, index: RuleIndex): Finding[] {
  const out: Finding[] = [];
  const specific = index.byProgram.get(view.program);
  if (specific) for (const r of specific) out.push(...asFindings(r.check(view)));
  for (const r of index.any) out.push(...asFindings(r.check(view)));
  return out;
}

/**
 * Remote destructive findings are escalated when the environment is production or unverified. Any other change a
 * rule reports on a named shared environment (staging, production) is at least high: RISK-LEVELS.md puts "any change
 * to shared non-production state" and "a non-destructive production change" there.
 */
function adjustedRisk(f: Finding, step: Step): Risk {
  // A kind or minikube cluster, a local container: this machine. Changing it is medium; destroying data in it stays high.
  if (step.environment === 'local' && f.risk === 'high' && f.remote && REMOTE_FAMILY.test(f.ruleId) && !f.tags?.some((t) => t === 'data-loss' || t === 'irreversible')) return 'medium';
  // Printing secret values into the agent's transcript sends them to its model provider: critical.
  if (f.effect === 'read' && f.risk === 'high' && f.tags?.includes('secret-exposure')) return 'critical';
  // Taking a production service down is critical; restarting one (rolling) stays high.
  const outage = f.tags?.includes('outage') && !/restart|reboot|reload|rollout|cordon/i.test(`${f.ruleId} ${f.summary}`);
  if (outage && step.environment === 'production' && (f.risk === 'high' || f.remote?.destructive)) return 'critical';
  if (!f.remote) return f.risk;
  if (!f.remote.destructive) {
    const shared = step.environment === 'production' || step.environment === 'non-production';
    return shared && f.risk === 'medium' && MUTATING.has(f.effect) ? 'high' : f.risk;
  }
  if (step.environment === 'production' || step.environment === 'unverified') {
    return riskRank(f.risk) >= riskRank('high') ? 'critical' : 'high';
  }
  return f.risk;
}

function buildStep(cmd: SimpleCommand, view: CommandView, findings: readonly Finding[], creds: readonly Credential[], ctx: AssessContext): Step {
  const via = cmd.ctx.via;
  if (!findings.length) {
    return {
      command: redact(cmd.source), program: cmd.program, effect: 'read', risk: 'low',
      summary: `runs ${cmd.program}`, targets: [], scope: cmd.ctx.remote ? 'remote' : 'workspace',
      reversibility: 'reversible', credentials: creds, ruleIds: [], via,
    };
  }
  const top = [...findings].sort((a, b) => riskRank(b.risk) - riskRank(a.risk))[0]!;
  const targets = dedupeTargets(findings.flatMap((f) => f.targets ?? []));
  let environment: EnvironmentVerdict | undefined;
  const remote = findings.filter((f) => f.remote);
  if (remote.length || cmd.ctx.remote) {
    const ids = [...remote.flatMap((f) => f.remote!.identifiers), ...(cmd.ctx.remote ? [cmd.ctx.remote.replace(/^\w+ /, '')] : [])];
    const ambient = ambientFor(cmd.program, ctx);
    environment = classifyEnvironment(ids, ctx, ambient).verdict;
    // A container started here (`docker compose exec api …`) is this machine unless its name says otherwise.
    if (environment === 'unverified' && !remote.length && cmd.ctx.remote?.startsWith('container ')) environment = 'local';
  }
  const base: Step = {
    command: redact(cmd.source),
    program: cmd.program,
    effect: top.effect,
    risk: top.risk,
    summary: redact([...new Set(findings.map((f) => f.summary))].join('; ')),
    targets,
    scope: scopeOf(targets, view, environment),
    reversibility: findings.reduce<Reversibility>((r, f) => worseReversibility(r, f.reversibility ?? 'reversible'), 'reversible'),
    credentials: creds,
    environment,
    ruleIds: findings.map((f) => f.ruleId),
    via,
  };
  let risk = findings.reduce<Risk>((r, f) => maxRisk(r, adjustedRisk(f, base)), 'low');
  // Destructive work on another machine (ssh, kubectl exec) is never below high there.
  if (cmd.ctx.remote && findings.some((f) => MUTATING.has(f.effect) && riskRank(f.risk) >= riskRank('medium'))) {
    risk = atLeast(risk, environment === 'non-production' || environment === 'local' ? 'medium' : 'high');
  }
  return { ...base, risk };
}

const KUBE_TOOLS = new Set(['kubectl', 'oc', 'helm', 'kustomize', 'k9s', 'kubectx', 'argocd', 'flux']);
const IAC_TOOLS = new Set(['terraform', 'tofu', 'terragrunt', 'pulumi', 'cdk', 'cdktf']);
const CLOUD_TOOLS = new Set(['aws', 'gcloud', 'gsutil', 'bq', 'az', 'doctl', 'eksctl', 'sam']);

/** The ambient context that applies to a tool: a kube context says nothing about a psql host. */
function ambientFor(program: string, ctx: AssessContext): string[] {
  const pick = (v: string | undefined) => (v ? [v] : []);
  if (KUBE_TOOLS.has(program)) return pick(ctx.kubeContext);
  if (IAC_TOOLS.has(program)) return [...pick(ctx.terraformWorkspace), ...pick(ctx.cloudProfile)];
  if (CLOUD_TOOLS.has(program)) return pick(ctx.cloudProfile);
  return pick(ctx.linkedEnvironment);
}

function scopeOf(targets: readonly Target[], view: CommandView, environment: EnvironmentVerdict | undefined): Scope {
  if (environment === 'production') return 'production';
  if (environment && environment !== 'local') return 'remote';
  const order: Scope[] = ['workspace', 'outside-workspace', 'home', 'system'];
  let worst: Scope = 'workspace';
  for (const t of targets) {
    if (t.kind !== 'path') continue;
    const s = view.scopeOf(t.name);
    if (order.indexOf(s) > order.indexOf(worst)) worst = s;
  }
  return worst;
}

function dedupeTargets(targets: readonly Target[]): Target[] {
  const seen = new Set<string>();
  return targets.filter((t) => {
    const k = `${t.kind}:${t.name}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  }).map((t) => ({ kind: t.kind, name: redact(t.name) }));
}

function summarise(risk: Risk, steps: readonly Step[], problems: readonly string[], environment: EnvironmentVerdict): string {
  // Low steps that Airlock could not recognise still say so: unknown is never "reads only".
  const notable = steps.filter((s) => s.risk !== 'low' || s.ruleIds.some((id) => id.startsWith('generic.'))).sort((a, b) => riskRank(b.risk) - riskRank(a.risk));
  const label = risk[0]!.toUpperCase() + risk.slice(1);
  if (problems.length && !notable.length) return `${label}: the command could not be fully parsed, so it cannot be shown to be safe (${problems[0]}).`;
  if (!notable.length) return `${label}: ${steps.length ? 'reads or runs local tools only' : 'does nothing'}.`;
  const parts = [...new Set(notable.map((s) => s.summary))].slice(0, 3);
  const env = environment === 'unverified' ? ' Environment unverified: treated as production.' : environment === 'production' ? ' Targets production.' : '';
  const unparsed = problems.length ? ' Parts of the command could not be parsed.' : '';
  return `${label}: ${parts.join('; ')}.${env}${unparsed}`;
}
