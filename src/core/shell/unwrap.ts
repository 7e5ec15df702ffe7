// Unwraps what runs inside other commands: wrappers (`sudo`, `env`, `xargs`, `find -exec`…),
// remote execution (`ssh host CMD`, `kubectl exec`, `docker exec`) and re-parsed strings
// (`bash -c`, `eval`, `trap`, `watch`, shell input from a heredoc or a literal `echo`).
// Each inner command keeps the wrapper in its `via` chain; the wrapper itself stays in the list.
import type { CommandContext, SimpleCommand, Stdin, Word } from './command.js';
import type { ShellParser } from './parser.js';
import { normaliseProgram, shellQuote } from './walker.js';
import { decodePipeline, isDecoder, upstream } from './decode.js';
import { decodeEscapes } from '../snippet.js';
import { SHELL_COMMAND_OPTION, SHELLS } from '../programs.js';

export interface Expanded {
  readonly commands: readonly SimpleCommand[];
  readonly problems: readonly string[];
}

/** Multi-call binaries: `busybox rm -rf /` runs the `rm` applet. */
const MULTICALL = new Set(['busybox', 'toybox']);
/** PowerShell and cmd strings are read by the Windows rules, not re-parsed as bash. */
const WINDOWS_SHELL = /^(pwsh|powershell|cmd)(\.exe)?$/;
/** Every program name that makes unwrapping look inside a command (the terminal guard watches them). */
export const unwrappingPrograms = (): readonly string[] => [...SHELLS, ...MULTICALL, ...PREFIX_WRAPPERS, ...PRIVILEGED, ...Object.keys(OPTS_WITH_VALUE).filter((k) => !k.includes(' '))];

/** Options that take a value, per wrapper, so the value isn't mistaken for the command. */
const OPTS_WITH_VALUE: Record<string, ReadonlySet<string>> = {
  sudo: new Set(['-u', '-g', '-h', '-p', '-C', '-D', '-r', '-t', '-U', '-T', '--user', '--group', '--host', '--prompt', '--chdir']),
  doas: new Set(['-u', '-C']),
  env: new Set(['-u', '-C', '--unset', '--chdir']),
  nice: new Set(['-n', '--adjustment']),
  ionice: new Set(['-c', '-n', '-p']),
  timeout: new Set(['-s', '-k', '--signal', '--kill-after']),
  stdbuf: new Set(['-i', '-o', '-e', '--input', '--output', '--error']),
  exec: new Set(['-a']),
  xargs: new Set(['-I', '-L', '-n', '-P', '-d', '-E', '-s', '-a', '--max-args', '--max-procs', '--delimiter', '--arg-file', '--replace']),
  ssh: new Set(['-p', '-i', '-l', '-o', '-F', '-J', '-L', '-R', '-D', '-b', '-c', '-E', '-e', '-m', '-O', '-Q', '-S', '-W', '-w', '-B', '-I']),
  watch: new Set(['-n', '-d', '--interval', '--differences']),
  flock: new Set(['-w', '-E', '--timeout', '--conflict-exit-code']),
  chrt: new Set(['-p']),
  taskset: new Set(['-p']),
  runuser: new Set(['-u', '-g', '-G', '--user', '--group', '--supp-group', '-s', '--shell', '-c', '--command']),
  'kubectl exec': new Set(['-c', '--container', '-n', '--namespace', '--context', '--kubeconfig', '--cluster', '--user', '-f', '--filename', '--pod-running-timeout']),
  'docker exec': new Set(['-e', '--env', '-u', '--user', '-w', '--workdir', '--env-file', '--detach-keys']),
};

/** Simple prefix wrappers: options, then the command. `time`, `nohup` and friends. */
const PREFIX_WRAPPERS = new Set(['sudo', 'doas', 'pkexec', 'run0', 'env', 'nohup', 'nice', 'ionice', 'time', 'timeout', 'stdbuf', 'command', 'builtin', 'exec', 'setsid', 'chrt', 'taskset', 'unbuffer', 'caffeinate', 'flock', 'chroot', 'torsocks', 'proxychains', 'proxychains4', 'strace', 'ltrace', 'catchsegv', 'fakeroot', 'coproc', 'nsenter', 'unshare', 'systemd-run', 'runuser']);
const PRIVILEGED = new Set(['sudo', 'doas', 'pkexec', 'run0']);

