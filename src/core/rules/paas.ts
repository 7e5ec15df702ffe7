// Rule family: paas. Hosting and database-platform CLIs: railway, fly, heroku, vercel, netlify,
// supabase, neonctl, pscale, wrangler, render, doctl, firebase and similar. Destroying apps,
// volumes, databases and projects is remote destructive (the engine escalates it when the linked
// environment is production or unverified); unsetting config and scaling to zero are recoverable
// outages; deploys are medium, and high when they explicitly target production.
import { flag, opt, parseArgs, type ParsedArgs } from '../cli-args.js';
import { classifyEnvironment } from '../environment.js';
import type { Finding, Reversibility, Risk, Tag, Target, TargetKind } from '../model.js';
import { classifyShellText } from '../snippet.js';
import { CommandView, type Rule } from './rule.js';

type Severity = 'data' | 'outage' | 'config';

interface Action {
  /** Slug for the rule id: `volume-delete`. */
  readonly slug: string;
  readonly severity: Severity;
  readonly what: string;
  readonly kind: TargetKind;
  readonly tags: readonly Tag[];
  readonly note?: string;
}

interface Tool {
  readonly id: string;
  readonly label: string;
  readonly programs: readonly string[];
  /** Options that take a value (so their values are not taken for sub-commands). */
  readonly values: ReadonlySet<string>;
  /** Options naming the app/project/environment: identifiers for environment verification. */
  readonly idOptions: readonly string[];
  /** Environment variables naming the target. */
  readonly idEnv?: readonly string[];
  /** Split `apps:destroy` into `apps destroy`. */
  readonly colon?: boolean;
  readonly classify: (words: readonly string[], p: ParsedArgs, v: CommandView) => Action | 'deploy' | 'prod-deploy' | 'mutation' | Finding | undefined;
}

const DATA_NOUNS: readonly [RegExp, TargetKind, Tag[]][] = [
  [/^(volumes?|vol|volume-snapshots?)$/, 'volume', ['volume', 'data-loss']],
  [/^(backups?|snapshots?|pg:backups)$/, 'resource', ['backup', 'data-loss']],
  [/^(db|dbs|database|databases|postgres|pg|mpg|mysql|redis|mongo|mongodb|d1|kv|kv-namespace|namespace|cluster|clusters|branch|branches|table|tables|firestore|store|stores)$/, 'database', ['database', 'data-loss']],
  [/^(r2|bucket|buckets|storage|blobs?|objects?|tigris)$/, 'bucket', ['data-loss']],
  [/^(projects?|apps?|sites?|environments?|env|services?|workers?|droplets?|servers?|instances?|machines?|spaces?|orgs?|organizations?|stacks?|deployments?|linodes?|vms?|vps|nodes?)$/, 'project', []],
];

function nounFor(words: readonly string[]): { kind: TargetKind; tags: Tag[]; word?: string } {
  for (const w of words) for (const [re, kind, tags] of DATA_NOUNS) if (re.test(w)) return { kind, tags, word: w };
  return { kind: 'resource', tags: [] };
}

const DESTROY = /^(delete|destroy|remove|rm|del|d|drop|purge|wipe|terminate|nuke|deprovision)$/;

function genericAction(words: readonly string[], toolDefaultNoun: string): Action | undefined {
  const at = words.findIndex((w) => DESTROY.test(w));
  if (at < 0) return undefined;
  // `d` and `rm` only count as a verb after a noun (doctl compute droplet d).
  if ((words[at] === 'd') && at === 0) return undefined;
  const before = words.slice(0, at);
  const n = nounFor(before.length ? before : [toolDefaultNoun]);
  const noun = n.word ?? before[before.length - 1] ?? toolDefaultNoun;
  if (/^(env|envs|secrets?|variables?|vars?|config|domains?|certs?|aliases?|dns|ips?|keys?|tokens?|members?|webhooks?|hooks?|logs?|functions?|crons?|triggers?|routes?|redirects?|tags?|labels?|ssh-keys?|invites?|collaborators?|access|roles?|passwords?)$/.test(noun)) {
    return { slug: `${noun}-${words[at]}`.replace(/-(rm|d|del)$/, '-delete'), severity: /^(domains?|dns|ips?|certs?|routes?)$/.test(noun) ? 'outage' : 'config', what: noun, kind: 'resource', tags: /^(domains?|dns|ips?|routes?)$/.test(noun) ? ['outage'] : [] };
  }
  const data = n.tags.includes('data-loss') || n.kind === 'project';
  return { slug: `${noun}-${words[at] === 'rm' || words[at] === 'd' || words[at] === 'del' ? 'delete' : words[at]}`, severity: data ? 'data' : 'outage', what: noun.replace(/s$/, ''), kind: n.kind, tags: [...n.tags, 'cloud-resource'] };
}

const set = (...xs: string[]): ReadonlySet<string> => new Set(xs);
const words = (pos: readonly string[], colon: boolean): string[] => (colon ? pos.flatMap((w) => (w.includes(':') && !w.includes('/') && !w.includes('=') ? w.split(':') : [w])) : [...pos]);

