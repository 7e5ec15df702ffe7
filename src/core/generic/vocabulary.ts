// The words a command line uses to say what it does, for programs and subcommands no rule models.
// One home for verbs, resource nouns and flags: the generic analysis (./analyse.ts), GraphQL fields
// (../graphql.ts) and script names (`npm run db:reset`) all read them from here.

/** What a verb does to its object, in rising order of harm. */
export type VerbClass = 'read' | 'session' | 'local' | 'clean' | 'change' | 'ship' | 'outage' | 'restart' | 'destroy';

const TABLE: Readonly<Record<VerbClass, readonly string[]>> = {
  // Reads, or nothing persists.
  read: [
    'get', 'list', 'ls', 'describe', 'show', 'status', 'view', 'info', 'inspect', 'logs', 'log', 'cat', 'read',
    'print', 'version', 'help', 'whoami', 'search', 'find', 'top', 'diff', 'plan', 'check', 'validate', 'lint',
    'test', 'tests', 'spec', 'build', 'compile', 'doctor', 'explain', 'history', 'tail', 'ping', 'health',
    'healthcheck', 'outdated', 'audit', 'preview', 'query', 'count', 'stats', 'stat', 'verify', 'lookup', 'which',
    'current', 'tree', 'graph', 'env', 'config', 'context', 'docs', 'open', 'watch', 'dev', 'serve', 'typecheck',
    'render', 'template', 'dry', 'estimate', 'completion', 'completions', 'man', 'usage', 'about', 'changelog',
    'license', 'whatif', 'what-if', 'benchmark', 'bench', 'profile', 'analyze', 'analyse', 'report', 'ci',
    'fetch', 'ps', 'images', 'blame', 'synth', 'studio', 'start', 'emulators', 'port-forward', 'proxy', 'tunnel', 'attach',
    'shortlog', 'reflog-show', 'ls-files', 'ls-remote', 'rev-parse', 'cat-file', 'whatchanged', 'grep', 'schema',
  ],
  // Opens a session on something: what it does depends on what is sent (judged by the payload, if any).
  session: ['shell', 'console', 'repl', 'connect', 'sql', 'psql', 'mysql', 'query-shell', 'exec-sql', 'cli'],
  // Reversible changes on this machine: installs, edits, generated files, local state.
  local: [
    'add', 'create', 'new', 'init', 'install', 'i', 'generate', 'gen', 'scaffold', 'format', 'fmt', 'fix', 'edit',
    'write', 'set', 'update', 'upgrade', 'bump', 'commit', 'stash', 'checkout', 'switch', 'use', 'link', 'unlink',
    'login', 'logout', 'auth', 'configure', 'setup', 'bootstrap', 'seed', 'dump', 'export', 'import', 'download', 'makemigrations',
    'pull', 'clone', 'copy', 'cp', 'move', 'mv', 'rename', 'run', 'exec', 'up', 'bundle', 'pack',
    'package', 'prepare', 'rebuild', 'backup', 'snapshot', 'tag', 'lock', 'unlock', 'enable', 'mount',
    'save', 'load', 'codegen', 'patch', 'mkdir', 'touch', 'ln', 'install', 'chmod', 'unzip', 'untar', 'extract',
  ],
  // Removes what can be regenerated: build output, caches.
  clean: ['clean', 'clear', 'clean-cache', 'cache-clean', 'distclean', 'clobber', 'tidy', 'gc', 'vacuum'],
  // Changes shared state or configuration.
  change: [
    'apply', 'migrate', 'migration', 'merge', 'revert', 'rollback', 'restore', 'promote', 'grant', 'assign',
    'rotate', 'sync', 'push', 'upload', 'put', 'send', 'invoke', 'trigger', 'dispatch', 'execute', 'modify',
    'alter', 'replace', 'override', 'overwrite', 'import-prod', 'resize', 'transfer', 'cutover', 'failover',
    'switchover', 'rekey', 'reindex', 'reconcile', 'scp', 'sftp',
  ],
  // Publishes or deploys to where others see it.
  ship: ['deploy', 'release', 'publish', 'ship', 'rollout', 'provision', 'launch', 'activate', 'go-live'],
  // Takes something down or stops it serving.
  outage: [
    'stop', 'disable', 'suspend', 'pause', 'shutdown', 'halt', 'cordon', 'drain', 'block', 'deactivate', 'freeze',
    'maintenance', 'offline', 'scale', 'kill', 'down', 'detach', 'unmount', 'umount', 'isolate', 'quarantine',
  ],
  restart: ['restart', 'reboot', 'reload', 'redeploy', 'recycle', 'bounce', 'cycle'],
  // Destroys data or resources.
  destroy: [
    'delete', 'del', 'destroy', 'drop', 'dropall', 'purge', 'remove', 'rm', 'rmi', 'rb', 'rmdir', 'erase', 'wipe',
    'nuke', 'truncate', 'flush', 'flushall', 'flushdb', 'terminate', 'prune', 'reset', 'revoke', 'unpublish',
    'yank', 'deprovision', 'decommission', 'teardown', 'uninstall', 'unregister', 'deregister', 'expire',
    'forget', 'evict', 'discard', 'obliterate', 'shred', 'zap', 'scrub', 'kill-all', 'clear-all', 'delete-all',
    'reset-all', 'unset', 'retire', 'cancel', 'abandon', 'archive', 'unlink-all', 'cleanup', 'clean-up', 'fresh',
    'refresh-db', 'rollback-all',
  ],
};

