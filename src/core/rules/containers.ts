// Rule family: containers — docker, podman and nerdctl: removing volumes (data), pruning,
// compose down -v, forced removals, privileged or host-mounting containers, context switches.
// When the daemon is remote (-H, --context, DOCKER_HOST, DOCKER_CONTEXT) findings carry `remote`.
import { isLocalHost, remoteImpact, subView, urlHost } from '../invocation.js';
import type { Finding, Tag } from '../model.js';
import type { CommandView, Rule } from './rule.js';

const GLOBAL_WITH_VALUE = new Set(['-H', '--host', '-c', '--context', '--config', '-l', '--log-level', '--tlscacert', '--tlscert', '--tlskey', '--url', '--connection', '--namespace', '-n', '--address', '-a', '--root', '--runroot', '--storage-driver', '--cgroup-manager']);
const RUN_WITH_VALUE = ['-v', '--volume', '--mount', '-e', '--env', '--env-file', '-p', '--publish', '--name', '-w', '--workdir', '-u', '--user', '--network', '--net', '--pid', '--ipc', '--uts', '--cap-add', '--cap-drop', '--security-opt', '--device', '--entrypoint', '-l', '--label', '--restart', '-m', '--memory', '--cpus', '--platform', '--hostname', '-h', '--add-host', '--userns', '--cgroupns', '--log-driver', '--log-opt', '--tmpfs', '--shm-size', '--gpus', '--ulimit', '--dns', '--volumes-from', '--pull', '--stop-signal', '--health-cmd', '--runtime', '--group-add', '--expose', '--label-file', '--cidfile', '--mac-address', '--ip', '--init-path', '--isolation', '--storage-opt', '--sysctl', '--oom-score-adj', '--cpu-shares', '-c', '--cpuset-cpus', '--memory-swap', '--detach-keys', '--attach', '-a'];
const COMPOSE_WITH_VALUE = new Set(['-f', '--file', '-p', '--project-name', '--project-directory', '--env-file', '--profile', '--ansi', '--parallel', '--progress']);
const SENSITIVE_MOUNT = /^(\/|\/etc|\/root|\/home|\/var|\/var\/run\/docker\.sock|\/run\/docker\.sock|\/var\/lib\/docker|\/boot|\/usr|\/proc|\/sys|\/dev|~|\$HOME|\/Users)(\/)?(:|$)/;

interface Daemon { remote: boolean; ids: string[]; name: string }

function daemon(v: CommandView): Daemon {
  const host = v.value('-H', '--host', '--url') ?? v.env('DOCKER_HOST') ?? v.env('CONTAINER_HOST');
  const context = v.value('--context', '-c', '--connection') ?? v.env('DOCKER_CONTEXT');
  const ids: string[] = [];
  let remote = false;
  if (host) {
    const h = urlHost(host) ?? host;
    if (!host.startsWith('unix://') && !host.startsWith('npipe://') && !isLocalHost(h)) { remote = true; ids.push(host); }
  }
  if (context && context !== 'default' && !/^(desktop-linux|colima|orbstack|rancher-desktop|podman-machine-default)$/.test(context)) { remote = true; ids.push(context); }
  return { remote: remote || !!v.cmd.ctx.remote, ids, name: remote ? ids.join(', ') : 'the local Docker engine' };
}

function split(v: CommandView): { sub: string; rest: CommandView; idx: number } | undefined {
  const a = v.args;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    if (GLOBAL_WITH_VALUE.has(x)) { i++; continue; }
    if (x.startsWith('-')) continue;
    return { sub: x, rest: subView(v, i + 1), idx: i };
  }
  return undefined;
}