/** The inner command of `railway run …`, `heroku run …`, `fly ssh console -C …`, classified as text. */
function innerRun(v: CommandView, tool: string, text: string, remoteHost: boolean): Finding | undefined {
  const verdict = classifyShellText(text, { isCriticalRoot: (p) => !remoteHost && !/\$/.test(p) && v.isCriticalRoot(p) });
  if (!verdict) return undefined;
  const destructive = !!verdict.remoteDestructive || remoteHost;
  return {
    ruleId: `paas.${tool}.run`, risk: verdict.risk, effect: 'execute',
    summary: `runs "${text.slice(0, 100)}" ${remoteHost ? `on ${tool}'s servers` : `with ${tool}'s environment variables (its database URLs and secrets)`}, which ${verdict.what}`,
    tags: [...verdict.tags], reversibility: verdict.tags.includes('irreversible') ? 'irreversible' : 'recoverable',
    remote: destructive && verdict.risk !== 'low' ? { identifiers: [], destructive: true } : undefined,
  };
}

const afterWord = (v: CommandView, word: string): string[] => {
  const i = v.args.indexOf(word);
  if (i < 0) return [];
  const rest = v.args.slice(i + 1);
  return rest[0] === '--' ? rest.slice(1) : rest;
};

const TOOLS: readonly Tool[] = [
  {
    id: 'railway', label: 'Railway', programs: ['railway'], values: set('-e', '--environment', '-s', '--service', '-p', '--project', '--set', '-d', '--detach-keys', '-v', '--volume', '--json', '-m', '--message'),
    idOptions: ['-e', '--environment', '-s', '--service', '-p', '--project'], idEnv: ['RAILWAY_ENVIRONMENT', 'RAILWAY_ENVIRONMENT_NAME', 'RAILWAY_PROJECT_ID'],
    classify(w, p, v) {
      const [a, b] = w;
      if (a === 'run') return innerRun(v, 'railway', afterWord(v, 'run').join(' '), false);
      if (a === 'ssh') return afterWord(v, 'ssh').length ? innerRun(v, 'railway', afterWord(v, 'ssh').join(' '), true) : undefined;
      if (a === 'down') return { slug: 'down', severity: 'outage', what: 'latest deployment', kind: 'service', tags: ['outage', 'cloud-resource'], note: 'the service stops serving until it is redeployed' };
      if (a === 'delete') return { slug: 'project-delete', severity: 'data', what: 'project', kind: 'project', tags: ['cloud-resource', 'volume', 'backup', 'database', 'data-loss'], note: "Railway deletes the project's services, volumes and volume backups with it" };
      if ((a === 'volume' || a === 'volumes') && (b === 'delete' || b === 'remove' || b === 'rm')) return { slug: 'volume-delete', severity: 'data', what: 'volume', kind: 'volume', tags: ['volume', 'backup', 'data-loss', 'cloud-resource'], note: "Railway deletes the volume's backups with it" };
      if ((a === 'environment' || a === 'env') && (b === 'delete' || b === 'remove' || b === 'rm')) return { slug: 'environment-delete', severity: 'data', what: 'environment', kind: 'resource', tags: ['cloud-resource', 'volume', 'backup', 'data-loss'], note: "its services, volumes and their backups go with it" };
      if (a === 'service' && (b === 'delete' || b === 'remove')) return { slug: 'service-delete', severity: 'data', what: 'service', kind: 'service', tags: ['cloud-resource'] };
      if (a === 'variables' || a === 'vars' || a === 'variable') {
        if (b === 'delete' || b === 'remove' || b === 'rm' || flag(p, '--remove', '--delete')) return { slug: 'variables-delete', severity: 'config', what: 'variable', kind: 'resource', tags: [] };
        return flag(p, '--set') ? 'mutation' : undefined;
      }
      if (a === 'up' || a === 'deploy' || a === 'redeploy') return 'deploy';
      if (a === 'add' || a === 'domain' || a === 'scale' || a === 'restart') return 'mutation';
      return genericAction(w, 'project');
    },
  },
  {
    id: 'fly', label: 'Fly.io', programs: ['fly', 'flyctl'], values: set('-a', '--app', '-c', '--config', '-r', '--region', '-s', '--size', '--vm-size', '-i', '--image', '-C', '--command', '-o', '--org', '--strategy', '-e', '--env', '--machine', '--process-group', '--build-arg', '--dockerfile', '--count', '--vm-memory', '--label'),
    idOptions: ['-a', '--app', '-c', '--config', '-o', '--org'], idEnv: ['FLY_APP'],
    classify(w, p, v) {
      const [a, b] = w;
      if (a === 'ssh' && b === 'console') { const c = opt(p, '-C', '--command'); return c ? innerRun(v, 'fly', c, true) : undefined; }
      if (a === 'deploy' || (a === 'apps' && b === 'restart') || a === 'launch') return 'deploy';
      if (a === 'destroy' || (a === 'apps' && (b === 'destroy' || b === 'delete' || b === 'remove'))) return { slug: 'apps-destroy', severity: 'data', what: 'app', kind: 'service', tags: ['cloud-resource', 'volume', 'data-loss'], note: "its machines and volumes go with it" };
      if ((a === 'volumes' || a === 'volume' || a === 'vol') && /^(destroy|delete|remove|rm)$/.test(b ?? '')) return { slug: 'volumes-destroy', severity: 'data', what: 'volume', kind: 'volume', tags: ['volume', 'data-loss', 'cloud-resource'] };
      if ((a === 'postgres' || a === 'pg' || a === 'mpg' || a === 'redis' || a === 'mysql') && /^(destroy|delete|remove)$/.test(b ?? '')) return { slug: `${a}-destroy`, severity: 'data', what: `${a} database`, kind: 'database', tags: ['database', 'data-loss', 'cloud-resource'] };
      if ((a === 'machine' || a === 'machines' || a === 'm') && /^(destroy|remove|rm|delete)$/.test(b ?? '')) return { slug: 'machine-destroy', severity: 'outage', what: 'machine', kind: 'resource', tags: ['cloud-resource', 'outage'] };
      if (a === 'secrets' && b === 'unset') return { slug: 'secrets-unset', severity: 'config', what: 'secret', kind: 'resource', tags: [] };
      if (a === 'scale' && b === 'count' && w.slice(2).some((x) => /^(\w+=)?0$/.test(x))) return { slug: 'scale-zero', severity: 'outage', what: 'app', kind: 'service', tags: ['outage', 'cloud-resource'], note: 'scaled to zero machines' };
      if (a === 'secrets' && b === 'set' || a === 'scale' || a === 'ips' && b === 'allocate-v4') return 'mutation';
      return genericAction(w, 'app');
    },
  },
  {
    id: 'heroku', label: 'Heroku', programs: ['heroku'], values: set('-a', '--app', '-r', '--remote', '--confirm', '-t', '--team', '-s', '--size', '-e', '--env', '-x'), colon: true,
    idOptions: ['-a', '--app', '-r', '--remote'], idEnv: ['HEROKU_APP'],
    classify(w, p, v) {
      const [a, b] = w;
      if (a === 'run') return innerRun(v, 'heroku', v.positionals(['-a', '--app', '-r', '--remote', '-s', '--size', '-e', '--env', '-x']).slice(1).join(' '), true);
      if (a === 'pg' && b === 'psql') { const c = opt(p, '-c', '--command'); return c ? innerRun(v, 'heroku', c, true) : undefined; }
      if (a === 'destroy' || a === 'apps' && b === 'destroy') return { slug: 'apps-destroy', severity: 'data', what: 'app', kind: 'service', tags: ['cloud-resource', 'database', 'data-loss'], note: 'its add-ons, including Heroku Postgres databases, go with it' };
      if (a === 'pg' && b === 'reset') return { slug: 'pg-reset', severity: 'data', what: 'database', kind: 'database', tags: ['database', 'data-loss'], note: 'every table and row is deleted' };
      if (a === 'pg' && b === 'backups' && /^(delete|destroy)$/.test(w[2] ?? '')) return { slug: 'pg-backups-delete', severity: 'data', what: 'backup', kind: 'resource', tags: ['backup', 'database', 'data-loss'] };
      if (a === 'pg' && (b === 'kill' || b === 'killall')) return { slug: `pg-${b}`, severity: 'outage', what: 'database queries', kind: 'database', tags: ['database', 'outage'] };
      if (a === 'addons' && /^(destroy|remove|delete)$/.test(b ?? '')) return { slug: 'addons-destroy', severity: 'data', what: 'add-on', kind: 'resource', tags: ['cloud-resource', 'database', 'data-loss'], note: 'a database add-on takes its data with it' };
      if (a === 'ps' && b === 'scale' && w.slice(2).some((x) => /=0(:|$)/.test(x))) return { slug: 'ps-scale-zero', severity: 'outage', what: 'dynos', kind: 'service', tags: ['outage', 'cloud-resource'], note: 'scaled to zero dynos' };
      if (a === 'maintenance' && b === 'on') return { slug: 'maintenance-on', severity: 'outage', what: 'app', kind: 'service', tags: ['outage'] };
      if (a === 'config' && b === 'unset') return { slug: 'config-unset', severity: 'config', what: 'config var', kind: 'resource', tags: [] };
      if (a === 'releases' && b === 'rollback' || a === 'config' && b === 'set' || a === 'ps' && (b === 'scale' || b === 'restart') || a === 'pg' && b === 'promote') return 'mutation';
      return genericAction(w, 'app');
    },
  },
  {
    id: 'vercel', label: 'Vercel', programs: ['vercel', 'vc'], values: set('-t', '--token', '--scope', '-S', '-e', '--env', '-b', '--build-env', '-m', '--meta', '--cwd', '-A', '--local-config', '-Q', '--global-config', '--target', '--environment'),
    idOptions: ['--scope', '-S', '--target', '--environment'],
    classify(w, p) {
      const [a, b] = w;
      const prod = flag(p, '--prod', '--production') || opt(p, '--target', '--environment') === 'production';
      if (a === undefined || a === 'deploy' || a === '.' || a === 'redeploy') return prod ? 'prod-deploy' : 'deploy';
      if (a === 'promote' || a === 'rollback') return 'prod-deploy';
      if (a === 'remove' || a === 'rm') return { slug: 'remove', severity: 'data', what: 'deployments or project', kind: 'project', tags: ['cloud-resource', 'outage'], note: 'removing a project name removes all of its deployments' };
      if ((a === 'project' || a === 'projects') && /^(rm|remove)$/.test(b ?? '')) return { slug: 'project-remove', severity: 'data', what: 'project', kind: 'project', tags: ['cloud-resource', 'outage', 'data-loss'] };
      if (a === 'env' && /^(rm|remove)$/.test(b ?? '')) return { slug: 'env-remove', severity: 'config', what: 'environment variable', kind: 'resource', tags: [] };
      if (a === 'env' && b === 'add' || a === 'alias' && b === 'set' || a === 'domains' && b === 'add') return 'mutation';
      if (/^(build|dev|pull|ls|list|inspect|logs|whoami|login|link|env|domains|help|init|switch|teams|--version)$/.test(a) && !w.some((x) => /^(rm|remove)$/.test(x))) return undefined;
      // `vercel <path>` deploys that directory.
      if (!DESTROY.test(b ?? '') && w.length === 1 && !/^[a-z]+$/.test(a)) return prod ? 'prod-deploy' : 'deploy';
      return genericAction(w, 'project');
    },
  },
  {
    id: 'netlify', label: 'Netlify', programs: ['netlify', 'ntl'], values: set('-s', '--site', '-a', '--auth', '-d', '--dir', '-f', '--functions', '-m', '--message', '--alias', '--context', '--filter'), colon: true,
    idOptions: ['-s', '--site', '--context', '--alias'], idEnv: ['NETLIFY_SITE_ID'],
    classify(w, p) {
      const [a, b] = w;
      if (a === 'deploy') return flag(p, '--prod', '-p', '--prodIfUnlocked') ? 'prod-deploy' : 'deploy';
      if (a === 'sites' && /^(delete|remove)$/.test(b ?? '')) return { slug: 'sites-delete', severity: 'data', what: 'site', kind: 'service', tags: ['cloud-resource', 'outage', 'data-loss'] };
      if (a === 'env' && /^(unset|delete|rm)$/.test(b ?? '')) return { slug: 'env-unset', severity: 'config', what: 'environment variable', kind: 'resource', tags: [] };
      if (a === 'blobs' && /^(delete|rm)$/.test(b ?? '')) return { slug: 'blobs-delete', severity: 'data', what: 'blob', kind: 'bucket', tags: ['data-loss'] };
      if (a === 'env' && (b === 'set' || b === 'import')) return 'mutation';
      return genericAction(w, 'site');
    },
  },
  {
    id: 'supabase', label: 'Supabase', programs: ['supabase'], values: set('--project-ref', '--db-url', '-p', '--password', '--workdir', '--schema', '-s', '--version', '--org-id', '--region', '--file', '-f', '--experimental'),
    idOptions: ['--project-ref', '--db-url'], idEnv: ['SUPABASE_PROJECT_REF', 'SUPABASE_PROJECT_ID'],
    classify(w, p) {
      const [a, b] = w;
      const remote = flag(p, '--linked', '--db-url', '--project-ref');
      if (a === 'db' && b === 'reset') {
        if (!remote) return { ruleId: 'paas.supabase.db-reset-local', risk: 'medium', effect: 'delete', summary: 'resets the local Supabase database: every table is dropped and migrations re-applied', tags: ['database', 'data-loss'], reversibility: 'recoverable', alternatives: ['supabase db dump first if the local data matters'] };
        return { slug: 'db-reset', severity: 'data', what: 'database', kind: 'database', tags: ['database', 'data-loss'], note: 'the remote database is dropped and rebuilt from migrations' };
      }
      if (a === 'stop' && flag(p, '--no-backup')) return { ruleId: 'paas.supabase.stop-no-backup', risk: 'medium', effect: 'delete', summary: "stops the local Supabase stack and deletes its database volumes", tags: ['database', 'data-loss', 'volume'], reversibility: 'irreversible' };
      if (a === 'projects' && /^(delete|remove)$/.test(b ?? '')) return { slug: 'projects-delete', severity: 'data', what: 'project', kind: 'project', tags: ['cloud-resource', 'database', 'backup', 'data-loss'], note: "the project's database and backups go with it" };
      if (a === 'storage' && /^(rm|delete)$/.test(b ?? '')) return { slug: 'storage-rm', severity: 'data', what: 'storage objects', kind: 'bucket', tags: ['data-loss', ...(flag(p, '-r', '--recursive') ? ['recursive-delete' as Tag] : [])] };
      if (a === 'secrets' && /^(unset|delete)$/.test(b ?? '')) return { slug: 'secrets-unset', severity: 'config', what: 'secret', kind: 'resource', tags: [] };
      if (a === 'db' && b === 'push' || a === 'functions' && b === 'deploy' || a === 'secrets' && b === 'set' || a === 'migration' && b === 'repair' || a === 'config' && b === 'push') return 'deploy';
      return genericAction(w, 'project');
    },
  },
  {
    id: 'neon', label: 'Neon', programs: ['neonctl', 'neon'], values: set('--project-id', '--branch', '--org-id', '--api-key', '--output', '-o', '--context-file', '--parent', '--name', '--database', '--role', '--config-dir'),
    idOptions: ['--project-id', '--branch', '--context-file'],
    classify(w) {
      const [a, b] = w;
      if ((a === 'branches' || a === 'branch') && b === 'reset') return { slug: 'branches-reset', severity: 'data', what: 'branch', kind: 'branch', tags: ['database', 'data-loss'], note: "the branch's data is replaced by its parent's" };
      if ((a === 'branches' || a === 'branch') && b === 'restore') return { slug: 'branches-restore', severity: 'data', what: 'branch', kind: 'branch', tags: ['database', 'data-loss'], note: 'the branch is overwritten with another point in time' };
      if ((a === 'projects' || a === 'project') && /^(delete|remove)$/.test(b ?? '')) return { slug: 'projects-delete', severity: 'data', what: 'project', kind: 'project', tags: ['database', 'backup', 'data-loss', 'cloud-resource'], note: 'every branch and its history go with it' };
      if ((a === 'branches' || a === 'branch') && /^(delete|remove)$/.test(b ?? '')) return { slug: 'branches-delete', severity: 'data', what: 'branch', kind: 'branch', tags: ['database', 'data-loss'] };
      if ((a === 'databases' || a === 'database' || a === 'db') && /^(delete|remove)$/.test(b ?? '')) return { slug: 'databases-delete', severity: 'data', what: 'database', kind: 'database', tags: ['database', 'data-loss'] };
      return genericAction(w, 'project');
    },
  },
  {
    id: 'pscale', label: 'PlanetScale', programs: ['pscale'], values: set('--org', '--service-token', '--service-token-id', '--format', '-f', '--from', '--region'),
    idOptions: ['--org'],
    classify(w) {
      const [a, b] = w;
      if ((a === 'database' || a === 'db') && /^(delete|destroy)$/.test(b ?? '')) return { slug: 'database-delete', severity: 'data', what: 'database', kind: 'database', tags: ['database', 'backup', 'data-loss'], note: 'its branches and backups go with it' };
      if (a === 'branch' && /^(delete|destroy)$/.test(b ?? '')) return { slug: 'branch-delete', severity: 'data', what: 'branch', kind: 'branch', tags: ['database', 'data-loss'] };
      if (a === 'backup' && /^(delete|destroy)$/.test(b ?? '')) return { slug: 'backup-delete', severity: 'data', what: 'backup', kind: 'resource', tags: ['backup', 'database', 'data-loss'] };
      if (a === 'deploy-request' && (b === 'deploy' || b === 'apply') || a === 'branch' && b === 'promote') return 'deploy';
      return genericAction(w, 'database');
    },
  },
  {
    id: 'wrangler', label: 'Cloudflare', programs: ['wrangler'], values: set('-c', '--config', '-e', '--env', '--name', '--command', '--file', '--binding', '--namespace-id', '--preview-id', '--account-id', '--compatibility-date', '--persist-to', '--jurisdiction', '--project-name', '--branch'), colon: true,
    idOptions: ['-e', '--env', '--name', '--namespace-id', '--account-id', '--project-name'], idEnv: ['CLOUDFLARE_ACCOUNT_ID'],
    classify(w, p) {
      const [a, b, c] = w;
      if (a === 'deploy' || a === 'publish' || a === 'versions' && b === 'deploy' || a === 'pages' && b === 'deploy') return 'deploy';
      if (a === 'd1' && b === 'execute') {
        const sql = opt(p, '--command') ?? '';
        const verdict = sql ? classifyShellText(sql) : undefined;
        const remote = flag(p, '--remote');
        const db = w[2] ?? '?';
        if (!verdict?.remoteDestructive) return remote && /\b(INSERT|UPDATE|ALTER|CREATE)\b/i.test(sql) ? 'mutation' : opt(p, '--file') && remote ? { ruleId: 'paas.wrangler.d1-execute', risk: 'medium', effect: 'write', summary: `runs the SQL file ${opt(p, '--file')} against the remote D1 database ${db}`, tags: ['database'], reversibility: 'recoverable', remote: { identifiers: [db], destructive: false } } : undefined;
        if (!remote) return { ruleId: 'paas.wrangler.d1-execute-local', risk: 'medium', effect: 'delete', summary: `${verdict.what} on the local D1 database ${db}`, targets: [{ kind: 'database', name: db }], tags: ['database', 'data-loss'], reversibility: 'recoverable' };
        return { slug: 'd1-execute-destructive', severity: 'data', what: 'D1 database', kind: 'database', tags: ['database', 'data-loss'], note: `${verdict.what}` };
      }
      if (a === 'delete') return { slug: 'worker-delete', severity: 'outage', what: 'Worker', kind: 'service', tags: ['cloud-resource', 'outage'] };
      if (a === 'd1' && b === 'delete') return { slug: 'd1-delete', severity: 'data', what: 'D1 database', kind: 'database', tags: ['database', 'data-loss'] };
      if (a === 'r2' && b === 'bucket' && c === 'delete') return { slug: 'r2-bucket-delete', severity: 'data', what: 'R2 bucket', kind: 'bucket', tags: ['data-loss', 'cloud-resource'] };
      if (a === 'r2' && b === 'object' && c === 'delete') return { slug: 'r2-object-delete', severity: 'data', what: 'R2 object', kind: 'resource', tags: ['data-loss'] };
      if (a === 'kv' && (b === 'namespace' || b === 'bulk') && c === 'delete') return { slug: `kv-${b}-delete`, severity: 'data', what: b === 'bulk' ? 'KV keys' : 'KV namespace', kind: 'database', tags: ['database', 'data-loss'] };
      if (a === 'kv' && b === 'key' && c === 'delete') return { slug: 'kv-key-delete', severity: 'config', what: 'KV key', kind: 'resource', tags: ['data-loss'] };
      if (a === 'secret' && b === 'delete') return { slug: 'secret-delete', severity: 'config', what: 'secret', kind: 'resource', tags: [] };
      if (a === 'secret' && b === 'put' || a === 'kv' && b === 'key' && c === 'put' || a === 'd1' && b === 'migrations' && c === 'apply' && flag(p, '--remote')) return 'mutation';
      return genericAction(w, 'worker');
    },
  },
  {
    id: 'doctl', label: 'DigitalOcean', programs: ['doctl'], values: set('-t', '--access-token', '--context', '-o', '--output', '--format', '--region', '--size', '--image', '--tag-name', '--project-id'),
    idOptions: ['--context', '--project-id'],
    classify(w) {
      if (w.some((x) => /^(delete|rm|d|del|destroy)$/.test(x)) && w.length >= 2) {
        const act = genericAction(w.map((x) => (x === 'd' || x === 'del' ? 'delete' : x)), 'resource');
        if (act && w.includes('databases') && !w.includes('db') && !w.includes('pool') && !w.includes('user')) return { ...act, slug: 'databases-delete', what: 'database cluster', kind: 'database', tags: ['database', 'backup', 'data-loss', 'cloud-resource'], note: 'its backups go with it' };
        if (act && (w.includes('kubernetes') || w.includes('k8s'))) return { ...act, kind: 'cluster', tags: [...act.tags, 'kubernetes'] };
        return act;
      }
      if (w.includes('create') || w.includes('update') || w.includes('resize')) return 'mutation';
      return undefined;
    },
  },
  {
    id: 'firebase', label: 'Firebase', programs: ['firebase'], values: set('-P', '--project', '--token', '--only', '--except', '--instance', '--database', '-m', '--message'), colon: true,
    idOptions: ['-P', '--project'], idEnv: ['FIREBASE_PROJECT', 'GCLOUD_PROJECT'],
    classify(w, p) {
      const [a, b] = w;
      if (a === 'deploy') return 'deploy';
      if (a === 'firestore' && b === 'delete') return { slug: 'firestore-delete', severity: 'data', what: flag(p, '--all-collections') ? 'Firestore data (every collection)' : 'Firestore documents', kind: 'database', tags: ['database', 'data-loss', ...(flag(p, '-r', '--recursive', '--all-collections') ? ['recursive-delete' as Tag] : [])] };
      if (a === 'database' && b === 'remove') return { slug: 'database-remove', severity: 'data', what: 'Realtime Database path', kind: 'database', tags: ['database', 'data-loss'] };
      if (a === 'database' && (b === 'set' || b === 'update')) return 'mutation';
      if (a === 'hosting' && b === 'disable') return { slug: 'hosting-disable', severity: 'outage', what: 'hosting site', kind: 'service', tags: ['outage'] };
      if (a === 'functions' && b === 'delete') return { slug: 'functions-delete', severity: 'outage', what: 'function', kind: 'service', tags: ['outage', 'cloud-resource'] };
      return genericAction(w, 'project');
    },
  },
  {
    id: 'render', label: 'Render', programs: ['render'], values: set('-o', '--output', '--confirm'), idOptions: [],
    classify(w) {
      if (w.includes('deploys') && w.includes('create')) return 'deploy';
      return genericAction(w, 'service');
    },
  },
  {
    id: 'serverless', label: 'Serverless', programs: ['serverless', 'sls'], values: set('-s', '--stage', '-r', '--region', '--aws-profile', '-c', '--config', '-f', '--function'),
    idOptions: ['-s', '--stage', '--aws-profile', '-r', '--region'],
    classify(w) {
      if (w[0] === 'remove') return { slug: 'remove', severity: 'data', what: 'service stack', kind: 'service', tags: ['cloud-resource', 'infrastructure', 'data-loss'], note: 'every resource in its CloudFormation stack is deleted' };
      if (w[0] === 'deploy') return 'deploy';
      return undefined;
    },
  },
  {
    id: 'cf', label: 'Cloud Foundry', programs: ['cf'], values: set('-o', '-s', '-f', '-p', '-i', '-m', '-k'), idOptions: ['-o', '-s'],
    classify(w) {
      const a = w[0] ?? '';
      if (/^delete(-service|-space|-org|-route|-orphaned-routes|-service-key|-buildpack)?$/.test(a)) return { slug: a, severity: /service|space|org/.test(a) || a === 'delete' ? 'data' : 'outage', what: a.replace(/^delete-?/, '') || 'app', kind: 'service', tags: ['cloud-resource', ...(/service/.test(a) ? ['database' as Tag] : [])] };
      if (a === 'push') return 'deploy';
      return undefined;
    },
  },
  {
    id: 'misc', label: 'the provider', programs: ['turso', 'atlas', 'koyeb', 'hcloud', 'linode-cli', 'vultr-cli', 'scw', 'oci', 'ibmcloud', 'civo', 'upsun', 'platform', 'northflank', 'dokku', 'kamal', 'eb', 'copilot', 'amplify', 'sam', 'exoscale', 'upcloud', 'aiven', 'avn', 'railway-cli', 'porter', 'qovery', 'zeabur', 'coolify', 'appwrite', 'convex', 'planetscale', 'xata', 'mongocli', 'astra', 'tidbcloud'],
    values: set('--org', '--project', '-p', '--region', '--profile', '-a', '--app', '-e', '--env', '--environment', '--output', '-o', '--token'), colon: true,
    idOptions: ['--project', '-p', '--app', '-a', '-e', '--env', '--environment', '--profile', '--org'],
    classify(w, p, v) {
      if (v.program === 'eb' && w[0] === 'terminate') return { slug: 'terminate', severity: 'data', what: 'environment', kind: 'service', tags: ['cloud-resource', 'database', 'data-loss'] };
      if (v.program === 'kamal' && w[0] === 'remove') return { slug: 'remove', severity: 'data', what: 'app and accessories', kind: 'service', tags: ['cloud-resource', 'database', 'data-loss'] };
      if (v.program === 'turso' && (w[0] === 'db' || w[0] === 'group') && /^(destroy|delete)$/.test(w[1] ?? '')) return { slug: `${w[0]}-destroy`, severity: 'data', what: 'database', kind: 'database', tags: ['database', 'data-loss'] };
      if ((v.program === 'avn' || v.program === 'aiven') && w.includes('terminate')) return { slug: 'service-terminate', severity: 'data', what: 'service', kind: 'database', tags: ['database', 'backup', 'data-loss'] };
      const act = genericAction(w, 'resource');
      if (act) return act;
      if (w.includes('deploy')) return 'deploy';
      return undefined;
    },
  },
];

