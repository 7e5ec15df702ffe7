// Helpers for rules that look past how a tool was launched: package-manager runners
// (`npx prisma …`, `bundle exec rails …`, `poetry run python manage.py …`), sub-command views,
// global options, environment references in arguments, and local hosts.
import type { Finding, RemoteImpact, Tag } from './model.js';
import { CommandView } from './rules/rule.js';
import type { Word } from './shell/command.js';
import { normaliseProgram } from './shell/walker.js';

/** A view of the same command with another program name and the arguments from `from` on. */
export function subView(v: CommandView, from: number, program: string = v.program): CommandView {
  return new CommandView({ ...v.cmd, program, args: v.words.slice(from) }, v.ctx);
}

/** Index of the first positional argument, skipping options (and the values of `withValue`). */
export function firstPositional(args: readonly string[], withValue: ReadonlySet<string>, from = 0): number {
  for (let i = from; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') return i + 1 < args.length ? i + 1 : -1;
    if (a.startsWith('-') && a !== '-') {
      if (withValue.has(a)) i++;
      continue;
    }
    return i;
  }
  return -1;
}

const RUNNER_OPTS = new Set(['-p', '--package', '-c', '--call', '--filter', '-F', '-C', '--dir', '--cwd', '--prefix', '-w', '--workspace', '--python', '--with', '--from', '--env-file', '-g', '--gemfile', '--directory', '--project']);
const SCRIPT_RUNNERS = new Set(['npx', 'bunx', 'pnpx']);
const PYTHONS = /^(python|python3|python3\.\d+|py|pypy|pypy3)$/;

/**
 * The tool a runner starts: `npx prisma …` → prisma, `pnpm exec knex …` → knex,
 * `bundle exec rake …` → rake, `uv run python manage.py …` → python. Undefined if not a runner.
 */
export function unrun(v: CommandView): CommandView | undefined {
  const a = v.args;
  const p = v.program;
  let i = -1;
  if (SCRIPT_RUNNERS.has(p)) i = firstPositional(a, RUNNER_OPTS);
  else if (p === 'npm' && (a[0] === 'exec' || a[0] === 'x')) i = firstPositional(a, RUNNER_OPTS, 1);
  else if ((p === 'pnpm' || p === 'yarn' || p === 'bun')) {
    const j = firstPositional(a, RUNNER_OPTS);
    if (j < 0) return undefined;
    const s = a[j]!;
    if (s === 'exec' || s === 'dlx' || s === 'x' || s === 'run') i = firstPositional(a, RUNNER_OPTS, j + 1);
    else if (!BUILTIN_PM.has(s)) i = j; // `yarn prisma …` runs a binary or a script
  } else if (p === 'bundle' || p === 'poetry' || p === 'pipenv' || p === 'pdm' || p === 'hatch' || p === 'rye' || p === 'uv' || p === 'uvx' || p === 'pixi' || p === 'mise' || p === 'dotenv' || p === 'doppler' || p === 'op' || p === 'infisical' || p === 'aws-vault' || p === 'direnv') {
    if (p === 'uvx') i = firstPositional(a, RUNNER_OPTS);
    else {
      const j = firstPositional(a, RUNNER_OPTS);
      if (j < 0) return undefined;
      if (a[j] === 'exec' || a[j] === 'run') {
        // `aws-vault exec PROFILE -- cmd`, `doppler run -- cmd`, `op run -- cmd`, `direnv exec DIR cmd`
        const dash = a.indexOf('--', j);
        i = dash >= 0 ? dash + 1 : firstPositional(a, RUNNER_OPTS, j + 1);
        if (dash < 0 && (p === 'aws-vault' || p === 'direnv') && i >= 0) i = firstPositional(a, RUNNER_OPTS, i + 1);
      } else if (p === 'dotenv') i = a.indexOf('--') >= 0 ? a.indexOf('--') + 1 : -1;
    }
  }
  if (i < 0 || i >= a.length) return undefined;
  let name = a[i]!;
  // `npx prisma@5 …`, `npx @scope/tool@1 …`
  name = name.replace(/(.)@[^/@]*$/, '$1');
  const program = normaliseProgram(name);
  return subView(v, i + 1, PACKAGE_BINARIES[program] ?? program);
}

/** npm package names whose binary has another name (`npx aws-cdk deploy` runs `cdk`). */
const PACKAGE_BINARIES: Readonly<Record<string, string>> = { 'aws-cdk': 'cdk', 'cdktf-cli': 'cdktf', 'prisma-cli': 'prisma', 'supabase-cli': 'supabase', 'firebase-tools': 'firebase', 'vercel-cli': 'vercel', 'wrangler-cli': 'wrangler' };

