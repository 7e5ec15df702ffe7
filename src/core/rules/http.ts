// Rule family: http. Raw HTTP calls (curl, wget, HTTPie/xh, Invoke-WebRequest): GraphQL mutations
// that delete things (the PocketOS request: Railway's `volumeDelete`), REST DELETEs and mutations
// against provider APIs, and downloads written to disk.
import { classifyEnvironment } from '../environment.js';
import { fileNote, noteFile } from '../flow.js';
import { argumentValue, destructiveVerb, fieldWords, parseGraphqlBody, type GraphqlField, type GraphqlRequest } from '../graphql.js';
import { namesOnly } from '../generic/payload.js';
import { isSecretVariableName } from '../secret-files.js';
import { HTTP_PROGRAMS, parseHttpRequest, stdinBody, urlPath, type HttpBody, type HttpRequest } from '../http-request.js';
import type { Credential, Finding, Reversibility, Tag, Target, TargetKind } from '../model.js';
import type { SimpleCommand } from '../shell/command.js';
import type { CommandView, Rule } from './rule.js';

// ---- providers --------------------------------------------------------------------------------

interface Provider {
  readonly id: string;
  /** "Railway's API" */
  readonly label: string;
  /** Tags every destructive call to this provider carries. */
  readonly tags: readonly Tag[];
}

const p = (id: string, label: string, tags: Tag[] = ['cloud-resource']): Provider => ({ id, label, tags });
const RAILWAY = p('railway', "Railway's API");
const EXACT_HOSTS: ReadonlyMap<string, Provider> = new Map([
  ['backboard.railway.app', RAILWAY], ['backboard.railway.com', RAILWAY],
  ['api.github.com', p('github', "GitHub's API", [])], ['uploads.github.com', p('github', "GitHub's API", [])],
  ['gitlab.com', p('gitlab', "GitLab's API", [])], ['api.bitbucket.org', p('bitbucket', "Bitbucket's API", [])],
  ['dev.azure.com', p('azure-devops', "Azure DevOps' API", [])],
  ['api.cloudflare.com', p('cloudflare', "Cloudflare's API")], ['api.digitalocean.com', p('digitalocean', "DigitalOcean's API")],
  ['api.heroku.com', p('heroku', "Heroku's API")], ['api.vercel.com', p('vercel', "Vercel's API")], ['api.netlify.com', p('netlify', "Netlify's API")],
  ['api.fly.io', p('fly', "Fly.io's API")], ['api.machines.dev', p('fly', "Fly.io's Machines API")], ['api.render.com', p('render', "Render's API")],
  ['api.supabase.com', p('supabase', "Supabase's management API")], ['console.neon.tech', p('neon', "Neon's API", ['cloud-resource', 'database'])],
  ['api.planetscale.com', p('planetscale', "PlanetScale's API", ['cloud-resource', 'database'])], ['api.stripe.com', p('stripe', "Stripe's API", [])],
  ['management.azure.com', p('azure', "Azure's management API")], ['graph.microsoft.com', p('microsoft', 'Microsoft Graph', [])],
  ['api.hetzner.cloud', p('hetzner', "Hetzner Cloud's API")], ['api.linode.com', p('linode', "Linode's API")], ['api.vultr.com', p('vultr', "Vultr's API")],
  ['api.scaleway.com', p('scaleway', "Scaleway's API")], ['api.upstash.com', p('upstash', "Upstash's API", ['cloud-resource', 'database'])],
  ['api.turso.tech', p('turso', "Turso's API", ['cloud-resource', 'database'])], ['cloud.mongodb.com', p('mongodb', "MongoDB Atlas' API", ['cloud-resource', 'database'])],
  ['api.pinecone.io', p('pinecone', "Pinecone's API", ['cloud-resource', 'database'])], ['api.fastly.com', p('fastly', "Fastly's API")],
  ['api.koyeb.com', p('koyeb', "Koyeb's API")], ['api.northflank.com', p('northflank', "Northflank's API")], ['api.convex.dev', p('convex', "Convex's API")],
  ['api.clerk.com', p('clerk', "Clerk's API", [])], ['api.sendgrid.com', p('sendgrid', "SendGrid's API", [])], ['api.twilio.com', p('twilio', "Twilio's API", [])],
  ['api.openai.com', p('openai', "OpenAI's API", [])], ['api.anthropic.com', p('anthropic', "Anthropic's API", [])], ['slack.com', p('slack', "Slack's API", [])],
  ['api.pagerduty.com', p('pagerduty', "PagerDuty's API", [])], ['api.datadoghq.com', p('datadog', "Datadog's API", [])], ['sentry.io', p('sentry', "Sentry's API", [])],
  ['api.linear.app', p('linear', "Linear's API", [])], ['api.notion.com', p('notion', "Notion's API", [])], ['api.airtable.com', p('airtable', "Airtable's API", ['database'])],
  ['api.sanity.io', p('sanity', "Sanity's API", ['database'])], ['api.contentful.com', p('contentful', "Contentful's API", [])], ['cloud.appwrite.io', p('appwrite', "Appwrite's API", ['database'])],
  ['api.hashicorp.cloud', p('hcp', "HashiCorp Cloud's API")], ['app.terraform.io', p('terraform-cloud', "Terraform Cloud's API", ['infrastructure'])],
  ['api.elastic-cloud.com', p('elastic', "Elastic Cloud's API", ['cloud-resource', 'database'])], ['api.algolia.com', p('algolia', "Algolia's API", ['database'])],
]);
const SUFFIX_HOSTS: readonly [string, Provider][] = [
  ['.amazonaws.com', p('aws', 'an AWS API')], ['.googleapis.com', p('google', 'a Google Cloud API')], ['.supabase.co', p('supabase', "a Supabase project's API", ['database'])],
  ['.blob.core.windows.net', p('azure', 'Azure Blob Storage', ['cloud-resource'])], ['.firebaseio.com', p('firebase', 'Firebase Realtime Database', ['database'])],
  ['.myshopify.com', p('shopify', "Shopify's Admin API", [])], ['.auth0.com', p('auth0', "Auth0's API", [])], ['.okta.com', p('okta', "Okta's API", [])],
  ['.pinecone.io', p('pinecone', 'a Pinecone index', ['database'])], ['.algolia.net', p('algolia', 'an Algolia index', ['database'])], ['.upstash.io', p('upstash', 'an Upstash database', ['database'])],
  ['.turso.io', p('turso', 'a Turso database', ['database'])], ['.neon.tech', p('neon', "Neon's API", ['database'])], ['.cloud.es.io', p('elastic', 'an Elastic Cloud cluster', ['database'])],
  ['.r2.cloudflarestorage.com', p('cloudflare', 'Cloudflare R2', ['cloud-resource'])], ['.digitaloceanspaces.com', p('digitalocean', 'DigitalOcean Spaces', ['cloud-resource'])],
  ['.backblazeb2.com', p('backblaze', 'Backblaze B2', ['cloud-resource'])], ['.hasura.app', p('hasura', 'a Hasura GraphQL API', ['database'])],
  ['.azure.com', p('azure', 'an Azure API')], ['.windows.net', p('azure', 'an Azure API')],
];

