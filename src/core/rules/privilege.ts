// Rule family: privilege. Raising privilege (sudo, su, doas, pkexec), world-writable and setuid modes,
// root ownership, writes to /etc and system files, persistence (crontab, shell start-up files,
// authorized_keys, systemd/launchd units, git hooks), service control, user and capability changes.
import { classifyPath } from '../fs-classify.js';
import { riskRank, type Finding, type Risk, type Tag, type Target } from '../model.js';
import { isNullSink, positionalWords, writeTargets } from '../write-targets.js';
import type { CommandView, Rule } from './rule.js';

// ── sudo / su / doas / pkexec ────────────────────────────────────────────────────────────────────────

const SUDO_VALUE = new Set(['-u', '-g', '-h', '-p', '-C', '-D', '-r', '-t', '-U', '-T', '--user', '--group', '--host', '--prompt', '--chdir', '--close-from', '--role', '--type', '--other-user', '--command-timeout']);

const sudo: Rule = {
  id: 'privilege.sudo',
  programs: ['sudo', 'doas', 'pkexec', 'su', 'run0', 'runuser', 'sudoedit', 'gsudo'],
  complete: true,
  description: 'sudo/su/doas/pkexec: runs a command with raised privilege',
  check(v) {
    const a = v.args;
    if ((v.program === 'sudo' || v.program === 'doas') && a.length && a.every((x) => /^-(l|v|k|K|V|h|-list|-validate|-reset-timestamp|-remove-timestamp|-version|-help|ll)$/.test(x))) {
      return { ruleId: 'privilege.sudo.query', risk: 'low', effect: 'read', summary: `${v.program} ${a.join(' ')}: checks or resets cached privileges`, tags: [] };
    }
    const user = v.value('-u', '--user') ?? (v.program === 'su' ? positionalWords(v, new Set(['-c', '--command', '-s', '--shell', '-g', '--group', '-w'])).find((w) => w.text !== '-')?.text : undefined);
    const inner = v.program === 'su' ? v.value('-c', '--command') : positionalWords(v, SUDO_VALUE).map((w) => w.text).join(' ');
    // `sudo sh -c 'apt-get install jq'`: a shell given its script is that script, which is assessed as root.
    const scripted = /^(bash|sh|zsh|dash)\s+\S/.test(inner ?? '') && v.args.includes('-c');
    const shell = !scripted && (v.program === 'su' ? !inner : (v.has('-s', '-i', '--shell', '--login') && !inner) || /^(su|bash|sh|zsh|-s|-i)\b/.test(inner ?? '') || !inner);
    const as = user && user !== 'root' ? `as ${user}` : 'as root';
    // The command sudo runs is assessed on its own, as root (system paths are critical there): sudo itself is
    // medium (RISK-LEVELS.md: `sudo` package installs), a root shell is high.
    return {
      ruleId: shell ? 'privilege.sudo.shell' : 'privilege.sudo',
      risk: shell ? 'high' : 'medium',
      effect: 'privilege',
      summary: shell ? `opens a shell ${as}: everything after it runs with raised privilege` : `runs \`${(inner ?? '').slice(0, 80)}\` ${as}`,
      targets: [{ kind: 'resource', name: user ?? 'root' }],
      reversibility: 'recoverable',
      tags: ['privilege'],
      alternatives: ['run the command without sudo, or grant the one permission it needs'],
    };
  },
};

// ── chmod / chown ────────────────────────────────────────────────────────────────────────────────────

const SHELLS_AND_INTERPRETERS = /(^|\/)(bash|sh|zsh|dash|ksh|fish|python[\d.]*|perl|ruby|node|php|lua|env|find|vim?|nano|less|more|cp|mv|tee|awk|gawk|nmap|tar|zip|rsync|docker)$/;

function chmodMode(v: CommandView): string {
  const pos = positionalWords(v, new Set(['--reference']));
  const dashMode = v.args.find((x) => /^-[rwxXst]+$/.test(x) && !/^-[R]+$/.test(x));
  return pos[0]?.text ?? dashMode ?? '';
}