const word = (text: string, literal = true): Word => ({ text, literal });

interface Nested {
  readonly argv?: readonly Word[];
  readonly script?: { readonly text: string; readonly literal: boolean };
  readonly via: string;
  readonly ctx?: Partial<CommandContext>;
  readonly assignments?: readonly { name: string; value: Word }[];
  readonly stdin?: Stdin;
}

/** Splits `argv` after the options of a wrapper: returns the index of the first command word. */
function skipOptions(args: readonly Word[], withValue: ReadonlySet<string>, from = 0, stopAtAssign = false): number {
  let i = from;
  while (i < args.length) {
    const a = args[i]!.text;
    if (a === '--') return i + 1;
    if (stopAtAssign && /^[A-Za-z_][A-Za-z0-9_]*=/.test(a)) return i;
    if (!a.startsWith('-') || a === '-') return i;
    if (withValue.has(a)) i += 2;
    else i += 1;
  }
  return i;
}

function prefixWrapper(cmd: SimpleCommand): Nested | undefined {
  const p = cmd.program;
  const args = cmd.args;
  switch (p) {
    case 'command':
    case 'builtin':
      if (args.some((a) => a.text === '-v' || a.text === '-V')) return undefined;
      return { argv: args.slice(skipOptions(args, new Set())), via: p };
    case 'time':
      return { argv: args.slice(skipOptions(args, new Set(['-f', '-o', '--format', '--output']))), via: p };
    case 'timeout': {
      const i = skipOptions(args, OPTS_WITH_VALUE.timeout!);
      return { argv: args.slice(i + 1), via: p };
    }
    case 'env': {
      let i = 0;
      const assignments: { name: string; value: Word }[] = [];
      while (i < args.length) {
        const a = args[i]!.text;
        if (a === '-S' || a === '--split-string') {
          const rest = args.slice(i + 1);
          return { script: { text: rest.map((w) => w.text).join(' '), literal: rest.every((w) => w.literal) }, via: 'env -S' };
        }
        if (a.startsWith('-S') && a.length > 2) return { script: { text: a.slice(2), literal: args[i]!.literal }, via: 'env -S' };
        if (a === '--') { i++; continue; }
        if (a.startsWith('-')) { i += OPTS_WITH_VALUE.env!.has(a) ? 2 : 1; continue; }
        const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(a);
        if (m) { assignments.push({ name: m[1]!, value: word(m[2]!, args[i]!.literal) }); i++; continue; }
        break;
      }
      // `env -i`: the command starts with an empty environment (no BASH_ENV, no guard variables).
      const empty = args.slice(0, i).some((w) => w.text === '-i' || w.text === '--ignore-environment' || w.text === '-');
      return { argv: args.slice(i), via: empty ? 'env -i' : 'env', assignments };
    }
    case 'pkexec':
    case 'run0':
      return { argv: args.slice(skipOptions(args, new Set(['--user', '-u']))), via: p, ctx: { privileged: true } };
    case 'sudo':
    case 'doas': {
      if (args.some((a) => a.text === '-l' || a.text === '--list' || a.text === '-v' || a.text === '-k' || a.text === '-K')) {
        if (args.length <= 1) return undefined;
      }
      let i = skipOptions(args, OPTS_WITH_VALUE[p]!, 0, true);
      const assignments: { name: string; value: Word }[] = [];
      while (i < args.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(args[i]!.text)) {
        const [name, ...rest] = args[i]!.text.split('=');
        assignments.push({ name: name!, value: word(rest.join('='), args[i]!.literal) });
        i++;
      }
      // `echo 'chmod -R 777 /etc' | sudo -s`: a root shell that reads its script from standard input.
      const input = i >= args.length && args.some((a) => /^-[a-zA-Z]*[si]$/.test(a.text) || a.text === '--shell' || a.text === '--login') ? literalStdin(cmd.stdin) : undefined;
      if (input) return { script: input, via: `${p} -s`, ctx: { privileged: true } };
      return { argv: args.slice(i), via: p, ctx: { privileged: true }, assignments };
    }
    case 'flock': {
      const i = skipOptions(args, OPTS_WITH_VALUE.flock!);
      const rest = args.slice(i + 1);
      if (rest[0]?.text === '-c' && rest[1]) return { script: rest[1], via: 'flock -c' };
      return { argv: rest, via: p };
    }
    case 'chroot':
      return { argv: args.slice(skipOptions(args, new Set(['--userspec', '--groups'])) + 1), via: p, ctx: { privileged: true } };
    default: {
      const withValue = OPTS_WITH_VALUE[p] ?? new Set<string>();
      // `nice -10 cmd`, `chrt -f 10 cmd`, `taskset 0x3 cmd`: numeric leading values are options.
      let i = skipOptions(args, withValue);
      if ((p === 'chrt' || p === 'taskset') && i < args.length && /^(0x)?[0-9a-f,-]+$/i.test(args[i]!.text)) i++;
      return { argv: args.slice(i), via: p };
    }
  }
}

