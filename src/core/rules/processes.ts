// Rule family: processes. Killing every process (kill -9 -1), init (kill 1), broad killall/pkill
// patterns and critical daemons, and powering the machine off or rebooting it.
import type { Finding, Risk, Tag } from '../model.js';
import { positionalWords } from '../write-targets.js';
import type { CommandView, Rule } from './rule.js';

/** Processes whose death takes the machine, the session or a shared service down. */
const CRITICAL_PROCESS = /^(init|systemd|launchd|kernel_task|sshd|ssh-agent|dockerd|containerd|kubelet|kube-apiserver|etcd|postgres|postmaster|mysqld|mariadbd|mongod|redis-server|nginx|httpd|apache2|haproxy|Xorg|Xwayland|gnome-shell|plasmashell|kwin_x11|kwin_wayland|WindowServer|loginwindow|Finder|Dock|SystemUIServer|explorer(\.exe)?|csrss(\.exe)?|wininit(\.exe)?|winlogon(\.exe)?|lsass(\.exe)?|services(\.exe)?|svchost(\.exe)?|smss(\.exe)?|dbus-daemon|NetworkManager|systemd-.*|journald|rsyslogd|cron|crond|code|Code|code-server|cursor|Cursor|tmux|screen|login|php-fpm|supervisord)$/;
/** Names so generic that matching them with pkill -f hits unrelated processes. */
const BROAD_PATTERN = /^(\.|\.\*|\^|\$|.|..|\*|\^.*|.*\$|\[.*\]|\w\*?)$/;

const remoteOf = (v: CommandView) => v.cmd.ctx.remote?.replace(/^\w+ /, '');


const kill: Rule = {
  id: 'processes.kill',
  programs: ['kill', 'tkill'],
  complete: true,
  description: 'kill: -1 (every process), 1 (init), process groups; ordinary PIDs are routine',
  check(v) {
    if (v.args.some((a) => a === '-l' || a === '-L' || a === '--list' || a === '--table')) return undefined;
    if (v.args.some((a) => /^-?[A-Z][a-z]/.test(a) || /^-(Name|Id|Force)$/i.test(a))) return undefined; // PowerShell's kill alias
    // kill [-s SIG | -n NUM | -SIG] [--] PID…: the first dash word is the signal; later `-N` are PIDs.
    const pids: { text: string; literal: boolean }[] = [];
    let signal = 'TERM';
    let signalSeen = false;
    let afterDash = false;
    const args = v.words;
    for (let i = 0; i < args.length; i++) {
      const t = args[i]!.text;
      if (!afterDash && (t === '-s' || t === '--signal' || t === '-n')) { signal = args[i + 1]?.text ?? signal; signalSeen = true; i++; continue; }
      if (!afterDash && t === '--') { afterDash = true; continue; }
      if (!afterDash && !signalSeen && /^-[\w+-]+$/.test(t)) { signal = t.slice(1); signalSeen = true; continue; }
      if (!afterDash && t.startsWith('-') && !/^-\d+$/.test(t)) continue;
      pids.push(args[i]!);
    }
    signal = signal.toUpperCase().replace(/^SIG/, '');
    if (signal === '0') return { ruleId: 'processes.kill.probe', risk: 'low', effect: 'read', summary: 'checks whether a process exists (signal 0)', tags: [] };
    const remote = remoteOf(v);
    const priv = !!v.cmd.ctx.privileged;
    const force = /^(9|KILL)$/i.test(signal);
    const all = pids.some((p) => p.text === '-1');
    const init = pids.some((p) => p.text === '1');
    const opaque = pids.some((p) => !p.literal);
    const groups = pids.some((p) => /^-\d+$/.test(p.text) && p.text !== '-1');
    let risk: Risk = force ? 'medium' : 'low';
    const tags: Tag[] = [];
    let summary = `sends SIG${signal} to ${pids.map((p) => p.text).join(' ') || 'a process'}`;
    let id = 'processes.kill';
    if (all) { risk = priv ? 'critical' : 'high'; tags.push('outage', 'data-loss'); summary = `sends SIG${signal} to every process ${priv ? 'on the machine' : 'the user owns'} (kill -1): unsaved work is lost`; id = 'processes.kill.all'; }
    else if (init) { risk = priv ? 'critical' : 'high'; tags.push('outage'); summary = `sends SIG${signal} to PID 1 (init/systemd)`; id = 'processes.kill.init'; }
    else if (groups) { risk = 'medium'; summary = `sends SIG${signal} to process group ${pids.filter((p) => p.text.startsWith('-')).map((p) => p.text.slice(1)).join(' ')}`; }
    else if (opaque) risk = force ? 'medium' : 'low';
    if (priv) tags.push('privilege');
    return {
      ruleId: id, risk, effect: 'execute', summary: remote ? `${summary} on ${remote}` : summary,
      targets: pids.map((p) => ({ kind: 'process' as const, name: p.text })),
      reversibility: all || init ? 'irreversible' : 'recoverable', tags,
      alternatives: force ? [`kill -TERM ${pids.map((p) => p.text).join(' ')}  — let it shut down cleanly`] : undefined,
      remote: remote && (all || init) ? { identifiers: [remote], destructive: true } : undefined,
    };
  },
};