export function providerOf(host: string | undefined): Provider | undefined {
  if (!host) return undefined;
  const exact = EXACT_HOSTS.get(host);
  if (exact) return exact;
  for (const [suffix, prov] of SUFFIX_HOSTS) if (host.endsWith(suffix)) return prov;
  if (host.startsWith('api.') && /(^|\.)(railway)\.(app|com)$/.test(host)) return RAILWAY;
  return undefined;
}

const LOCAL_HOST = /^(localhost|127\.\d+\.\d+\.\d+|\[?::1\]?|0\.0\.0\.0|host\.docker\.internal|[a-z0-9-]+\.localhost|[a-z0-9-]+\.local)$/i;
const isLocal = (host: string | undefined): boolean => !!host && LOCAL_HOST.test(host);

// ---- nouns → tags and target kinds ------------------------------------------------------------

interface Noun { readonly kind: TargetKind; readonly tags: readonly Tag[]; readonly data: boolean }
const NOUNS: Record<string, Noun> = {
  volume: { kind: 'volume', tags: ['volume', 'cloud-resource'], data: true },
  backup: { kind: 'resource', tags: ['backup', 'cloud-resource'], data: true },
  snapshot: { kind: 'resource', tags: ['backup', 'cloud-resource'], data: true },
  database: { kind: 'database', tags: ['database', 'cloud-resource'], data: true },
  db: { kind: 'database', tags: ['database', 'cloud-resource'], data: true },
  postgres: { kind: 'database', tags: ['database', 'cloud-resource'], data: true },
  mysql: { kind: 'database', tags: ['database', 'cloud-resource'], data: true },
  redis: { kind: 'database', tags: ['database', 'cloud-resource'], data: true },
  mongo: { kind: 'database', tags: ['database', 'cloud-resource'], data: true },
  table: { kind: 'table', tags: ['database'], data: true },
  collection: { kind: 'table', tags: ['database'], data: true },
  index: { kind: 'resource', tags: ['database'], data: true },
  indices: { kind: 'resource', tags: ['database'], data: true },
  document: { kind: 'resource', tags: ['database'], data: true },
  row: { kind: 'resource', tags: ['database'], data: true },
  record: { kind: 'resource', tags: ['database'], data: true },
  bucket: { kind: 'bucket', tags: ['cloud-resource'], data: true },
  object: { kind: 'resource', tags: ['cloud-resource'], data: true },
  blob: { kind: 'resource', tags: ['cloud-resource'], data: true },
  file: { kind: 'resource', tags: [], data: true },
  storage: { kind: 'bucket', tags: ['cloud-resource'], data: true },
  project: { kind: 'project', tags: ['cloud-resource'], data: true },
  environment: { kind: 'resource', tags: ['cloud-resource'], data: true },
  service: { kind: 'service', tags: ['cloud-resource'], data: false },
  app: { kind: 'service', tags: ['cloud-resource'], data: false },
  site: { kind: 'service', tags: ['cloud-resource'], data: false },
  deployment: { kind: 'resource', tags: ['cloud-resource'], data: false },
  instance: { kind: 'resource', tags: ['cloud-resource'], data: false },
  droplet: { kind: 'resource', tags: ['cloud-resource'], data: true },
  server: { kind: 'resource', tags: ['cloud-resource'], data: true },
  machine: { kind: 'resource', tags: ['cloud-resource'], data: false },
  cluster: { kind: 'cluster', tags: ['cloud-resource'], data: true },
  zone: { kind: 'resource', tags: ['cloud-resource', 'outage'], data: false },
  domain: { kind: 'resource', tags: ['cloud-resource', 'outage'], data: false },
  dns: { kind: 'resource', tags: ['cloud-resource', 'outage'], data: false },
  record_: { kind: 'resource', tags: [], data: false },
  repository: { kind: 'repository', tags: [], data: true },
  repo: { kind: 'repository', tags: [], data: true },
  organization: { kind: 'resource', tags: [], data: true },
  team: { kind: 'resource', tags: [], data: false },
  branch: { kind: 'branch', tags: [], data: true },
  plugin: { kind: 'service', tags: ['cloud-resource'], data: true },
  function: { kind: 'service', tags: ['cloud-resource'], data: false },
  worker: { kind: 'service', tags: ['cloud-resource'], data: false },
  secret: { kind: 'resource', tags: ['secret-exposure'], data: true },
  key: { kind: 'resource', tags: [], data: true },
  token: { kind: 'resource', tags: ['credential'], data: false },
  user: { kind: 'resource', tags: [], data: true },
  customer: { kind: 'resource', tags: [], data: true },
  account: { kind: 'resource', tags: [], data: true },
  release: { kind: 'resource', tags: [], data: false },
  package: { kind: 'package', tags: ['package-registry'], data: false },
  image: { kind: 'resource', tags: ['package-registry'], data: true },
  workspace: { kind: 'project', tags: ['cloud-resource'], data: true },
  namespace: { kind: 'namespace', tags: ['cloud-resource'], data: true },
  queue: { kind: 'resource', tags: ['cloud-resource'], data: true },
  topic: { kind: 'resource', tags: ['cloud-resource'], data: true },
  vault: { kind: 'resource', tags: ['backup', 'cloud-resource'], data: true },
};