function xargsNested(cmd: SimpleCommand): Nested | undefined {
  const i = skipOptions(cmd.args, OPTS_WITH_VALUE.xargs!);
  const argv = cmd.args.slice(i);
  const inner = argv.length ? argv : [word('echo')];
  // `-I R` / `-IR` / `--replace=R` / `-i`: each item replaces R in the arguments instead of being appended.
  let replace: string | undefined;
  for (let j = 0; j < i; j++) {
    const a = cmd.args[j]!.text;
    if ((a === '-I' || a === '--replace') && j + 1 < i) replace = cmd.args[j + 1]!.text;
    else if (/^-I./.test(a)) replace = a.slice(2);
    else if (/^--replace=/.test(a)) replace = a.slice(10);
    else if (a === '-i' || a === '--replace') replace = '{}';
  }
  // The items are known when a literal `echo`/`printf` produces them (`echo / | xargs rm -rf`), and are
  // the named paths when `ls` lists them; otherwise they are only known at run time.
  const known = cmd.args.some((w) => /^(-a|--arg-file)(=|$)/.test(w.text)) ? undefined : literalStdin(cmd.stdin);
  let items: Word[] | undefined = known?.literal ? known.text.split(/\s+/).filter(Boolean).map((t) => word(t)) : undefined;
  // `ls -d ~/projects/*/ | grep -v webapp | xargs …`: filters narrow the list, the paths are still ls's.
  let producer = cmd.stdin?.kind === 'pipe' ? cmd.stdin.from : undefined;
  while (producer && /^(grep|egrep|fgrep|sort|uniq|head|tail)$/.test(producer.program) && producer.stdin?.kind === 'pipe') producer = producer.stdin.from;
  if (!items && producer?.program === 'ls') {
    const paths = producer.args.filter((w) => !w.text.startsWith('-'));
    if (paths.length && paths.every((w) => w.literal)) items = paths.map((w) => word(w.text));
  }
  if (items && !items.length) items = undefined;
  if (replace) {
    const r = replace;
    const one = items?.length === 1 ? items[0]! : undefined;
    const sub = inner.map((w) => (w.text.includes(r) ? (one ? word(w.text.split(r).join(one.text)) : word(w.text.split(r).join(items?.length ? items.map((x) => x.text).join(' ') : '{input items}'), false)) : w));
    // With several known items, each becomes its own run; judging them together keeps every path visible.
    if (items && items.length > 1 && !one) return { argv: [...inner.filter((w) => !w.text.includes(r)), ...items], via: 'xargs' };
    return { argv: sub, via: 'xargs' };
  }
  return { argv: [...inner, ...(items ?? [word('{input items}', false)])], via: 'xargs' };
}

function findNested(cmd: SimpleCommand): Nested[] {
  const out: Nested[] = [];
  const args = cmd.args;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!.text;
    if (a === '-exec' || a === '-execdir' || a === '-ok' || a === '-okdir') {
      const inner: Word[] = [];
      let j = i + 1;
      for (; j < args.length; j++) {
        const t = args[j]!.text;
        if (t === ';' || t === '+') break;
        inner.push(t.includes('{}') ? word(t.replace('{}', '{found files}'), false) : args[j]!);
      }
      if (inner.length) out.push({ argv: inner, via: `find ${a}` });
      i = j;
    }
  }
  return out;
}