function check(v: CommandView): Finding | readonly Finding[] | undefined {
  const s = split(v);
  if (!s) return undefined;
  const d = daemon(v);
  let sub = s.sub;
  let rest = s.rest;
  // `docker container rm` → rm, `docker image rm` → rmi, `docker volume rm` stays volume.
  const group = ['container', 'image', 'volume', 'system', 'network', 'builder', 'buildx', 'compose', 'context', 'stack', 'service', 'swarm', 'node', 'secret', 'machine', 'pod'].includes(sub) ? sub : undefined;
  let action = sub;
  if (group) {
    const p = rest.positionals(group === 'compose' ? [...COMPOSE_WITH_VALUE] : RUN_WITH_VALUE);
    action = p[0] ?? '';
    if (group !== 'compose') rest = subView(rest, rest.args.indexOf(action) + 1);
  }
  if (v.program === 'docker-compose' || v.program === 'podman-compose') {
    sub = 'compose';
    action = v.positionals([...COMPOSE_WITH_VALUE])[0] ?? '';
    rest = v;
  }
  const remote = (destructive: boolean) => (d.remote ? remoteImpact(v, d.ids, destructive) : undefined);
  const on = d.remote ? ` on ${d.name}` : '';
  const force: Tag[] = rest.has('-f', '--force') ? ['confirmation-bypass'] : [];
  const names = rest.positionals(RUN_WITH_VALUE);
  const opaqueNames = rest.words.some((w) => !w.literal);
  const key = group && group !== 'compose' ? `${group} ${action}` : sub === 'compose' ? `compose ${action}` : sub;
  switch (key) {
    case 'volume rm': case 'volume remove':
      return { ruleId: 'containers.volume-rm', risk: 'high', effect: 'delete', summary: `deletes volume${names.length > 1 ? 's' : ''} ${names.join(', ') || (opaqueNames ? '(chosen at run time)' : '?')}${on} and all the data in ${names.length > 1 ? 'them' : 'it'}`, targets: names.map((n) => ({ kind: 'volume' as const, name: n })), reversibility: 'irreversible', tags: ['volume', 'data-loss', 'irreversible', ...force, ...(opaqueNames ? (['wildcard'] as Tag[]) : [])], remote: remote(true), alternatives: ['docker run --rm -v VOLUME:/data -v $PWD:/backup alpine tar czf /backup/volume.tgz /data (back it up first)'] };
    case 'volume prune':
      return { ruleId: 'containers.volume-prune', risk: 'high', effect: 'delete', summary: `deletes ${rest.has('-a', '--all') ? 'ALL unused volumes' : 'every unused anonymous volume'}${on} with their data`, reversibility: 'irreversible', tags: ['volume', 'data-loss', 'irreversible', 'wildcard', ...force], remote: remote(true), alternatives: ['docker volume ls -f dangling=true (see what would go)'] };
    case 'system prune': {
      const vols = rest.has('--volumes');
      return { ruleId: 'containers.system-prune', risk: vols ? 'high' : 'medium', effect: 'delete', summary: `removes stopped containers, unused networks, ${rest.has('-a', '--all') ? 'ALL unused images' : 'dangling images'} and build cache${vols ? ' AND unused volumes with their data' : ''}${on}`, reversibility: vols ? 'irreversible' : 'recoverable', tags: [...(vols ? (['volume', 'data-loss', 'irreversible'] as Tag[]) : []), 'wildcard', ...force], remote: remote(vols), alternatives: ['docker system df (see what is reclaimable)'] };
    }
    case 'container prune': case 'image prune': case 'network prune': case 'builder prune': case 'buildx prune':
      return { ruleId: 'containers.prune', risk: 'medium', effect: 'delete', summary: `removes unused ${group === 'buildx' || group === 'builder' ? 'build cache' : `${group}s`}${on}`, reversibility: 'recoverable', tags: ['wildcard', ...force], remote: remote(false) };
    case 'rm': case 'container rm': case 'container remove': {
      const withVolumes = rest.has('-v', '--volumes');
      const all = opaqueNames || names.length > 3;
      const risky = withVolumes || (all && rest.has('-f', '--force'));
      return { ruleId: 'containers.rm', risk: risky ? 'high' : 'medium', effect: 'delete', summary: `removes container${names.length !== 1 ? 's' : ''} ${names.join(', ') || '(chosen at run time)'}${rest.has('-f', '--force') ? ', killing them if running' : ''}${withVolumes ? ', with their anonymous volumes' : ''}${on}`, targets: names.map((n) => ({ kind: 'service' as const, name: n })), reversibility: withVolumes ? 'irreversible' : 'recoverable', tags: [...(withVolumes ? (['volume', 'data-loss'] as Tag[]) : []), ...(all ? (['wildcard'] as Tag[]) : []), ...force], remote: remote(true) };
    }
    case 'rmi': case 'image rm': case 'image remove':
      return { ruleId: 'containers.rmi', risk: 'medium', effect: 'delete', summary: `removes image${names.length !== 1 ? 's' : ''} ${names.join(', ') || '(chosen at run time)'}${on}`, reversibility: 'recoverable', tags: force, remote: remote(false) };
    case 'stop': case 'kill': case 'container stop': case 'container kill': case 'restart': case 'pause':
      return { ruleId: 'containers.stop', risk: 'medium', effect: 'write', summary: `${action}s container${names.length !== 1 ? 's' : ''} ${names.join(', ') || '(chosen at run time)'}${on}`, reversibility: 'recoverable', tags: d.remote ? ['outage'] : [], remote: remote(true) };
    case 'network rm':
      return { ruleId: 'containers.network-rm', risk: 'medium', effect: 'delete', summary: `removes network ${names.join(', ')}${on}`, reversibility: 'recoverable', tags: force, remote: remote(false) };
    case 'compose down': {
      const vols = rest.has('-v', '--volumes');
      const rmi = rest.value('--rmi');
      return { ruleId: 'containers.compose-down', risk: vols ? 'high' : 'medium', effect: 'delete', summary: `stops and removes the compose project's containers and networks${vols ? ' AND its named and anonymous volumes with their data' : ''}${rmi ? ` and ${rmi} images` : ''}${on}`, reversibility: vols ? 'irreversible' : 'recoverable', tags: vols ? ['volume', 'data-loss', 'irreversible'] : [], remote: remote(vols), alternatives: vols ? ['docker compose down (without -v keeps the volumes)'] : undefined };
    }
    case 'compose rm':
      return { ruleId: 'containers.compose-down', risk: rest.has('-v', '--volumes') ? 'high' : 'medium', effect: 'delete', summary: `removes stopped compose containers${rest.has('-v', '--volumes') ? ' and their anonymous volumes' : ''}${on}`, reversibility: 'recoverable', tags: [...(rest.has('-v', '--volumes') ? (['volume', 'data-loss'] as Tag[]) : []), ...force], remote: remote(rest.has('-v', '--volumes')) };
    case 'context use':
      return { ruleId: 'containers.context-use', risk: 'medium', effect: 'write', summary: `switches the Docker context to ${names[0] ?? '?'}: every later docker command targets it`, targets: [{ kind: 'host', name: names[0] ?? '?' }], reversibility: 'reversible', tags: ['shared-state'] };
    case 'context rm': case 'context remove':
      return { ruleId: 'containers.context-use', risk: 'medium', effect: 'write', summary: `removes Docker context ${names.join(', ')}`, reversibility: 'recoverable', tags: ['shared-state', ...force] };
    case 'stack rm': case 'stack remove': case 'service rm': case 'service remove': case 'node rm': case 'swarm leave': case 'secret rm':
      return { ruleId: 'containers.swarm-delete', risk: 'high', effect: 'delete', summary: `${group} ${action} ${names.join(', ')}${on}: takes the running services down`, targets: names.map((n) => ({ kind: 'service' as const, name: n })), reversibility: 'recoverable', tags: ['outage', ...force, ...(group === 'secret' ? (['credential'] as Tag[]) : [])], remote: remoteImpact(v, [...d.ids, ...names], true) };
    case 'machine rm': case 'machine reset': case 'machine remove':
      return { ruleId: 'containers.machine-rm', risk: 'medium', effect: 'delete', summary: `deletes the ${v.program} machine VM ${names.join(', ')} and everything stored in it`, reversibility: 'irreversible', tags: ['data-loss', ...force] };
    case 'run': case 'create': case 'container run': case 'container create': case 'compose run':
      return runFlags(v, rest, on);
    default:
      return undefined;
  }
}

