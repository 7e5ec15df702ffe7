// Pure path arithmetic (POSIX semantics; the core never touches the filesystem).
import type { AssessContext } from './context.js';
import type { Scope } from './model.js';

export function normalisePath(p: string): string {
  const abs = p.startsWith('/');
  const parts: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (parts.length && parts[parts.length - 1] !== '..') parts.pop();
      else if (!abs) parts.push('..');
      continue;
    }
    parts.push(seg);
  }
  const joined = parts.join('/');
  return abs ? '/' + joined : joined || '.';
}

/** Resolves a path argument the way the shell would see it, expanding `~` and `$HOME`. */
export function resolvePath(p: string, ctx: AssessContext, cwd: string = ctx.cwd): string {
  let s = p;
  if (s === '~' || s.startsWith('~/')) s = ctx.home + s.slice(1);
  s = s.replace(/^\$\{?HOME\}?(?=\/|$)/, ctx.home).replace(/^\$\{?PWD\}?(?=\/|$)/, cwd);
  if (!s.startsWith('/')) s = (cwd.endsWith('/') ? cwd : cwd + '/') + s;
  return normalisePath(s);
}

export const isWithin = (child: string, parent: string): boolean =>
  child === parent || child.startsWith(parent.endsWith('/') ? parent : parent + '/');

const SYSTEM_ROOTS = ['/etc', '/usr', '/bin', '/sbin', '/lib', '/lib64', '/boot', '/var', '/opt', '/dev', '/proc', '/sys', '/root', '/srv', '/System', '/Library', '/Applications'];

/** Where a resolved absolute path lies. Workspace wins over home when the workspace is in home. */
export function pathScope(abs: string, ctx: AssessContext): Scope {
  if (ctx.workspaceRoots.some((r) => isWithin(abs, normalisePath(r)))) return 'workspace';
  if (abs === '/' || SYSTEM_ROOTS.some((r) => isWithin(abs, r))) return 'system';
  if (isWithin(abs, normalisePath(ctx.home))) return 'home';
  return 'outside-workspace';
}

/** True when the path is the root, home, a workspace root or a parent of one: deleting it is catastrophic. */
export function isCriticalRoot(abs: string, ctx: AssessContext): boolean {
  if (abs === '/' || abs === normalisePath(ctx.home)) return true;
  if (ctx.workspaceRoots.some((r) => isWithin(normalisePath(r), abs))) return true;
  return SYSTEM_ROOTS.includes(abs) || /^\/(home|Users)$/.test(abs);
}