function sshNested(cmd: SimpleCommand): Nested | undefined {
  const i = skipOptions(cmd.args, OPTS_WITH_VALUE.ssh!);
  const host = cmd.args[i];
  const rest = cmd.args.slice(i + 1);
  if (!host || rest.length === 0) return undefined;
  const hostName = host.text.replace(/^[^@]*@/, '');
  return {
    script: { text: rest.map((w) => w.text).join(' '), literal: rest.every((w) => w.literal) },
    via: `ssh ${hostName}`,
    ctx: { remote: `host ${hostName}` },
  };
}

/**
 * Remote-execution front ends that take a shell string: `salt 'db*' cmd.run 'rm -rf …'`, `fly ssh console -a app -C 'printenv'`,
 * `gcloud compute ssh vm --command '…'`, `heroku run -a app …`, `az vm run-command invoke … --scripts '…'`.
 */
function remoteRunNested(cmd: SimpleCommand): Nested | undefined {
  const a = cmd.args.map((w) => w.text);
  const at = (i: number): { text: string; literal: boolean } | undefined => (i >= 0 && cmd.args[i] ? { text: cmd.args[i]!.text, literal: cmd.args[i]!.literal } : undefined);
  const valueOf = (...names: string[]): { text: string; literal: boolean } | undefined => {
    for (let i = 0; i < a.length; i++) {
      if (names.includes(a[i]!)) return at(i + 1);
      const eq = names.find((n) => a[i]!.startsWith(`${n}=`));
      if (eq) return { text: a[i]!.slice(eq.length + 1), literal: cmd.args[i]!.literal };
    }
    return undefined;
  };
  const target = (fallback: string) => valueOf('-a', '--app', '--name', '-n') ?.text ?? fallback;
  switch (cmd.program) {
    case 'salt': case 'salt-ssh': {
      const i = a.findIndex((x) => x === 'cmd.run' || x === 'cmd.shell' || x === 'cmd.script');
      const script = at(i + 1);
      const hosts = a.find((x) => !x.startsWith('-') && x !== 'cmd.run') ?? 'minions';
      return i >= 0 && script ? { script, via: `salt ${hosts}`, ctx: { remote: `host ${hosts}` } } : undefined;
    }
    case 'fly': case 'flyctl': {
      if (a[0] !== 'ssh' || a[1] !== 'console') return undefined;
      const script = valueOf('-C', '--command');
      return script ? { script, via: `fly ssh ${target('app')}`, ctx: { remote: `host ${target('app')}` } } : undefined;
    }
    case 'gcloud': {
      if (a[0] !== 'compute' || a[1] !== 'ssh') return undefined;
      const script = valueOf('--command');
      const host = a.slice(2).find((x) => !x.startsWith('-')) ?? 'vm';
      return script ? { script, via: `gcloud compute ssh ${host}`, ctx: { remote: `host ${host}` } } : undefined;
    }
    case 'heroku': {
      const i = a.indexOf('run');
      if (i < 0) return undefined;
      let j = i + 1;
      while (j < a.length && a[j]!.startsWith('-')) j += /^(-a|--app|-r|--remote|-s|--size|-e|--env)$/.test(a[j]!) ? 2 : 1;
      const rest = cmd.args.slice(j);
      return rest.length ? { script: { text: rest.map((w) => w.text).join(' '), literal: rest.every((w) => w.literal) }, via: `heroku run ${target('app')}`, ctx: { remote: `host ${target('app')}` } } : undefined;
    }
    case 'az': {
      if (a[0] !== 'vm' || a[1] !== 'run-command') return undefined;
      const script = valueOf('--scripts');
      return script ? { script, via: `az vm run-command ${target('vm')}`, ctx: { remote: `host ${target('vm')}` } } : undefined;
    }
    default: return undefined;
  }
}

// Global options that may come before the sub-command: `kubectl --context prod -n db exec …`, `docker -H host exec …`.
const KUBECTL_GLOBAL = new Set([...OPTS_WITH_VALUE['kubectl exec']!, '-s', '--server', '--token', '--as', '--as-group', '--request-timeout', '-v', '--certificate-authority', '--client-certificate', '--client-key', '--tls-server-name']);
const DOCKER_GLOBAL = new Set(['-H', '--host', '-c', '--context', '--config', '-l', '--log-level', '--tlscacert', '--tlscert', '--tlskey']);