/** Words that ask whether something is allowed (`auth can-i delete`, `simulate-principal-policy`): the verbs after them are only asked about. */
export const PERMISSION_QUERY: ReadonlySet<string> = new Set(['can-i', 'simulate', 'simulate-principal-policy', 'simulate-custom-policy', 'test-iam-permissions', 'check-access', 'testiampermissions', 'troubleshoot', 'policy-simulator', 'whoami']);

/** Read words that name a topic (`acmectl config`): they read when alone, but `config set` is the set. */
export const TOPIC_WORDS: ReadonlySet<string> = new Set(['config', 'context', 'env', 'tree', 'graph', 'docs', 'current', 'schema', 'profile', 'history', 'template']);

const CLASS_OF = new Map<string, VerbClass>();
for (const [cls, words] of Object.entries(TABLE) as [VerbClass, readonly string[]][]) for (const w of words) CLASS_OF.set(w, cls);

export const RANK: Readonly<Record<VerbClass, number>> = { read: 0, session: 1, local: 1, clean: 2, change: 3, ship: 4, restart: 5, outage: 6, destroy: 7 };

/** Verbs that destroy, for GraphQL fields and API paths (`volumeDelete`, `deleteRepository`). */
export const DESTRUCTIVE_VERBS: ReadonlySet<string> = new Set(TABLE.destroy.filter((w) => !['unset', 'cancel', 'archive', 'fresh', 'forget', 'expire', 'evict'].includes(w)));

/**
 * Verbs that can make an unknown command high or critical: the terminal guards ask the gate about any line that
 * holds one as a word or a part of one (`cluster destroy`, `db:reset`, `delete-table`).
 */
export const RISKY_VERBS: readonly string[] = (['destroy', 'outage', 'restart', 'ship', 'change'] as const).flatMap((c) => TABLE[c]);

export const verbClass = (word: string): VerbClass | undefined => CLASS_OF.get(word.toLowerCase());

/** `delete-db-instance` → delete, db, instance; `dropAll` → drop, all; `db:reset` → db, reset. */
export function splitWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** Resource nouns: what a destroy verb would take away. */
export const BACKUP_NOUN = /^(backups?|snapshots?|snaps|recovery|restore-points?|pitr|point-in-time|retention|archives?|dumps?|replicas?|versions|versioning|vaults?|recovery-points?|wal)$/;
export const DATA_NOUN = /^(db|dbs|database|databases|table|tables|collection|collections|index|indices|indexes|bucket|buckets|volume|volumes|disk|disks|cluster|clusters|namespace|namespaces|project|projects|app|apps|application|applications|stack|stacks|environment|environments|env|envs|topic|topics|queue|queues|stream|streams|keyspace|keyspaces|schema|schemas|instance|instances|service|services|deployment|deployments|function|functions|repo|repos|repository|repositories|org|organization|account|accounts|tenant|tenants|site|sites|domain|domains|zone|zones|store|stores|kv|keys|data|rows|records|documents|objects|users|secrets?|branch|branches|workspace|workspaces|node|nodes|pool|pools|server|servers|machine|machines|vm|vms|storage|files|tables|migrations|all|everything|prod|production)$/;
export const SECRET_NOUN = /^(secrets?|passwords?|passwd|tokens?|credentials?|creds|apikeys?|dotenv)$/;