function singular(w: string): string {
  const s = w.toLowerCase();
  if (s === 'indices' || s === 'indexes') return 'index';
  if (s === 'databases' || s === 'dbs') return s === 'dbs' ? 'db' : 'database';
  if (s.endsWith('ies')) return s.slice(0, -3) + 'y';
  if (s.endsWith('ses') || s.endsWith('xes')) return s.slice(0, -2);
  if (s.endsWith('s') && !s.endsWith('ss')) return s.slice(0, -1);
  return s;
}

const nounOf = (w: string): Noun | undefined => NOUNS[singular(w)];

// ---- GraphQL ----------------------------------------------------------------------------------

const ID_ARG = /(^id$|ids?$|Id$|IDs?$|name$|Name$|slug$|^environment|^project|^service|^volume|^owner$|^repo)/;
const ENV_WORDS = /^(production|prod|prd|live|staging|stage|stg|dev|development|preview|test|testing|qa|sandbox)$/i;

const kebab = (name: string): string => fieldWords(name).join('-');

function railwaySlug(field: string): string {
  const words = fieldWords(field);
  if (words.includes('backup') && words.includes('volume')) return 'volume-backup-delete';
  return kebab(field);
}

/** What Railway takes with it when this kind of thing is deleted. */
function railwayConsequence(field: string): { note: string; tags: Tag[] } | undefined {
  const w = fieldWords(field);
  if (w[0] === 'volume' && w.includes('backup')) return { note: "the volume's backup is gone for good", tags: ['backup', 'volume'] };
  if (w[0] === 'volume') return { note: "Railway deletes the volume's backups with it", tags: ['backup', 'volume'] };
  if (w[0] === 'project') return { note: 'Railway deletes every service, volume and volume backup in the project with it', tags: ['backup', 'volume', 'database'] };
  if (w[0] === 'environment') return { note: "Railway deletes the environment's services, volumes and their backups with it", tags: ['backup', 'volume'] };
  if (w[0] === 'service') return { note: "Railway removes the service's deployments and variables with it", tags: [] };
  return undefined;
}

