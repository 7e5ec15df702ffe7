// Rule family: cloud. The aws, gcloud, gsutil and az CLIs: deletions, terminations and purges of
// cloud resources (remote destructive, escalated by the engine when the account, project or
// subscription is production or unverified), mutations (medium) and reads (low).
import { flag, opt, opts, parseArgs, type ParsedArgs } from '../cli-args.js';
import { classifyEnvironment } from '../environment.js';
import type { AssessContext } from '../context.js';
import type { Finding, Reversibility, Risk, Tag, Target, TargetKind } from '../model.js';
import type { CommandView, Rule } from './rule.js';

interface Destruction {
  readonly ruleId: string;
  readonly risk: Risk;
  readonly summary: string;
  readonly targets: readonly Target[];
  readonly identifiers: readonly string[];
  readonly tags: readonly Tag[];
  readonly reversibility: Reversibility;
  readonly alternatives?: readonly string[];
  readonly destructive?: boolean;
}

/** The context of the command being checked, for non-destructive findings that only name production. */
let currentCtx: AssessContext | undefined;

const BACKUP_NAME = /backup|snapshot|recovery-point|(^|[^a-z])(dr|bak)([^a-z]|$)/i;

function finding(d: Destruction): Finding {
  const destructive = d.destructive !== false;
  const identifiers = d.identifiers.filter(Boolean);
  // Non-destructive changes are not escalated; they carry the remote impact only when they
  // touch production, so the assessment says so.
  const showRemote = destructive || (currentCtx !== undefined && classifyEnvironment(identifiers, currentCtx, [currentCtx.cloudProfile ?? '']).verdict === 'production');
  return {
    ruleId: d.ruleId, risk: d.risk, effect: destructive ? 'delete' : 'network', summary: d.summary, targets: d.targets,
    reversibility: d.reversibility, alternatives: d.alternatives,
    // Deleting something named as a backup or snapshot loses the recovery copy itself.
    tags: [...new Set<Tag>([...d.tags, ...(destructive && [...identifiers, ...(d.targets ?? []).map((t) => t.name)].some((n) => BACKUP_NAME.test(n)) ? ['backup' as Tag] : [])])],
    remote: showRemote ? { identifiers, destructive } : undefined,
  };
}

const withCtx = (check: (v: CommandView) => Finding | undefined) => (v: CommandView): Finding | undefined => {
  currentCtx = v.ctx;
  try { return check(v); } finally { currentCtx = undefined; }
};

function verbOf(op: string): string {
  if (op.startsWith('terminate')) return 'terminates';
  if (op === 'schedule-key-deletion') return 'schedules the deletion of';
  if (op.startsWith('deregister')) return 'deregisters';
  if (op.startsWith('remove')) return 'removes';
  if (op.startsWith('purge')) return 'purges';
  if (op.startsWith('revoke')) return 'revokes';
  if (op.startsWith('disable')) return 'disables';
  return 'deletes';
}

const READ_VERB = /^(describe|list|get|head|batch-get|scan|query|search|lookup|wait|help|ls|presign|filter|tail|select|validate|estimate|preview|simulate|test|check|detect|show|info|print|read|view|logs?|whoami|version|download|export|cat|du|stat|hash|exists|browse|dry-run)(-|$)/;
const NOUN_TAGS: readonly [RegExp, TargetKind, Tag[]][] = [
  [/snapshot|backup|recovery-point|vault|restore-point|archive/, 'resource', ['backup', 'cloud-resource', 'data-loss']],
  [/volume|disk|file-system|filesystem|efs|fsx/, 'volume', ['volume', 'cloud-resource', 'data-loss']],
  [/db|database|table|cluster-snapshot|keyspace|cache-cluster|replication-group|redis|sql|spanner|bigtable|firestore|cosmos|postgres|mysql|mariadb|mongo|elastic|opensearch|domain$/, 'database', ['database', 'cloud-resource', 'data-loss']],
  [/bucket|object|blob|container$|storage/, 'bucket', ['cloud-resource', 'data-loss']],
  [/cluster|nodegroup|node-pool|fargate-profile/, 'cluster', ['cloud-resource', 'kubernetes']],
  [/stack|deployment|template|resource-group|^group$/, 'resource', ['infrastructure', 'cloud-resource']],
  [/secret|key|certificate|parameter/, 'resource', ['cloud-resource', 'secret-exposure']],
  [/project|account|organization|subscription|folder/, 'project', ['cloud-resource']],
  [/record|zone|dns|hosted-zone|load-balancer|distribution|api|gateway/, 'resource', ['cloud-resource', 'outage']],
  [/log-group|log-stream|logs?$|stream|topic|queue|repository|image/, 'resource', ['cloud-resource', 'data-loss']],
  [/instance|vm|function|service|app|role|user|policy|server/, 'resource', ['cloud-resource']],
];
const nounInfo = (words: string): { kind: TargetKind; tags: Tag[] } => {
  for (const [re, kind, tags] of NOUN_TAGS) if (re.test(words)) return { kind, tags };
  return { kind: 'resource', tags: ['cloud-resource'] };
};