function containerExecNested(cmd: SimpleCommand): Nested | undefined {
  const tool = cmd.program;
  const kube = tool === 'kubectl' || tool === 'oc';
  const start = skipOptions(cmd.args, kube ? KUBECTL_GLOBAL : DOCKER_GLOBAL);
  const globals = cmd.args.slice(0, start);
  const [sub, ...rest] = cmd.args.slice(start);
  if (!sub) return undefined;
  if (kube) {
    if (sub.text !== 'exec') return undefined;
    const dash = rest.findIndex((w) => w.text === '--');
    const before = dash >= 0 ? rest.slice(0, dash) : rest;
    const podIndex = skipOptionsAnywhere(before, OPTS_WITH_VALUE['kubectl exec']!);
    const pod = podIndex >= 0 ? before[podIndex]!.text : '?';
    const inner = dash >= 0 ? rest.slice(dash + 1) : before.slice(podIndex + 1);
    if (!inner.length) return undefined;
    const all = [...globals, ...before];
    const ci = all.findIndex((w) => w.text === '--context' || w.text === '--cluster');
    const kctx = ci >= 0 ? all[ci + 1]?.text : all.find((w) => /^--(context|cluster)=/.test(w.text))?.text.replace(/^[^=]*=/, '');
    return { argv: inner, via: `kubectl exec ${pod}`, ctx: { remote: `pod ${pod}${kctx ? ` (context ${kctx})` : ''}` } };
  }
  if (sub.text !== 'exec' && !(sub.text === 'container' && rest[0]?.text === 'exec') && !(sub.text === 'compose' && rest[0]?.text === 'exec')) return undefined;
  const args = sub.text === 'exec' ? rest : rest.slice(1);
  const i = skipOptions(args, OPTS_WITH_VALUE['docker exec']!);
  const container = args[i];
  if (!container || i + 1 >= args.length) return undefined;
  return { argv: args.slice(i + 1), via: `${tool} exec ${container.text}`, ctx: { remote: `container ${container.text}` } };
}

/** Like skipOptions, but options may follow the positional (kubectl's style). Returns the first positional. */
function skipOptionsAnywhere(args: readonly Word[], withValue: ReadonlySet<string>): number {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!.text;
    if (a.startsWith('-')) {
      if (withValue.has(a)) i++;
      continue;
    }
    return i;
  }
  return -1;
}

/** `bash -c STRING`, `sh -euc STRING`, `nu -c STRING`, `bash` reading a heredoc or a literal echo. */
function shellNested(cmd: SimpleCommand): Nested | undefined {
  if (WINDOWS_SHELL.test(cmd.program)) return undefined;
  const args = cmd.args;
  const commandOption = SHELL_COMMAND_OPTION[cmd.program]!;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!.text;
    if (a === '--') break;
    if (commandOption.test(a)) {
      const inline = /^--[a-z]+=(.*)$/s.exec(a);
      if (inline) return { script: { text: inline[1]!, literal: args[i]!.literal }, via: `${cmd.program} -c` };
      const script = args[i + 1];
      return script ? { script, via: `${cmd.program} -c` } : undefined;
    }
    if (!a.startsWith('-') && !a.startsWith('+')) return undefined; // runs a script file
  }
  const input = literalStdin(cmd.stdin);
  if (input) return { script: input, via: `${cmd.program} <<<` };
  return undefined;
}

/** The literal text on a command's stdin, following `echo`/`printf`/`cat <<EOF` producers. */
export function literalStdin(stdin: Stdin | undefined): { text: string; literal: boolean } | undefined {
  if (!stdin) return undefined;
  if (stdin.kind === 'document') return { text: stdin.text, literal: stdin.literal };
  if (stdin.kind !== 'pipe') return undefined;
  const from = stdin.from;
  if (from.program === 'echo') {
    const words = from.args.filter((w, i) => !(i === 0 && /^-[neE]+$/.test(w.text)));
    return { text: words.map((w) => w.text).join(' '), literal: words.every((w) => w.literal) };
  }
  if (from.program === 'printf' && from.args.length === 1 && !from.args[0]!.text.includes('%')) {
    return { text: decodeEscapes(from.args[0]!.text), literal: from.args[0]!.literal };
  }
  // `printf '%s\n' a b`: one line per argument.
  if (from.program === 'printf' && /^%s(\\n|\n)$/.test(from.args[0]?.text ?? '') && from.args.length > 1) {
    const rest = from.args.slice(1);
    return { text: rest.map((w) => w.text).join('\n'), literal: rest.every((w) => w.literal) };
  }
  if (from.program === 'cat' && from.args.length === 0) return literalStdin(from.stdin);
  // `echo cm0gLXJmIH4= | base64 -d | sh`: the decoded text is what the shell reads.
  const chain = [from, ...upstream(from)];
  if (chain.some(isDecoder)) {
    const decoded = decodePipeline(chain);
    if (decoded !== undefined) return { text: decoded, literal: true };
  }
  return undefined;
}