interface GqlTargetInfo { readonly targets: Target[]; readonly ids: string[]; readonly noun?: Noun; readonly nounWord?: string }

function gqlTargets(field: GraphqlField, request: GraphqlRequest): GqlTargetInfo {
  const words = fieldWords(field.name);
  const verbAt = words.findIndex((w) => w === destructiveVerb(field.name) || /^(delete|destroy|remove|drop|purge|wipe|erase|truncate)/.test(w));
  const nounWords = words.filter((_, i) => i !== verbAt);
  let noun: Noun | undefined;
  let nounWord: string | undefined;
  // Most specific noun wins: volumeInstanceBackupDelete is about a backup.
  for (const w of nounWords) {
    const n = nounOf(w);
    if (n && (!noun || (n.tags.includes('backup') && !noun.tags.includes('backup')) || (!noun.data && n.data))) { noun = n; nounWord = singular(w); }
  }
  const ids: string[] = [];
  const targets: Target[] = [];
  for (const arg of field.args) {
    if (!ID_ARG.test(arg.name)) continue;
    const value = argumentValue(arg, request.variables);
    const shown = value ?? (arg.variable ? `$${arg.variable}` : undefined);
    if (!shown) continue;
    if (value) ids.push(value);
    const argNoun = nounOf(arg.name.replace(/(Id|Ids|ID|Name|Slug)$/, '')) ?? noun;
    targets.push({ kind: argNoun?.kind ?? 'resource', name: shown });
  }
  // Variables the document uses through an input object (`input: $input`).
  if (!ids.length) {
    for (const [k, val] of request.variables) if (ID_ARG.test(k) && val.length < 200) { ids.push(val); targets.push({ kind: nounOf(k.replace(/(Id|Ids|ID|Name)$/, ''))?.kind ?? noun?.kind ?? 'resource', name: val }); }
  }
  for (const [k, val] of request.variables) if (/env/i.test(k) || ENV_WORDS.test(val)) ids.push(val);
  return { targets, ids, noun, nounWord };
}