function runFlags(v: CommandView, rest: CommandView, on: string): Finding | undefined {
  const problems: string[] = [];
  const tags: Tag[] = ['privilege'];
  if (rest.has('--privileged')) problems.push('runs a privileged container (full access to the host)');
  const mounts = [...rest.values('-v', '--volume'), ...rest.values('--mount').map((m) => /(?:source|src)=([^,]+)/.exec(m)?.[1] ?? '')];
  const bad = mounts.filter((m) => SENSITIVE_MOUNT.test(m));
  if (bad.length) {
    problems.push(`mounts host ${bad.map((m) => m.split(':')[0]).join(', ')} into the container`);
    if (bad.some((m) => /^\/(:|$)/.test(m))) tags.push('root-filesystem');
  }
  for (const [flag, label] of [['--pid', 'the host PID namespace'], ['--net', 'the host network'], ['--network', 'the host network'], ['--ipc', 'the host IPC namespace'], ['--userns', 'the host user namespace']] as const) {
    if (rest.value(flag) === 'host' && flag !== '--net' && flag !== '--network') problems.push(`shares ${label}`);
  }
  const caps = rest.values('--cap-add').filter((c) => /^(ALL|SYS_ADMIN|SYS_PTRACE|SYS_MODULE|DAC_READ_SEARCH|NET_ADMIN|SYS_RAWIO)$/i.test(c));
  if (caps.length) problems.push(`adds capabilities ${caps.join(', ')}`);
  if (rest.values('--security-opt').some((o) => /unconfined|no-new-privileges[:=]false|label[:=]disable/.test(o))) problems.push('disables container security profiles');
  if (rest.values('--device').some((d) => /^\/dev\/(sd|nvme|disk|mem|kmem|hd|xvd)/.test(d))) { problems.push('passes a raw disk device'); tags.push('disk'); }
  if (!problems.length) return undefined;
  // Root on the host (a privileged container, the host's / or /etc mounted) is privilege escalation: critical.
  const escalates = rest.has('--privileged') || bad.some((m) => /^\/(etc|root|boot|usr|var\/run\/docker\.sock|run\/docker\.sock)?\/?(:|$)/.test(m));
  return { ruleId: 'containers.privileged', risk: escalates ? 'critical' : 'high', effect: 'privilege', summary: `${problems.join('; ')}${on}`, targets: bad.map((m) => ({ kind: 'path' as const, name: m.split(':')[0]! })), reversibility: 'recoverable', tags, alternatives: ['mount only the project directory (-v "$PWD":/work)', 'drop --privileged and add only the capability needed'] };
}

export const rules: readonly Rule[] = [
  {
    id: 'containers.docker',
    programs: ['docker', 'podman', 'nerdctl', 'docker-compose', 'podman-compose', 'finch', 'lima-nerdctl'],
    description: 'docker/podman/nerdctl: volume rm/prune, system prune --volumes, compose down -v, rm -f, privileged or host-mounting runs, context switches; remote daemons are escalated.',
    check,
  },
];
