// Rule family: kubernetes — kubectl (and oc) deletes, drains, scale-to-zero, forced replaces,
// pruning applies, context switches, secret reads; helm uninstall/rollback; cluster tools.
// Every remote finding names the context, kubeconfig and namespace so the engine can tell
// production from staging; an unknown context is unverified.
import { remoteImpact, subView } from '../invocation.js';
import type { Finding, Risk, Tag, Target } from '../model.js';
import type { CommandView, Rule } from './rule.js';
import { namesOnly } from '../generic/payload.js';
import { LOCAL_CLUSTER } from '../environment.js';

const KUBECTL_WITH_VALUE = ['-n', '--namespace', '--context', '--kubeconfig', '--cluster', '--user', '-f', '--filename', '-l', '--selector', '-o', '--output', '--field-selector', '--grace-period', '--timeout', '--cascade', '--replicas', '--current-replicas', '-p', '--patch', '--type', '--for', '-c', '--container', '--server', '-s', '--token', '--as', '--as-group', '--request-timeout', '--prune-allowlist', '--prune-whitelist', '-k', '--kustomize', '--field-manager', '--dry-run', '--resource-version', '--pod-selector', '--chunk-size', '-L', '--label-columns', '--sort-by', '--template', '--raw', '-R', '--image', '--port', '--env'];

/** Resource kinds by blast radius. */
const VOLUME_KINDS = /^(persistentvolumeclaims?|pvc|persistentvolumes?|pv|volumesnapshots?)$/i;
const DATA_KINDS = /^(namespaces?|ns|persistentvolumeclaims?|pvc|persistentvolumes?|pv|statefulsets?(\.apps)?|sts|customresourcedefinitions?(\.apiextensions\.k8s\.io)?|crds?|storageclass(es)?|sc|volumesnapshots?|secrets?|configmaps?|cm|all|etcd\w*)$/i;
const OUTAGE_KINDS = /^(deployments?(\.apps)?|deploy|daemonsets?(\.apps)?|ds|services?|svc|ingress(es)?|ing|nodes?|no|replicasets?|rs|cronjobs?|cj|jobs?|horizontalpodautoscalers?|hpa|networkpolic(y|ies)|netpol|clusterroles?|clusterrolebindings?|roles?|rolebindings?|serviceaccounts?|sa|mutatingwebhookconfigurations?|validatingwebhookconfigurations?|apiservices?|gateways?|httproutes?|virtualservices?|certificates?|issuers?|clusterissuers?|poddisruptionbudgets?|pdb|priorityclass(es)?)$/i;
const LIGHT_KINDS = /^(pods?|po|events?|ev|leases?|endpoints?|ep|endpointslices?)$/i;
const CLUSTER_SCOPED = /^(namespaces?|ns|nodes?|no|persistentvolumes?|pv|customresourcedefinitions?|crds?|clusterroles?|clusterrolebindings?|storageclass(es)?|sc|mutatingwebhookconfigurations?|validatingwebhookconfigurations?|apiservices?|priorityclass(es)?|clusterissuers?)$/i;

export interface KubeTarget {
  readonly context: string | undefined;
  readonly namespace: string | undefined;
  readonly identifiers: string[];
  /** A kind, minikube or desktop cluster on this machine. */
  readonly local?: boolean;
}

function where(v: CommandView, contextFlag = '--context', nsFlags = ['-n', '--namespace']): KubeTarget {
  const context = v.value(contextFlag) ?? v.ctx.kubeContext;
  const kubeconfig = v.value('--kubeconfig') ?? v.env('KUBECONFIG');
  const namespace = v.value(...nsFlags);
  const cluster = v.value('--cluster', '--server', '-s');
  // Every namespace of a kind or minikube cluster is on this machine: the context alone says where.
  if (context && LOCAL_CLUSTER.test(context) && !kubeconfig && !cluster) return { context, namespace, identifiers: [context], local: true };
  const ids = [v.value(contextFlag), kubeconfig, namespace, cluster].filter((x): x is string => !!x);
  return { context, namespace, identifiers: ids };
}