const chmod: Rule = {
  id: 'privilege.chmod',
  programs: ['chmod'],
  complete: true,
  description: 'chmod: world-writable modes (777, o+w) and setuid/setgid bits',
  check(v) {
    const mode = chmodMode(v);
    const files = writeTargets(v).filter((t) => t.mode === 'perm').map((t) => classifyPath(v, t.word.text, t.word.literal));
    if (!files.length) return undefined;
    const octal = /^[0-7]{3,4}$/.test(mode) ? mode.padStart(4, '0') : undefined;
    const setuid = octal ? /[2-7]/.test(octal[0]!) && octal[0] !== '1' : /(^|,)[ugoa]*[+=][rwxXt]*s/.test(mode);
    const worldWritable = octal ? /[2367]/.test(octal[3]!) : /(^|,)(a|o|ugo|)[+=][rwxXst]*w/.test(mode) && !/^[ug]+[+=]/.test(mode);
    if (!setuid && !worldWritable) return undefined;
    const names = files.map((f) => (f.kind === 'unknown' ? f.raw : f.abs));
    const shellish = files.some((f) => SHELLS_AND_INTERPRETERS.test(f.abs));
    let risk: Risk = 'high';
    if (setuid && (shellish || files.some((f) => f.kind === 'system' || f.kind === 'critical'))) risk = 'critical';
    const wsRoot = (abs: string) => v.ctx.workspaceRoots.some((r) => r.replace(/\/+$/, '') === abs);
    // RISK-LEVELS.md: widening permissions on system paths is critical (the Docker socket is root on the host).
    if (worldWritable && files.some((f) => (f.kind === 'critical' && !wsRoot(f.abs)) || (f.kind === 'system' && /^\/(etc|usr|bin|sbin|lib|boot|var\/run|run)(\/|$)/.test(f.abs)))) risk = 'critical';
    // Inside the workspace (or /tmp) it is a local change.
    if (worldWritable && !setuid && files.every((f) => f.kind === 'tmp' || f.scope === 'workspace')) risk = 'medium';
    const tags: Tag[] = ['privilege'];
    if (risk === 'critical') tags.push('shared-state');
    return {
      ruleId: setuid ? 'privilege.chmod.setuid' : 'privilege.chmod.world-writable',
      risk, effect: 'privilege',
      summary: setuid ? `sets the setuid/setgid bit (${mode}) on ${names.slice(0, 3).join(', ')}: it would run with its owner's privilege` : `makes ${names.slice(0, 3).join(', ')} world-writable (${mode}): any user or process can change it`,
      targets: names.map((n) => ({ kind: 'path' as const, name: n })),
      reversibility: 'recoverable', tags,
      alternatives: worldWritable ? ['chmod 755 (directories) or 644 (files), or chmod u+x for an executable'] : undefined,
    };
  },
};

const chown: Rule = {
  id: 'privilege.chown',
  programs: ['chown', 'chgrp'],
  complete: true,
  description: 'chown/chgrp to root or of system files',
  check(v) {
    const pos = positionalWords(v, new Set(['--reference', '--from']));
    const owner = pos[0]?.text ?? '';
    const files = writeTargets(v).filter((t) => t.mode === 'perm').map((t) => classifyPath(v, t.word.text, t.word.literal));
    if (!files.length) return undefined;
    const toRoot = v.program === 'chown' ? /^(root|0)([:.]|$)/.test(owner) : /^(root|wheel|0|sudo|admin)$/.test(owner);
    const systemFiles = files.some((f) => f.kind === 'system' || (f.kind === 'critical' && !v.ctx.workspaceRoots.some((r) => r.replace(/\/+$/, '') === f.abs)));
    if (!toRoot && !systemFiles) return undefined;
    return {
      ruleId: 'privilege.chown', risk: 'high', effect: 'privilege',
      summary: `${v.program} ${owner} on ${files.slice(0, 3).map((f) => f.abs).join(', ')}${toRoot ? ': hands the files to root' : ': changes ownership of system files'}`,
      targets: files.map((f) => ({ kind: 'path' as const, name: f.abs })),
      reversibility: 'recoverable', tags: ['privilege', 'shared-state'],
    };
  },
};

