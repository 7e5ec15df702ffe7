// The generic analysis: what a command line shows about a program or subcommand no rule models.
// It never says "reads only" about something it does not know. It reads the verbs of the subcommand
// path (`cluster destroy`, `db:reset`, `delete-table`), the flags (`--force`, `--all`,
// `--skip-final-snapshot`), the targets (paths, production names, backups) and the context (the
// environment variables and names that say where the command acts), and rates by RISK-LEVELS.md.
import type { AssessContext } from '../context.js';
import { classifyEnvironment, hostOf } from '../environment.js';
import type { EnvironmentVerdict, Finding, Risk, Tag, Target } from '../model.js';
import type { CommandView } from '../rules/rule.js';
import { LOCAL_TOOLCHAINS } from '../programs.js';
import { classifySql, DESTROYS_DATA, SQL_SEVERITY } from '../sql.js';
import {
  BACKUP_NOUN, CHECK_FLAG, DATA_NOUN, FORCE_FLAG, NO_BACKUP_FLAG, RANK, REVEAL_FLAG, SECRET_NOUN, SELF_CLEANING_FLAG, WIDE_FLAG,
  splitWords, verbClass, type VerbClass,
} from './vocabulary.js';

/** Options whose values name where a command acts. */
const PLACE_OPTION = /^--?(env|environment|stage|e|profile|context|kube-context|project|project-id|app|a|cluster|namespace|n|url|database-url|db-url|db|database|d|endpoint|host|h|target|t|region|account|org|site|service|s|branch|instance|stack|workspace|w|remote|server|connection|conn|uri|dsn)$/;
/** Environment variables that say which environment a tool acts on. */
const PLACE_VARIABLES = [
  'NODE_ENV', 'RAILS_ENV', 'RACK_ENV', 'APP_ENV', 'FLASK_ENV', 'MIX_ENV', 'DJANGO_SETTINGS_MODULE', 'ENVIRONMENT', 'ENV',
  'STAGE', 'DEPLOY_ENV', 'TARGET_ENV', 'DATABASE_URL', 'DB_HOST', 'DB_URL', 'PGHOST', 'PGDATABASE', 'MYSQL_HOST',
  'MONGODB_URI', 'MONGO_URL', 'MONGO_URI', 'REDIS_URL', 'AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'CLOUDSDK_CORE_PROJECT',
  'GOOGLE_CLOUD_PROJECT', 'AZURE_SUBSCRIPTION', 'TF_WORKSPACE', 'PULUMI_STACK', 'SUPABASE_PROJECT_REF',
];
const SUBCOMMAND = /^[A-Za-z][A-Za-z0-9]*(?:[-_:][A-Za-z0-9]+)*$/;
const MAX_PATH_WORDS = 4;
const SECRET_READ_VERBS = new Set(['get', 'read', 'show', 'cat', 'print', 'reveal', 'view', 'export', 'decrypt', 'value', 'values', 'fetch', 'download', 'dump', 'env', 'run', 'inject']);
const LISTING_VERBS = new Set(['list', 'ls', 'describe', 'search', 'find', 'count', 'history', 'versions', 'status']);

export interface GenericInput {
  readonly view: CommandView;
  /** The words that name what runs, when they are not the command's own subcommands: a script name (`db:reset`). */
  readonly pathWords?: readonly string[];
  /** What to call it in the summary (`npm run db:reset`). */
  readonly label?: string;
}

/** The subcommand path: leading positionals that look like command words, e.g. `cluster destroy`. */
export function subcommandPath(view: CommandView): string[] {
  const out: string[] = [];
  for (const a of view.args) {
    if (a.startsWith('-')) continue;
    if (!SUBCOMMAND.test(a) || out.length >= MAX_PATH_WORDS) break;
    out.push(a);
  }
  return out;
}

function placeIdentifiers(view: CommandView): string[] {
  const out: string[] = [];
  const args = view.args;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(0, eq) : a;
    if (!PLACE_OPTION.test(name)) continue;
    const value = eq > 0 ? a.slice(eq + 1) : args[i + 1];
    if (value && !value.startsWith('-')) out.push(value);
  }
  // Names and URLs on the line (`prod-db`, `postgres://…@db.prod…`), not plain verbs.
  for (const a of view.positionals()) if (/[-_.:/@]/.test(a) || /prod|stag|live/i.test(a)) out.push(a);
  return out;
}