function evalNested(cmd: SimpleCommand): Nested | undefined {
  if (!cmd.args.length) return undefined;
  return { script: { text: cmd.args.map((w) => w.text).join(' '), literal: cmd.args.every((w) => w.literal) }, via: 'eval' };
}

/** `alias ll='rm -rf ~'`: the body runs whenever the alias is used, typically right after in the same line. */
function aliasNested(cmd: SimpleCommand): Nested[] {
  const out: Nested[] = [];
  for (const w of cmd.args) {
    const eq = w.text.indexOf('=');
    if (eq <= 0 || w.text.startsWith('-')) continue;
    const body = w.text.slice(eq + 1);
    if (body.trim()) out.push({ script: { text: body, literal: w.literal }, via: `alias ${w.text.slice(0, eq)}` });
  }
  return out;
}

function trapNested(cmd: SimpleCommand): Nested | undefined {
  const args = cmd.args.filter((w) => !w.text.startsWith('-'));
  const action = args[0];
  if (!action || args.length < 2 || action.text === '' || action.text === '-') return undefined;
  return { script: action, via: 'trap', ctx: { trap: true } };
}

function watchNested(cmd: SimpleCommand): Nested | undefined {
  const rest = cmd.args.slice(skipOptions(cmd.args, OPTS_WITH_VALUE.watch!));
  if (!rest.length) return undefined;
  return { script: { text: rest.map((w) => w.text).join(' '), literal: rest.every((w) => w.literal) }, via: 'watch' };
}

function parallelNested(cmd: SimpleCommand): Nested | undefined {
  const sep = cmd.args.findIndex((w) => w.text === ':::' || w.text === '::::');
  // parallel's own options come first; the command's options (`rm -rf`) stay.
  const own = sep >= 0 ? cmd.args.slice(0, sep) : cmd.args;
  const start = own.findIndex((w) => !w.text.startsWith('-'));
  const template = start >= 0 ? own.slice(start) : [];
  if (!template.length) return undefined;
  // `parallel rm -rf ::: a b`: each item replaces {} or, without one, is appended; judged together, every item shows.
  const items = sep >= 0 ? cmd.args.slice(sep + 1).filter((w) => w.text !== ':::' && w.text !== '::::') : [];
  const known = items.length && items.every((w) => w.literal) && cmd.args[sep]!.text === ':::';
  const joined = template.map((w) => w.text).join(' ');
  const text = known
    ? /\{\}/.test(joined) ? items.map((w) => joined.replace(/\{\}/g, shellQuote(w.text))).join('; ') : `${joined} ${items.map((w) => shellQuote(w.text)).join(' ')}`
    : joined.replace(/\{\}/g, 'PARALLEL_ITEM');
  return { script: { text, literal: template.every((w) => w.literal) }, via: 'parallel' };
}

/** Text typed into another terminal runs there: `tmux run-shell CMD`, `tmux send-keys 'CMD' Enter`, `screen -X stuff 'CMD\n'`. */
function terminalNested(cmd: SimpleCommand): Nested | undefined {
  const a = cmd.args;
  const at = a.findIndex((w) => /^(run-shell|run|send-keys|send|stuff)$/.test(w.text));
  if (at < 0) return undefined;
  const rest = a.slice(at + 1);
  const words: Word[] = [];
  for (let i = 0; i < rest.length; i++) {
    const t = rest[i]!.text;
    if (/^-[tcd]$/.test(t)) { i++; continue; }
    if (t.startsWith('-')) continue;
    // Key names end a typed line; they are not text.
    if (/^(Enter|C-m|KPEnter|Escape|C-c|C-d|Tab|Space)$/.test(t)) continue;
    words.push(rest[i]!);
  }
  if (!words.length) return undefined;
  return { script: { text: words.map((w) => w.text).join(' ').replace(/\\n|\n/g, '\n'), literal: words.every((w) => w.literal) }, via: `${cmd.program} ${a[at]!.text}` };
}