const BUILTIN_PM = new Set(['install', 'i', 'add', 'remove', 'rm', 'uninstall', 'update', 'up', 'upgrade', 'publish', 'pack', 'link', 'unlink', 'init', 'create', 'test', 't', 'build', 'start', 'dev', 'info', 'why', 'list', 'ls', 'outdated', 'audit', 'config', 'set', 'cache', 'store', 'login', 'logout', 'whoami', 'version', 'npm', 'workspace', 'workspaces', 'import', 'dedupe', 'prune', 'patch', 'rebuild', 'deploy', 'env', 'setup', 'help', 'global', 'unpublish', 'deprecate', 'owner', 'access', 'dist-tag', 'tag', 'plugin', 'constraints', 'node', 'install-test', 'ci']);

/** Resolves runners and interpreters down to the tool: `python -m alembic`, `./manage.py`, `npx knex`. */
export function toolOf(v: CommandView): CommandView {
  let cur = v;
  for (let depth = 0; depth < 4; depth++) {
    const inner = unrun(cur);
    if (inner) { cur = inner; continue; }
    if (PYTHONS.test(cur.program)) {
      const a = cur.args;
      const j = firstPositional(a, new Set(['-W', '-X', '-c']));
      const m = a.indexOf('-m');
      if (m >= 0 && (j < 0 || m < j) && a[m + 1]) { cur = subView(cur, m + 2, a[m + 1]!); continue; }
      if (j >= 0 && !a[j]!.startsWith('-')) { cur = subView(cur, j + 1, normaliseProgram(a[j]!)); continue; }
    }
    break;
  }
  return cur;
}

/** `$VAR` / `${VAR}` in an argument, resolved against the command's environment when known. */
export function expandRef(v: CommandView, text: string): string {
  return text.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (m, name: string) => v.env(name) ?? name);
}

const LOCAL = /^(localhost|127\.\d+\.\d+\.\d+|::1|\[::1\]|0\.0\.0\.0|host\.docker\.internal|[a-z0-9-]+\.local|[a-z0-9-]+\.localhost|\/.*|@.*)$/i;
/** True for hosts on this machine: localhost, loopback, unix sockets. */
export const isLocalHost = (host: string): boolean => LOCAL.test(host.trim());

/** The host of a connection URL (`postgres://u:p@db.example.com:5432/app`), if it is one. */
export function urlHost(url: string): string | undefined {
  const m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/]*@)?(\[[^\]]+\]|[^:/?#,]+)/i.exec(url);
  return m ? decodeURIComponent(m[1]!) : undefined;
}

/** The path part of a connection URL: usually the database name. */
export function urlDatabase(url: string): string | undefined {
  const m = /^[a-z][a-z0-9+.-]*:\/\/[^/]*\/([^?#]+)/i.exec(url);
  return m ? decodeURIComponent(m[1]!) : undefined;
}

/** Remote impact for a destructive operation, or undefined when everything named is local. */
export function remoteImpact(v: CommandView, identifiers: readonly (string | undefined)[], destructive = true): RemoteImpact | undefined {
  const ids = identifiers.filter((x): x is string => !!x);
  if (v.cmd.ctx.remote) ids.push(v.cmd.ctx.remote.replace(/^\w+ /, ''));
  return { identifiers: ids, destructive };
}

/** Options that skip a confirmation prompt. */
export function bypassTag(v: CommandView, ...flags: string[]): Tag[] {
  return v.has(...flags) ? ['confirmation-bypass'] : [];
}

/** Words that are only known at run time. */
export const opaque = (w: Word | undefined): boolean => !!w && !w.literal;

/** Adds tags without duplicates. */
export function withTags(f: Finding, ...tags: Tag[]): Finding {
  return { ...f, tags: [...new Set([...(f.tags ?? []), ...tags])] };
}

/** Names of protected branches: the policy's plus the conventional ones. */
const CONVENTIONAL_PROTECTED = /^(main|master|production|prod|release|releases?\/.+|develop|development|trunk|stable|live|gh-pages|hotfix)$/i;
export function isProtectedBranch(branch: string, protectedBranches: readonly string[]): boolean {
  const b = branch.replace(/^refs\/heads\//, '').replace(/^(origin|upstream)\//, '');
  return protectedBranches.includes(b) || CONVENTIONAL_PROTECTED.test(b);
}