function ambientPlace(view: CommandView, ctx: AssessContext): string[] {
  const out: string[] = [];
  for (const name of PLACE_VARIABLES) {
    const v = view.env(name);
    if (v) out.push(v);
  }
  for (const v of [ctx.kubeContext, ctx.terraformWorkspace, ctx.cloudProfile, ctx.linkedEnvironment]) if (v) out.push(v);
  return out;
}

const LOCAL_HOST = /^(localhost|127\.\d+\.\d+\.\d+|::1|\[::1\]|0\.0\.0\.0|host\.docker\.internal|[a-z0-9-]+\.local(host)?)$/i;

/** Where the command acts: production, non-production, this machine, or unverified. */
export function placeOf(view: CommandView): EnvironmentVerdict {
  const named = placeIdentifiers(view);
  const ambient = ambientPlace(view, view.ctx);
  const verdict = classifyEnvironment(named, view.ctx, ambient).verdict;
  if (verdict !== 'unverified') return verdict;
  // A connection string or host in the context that points at this machine.
  const urls = ambient.filter((v) => /^[a-z][a-z0-9+.-]*:\/\//i.test(v));
  if (urls.length && urls.every((u) => LOCAL_HOST.test(hostOf(u)))) return 'local';
  if (/^(development|dev|local|test)$/i.test(view.env('NODE_ENV') ?? view.env('RAILS_ENV') ?? view.env('APP_ENV') ?? '')) return 'non-production';
  return 'unverified';
}

interface Reading {
  readonly cls?: VerbClass;
  readonly verb?: string;
  readonly words: readonly string[];
}

/**
 * The verb of a subcommand path. CLIs put it first (`kubectl get deploy`) or last (`gh release list`): a read
 * verb there makes the rest nouns, unless something destroys. Otherwise the most harmful verb decides.
 */
function readVerbs(words: readonly string[]): Reading {
  let best: Reading = { words };
  for (const w of words) {
    const cls = verbClass(w);
    if (cls && (!best.cls || RANK[cls] > RANK[best.cls])) best = { cls, verb: w, words };
  }
  if (best.cls && best.cls !== 'destroy') {
    for (const w of [words[0], words[words.length - 1]]) if (w && verbClass(w) === 'read') return { cls: 'read', verb: w, words };
  }
  return best;
}

/** Paths on the line that reach home, the root or system folders. */
function sensitivePaths(view: CommandView): { tags: Tag[]; targets: Target[] } {
  const tags = new Set<Tag>();
  const targets: Target[] = [];
  for (const p of view.positionals()) {
    if (!/^(\/|~|\.\.|\$HOME|\$\{HOME\})/.test(p)) continue;
    const scope = view.scopeOf(p);
    if (scope === 'workspace') continue;
    targets.push({ kind: 'path', name: view.resolve(p) });
    if (scope === 'home') tags.add('home-directory');
    else if (scope === 'system') tags.add('root-filesystem');
    tags.add('outside-workspace');
  }
  return { tags: [...tags], targets };
}

const nounTags = (words: readonly string[]): Tag[] => {
  const tags = new Set<Tag>();
  for (const w of words) {
    if (/^(db|dbs|database|databases|table|tables|collection|collections|schema|schemas|keyspace|rows|records|migrations?|sql)$/.test(w)) tags.add('database');
    if (/^(bucket|buckets|instance|instances|function|functions|vm|vms|zone|zones|storage|disk|disks)$/.test(w)) tags.add('cloud-resource');
    if (/^(namespace|namespaces|pod|pods|deployment|deployments|cluster|clusters|node|nodes)$/.test(w)) tags.add('kubernetes');
    if (/^(volume|volumes|disk|disks)$/.test(w)) tags.add('volume');
    if (BACKUP_NOUN.test(w)) tags.add('backup');
  }
  return [...tags];
};

/** The finding for a command no rule recognised and the known-benign catalogue does not list. */
export function genericFinding(input: GenericInput): Finding {
  const { view } = input;
  const label = input.label ?? [view.program, ...subcommandPath(view)].join(' ');
  const pathWords = input.pathWords ?? subcommandPath(view);
  // Whole words first (`port-forward`, `ls-files`), then their parts (`delete-db-instance` → delete, db, instance).
  const words = [...new Set(pathWords.flatMap((w) => [w.toLowerCase(), ...splitWords(w)]))];
  const flagWords = view.args.filter((a) => a.startsWith('--') && !SELF_CLEANING_FLAG.test(a)).flatMap((a) => splitWords(a.replace(/=.*$/, '')).slice(0, 1));
  // `cp`, `mv`, `mkdir`: a program named by its verb.
  const reading = readVerbs(words).cls ? readVerbs(words) : readVerbs(splitWords(view.program));
  const flagReading = readVerbs(flagWords);
  const args = view.args;
  const force = args.some((a) => FORCE_FLAG.test(a));
  const wide = args.some((a) => WIDE_FLAG.test(a));
  const noBackup = args.some((a) => NO_BACKUP_FLAG.test(a.replace(/=\s*0+$/, ' 0'))) || args.some((a, i) => /^--(backup-)?retention(-days|-period)?$/.test(a) && args[i + 1] === '0');
  // A toolchain's own remove/clean touches what it installed; a script it runs (`npm run db:reset`) is another matter.
  const local = LOCAL_TOOLCHAINS.has(view.program) && !input.pathWords;
  const place = words.includes('local') ? 'local' : placeOf(view);
  const paths = sensitivePaths(view);
  const nouns = nounTags([...words, ...args.flatMap((a) => (a.startsWith('-') ? [] : splitWords(a)))]);
  const mentionsBackup = nouns.includes('backup') || noBackup;
  const hasResource = words.some((w) => DATA_NOUN.test(w)) || args.some((a) => !a.startsWith('-') && /[-_.:/]/.test(a));
  const env = place === 'production' ? 'production' : place === 'unverified' ? 'environment unverified' : place === 'local' ? 'this machine' : 'a non-production environment';
  const tags = new Set<Tag>(paths.tags);
  let cls = reading.cls;
  let verb = reading.verb;
  // A destructive flag is a destructive verb (`--delete`, `--purge`, `--drop-database`).
  if (flagReading.cls === 'destroy' && !cls) {
    cls = 'destroy';
    verb = `--${flagReading.verb}`;
  }
  // `code --list-extensions`, `ansible-inventory --list`: with no verb in the path, a reading flag says what it does.
  // (Other flag verbs are not trusted: `--reload`, `--prune` tune a command, they are not what it does.)
  if (!cls && flagReading.cls === 'read') {
    cls = 'read';
    verb = `--${flagReading.verb}`;
  }
  // `terraform fmt -check`, `prettier --check`: a check changes nothing.
  if ((!cls || RANK[cls] <= RANK.local) && args.some((a) => CHECK_FLAG.test(a))) {
    cls = 'read';
    verb = args.find((a) => CHECK_FLAG.test(a));
  }
  // SQL handed to the program (`pscale sql --query "DELETE …"`, `clickhouse-client -q …`) decides what it does.
  const sql = sqlPayload(view);
  if (sql && (!cls || RANK[cls] <= RANK.change)) {
    cls = sql.destroys ? 'destroy' : sql.kind === 'read' ? 'read' : 'change';
    verb = sql.text;
  }
  // Cleaning a database or a remote resource (`flyway clean`) is destroying it.
  if (cls === 'clean' && (place === 'production' || words.some((w) => /^(db|database|schema|jdbc)$/.test(w)) || args.some((a) => /jdbc:|:\/\/.*@|^--?url/.test(a)))) cls = 'destroy';
  if (cls === 'outage' && verb === 'scale' && !args.some((a) => /(^|=)0$/.test(a))) cls = 'change';

  const base = (risk: Risk, what: string, effect: Finding['effect'], extra: Tag[] = [], reversibility: Finding['reversibility'] = 'recoverable'): Finding => {
    for (const t of extra) tags.add(t);
    if (riskRankOf(risk) >= 2 && force) tags.add('confirmation-bypass');
    if (place === 'production' && riskRankOf(risk) >= 1) tags.add('production');
    return {
      ruleId: `generic.${cls ?? 'unknown'}`,
      risk,
      effect,
      summary: `runs ${label}, which Airlock has no rule for: ${what}`,
      targets: paths.targets,
      reversibility,
      tags: [...tags],
      // The environment is named in the plan only where it decided something; the level is already final.
      remote: riskRankOf(risk) >= 2 && place !== 'local' ? { identifiers: placeIdentifiers(view), destructive: false } : undefined,
    };
  };

  // Secrets first: reading a secret's value prints it into the agent's transcript.
  const secretWords = words.filter((w) => SECRET_NOUN.test(w));
  const listing = words.some((w) => LISTING_VERBS.has(w));
  const reveals = args.some((a) => REVEAL_FLAG.test(a));
  if (secretWords.length && cls !== 'destroy' && !listing && (reveals || words.some((w) => SECRET_READ_VERBS.has(w)))) {
    return base('critical', `by its words (${pathWords.join(' ')}) it prints secret values into the agent's context`, 'read', ['secret-exposure', 'credential'], 'irreversible');
  }
  if (secretWords.length && listing && !reveals) return base('low', `by its words (${pathWords.join(' ')}) it lists names, not values`, 'read');

  switch (cls) {
    case 'destroy': {
      const what = `"${verb}" destroys`;
      if (mentionsBackup) return base('critical', `${what} backups or snapshots (${env})`, 'delete', ['backup', 'data-loss', 'irreversible', ...nouns], 'irreversible');
      if (paths.tags.length) return base('critical', `${what} outside the workspace`, 'delete', ['data-loss', 'irreversible'], 'irreversible');
      if (local) return base('medium', `${what} local ${view.program} state, which it can recreate`, 'delete', [], 'recoverable');
      if (place === 'production') return base('critical', `${what} in production`, 'delete', ['data-loss', 'irreversible', ...nouns], 'irreversible');
      if (place === 'unverified' && (hasResource || force || wide)) {
        return base('critical', `${what} a resource whose environment it cannot establish (environment unverified: treated as production)`, 'delete', ['data-loss', 'irreversible', ...nouns], 'irreversible');
      }
      return base('high', `${what} (${env})`, 'delete', ['data-loss', ...nouns, ...(place === 'non-production' ? (['shared-state'] as Tag[]) : [])], 'irreversible');
    }
    case 'outage': {
      if (place === 'production' || place === 'unverified') return base('critical', `"${verb}" takes a service down (${env})`, 'write', ['outage', ...nouns], 'recoverable');
      return base('high', `"${verb}" takes a service down (${env})`, 'write', ['outage', ...nouns]);
    }
    case 'restart':
      return base('high', `"${verb}" restarts a service (${env})`, 'write', ['outage', ...nouns]);
    case 'ship': {
      if (place === 'local') return base('medium', `"${verb}" deploys to this machine`, 'write');
      if (/^(publish|release)$/.test(verb ?? '')) return base('high', `"${verb}" publishes where others see it`, 'publish', ['shared-state']);
      return base('high', `"${verb}" deploys (${env})`, 'write', place === 'non-production' ? ['shared-state'] : []);
    }
    case 'change': {
      if (mentionsBackup && args.some((a) => /expir|retention|lifecycle|disable/i.test(a))) {
        return base('critical', `"${verb}" changes how backups are kept (${env})`, 'write', ['backup', 'data-loss']);
      }
      if (place === 'local' || local) return base('medium', `"${verb}" changes state on this machine`, 'write');
      if (place === 'production' || place === 'non-production') return base('high', `"${verb}" changes shared state (${env})`, 'write', ['shared-state', ...nouns]);
      return base('medium', `"${verb}" changes state (${env})`, 'write', nouns);
    }
    case 'session':
      return base('medium', `"${verb}" opens a session; what it does depends on what is sent to it (${env})`, 'execute');
    case 'clean':
      return base('medium', `"${verb}" removes files it can regenerate`, 'delete');
    case 'local':
      return base('medium', `by its verb (${verb}) it changes local state`, 'write');
    case 'read':
      if (force && wide) return base('medium', `its verb (${verb}) reads, but it is forced over everything`, 'execute');
      return base('low', `by its verb (${verb}) it reads`, 'read', [], 'reversible');
    default: {
      if (paths.tags.length) return base(force || wide ? 'high' : 'medium', 'nothing on the line says what it does, and it names a path outside the workspace', 'execute');
      if (place === 'production' && (force || wide)) return base('high', 'nothing on the line says what it does, and it is forced in production', 'execute');
      return base('medium', `nothing on the line says what it does, so it has not been shown to be read-only (${env === 'environment unverified' ? 'no environment named' : env})`, 'execute');
    }
  }
}

const SQL_START = /^\s*(select|insert|update|delete|drop|truncate|alter|create|grant|revoke|with|merge|replace|upsert)\b/i;
/** SQL as an operand must look like a statement, not prose ("Delete old repo"). */
const SQL_SHAPE = /^\s*(delete\s+from\s|drop\s+(table|database|schema|index|view|collection)\s|truncate\s+(table\s+)?\w|update\s+[\w."]+\s+set\s|select\s[\s\S]*\sfrom\s|insert\s+into\s|alter\s+table\s)/i;
const SQL_OPTION = /^--?(query|q|sql|e|execute|command|c|statement|eval)$/;

/** SQL given to a program as an option value, an operand or a heredoc: the worst statement in it. */
function sqlPayload(view: CommandView): { kind: string; destroys: boolean; text: string } | undefined {
  const texts: string[] = [];
  view.args.forEach((a, i) => {
    const eq = a.indexOf('=');
    if (eq > 0 && SQL_OPTION.test(a.slice(0, eq))) texts.push(a.slice(eq + 1));
    else if (SQL_OPTION.test(a) && view.args[i + 1]) texts.push(view.args[i + 1]!);
    else if (SQL_SHAPE.test(a)) texts.push(a);
  });
  if (view.cmd.stdin?.kind === 'document' && SQL_START.test(view.cmd.stdin.text)) texts.push(view.cmd.stdin.text);
  const statements = texts.filter((t) => SQL_START.test(t)).flatMap(classifySql);
  if (!statements.length) return undefined;
  const worst = statements.reduce((a, b) => (SQL_SEVERITY[b.kind] > SQL_SEVERITY[a.kind] ? b : a));
  const destroys = DESTROYS_DATA.has(worst.kind) || worst.kind === 'delete' || worst.kind === 'drop-other';
  return { kind: worst.kind, destroys, text: worst.text.slice(0, 60) };
}

const riskRankOf = (r: Risk): number => ['low', 'medium', 'high', 'critical'].indexOf(r);


/**
 * Why the command only prints text and runs nothing it names: a help request (`helm uninstall --help`,
 * `terraform help destroy`) or a dry run (`--dry-run`, `--what-if`). `-h` counts only as the last word:
 * elsewhere it is usually a host (`psql -h prod-db`).
 */
export function textOnly(view: CommandView): string | undefined {
  const args = view.args;
  const end = args.indexOf('--');
  const own = end >= 0 ? args.slice(0, end) : args;
  if (own.some((a) => /^(--help|-help|--usage|-\?)$/.test(a)) || own.at(-1) === '-h') return 'shows help; runs nothing';
  if (view.positionals()[0] === 'help' && !LOCAL_SCRIPT_RUNNERS.has(view.program)) return 'shows help; runs nothing';
  const dry = own.find((a) => /^(--dry-?run|--what-?if|-WhatIf|--noop|--no-op|--simulate)(=(?!none$|false$|0$).*)?$/i.test(a));
  if (dry) return `a dry run (${dry}): changes nothing`;
  return undefined;
}

/** Programs whose first word names a user's script (`npm run help` runs a script called help). */
const LOCAL_SCRIPT_RUNNERS: ReadonlySet<string> = new Set(['npm', 'pnpm', 'yarn', 'bun', 'make', 'just', 'task', 'rake']);