// ---- aws ----------------------------------------------------------------------------------------

const AWS_GLOBAL_VALUES = new Set(['--profile', '--region', '--endpoint-url', '--output', '--query', '--color', '--ca-bundle', '--cli-read-timeout', '--cli-connect-timeout', '--cli-binary-format', '--cli-input-json', '--cli-input-yaml']);
const AWS_BOOLEANS = new Set(['--recursive', '--force', '--dryrun', '--dry-run', '--no-dry-run', '--delete', '--quiet', '--only-show-errors', '--no-progress', '--exact-timestamps',
  '--size-only', '--follow-symlinks', '--no-follow-symlinks', '--no-guess-mime-type', '--human-readable', '--summarize', '--skip-final-snapshot', '--no-skip-final-snapshot',
  '--delete-automated-backups', '--no-delete-automated-backups', '--force-delete-without-recovery', '--debug', '--no-paginate', '--no-verify-ssl', '--no-sign-request',
  '--bypass-governance-retention', '--force-delete', '--retain-resources', '--purge', '--no-cli-pager', '--cli-auto-prompt', '--with-decryption', '--no-with-decryption',
  '--include-all-instances', '--deletion-protection', '--no-deletion-protection', '--apply-immediately', '--skip-final-cluster-snapshot', '--delete-data', '--force-destroy']);
const AWS_LOW_IMPACT_DELETE = /(tags?|message|message-batch|alarms?|change-set|policy-version|permission|targets|task-definition|scheduled-action|notification-configuration|security-group-(ingress|egress)|ingress|egress|launch-template-versions|cache-policy|dashboards?|login-profile|subscription-filter|metric-filter|event-source-mapping|lifecycle-policy|retention-policy|suppressed-destination|alias)$/;
const AWS_DESTRUCTIVE_OP = /^(delete|terminate|remove|purge|deregister|destroy|batch-delete|schedule-key-deletion|disable-key|empty|revoke|reset-db|cancel-key-deletion-never)/;
const AWS_DATA_SERVICES: Record<string, Tag[]> = {
  rds: ['database'], dynamodb: ['database'], docdb: ['database'], neptune: ['database'], redshift: ['database'], 'redshift-serverless': ['database'], elasticache: ['database'],
  memorydb: ['database'], 'timestream-write': ['database'], keyspaces: ['database'], qldb: ['database'], dax: ['database'], opensearch: ['database'], es: ['database'], lightsail: [],
  s3: [], s3api: [], s3control: [], glacier: ['backup'], efs: ['volume'], fsx: ['volume'], backup: ['backup'], ebs: ['volume'], eks: ['kubernetes'], ecs: [], cloudformation: ['infrastructure'],
  kms: [], secretsmanager: ['secret-exposure'], logs: [], ecr: [], iam: [], route53: ['outage'], cloudfront: ['outage'], lambda: [], sqs: [], sns: [], kinesis: [],
};
const ID_OPTION = /^--(.*-)?(name|names|id|ids|identifier|arn|arns|bucket|cluster|service|url|stack-name|table-name|function-name|key|repository-name|log-group-name|secret-id|key-id|hosted-zone-id|instance-ids|volume-id|snapshot-id|db-instance-identifier|db-cluster-identifier|file-system-id|recovery-point-arn|backup-vault-name|user-name|role-name|queue-url|topic-arn|image-ids|nodegroup-name)$/;

function s3Bucket(url: string): string | undefined {
  const m = /^s3:\/\/([^/]+)/.exec(url);
  return m?.[1];
}