/** An editor's ex command line that shells out: `vim -c '!rm -rf x'`, `vim +'!cmd'`. */
function editorNested(cmd: SimpleCommand): Nested[] {
  const out: Nested[] = [];
  cmd.args.forEach((w, i) => {
    const c = w.text === '-c' || w.text === '--cmd' ? cmd.args[i + 1] : w.text.startsWith('+') ? { text: w.text.slice(1), literal: w.literal } : undefined;
    const m = c && /^\s*(?:silent!?\s*)?!(.+)$/.exec(c.text);
    if (m) out.push({ script: { text: m[1]!, literal: c.literal }, via: `${cmd.program} -c !` });
  });
  return out;
}

/** awk's system("…"): its string pieces, with ENVIRON["X"] as $X. */
function awkNested(cmd: SimpleCommand): Nested[] {
  const program = cmd.args.find((w) => !w.text.startsWith('-') && /system\s*\(/.test(w.text));
  if (!program) return [];
  const out: Nested[] = [];
  for (const m of program.text.matchAll(/system\s*\(((?:[^()]|\([^()]*\))*)\)/g)) {
    let literal = true;
    const text = m[1]!.replace(/"((?:[^"\\]|\\.)*)"|ENVIRON\[\s*"(\w+)"\s*\]|([A-Za-z_]\w*(?:\[[^\]]*\])?)|\s+/g, (_all, str?: string, env?: string, ident?: string) => {
      if (str !== undefined) return str;
      if (env !== undefined) return `$${env}`;
      if (ident !== undefined) { literal = false; return '"$AWK_VALUE"'; }
      return '';
    });
    out.push({ script: { text, literal }, via: `${cmd.program} system()` });
  }
  return out;
}

/**
 * sed's own ways to run and write: `s/^/rm -rf /e` runs each edited line as a command, `e CMD` runs CMD, and
 * `w FILE` writes FILE (judged as `tee FILE`).
 */
function sedNested(cmd: SimpleCommand): Nested[] {
  const scripts: Word[] = [];
  cmd.args.forEach((w, i) => { if ((w.text === '-e' || w.text === '--expression') && cmd.args[i + 1]) scripts.push(cmd.args[i + 1]!); });
  if (!scripts.length) { const first = cmd.args.find((w) => !w.text.startsWith('-')); if (first) scripts.push(first); }
  const out: Nested[] = [];
  for (const s of scripts) {
    for (const m of s.text.matchAll(/(?:^|[;\n}])\s*(?:\d+|\$|\/[^/]*\/)?\s*[wW]\s+(\S+)|s(.)(?:(?!\2).)*\2(?:(?!\2).)*\2[gpiImM0-9]*w\s+(\S+)/g)) {
      out.push({ argv: [word('tee'), word(m[1] ?? m[3]!, s.literal)], via: 'sed w' });
    }
    const exec = /(?:^|[;\n])\s*e\s+([^;\n]+)/.exec(s.text);
    if (exec) out.push({ script: { text: exec[1]!, literal: s.literal }, via: 'sed e' });
    const sub = /^s(.)(\^|\$)\1((?:(?!\1).)*)\1[gpiI]*e[gpiI]*$/.exec(s.text.trim());
    if (sub || /^s(.)(?:(?!\1).)*\1(?:(?!\1).)*\1[gpiI]*e/.test(s.text.trim())) {
      const input = literalStdin(cmd.stdin);
      const lines = input?.literal ? input.text.split('\n').filter(Boolean) : undefined;
      const text = sub && lines ? lines.map((l) => (sub[2] === '^' ? sub[3] + l : l + sub[3])).join('\n') : `${sub?.[3] ?? s.text} "$SED_INPUT"`;
      out.push({ script: { text, literal: !!(sub && lines && s.literal) }, via: 'sed s///e' });
    }
  }
  return out;
}

function suNested(cmd: SimpleCommand): Nested | undefined {
  const i = cmd.args.findIndex((w) => w.text === '-c' || w.text === '--command');
  const script = i >= 0 ? cmd.args[i + 1] : undefined;
  return script ? { script, via: 'su -c', ctx: { privileged: true } } : undefined;
}

