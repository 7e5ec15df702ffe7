// Classifies the paths a command touches: where they lie (workspace, home, system, /tmp, a remote
// machine), whether they are a catastrophic root, a regenerable build directory, a glob, or only known
// at run time. Shared by the filesystem, privilege, disks, airlock and secrets rule families.
import type { AssessContext } from './context.js';
import type { Scope, Tag } from './model.js';
import { isCriticalRoot, isWithin, normalisePath, pathScope } from './paths.js';
import type { CommandView } from './rules/rule.js';

export type PathKind =
  | 'unknown' // only known at run time
  | 'critical' // /, ~, a workspace root or its parent, a top-level system directory
  | 'system' // under /etc, /usr, /var…
  | 'system-soft' // /opt, /var/log, /var/cache, /usr/local/…: outside the OS core
  | 'home-sensitive' // ~/.ssh, ~/.aws, ~/Documents…
  | 'home'
  | 'cache' // regenerable caches outside the workspace (~/.cache, ~/.npm…)
  | 'tmp' // something under /tmp
  | 'outside'
  | 'git' // the workspace's .git directory
  | 'regenerable' // node_modules, dist, build… inside or outside the workspace
  | 'workspace'
  | 'device' // /dev/…
  | 'null'; // /dev/null, /dev/stdout…

export interface PathInfo {
  readonly raw: string;
  /** Resolved absolute path (best effort; for unknown paths, the literal prefix resolved). */
  readonly abs: string;
  readonly kind: PathKind;
  readonly scope: Scope;
  readonly glob: boolean;
  /** A glob whose last segment matches everything (`*`, `.*`, `*.*`, `**`). */
  readonly broadGlob: boolean;
  /** For globs: the directory the pattern expands in, and its kind. */
  readonly base?: string;
  readonly baseKind?: PathKind;
  /** True when the path is on another machine or in a container. */
  readonly remote: boolean;
}

