// RISK-LEVELS.md: a full IaC destroy is critical in any environment.
// Rule family: iac — Terraform/OpenTofu/Terragrunt, Pulumi, CDK/CDKTF, Serverless, SST and
// Ansible. Destroys and unattended applies carry `remote` with the workspace, stack, var-files
// and directories that name the environment, so unverified or production ones become critical.
import { remoteImpact, subView, toolOf } from '../invocation.js';
import type { Finding, Risk, Tag, Target } from '../model.js';
import type { CommandView, Rule } from './rule.js';

const DESTROY_TAGS: Tag[] = ['infrastructure', 'cloud-resource', 'irreversible', 'data-loss'];
const TF_ALTS = ['terraform plan -destroy (shows what would be destroyed)', 'terraform plan -out=tfplan, review it, then apply tfplan'];

/** Terraform-style single-dash options: `-auto-approve`, `-var-file=x`, `-chdir=dir`. */
function tfValue(v: CommandView, name: string): string[] {
  const out: string[] = [];
  const a = v.args;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const bare = x.replace(/^--?/, '');
    if (!x.startsWith('-')) continue;
    if (bare === name && i + 1 < a.length && !a[i + 1]!.startsWith('-')) out.push(a[++i]!);
    else if (bare.startsWith(name + '=')) out.push(bare.slice(name.length + 1));
  }
  return out;
}
const tfHas = (v: CommandView, name: string): boolean => v.args.some((a) => a === `-${name}` || a === `--${name}` || a.startsWith(`-${name}=`) || a.startsWith(`--${name}=`));