function nestedOf(cmd: SimpleCommand): Nested[] {
  const p = cmd.program;
  if (PREFIX_WRAPPERS.has(p)) {
    const n = prefixWrapper(cmd);
    return n ? [n] : [];
  }
  if (SHELLS.has(p)) return opt(shellNested(cmd));
  if (MULTICALL.has(p)) return cmd.args.length ? [{ argv: cmd.args, via: p }] : [];
  switch (p) {
    case 'xargs': return opt(xargsNested(cmd));
    case 'find': return findNested(cmd);
    case 'ssh': return opt(sshNested(cmd));
    case 'salt': case 'salt-ssh': case 'fly': case 'flyctl': case 'gcloud': case 'heroku': case 'az': return opt(remoteRunNested(cmd));
    case 'kubectl': case 'oc': case 'docker': case 'podman': case 'nerdctl': return opt(containerExecNested(cmd));
    case 'eval': return opt(evalNested(cmd));
    case 'alias': return aliasNested(cmd);
    case 'trap': return opt(trapNested(cmd));
    case 'watch': return opt(watchNested(cmd));
    case 'parallel': return opt(parallelNested(cmd));
    case 'su': return opt(suNested(cmd));
    case 'tmux': case 'screen': return opt(terminalNested(cmd));
    // `at now + 5 minutes <<< 'rm -rf …'`: the deferred script is assessed like any other.
    case 'at': case 'batch': { const input = literalStdin(cmd.stdin); return input ? [{ script: input, via: cmd.program, ctx: { background: true } }] : []; }
    case 'vim': case 'vi': case 'nvim': case 'ex': case 'view': return editorNested(cmd);
    case 'awk': case 'gawk': case 'mawk': case 'nawk': case 'busybox-awk': return awkNested(cmd);
    case 'sed': case 'gsed': return sedNested(cmd);
    default: return [];
  }
}

const opt = <T>(v: T | undefined): T[] => (v === undefined ? [] : [v]);

export const MAX_UNWRAP_DEPTH = 10;

/** Expands wrappers recursively. `parser` re-parses strings that a shell would parse again. */
export function unwrapAll(commands: readonly SimpleCommand[], parser: ShellParser, depth = 0): Expanded {
  const out: SimpleCommand[] = [];
  const problems: string[] = [];
  for (const cmd of commands) {
    const nestedList = nestedOf(cmd);
    out.push(nestedList.length ? { ...cmd, ctx: { ...cmd.ctx, unwrapped: true } } : cmd);
    for (const nested of nestedList) {
      if (depth >= MAX_UNWRAP_DEPTH) {
        problems.push(`wrappers nested deeper than ${MAX_UNWRAP_DEPTH} levels`);
        break;
      }
      const ctx: CommandContext = {
        ...cmd.ctx,
        ...nested.ctx,
        via: [...cmd.ctx.via, nested.via],
        privileged: cmd.ctx.privileged || nested.ctx?.privileged || undefined,
        remote: nested.ctx?.remote ?? cmd.ctx.remote,
        pipeline: undefined,
      };
      let inner: readonly SimpleCommand[] = [];
      if (nested.argv && nested.argv.length) {
        const [name, ...rest] = nested.argv;
        inner = [{
          program: normaliseProgram(name!.text),
          args: rest,
          assignments: nested.assignments ?? [],
          redirects: [],
          stdin: cmd.stdin,
          source: nested.argv.map((w) => w.text).join(' '),
          ctx: { ...ctx, opaqueName: !name!.literal || undefined },
        }];
      } else if (nested.script) {
        if (!nested.script.literal) {
          // The string is only known at run time: keep a marker the rules treat as opaque code.
          // It is final: unwrapping the marker again (its program is `eval`, `watch`…) would loop.
          out.push({ program: nested.via, args: [word(nested.script.text, false)], assignments: [], redirects: [], source: nested.script.text, ctx: { ...ctx, opaqueName: true } });
          continue;
        } else {
          const parsed = parser.parse(nested.script.text, { context: ctx, depth: depth + 1, vars: cmd.ctx.trapVars });
          inner = parsed.commands;
          problems.push(...parsed.problems.map((p) => `in ${nested.via}: ${p}`));
        }
      }
      const deeper = unwrapAll(inner, parser, depth + 1);
      out.push(...deeper.commands);
      problems.push(...deeper.problems);
    }
  }
  return { commands: out, problems };
}

export { PRIVILEGED };