const GLOB = /[*?[]/;
const BROAD_LAST = /^(\*+|\.\*|\*\.\*|\.\[!.\]\*|\.\?\*|\{?\*,?\.\*\}?|\.\[\^.\]\*)$/;
const SYSTEM_HARD = /^\/(etc|usr|bin|sbin|lib|lib32|lib64|libx32|boot|dev|proc|sys|root|srv|System|Library|private\/etc|var\/lib|var\/db|var\/spool|var\/mail|var\/www)(\/|$)/;
const SYSTEM_SOFT = /^\/(opt|var|usr\/local|Applications|nix|snap)(\/|$)/;
const TMP = /^\/(tmp|var\/tmp|private\/tmp|private\/var\/folders|var\/folders|dev\/shm)\/./;
const TMP_ROOT = /^\/(tmp|var\/tmp|private\/tmp|dev\/shm)$/;
const NULL_DEVICES = /^\/dev\/(null|zero|stdout|stderr|stdin|tty|fd\/\d+|full|random|urandom|pts\/\d+)$/;
const HOME_SENSITIVE = /^(\.ssh|\.gnupg|\.aws|\.kube|\.azure|\.config|\.local|\.password-store|\.docker|Documents|Desktop|Pictures|Music|Movies|Videos|Library|Dropbox|OneDrive|iCloud Drive)(\/|$)/;
const HOME_CACHE = /^(\.cache|\.npm|\.yarn\/cache|\.pnpm-store|\.local\/share\/pnpm|\.cargo\/registry|\.cargo\/git|\.gradle\/caches|\.m2\/repository|\.ivy2\/cache|Library\/Caches|Library\/Developer\/Xcode\/DerivedData|go\/pkg\/mod|\.nuget\/packages|\.bun\/install\/cache|\.deno|\.rustup\/tmp|\.pyenv\/cache|\.conda\/pkgs|\.composer\/cache|\.expo|\.android\/cache|\.node-gyp|\.electron|\.vscode-server\/data\/CachedExtensionVSIXs)(\/|$)/;

/** Directory names whose contents a build or install recreates. */
const REGENERABLE_NAMES = new Set([
  'node_modules', 'dist', 'build', 'out', 'target', '.next', '.nuxt', '.svelte-kit', '.turbo', '.parcel-cache',
  '.cache', 'coverage', '.nyc_output', '__pycache__', '.pytest_cache', '.mypy_cache', '.ruff_cache', '.tox', '.nox',
  '.venv', 'venv', '.eggs', '.gradle', '.dart_tool', '.angular', 'storybook-static', '.docusaurus', '.expo',
  '.terraform', 'tmp', '.tmp', 'temp', 'bower_components', 'Pods', 'DerivedData', '.webpack', '.serverless',
  '.aws-sam', 'obj', '.vite', '.astro', '.output', '.vercel/output', '.sass-cache', 'jspm_packages', '.pnpm-store',
  '.yarn/cache', 'htmlcov', '.hypothesis', '.benchmarks', 'site', '_site', '.jekyll-cache', 'public/build',
  'cdk.out', '.build', '.stack-work', 'dist-newstyle', 'zig-cache', 'zig-out', '.zig-cache', 'elm-stuff', '_build',
  'deps', '.elixir_ls', 'vendor/bundle', '.bundle', 'logs', 'log', '.pytype', 'lib-cov', '.eslintcache',
  '.tsbuildinfo', '.mvn/wrapper', '.metals', '.bloop', '.idea/caches', 'cmake-build-debug', 'cmake-build-release',
]);
/**
 * The folder a build-output or cache folder belongs to (`…/webapp/dist` → `…/webapp`): a folder a build
 * recreates is never the root of a project, so a working directory inside one is not the workspace root.
 */
export function outsideBuildOutput(dir: string): string {
  const parts = dir.split('/');
  const first = parts.findIndex((p, i) => i > 1 && REGENERABLE_NAMES.has(p));
  return first > 1 ? parts.slice(0, first).join('/') : dir;
}

const REGENERABLE_PATTERN = /^(.*\.egg-info|.*\.pyc|.*\.pyo|.*\.o|.*\.class|.*\.log|.*\.tsbuildinfo|cmake-build-.*|\.DS_Store|Thumbs\.db|.*\.tmp|.*~|.*\.swp|npm-debug\.log.*|yarn-error\.log|.*\.orig|.*\.rej)$/;

/** Resolves simple `$VAR`/`${VAR}` and `$(pwd)` references the walker left unresolved. */
function substitute(raw: string, view: CommandView): { text: string; known: boolean; emptyVarPrefix: boolean } {
  let text = raw.replace(/^(\$\(\s*pwd\s*\)|`\s*pwd\s*`|\$\{?PWD\}?)(?=\/|$)/, view.cwd);
  let known = true;
  let emptyVarPrefix = false;
  text = text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)([^}]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (m, braced: string | undefined, op: string | undefined, plain: string | undefined, offset: number) => {
    const name = braced ?? plain!;
    // A shell always has HOME: when the environment given does not say, it is this user's home (or, on another machine, that machine's ~).
    const value = view.env(name) ?? (name === 'HOME' ? (view.cmd.ctx.remote ? '~' : view.ctx.home) : undefined);
    if (value !== undefined && (!op || /^:?[-?=+]/.test(op))) return op && /^:?\+/.test(op) ? m : value;
    const defaulted = op ? /^:?[-=](.*)$/.exec(op) : null;
    if (defaulted && value === undefined && !/[$`]/.test(defaulted[1]!)) return defaulted[1]!;
    if (op && /^:?\?/.test(op)) { known = false; return m; }
    known = false;
    if (offset === 0) emptyVarPrefix = true;
    return m;
  });
  if (/\$\(|`|\$\{|\$[A-Za-z_(]|\{found files\}|\{input items\}/.test(text)) known = false;
  return { text, known, emptyVarPrefix };
}

function regenerableName(rel: string): boolean {
  const segs = rel.split('/').filter(Boolean);
  if (!segs.length) return false;
  const last = segs[segs.length - 1]!;
  const lastTwo = segs.slice(-2).join('/');
  if (REGENERABLE_NAMES.has(last) || REGENERABLE_NAMES.has(lastTwo) || REGENERABLE_PATTERN.test(last)) return true;
  // Anything inside a regenerable directory is regenerable too (node_modules/.cache, dist/assets).
  return segs.slice(0, -1).some((s) => s === 'node_modules' || s === '__pycache__' || s === '.next' || s === 'target' || s === 'dist' || s === 'build' || s === 'coverage' || s === '.cache');
}

/** The kind of a resolved absolute local path. */
export function kindOfAbs(abs: string, ctx: AssessContext): PathKind {
  if (NULL_DEVICES.test(abs)) return 'null';
  if (abs.startsWith('/dev/')) return 'device';
  if (isCriticalRoot(abs, ctx) || /^\/(home|Users)\/[^/]+$/.test(abs)) return 'critical';
  const home = normalisePath(ctx.home);
  const roots = ctx.workspaceRoots.map(normalisePath);
  const ws = roots.find((r) => isWithin(abs, r));
  if (ws) {
    const rel = abs.slice(ws.length + 1);
    if (rel === '.git' || rel.startsWith('.git/')) return rel === '.git' || /^\.git\/(objects|refs|logs)(\/|$)/.test(rel) ? 'git' : 'workspace';
    return regenerableName(rel) ? 'regenerable' : 'workspace';
  }
  if (TMP_ROOT.test(abs)) return 'outside';
  if (TMP.test(abs)) return 'tmp';
  if (isWithin(abs, home)) {
    const rel = abs.slice(home.length + 1);
    if (HOME_CACHE.test(rel)) return 'cache';
    if (HOME_SENSITIVE.test(rel)) return 'home-sensitive';
    return regenerableName(rel) ? 'regenerable' : 'home';
  }
  if (SYSTEM_SOFT.test(abs) && !/^\/var\/(lib|db|spool|mail|www)(\/|$)/.test(abs)) return regenerableName(abs) ? 'regenerable' : 'system-soft';
  if (SYSTEM_HARD.test(abs)) return 'system';
  return regenerableName(abs) ? 'regenerable' : 'outside';
}

/** Kind of a path on another machine: no workspace there, and its home is unknown. */
function remoteKind(path: string): { abs: string; kind: PathKind } {
  if (path === '~' || path === '~/' || path === '$HOME' || path === '${HOME}') return { abs: '~', kind: 'critical' };
  const home = /^(~|\$\{?HOME\}?)\//.exec(path);
  if (home) {
    const rel = path.slice(home[0].length);
    const n = normalisePath(rel);
    if (n === '.' || n === '') return { abs: '~', kind: 'critical' };
    return { abs: '~/' + n, kind: HOME_SENSITIVE.test(n) ? 'home-sensitive' : HOME_CACHE.test(n) ? 'cache' : regenerableName(n) ? 'regenerable' : 'home' };
  }
  if (!path.startsWith('/')) {
    const n = normalisePath(path);
    if (n === '.' || n.startsWith('..')) return { abs: path, kind: 'critical' };
    return { abs: path, kind: regenerableName(n) ? 'regenerable' : 'outside' };
  }
  const abs = normalisePath(path);
  if (NULL_DEVICES.test(abs)) return { abs, kind: 'null' };
  if (abs.startsWith('/dev/')) return { abs, kind: 'device' };
  if (abs === '/' || /^\/(home|Users|root|etc|usr|bin|sbin|lib|lib64|boot|var|opt|srv|data|mnt|app|var\/lib|var\/www|home\/[^/]+|Users\/[^/]+)$/.test(abs)) return { abs, kind: 'critical' };
  if (TMP.test(abs)) return { abs, kind: 'tmp' };
  if (SYSTEM_HARD.test(abs)) return { abs, kind: 'system' };
  if (regenerableName(abs)) return { abs, kind: 'regenerable' };
  return { abs, kind: SYSTEM_SOFT.test(abs) ? 'system-soft' : 'outside' };
}

const scopeForKind = (kind: PathKind, remote: boolean, abs: string, view: CommandView): Scope => {
  if (remote) return 'remote';
  if (kind === 'unknown') return 'outside-workspace';
  return pathScope(abs, view.ctx);
};

/** Classifies one path argument of a command. `literal` is the Word's literal flag. */
export function classifyPath(view: CommandView, raw: string, literal = true): PathInfo {
  const remote = !!view.cmd.ctx.remote;
  let text = raw;
  // `~alice/…` is alice's home directory.
  const tildeUser = /^~([a-z_][\w.-]*)(\/.*)?$/i.exec(raw);
  if (tildeUser && literal && !remote) {
    const home = normalisePath(view.ctx.home);
    const parent = home.slice(0, home.lastIndexOf('/')) || '/home';
    text = (home.endsWith('/' + tildeUser[1]) ? home : `${parent}/${tildeUser[1]}`) + (tildeUser[2] ?? '');
  }
  let unknown = false;
  let emptyVarPrefix = false;
  if (!literal || /[$`]/.test(raw) || raw.includes('{found files}') || raw.includes('{input items}')) {
    const s = substitute(raw, view);
    text = s.text;
    unknown = !s.known;
    emptyVarPrefix = s.emptyVarPrefix;
  }
  if (unknown) {
    // `"$DIR/"*` with DIR unset is `/*`: judge the worst case when the rest is a plain path.
    const rest = text.replace(/^(\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*)/, '');
    if (emptyVarPrefix && rest.startsWith('/') && !/[$`]/.test(rest)) {
      const worst = classifyPath(view, rest, true);
      const kind: PathKind = worst.kind === 'critical' || worst.baseKind === 'critical' ? 'critical' : 'unknown';
      return { ...worst, raw, kind, baseKind: worst.glob ? (worst.baseKind === 'critical' ? 'critical' : 'unknown') : undefined };
    }
    return { raw, abs: text, kind: 'unknown', scope: remote ? 'remote' : 'outside-workspace', glob: GLOB.test(text), broadGlob: false, remote };
  }
  const glob = GLOB.test(text) && !/^\[.*\]$/.test(text);
  if (remote) {
    const r = remoteKind(text);
    if (!glob) return { raw, abs: r.abs, kind: r.kind, scope: 'remote', glob: false, broadGlob: false, remote };
    const { base, last } = splitGlob(text);
    const b = remoteKind(base || '.');
    return { raw, abs: r.abs, kind: r.kind, scope: 'remote', glob, broadGlob: BROAD_LAST.test(last), base: b.abs, baseKind: b.kind, remote };
  }
  const abs = view.resolve(text);
  if (!glob) {
    const kind = kindOfAbs(abs, view.ctx);
    return { raw, abs, kind, scope: scopeForKind(kind, false, abs, view), glob: false, broadGlob: false, remote };
  }
  const { base, last } = splitGlob(text);
  const baseAbs = view.resolve(base || '.');
  const baseKind = kindOfAbs(baseAbs, view.ctx);
  const broad = BROAD_LAST.test(last);
  let kind: PathKind;
  if (broad) kind = baseKind;
  else if (REGENERABLE_PATTERN.test(last) || REGENERABLE_NAMES.has(last)) kind = baseKind === 'system' ? 'system' : 'regenerable';
  else if (baseKind === 'critical') {
    const home = normalisePath(view.ctx.home);
    kind = view.ctx.workspaceRoots.some((r) => normalisePath(r) === baseAbs) ? 'workspace' : baseAbs === home ? 'home' : 'system';
  } else kind = baseKind;
  return { raw, abs, kind, scope: scopeForKind(kind, false, baseAbs, view), glob: true, broadGlob: broad, base: baseAbs, baseKind, remote };
}

/** `src/**\/*.js` → base `src`, last `*.js`; the base is the literal prefix before the first glob segment. */
function splitGlob(p: string): { base: string; last: string } {
  const segs = p.split('/');
  const i = segs.findIndex((s) => GLOB.test(s));
  const base = segs.slice(0, i).join('/') || (p.startsWith('/') ? '/' : '');
  return { base, last: segs[segs.length - 1] ?? '' };
}

/** Tags that describe where a path lies. */
export function locationTags(info: PathInfo, ctx: AssessContext): Tag[] {
  const tags: Tag[] = [];
  const abs = info.glob && info.base ? info.base : info.abs;
  if (info.glob) tags.push('wildcard');
  if (info.remote) {
    if (abs === '/' || info.kind === 'system' || (info.kind === 'critical' && abs.startsWith('/'))) tags.push('root-filesystem');
    if (abs.startsWith('~')) tags.push('home-directory');
    return tags;
  }
  if (abs === '/' || info.kind === 'system' || (info.kind === 'critical' && (SYSTEM_HARD.test(abs) || SYSTEM_SOFT.test(abs) || /^\/(home|Users)$/.test(abs)))) tags.push('root-filesystem');
  const home = normalisePath(ctx.home);
  if (/^\/(home|Users)\/[^/]+(\/|$)/.test(abs) && !info.remote && info.scope !== 'workspace') tags.push('home-directory');
  else if (abs === home || info.kind === 'home' || info.kind === 'home-sensitive' || info.kind === 'cache' || (isWithin(abs, home) && info.scope === 'home')) tags.push('home-directory');
  if (info.scope !== 'workspace' && !(info.kind === 'critical' && ctx.workspaceRoots.some((r) => isWithin(normalisePath(r), abs)) && abs !== '/' && abs !== home && !SYSTEM_HARD.test(abs))) tags.push('outside-workspace');
  return tags;
}

export const KIND_LABEL: Record<PathKind, string> = {
  unknown: 'a path only known at run time',
  critical: 'a root directory',
  system: 'a system directory',
  'system-soft': 'a system location',
  'home-sensitive': 'a sensitive home directory',
  home: 'the home directory',
  cache: 'a cache',
  tmp: 'a temporary directory',
  outside: 'outside the workspace',
  git: 'the repository history',
  regenerable: 'regenerable build output',
  workspace: 'the workspace',
  device: 'a device',
  null: 'a null device',
};

/** Describes a critical root more precisely: "the root filesystem", "the home directory"... */
export function describeCritical(abs: string, ctx: AssessContext): string {
  if (abs === '/') return 'the root filesystem';
  if (abs === normalisePath(ctx.home) || abs === '~') return 'the home directory';
  if (ctx.workspaceRoots.some((r) => normalisePath(r) === abs)) return 'the workspace root';
  if (ctx.workspaceRoots.some((r) => isWithin(normalisePath(r), abs))) return 'a parent of the workspace';
  return 'a top-level system directory';
}