const killall: Rule = {
  id: 'processes.killall',
  programs: ['killall', 'killall5', 'pkill', 'skill', 'slay'],
  complete: true,
  description: 'killall/pkill: broad patterns, every process of a user, or critical daemons',
  check(v) {
    const p = v.program;
    if (v.has('-l', '--list', '-V', '--version')) return undefined;
    const withValue = new Set(['-s', '--signal', '-u', '--user', '-U', '--uid', '-g', '--pgroup', '-G', '--group', '-P', '--parent', '-t', '--terminal', '-o', '--older', '-y', '--younger', '-n', '--ns', '--nslist', '-F', '--pidfile', '-c', '--context', '--session', '-O', '--older-than']);
    const names = positionalWords(v, withValue).map((w) => w.text);
    const user = v.value('-u', '--user', '-U', '--uid');
    const fullMatch = v.has('-f', '--full');
    const regex = p === 'pkill' || v.has('-r', '--regexp');
    const signal = (v.value('-s', '--signal') ?? v.args.find((a) => /^-([A-Z]+|\d+)$/.test(a))?.slice(1) ?? 'TERM').replace(/^SIG/, '');
    const priv = !!v.cmd.ctx.privileged;
    const remote = remoteOf(v);
    let risk: Risk = 'medium';
    const tags: Tag[] = [];
    let what: string;
    if (p === 'killall5' || (!names.length && !user && p === 'killall')) {
      risk = p === 'killall5' ? 'critical' : 'medium';
      what = p === 'killall5' ? 'every process on the machine' : 'nothing named';
      if (p === 'killall5') tags.push('outage', 'data-loss');
    } else if (!names.length && user) {
      risk = 'high'; tags.push('outage', 'data-loss');
      what = `every process of user ${user}`;
    } else {
      const broad = names.some((n) => BROAD_PATTERN.test(n)) && (regex || fullMatch);
      const critical = names.some((n) => CRITICAL_PROCESS.test(n.replace(/^\^|\$$/g, '')));
      if (broad) { risk = 'high'; tags.push('outage', 'wildcard'); }
      else if (critical) { risk = 'high'; tags.push('outage'); }
      what = `processes matching ${names.join(', ')}${fullMatch ? ' (anywhere in the command line)' : ''}${user ? ` of user ${user}` : ''}`;
    }
    if (priv) { tags.push('privilege'); if (risk === 'high') risk = 'critical'; }
    if (names.some((n) => /airlock/i.test(n))) { risk = 'critical'; tags.push('agent-bypass'); }
    return {
      ruleId: p === 'pkill' ? 'processes.pkill' : 'processes.killall', risk, effect: 'execute',
      summary: `${p} sends SIG${signal} to ${what}${remote ? ` on ${remote}` : ''}`,
      targets: names.map((n) => ({ kind: 'process' as const, name: n })),
      reversibility: 'recoverable', tags,
      alternatives: [`pgrep -a${fullMatch ? 'f' : ''} ${names[0] ?? ''}  — list what would be killed first`.replace(/\s+—/, ' —')],
      remote: remote && risk !== 'medium' ? { identifiers: [remote], destructive: true } : undefined,
    };
  },
};

