// Which credentials a command DISCOVERED: secret files it printed, environment dumps, searches of the
// tree for token-like text, secret stores it read. Recognised from the rules that already fired
// (src/core/rules/secrets.ts decides what is a secret read; this file only records what was found).
// Airlock never sees the output, so a discovery is a set of clues — names and files — never values.
import type { Step } from '../model.js';
import { isSubstituted, resolveFile, stepDirectories, type AssessedCommand } from './assessed-command.js';
import { commandWords } from './command-text.js';

export type DiscoveryHow = 'file' | 'env-dump' | 'grep' | 'store';

/** One thing a discovery revealed. */
export type Clue =
  /** A variable printed by name: `printenv GH_TOKEN`, `T=$(cat .railway-token)`. */
  | { readonly kind: 'name'; readonly name: string }
  /** Every variable whose name matches a grep pattern ('' matches all): `env | grep -i token`. */
  | { readonly kind: 'names'; readonly pattern: string; readonly ignoreCase: boolean; readonly certain: boolean }
  /** A file whose contents were shown (absolute when the cwd was known). */
  | { readonly kind: 'file'; readonly path: string }
  /** Files under `root` (matching one of `globs`, or any secret file when there are none). */
  | { readonly kind: 'tree'; readonly root: string; readonly globs: readonly string[]; readonly ignoreCase: boolean; readonly certain: boolean };

type NamesClue = Extract<Clue, { kind: 'names' }>;

export interface Discovery {
  /** The discovering command line, redacted and shortened. */
  readonly command: string;
  readonly at: number;
  readonly how: DiscoveryHow;
  readonly clues: readonly Clue[];
}

const MAX_COMMAND = 160;
const MAX_CLUES = 16;
/** Longest pattern or glob kept (the agent chooses them). */
const MAX_TEXT = 200;
const ANY_NAME = (certain: boolean): Clue => ({ kind: 'names', pattern: '', ignoreCase: false, certain });

const SEARCHERS = new Set(['grep', 'egrep', 'fgrep', 'zgrep', 'rg', 'ag', 'ack', 'git']);
/** grep/rg/ag options that take a value (the pattern and the paths are the other words). */
const SEARCH_VALUE = new Set(['-e', '--regexp', '-f', '--file', '-m', '--max-count', '-A', '-B', '-C', '--context', '--after-context', '--before-context', '--include', '--exclude', '--exclude-dir', '-g', '--glob', '--iglob', '-t', '--type', '-T', '--type-not', '-d', '-D', '--max-depth', '--label', '-M', '--max-columns', '-j', '--threads', '--sort', '--sortr']);
/** Files whose lines are `NAME=value`: reading one reveals variables whose names are not known here. */
const NAME_VALUE_FILE = /(^|\/)(\.env(\.[^/]+)?|[^/]+\.env|\.envrc|\.dev\.vars|\.flaskenv|[^/]+\.tfvars|secrets?\.(ya?ml|json|toml|ini|env))$/i;
const ENVIRON = /(^|\/)proc\/[^/]+\/environ$/;
/** Terraform variable files hold provider tokens but are not secret files to the rules (yet): read here. */
const TFVARS = /\.tfvars(\.json)?$/i;
const TFVARS_READERS = new Set(['cat', 'head', 'tail', 'less', 'more', 'bat', 'batcat', 'nl', 'strings', 'sed', 'awk', 'grep', 'rg']);
/** Secret stores, and the variable names their tokens usually travel under. */
const STORE_NAMES: ReadonlyMap<string, string> = new Map(Object.entries({
  gh: 'GH_|GITHUB_', git: 'GH_|GITHUB_|GITLAB_|GL_|GIT_', aws: 'AWS_', gcloud: 'GOOGLE_|GCLOUD_|GCP_|CLOUDSDK_',
  az: 'AZURE_|ARM_', heroku: 'HEROKU_', vault: 'VAULT_', railway: 'RAILWAY_', kubectl: 'KUBE', oc: 'KUBE|OPENSHIFT',
  docker: 'DOCKER_|REGISTRY_', doppler: '', // doppler prints every secret of the config
}));
const STORE_RULES = new Set(['secrets.token-print', 'github.auth-token', 'kubernetes.secret-read']);

interface Recognised {
  readonly step: number;
  readonly how: DiscoveryHow;
  readonly clues: readonly Clue[];
}

/** The discoveries a command makes, ready for the ledger. */
export function discoveriesIn(input: AssessedCommand, at: number): Discovery[] {
  const text = input.assessment.command;
  const command = text.length > MAX_COMMAND ? `${text.slice(0, MAX_COMMAND - 1)}…` : text;
  return recognise(input).map((r) => ({ command, at, how: r.how, clues: r.clues.slice(0, MAX_CLUES) }));
}