function awsCheck(v: CommandView): Finding | undefined {
  const p = parseArgs(v.args, { values: AWS_GLOBAL_VALUES, longTakesValue: true, booleans: AWS_BOOLEANS });
  const [service, op, ...rest] = p.positionals;
  if (!service || !op) return undefined;
  const profile = opt(p, '--profile') ?? v.env('AWS_PROFILE') ?? v.env('AWS_DEFAULT_PROFILE');
  const region = opt(p, '--region') ?? v.env('AWS_REGION') ?? v.env('AWS_DEFAULT_REGION');
  const endpoint = opt(p, '--endpoint-url');
  const ambientIds = [profile, endpoint].filter((x): x is string => !!x);
  const where = `${profile ? ` with profile ${profile}` : ''}${region ? ` in ${region}` : ''}${endpoint ? ` at ${endpoint}` : ''}`;
  const dry = flag(p, '--dryrun', '--dry-run');
  const forceTags: Tag[] = flag(p, '--force', '--force-delete-without-recovery', '--force-delete', '--force-destroy') ? ['confirmation-bypass'] : [];
  if (service === 's3') return awsS3(v, p, op, rest, ambientIds, where, dry, forceTags);
  if (dry) return undefined;
  if (service === 'secretsmanager' && op === 'get-secret-value' || service === 'ssm' && /^get-parameters?(-by-path)?$/.test(op) && flag(p, '--with-decryption')) {
    return { ruleId: 'cloud.aws.secret-read', risk: 'high', effect: 'read', summary: `reads secret values from AWS ${service}${where}`, tags: ['secret-exposure', 'credential'], reversibility: 'reversible', remote: { identifiers: ambientIds, destructive: false } };
  }
  if (READ_VERB.test(op)) return undefined;
  const ids: string[] = [];
  const targets: Target[] = [];
  const info = nounInfo(op.replace(AWS_DESTRUCTIVE_OP, ''));
  for (const [k, vals] of p.options) {
    if (!ID_OPTION.test(k) || /final|source|target-db|new-/.test(k)) continue;
    for (const val of vals) for (const one of val.split(/[\s,]+/).filter(Boolean).slice(0, 5)) {
      ids.push(one);
      targets.push({ kind: k === '--bucket' ? 'bucket' : info.kind, name: one });
    }
  }
  if (AWS_DESTRUCTIVE_OP.test(op)) {
    const serviceTags = AWS_DATA_SERVICES[service] ?? [];
    const tags: Tag[] = ['cloud-resource', ...serviceTags, ...info.tags, ...forceTags];
    if (AWS_LOW_IMPACT_DELETE.test(op)) {
      return finding({ ruleId: 'cloud.aws.delete', risk: 'medium', summary: `${verbOf(op)} ${targets.map((t) => t.name).join(', ') || 'resources'} with aws ${service} ${op}${where}`, targets, identifiers: [...ids, ...ambientIds], tags: ['cloud-resource', ...forceTags], reversibility: 'recoverable', destructive: false });
    }
    let reversibility: Reversibility = 'irreversible';
    let backupsDeleted = false;
    const notes: string[] = [];
    const alternatives: string[] = [];
    if (service === 'rds' && /^delete-db-(instance|cluster)$/.test(op)) {
      tags.push('database', 'backup');
      if (flag(p, '--skip-final-snapshot', '--skip-final-cluster-snapshot')) notes.push('without a final snapshot');
      else if (opt(p, '--final-db-snapshot-identifier', '--final-snapshot-identifier')) { notes.push('keeping a final snapshot'); reversibility = 'recoverable'; }
      if (!flag(p, '--no-delete-automated-backups')) { notes.push('its automated backups are deleted with it'); backupsDeleted = true; }
      alternatives.push('Keep a final snapshot (--final-db-snapshot-identifier) and --no-delete-automated-backups', 'Enable deletion protection on production databases');
    } else if (service === 'secretsmanager' && op === 'delete-secret') {
      if (!flag(p, '--force-delete-without-recovery')) { reversibility = 'recoverable'; notes.push('recoverable during the recovery window'); }
      else notes.push('with no recovery window');
    } else if (service === 'kms' && op === 'schedule-key-deletion') {
      tags.push('data-loss');
      notes.push('everything encrypted with the key becomes unreadable once the waiting period ends');
      alternatives.push('Disable the key (aws kms disable-key) instead of scheduling its deletion');
    } else if (service === 'ec2' && op === 'terminate-instances') {
      notes.push('instance storage and volumes marked delete-on-termination go with it');
      tags.push('data-loss');
    } else if (service === 'cloudformation' && op === 'delete-stack') {
      tags.push('infrastructure', 'data-loss');
      notes.push('every resource the stack created is deleted');
    } else if (service === 'route53' && op === 'change-resource-record-sets') {
      // handled below (not a delete- operation)
    }
    const recoverable = reversibility === 'recoverable';
    return finding({
      // Deleting automated backups is critical wherever it happens (RISK-LEVELS.md), a final snapshot or not.
      ruleId: `cloud.aws.${recoverable ? 'delete' : 'destroy'}`, risk: backupsDeleted ? 'critical' : recoverable ? 'medium' : 'high',
      summary: `${verbOf(op)} ${targets.map((t) => t.name).join(', ') || 'resources'} with aws ${service} ${op}${where}${notes.length ? ` (${notes.join('; ')})` : ''}`,
      targets, identifiers: [...ids, ...ambientIds], tags: [...tags, ...(recoverable ? [] : ['irreversible' as Tag, 'data-loss' as Tag])], reversibility, alternatives,
    });
  }
  if (service === 'route53' && op === 'change-resource-record-sets') {
    const batch = opt(p, '--change-batch') ?? '';
    if (/"Action"\s*:\s*"DELETE"/i.test(batch)) {
      return finding({ ruleId: 'cloud.aws.dns-delete', risk: 'high', summary: `deletes DNS records in hosted zone ${opt(p, '--hosted-zone-id') ?? '?'}${where}`, targets, identifiers: [...ids, ...ambientIds], tags: ['cloud-resource', 'outage'], reversibility: 'recoverable' });
    }
  }
  if (service === 'ec2' && op === 'stop-instances' || service === 'ecs' && op === 'update-service' && opt(p, '--desired-count') === '0' || service === 'autoscaling' && opt(p, '--desired-capacity', '--max-size') === '0') {
    return finding({ ruleId: 'cloud.aws.stop', risk: 'medium', summary: `stops ${targets.map((t) => t.name).join(', ') || 'running capacity'} with aws ${service} ${op}${where}`, targets, identifiers: [...ids, ...ambientIds], tags: ['cloud-resource', 'outage'], reversibility: 'recoverable' });
  }
  return finding({ ruleId: 'cloud.aws.mutation', risk: 'medium', summary: `changes AWS resources with aws ${service} ${op}${where}`, targets, identifiers: [...ids, ...ambientIds], tags: ['cloud-resource'], reversibility: 'recoverable', destructive: false });
}