/** Words that are part of a command path rather than the names it acts on. */
const COMMAND_WORD = /^(delete|destroy|remove|rm|del|d|drop|purge|wipe|terminate|reset|restore|unset|down|execute|disable|kill|killall|on|count|scale|nuke|deprovision|[a-z0-9-]+:[a-z0-9:-]+)$/;

const CONFIRM_BYPASS = ['--yes', '-y', '--force', '-f', '--confirm', '--auto-confirm', '--skip-confirmation', '--no-confirm', '--non-interactive', '--quiet', '-q', '--assume-yes'];

function check(tool: Tool, v: CommandView): Finding | undefined {
  const p = parseArgs(v.args, { values: tool.values });
  const w = words(p.positionals, !!tool.colon).map((x) => x.toLowerCase());
  const res = tool.classify(w, p, v);
  if (!res) return undefined;
  if (typeof res === 'object' && 'ruleId' in res) return res;
  const ids: string[] = [];
  for (const o of tool.idOptions) { const val = opt(p, o); if (val) ids.push(val); }
  for (const e of tool.idEnv ?? []) { const val = v.env(e); if (val) ids.push(val); }
  const bypass = CONFIRM_BYPASS.some((f) => f.length === 2 ? p.flags.has(f) : flag(p, f));
  const ident = ids.length ? ` (${ids.join(', ')})` : '';
  if (res === 'deploy' || res === 'prod-deploy' || res === 'mutation') {
    const verdict = classifyEnvironment(ids, v.ctx, [v.ctx.linkedEnvironment ?? '']).verdict;
    const prod = res === 'prod-deploy' || (res === 'deploy' && verdict === 'production');
    const verb = res === 'mutation' ? 'changes' : 'deploys to';
    const risk: Risk = prod ? 'high' : 'medium';
    return {
      ruleId: `paas.${tool.id}.${res === 'mutation' ? 'mutation' : 'deploy'}`, risk, effect: 'publish',
      summary: `${verb} ${tool.label}${prod ? ' production' : ''}${ident}: ${v.source.slice(0, 80)}`,
      targets: ids.map((i) => ({ kind: 'project', name: i })), reversibility: 'recoverable',
      tags: [...(prod ? ['production' as Tag] : []), ...(bypass ? ['confirmation-bypass' as Tag] : [])],
      remote: prod ? { identifiers: [...ids, 'production'], destructive: false } : undefined,
      alternatives: prod ? ['Deploy to a preview or staging environment first and promote it after checking'] : undefined,
    };
  }
  const act = res;
  let last = -1;
  p.positionals.forEach((x, i) => { if (COMMAND_WORD.test(x.toLowerCase()) && i < 4) last = i; });
  const names = p.positionals.slice(last + 1).filter((x) => !x.startsWith('-'));
  const objects = names.slice(0, 3);
  const targets: Target[] = [...objects.map((n) => ({ kind: act.kind, name: n }) as Target), ...ids.map((i) => ({ kind: 'project', name: i }) as Target)];
  const data = act.severity === 'data';
  const risk: Risk = data ? 'high' : 'medium';
  const reversibility: Reversibility = data ? 'irreversible' : 'recoverable';
  const tags = new Set<Tag>([...act.tags, ...(data ? ['irreversible', 'data-loss'] as Tag[] : []), ...(bypass ? ['confirmation-bypass' as Tag] : [])]);
  if (act.severity === 'outage') tags.add('outage');
  return {
    ruleId: `paas.${tool.id}.${act.slug}`, risk, effect: 'delete',
    summary: `${data ? 'deletes' : act.severity === 'outage' ? 'takes down' : 'removes'} ${tool.label.startsWith('the ') ? '' : 'the '}${tool.label} ${act.what}${objects.length ? ` ${objects.join(', ')}` : ''}${ident}${act.note ? `; ${act.note}` : ''}${bypass ? ', without a confirmation prompt' : ''}`,
    targets, reversibility, tags: [...tags],
    remote: { identifiers: [...objects, ...ids], destructive: true },
    alternatives: [`Check which ${tool.label} environment this is linked to first (status / link), and back up the data`],
  };
}