/** Steps that discover (their own credential references are reads, not uses). */
export function discoveryStepIndexes(input: AssessedCommand): Set<number> {
  return new Set(recognise(input).filter((r) => r.step >= 0).map((r) => r.step));
}

function recognise(input: AssessedCommand): Recognised[] {
  const dirs = stepDirectories(input);
  const steps = input.assessment.steps;
  const out: Recognised[] = [];
  steps.forEach((step, i) => {
    const found = stepDiscovery(input, i, dirs[i]);
    if (!found) return;
    if (!isSubstituted(step)) out.push({ step: i, ...found });
    else {
      // `export T=$(cat .railway-token)`: the value went into a variable the agent can use by name.
      const name = assignedFrom(steps, i);
      if (name) out.push({ step: -1, how: found.how, clues: [{ kind: 'name', name }, ...found.clues.filter((c) => c.kind === 'file')] });
    }
  });
  return out;
}

function stepDiscovery(input: AssessedCommand, i: number, dir: string | undefined): Omit<Recognised, 'step'> | undefined {
  const step = input.assessment.steps[i]!;
  const ids = new Set(step.ruleIds);
  const file = (p: string): Clue => ({ kind: 'file', path: resolveFile(p, dir, input.home) });
  const words = commandWords(step.command);

  if (ids.has('secrets.env-dump') || ids.has('secrets.env-dump.filtered')) {
    const names = step.targets.filter((t) => t.kind === 'resource').map((t) => t.name);
    if (names.length) return { how: 'env-dump', clues: names.map((name) => ({ kind: 'name', name })) };
    return { how: 'env-dump', clues: [pipedFilter(input, i, true) ?? ANY_NAME(true)] };
  }
  if (ids.has('secrets.print-var')) {
    const clues = step.targets.map((t): Clue => (/^[A-Za-z_]\w*$/.test(t.name) ? { kind: 'name', name: t.name } : file(t.name)));
    return { how: clues.some((c) => c.kind === 'file') ? 'file' : 'env-dump', clues };
  }
  if (ids.has('secrets.read-file') || ids.has('secrets.read-file.source')) {
    const paths = step.targets.filter((t) => t.kind === 'path').map((t) => t.name);
    const environ = paths.some((p) => ENVIRON.test(p));
    const files = paths.filter((p) => !ENVIRON.test(p));
    const search = SEARCHERS.has(step.program) ? searchOf(words) : undefined;
    const narrowed = search ? namesClue(search, false) : pipedFilter(input, i, false);
    const clues: Clue[] = files.map(file);
    if (environ) clues.push(narrowed ? { ...narrowed, certain: true } : ANY_NAME(true));
    else if (narrowed) clues.push(narrowed);
    else if (files.some((p) => NAME_VALUE_FILE.test(p))) clues.push(ANY_NAME(false));
    return { how: files.length ? 'file' : 'env-dump', clues };
  }
  if (ids.has('secrets.search')) {
    const search = searchOf(words);
    const roots = search.paths.length ? search.paths : [dir ?? '.'];
    return {
      how: 'grep',
      clues: [namesClue(search, false), ...roots.map((r): Clue => ({ kind: 'tree', root: resolveFile(r, dir, input.home), globs: [], ignoreCase: false, certain: false }))],
    };
  }
  if (ids.has('secrets.find') || ids.has('secrets.find.read')) return { how: 'file', clues: findClues(words, step, dir, input.home) };
  if ([...ids].some((id) => STORE_RULES.has(id)) || isUnruledStore(step.program, words)) {
    const hint = STORE_NAMES.get(step.program.startsWith('docker-credential-') ? 'docker' : step.program);
    return { how: 'store', clues: hint === undefined ? [] : [{ kind: 'names', pattern: hint, ignoreCase: true, certain: false }] };
  }
  const tfvars = TFVARS_READERS.has(step.program) ? words.slice(1).filter((w) => TFVARS.test(w) && !/example|sample/i.test(w)) : [];
  if (tfvars.length) return { how: 'file', clues: [...tfvars.map(file), ANY_NAME(false)] };
  return undefined;
}

/** Secret-store reads no rule reports: credential helpers asked for a stored password. */
function isUnruledStore(program: string, words: readonly string[]): boolean {
  if (program.startsWith('docker-credential-')) return words[1] === 'get' || words[1] === 'list';
  return program === 'git' && (words[1] === 'credential' && words[2] === 'fill' || /^credential-/.test(words[1] ?? '') && words[2] === 'get');
}

interface Search {
  readonly pattern: string;
  readonly ignoreCase: boolean;
  readonly paths: readonly string[];
}

