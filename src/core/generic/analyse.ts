// The generic analysis: what a command line shows about a program or subcommand no rule models.
// It never says "reads only" about something it does not know. It reads the verbs of the subcommand
// path (`cluster destroy`, `db:reset`, `delete-table`), the flags (`--force`, `--all`,
// `--skip-final-snapshot`), the targets (paths, production names, backups) and the context (the
// environment variables and names that say where the command acts), and rates by RISK-LEVELS.md.
import type { Finding, Risk, Tag, Target } from '../model.js';
import type { CommandView } from '../rules/rule.js';
import { LOCAL_TOOLCHAINS } from '../programs.js';
import { namesOnly, sqlPayload } from './payload.js';
import { placeIdentifiers, placeOf } from './place.js';
import {
  BACKUP_NOUN, CHECK_FLAG, DATA_NOUN, FORCE_FLAG, RANK, REVEAL_FLAG, SECRET_NOUN, SELF_CLEANING_FLAG, WIDE_FLAG,
  backupSwitchedOff, PERMISSION_QUERY, splitWords, TOPIC_WORDS, verbClass, type VerbClass,
} from './vocabulary.js';

const SUBCOMMAND = /^[A-Za-z][A-Za-z0-9]*(?:[-_:][A-Za-z0-9]+)*$/;
const MAX_PATH_WORDS = 4;
const SECRET_READ_VERBS = new Set(['get', 'read', 'show', 'cat', 'print', 'reveal', 'view', 'export', 'decrypt', 'value', 'values', 'fetch', 'download', 'dump', 'env', 'output', 'inject']);
/** Verbs that copy from a remote to here: whatever the remote, nothing there changes. */
/** Local verbs that copy out of a shared place or only set up this machine (`terraform init`, `gcloud auth login`). */
const COPIES_OUT = new Set(['dump', 'export', 'download', 'backup', 'snapshot', 'pull', 'clone', 'copy', 'cp', 'fetch', 'save', 'get', 'init', 'login', 'logout', 'auth', 'fmt', 'format', 'generate', 'gen', 'codegen', 'install', 'i', 'mkdir', 'touch', 'package', 'pack', 'bundle']);
/** Names that say an environment is shared, not someone's own dev box. */
const SHARED_PLACE = /stag|shared|qa|uat|preprod|test-env|integration/i;
/** Programs whose `run`/`create` takes an image and a command for a container: only the subcommand is theirs. */
const CONTAINER_RUN = /^(docker|podman|nerdctl|finch)$/;
/** An HTTP method given as an option (`az rest --method delete`, `curl -X PATCH`) is the verb. */
const METHOD_VERB: Readonly<Record<string, VerbClass>> = { delete: 'destroy', put: 'change', patch: 'change', post: 'change', get: 'read', head: 'read' };
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
  let optionBefore = false;
  for (const a of view.args) {
    if (a.startsWith('-')) { optionBefore = !a.includes('='); continue; }
    // `rabbitmqctl -n rabbit@mq-1 delete_queue`: a value that cannot be a subcommand belongs to the option before it.
    // (Any word right after an option is taken as its value: `kafka-topics --topic test-events` names no verb.)
    if (optionBefore) { optionBefore = false; continue; }
    if (!SUBCOMMAND.test(a) || out.length >= MAX_PATH_WORDS) break;
    out.push(a);
  }
  return out;
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
function readVerbs(words: readonly string[], pathWords: readonly string[] = words): Reading {
  let best: Reading = { words };
  for (const w of words) {
    const cls = verbClass(w);
    if (cls && (!best.cls || RANK[cls] > RANK[best.cls])) best = { cls, verb: w, words };
  }
  if (best.cls && best.cls !== 'destroy') {
    // The first or last path word, whole or by its first part (`list-recovery-points-by-backup-vault`).
    const ends = [pathWords[0], pathWords[pathWords.length - 1]].flatMap((w) => (w ? [w.toLowerCase(), splitWords(w)[0] ?? ''] : []));
    for (const w of ends) if (w && verbClass(w) === 'read' && !TOPIC_WORDS.has(w)) return { cls: 'read', verb: w, words };
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

/** Backup tools: whatever they delete or expire is a backup. */
const BACKUP_TOOLS = /^(pgbackrest|restic|borg|borgmatic|kopia|wal-g|wal-e|barman|velero|duplicity|duplicati|rdiff-backup|bacula|bconsole|tarsnap|rsnapshot|bup|zrepl|sanoid|syncoid)$/;
/** Schema and migration tools: their `clean` drops every object in the database (`flyway clean`, `liquibase dropAll`). */
const MIGRATION_TOOLS = /^(flyway|liquibase|sqitch|dbmate|atlas|goose|migrate|alembic|knex|sequelize|typeorm|drizzle-kit|prisma|diesel|sqlx|refinery|ecto|mix|bytebase|skeema|schemachange|yoyo|phinx)$/;
const SECRET_VALUES_FLAG = /^--?(show-secrets?|with-decryption|reveal|unmask(ed)?|show-values?|decrypt|plaintext)$/;

/** The finding for a command no rule recognised and the known-benign catalogue does not list. */
export function genericFinding(input: GenericInput): Finding {
  const { view } = input;
  const label = input.label ?? [view.program, ...subcommandPath(view)].join(' ');
  // `python -m build`: the module is what runs.
  const module = view.program.startsWith('python') ? view.value('-m') : undefined;
  const ownPath = module ? [module, ...view.positionals(['-m']).slice(0, 2)] : subcommandPath(view);
  const pathWords = input.pathWords ?? (CONTAINER_RUN.test(view.program) && /^(run|create)$/.test(ownPath[0] ?? '') ? ownPath.slice(0, 1) : ownPath);
  // Whole words first (`port-forward`, `ls-files`), then their parts (`delete-db-instance` → delete, db, instance).
  const words = [...new Set(pathWords.flatMap((w) => [w.toLowerCase(), ...splitWords(w)]))];
  const flagWords = view.args.filter((a) => a.startsWith('--') && !SELF_CLEANING_FLAG.test(a)).flatMap((a) => splitWords(a.replace(/=.*$/, '')).slice(0, 1));
  // `cp`, `mv`, `mkdir`: a program named by its verb.
  const method = view.value('--method', '-X', '--request', '-m')?.toLowerCase();
  const reading: Reading = method && METHOD_VERB[method]
    ? { cls: METHOD_VERB[method], verb: method.toUpperCase(), words }
    : readVerbs(words, pathWords).cls ? readVerbs(words, pathWords) : readVerbs(splitWords(view.program));
  const flagReading = readVerbs(flagWords);
  const asksPermission = words.some((w) => PERMISSION_QUERY.has(w));
  const args = view.args;
  const force = args.some((a) => FORCE_FLAG.test(a));
  const wide = args.some((a) => WIDE_FLAG.test(a));
  const noBackup = backupSwitchedOff(args) !== undefined;
  // A toolchain's own remove/clean touches what it installed; a script it runs (`npm run db:reset`) is another matter.
  const local = LOCAL_TOOLCHAINS.has(view.program) && !input.pathWords;
  const place = words.includes('local') ? 'local' : placeOf(view);
  const paths = sensitivePaths(view);
  const nouns = nounTags([...words, ...args.flatMap((a) => (a.startsWith('-') ? [] : splitWords(a)))]);
  const mentionsBackup = nouns.includes('backup') || noBackup || BACKUP_TOOLS.test(view.program);
  const hasResource = MIGRATION_TOOLS.test(view.program) || words.some((w) => DATA_NOUN.test(w)) || args.some((a) => !a.startsWith('-') && /[-_.:/]/.test(a));
  const env = place === 'production' ? 'production' : place === 'unverified' ? 'environment unverified' : place === 'local' ? 'this machine' : 'a non-production environment';
  const tags = new Set<Tag>(paths.tags);
  let cls = asksPermission ? 'read' : reading.cls;
  let verb = asksPermission ? words.find((w) => PERMISSION_QUERY.has(w)) : reading.verb;
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
  // A migration tool's revert or down drops what the migrations made.
  if (MIGRATION_TOOLS.test(view.program) && words.some((w) => /^(revert|rollback|down|undo|redo|reset|drop|dropall|drop-all)$/.test(w))) cls = 'destroy';
  if (cls === 'clean' && (place === 'production' || MIGRATION_TOOLS.test(view.program) || words.some((w) => /^(db|database|schema|jdbc|index|indices|indexes|table|tables|queue|queues|topic|bucket|cluster)$/.test(w)) || args.some((a) => /jdbc:|:\/\/.*@|^--?url/.test(a)))) cls = 'destroy';
  // `argocd app sync --prune` in production: the prune deletes live resources.
  if (cls === 'change' && args.some((a) => /^--(prune|delete|purge|force-delete)$/.test(a)) && (place === 'production' || place === 'unverified')) cls = 'destroy';
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

  // Secrets first: reading a secret's value prints it into the agent's transcript. A plural with get
  // (`kubectl get secrets`) lists them; a named secret or a value (`terraform output -raw db_password`) is printed.
  const operandWords = view.positionals().filter((a) => !/\s/.test(a)).flatMap((a) => splitWords(a));
  const secretWords = [...words, ...operandWords].filter((w) => SECRET_NOUN.test(w));
  const listing = words.some((w) => LISTING_VERBS.has(w)) || (words.includes('get') && words.some((w) => /^(secrets|credentials|tokens|passwords)$/.test(w)) && words.length <= 2);
  const reveals = args.some((a) => REVEAL_FLAG.test(a));
  if (secretWords.length && cls !== 'destroy' && !listing && !namesOnly(view.cmd.ctx.pipeline?.next) && (reveals || words.some((w) => SECRET_READ_VERBS.has(w)))) {
    return base('critical', `by its words (${pathWords.join(' ')}) it prints secret values into the agent's context`, 'read', ['secret-exposure', 'credential'], 'irreversible');
  }
  if (secretWords.length && listing && !reveals) return base('low', `by its words (${pathWords.join(' ')}) it lists names, not values`, 'read');
  // `pulumi stack output --show-secrets`: a flag that asks for secret values by name.
  const secretFlag = args.find((a) => SECRET_VALUES_FLAG.test(a));
  if (secretFlag && cls !== 'destroy' && !namesOnly(view.cmd.ctx.pipeline?.next)) {
    return base('critical', `${secretFlag} prints secret values into the agent's context`, 'read', ['secret-exposure', 'credential'], 'irreversible');
  }


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
      if (words.some((w) => /^(preview|channel|draft)$/.test(w))) return base('medium', `"${verb}" makes a preview, not the live service`, 'write');
      if (/^(publish|release)$/.test(verb ?? '')) return base('high', `"${verb}" publishes where others see it`, 'publish', ['shared-state']);
      return base('high', `"${verb}" deploys (${env})`, 'write', place === 'non-production' ? ['shared-state'] : []);
    }
    case 'change': {
      // `rclone sync ./backups b2:acme-backups`: a mirror deletes at its destination whatever the source lacks.
      if (mentionsBackup && (verb === 'sync' || args.some((a) => /expir|retention|lifecycle|disable/i.test(a)))) {
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
      // `doppler secrets set … --config stg`, `nomad job run` against a staging server: a change to shared state.
      // (Copying out of production, `pg_dump`, changes nothing there.)
      const sharedPlace = place === 'production' || (place === 'non-production' && [...placeIdentifiers(view), ...Object.values(view.ctx.env)].some((x) => SHARED_PLACE.test(x)));
      if (sharedPlace && !COPIES_OUT.has(verb ?? '')) return base('high', `"${verb}" changes shared state (${env})`, 'write', ['shared-state', ...nouns]);
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
  const pos = view.positionals();
  // `terraform help destroy`, `aws rds delete-db-instance help`.
  if ((pos[0] === 'help' || (pos.length >= 2 && pos.at(-1) === 'help')) && !LOCAL_SCRIPT_RUNNERS.has(view.program)) return 'shows help; runs nothing';
  const dry = own.find((a) => /^(--dry-?run|--what-?if|-WhatIf|--noop|--no-op|--simulate)(=(?!none$|false$|0$).*)?$/i.test(a));
  if (dry) return `a dry run (${dry}): changes nothing`;
  // `wal-g delete retain FULL 2` only lists what it would delete until `--confirm` is given.
  const confirm = CONFIRM_TO_DELETE[view.program];
  if (confirm && /^(delete|remove|purge)$/.test(pos[0] ?? '') && !own.some((a) => confirm.test(a))) return `lists what it would delete (${view.program} deletes only with its confirmation flag)`;
  // `az deployment group what-if`, `pulumi preview`-style subcommands that only show a change.
  const preview = pos.slice(0, 3).find((w) => /^(what-?if|whatif)$/i.test(w));
  if (preview) return `a preview (${preview}): changes nothing`;
  return undefined;
}

/** Programs whose delete subcommands are dry runs unless a flag confirms them (their documentation says so). */
const CONFIRM_TO_DELETE: Readonly<Record<string, RegExp>> = { 'wal-g': /^--confirm$/, 'wal-e': /^--confirm$/ };

/** Programs whose first word names a user's script (`npm run help` runs a script called help). */
const LOCAL_SCRIPT_RUNNERS: ReadonlySet<string> = new Set(['npm', 'pnpm', 'yarn', 'bun', 'make', 'just', 'task', 'rake']);
