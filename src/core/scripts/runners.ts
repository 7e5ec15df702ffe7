// Which commands run a script, and where its text is: a file (`bash x.sh`, `./deploy.sh`, `. env.sh`,
// `python tools/purge.py`), a package.json script (`npm run db:reset`), or a Makefile or justfile recipe.
import { INTERPRETERS, POSIX_SHELLS } from '../programs.js';
import type { SimpleCommand } from '../shell/command.js';

export type ScriptRunner =
  | { readonly kind: 'file'; readonly path: string; readonly lang?: string; readonly label: string; readonly name: string; readonly rest: readonly string[] }
  | { readonly kind: 'package'; readonly name: string; readonly label: string; readonly rest: readonly string[] }
  | { readonly kind: 'recipe'; readonly tool: 'make' | 'just'; readonly name?: string; readonly files: readonly string[]; readonly label: string; readonly rest: readonly string[] };

/** Framework entry points that dispatch to a named task: their task name, not their file, says what runs. */
const DISPATCHERS = /(^|\/)(manage\.py|artisan|rails|rake|console|bin\/\w+)$/;
const NPM_OWN = new Set(['test', 't', 'tst', 'start', 'stop', 'restart']);
/** pnpm and yarn run a package script when the word is not one of their own commands. */
const PM_BUILTIN = new Set([
  'add', 'install', 'i', 'remove', 'rm', 'uninstall', 'update', 'up', 'upgrade', 'link', 'unlink', 'publish', 'pack', 'init', 'create',
  'dlx', 'exec', 'why', 'list', 'ls', 'outdated', 'audit', 'config', 'set', 'info', 'view', 'login', 'logout', 'cache', 'store',
  'import', 'rebuild', 'prune', 'patch', 'patch-commit', 'deploy', 'env', 'setup', 'bin', 'root', 'licenses', 'version', 'workspaces',
  'workspace', 'global', 'node', 'plugin', 'dedupe', 'fetch', 'help', 'npm', 'constraints', 'explain', 'search', 'self-update',
]);
/** A file name, not code: no spaces, quotes, parentheses or semicolons. */
const PATH_LIKE = /^[\w@%+=:,./~-]+$/;
const SCRIPT_FILE = /\.(sh|bash|zsh|ksh|py|js|mjs|cjs|ts|rb|pl|php)$/;

const positional = (cmd: SimpleCommand, withValue: readonly string[] = []): string[] => {
  const out: string[] = [];
  for (let i = 0; i < cmd.args.length; i++) {
    const a = cmd.args[i]!.text;
    if (a === '--') { out.push(...cmd.args.slice(i + 1).map((w) => w.text)); break; }
    if (a.startsWith('-')) { if (withValue.includes(a)) i++; continue; }
    out.push(a);
  }
  return out;
};

