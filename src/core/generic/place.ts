// Where a command acts, as the line and its context show it: the names and URLs it gives, the options that
// name an environment, and the variables tools read (DATABASE_URL, NODE_ENV, VAULT_ADDR…). Used by the generic
// analysis and by the code scanner for SDK and ORM calls.
import type { AssessContext } from '../context.js';
import { classifyEnvironment, hostOf, LOCAL_CLUSTER } from '../environment.js';
import type { EnvironmentVerdict } from '../model.js';
import type { CommandView } from '../rules/rule.js';

/** Options whose values name where a command acts. */
const PLACE_OPTION = /^--?(env|environment|stage|e|config|configFiles|config-file|configfile|conf|defaultsFile|defaults-file|profile|context|kube-context|project|project-id|app|a|cluster|namespace|n|url|database-url|db-url|db|database|d|endpoint|host|h|target|t|region|account|org|site|service|s|branch|instance|stack|workspace|w|remote|server|connection|conn|uri|dsn)$/;
/** Environment variables that say which environment a tool acts on. */
const PLACE_VARIABLES = [
  'NODE_ENV', 'RAILS_ENV', 'RACK_ENV', 'APP_ENV', 'FLASK_ENV', 'MIX_ENV', 'DJANGO_SETTINGS_MODULE', 'ENVIRONMENT', 'ENV',
  'STAGE', 'DEPLOY_ENV', 'TARGET_ENV', 'DATABASE_URL', 'DB_HOST', 'DB_URL', 'PGHOST', 'PGDATABASE', 'MYSQL_HOST',
  'MONGODB_URI', 'MONGO_URL', 'MONGO_URI', 'REDIS_URL', 'AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'CLOUDSDK_CORE_PROJECT',
  'GOOGLE_CLOUD_PROJECT', 'AZURE_SUBSCRIPTION', 'TF_WORKSPACE', 'PULUMI_STACK', 'SUPABASE_PROJECT_REF',
];
const SERVER_VARIABLE = /_(ADDR|HTTP_ADDR|HOST|HOSTS|URL|URI|ENDPOINT|ENDPOINTS|BROKERS|SERVER|SERVERS|ADDRESS)$/;

export function placeIdentifiers(view: CommandView): string[] {
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
  // Names on the line that say where (`prod-db`, `acme-staging`) and URLs or hosts (`postgres://…@db…`, `deploy@host:`);
  // not file names that merely contain `dev` (`requirements-dev.txt`).
  for (const a of view.positionals()) if (/prod|stag|live/i.test(a) || /^(?:jdbc:|db:)?[a-z][\w+.-]*:\/\/|^[\w.-]+@[\w.-]+/i.test(a)) out.push(a);
  return out;
}

function ambientPlace(view: CommandView, ctx: AssessContext): string[] {
  const out: string[] = [];
  for (const name of PLACE_VARIABLES) {
    const v = view.env(name);
    if (v) out.push(v);
  }
  for (const v of [ctx.kubeContext, ctx.terraformWorkspace, ctx.cloudProfile, ctx.linkedEnvironment]) if (v) out.push(v);
  // Tools' own server variables: VAULT_ADDR, CONSUL_HTTP_ADDR, NOMAD_ADDR, ELASTICSEARCH_URL, KAFKA_BROKERS…
  for (const [name, value] of Object.entries(ctx.env)) if (SERVER_VARIABLE.test(name) && value) out.push(value);
  return out;
}

const LOCAL_HOST = /^(localhost|127\.\d+\.\d+\.\d+|::1|\[::1\]|0\.0\.0\.0|host\.docker\.internal|[a-z0-9-]+\.local(host)?)$/i;

/**
 * Where the command acts: production, non-production, this machine, or unverified. What the line names decides
 * first; then a context that points at this machine (a localhost DATABASE_URL, a kind cluster); then the rest.
 */
export function placeOf(view: CommandView): EnvironmentVerdict {
  const named = placeIdentifiers(view);
  if (named.some((n) => /^(local|localhost)$/i.test(n))) return 'local';
  const own = classifyEnvironment(named, view.ctx, []).verdict;
  if (own !== 'unverified') return own;
  const ambient = ambientPlace(view, view.ctx);
  const urls = ambient.filter((v) => /^[a-z][a-z0-9+.-]*:\/\//i.test(v) || /^[\w.-]+:\d+$/.test(v));
  if (urls.length && urls.every((u) => LOCAL_HOST.test(hostOf(u).replace(/:\d+$/, '')))) return 'local';
  if (ambient.some((a) => LOCAL_CLUSTER.test(a)) && !ambient.some((a) => /prod|live/i.test(a))) return 'local';
  const verdict = classifyEnvironment([], view.ctx, ambient).verdict;
  if (verdict !== 'unverified') return verdict;
  if (/^(development|dev|local|test)$/i.test(view.env('NODE_ENV') ?? view.env('RAILS_ENV') ?? view.env('APP_ENV') ?? '')) return 'non-production';
  return 'unverified';
}