function awsS3(v: CommandView, p: ParsedArgs, op: string, paths: readonly string[], ambient: string[], where: string, dry: boolean, forceTags: Tag[]): Finding | undefined {
  const remote = paths.filter((x) => x.startsWith('s3://'));
  const buckets = [...new Set(remote.map(s3Bucket).filter((b): b is string => !!b))];
  const targets: Target[] = [...buckets.map((b) => ({ kind: 'bucket', name: b }) as Target), ...remote.map((u) => ({ kind: 'url', name: u }) as Target)];
  const ids = [...buckets, ...ambient];
  const recursive = flag(p, '--recursive');
  const wild = opts(p, '--exclude', '--include').length ? ['wildcard' as Tag] : [];
  const alt = [`aws s3 ${op} … --dryrun to list what would be deleted`, 'Turn on bucket versioning so deleted objects can be restored'];
  if (dry) return undefined;
  switch (op) {
    case 'rm':
      return finding({
        ruleId: 'cloud.aws.s3-rm', risk: 'high', summary: `deletes ${recursive ? 'every object under ' : ''}${remote.join(' ')}${where}`,
        targets, identifiers: ids, tags: ['cloud-resource', 'data-loss', 'irreversible', ...(recursive ? ['recursive-delete' as Tag] : []), ...wild, ...forceTags], reversibility: 'irreversible', alternatives: alt,
      });
    case 'rb':
      return finding({
        ruleId: 'cloud.aws.s3-rb', risk: 'high', summary: `deletes the bucket ${buckets.join(', ')}${flag(p, '--force') ? ' and every object in it' : ''}${where}`,
        targets, identifiers: ids, tags: ['cloud-resource', 'data-loss', 'irreversible', ...(flag(p, '--force') ? ['recursive-delete' as Tag] : []), ...forceTags], reversibility: 'irreversible', alternatives: alt,
      });
    case 'sync': {
      const dest = paths[paths.length - 1] ?? '';
      if (!flag(p, '--delete')) return dest.startsWith('s3://') ? finding({ ruleId: 'cloud.aws.s3-write', risk: 'medium', summary: `uploads ${paths[0]} to ${dest}${where}`, targets, identifiers: ids, tags: ['cloud-resource'], reversibility: 'recoverable', destructive: false }) : undefined;
      if (!dest.startsWith('s3://')) {
        return { ruleId: 'cloud.aws.s3-sync-delete', risk: 'medium', effect: 'delete', summary: `syncs ${paths[0]} into ${dest}, deleting local files that are not in the bucket`, targets: [{ kind: 'path', name: v.resolve(dest) }], reversibility: 'recoverable', tags: ['data-loss'], destroys: [v.resolve(dest)] };
      }
      return finding({
        ruleId: 'cloud.aws.s3-sync-delete', risk: 'high', summary: `syncs ${paths[0]} to ${dest} and deletes every object there that is not in the source${where}`,
        targets, identifiers: ids, tags: ['cloud-resource', 'data-loss', 'irreversible', 'recursive-delete', ...wild], reversibility: 'irreversible', alternatives: ['aws s3 sync … --delete --dryrun to list what would be deleted', 'Turn on bucket versioning so deleted objects can be restored'],
      });
    }
    case 'mv':
    case 'cp': {
      const dest = paths[paths.length - 1] ?? '';
      if (dest.startsWith('s3://') || (op === 'mv' && paths[0]?.startsWith('s3://'))) {
        return finding({ ruleId: 'cloud.aws.s3-write', risk: 'medium', summary: `${op === 'mv' ? 'moves' : 'copies'} ${paths[0]} to ${dest}${recursive ? ' recursively' : ''}${where}, overwriting objects with the same names`, targets, identifiers: ids, tags: ['cloud-resource'], reversibility: 'recoverable', destructive: false });
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

// ---- gcloud / gsutil ----------------------------------------------------------------------------

const GCLOUD_VALUES = new Set(['--project', '--zone', '--region', '--account', '--configuration', '--format', '--filter', '--limit', '--sort-by', '--page-size', '--verbosity',
  '--impersonate-service-account', '--billing-project', '--location', '--cluster', '--instance', '--database', '--namespace', '--image', '--machine-type', '--source', '--platform',
  '--member', '--role', '--keyring', '--key', '--bucket', '--trace-token', '--flags-file', '--service', '--version', '--topic', '--subscription', '--dataset', '--network', '--subnet',
  '--tier', '--memory', '--cpu', '--num-nodes', '--node-pool', '--release-channel', '--runtime', '--entry-point', '--trigger-http', '--env-vars-file', '--set-env-vars', '--tag', '--port']);
const GCLOUD_DESTROY = new Set(['delete', 'destroy', 'remove', 'rm', 'purge', 'wipe', 'delete-all', 'remove-iam-policy-binding']);
const GCLOUD_SOFT = /^(remove-iam-policy-binding|remove-.*|disable|stop|reset|resize|undeploy)$/;

function gcloudCheck(v: CommandView): Finding | undefined {
  const p = parseArgs(v.args, { values: GCLOUD_VALUES });
  const pos = p.positionals;
  const project = opt(p, '--project') ?? v.env('CLOUDSDK_CORE_PROJECT') ?? v.env('GOOGLE_CLOUD_PROJECT');
  const quiet = flag(p, '--quiet', '-q');
  const verbAt = pos.findIndex((w) => GCLOUD_DESTROY.has(w));
  const path = verbAt >= 0 ? pos.slice(0, verbAt) : pos;
  const where = project ? ` in project ${project}` : '';
  if (pos[0] === 'storage' && (pos[1] === 'rm' || pos[1] === 'rb' || (pos[1] === 'buckets' && pos[2] === 'delete'))) return gsRemove(v, pos.slice(pos[1] === 'buckets' ? 3 : 2), pos[1] === 'rb' || pos[1] === 'buckets', flag(p, '-r', '-R', '--recursive'), project, quiet, 'gcloud storage');
  if (verbAt < 0) {
    const verb = pos.find((w) => !/^[a-z0-9-]+$/.test(w) ? false : /^(deploy|create|update|set|add|patch|import|apply|enable|start|restart|resize|reset|stop|disable|undelete|promote|failover|migrate)/.test(w));
    if (!verb || pos[0] === 'config' || pos[0] === 'auth' || pos[0] === 'components') return undefined;
    const outage = /^(stop|disable|reset|resize)/.test(verb) && (verb !== 'resize' || opt(p, '--num-nodes', '--size') === '0');
    return finding({ ruleId: outage ? 'cloud.gcloud.stop' : 'cloud.gcloud.mutation', risk: 'medium', summary: `runs gcloud ${pos.slice(0, pos.indexOf(verb) + 1).join(' ')}${where}`, targets: project ? [{ kind: 'project', name: project }] : [], identifiers: [project ?? ''], tags: ['cloud-resource', ...(outage ? ['outage' as Tag] : [])], reversibility: 'recoverable', destructive: outage });
  }
  const verb = pos[verbAt]!;
  const names = pos.slice(verbAt + 1);
  const group = path.join(' ');
  const info = nounInfo(path.slice(-1).join(' ') + ' ' + group);
  const tags: Tag[] = ['cloud-resource', ...info.tags, ...(quiet ? ['confirmation-bypass' as Tag] : [])];
  const notes: string[] = [];
  let kind = info.kind;
  if (path[0] === 'projects') { kind = 'project'; notes.push('every resource in the project goes with it'); tags.push('data-loss', 'database', 'backup'); }
  if (path[0] === 'sql' && path[1] === 'instances') { tags.push('database', 'backup'); notes.push("Cloud SQL deletes the instance's backups with it"); kind = 'database'; }
  if (path[0] === 'container' && path[1] === 'clusters') { tags.push('kubernetes'); kind = 'cluster'; }
  if (path.includes('disks')) kind = 'volume';
  if (path.includes('snapshots') || path.includes('backups')) { tags.push('backup'); }
  const soft = GCLOUD_SOFT.test(verb) || /iam-policy-binding|versions$|revisions$|operations$|tags?$|labels?$/.test(group + ' ' + verb) || path.includes('versions') && path[0] === 'app';
  const targets: Target[] = [...names.map((n) => ({ kind, name: n }) as Target), ...(project && kind !== 'project' ? [{ kind: 'project', name: project } as Target] : [])];
  const ids = [...names, project ?? ''];
  return finding({
    ruleId: soft ? 'cloud.gcloud.delete' : 'cloud.gcloud.destroy', risk: soft ? 'medium' : 'high',
    summary: `${verb === 'delete' || verb === 'destroy' ? 'deletes' : `runs ${verb} on`} ${group} ${names.join(', ') || '(names not given)'}${where}${notes.length ? ` (${notes.join('; ')})` : ''}${quiet ? ', without a prompt' : ''}`,
    targets, identifiers: ids, tags: soft ? tags.filter((t) => t !== 'data-loss') : [...tags, 'irreversible', 'data-loss'], reversibility: soft ? 'recoverable' : path[0] === 'projects' ? 'recoverable' : 'irreversible',
    alternatives: [`gcloud ${group} describe ${names[0] ?? '…'} to confirm what it is and which project it belongs to`],
  });
}

function gsRemove(v: CommandView, urls: readonly string[], bucketDelete: boolean, recursive: boolean, project: string | undefined, quiet: boolean, tool: string): Finding {
  const remote = urls.filter((u) => /^gs:\/\//.test(u));
  const buckets = [...new Set(remote.map((u) => /^gs:\/\/([^/]+)/.exec(u)?.[1]).filter((b): b is string => !!b))];
  const wild = remote.some((u) => /[*?[]/.test(u));
  return finding({
    ruleId: bucketDelete ? 'cloud.gcs.bucket-delete' : 'cloud.gcs.rm', risk: 'high',
    summary: `${bucketDelete ? `deletes the bucket${buckets.length > 1 ? 's' : ''} ${buckets.join(', ')}` : `deletes ${recursive || wild ? 'everything matching ' : ''}${remote.join(' ')}`} with ${tool}${project ? ` in project ${project}` : ''}`,
    targets: [...buckets.map((b) => ({ kind: 'bucket', name: b }) as Target), ...remote.map((u) => ({ kind: 'url', name: u }) as Target)], identifiers: [...buckets, project ?? ''],
    tags: ['cloud-resource', 'data-loss', 'irreversible', ...(recursive || bucketDelete ? ['recursive-delete' as Tag] : []), ...(wild ? ['wildcard' as Tag] : []), ...(quiet ? ['confirmation-bypass' as Tag] : [])],
    reversibility: 'irreversible', alternatives: ['List what matches first (gsutil ls / gcloud storage ls)', 'Turn on object versioning or soft delete for the bucket'],
  });
}

const GSUTIL_TOP_VALUES = new Set(['-o', '-h', '-p', '-u', '-i']);

function gsutilCheck(v: CommandView): Finding | undefined {
  // Top-level options come before the sub-command: `gsutil -m -o X rm -r gs://b`.
  let i = 0;
  while (i < v.args.length && v.args[i]!.startsWith('-')) i += GSUTIL_TOP_VALUES.has(v.args[i]!) ? 2 : 1;
  const sub = v.args[i];
  const rest = v.args.slice(i + 1);
  const p = parseArgs(rest, { values: new Set(['-x', '-c', '-j', '-a', '-s', '-z', '-p']) });
  const project = v.env('CLOUDSDK_CORE_PROJECT');
  switch (sub) {
    case 'rm': case 'del': case 'delete': case 'remove':
      return gsRemove(v, p.positionals, false, flag(p, '-r', '-R', '-a'), project, flag(p, '-f'), 'gsutil');
    case 'rb':
      return gsRemove(v, p.positionals, true, flag(p, '-f'), project, flag(p, '-f'), 'gsutil');
    case 'rsync': {
      const dest = p.positionals[p.positionals.length - 1] ?? '';
      if (!flag(p, '-d')) return dest.startsWith('gs://') ? finding({ ruleId: 'cloud.gcs.write', risk: 'medium', summary: `uploads ${p.positionals[0]} to ${dest}`, targets: [{ kind: 'url', name: dest }], identifiers: [dest], tags: ['cloud-resource'], reversibility: 'recoverable', destructive: false }) : undefined;
      if (!dest.startsWith('gs://')) return { ruleId: 'cloud.gcs.rsync-delete', risk: 'medium', effect: 'delete', summary: `mirrors ${p.positionals[0]} into ${dest}, deleting local files not in the source`, targets: [{ kind: 'path', name: v.resolve(dest) }], reversibility: 'recoverable', tags: ['data-loss'], destroys: [v.resolve(dest)] };
      const bucket = /^gs:\/\/([^/]+)/.exec(dest)?.[1] ?? dest;
      return finding({ ruleId: 'cloud.gcs.rsync-delete', risk: 'high', summary: `mirrors ${p.positionals[0]} to ${dest} and deletes every object there that is not in the source`, targets: [{ kind: 'bucket', name: bucket }, { kind: 'url', name: dest }], identifiers: [bucket], tags: ['cloud-resource', 'data-loss', 'irreversible', 'recursive-delete'], reversibility: 'irreversible', alternatives: ['gsutil rsync -n -d … to list what would be deleted'] });
    }
    case 'mv': case 'cp': {
      const dest = p.positionals[p.positionals.length - 1] ?? '';
      if (!dest.startsWith('gs://') && !(sub === 'mv' && p.positionals[0]?.startsWith('gs://'))) return undefined;
      return finding({ ruleId: 'cloud.gcs.write', risk: 'medium', summary: `${sub === 'mv' ? 'moves' : 'copies'} ${p.positionals.slice(0, -1).join(' ')} to ${dest}`, targets: [{ kind: 'url', name: dest }], identifiers: [dest], tags: ['cloud-resource'], reversibility: 'recoverable', destructive: false });
    }
    default:
      return undefined;
  }
}

// ---- az -----------------------------------------------------------------------------------------

const AZ_BOOLEANS = new Set(['--yes', '--no-wait', '--force', '--verbose', '--debug', '--only-show-errors', '--no-prompt', '--force-deletion', '--delete-snapshots', '--recursive', '--dryrun', '--dry-run', '--if-exists']);
const AZ_DESTROY = /^(delete|purge|remove|delete-batch|destroy|delete-all)$/;

function azCheck(v: CommandView): Finding | undefined {
  const p = parseArgs(v.args, { longTakesValue: true, booleans: AZ_BOOLEANS, values: new Set(['-g', '-n', '-s', '-c', '-d', '-l']), positionalsFirst: true });
  const pos = p.positionals;
  const verbAt = pos.findIndex((w) => AZ_DESTROY.test(w));
  const subscription = opt(p, '--subscription') ?? v.env('AZURE_SUBSCRIPTION_ID');
  const group = opt(p, '--resource-group', '-g');
  const name = opt(p, '--name', '-n') ?? opt(p, '--server', '-s') ?? opt(p, '--account-name') ?? opt(p, '--vault-name') ?? opt(p, '--source', '-c', '--container-name');
  const yes = flag(p, '--yes', '-y', '--force');
  const ids = [subscription ?? '', group ?? '', name ?? ''];
  const where = `${group ? ` in resource group ${group}` : ''}${subscription ? ` (subscription ${subscription})` : ''}`;
  if (flag(p, '--dryrun', '--dry-run')) return undefined;
  if (verbAt < 0) {
    const verb = pos.find((w) => /^(create|update|set|add|deploy|start|restart|stop|deallocate|scale|import|swap|up|assign|apply|config|upload)/.test(w));
    if (!verb || pos[0] === 'account' || pos[0] === 'login' || pos[0] === 'config' || pos[0] === 'extension') return undefined;
    const outage = /^(stop|deallocate)/.test(verb);
    return finding({ ruleId: outage ? 'cloud.az.stop' : 'cloud.az.mutation', risk: 'medium', summary: `runs az ${pos.slice(0, pos.indexOf(verb) + 1).join(' ')}${name ? ` on ${name}` : ''}${where}`, targets: name ? [{ kind: 'resource', name }] : [], identifiers: ids, tags: ['cloud-resource', ...(outage ? ['outage' as Tag] : [])], reversibility: 'recoverable', destructive: outage });
  }
  const path = pos.slice(0, verbAt);
  const verb = pos[verbAt]!;
  const groupDelete = path.length === 1 && path[0] === 'group';
  const info = groupDelete ? { kind: 'resource' as TargetKind, tags: ['infrastructure', 'cloud-resource', 'database', 'data-loss'] as Tag[] } : nounInfo(path.join(' '));
  const soft = path[0] === 'keyvault' && verb === 'delete' || /role|lock|tag|policy|assignment|rule$/.test(path.join(' ')) || path[0] === 'ad' && verb === 'remove';
  const target = groupDelete ? group ?? name ?? '?' : name ?? group ?? '?';
  const tags: Tag[] = ['cloud-resource', ...info.tags, ...(yes ? ['confirmation-bypass' as Tag] : []), ...(verb === 'delete-batch' ? ['recursive-delete' as Tag, 'wildcard' as Tag] : [])];
  if (path.includes('snapshot') || path.includes('backup')) tags.push('backup');
  if (path[0] === 'aks') tags.push('kubernetes');
  return finding({
    ruleId: soft ? 'cloud.az.delete' : 'cloud.az.destroy', risk: soft ? 'medium' : 'high',
    summary: `${verb === 'purge' ? 'purges' : 'deletes'} ${path.join(' ')} ${target}${where}${groupDelete ? ', with every resource in the group' : ''}${yes ? ', without a prompt' : ''}`,
    targets: [{ kind: groupDelete ? 'resource' : info.kind, name: target }], identifiers: ids, tags: soft ? tags : [...tags, 'irreversible', 'data-loss'],
    reversibility: soft ? 'recoverable' : 'irreversible', alternatives: [`az ${path.join(' ')} show … to confirm what it is and which subscription it belongs to`, 'Put a delete lock (az lock create --lock-type CanNotDelete) on production resources'],
  });
}

// ---- bq (BigQuery) ---------------------------------------------------------------------------------
// `bq rm [-f] [-r] [-d|-t|-m] PROJECT:DATASET[.TABLE]` deletes datasets (with -r, every table in them) and tables.
function bqCheck(v: CommandView): Finding | undefined {
  const p = parseArgs(v.args, { values: new Set(['--project_id', '--location', '--format', '--dataset_id', '--api', '--transfer_config', '--reservation', '--capacity_commitment']) });
  if (p.positionals[0] !== 'rm') return undefined;
  const names = p.positionals.slice(1);
  const dataset = flag(p, '-d', '--dataset') || (!flag(p, '-t', '--table', '-m', '--model') && names.length > 0 && names.every((n) => !n.includes('.')));
  const what = dataset ? 'dataset' : flag(p, '-m', '--model') ? 'model' : 'table';
  const project = opt(p, '--project_id') ?? v.env('CLOUDSDK_CORE_PROJECT');
  const recursive = flag(p, '-r', '--recursive');
  return finding({
    ruleId: 'cloud.bq.rm', risk: 'high',
    summary: `deletes BigQuery ${what} ${names.join(', ') || '(name not given)'}${recursive ? ' and every table in it' : ''}${project ? ` in project ${project}` : ''}${flag(p, '-f', '--force') ? ', without a prompt' : ''}`,
    targets: names.map((n) => ({ kind: (dataset ? 'database' : 'table') as Target['kind'], name: n })), identifiers: [...names, project ?? ''],
    tags: ['cloud-resource', 'database', 'data-loss', 'irreversible', ...(recursive ? ['recursive-delete' as Tag] : []), ...(flag(p, '-f', '--force') ? ['confirmation-bypass' as Tag] : [])],
    reversibility: 'irreversible', alternatives: ['bq show NAME (check what it holds); copy the table or dataset first (bq cp)'],
  });
}

// ---- PowerShell cloud modules ------------------------------------------------------------------------
// Az (Remove-AzResourceGroup, Remove-AzSqlDatabase…), AWS Tools (Remove-S3Bucket, Remove-EC2Instance…) and
// Google Cloud Tools (Remove-GcsBucket…) delete cloud resources by cmdlet name; -Force skips the prompt.
const PS_CLOUD = /^(remove|clear)-(az(?:urerm)?|s3|ec2|rds|ddb|cfn|lm|ecr|eks|ecs|kms|sec|iam|r53|efs|gcs|gce|gcsql|gcd)([a-z0-9]+)$/i;
const PS_KIND: readonly [RegExp, TargetKind, readonly Tag[]][] = [
  [/sql|database|db|ddb|cosmos|table|redis/i, 'database', ['database', 'data-loss']],
  [/snapshot|backup|recoverypoint|vault/i, 'resource', ['backup', 'data-loss']],
  [/disk|volume|efs/i, 'volume', ['volume', 'data-loss']],
  [/bucket|storage|blob|container|share|s3|gcs/i, 'bucket', ['data-loss']],
  [/cluster|aks|eks/i, 'cluster', ['kubernetes']],
  [/resourcegroup|subscription|stack|cfn|project/i, 'project', ['data-loss']],
];

function psCloudCheck(v: CommandView): Finding | undefined {
  const c = v.program.charCodeAt(0) | 32;
  if (c !== 0x72 && c !== 0x63) return undefined; // cheap precheck: Remove-… / Clear-…
  const m = PS_CLOUD.exec(v.program.replace(/^.*[\\/]/, ''));
  if (!m) return undefined;
  const noun = m[2]! + m[3]!;
  const kind = PS_KIND.find(([re]) => re.test(noun));
  const named: string[] = [];
  for (let i = 0; i < v.args.length; i++) {
    const a = v.args[i]!;
    if (/^-(Name|ResourceGroupName|BucketName|InstanceId|DBInstanceIdentifier|TableName|StackName|VolumeId|SnapshotId|ServerName|DatabaseName|ClusterName|Id)$/i.test(a) && v.args[i + 1]) named.push(v.args[++i]!);
    else if (!a.startsWith('-') && i === 0) named.push(a);
  }
  const force = v.args.some((a) => /^-(Force|Confirm:\$false)$/i.test(a));
  return finding({
    ruleId: 'cloud.powershell.remove', risk: 'high',
    summary: `${m[1]!.toLowerCase() === 'clear' ? 'clears' : 'deletes'} ${noun.replace(/^(az|azurerm)/i, 'Azure ').replace(/([a-z])([A-Z])/g, '$1 $2')} ${named.join(', ') || '(name not given)'} with ${v.program}${force ? ', without a prompt' : ''}`,
    targets: named.map((n) => ({ kind: kind?.[1] ?? 'resource', name: n })), identifiers: named,
    tags: ['cloud-resource', 'irreversible', ...(kind?.[2] ?? ['data-loss' as Tag]), ...(force ? ['confirmation-bypass' as Tag] : [])],
    reversibility: 'irreversible', alternatives: [`${v.program} … -WhatIf  — show what would be deleted`],
  });
}

export const rules: readonly Rule[] = [
  { id: 'cloud.powershell', programs: 'any', description: 'PowerShell cloud cmdlets: Remove-Az*, AWS Tools Remove-S3Bucket/Remove-EC2Instance…, Remove-Gcs*', check: withCtx(psCloudCheck) },
  { id: 'cloud.bq', programs: ['bq'], description: 'bq rm of BigQuery datasets, tables and models', check: withCtx(bqCheck) },
  { id: 'cloud.aws', programs: ['aws'], description: 'aws: delete-/terminate-/remove-/purge-/deregister- operations, s3 rm/rb/sync --delete, secret reads, other mutations', check: withCtx(awsCheck) },
  { id: 'cloud.gcloud', programs: ['gcloud'], description: 'gcloud: delete/destroy of projects, SQL instances, clusters, disks, buckets…; other mutations', check: withCtx(gcloudCheck) },
  { id: 'cloud.gcs', programs: ['gsutil'], description: 'gsutil rm -r, rb, rsync -d and uploads', check: withCtx(gsutilCheck) },
  { id: 'cloud.az', programs: ['az'], description: 'az: group delete, vm/sql/storage/aks delete, keyvault purge, other mutations', check: withCtx(azCheck) },
];