/** The script a command runs, if it runs one. `first` is the command word as written (`./deploy.sh`). */
export function runnerOf(cmd: SimpleCommand, first: string | undefined): ScriptRunner | undefined {
  const p = cmd.program;
  const file = (path: string, rest: readonly string[], lang?: string): ScriptRunner | undefined =>
    DISPATCHERS.test(path) ? undefined : { kind: 'file', path, lang, label: `script ${path}`, name: path.replace(/^.*\//, '').replace(SCRIPT_FILE, ''), rest };
  if (POSIX_SHELLS.has(p)) {
    // `bash x.sh args`: the first operand, unless the code comes from -c or stdin.
    for (let i = 0; i < cmd.args.length; i++) {
      const a = cmd.args[i]!;
      // -c and -s take the code from elsewhere; -n only checks the syntax (runs nothing).
      if (/^-[a-zA-Z]*[csn][a-zA-Z]*$/.test(a.text) && !a.text.startsWith('--')) return undefined;
      if (a.text === '-o' || a.text === '+o' || a.text === '-O' || a.text === '--rcfile' || a.text === '--init-file') { i++; continue; }
      if (a.text.startsWith('-') || a.text.startsWith('+')) continue;
      return a.literal ? file(a.text, cmd.args.slice(i + 1).map((w) => w.text)) : undefined;
    }
    return undefined;
  }
  if (p === 'source' || p === '.') return cmd.args[0]?.literal ? file(cmd.args[0].text, cmd.args.slice(1).map((w) => w.text)) : undefined;
  if (INTERPRETERS[p]) {
    if (cmd.args.some((w) => /^-[a-zA-Z]*[cemrp]$|^--eval$|^--print$/.test(w.text))) return undefined;
    const pos = positional(cmd, ['-W', '-X', '--require', '-r', '--import', '--loader']);
    const script = pos[0];
    if (p === 'bun' || p === 'deno') {
      if ((pos[0] === 'run' || pos[0] === 'x') && pos[1] && (SCRIPT_FILE.test(pos[1]) || pos[1].includes('/'))) return file(pos[1], pos.slice(2), p);
      if (p === 'bun' && pos[0] === 'run' && pos[1]) return { kind: 'package', name: pos[1], label: `bun run ${pos[1]}`, rest: pos.slice(2) };
      return undefined;
    }
    return script && PATH_LIKE.test(script) && (SCRIPT_FILE.test(script) || script.includes('/')) && cmd.args.find((w) => w.text === script)?.literal ? file(script, pos.slice(1), p) : undefined;
  }
  if (p === 'npm') {
    const pos = positional(cmd, ['--prefix', '-w', '--workspace']);
    if ((pos[0] === 'run' || pos[0] === 'run-script' || pos[0] === 'rum' || pos[0] === 'urn') && pos[1]) return { kind: 'package', name: pos[1], label: `npm run ${pos[1]}`, rest: pos.slice(2) };
    if (pos[0] && NPM_OWN.has(pos[0])) { const name = pos[0] === 't' || pos[0] === 'tst' ? 'test' : pos[0]; return { kind: 'package', name, label: `npm ${name}`, rest: pos.slice(1) }; }
    return undefined;
  }
  if (p === 'pnpm' || p === 'yarn') {
    const pos = positional(cmd, ['--filter', '-F', '--dir', '-C', '--cwd']);
    if (pos[0] === 'run' && pos[1]) return { kind: 'package', name: pos[1], label: `${p} run ${pos[1]}`, rest: pos.slice(2) };
    if (pos[0] && !PM_BUILTIN.has(pos[0]) && pos[0] !== 'run') return { kind: 'package', name: pos[0], label: `${p} ${pos[0]}`, rest: pos.slice(1) };
    return undefined;
  }
  if (p === 'make' || p === 'gmake') {
    const f = cmd.args.findIndex((w) => w.text === '-f' || w.text === '--file');
    const files = f >= 0 && cmd.args[f + 1] ? [cmd.args[f + 1]!.text] : ['GNUmakefile', 'makefile', 'Makefile'];
    const targets = positional(cmd, ['-f', '--file', '-C', '--directory', '-j', '--jobs', '-I', '-o', '-W']).filter((t) => !t.includes('='));
    return { kind: 'recipe', tool: 'make', name: targets[0], files, label: `make ${targets[0] ?? '(default target)'}`, rest: targets.slice(1) };
  }
  if (p === 'just') {
    const pos = positional(cmd, ['-f', '--justfile', '-d', '--working-directory', '--set']);
    return { kind: 'recipe', tool: 'just', name: pos[0], files: ['justfile', 'Justfile', '.justfile'], label: `just ${pos[0] ?? '(default recipe)'}`, rest: pos.slice(1) };
  }
  // `./deploy.sh prod`, `scripts/wipe.sh`: a program given by a relative path is the workspace's own script.
  if (first && /^\.{0,2}\/|^[\w.-]+\//.test(first) && !/^\/(usr|bin|sbin|opt|etc|nix)\//.test(first)) {
    return cmd.ctx.opaqueName ? undefined : file(first, cmd.args.map((w) => w.text));
  }
  return undefined;
}

/** A package.json script with its pre- and post- scripts, as npm runs them. */
export function packageScript(json: string, name: string): string | undefined {
  try {
    const scripts = (JSON.parse(json) as { scripts?: Record<string, unknown> }).scripts ?? {};
    const body = [scripts[`pre${name}`], scripts[name], scripts[`post${name}`]].filter((x): x is string => typeof x === 'string');
    return typeof scripts[name] === 'string' ? body.join('\n') : undefined;
  } catch {
    return undefined;
  }
}

/** A Makefile target's or justfile recipe's commands (the first one when no name is given), as shell text. */
export function recipe(text: string, name: string | undefined, tool: 'make' | 'just'): string | undefined {
  const lines = text.split('\n');
  const header = (l: string): string[] | undefined => {
    const m = tool === 'make' ? /^([^\s:#=][^:=]*?)\s*::?(?!=)/.exec(l) : /^@?([A-Za-z_][\w-]*)(?:\s+[^:]*)?:(?!=)/.exec(l);
    return m ? m[1]!.split(/\s+/) : undefined;
  };
  let start = -1;
  for (let i = 0; i < lines.length; i++) {
    const names = header(lines[i]!);
    if (!names) continue;
    if (name ? names.includes(name) : !names[0]!.startsWith('.')) { start = i; break; }
  }
  if (start < 0) return undefined;
  const body: string[] = [];
  for (let i = start + 1; i < lines.length; i++) {
    const l = lines[i]!;
    if (tool === 'make' ? !l.startsWith('\t') : !/^[ \t]+\S/.test(l)) { if (l.trim() === '' && tool === 'just') continue; if (l.trim() === '') continue; break; }
    body.push(l.trim().replace(/^[@+-]+/, ''));
  }
  // Make's own variables are not the shell's: `$(RM)` is a variable, `$$x` is the shell's `$x`.
  const shell = body.join('\n').replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)|\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, tool === 'make' ? '$$$1$2' : '$&').replace(/\$\$/g, '$');
  return body.length ? shell : undefined;
}