/** Flags that reveal secret values instead of masking them. */
export const REVEAL_FLAG = /^--?(reveal|plain|raw|show-secrets?|with-decryption|decrypt|unmask|unmasked|show-values?|values?|insecure-show|export|no-mask|expose|print-values?|format[= ]?(?:env|dotenv|json))$/;
/** Flags that widen a destructive operation or skip its confirmation. */
// Long forms only (and -y): short flags mean different things in every tool (`-f FILE`, `-a APP`, `-r REGION`).
export const FORCE_FLAG = /^(--force|--yes|-y|--assume-yes|--no-confirm|--noconfirm|--confirm|--auto-approve|-auto-approve|--non-interactive|--noinput|--no-input|--skip-confirmation|--i-am-sure|--really)(=.*)?$/;
export const WIDE_FLAG = /^(--prefix|--from-key|--all|--recursive|--cascade|--purge|--prune|--everything|--all-namespaces|--hard|--permanent|--permanently|--delete-data|--delete-volumes|--with-data|--include-data|--drop|--wipe)(=.*)?$/;
/** Flags that name a destroy verb but only tidy up after the command itself (`docker run --rm`). */
export const SELF_CLEANING_FLAG = /^--(rm|remove-orphans|delete-after|rmi|clean-cache|prune-empty)(=.*)?$/;
export const NO_BACKUP_FLAG = /^(--no-backups?|--skip-backups?|--skip-final-snapshot|--delete-automated-backups|--no-snapshot|--skip-snapshot|--no-final-snapshot|--delete-backups?|--delete-snapshots?|--purge-backups?|--no-deletion-protection|--disable-deletion-protection|--no-(enable-)?pitr|--disable-pitr|--no-(enable-)?point-in-time-recovery|--disable-point-in-time-recovery)$/;
/** Options whose value, when 0 / false / off, switches a backup or protection off (`--retention-days 0`, `--pitr=false`). */
const BACKUP_SETTING = /^--?((backup-)?retention(-days|-period|-in-days)?|backup-retention-period|soft-delete(-feature-state|-state)?|versioning|keep-(latest|last|hourly|daily|weekly|monthly|yearly|annual)|(enable-)?(pitr|point-in-time-recovery|deletion-protection|automated-backups|backups?))$/i;
const OFF_VALUE = /^(0+|false|off|disabled?|no|none|suspended)$/i;
/** Settings inside structured values: `PointInTimeRecoveryEnabled=false`, `Status=Suspended` (versioning), `DeletionProtection=false`. */
const EMBEDDED_OFF = /\b(PointInTimeRecoveryEnabled|DeletionProtection|BackupRetentionPeriod|SoftDelete\w*|Status)\s*[=:]\s*"?(false|0|Suspended|Disabled?)\b/i;

/** The option that switches backups, retention, point-in-time recovery or deletion protection off, if any. */
export function backupSwitchedOff(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (NO_BACKUP_FLAG.test(a)) return a;
    const eq = a.indexOf('=');
    const [name, value] = eq > 0 ? [a.slice(0, eq), a.slice(eq + 1)] : [a, args[i + 1]];
    if (BACKUP_SETTING.test(name) && value !== undefined && OFF_VALUE.test(value)) return eq > 0 ? a : `${a} ${value}`;
    const embedded = EMBEDDED_OFF.exec(a);
    // (`Status=Suspended` only counts for versioning; the others are named.)
    if (embedded && (!/^status$/i.test(embedded[1]!) || args.some((x) => /versioning/i.test(x)))) return embedded[0];
  }
  return undefined;
}
export const CHECK_FLAG = /^(--?check|--diff|--list-different|--verify)$/;
export const HELP_FLAG = /^(--help|-h|-help|--usage|-\?|\/\?)$/;