function tfIdentifiers(v: CommandView, global: CommandView): string[] {
  const ids = [
    ...tfValue(global, 'chdir'), ...tfValue(v, 'var-file'), ...tfValue(v, 'backend-config'), ...tfValue(v, 'state'),
    ...tfValue(v, 'var').filter((x) => /^(env|environment|stage|workspace|account|project)\w*=/i.test(x)),
    v.env('TF_WORKSPACE'), v.env('TG_WORKING_DIR'), v.env('TERRAGRUNT_WORKING_DIR'),
  ];
  // A cwd inside the workspace like envs/prod/… or live/staging names the environment.
  const root = v.ctx.workspaceRoots.find((r) => v.cwd === r || v.cwd.startsWith(r.endsWith('/') ? r : r + '/'));
  const rel = root ? v.cwd.slice(root.length).replace(/^\//, '') : '';
  if (rel) ids.push(rel);
  return ids.filter((x): x is string => !!x);
}

function terraform(v: CommandView): Finding | undefined {
  // Global options come before the sub-command: `terraform -chdir=envs/prod destroy`.
  let i = 0;
  while (i < v.args.length && v.args[i]!.startsWith('-')) i++;
  let sub = v.args[i];
  let rest = subView(v, i + 1);
  const tool = v.program === 'tofu' ? 'tofu' : v.program;
  // terragrunt run-all destroy / terragrunt run --all -- destroy / terragrunt destroy-all
  let all = false;
  if (v.program === 'terragrunt') {
    if (sub === 'run-all' || sub === 'run') {
      all = sub === 'run-all' || rest.has('--all');
      const j = rest.args.findIndex((a) => !a.startsWith('-'));
      if (j >= 0) { sub = rest.args[j]; rest = subView(rest, j + 1); }
    }
    if (sub === 'destroy-all' || sub === 'apply-all') { all = true; sub = sub.slice(0, -4); }
  }
  if (!sub) return undefined;
  const ids = tfIdentifiers(rest, v);
  const bypass: Tag[] = tfHas(rest, 'auto-approve') || rest.has('--terragrunt-non-interactive', '--non-interactive') || tfHas(rest, 'force') ? ['confirmation-bypass'] : [];
  const targets: Target[] = [
    ...tfValue(rest, 'target').map((t) => ({ kind: 'resource' as const, name: t })),
    ...(v.ctx.terraformWorkspace ? [{ kind: 'project' as const, name: `workspace ${v.ctx.terraformWorkspace}` }] : []),
    ...ids.map((x) => ({ kind: 'project' as const, name: x })),
  ];
  const scope = `${tfValue(rest, 'target').length ? `resources ${tfValue(rest, 'target').join(', ')}` : `${all ? 'EVERY module\'s ' : ''}infrastructure`}${v.ctx.terraformWorkspace || v.env('TF_WORKSPACE') ? ` in workspace ${v.env('TF_WORKSPACE') ?? v.ctx.terraformWorkspace}` : ''}${ids.length ? ` (${ids.join(', ')})` : ''}`;
  const mk = (ruleId: string, risk: Risk, effect: Finding['effect'], summary: string, tags: Tag[], destructive: boolean, alternatives = TF_ALTS): Finding => ({
    ruleId, risk, effect, summary, targets, reversibility: tags.includes('irreversible') ? 'irreversible' : 'recoverable', tags: [...new Set([...tags, ...bypass])],
    remote: remoteImpact(v, ids, destructive), alternatives,
  });
  switch (sub) {
    case 'destroy':
      if (tfHas(rest, 'help')) return undefined;
      return mk('iac.terraform.destroy', 'critical', 'delete', `${tool} destroy deletes all managed ${scope}`, DESTROY_TAGS, true);
    case 'apply': {
      if (tfHas(rest, 'destroy')) return mk('iac.terraform.destroy', 'critical', 'delete', `${tool} apply -destroy deletes all managed ${scope}`, DESTROY_TAGS, true);
      const replace = tfValue(rest, 'replace');
      const planFile = rest.positionals().find((p) => !p.includes('='));
      if (tfHas(rest, 'refresh-only')) return mk('iac.terraform.apply', 'medium', 'write', `${tool} apply -refresh-only updates the state of ${scope}`, ['infrastructure'], false);
      if (tfHas(rest, 'auto-approve') || all) return mk('iac.terraform.apply', 'high', 'write', `${tool} apply without review changes (and may destroy or replace) ${scope}${replace.length ? `; replaces ${replace.join(', ')}` : ''}`, ['infrastructure', 'cloud-resource'], true);
      if (planFile) return mk('iac.terraform.apply', 'medium', 'write', `${tool} apply ${planFile} applies a saved plan to ${scope}`, ['infrastructure', 'cloud-resource'], true);
      return mk('iac.terraform.apply', 'medium', 'write', `${tool} apply changes ${scope} (asks for confirmation)`, ['infrastructure', 'cloud-resource'], true);
    }
    case 'state': {
      const op = rest.positionals()[0];
      const addrs = rest.positionals().slice(1);
      if (op === 'rm') return mk('iac.terraform.state', 'high', 'write', `${tool} state rm forgets ${addrs.join(', ') || 'resources'}: they keep running but are no longer managed`, ['infrastructure', 'shared-state'], false);
      if (op === 'push') return mk('iac.terraform.state', 'high', 'write', `${tool} state push overwrites the remote state${tfHas(rest, 'force') ? ' even if it is newer (-force)' : ''}`, ['infrastructure', 'shared-state', 'data-loss'], true);
      if (op === 'mv' || op === 'replace-provider') return mk('iac.terraform.state', 'medium', 'write', `${tool} state ${op} ${addrs.join(' ')}`, ['infrastructure', 'shared-state'], false);
      return undefined;
    }
    case 'force-unlock':
      return mk('iac.terraform.force-unlock', 'high', 'write', `${tool} force-unlock removes the state lock ${rest.positionals()[0] ?? ''} (another run may be in progress)`, ['infrastructure', 'shared-state'], false);
    case 'workspace': {
      const op = rest.positionals()[0];
      const name = rest.positionals()[1];
      if (op === 'delete') return { ...mk('iac.terraform.workspace-delete', 'high', 'delete', `${tool} workspace delete ${name ?? '?'} drops that workspace's state${tfHas(rest, 'force') ? ' even if it still manages resources (-force)' : ''}`, ['infrastructure', 'shared-state', 'data-loss'], true), remote: remoteImpact(v, [...ids, ...(name ? [name] : [])], true) };
      if (op === 'select' || op === 'new') return { ruleId: 'iac.terraform.workspace', risk: 'low', effect: 'write', summary: `${tool} workspace ${op} ${name ?? ''}`, reversibility: 'reversible', tags: ['shared-state'] };
      return undefined;
    }
    case 'taint':
      return mk('iac.terraform.taint', 'medium', 'write', `${tool} taint marks ${rest.positionals()[0] ?? '?'} to be destroyed and recreated on the next apply`, ['infrastructure'], false);
    case 'import':
      return mk('iac.terraform.import', 'medium', 'write', `${tool} import brings ${rest.positionals()[0] ?? '?'} under management`, ['infrastructure'], false);
    case 'refresh':
      return mk('iac.terraform.apply', 'medium', 'write', `${tool} refresh updates the state of ${scope}`, ['infrastructure'], false);
    default:
      return undefined;
  }
}

function pulumi(v: CommandView): Finding | undefined {
  const pos = v.positionals(['-s', '--stack', '-C', '--cwd', '--target', '-t', '--config', '-c', '--message', '-m', '--parallel', '-p', '--exclude', '--replace', '--secrets-provider']);
  const sub = pos[0];
  if (!sub) return undefined;
  const stack = v.value('-s', '--stack') ?? v.env('PULUMI_STACK');
  const ids = [stack, v.value('-C', '--cwd')].filter((x): x is string => !!x);
  const yes = v.has('-y', '--yes', '--skip-preview', '-f', '--force', '--non-interactive') || v.env('PULUMI_SKIP_CONFIRMATIONS') === 'true';
  const bypass: Tag[] = yes ? ['confirmation-bypass'] : [];
  const targets: Target[] = stack ? [{ kind: 'project', name: `stack ${stack}` }] : [];
  const on = stack ? ` of stack ${stack}` : ' of the selected stack';
  const mk = (ruleId: string, risk: Risk, effect: Finding['effect'], summary: string, tags: Tag[], destructive: boolean): Finding => ({ ruleId, risk, effect, summary, targets, reversibility: tags.includes('irreversible') ? 'irreversible' : 'recoverable', tags: [...tags, ...bypass], remote: remoteImpact(v, ids, destructive), alternatives: ['pulumi preview (--diff)', 'pulumi destroy --preview-only'] });
  switch (sub) {
    case 'destroy': case 'down':
      if (v.has('--preview-only')) return undefined;
      return mk('iac.pulumi.destroy', 'critical', 'delete', `pulumi destroy deletes every resource${on}${v.has('--remove') ? ' and removes the stack' : ''}`, DESTROY_TAGS, true);
    case 'up': case 'update':
      return yes ? mk('iac.pulumi.up', 'high', 'write', `pulumi up applies changes${on} without review (may replace or delete resources)`, ['infrastructure', 'cloud-resource'], true)
        : mk('iac.pulumi.up', 'medium', 'write', `pulumi up changes resources${on} (asks for confirmation)`, ['infrastructure', 'cloud-resource'], true);
    case 'refresh':
      return mk('iac.pulumi.refresh', 'medium', 'write', `pulumi refresh rewrites the state${on}`, ['infrastructure', 'shared-state'], false);
    case 'stack':
      if (pos[1] === 'rm' || pos[1] === 'remove') {
        const name = pos[2] ?? stack;
        return { ...mk('iac.pulumi.stack-rm', 'high', 'delete', `pulumi stack rm deletes stack ${name ?? '(selected)'} and its state and history${v.has('-f', '--force') ? ' even if it still has resources (--force)' : ''}`, ['infrastructure', 'shared-state', 'irreversible', 'data-loss'], true), remote: remoteImpact(v, [...ids, ...(name ? [name] : [])], true) };
      }
      if (pos[1] === 'select') return { ruleId: 'iac.pulumi.stack-select', risk: 'low', effect: 'write', summary: `pulumi stack select ${pos[2] ?? ''}`, reversibility: 'reversible', tags: ['shared-state'] };
      return undefined;
    case 'state':
      if (pos[1] === 'delete' || pos[1] === 'unprotect' || pos[1] === 'edit') return mk('iac.pulumi.state', 'high', 'write', `pulumi state ${pos[1]} ${pos[2] ?? ''}${on}`, ['infrastructure', 'shared-state'], pos[1] !== 'unprotect');
      return undefined;
    case 'cancel':
      return mk('iac.pulumi.cancel', 'medium', 'write', `pulumi cancel interrupts the running update${on}`, ['infrastructure'], false);
    default:
      return undefined;
  }
}

function cdk(v: CommandView): Finding | undefined {
  const pos = v.positionals(['-c', '--context', '--profile', '-a', '--app', '-o', '--output', '--require-approval', '--role-arn', '-e', '--toolkit-stack-name', '--parameters', '--method', '--concurrency']);
  const sub = pos[0];
  const stacks = pos.slice(1);
  const ids = [...stacks, v.value('--profile') ?? v.env('AWS_PROFILE'), ...v.values('-c', '--context').filter((c) => /env|stage/i.test(c))].filter((x): x is string => !!x);
  const tool = v.program;
  const what = stacks.length ? `stacks ${stacks.join(', ')}` : v.has('--all') ? 'ALL stacks' : 'the app\'s stacks';
  const targets: Target[] = stacks.map((s) => ({ kind: 'project' as const, name: s }));
  if (sub === 'destroy') {
    return { ruleId: 'iac.cdk.destroy', risk: 'critical', effect: 'delete', summary: `${tool} destroy deletes ${what} and their resources`, targets, reversibility: 'irreversible', tags: [...DESTROY_TAGS, ...(v.has('-f', '--force', '--auto-approve') ? (['confirmation-bypass'] as Tag[]) : [])], remote: remoteImpact(v, ids, true), alternatives: [`${tool} diff`] };
  }
  if (sub === 'deploy') {
    const never = v.value('--require-approval') === 'never' || v.has('--auto-approve');
    return { ruleId: 'iac.cdk.deploy', risk: never ? 'high' : 'medium', effect: 'write', summary: `${tool} deploy changes ${what}${never ? ' without asking about security-sensitive changes' : ''}`, targets, reversibility: 'recoverable', tags: ['infrastructure', 'cloud-resource', ...(never ? (['confirmation-bypass'] as Tag[]) : [])], remote: remoteImpact(v, ids, true), alternatives: [`${tool} diff first`] };
  }
  return undefined;
}

function serverless(v: CommandView): Finding | undefined {
  const t = toolOf(v);
  const pos = t.positionals(['-s', '--stage', '-r', '--region', '--aws-profile', '-c', '--config', '--app', '--org', '-f', '--function']);
  const sub = pos[0];
  const stage = t.value('-s', '--stage');
  const ids = [stage, t.value('-r', '--region'), t.value('--aws-profile') ?? t.env('AWS_PROFILE')].filter((x): x is string => !!x);
  const targets: Target[] = stage ? [{ kind: 'project', name: `stage ${stage}` }] : [];
  const name = t.program;
  if (sub === 'remove' || sub === 'destroy' || (name === 'amplify' && sub === 'delete')) {
    return { ruleId: `iac.${name === 'sst' ? 'sst' : 'serverless'}.remove`, risk: 'critical', effect: 'delete', summary: `${name} ${sub} deletes the deployed service${stage ? ` stage ${stage}` : ''} and its resources`, targets, reversibility: 'irreversible', tags: [...DESTROY_TAGS, ...(t.has('-y', '--yes', '--force') ? (['confirmation-bypass'] as Tag[]) : [])], remote: remoteImpact(v, ids, true) };
  }
  if (sub === 'deploy') return { ruleId: `iac.${name === 'sst' ? 'sst' : 'serverless'}.deploy`, risk: 'medium', effect: 'write', summary: `${name} deploy${stage ? ` to stage ${stage}` : ''}`, targets, reversibility: 'recoverable', tags: ['infrastructure', 'cloud-resource'], remote: remoteImpact(v, ids, true) };
  return undefined;
}

function ansible(v: CommandView): Finding | undefined {
  if (v.has('-C', '--check', '--syntax-check', '--list-hosts', '--list-tasks', '--list-tags', '--help', '--version')) return undefined;
  const inventory = v.values('-i', '--inventory', '--inventory-file');
  const limit = v.value('-l', '--limit');
  const extra = v.values('-e', '--extra-vars').filter((e) => /env|stage|target/i.test(e));
  const ids = [...inventory, ...(limit ? [limit] : []), ...extra];
  if (v.program === 'ansible') {
    const pattern = v.positionals(['-i', '--inventory', '-m', '--module-name', '-a', '--args', '-l', '--limit', '-e', '--extra-vars', '-u', '--user', '-f', '--forks', '-b', '--become-user', '-T', '--timeout'])[0] ?? 'all';
    const mod = v.value('-m', '--module-name') ?? 'command';
    const args = v.value('-a', '--args') ?? '';
    if (/^(ping|setup|gather_facts|debug)$/.test(mod)) return undefined;
    const outage = /state=stopped|enabled=(no|false)|\b(systemctl|service)\b.*\b(stop|disable)\b|\b(shutdown|halt|poweroff)\b/i.test(args);
    const destructive = outage || /\brm\s+-\w*[rf]|state=absent|\b(drop|truncate|mkfs|dd|shutdown|reboot|halt|poweroff|userdel|kill)\b/i.test(args);
    return { ruleId: 'iac.ansible.adhoc', risk: destructive ? 'high' : 'medium', effect: 'execute', summary: `runs ${mod} ${args ? `"${args}" ` : ''}on hosts ${pattern}${inventory.length ? ` from ${inventory.join(', ')}` : ''}`, targets: [{ kind: 'host', name: pattern }], reversibility: destructive ? 'irreversible' : 'recoverable', tags: ['infrastructure', ...(v.has('-b', '--become') ? (['privilege'] as Tag[]) : []), ...(outage ? (['outage'] as Tag[]) : destructive ? (['data-loss'] as Tag[]) : [])], remote: remoteImpact(v, [...ids, pattern], true) };
  }
  const playbooks = v.positionals(['-i', '--inventory', '-l', '--limit', '-e', '--extra-vars', '-t', '--tags', '--skip-tags', '-u', '--user', '-f', '--forks', '--vault-password-file', '--vault-id', '--private-key', '--become-user', '--start-at-task', '-T', '--timeout', '-c', '--connection']);
  return { ruleId: 'iac.ansible.playbook', risk: 'medium', effect: 'execute', summary: `runs playbook ${playbooks.join(', ') || '?'} against ${inventory.join(', ') || 'the default inventory'}${limit ? ` (limit ${limit})` : ''}`, targets: [...inventory.map((i) => ({ kind: 'host' as const, name: i })), ...playbooks.map((p) => ({ kind: 'path' as const, name: p }))], reversibility: 'recoverable', tags: ['infrastructure', ...(v.has('-b', '--become') ? (['privilege'] as Tag[]) : [])], remote: remoteImpact(v, ids, true), alternatives: ['ansible-playbook --check --diff first'] };
}

function vagrant(v: CommandView): Finding | undefined {
  if (v.positionals()[0] !== 'destroy') return undefined;
  return { ruleId: 'iac.vagrant.destroy', risk: 'medium', effect: 'delete', summary: `destroys local Vagrant machine${v.positionals()[1] ? ` ${v.positionals()[1]}` : 's'} and their disks`, reversibility: 'irreversible', tags: ['data-loss', ...(v.has('-f', '--force') ? (['confirmation-bypass'] as Tag[]) : [])] };
}

export const rules: readonly Rule[] = [
  { id: 'iac.terraform', programs: ['terraform', 'tofu', 'terragrunt', 'terraform.exe'], description: 'Terraform/OpenTofu/Terragrunt: destroy, apply -auto-approve / -destroy, state rm/push, force-unlock, workspace delete.', check: terraform },
  { id: 'iac.pulumi', programs: ['pulumi'], description: 'Pulumi: destroy, up --yes, stack rm, state delete.', check: pulumi },
  { id: 'iac.cdk', programs: ['cdk', 'cdktf'], description: 'AWS CDK / CDKTF: destroy, deploy --require-approval never.', check: cdk },
  { id: 'iac.serverless', programs: ['serverless', 'sls', 'sst', 'amplify', 'npx', 'pnpm', 'yarn', 'bunx'], description: 'Serverless Framework / SST / Amplify: remove and deploy, by stage.', check: (v) => {
    const t = toolOf(v);
    if (t.program === 'cdk' || t.program === 'cdktf') return t === v ? undefined : cdk(t);
    if (t.program === 'terraform' || t.program === 'pulumi') return undefined;
    if (!['serverless', 'sls', 'sst', 'amplify'].includes(t.program)) return undefined;
    return serverless(v);
  } },
  { id: 'iac.ansible', programs: ['ansible-playbook', 'ansible'], description: 'Ansible playbooks and ad-hoc commands against inventories (production inventories escalate).', check: ansible },
  { id: 'iac.vagrant', programs: ['vagrant'], description: 'vagrant destroy.', check: vagrant },
];