// ── writes to /etc, system files, start-up files, authorized_keys, cron, units, git hooks ────────────

interface Sensitive { readonly re: RegExp; readonly risk: Risk; readonly what: string; readonly tags: readonly Tag[]; readonly id: string }

const SENSITIVE: readonly Sensitive[] = [
  { re: /^\/(private\/)?etc\/(sudoers|sudoers\.d\/.*|passwd|shadow|gshadow|group|master\.passwd|pam\.d\/.*|security\/.*|doas\.conf|ld\.so\.preload|ld\.so\.conf(\.d\/.*)?)$/, risk: 'critical', what: 'an account or privilege database', tags: ['privilege', 'persistence'], id: 'privilege.etc-auth' },
  { re: /^\/(private\/)?etc\/(ssh\/sshd_config(\.d\/.*)?|ssh\/ssh_config)$/, risk: 'high', what: 'the SSH server configuration', tags: ['privilege', 'persistence'], id: 'privilege.etc-write' },
  { re: /(^|\/)\.ssh\/authorized_keys2?$/, risk: 'critical', what: 'authorized_keys (grants SSH login)', tags: ['persistence', 'privilege'], id: 'privilege.authorized-keys' },
  { re: /^\/(private\/)?(etc\/(cron\.(d|daily|hourly|weekly|monthly)\/.*|crontab|anacrontab)|var\/spool\/cron\/.*|usr\/lib\/cron\/tabs\/.*)$/, risk: 'critical', what: 'a cron table (scheduled execution)', tags: ['persistence', 'deferred-execution', 'privilege'], id: 'privilege.cron-file' },
  { re: /^\/(etc|usr\/lib|lib)\/systemd\/.*\.(service|timer|socket|path|mount)$|(^|\/)\.config\/systemd\/user\/.*|(^|\/)Library\/Launch(Agents|Daemons)\/.*|^\/etc\/(init\.d|rc\.local|rc\d\.d)(\/|$)|(^|\/)\.config\/autostart\/.*|^\/etc\/xdg\/autostart\/.*/, risk: 'critical', what: 'a service or start-up definition', tags: ['persistence', 'deferred-execution'], id: 'privilege.service-unit' },
  { re: /(^|\/)\.(bashrc|bash_profile|bash_login|bash_logout|profile|zshrc|zshenv|zprofile|zlogin|zlogout|kshrc|cshrc|tcshrc|mkshrc|config\/fish\/config\.fish|config\/fish\/conf\.d\/.*|ssh\/rc|ssh\/environment|inputrc)$|^\/etc\/(profile|profile\.d\/.*|bash\.bashrc|bashrc|zshrc|zsh\/.*|environment)$/, risk: 'critical', what: 'a shell start-up file (runs in every new shell)', tags: ['persistence', 'deferred-execution'], id: 'privilege.shell-rc' },
  { re: /(^|\/)\.git\/hooks\/[^/]+$/, risk: 'high', what: 'a git hook (runs on every commit, checkout or push)', tags: ['persistence', 'deferred-execution'], id: 'privilege.git-hook' },
  { re: /^\/(private\/)?etc\/hosts$|^\/etc\/resolv\.conf$/, risk: 'high', what: 'name resolution', tags: ['privilege', 'shared-state'], id: 'privilege.etc-write' },
  { re: /^\/(private\/)?etc\//, risk: 'high', what: 'system configuration in /etc', tags: ['privilege', 'shared-state'], id: 'privilege.etc-write' },
  { re: /^\/(usr\/(bin|sbin|lib|lib64|libexec|share|include)|bin|sbin|lib|lib64|boot|System|Library)(\/|$)/, risk: 'high', what: 'system files', tags: ['privilege', 'shared-state'], id: 'privilege.system-write' },
  { re: /^\/usr\/local\/(bin|sbin|lib)\//, risk: 'high', what: 'a program on every user\'s PATH', tags: ['privilege', 'persistence'], id: 'privilege.system-write' },
];

export function sensitiveWrite(abs: string): Sensitive | undefined {
  return SENSITIVE.find((s) => s.re.test(abs));
}

const systemWrite: Rule = {
  id: 'privilege.system-write',
  programs: 'any',
  description: 'Writes to /etc and system files, shell start-up files, authorized_keys, cron tables, service units and git hooks',
  check(v) {
    const targets = writeTargets(v);
    if (!targets.length) return undefined;
    const out: Finding[] = [];
    for (const t of targets) {
      if (t.mode === 'delete' || (t.mode === 'perm' && v.program !== 'chattr' && v.program !== 'setfacl') || isNullSink(t.word.text)) continue;
      const info = classifyPath(v, t.word.text, t.word.literal);
      const abs = info.remote ? t.word.text.replace(/^~(?=\/)/, '/HOME') : info.abs;
      const s = sensitiveWrite(abs) ?? (info.remote ? undefined : sensitiveWrite(t.word.text));
      if (!s) continue;
      if (t.mode === 'move' && s.id !== 'privilege.etc-auth' && s.id !== 'privilege.authorized-keys') continue;
      let risk = s.risk;
      const tags = new Set<Tag>(s.tags);
      // Appending to a start-up file or adding a key is persistence; truncating also destroys it.
      if (t.mode === 'truncate' || t.mode === 'replace') tags.add('data-loss');
      if (s.id === 'privilege.authorized-keys' && t.mode === 'truncate' && /^(:|true|echo)$/.test(v.program) && !v.args.length) risk = 'high';
      if (v.cmd.ctx.privileged) tags.add('privilege');
      if (s.id === 'privilege.git-hook' && t.mode === 'move') continue;
      const remote = v.cmd.ctx.remote;
      out.push({
        ruleId: s.id, risk, effect: 'write',
        summary: `${t.mode === 'append' ? 'appends to' : t.mode === 'modify' ? 'edits' : t.mode === 'move' ? 'moves' : 'writes'} ${abs}, ${s.what}, via ${t.via}${remote ? ` on ${remote.replace(/^\w+ /, '')}` : ''}`,
        targets: [{ kind: 'path', name: abs }],
        reversibility: 'recoverable', tags: [...tags],
        alternatives: s.id === 'privilege.shell-rc' ? ['set the variable for this command only, or in a project .envrc'] : undefined,
        remote: remote ? { identifiers: [remote.replace(/^\w+ /, '')], destructive: riskRank(risk) >= riskRank('high') } : undefined,
      });
    }
    return out;
  },
};

// ── crontab ──────────────────────────────────────────────────────────────────────────────────────────

const crontab: Rule = {
  id: 'privilege.crontab',
  programs: ['crontab'],
  complete: true,
  description: 'crontab: installs, edits or removes scheduled jobs (persistence)',
  check(v) {
    const user = v.value('-u');
    const pos = positionalWords(v, new Set(['-u']));
    if (v.has('-l') && !v.has('-r', '-e') && !pos.length) return { ruleId: 'privilege.crontab.list', risk: 'low', effect: 'read', summary: 'lists the cron table', tags: [] };
    if (v.has('-r')) {
      return { ruleId: 'privilege.crontab.remove', risk: 'high', effect: 'delete', summary: `removes every scheduled job of ${user ?? 'the current user'}`, targets: [{ kind: 'resource', name: `crontab ${user ?? ''}`.trim() }], reversibility: 'irreversible', tags: ['data-loss', 'irreversible', 'persistence'], alternatives: ['crontab -l > crontab.bak  — save it first'] };
    }
    const source = pos[0]?.text;
    // RISK-LEVELS.md: persistence (cron) is critical.
    return {
      ruleId: 'privilege.crontab', risk: 'critical', effect: 'write',
      summary: v.has('-e') ? 'edits the cron table: scheduled commands persist and run unattended' : `replaces the cron table with ${source === '-' || !source ? 'standard input' : source}: scheduled commands persist and run unattended`,
      targets: [{ kind: 'resource', name: `crontab ${user ?? ''}`.trim() }],
      reversibility: 'recoverable', tags: ['persistence', 'deferred-execution', ...(user ? (['privilege'] as Tag[]) : [])],
    };
  },
};

// ── systemctl / service / launchctl ──────────────────────────────────────────────────────────────────

const CRITICAL_SERVICES = /^(ssh|sshd|openssh-server|networking|network|NetworkManager|systemd-networkd|systemd-resolved|docker|containerd|kubelet|postgresql(@.*)?|postgres|mysql|mysqld|mariadb|mongod|redis(-server)?|nginx|apache2|httpd|haproxy|firewalld|ufw|iptables|nftables|cron|crond|rsyslog|systemd-journald|dbus|auditd|sssd|etcd|elasticsearch|rabbitmq-server|kafka|zookeeper|cassandra|consul|vault|nomad)(\.service)?$/;
const SYSTEMCTL_READ = new Set(['status', 'show', 'cat', 'list-units', 'list-unit-files', 'list-timers', 'list-sockets', 'list-dependencies', 'list-jobs', 'is-active', 'is-enabled', 'is-failed', 'is-system-running', 'help', 'get-default', 'show-environment', 'list-machines']);

const systemctl: Rule = {
  id: 'privilege.systemctl',
  programs: ['systemctl', 'service', 'launchctl', 'update-rc.d', 'chkconfig', 'rc-update', 'rc-service', 'sv'],
  complete: true,
  description: 'systemctl/service/launchctl: enabling (persistence), stopping, disabling or masking services (outage)',
  check(v) {
    const pos = positionalWords(v, new Set(['-H', '--host', '-M', '--machine', '-t', '--type', '--state', '-p', '--property', '--signal', '-s', '--root', '-n', '--lines', '-o', '--output']));
    let verb: string | undefined;
    let units: string[];
    if (v.program === 'service' || v.program === 'rc-service' || v.program === 'sv') {
      const names = v.program === 'sv' ? pos.slice(1) : pos.slice(0, 1);
      verb = v.program === 'sv' ? pos[0]?.text : pos[1]?.text;
      units = names.map((w) => w.text);
      if (pos[0]?.text === '--status-all') return undefined;
    } else if (v.program === 'update-rc.d' || v.program === 'chkconfig' || v.program === 'rc-update') {
      const words = pos.map((w) => w.text);
      verb = words.find((w) => /^(enable|disable|remove|defaults|on|off|add|del|delete)$/.test(w)) ?? (words.length >= 2 ? 'enable' : undefined);
      if (verb === 'on' || verb === 'defaults' || verb === 'add') verb = 'enable';
      if (verb === 'off' || verb === 'del' || verb === 'delete') verb = 'disable';
      units = words.filter((w) => w !== verb && !/^(enable|disable|remove|defaults|on|off|add|del|delete|default|boot|\d+)$/.test(w));
    } else {
      verb = pos[0]?.text;
      units = pos.slice(1).map((w) => w.text);
    }
    if (!verb || SYSTEMCTL_READ.has(verb) || verb === 'list' || verb === 'print' || verb === 'blame' || verb === 'version') return undefined;
    if (/^(poweroff|reboot|halt|kexec|suspend|hibernate|hybrid-sleep|emergency|rescue|soft-reboot)$/.test(verb)) return undefined; // processes.shutdown
    const host = v.value('-H', '--host') ?? v.cmd.ctx.remote?.replace(/^\w+ /, '');
    const critical = units.some((u) => CRITICAL_SERVICES.test(u.replace(/^(system|gui\/\d+|user\/\d+)\//, '')));
    const unitsShown = units.join(', ') || '(unspecified)';
    const launchd = v.program === 'launchctl';
    let risk: Risk;
    let tags: Tag[];
    let summary: string;
    let effect: Finding['effect'] = 'privilege';
    const stopping = /^(stop|kill|disable|mask|unload|bootout|remove|isolate|down|force-stop|set-default|disable-now)$/.test(verb);
    const starting = /^(enable|reenable|load|bootstrap|link|preset|preset-all|add-wants|add-requires|edit|set-property|revert|unmask|submit)$/.test(verb);
    if (stopping) {
      risk = critical || verb === 'isolate' || verb === 'mask' ? 'high' : 'high';
      tags = ['outage', 'shared-state'];
      summary = `${verb === 'kill' ? 'kills' : verb === 'mask' ? 'masks (prevents starting)' : verb === 'disable' || verb === 'unload' || verb === 'bootout' ? 'disables' : 'stops'} ${unitsShown}${critical ? ' — a service other things depend on' : ''}`;
    } else if (starting) {
      risk = 'high';
      tags = ['persistence', 'deferred-execution'];
      summary = `${verb}s ${unitsShown}: it will start on its own from now on`;
      if (verb === 'unmask' || verb === 'edit' || verb === 'set-property' || verb === 'revert') tags = ['persistence'];
    } else if (/^(restart|reload|try-restart|reload-or-restart|try-reload-or-restart|condrestart|force-reload|kickstart|reset-failed|daemon-reload|daemon-reexec|start|up|once|restart-all|start-all)$/.test(verb)) {
      risk = critical && verb !== 'start' && verb !== 'reload' ? 'high' : 'medium';
      tags = critical && risk === 'high' ? ['outage'] : [];
      effect = 'execute';
      summary = `${verb} ${unitsShown}`;
    } else {
      risk = 'medium';
      tags = [];
      summary = `${v.program} ${verb} ${unitsShown}`;
    }
    const user = v.has('--user') || (launchd && !v.cmd.ctx.privileged && units.every((u) => !u.startsWith('system/')));
    if (!user) tags = [...tags, 'privilege'];
    if (v.cmd.ctx.privileged && !tags.includes('privilege')) tags = [...tags, 'privilege'];
    return {
      ruleId: stopping ? 'privilege.systemctl.stop' : starting ? 'privilege.systemctl.enable' : 'privilege.systemctl',
      risk, effect, summary: host ? `${summary} on ${host}` : summary,
      targets: [...units.map((u): Target => ({ kind: 'service', name: u })), ...(host ? [{ kind: 'host', name: host } as Target] : [])],
      reversibility: 'recoverable', tags,
      remote: host && stopping ? { identifiers: [host], destructive: true } : undefined,
    };
  },
};

// ── users, groups, sudoers, capabilities ─────────────────────────────────────────────────────────────

const ADMIN_GROUPS = /(^|,)(sudo|wheel|admin|root|adm|docker|lxd|libvirt|disk|shadow|staff)(,|$)/;

const users: Rule = {
  id: 'privilege.users',
  programs: ['useradd', 'adduser', 'usermod', 'userdel', 'deluser', 'groupadd', 'groupdel', 'groupmod', 'gpasswd', 'passwd', 'chpasswd', 'visudo', 'vipw', 'vigr', 'dscl', 'sysadminctl', 'net', 'chsh', 'newusers', 'pw', 'addgroup', 'delgroup'],
  complete: true,
  description: 'Account changes: new users, admin group membership, passwords, sudoers edits',
  check(v) {
    const p = v.program;
    const a = v.args;
    if (p === 'net' && !/^(user|localgroup|group)$/i.test(a[0] ?? '')) return undefined;
    if (p === 'passwd' && (v.has('-S', '--status') || a.includes('-l') && a.length === 1)) return undefined;
    if (p === 'visudo' && v.has('-c', '--check')) return { ruleId: 'privilege.users.sudoers-check', risk: 'low', effect: 'read', summary: 'checks the sudoers files for syntax errors', reversibility: 'reversible', tags: [] };
    if (p === 'dscl' && !a.some((x) => /^-(create|append|delete|passwd|merge)$/.test(x))) return undefined;
    const gi = a.findIndex((x) => /^-[a-zA-Z]*[Gg]$/.test(x));
    const groups = [v.value('-G', '--groups', '-g', '--gid') ?? '', gi >= 0 ? a[gi + 1] ?? '' : '', ...(p === 'gpasswd' ? [v.value('-a', '--add') ? positionalWords(v, new Set(['-a', '--add', '-d', '--delete']))[0]?.text ?? '' : ''] : []), ...(p === 'adduser' || p === 'addgroup' ? [positionalWords(v)[1]?.text ?? ''] : []), ...(p === 'dscl' || p === 'net' ? [a.join(',')] : [])].join(',');
    const admin = ADMIN_GROUPS.test(groups) || (p === 'usermod' && /(^|,)(sudo|wheel|admin|root)(,|$)/.test(groups)) || (p === 'sysadminctl' && a.includes('-admin')) || (p === 'net' && /administrators/i.test(a.join(' ')));
    const deleting = /^(userdel|deluser|groupdel|delgroup)$/.test(p) || a.some((x) => /^-delete$/i.test(x)) || /\/delete$/i.test(a.join(' '));
    const target = positionalWords(v, new Set(['-G', '-g', '-u', '-s', '-d', '-c', '-e', '-f', '-k', '-K', '-p', '-R', '-P', '-Z', '--groups', '--gid', '--uid', '--shell', '--home', '--comment', '--password', '-a', '--add', '--home-dir', '--expiredate', '--inactive', '--root', '--prefix', '-m', '--move-home'])).pop()?.text;
    let risk: Risk = 'high';
    const tags: Tag[] = ['privilege'];
    let summary: string;
    if (p === 'visudo' || p === 'vipw' || p === 'vigr') { risk = 'critical'; tags.push('persistence'); summary = `edits the ${p === 'visudo' ? 'sudoers policy' : 'account database'}: who may become root`; }
    else if (admin) { risk = 'critical'; tags.push('persistence'); summary = `grants ${target ?? 'a user'} administrator rights (${groups.replace(/^,+|,+$/g, '')})`; }
    else if (deleting) { summary = `deletes the account or group ${target ?? ''}${v.has('-r', '--remove', '--remove-home') ? ' and its home directory' : ''}`; tags.push('data-loss'); if (v.has('-r', '--remove', '--remove-home', '--remove-all-files')) tags.push('irreversible'); }
    else if (/^(useradd|adduser|newusers|sysadminctl|addgroup|groupadd)$/.test(p)) { summary = `creates the account ${target ?? ''}`; tags.push('persistence'); }
    else if (p === 'passwd' || p === 'chpasswd') summary = `changes the password of ${target ?? 'an account'}`;
    else summary = `changes the account ${target ?? ''} (${p})`;
    return { ruleId: `privilege.users${p === 'visudo' ? '.sudoers' : admin ? '.admin' : ''}`, risk, effect: 'privilege', summary: summary.trim(), targets: target ? [{ kind: 'resource', name: target }] : [], reversibility: 'recoverable', tags };
  },
};

const setcap: Rule = {
  id: 'privilege.setcap',
  programs: ['setcap'],
  description: 'setcap: file capabilities (cap_setuid, cap_sys_admin… are root in disguise)',
  check(v) {
    if (v.has('-v')) return undefined;
    const caps = v.positionals()[0] ?? '';
    const dangerous = /cap_(setuid|setgid|sys_admin|sys_ptrace|sys_module|dac_override|dac_read_search|chown|fowner|all)/i.test(caps) || /^all=/.test(caps);
    const files = v.positionals().slice(v.has('-r') ? 0 : 1);
    return {
      ruleId: 'privilege.setcap', risk: dangerous ? 'critical' : 'high', effect: 'privilege',
      summary: `${v.has('-r') ? 'removes capabilities from' : `grants ${caps} to`} ${files.join(', ')}`,
      targets: files.map((f) => ({ kind: 'path' as const, name: v.resolve(f) })), reversibility: 'recoverable', tags: ['privilege', ...(dangerous ? (['persistence'] as Tag[]) : [])],
    };
  },
};

// ── mounts, kernel parameters, firewall: system-wide state ───────────────────────────────────────────

const systemState: Rule = {
  id: 'privilege.system-state',
  complete: true,
  programs: ['mount', 'umount', 'sysctl', 'modprobe', 'insmod', 'rmmod', 'iptables', 'ip6tables', 'nft', 'ufw', 'firewall-cmd', 'setenforce', 'csrutil', 'spctl', 'chattr', 'swapoff', 'kextload'],
  description: 'System-wide state: mounts, kernel modules and parameters, firewall rules, SELinux/SIP, immutable bits',
  check(v) {
    const p = v.program;
    const a = v.args;
    if (!a.length) return undefined;
    if (p === 'mount' && (a.every((x) => x.startsWith('-') && /^-(l|v|t)$/.test(x)) || a.length === 0)) return undefined;
    if (p === 'sysctl' && !a.some((x) => x.includes('=') || x === '-w' || x === '-p' || x === '--system')) return undefined;
    if ((p === 'iptables' || p === 'ip6tables') && a.every((x) => /^-(L|S|n|v|-list|-line-numbers|t)$/.test(x) || /^(filter|nat|mangle|raw|INPUT|OUTPUT|FORWARD)$/.test(x))) return undefined;
    if (p === 'nft' && /^(list)$/.test(a[0] ?? '')) return undefined;
    if (p === 'ufw' && /^(status|app)$/.test(a[0] ?? '')) return undefined;
    if (p === 'firewall-cmd' && a.every((x) => /^--(list|get|state|query)/.test(x))) return undefined;
    if (p === 'csrutil' && a[0] === 'status') return undefined;
    if (p === 'spctl' && /^--(status|assess)$/.test(a[0] ?? '')) return undefined;
    const disablesProtection = (p === 'setenforce' && /^(0|permissive)$/i.test(a[0] ?? '')) || (p === 'csrutil' && a[0] === 'disable') || (p === 'spctl' && /--master-disable|--global-disable/.test(a.join(' '))) || (p === 'ufw' && a[0] === 'disable') || ((p === 'iptables' || p === 'ip6tables') && v.has('-F', '--flush'));
    const tags: Tag[] = ['privilege', 'shared-state'];
    if (p === 'umount' || p === 'swapoff' || p === 'rmmod' || disablesProtection) tags.push('outage');
    return {
      ruleId: disablesProtection ? 'privilege.system-state.protection-off' : 'privilege.system-state', risk: disablesProtection ? 'critical' : 'high', effect: 'privilege',
      summary: `${p} ${a.join(' ').slice(0, 80)}: changes system-wide state${disablesProtection ? ', turning a protection off' : ''}`,
      targets: [{ kind: 'resource', name: p }], reversibility: 'recoverable', tags,
    };
  },
};

const sshCopyId: Rule = {
  id: 'privilege.ssh-copy-id',
  programs: ['ssh-copy-id'],
  description: 'ssh-copy-id: adds a key to a remote authorized_keys (persistent login)',
  check(v) {
    const host = positionalWords(v, new Set(['-i', '-p', '-o', '-F', '-t'])).pop()?.text ?? '?';
    return { ruleId: 'privilege.ssh-copy-id', risk: 'critical', effect: 'privilege', summary: `adds ${v.value('-i') ?? 'your public key'} to authorized_keys on ${host}: grants persistent SSH login`, targets: [{ kind: 'host', name: host.replace(/^[^@]*@/, '') }], reversibility: 'recoverable', tags: ['persistence', 'privilege'] };
  },
};

export const rules: readonly Rule[] = [sshCopyId, sudo, chmod, chown, systemWrite, crontab, systemctl, users, setcap, systemState];