/** A `-o` output that shows secret values: yaml/json, or a template or column list that reaches `.data` / `.stringData`. */
export function secretValuesShown(output: string): boolean {
  return /^(yaml|json)/.test(output) || (/^(jsonpath|go-template|custom-columns)/.test(output) && /\.(data|stringData)\b|\{\.\}|\{\{\s*\.\s*\}\}/.test(output));
}

const where2 = (k: KubeTarget): string => `${k.namespace ? `namespace ${k.namespace} of ` : ''}${k.context ? `context ${k.context}` : 'the current kube context'}`;
const dryRun = (v: CommandView): boolean => {
  const d = v.value('--dry-run');
  return d !== undefined ? d !== 'none' : v.args.includes('--dry-run');
};
const ALTS = ['kubectl diff -f … (see the change first)', 'add --dry-run=server'];

function kindsFromDocument(text: string): { kinds: string[]; names: string[]; namespaces: string[] } {
  const kinds = [...text.matchAll(/^\s*kind:\s*["']?(\w+)/gm)].map((m) => m[1]!);
  const names = [...text.matchAll(/^\s{2,4}name:\s*["']?([\w.-]+)/gm)].map((m) => m[1]!);
  const namespaces = [...text.matchAll(/^\s{2,4}namespace:\s*["']?([\w.-]+)/gm)].map((m) => m[1]!);
  return { kinds, names, namespaces };
}

function kubeDelete(v: CommandView, base: CommandView, rest: CommandView): Finding | undefined {
  if (dryRun(base)) return undefined;
  const k = where(base);
  const pos = rest.positionals(KUBECTL_WITH_VALUE);
  const typeSpec = pos[0] ?? '';
  let kinds = typeSpec.includes('/') ? pos.map((p) => p.split('/')[0]!) : typeSpec.split(',').filter(Boolean);
  let names = typeSpec.includes('/') ? pos.map((p) => p.split('/')[1] ?? '') : pos.slice(1);
  const files = rest.values('-f', '--filename', '-k', '--kustomize');
  let unseen = false;
  const nsIds = [...k.identifiers];
  if (files.length) {
    const doc = files.includes('-') && v.cmd.stdin?.kind === 'document' ? v.cmd.stdin.text : undefined;
    if (doc) {
      const d = kindsFromDocument(doc);
      kinds = [...kinds, ...d.kinds];
      names = [...names, ...d.names];
      nsIds.push(...d.namespaces);
    } else unseen = true;
  }
  const all = base.has('--all') || base.has('-A', '--all-namespaces') || (!names.length && rest.has('-l', '--selector'));
  const data = kinds.some((x) => DATA_KINDS.test(x));
  const outage = kinds.some((x) => OUTAGE_KINDS.test(x));
  const light = kinds.length > 0 && kinds.every((x) => LIGHT_KINDS.test(x)) && !all;
  const clusterWide = kinds.some((x) => CLUSTER_SCOPED.test(x)) || base.has('-A', '--all-namespaces');
  const risk: Risk = light ? 'medium' : 'high';
  const tags: Tag[] = ['kubernetes', 'cloud-resource'];
  if (data || all || unseen) tags.push('data-loss', 'irreversible');
  if (outage || data || all || !light) tags.push('outage');
  if (all) tags.push('wildcard');
  if (kinds.some((x) => VOLUME_KINDS.test(x))) tags.push('volume');
  if (kinds.some((x) => /^volumesnapshots?$/i.test(x))) tags.push('backup');
  if (rest.has('--force') || rest.value('--grace-period') === '0') tags.push('confirmation-bypass');
  const targets: Target[] = [
    ...(k.context ? [{ kind: 'cluster' as const, name: k.context }] : []),
    ...(k.namespace ? [{ kind: 'namespace' as const, name: k.namespace }] : []),
    ...names.filter(Boolean).map((n, i) => ({ kind: (/^(namespaces?|ns)$/i.test(kinds[i] ?? kinds[0] ?? '') ? 'namespace' : 'resource') as Target['kind'], name: `${kinds[i] ?? kinds[0] ?? ''}/${n}`.replace(/^\//, '') })),
  ];
  const what = unseen ? `everything defined in ${files.join(', ')}` : `${all ? 'ALL ' : ''}${kinds.join(', ') || 'resources'}${names.length ? ` ${names.join(', ')}` : ''}`;
  return {
    ruleId: 'kubernetes.delete', risk, effect: 'delete',
    summary: `deletes ${what}${clusterWide ? ' (cluster-wide)' : ''} in ${base.has('-A', '--all-namespaces') ? 'every namespace of ' : ''}${where2(k)}${data ? ' — with the data they hold' : ''}`,
    targets, reversibility: data || all || unseen ? 'irreversible' : 'recoverable', tags: [...new Set(tags)],
    remote: remoteImpact(v, [...nsIds, ...names.filter((n) => /prod|stag|dev|test/i.test(n))], true), alternatives: ['kubectl delete … --dry-run=server', 'kubectl get … -o yaml > backup.yaml first'],
  };
}

function kubectl(v: CommandView): Finding | undefined {
  let base = v;
  // `k3s kubectl …`, `microk8s kubectl …`, `minikube kubectl -- …`
  if (v.program === 'k3s' || v.program === 'microk8s' || v.program === 'minikube') {
    const i = v.args.indexOf('kubectl');
    if (i < 0) return undefined;
    base = subView(v, v.args[i + 1] === '--' ? i + 2 : i + 1, 'kubectl');
  }
  const pos = base.positionals(KUBECTL_WITH_VALUE);
  const verb = pos[0];
  if (!verb) return undefined;
  const vi = base.args.indexOf(verb);
  const rest = subView(base, vi + 1);
  const k = where(base);
  const cluster: Target[] = [...(k.context ? [{ kind: 'cluster' as const, name: k.context }] : []), ...(k.namespace ? [{ kind: 'namespace' as const, name: k.namespace }] : [])];
  const r = (ruleId: string, risk: Risk, effect: Finding['effect'], summary: string, tags: Tag[], destructive: boolean, extra: Partial<Finding> = {}): Finding => ({
    ruleId, risk, effect, summary, targets: cluster, reversibility: destructive ? 'recoverable' : 'reversible',
    tags: ['kubernetes', ...tags], remote: remoteImpact(v, [...k.identifiers, ...rest.positionals(KUBECTL_WITH_VALUE).filter((n) => /prod|stag|dev|test/i.test(n))], destructive), ...extra,
  });
  const args = rest.positionals(KUBECTL_WITH_VALUE);
  switch (verb) {
    case 'delete':
      return kubeDelete(v, base, rest);
    case 'drain': {
      if (dryRun(rest)) return undefined;
      const data = rest.has('--delete-emptydir-data', '--delete-local-data');
      return r('kubernetes.drain', 'high', 'write', `drains node ${args[0] ?? '?'} in ${where2(k)}: evicts every pod${data ? ' and deletes their emptyDir data' : ''}`, ['outage', 'cloud-resource', ...(data ? (['data-loss'] as Tag[]) : []), ...(rest.has('--force', '--disable-eviction') ? (['confirmation-bypass'] as Tag[]) : [])], true, { targets: [...cluster, { kind: 'resource', name: `node/${args[0] ?? '?'}` }], alternatives: ['kubectl cordon first', 'kubectl drain --dry-run=server'] });
    }
    case 'cordon': case 'taint':
      if (dryRun(rest)) return undefined;
      return r('kubernetes.cordon', 'medium', 'write', `${verb}s node ${args[0] ?? '?'} in ${where2(k)} (no new pods scheduled there)`, ['outage'], true);
    case 'scale': {
      if (dryRun(rest)) return undefined;
      const n = rest.value('--replicas');
      if (n === '0') return r('kubernetes.scale-zero', 'high', 'write', `scales ${args.join(' ')} to zero replicas in ${where2(k)} (takes it offline)`, ['outage', 'cloud-resource'], true, { alternatives: ALTS });
      return r('kubernetes.scale', 'medium', 'write', `scales ${args.join(' ')} to ${n ?? '?'} replicas in ${where2(k)}`, [], false);
    }
    case 'replace':
      if (dryRun(rest)) return undefined;
      if (rest.has('--force')) return r('kubernetes.replace-force', 'high', 'delete', `deletes and recreates the resources in ${rest.values('-f', '--filename').join(', ') || 'the manifest'} in ${where2(k)} (--force)`, ['outage', 'data-loss', 'confirmation-bypass'], true, { alternatives: ALTS });
      return r('kubernetes.apply', 'medium', 'write', `replaces resources in ${where2(k)}`, [], true, { alternatives: ALTS });
    case 'apply': case 'create': case 'patch': case 'edit': case 'set': case 'rollout': case 'label': case 'annotate': case 'expose': case 'run': case 'autoscale': case 'cp':
      if (dryRun(rest)) return undefined;
      if (verb === 'apply' && rest.has('--prune')) return r('kubernetes.apply-prune', 'high', 'delete', `applies ${rest.values('-f', '--filename', '-k').join(', ') || 'manifests'} and DELETES every matching resource not in them in ${where2(k)} (--prune${rest.has('--all') ? ' --all' : ''})`, ['data-loss', 'outage', 'cloud-resource'], true, { alternatives: ALTS });
      if (verb === 'apply' && rest.has('--force')) return r('kubernetes.replace-force', 'high', 'delete', `applies with --force (deletes and recreates conflicting resources) in ${where2(k)}`, ['outage', 'confirmation-bypass'], true, { alternatives: ALTS });
      if (verb === 'rollout') {
        const sub = args[0];
        if (sub === 'status' || sub === 'history') return undefined;
        if (sub === 'restart') return r('kubernetes.rollout-restart', 'medium', 'write', `restarts every pod of ${args.slice(1).join(' ') || '?'} in ${where2(k)}`, [], false);
        return r('kubernetes.rollout', 'medium', 'write', `rollout ${sub ?? ''} ${args.slice(1).join(' ')} in ${where2(k)}`, [], true);
      }
      if (verb === 'label' || verb === 'annotate') return r(`kubernetes.${verb}`, 'medium', 'write', `${verb}s ${args.join(' ')} in ${where2(k)}`, [], false);
      if (verb === 'cp') return r('kubernetes.cp', 'medium', 'write', `copies files to or from a pod in ${where2(k)}`, [], false);
      return r(`kubernetes.${verb === 'create' || verb === 'run' || verb === 'expose' || verb === 'autoscale' ? 'create' : 'apply'}`, 'medium', 'write', `${verb} ${args.slice(0, 3).join(' ') || rest.values('-f', '--filename', '-k').join(', ')} in ${where2(k)}`.replace(/\s+/g, ' '), [], verb !== 'create' && verb !== 'run' && verb !== 'expose', { alternatives: ALTS });
    case 'config': {
      const sub = args[0];
      if (sub === 'use-context' || sub === 'use') return { ruleId: 'kubernetes.use-context', risk: 'medium', effect: 'write', summary: `switches the kube context to ${args[1] ?? '?'} for every later command`, targets: [{ kind: 'cluster', name: args[1] ?? '?' }], reversibility: 'reversible', tags: ['kubernetes', 'shared-state'] };
      if (sub === 'delete-context' || sub === 'delete-cluster' || sub === 'delete-user' || sub === 'unset') return { ruleId: 'kubernetes.config-edit', risk: 'medium', effect: 'write', summary: `kubectl config ${sub} ${args[1] ?? ''}`, reversibility: 'recoverable', tags: ['kubernetes', 'shared-state'] };
      if (sub === 'set-context' || sub === 'set-cluster' || sub === 'set-credentials' || sub === 'set') return { ruleId: 'kubernetes.config-edit', risk: 'medium', effect: 'write', summary: `kubectl config ${sub} ${args[1] ?? ''}`, reversibility: 'reversible', tags: ['kubernetes', 'shared-state'] };
      if (sub === 'view' && rest.has('--raw')) return { ruleId: 'kubernetes.secret-read', risk: 'high', effect: 'read', summary: 'prints the kubeconfig with its credentials (--raw)', reversibility: 'reversible', tags: ['kubernetes', 'credential', 'secret-exposure'] };
      return undefined;
    }
    case 'get': case 'describe': {
      const kinds = (args[0] ?? '').split(',');
      const output = rest.value('-o', '--output') ?? '';
      if (verb === 'get' && kinds.some((x) => /^secrets?$/i.test(x.split('/')[0]!)) && secretValuesShown(output) && !namesOnly(v.cmd.ctx.pipeline?.next)) {
        return { ruleId: 'kubernetes.secret-read', risk: 'high', effect: 'read', summary: `reveals the values of secret ${args[1] ?? args[0] ?? ''} in ${where2(k)}`, targets: cluster, reversibility: 'reversible', tags: ['kubernetes', 'credential', 'secret-exposure'] };
      }
      return undefined;
    }
    case 'certificate':
      if (args[0] === 'approve') return r('kubernetes.certificate-approve', 'high', 'privilege', `approves certificate signing request ${args[1] ?? ''} (grants cluster identity)`, ['privilege'], false);
      return undefined;
    case 'proxy': case 'port-forward':
      return undefined;
    default:
      return undefined;
  }
}

const HELM_WITH_VALUE = ['-n', '--namespace', '--kube-context', '--kubeconfig', '-f', '--values', '--set', '--set-string', '--set-file', '--version', '--timeout', '-o', '--output', '--repo', '--description', '--history-max', '--post-renderer', '--cascade'];

function helm(v: CommandView): Finding | undefined {
  const pos = v.positionals(HELM_WITH_VALUE);
  const [verb, release] = pos;
  if (!verb || v.has('--dry-run')) return undefined;
  const k = where(v, '--kube-context');
  const targets: Target[] = [...(k.context ? [{ kind: 'cluster' as const, name: k.context }] : []), ...(k.namespace ? [{ kind: 'namespace' as const, name: k.namespace }] : []), ...(release ? [{ kind: 'service' as const, name: release }] : [])];
  const ids = [...k.identifiers, ...(release && !k.local ? [release] : [])];
  switch (verb) {
    case 'uninstall': case 'delete': case 'del': case 'un':
      return { ruleId: 'kubernetes.helm-uninstall', risk: 'high', effect: 'delete', summary: `uninstalls Helm release ${pos.slice(1).join(', ') || '?'} from ${where2(k)}: deletes all its resources`, targets, reversibility: 'irreversible', tags: ['kubernetes', 'cloud-resource', 'outage', 'data-loss', 'irreversible'], remote: remoteImpact(v, ids, true), alternatives: ['helm uninstall --dry-run', 'helm get manifest RELEASE first'] };
    case 'rollback':
      return { ruleId: 'kubernetes.helm-rollback', risk: 'medium', effect: 'write', summary: `rolls Helm release ${release ?? '?'} back to revision ${pos[2] ?? 'previous'} in ${where2(k)}`, targets, reversibility: 'recoverable', tags: ['kubernetes', ...(v.has('--force') ? (['confirmation-bypass'] as Tag[]) : [])], remote: remoteImpact(v, ids, true) };
    case 'upgrade': case 'install':
      return { ruleId: 'kubernetes.helm-deploy', risk: 'medium', effect: 'write', summary: `${verb}s Helm release ${release ?? '?'} in ${where2(k)}`, targets, reversibility: 'recoverable', tags: ['kubernetes', ...(v.has('--force') ? (['confirmation-bypass'] as Tag[]) : [])], remote: remoteImpact(v, ids, verb === 'upgrade'), alternatives: ['helm diff upgrade …', 'helm upgrade --dry-run'] };
    default:
      return undefined;
  }
}

function clusterTools(v: CommandView): Finding | undefined {
  const pos = v.positionals(['--name', '-n', '--region', '--profile', '-f', '--config-file', '-p', '--cluster']);
  const p = v.program;
  if (p === 'eksctl' && pos[0] === 'delete') {
    const name = v.value('--name', '-n') ?? pos[2] ?? '?';
    return { ruleId: 'kubernetes.cluster-delete', risk: 'high', effect: 'delete', summary: `deletes EKS ${pos[1] ?? 'resource'} ${name}`, targets: [{ kind: 'cluster', name }], reversibility: 'irreversible', tags: ['kubernetes', 'cloud-resource', 'irreversible', 'data-loss', 'outage'], remote: remoteImpact(v, [name, v.value('--region'), v.value('--profile')], true) };
  }
  if ((p === 'kind' || p === 'k3d' || p === 'minikube') && pos.includes('delete')) {
    return { ruleId: 'kubernetes.local-cluster-delete', risk: 'high', effect: 'delete', summary: `deletes local ${p} cluster${v.value('--name', '-p') ? ` ${v.value('--name', '-p')}` : ''}${v.has('--all') ? 's (all)' : ''}`, reversibility: 'irreversible', tags: ['kubernetes'] };
  }
  return undefined;
}

// velero: deleting backups or schedules removes the cluster's disaster-recovery copies.
function velero(v: CommandView): Finding | undefined {
  const pos = v.positionals(['-n', '--namespace', '--kubecontext', '--kubeconfig', '--selector', '-l', '--features', '--confirm']);
  const [noun, verb, ...names] = pos;
  if (!noun || !/^(delete|uninstall)$/.test(verb ?? '') && noun !== 'uninstall') return undefined;
  const kctx = v.value('--kubecontext') ?? v.ctx.kubeContext;
  if (noun === 'uninstall') {
    return { ruleId: 'kubernetes.velero.uninstall', risk: 'high', effect: 'delete', summary: 'uninstalls Velero and its backup configuration from the cluster', reversibility: 'recoverable', tags: ['kubernetes', 'backup', ...(v.has('--force') ? (['confirmation-bypass'] as Tag[]) : [])], remote: remoteImpact(v, [kctx], true) };
  }
  if (!/^(backups?|schedules?|restores?|backup-locations?|snapshot-locations?)$/.test(noun)) return undefined;
  const all = v.has('--all') || (!names.length && v.has('-l', '--selector'));
  const what = `${all ? 'ALL ' : ''}velero ${noun}${names.length ? ` ${names.join(', ')}` : ''}`;
  const tags: Tag[] = ['kubernetes', 'backup', 'data-loss', 'irreversible'];
  if (all) tags.push('wildcard');
  if (v.has('--confirm')) tags.push('confirmation-bypass');
  return {
    ruleId: 'kubernetes.velero.delete', risk: 'high', effect: 'delete', summary: `deletes ${what}${/^backup/.test(noun) ? ' and the backup data in object storage' : ''}`,
    targets: names.map((n) => ({ kind: 'resource' as const, name: `${noun}/${n}` })), reversibility: 'irreversible', tags,
    remote: remoteImpact(v, [kctx, ...names], true), alternatives: ['velero backup describe NAME / velero backup get (check what would be lost first)'],
  };
}

export const rules: readonly Rule[] = [
  { id: 'kubernetes.velero', complete: true, programs: ['velero'], description: 'velero backup/schedule deletes and uninstall.', check: velero },
  { id: 'kubernetes.kubectl', programs: ['kubectl', 'oc', 'k3s', 'microk8s', 'minikube', 'kubecolor'], description: 'kubectl: delete (namespaces, PVCs, --all), drain, scale to 0, replace --force, apply --prune, context switches, secret reads.', check: kubectl },
  { id: 'kubernetes.helm', programs: ['helm'], description: 'helm uninstall, rollback and upgrades, by context and namespace.', check: helm },
  { id: 'kubernetes.cluster', programs: ['eksctl', 'kind', 'k3d', 'minikube'], description: 'Deleting whole clusters (eksctl delete cluster; local kind/k3d/minikube).', check: clusterTools },
];