const POWER_SYSTEMCTL = /^(poweroff|reboot|halt|kexec|emergency|rescue|soft-reboot|suspend|hibernate|hybrid-sleep)$/;

const shutdown: Rule = {
  id: 'processes.shutdown',
  programs: ['shutdown', 'reboot', 'halt', 'poweroff', 'init', 'telinit', 'systemctl', 'loginctl', 'pmset', 'openrc-shutdown'],
  complete: true,
  description: 'shutdown/reboot/halt/poweroff/init 0|6: takes the machine down',
  check(v) {
    const p = v.program;
    const a = v.args;
    let action: string | undefined;
    if (p === 'systemctl') {
      action = positionalWords(v).map((w) => w.text).find((x) => POWER_SYSTEMCTL.test(x));
      if (!action) {
        const isolate = positionalWords(v).map((w) => w.text);
        if (isolate[0] === 'isolate' && /^(rescue|emergency|poweroff|reboot|halt|runlevel[016])\.target$/.test(isolate[1] ?? '')) action = isolate[1]!.replace(/\.target$/, '');
        else if (isolate[0] === 'start' && /^(poweroff|reboot|halt|kexec)\.target$/.test(isolate[1] ?? '')) action = isolate[1]!.replace(/\.target$/, '');
      }
      if (!action) return undefined;
    } else if (p === 'init' || p === 'telinit') {
      const level = a.find((x) => /^[0-6sSqQuU]$/.test(x));
      if (!level || /^[qQuU2345]$/.test(level)) return undefined;
      action = level === '0' ? 'poweroff' : level === '6' ? 'reboot' : 'single-user mode';
    } else if (p === 'loginctl') {
      if (!/^(poweroff|reboot|terminate-session|terminate-user|kill-session|kill-user)$/.test(a[0] ?? '')) return undefined;
      action = a[0];
    } else if (p === 'pmset') {
      if (!/^(sleepnow|restoredefaults)$/.test(a[0] ?? '') && !(a[0] === 'schedule' || a[0] === 'repeat')) return undefined;
      action = a[0];
    } else if (p === 'shutdown') {
      if (a.some((x) => /^(-c|--cancel|\/a|-k|--show)$/i.test(x))) return { ruleId: 'processes.shutdown.cancel', risk: 'low', effect: 'execute', summary: 'cancels or only announces a shutdown', tags: [] };
      action = a.some((x) => /^(-r|--reboot|\/r|\/g)$/i.test(x)) ? 'reboot' : a.some((x) => /^(\/l|\/h)$/i.test(x)) ? 'log off' : 'shutdown';
    } else {
      if (a.some((x) => /^(--help|-h|--version|-V|-w|--wtmp-only)$/.test(x)) && !/Computer/i.test(p)) return undefined;
      action = /reboot|restart/i.test(p) ? 'reboot' : /halt/.test(p) ? 'halt' : 'poweroff';
    }
    const remote = remoteOf(v);
    const host = remote ?? (/Computer/i.test(p) ? v.value('-ComputerName', '-computername') : undefined);
    const force = a.some((x) => /^(-f|--force|-Force|\/f|now|-n|--no-wall|-q)$/i.test(x));
    return {
      ruleId: 'processes.shutdown', risk: 'high', effect: 'execute',
      summary: `${action}: takes ${host ? host : 'this machine'} down, ending every process and session on it`,
      targets: [{ kind: 'host', name: host ?? 'localhost' }],
      reversibility: 'recoverable',
      tags: ['outage', ...(force ? (['confirmation-bypass'] as Tag[]) : []), ...(v.cmd.ctx.privileged ? (['privilege'] as Tag[]) : [])],
      alternatives: ['shutdown -k  — only warn users; shutdown +5 leaves time to cancel with shutdown -c'],
      remote: host ? { identifiers: [host], destructive: true } : undefined,
    } satisfies Finding;
  },
};

export const rules: readonly Rule[] = [kill, killall, shutdown];