/** The pattern, case sensitivity and paths of a grep/rg/ag/git grep command. */
function searchOf(words: readonly string[]): Search {
  const program = words[0] ?? '';
  const args = words.slice(program === 'git' ? 2 : 1);
  const explicit: string[] = [];
  const positionals: string[] = [];
  let ignoreCase = false;
  let smart = program === 'ag';
  let fromFile = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') { positionals.push(...args.slice(i + 1)); break; }
    if (/^-e./.test(a)) { explicit.push(a.slice(2)); continue; }
    const [name, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    if (name === '--ignore-case' || /^-[a-zA-Z]*[iy]/.test(a) && !a.startsWith('--')) ignoreCase = true;
    if (name === '--smart-case' || a === '-S') smart = true;
    if (name === '--case-sensitive' || a === '-s' && program !== 'grep') { smart = false; ignoreCase = false; }
    if (SEARCH_VALUE.has(name)) {
      const value = inline ?? args[++i] ?? '';
      if (name === '-e' || name === '--regexp') explicit.push(value);
      if (name === '-f' || name === '--file') fromFile = true;
      continue;
    }
    if (!a.startsWith('-') || a === '-') positionals.push(a);
  }
  const pattern = fromFile ? '' : explicit.length ? explicit.join('|') : positionals[0] ?? '';
  const paths = explicit.length || fromFile ? positionals : positionals.slice(1);
  return { pattern, ignoreCase: ignoreCase || (smart && pattern === pattern.toLowerCase()), paths };
}

// Cutting a long pattern short only drops literal runs, so it matches more names, never fewer.
const namesClue = (s: Search, certain: boolean): NamesClue => ({ kind: 'names', pattern: s.pattern.slice(0, MAX_TEXT), ignoreCase: s.ignoreCase, certain });

/** `env | grep -i token`: only the variables the grep keeps reached the screen. Undefined when unfiltered. */
function pipedFilter(input: AssessedCommand, i: number, certain: boolean): NamesClue | undefined {
  const step = input.assessment.steps[i]!;
  const next = input.assessment.steps[i + 1];
  if (!next || !SEARCHERS.has(next.program) || next.program === 'git') return undefined;
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (!new RegExp(`${escape(step.command)}\\s*\\|\\s*${escape(next.command)}`).test(input.assessment.command)) return undefined;
  const words = commandWords(next.command);
  if (words.some((w) => w === '--invert-match' || /^-[a-zA-Z]*v/.test(w) && !w.startsWith('--'))) return undefined;
  return namesClue(searchOf(words), certain);
}

/** `find ROOTS… -name GLOB -exec cat {} \;`: files matching the globs under the roots were found. */
function findClues(words: readonly string[], step: Step, dir: string | undefined, home: string | undefined): Clue[] {
  if (step.program !== 'find') {
    const root = step.program === 'fd' || step.program === 'fdfind' ? words.slice(1).filter((w) => !w.startsWith('-'))[1] ?? dir ?? '.' : '/';
    return [{ kind: 'tree', root: resolveFile(root, dir, home), globs: [], ignoreCase: false, certain: false }];
  }
  const roots: string[] = [];
  let i = 1;
  for (; i < words.length && !/^[-(!]/.test(words[i]!); i++) roots.push(words[i]!);
  const globs: string[] = [];
  let ignoreCase = false;
  let byPath = false;
  for (; i < words.length; i++) {
    const w = words[i]!;
    if (w === '-name' || w === '-iname') { globs.push(words[++i] ?? '*'); ignoreCase ||= w === '-iname'; }
    if (/^-i?(path|wholename|regex)$/.test(w)) byPath = true;
  }
  // Only -name globs are matched; a -path or -regex search (or an outsized glob) counts, less
  // certainly, for any secret file under the roots.
  const approximate = byPath || globs.length > MAX_CLUES || globs.some((g) => g.length > MAX_TEXT);
  const kept = approximate ? [] : globs;
  return (roots.length ? roots : [dir ?? '.']).slice(0, MAX_CLUES).map((r) => ({ kind: 'tree', root: resolveFile(r, dir, home), globs: kept, ignoreCase, certain: !approximate }));
}

/** `T=$(cat x)` / `export T="$(gh auth token)"`: the variable a substituted step's output was assigned to. */
function assignedFrom(steps: readonly Step[], i: number): string | undefined {
  const inner = steps[i]!.command.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const assignment = new RegExp(`(?:^|[\\s;])([A-Za-z_][A-Za-z0-9_]*)=["']?(?:\\$\\(\\s*|\`\\s*)${inner}\\s*[)\`]`);
  for (let j = i + 1; j < steps.length; j++) {
    if (isSubstituted(steps[j]!)) continue;
    const m = assignment.exec(steps[j]!.command);
    return m?.[1];
  }
  return undefined;
}