const SECRET_REF = /\$\{?[A-Za-z_]*(?:TOKEN|SECRET|PASSWORD|PASS|API_?KEY|ACCESS_KEY|AUTH|CREDENTIAL)[A-Za-z0-9_]*\}?|\$\(\s*cat\s/i;

/**
 * Whether the request carries a credential. The engine records which one (credentials.ts runs on
 * every command), so findings only tag it here instead of collecting the names a second time.
 */
function credentialFindingsOf(cmd: SimpleCommand, req: HttpRequest): { creds: Credential[]; tags: Tag[] } {
  const used = req.authenticated || cmd.args.some((a) => !a.literal && SECRET_REF.test(a.text));
  return { creds: [], tags: used ? ['credential'] : [] };
}

function graphqlFindings(v: CommandView, req: HttpRequest, request: GraphqlRequest, provider: Provider | undefined): Finding[] {
  const out: Finding[] = [];
  const host = req.host;
  const { creds, tags: credTags } = credentialFindingsOf(v.cmd, req);
  const hostTarget: Target[] = host ? [{ kind: 'host', name: host }] : [];
  const where = provider ? `${provider.label} (${host})` : `the GraphQL API at ${host ?? 'a URL only known at run time'}`;
  const local = isLocal(host);
  let mutated = false;
  for (const op of request.operations) {
    if (op.type !== 'mutation') continue;
    for (const field of op.fields) {
      mutated = true;
      const verb = destructiveVerb(field.name);
      if (!verb) continue;
      const info = gqlTargets(field, request);
      const strong = /^(delete|destroy|drop|purge|wipe|erase|truncate|terminate|nuke|obliterate|deprovision)/.test(verb);
      const data = strong || (info.noun?.data ?? false) || verb === 'reset';
      const railway = provider?.id === 'railway';
      const consequence = railway ? railwayConsequence(field.name) : undefined;
      const tags = new Set<Tag>(['remote-api', ...credTags, ...(provider?.tags ?? []), ...(info.noun?.tags ?? [])]);
      if (data) { tags.add('irreversible'); tags.add('data-loss'); }
      for (const t of consequence?.tags ?? []) tags.add(t);
      const what = info.nounWord ?? 'resource';
      const named = info.targets.length ? info.targets.map((t) => t.name).join(', ') : 'an id not in the command';
      const reversibility: Reversibility = data ? 'irreversible' : 'recoverable';
      out.push({
        ruleId: railway ? `railway.graphql.${railwaySlug(field.name)}` : 'http.graphql.destructive-mutation',
        risk: local ? 'medium' : 'high',
        effect: 'delete',
        summary: `${verb === 'delete' || verb === 'destroy' ? 'deletes' : `${verb}s`} ${railway ? 'Railway ' : ''}${what} ${named} through ${where} with the ${field.name} mutation${data ? ', irreversibly' : ''}${consequence ? `; ${consequence.note}` : ''}`,
        targets: [...hostTarget, ...info.targets],
        reversibility,
        tags: [...tags],
        credentials: creds,
        // A local server is identified by its host alone; ids in the body would make it look remote.
        remote: { identifiers: local ? [host!] : [...(host ? [host] : []), ...info.ids], destructive: true },
        alternatives: [
          `Query the ${what} first and confirm which environment it belongs to`,
          ...(info.noun?.data || consequence ? ['Take a backup or snapshot that lives outside the resource before deleting it'] : []),
          ...(railway ? ['Delete it from the Railway dashboard, where the project and environment are shown'] : []),
        ],
      });
    }
  }
  if (!out.length && mutated && !local) {
    const fields = request.operations.filter((o) => o.type === 'mutation').flatMap((o) => o.fields.map((f) => f.name));
    out.push({
      ruleId: provider?.id === 'railway' ? 'railway.graphql.mutation' : 'http.graphql.mutation', risk: 'medium', effect: 'network',
      summary: `changes remote state through ${where} (${fields.slice(0, 4).join(', ')})`,
      targets: hostTarget, reversibility: 'recoverable', tags: ['remote-api', ...credTags], credentials: creds,
      remote: host && classifyEnvironment([host], v.ctx).verdict === 'production' ? { identifiers: [host], destructive: false } : undefined,
    });
  }
  return out;
}

// ---- analysis ---------------------------------------------------------------------------------

const DESTRUCTIVE_SEGMENT = /^_?(delete|destroy|terminate|purge|wipe|reset|drop|truncate|erase|nuke|_delete_by_query|delete_by_query|flush|flushall)(?:$|[_-])/i;

interface Body { readonly text?: string; readonly unknown: boolean; readonly file?: string }

const FILE_SUBSTITUTION = /^\s*\$\(\s*(?:cat\s+|<\s*)(['"]?)([^\s'")]+)\1\s*\)\s*$/;

function resolveBody(v: CommandView, b: HttpBody): Body {
  if (b.kind === 'text') {
    if (b.literal) return { text: b.text, unknown: false };
    // `-d "$(cat payload.json)"`: the file's content when an earlier command wrote it.
    const sub = FILE_SUBSTITUTION.exec(b.text);
    if (sub) {
      const note = fileNote(v.ctx, v.resolve(sub[2]!));
      return note?.content !== undefined ? { text: note.content, unknown: false, file: sub[2] } : { unknown: true, file: sub[2] };
    }
    return parseGraphqlBody(b.text) ? { text: b.text, unknown: false } : { text: b.text, unknown: true };
  }
  if (b.kind === 'file') {
    const note = fileNote(v.ctx, v.resolve(b.path));
    return note?.content !== undefined ? { text: note.content, unknown: false, file: b.path } : { unknown: true, file: b.path };
  }
  return { unknown: true };
}

function isGraphqlEndpoint(req: HttpRequest, provider: Provider | undefined): boolean {
  if (!req.url) return false;
  return /graphql|\/gql\b|\/v1\/graph/i.test(urlPath(req.url)) || provider?.id === 'railway';
}

function pathResource(url: string): { nouns: Noun[]; nounWord?: string; id?: string; segments: string[] } {
  const segments = urlPath(url).split('/').filter(Boolean).map((s) => { try { return decodeURIComponent(s); } catch { return s; } });
  const nouns: Noun[] = [];
  let nounWord: string | undefined;
  let id: string | undefined;
  segments.forEach((s, i) => {
    const n = nounOf(s.replace(/[-_]/g, ''));
    if (n) {
      nouns.push(n);
      nounWord = singular(s);
      id = n.kind === 'repository' && segments[i + 2] ? `${segments[i + 1]}/${segments[i + 2]}` : segments[i + 1];
    }
  });
  return { nouns, nounWord, id, segments };
}

function restFindings(v: CommandView, req: HttpRequest, provider: Provider | undefined): Finding[] {
  const method = req.method;
  const host = req.host;
  const url = req.url;
  const local = isLocal(host);
  const { creds, tags: credTags } = credentialFindingsOf(v.cmd, req);
  const res = url ? pathResource(url) : { nouns: [], segments: [] as string[] };
  const destructiveSeg = res.segments.find((s) => DESTRUCTIVE_SEGMENT.test(s) && !/cache/i.test(s));
  const shownUrl = url ? url.replace(/[?#].*$/, '') : 'a URL only known at run time';
  const where = provider ? `${provider.label} (${host})` : host ? host : 'a host only known at run time';
  const targets: Target[] = [
    ...(url ? [{ kind: 'url', name: shownUrl } as Target] : []),
    ...(host ? [{ kind: 'host', name: host } as Target] : []),
    ...(res.id && res.nounWord ? [{ kind: nounOf(res.nounWord)?.kind ?? 'resource', name: res.id } as Target] : []),
  ];
  const identifiers = url ? [url.replace(/[?#].*$/, '')] : [];
  if (req.methodExplicit && /\$|`/.test(method)) {
    if (local) return [];
    return [{
      ruleId: 'http.rest.opaque-method', risk: 'high', effect: 'network',
      summary: `sends a request to ${shownUrl} on ${where} with a method only known at run time (${method}); it may be a DELETE`,
      targets, reversibility: 'recoverable', tags: ['remote-api', 'obfuscation', ...credTags], credentials: creds,
      remote: { identifiers, destructive: false },
    }];
  }
  if (method === 'DELETE' || (destructiveSeg && (method === 'POST' || method === 'PUT' || method === 'PATCH'))) {
    const tags = new Set<Tag>(['remote-api', 'data-loss', 'irreversible', ...credTags, ...(provider?.tags ?? [])]);
    for (const n of res.nouns) for (const t of n.tags) tags.add(t);
    if (/purge|_delete_by_query|truncate|wipe|flush/i.test(destructiveSeg ?? '')) tags.add('wildcard');
    return [{
      ruleId: 'http.rest.delete', risk: local ? 'medium' : 'high', effect: 'delete',
      summary: `${method === 'DELETE' ? 'sends DELETE' : `calls ${destructiveSeg} with ${method}`} to ${shownUrl} on ${where}${res.nounWord ? `, deleting the ${res.nounWord}${res.id ? ` ${res.id}` : ''}` : ''}`,
      targets, reversibility: 'irreversible', tags: [...tags], credentials: creds,
      remote: { identifiers, destructive: true },
      alternatives: ['GET the resource first and confirm which environment it belongs to'],
    }];
  }
  if (method === 'POST' || method === 'PUT' || method === 'PATCH') {
    if (local) return [];
    return [{
      ruleId: 'http.rest.mutation', risk: 'medium', effect: 'network',
      summary: `sends ${method} to ${shownUrl} on ${where}`,
      targets, reversibility: 'recoverable', tags: ['remote-api', ...credTags], credentials: creds,
      remote: classifyEnvironment(identifiers, v.ctx).verdict === 'production' ? { identifiers, destructive: false } : undefined,
    }];
  }
  return [];
}

const RC_FILE = /(^|\/)(\.bashrc|\.bash_profile|\.profile|\.zshrc|\.zprofile|\.zshenv|\.config\/fish\/config\.fish|authorized_keys|\.ssh\/config|crontab|\.gitconfig|\.npmrc|\.pypirc)$/;

function outputOf(cmd: SimpleCommand, req: HttpRequest): string | undefined {
  if (req.output && req.output !== '-') return req.output;
  const redirect = cmd.redirects.find((r) => (r.op === '>' || r.op === '>|' || r.op === '>>') && (r.fd === undefined || r.fd === 1) && r.target.literal);
  return redirect?.target.text;
}

function downloadFindings(v: CommandView, req: HttpRequest): Finding[] {
  const out = outputOf(v.cmd, req);
  if (!out && !req.writesMany) return [];
  if (out && req.url) noteFile(v.ctx, v.resolve(out), { origin: req.url, downloaded: true });
  if (!out) {
    return [{ ruleId: 'http.download', risk: 'medium', effect: 'write', summary: `downloads many files from ${req.host ?? 'the network'} into ${v.cwd}`, targets: [{ kind: 'path', name: v.cwd }], reversibility: 'recoverable' }];
  }
  const path = v.resolve(out.replace(/^~(?=\/|$)/, v.ctx.home));
  const scope = v.scopeOf(path);
  const rc = RC_FILE.test(path);
  return [{
    ruleId: 'http.download', risk: rc ? 'high' : scope === 'workspace' || path.startsWith('/tmp/') ? 'low' : 'medium', effect: 'write',
    summary: `downloads ${req.url ?? 'a URL'} into ${out}${rc ? ', overwriting a file that runs or configures later sessions' : ''}`,
    targets: [{ kind: 'path', name: path }], reversibility: 'recoverable',
    tags: [...(rc ? ['persistence' as Tag] : []), ...(scope !== 'workspace' && !path.startsWith('/tmp/') ? ['outside-workspace' as Tag] : []), ...(scope === 'home' && rc ? ['home-directory' as Tag] : [])],
  }];
}

const cache = new WeakMap<SimpleCommand, Finding[]>();

export function analyseHttp(v: CommandView): Finding[] {
  const hit = cache.get(v.cmd);
  if (hit) return hit;
  const findings: Finding[] = [];
  const req = parseHttpRequest(v.cmd);
  if (req) {
    const provider = providerOf(req.host);
    let gql: GraphqlRequest | undefined;
    let unknownBody: Body | undefined;
    const bodies = req.bodies.map((b) => resolveBody(v, b));
    for (const b of bodies) {
      if (b.text !== undefined && !b.unknown) gql ??= parseGraphqlBody(b.text);
      else unknownBody ??= b;
    }
    if (!gql && req.url && /[?&]query=/.test(req.url)) {
      const q = /[?&](query=[^&#]*)/.exec(req.url)![1]!;
      gql = parseGraphqlBody(q);
    }
    const graphqlEndpoint = isGraphqlEndpoint(req, provider);
    if (gql && gql.operations.some((o) => o.type === 'mutation')) {
      findings.push(...graphqlFindings(v, req, gql, provider));
    } else if (graphqlEndpoint && req.method === 'POST' && unknownBody && !isLocal(req.host)) {
      const { creds, tags } = credentialFindingsOf(v.cmd, req);
      findings.push({
        ruleId: provider?.id === 'railway' ? 'railway.graphql.unknown-body' : 'http.graphql.unknown-body', risk: 'high', effect: 'network',
        summary: `sends a GraphQL request whose body (${unknownBody.file ? `the file ${unknownBody.file}` : unknownBody.text !== undefined ? 'built at run time' : 'stdin'}) Airlock cannot see to ${provider ? provider.label : 'the GraphQL API'} at ${req.host}; it may be a mutation that deletes things`,
        targets: req.host ? [{ kind: 'host', name: req.host }] : [], reversibility: 'recoverable', tags: ['remote-api', ...tags], credentials: creds,
        remote: { identifiers: req.host ? [req.host] : [], destructive: false },
        alternatives: ['Put the query in the command itself so it can be checked'],
      });
    } else if (!gql || req.method !== 'POST' || !graphqlEndpoint) {
      findings.push(...restFindings(v, req, provider));
    }
    findings.push(...downloadFindings(v, req));
  }
  cache.set(v.cmd, findings);
  return findings;
}

const byPrefix = (prefix: string) => (v: CommandView): Finding[] => analyseHttp(v).filter((f) => f.ruleId === prefix || f.ruleId.startsWith(prefix + '.'));

const PROGRAMS = [...HTTP_PROGRAMS];

// ---- payload files: remember what a command wrote, so `curl -d @file` can be read ---------------

const payloadRule: Rule = {
  id: 'http.payload-file',
  programs: ['cat', 'tee', 'echo', 'printf'],
  description: 'Remembers files written with literal content (heredocs, echo) so a later request that sends them is judged on that content',
  check(v) {
    const cmd = v.cmd;
    const write = cmd.redirects.find((r) => (r.op === '>' || r.op === '>|') && (r.fd === undefined || r.fd === 1) && r.target.literal);
    const targets = write ? [write.target.text] : v.program === 'tee' ? v.positionals() : [];
    if (!targets.length) return undefined;
    let content: string | undefined;
    if (v.program === 'echo') content = cmd.args.filter((w, i) => !(i === 0 && /^-[neE]+$/.test(w.text))).map((w) => w.text).join(' ');
    else if (v.program === 'printf') content = cmd.args.length === 1 ? cmd.args[0]!.text : undefined;
    else if (v.program === 'cat' && v.positionals().length === 0 || v.program === 'tee') {
      const b = stdinBody(cmd.stdin);
      content = b.kind === 'text' ? b.text : undefined;
    }
    if (content === undefined) return undefined;
    for (const t of targets) noteFile(v.ctx, v.resolve(t), { origin: v.program, downloaded: false, content });
    return undefined;
  },
};

/** API paths that hold credentials: `/keys`, `/api-keys`, `/serviceaccounts/12/tokens`, `/credentials`, `/secrets/x`. */
const CREDENTIAL_PATH = /\/(keys|api-?keys|api_keys|tokens|access-?tokens|personal-access-tokens|credentials|secrets?|service-?account-?keys)(\/[^/?#]*)?\/?(\?|#|$)/i;

const credentialEndpoint: Rule = {
  id: 'http.credentials',
  programs: PROGRAMS,
  description: "Raw API calls to an authenticated service's key, token or secret endpoints: reading prints credentials, creating mints them",
  check(v) {
    const req = parseHttpRequest(v.cmd);
    // (`/variables/PROD_DB_PASSWORD`: one CI variable whose name says it is a secret.)
    const secretVariable = req?.url ? /\/variables\/([^/?#]+)\/?$/.exec(urlPath(req.url))?.[1] : undefined;
    const credentialPath = !!req?.url && (CREDENTIAL_PATH.test(urlPath(req.url)) || (!!secretVariable && isSecretVariableName(decodeURIComponent(secretVariable))));
    if (!req?.url || !req.authenticated || !credentialPath || namesOnly(v.cmd.ctx.pipeline?.next)) return undefined;
    const where = `${req.host ?? 'the API'}${urlPath(req.url)}`;
    if (req.method === 'GET') {
      return { ruleId: 'http.credentials.read', risk: 'high', effect: 'read', summary: `reads the credentials at ${where} into the agent's context`, targets: req.host ? [{ kind: 'host', name: req.host }] : [], reversibility: 'irreversible', tags: ['secret-exposure', 'credential', 'remote-api'] };
    }
    if (req.method === 'POST' || req.method === 'PUT') {
      return { ruleId: 'http.credentials.mint', risk: 'critical', effect: 'privilege', summary: `creates a credential at ${where}: it works until someone revokes it`, targets: req.host ? [{ kind: 'host', name: req.host }] : [], reversibility: 'recoverable', tags: ['credential', 'persistence', 'privilege', 'remote-api'] };
    }
    return undefined;
  },
};

export const rules: readonly Rule[] = [
  credentialEndpoint,
  { id: 'railway.graphql', programs: PROGRAMS, description: "Railway GraphQL mutations that delete volumes, backups, services, environments or projects (the PocketOS request)", check: byPrefix('railway.graphql') },
  { id: 'http.graphql', programs: PROGRAMS, description: 'GraphQL mutations whose root fields delete, destroy, drop, purge, wipe, reset or revoke', check: byPrefix('http.graphql') },
  { id: 'http.rest', complete: true, programs: PROGRAMS, description: 'REST DELETEs and destructive actions against provider APIs and unknown hosts; mutations of provider APIs', check: byPrefix('http.rest') },
  { id: 'http.download', programs: PROGRAMS, description: 'Downloads written to disk (curl -o/-O, wget, > file), remembered so running them later is flagged', check: byPrefix('http.download') },
  payloadRule,
];