const BY_PROGRAM = new Map<string, Tool>(TOOLS.flatMap((t) => t.programs.map((p) => [p, t] as const)));
/** npm package names whose binary is one of the tools. */
const PACKAGES: Record<string, string> = { '@railway/cli': 'railway', 'netlify-cli': 'netlify', 'firebase-tools': 'firebase', '@planetscale/cli': 'pscale', 'flyctl': 'fly' };
const RUNNER_VALUES = new Set(['-p', '--package', '-c', '--call', '--cache', '--prefix', '--registry', '--userconfig', '-w', '--workspace', '--filter', '-F']);

/** `npx wrangler …`, `bunx vercel …`, `pnpm dlx supabase …`, `npm exec -- netlify …`: checked as the tool itself. */
function viaRunner(v: CommandView): Finding | undefined {
  const args = v.cmd.args;
  let i = 0;
  if (v.program === 'pnpm' || v.program === 'yarn' || v.program === 'npm') {
    while (i < args.length && args[i]!.text.startsWith('-')) i++;
    if (!/^(dlx|exec|x)$/.test(args[i]?.text ?? '')) return undefined;
    i++;
  }
  while (i < args.length) {
    const a = args[i]!.text;
    if (a === '--') { i++; break; }
    if (!a.startsWith('-')) break;
    i += RUNNER_VALUES.has(a) ? 2 : 1;
  }
  const name = args[i]?.text.replace(/(.)@[^/]*$/, '$1');
  if (!name) return undefined;
  const program = PACKAGES[name] ?? name;
  const tool = BY_PROGRAM.get(program);
  if (!tool) return undefined;
  const inner = new CommandView({ ...v.cmd, program, args: args.slice(i + 1) }, v.ctx);
  return check(tool, inner);
}

export const rules: readonly Rule[] = [
  ...TOOLS.map((tool) => ({
    id: `paas.${tool.id}`,
    programs: tool.programs,
    description: `${tool.label} CLI: destroying apps, volumes, databases and projects; unsetting config; scaling to zero; deploys`,
    check: (v: CommandView) => check(tool, v),
  })),
  { id: 'paas.runner', programs: ['npx', 'bunx', 'pnpx', 'pnpm', 'yarn', 'npm'], description: 'PaaS CLIs run through npx, bunx, pnpm dlx, yarn dlx or npm exec', check: viaRunner },
];
