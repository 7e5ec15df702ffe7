// Rule family: filesystem. Deletions (rm, rmdir, unlink, find -delete, shred), truncation, overwrites by
// cp/mv/ln/dd, `>` redirections onto important files, recursive chmod/chown and rsync --delete.
import { classifyPath, describeCritical, locationTags, type PathInfo, type PathKind } from '../fs-classify.js';
import { atLeast, maxRisk, riskRank, type Finding, type Risk, type Tag, type Target } from '../model.js';
import { isSecretPath } from '../secret-files.js';
import type { SimpleCommand, Word } from '../shell/command.js';
import { isNullSink, positionalWords, writeTargets, type WriteTarget } from '../write-targets.js';
import { CommandView, asFindings, type Rule } from './rule.js';
import { rules as disksRules } from './disks.js';
import { rules as privilegeRules } from './privilege.js';
import { rules as processesRules } from './processes.js';
import { rules as secretsRules } from './secrets.js';

const quote = (s: string): string => (/^[\w@%+=:,./~-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);


const PRODUCTION_ENV = /(^|\s)(production|prod)(\s|$)/i;

/** Backups by name: `backups/`, `db.sql.bak`, `.git.bak`, `snapshots/`, `*.dump`. Destroying them is critical anywhere. */
export const BACKUP_PATH = /(^|\/)([^/]*[._-])?(backups?|snapshots?|bak|bkp|bck|dumps?)([._-][^/]*)?(\/|$)|\.(bak|bkp|backup|dump|old-backup)$/i;

/**
 * Risk of deleting one path, by where it lies and whether the deletion recurses (RISK-LEVELS.md): destruction
 * outside the workspace (home, parent and sibling folders, the machine) is critical; inside it, high at most,
 * except for backups.
 */
export function deletionRisk(info: PathInfo, recursive: boolean): Risk {
  const kind: PathKind = info.kind;
  if (info.glob && info.broadGlob && info.baseKind === 'critical') return recursive ? 'critical' : 'high';
  if (kind !== 'null' && kind !== 'unknown' && BACKUP_PATH.test(info.glob ? info.raw : info.abs)) return 'critical';
  // Everything in /tmp: other programs' scratch files, not anyone's project.
  if (/^\/(tmp|var\/tmp|private\/tmp)$/.test(info.glob && info.base ? info.base : info.abs) && kind !== 'critical') return 'high';
  switch (kind) {
    case 'critical': return recursive ? 'critical' : 'high';
    case 'system': return recursive ? 'critical' : 'high';
    case 'home-sensitive': return recursive || isSecretPath(info.abs) ? 'critical' : 'high';
    case 'device': return 'high';
    case 'system-soft': return recursive ? 'critical' : 'high';
    case 'unknown': return recursive ? 'high' : 'medium';
    case 'outside': return recursive ? 'critical' : 'high';
    case 'home': return recursive ? 'critical' : 'high';
    case 'git': return 'high';
    // A folder, or a glob over data files (`rm -f data/**/*.parquet`): untracked data is gone (RISK-LEVELS.md: high).
    case 'workspace': return (recursive && !looksLikeFile(info)) || (info.glob && DATA_FILE.test(info.abs)) ? 'high' : 'medium';
    // A cache outside the workspace (`rm -rf ~/.cache/*`) is still a sweep of the home directory: asked about.
    case 'cache': return recursive && info.scope !== 'workspace' ? 'high' : 'medium';
    case 'tmp': case 'regenerable': return 'medium';
    case 'null': return 'low';
  }
}

/** `package-lock.json`, `notes.txt`: a name with an extension is almost always a file, so -r adds nothing. */
function looksLikeFile(info: PathInfo): boolean {
  if (info.glob) return false;
  const base = info.abs.slice(info.abs.lastIndexOf('/') + 1);
  return /^[^.].*\.[A-Za-z0-9]{1,6}$/.test(base) && !/\.(d|git|app|bundle|framework|xcodeproj|xcworkspace)$/i.test(base);
}

function describeTarget(info: PathInfo, view: CommandView): string {
  const where = info.glob && info.base ? info.base : info.abs;
  if (info.kind === 'unknown') return `${info.raw} (only known at run time)`;
  if (info.glob && info.broadGlob && info.baseKind === 'critical') return `everything in ${where} (${describeCritical(where, view.ctx)})`;
  if (info.kind === 'critical') return `${where} (${describeCritical(where, view.ctx)})`;
  const label: Partial<Record<PathKind, string>> = {
    system: 'system files', 'system-soft': 'outside the workspace', 'home-sensitive': 'sensitive home data', home: 'in the home directory',
    outside: 'outside the workspace', git: 'the repository history', regenerable: 'regenerable', cache: 'a cache', tmp: 'temporary files',
  };
  const shown = info.glob ? info.raw : info.abs;
  return label[info.kind] ? `${shown} (${label[info.kind]})` : shown;
}

interface DeleteOptions {
  readonly recursive: boolean;
  readonly force: boolean;
  readonly ruleId: string;
  readonly verb: string;
  readonly irreversible: boolean;
  readonly extraTags?: readonly Tag[];
  readonly alternatives?: readonly string[];
}

/** One finding for a deletion of several paths: the worst path decides the risk. */
export function deletionFinding(view: CommandView, infos: readonly PathInfo[], o: DeleteOptions): Finding | undefined {
  if (!infos.length) return undefined;
  let risk: Risk = 'low';
  const tags = new Set<Tag>(o.extraTags ?? []);
  const targets: Target[] = [];
  const destroys: string[] = [];
  const described: string[] = [];
  let worst: PathInfo | undefined;
  for (const info of infos) {
    const r = deletionRisk(info, o.recursive);
    if (!worst || riskRank(r) > riskRank(risk)) worst = info;
    risk = maxRisk(risk, r);
    for (const t of locationTags(info, view.ctx)) tags.add(t);
    targets.push({ kind: 'path', name: info.kind === 'unknown' ? info.raw : info.glob ? info.raw : info.abs });
    if (info.kind !== 'unknown' && !info.remote) destroys.push(info.glob ? (info.broadGlob && info.base ? info.base : '') : info.abs);
    if (described.length < 3) described.push(describeTarget(info, view));
  }
  if (view.cmd.ctx.privileged && risk === 'high' && worst && (worst.kind === 'system' || worst.kind === 'system-soft' || worst.kind === 'home-sensitive' || worst.kind === 'critical' || worst.kind === 'outside')) risk = 'critical';
  if (view.cmd.ctx.privileged) tags.add('privilege');
  // On a production server (NODE_ENV/RAILS_ENV/APP_ENV=production), deleting data that is not regenerable destroys
  // production data: the workspace cap does not apply to production targets.
  if (risk === 'high' && PRODUCTION_ENV.test(['NODE_ENV', 'RAILS_ENV', 'APP_ENV', 'RACK_ENV', 'ENVIRONMENT'].map((n) => view.env(n) ?? '').join(' '))) {
    risk = 'critical';
    tags.add('production');
  }
  if (o.recursive && infos.some((i) => i.kind !== 'null')) tags.add('recursive-delete');
  const lossy = riskRank(risk) >= riskRank('high');
  if (lossy) { tags.add('data-loss'); if (o.irreversible) tags.add('irreversible'); }
  if (infos.some((i) => i.kind === 'git')) tags.add('data-loss');
  if (infos.some((i) => i.kind !== 'unknown' && BACKUP_PATH.test(i.glob ? i.raw : i.abs))) tags.add('backup');
  if (o.force && riskRank(risk) >= riskRank('medium')) tags.add('confirmation-bypass');
  const remote = view.cmd.ctx.remote;
  const more = infos.length > described.length ? ` and ${infos.length - described.length} more` : '';
  const finding: Finding = {
    ruleId: o.ruleId,
    risk,
    effect: 'delete',
    summary: `${o.verb}${o.recursive ? ' recursively' : ''} ${described.join(', ')}${more}${remote ? ` on ${remote.replace(/^\w+ /, '')}` : ''}`,
    targets,
    reversibility: !lossy && infos.every((i) => i.kind === 'regenerable' || i.kind === 'cache' || i.kind === 'tmp') ? 'recoverable' : o.irreversible ? 'irreversible' : 'recoverable',
    tags: [...tags],
    alternatives: o.alternatives ?? (lossy ? trashAlternatives(infos) : undefined),
    destroys: destroys.filter(Boolean),
    remote: remote ? { identifiers: [remote.replace(/^\w+ /, '')], destructive: riskRank(risk) >= riskRank('high') } : undefined,
  };
  return finding;
}

function trashAlternatives(infos: readonly PathInfo[]): string[] {
  // Nobody should move `/` or a home directory to the trash: the safer form is naming what was meant.
  if (infos.some((i) => i.kind === 'critical' || i.baseKind === 'critical')) {
    return ['name the one directory you meant to delete by its full path, and check it with ls -la first'];
  }
  const shown = infos.slice(0, 3).map((i) => quote(i.raw)).join(' ');
  return [`trash ${shown}  (or: gio trash ${shown}) — recoverable from the trash`, `mv ${shown} /tmp/  — keep a copy until you are sure`, `ls -la ${shown}  — look at what would be deleted first`];
}

// ── rm / unlink / rmdir ──────────────────────────────────────────────────────────────────────────────

const RM_VALUE = new Set(['--interactive']);

/** The `find` a piped `xargs rm` reads its items from, if any. */
function producer(cmd: SimpleCommand): SimpleCommand | undefined {
  let s = cmd.stdin;
  for (let depth = 0; s && s.kind === 'pipe' && depth < 6; depth++) {
    const from = s.from;
    if (from.program === 'find' || from.program === 'fd' || from.program === 'ls' || from.program === 'git') return from;
    if (!['grep', 'egrep', 'sort', 'uniq', 'head', 'tail', 'sed', 'awk', 'tr', 'cut', 'xargs'].includes(from.program)) return from;
    s = from.stdin;
  }
  return undefined;
}

const rm: Rule = {
  id: 'filesystem.rm',
  programs: ['rm', 'unlink', 'rmdir', 'grm'],
  complete: true,
  description: 'rm/rmdir/unlink: recursive and forced deletion, by where the paths lie (root, home, system, workspace, build output)',
  check(v) {
    const viaFind = v.cmd.ctx.via.some((x) => x.startsWith('find -'));
    const words = positionalWords(v, RM_VALUE);
    if (!words.length) return undefined;
    const recursive = v.program !== 'unlink' && v.program !== 'rmdir' && v.has('-r', '-R', '--recursive');
    const force = v.has('-f', '--force') || v.args.some((a) => a === '--interactive=never');
    const infos: PathInfo[] = [];
    for (const w of words) {
      if (w.text === '{found files}' && viaFind) continue; // judged by the find rule, which sees the roots
      if (w.text === '{input items}') {
        const from = producer(v.cmd);
        if (from?.program === 'find') { infos.push(...findRootInfos(v, from, recursive)); continue; }
      }
      infos.push(classifyPath(v, w.text, w.literal));
    }
    const finding = deletionFinding(v, infos, {
      recursive: recursive || (v.program === 'rmdir' && v.has('-p', '--parents')),
      force, ruleId: 'filesystem.rm', verb: v.program === 'rmdir' ? 'removes directories' : 'deletes', irreversible: true,
    });
    if (!finding) return undefined;
    let out = finding;
    if (v.program === 'rmdir' && riskRank(out.risk) > riskRank('medium')) {
      // rmdir only removes empty directories: nothing is lost but the directory entry.
      out = { ...out, risk: 'medium', tags: (out.tags ?? []).filter((t) => t !== 'data-loss' && t !== 'irreversible'), reversibility: 'reversible', destroys: [] };
    }
    if (v.args.some((a) => a === '--no-preserve-root')) {
      out = { ...out, ruleId: 'filesystem.rm.no-preserve-root', risk: 'critical', tags: [...new Set<Tag>([...(out.tags ?? []), 'root-filesystem', 'irreversible', 'data-loss', 'confirmation-bypass'])], summary: `${out.summary}, with --no-preserve-root` };
    }
    return out;
  },
};

// ── find -delete / find -exec rm ─────────────────────────────────────────────────────────────────────

const DELETERS = new Set(['rm', 'unlink', 'rmdir', 'shred', 'srm']);

function findRoots(cmd: SimpleCommand): Word[] {
  const roots: Word[] = [];
  for (const w of cmd.args) {
    const a = w.text;
    if (a === '-H' || a === '-L' || a === '-P' || /^-O\d$/.test(a) || a === '-D') continue;
    if (a.startsWith('-') || a === '(' || a === '!' || a === ')' || a === ',') break;
    roots.push(w);
  }
  return roots.length ? roots : [{ text: '.', literal: true }];
}

interface FindFilter { readonly names: string[]; readonly narrowing: boolean; readonly onlyEmpty: boolean; readonly maxDepth?: number }

function findFilters(cmd: SimpleCommand): FindFilter {
  const names: string[] = [];
  let narrowing = false;
  let onlyEmpty = false;
  let maxDepth: number | undefined;
  const a = cmd.args.map((w) => w.text);
  for (let i = 0; i < a.length; i++) {
    const t = a[i]!;
    if (['-name', '-iname', '-path', '-ipath', '-wholename', '-regex', '-iregex'].includes(t)) {
      const val = a[i + 1] ?? '';
      names.push(val);
      if (!/^\*+$|^\.\*$|^\*\/?\*?$/.test(val)) narrowing = true;
    }
    if (['-mtime', '-mmin', '-atime', '-amin', '-ctime', '-cmin', '-newer', '-size', '-user', '-uid', '-newermt', '-inum', '-samefile', '-links'].includes(t)) narrowing = true;
    if (t === '-empty') onlyEmpty = true;
    if (t === '-maxdepth') maxDepth = Number(a[i + 1]);
    if (t === '-exec' || t === '-execdir' || t === '-ok' || t === '-okdir') break;
  }
  return { names, narrowing, onlyEmpty, maxDepth };
}

/** Paths a find that deletes would reach: its roots, narrowed by -name filters where given. */
function findRootInfos(v: CommandView, find: SimpleCommand, _recursive: boolean): PathInfo[] {
  const f = findFilters(find);
  const roots = findRoots(find);
  const out: PathInfo[] = [];
  for (const r of roots) {
    const info = classifyPath(v, r.text, r.literal);
    // Regenerable matches are everyday clean-up inside the workspace; across home or the machine they are not.
    const inside = info.scope === 'workspace' || info.kind === 'regenerable' || info.kind === 'tmp' || info.kind === 'cache';
    if (f.onlyEmpty) { out.push({ ...info, kind: info.kind === 'system' ? 'system' : 'regenerable' }); continue; }
    if (inside && f.names.length && f.names.every((n) => regenerablePattern(n))) { out.push({ ...info, kind: 'regenerable' }); continue; }
    if (f.names.some((n) => BACKUP_PATH.test(n.replace(/\*/g, 'x')))) { out.push({ ...info, kind: info.scope === 'workspace' ? 'workspace' : info.kind, raw: f.names.join(' '), abs: `${info.abs}/${f.names[0]}`, glob: true, broadGlob: false }); continue; }
    if (f.narrowing) {
      // A filtered sweep: not the whole tree, but still an unknown set of files under the root.
      const kind: PathKind = info.kind === 'critical' ? (info.abs === '/' || /^\/[^/]+$/.test(info.abs) ? 'system' : 'workspace') : info.kind;
      out.push({ ...info, kind: kind === 'home-sensitive' ? 'home-sensitive' : kind });
      continue;
    }
    out.push(info);
  }
  return out;
}

const REGEN_GLOB = /^(\*\.(pyc|pyo|o|obj|class|log|tmp|orig|rej|swp|swo|DS_Store|tsbuildinfo|egg-info|map|cache)|\.DS_Store|Thumbs\.db|__pycache__|node_modules|\.pytest_cache|\.mypy_cache|\.ruff_cache|dist|build|target|coverage|\.next|\.cache|\*~|\*\.sw\?|\*\.pyc|\.terraform|\*\.egg-info|\.tox|\.venv|venv)$/i;
const regenerablePattern = (n: string): boolean => REGEN_GLOB.test(n.replace(/^\.\/|^\*\//, ''));

const findDelete: Rule = {
  id: 'filesystem.find-delete',
  programs: ['find', 'gfind'],
  complete: true,
  description: 'find -delete and find -exec rm: deletion of every match under the search roots',
  check(v) {
    const a = v.args;
    const del = a.includes('-delete');
    let execDel = false;
    let execRecursive = false;
    for (let i = 0; i < a.length; i++) {
      if (!['-exec', '-execdir', '-ok', '-okdir'].includes(a[i]!)) continue;
      // `-exec env rm …`, `-exec sudo rm …`: the deleter after its wrappers.
      let j = i + 1;
      const wrapper = (w: string) => /^(env|sudo|doas|command|nice|nohup|busybox|ionice|timeout)$/.test(w.replace(/^.*\//, ''));
      while (j < a.length && (wrapper(a[j]!) || /^[A-Za-z_]\w*=/.test(a[j]!) || (j > i + 1 && a[j]!.startsWith('-')))) j++;
      const prog = (a[j] ?? '').replace(/^.*\//, '');
      const inner = a.slice(i + 2, a.indexOf(';', i) >= 0 ? a.indexOf(';', i) : a.indexOf('+', i) >= 0 ? a.indexOf('+', i) : undefined);
      if (DELETERS.has(prog)) {
        execDel = true;
        if (inner.some((x) => /^-[a-zA-Z]*[rR]/.test(x) || x === '--recursive')) execRecursive = true;
      }
    }
    if (!del && !execDel) return undefined;
    const infos = findRootInfos(v, v.cmd, execRecursive);
    const f = findFilters(v.cmd);
    const finding = deletionFinding(v, infos, {
      recursive: true, force: true, ruleId: 'filesystem.find-delete', verb: f.names.length ? `deletes files matching ${f.names.map(quote).join(', ')} under` : 'deletes everything found under',
      irreversible: true,
      alternatives: [`${v.source.replace(/\s+-delete\b.*$|\s+-exec(dir)?\s.*$|\s+-ok(dir)?\s.*$/, '')} -print  — list the matches first`],
    });
    if (!finding) return undefined;
    // A narrowly filtered sweep inside the workspace is everyday clean-up.
    const everything = !f.narrowing && !f.onlyEmpty;
    const tags = new Set(finding.tags);
    if (!everything) tags.delete('recursive-delete');
    if (everything || f.names.some((n) => /[*?]/.test(n))) tags.add('wildcard');
    return { ...finding, tags: [...tags] };
  },
};

// ── shred / truncate ─────────────────────────────────────────────────────────────────────────────────

const shred: Rule = {
  id: 'filesystem.shred',
  programs: ['shred', 'srm', 'wipe'],
  complete: true,
  description: 'shred/srm: overwrite files so they cannot be recovered',
  check(v) {
    const words = positionalWords(v, new Set(['-n', '--iterations', '-s', '--size', '--random-source']));
    const infos = words.map((w) => classifyPath(v, w.text, w.literal)).filter((i) => i.kind !== 'device' && i.kind !== 'null');
    if (!infos.length) return undefined;
    const f = deletionFinding(v, infos, { recursive: v.has('-r', '-R', '--recursive'), force: v.has('-f', '--force'), ruleId: 'filesystem.shred', verb: 'shreds (unrecoverably overwrites)', irreversible: true, alternatives: ['trash FILE  — recoverable, unlike shred'] });
    if (!f) return undefined;
    return { ...f, risk: atLeast(f.risk, 'high'), tags: [...new Set<Tag>([...(f.tags ?? []), 'irreversible', 'data-loss'])], reversibility: 'irreversible' };
  },
};

// ── writes: redirections, tee, cp/mv/ln/install/dd destinations, in-place edits, truncate ───────────

/** Workspace files whose loss breaks the project, or whose content is a secret. */
const PLAIN_FILE_PROGRAMS: Readonly<Record<string, string>> = { cp: 'copies files to', mv: 'moves files to', ln: 'links', install: 'installs files to', rsync: 'copies files to' };

/** Data the project cannot rebuild: files under data folders, and database and dataset files. */
const DATA_FILE = /(^|\/)(data|datasets?|storage|uploads)\/|\.(db|sqlite3?|parquet|csv|tsv|jsonl|ndjson|avro|orc|feather|h5|hdf5|npy|pkl)$/i;
const IMPORTANT = /(^|\/)(package\.json|package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|bun\.lockb?|Cargo\.(toml|lock)|go\.(mod|sum)|pyproject\.toml|poetry\.lock|Pipfile(\.lock)?|requirements[\w.-]*\.txt|setup\.(py|cfg)|Gemfile(\.lock)?|composer\.(json|lock)|pom\.xml|build\.gradle(\.kts)?|settings\.gradle(\.kts)?|Makefile|CMakeLists\.txt|Dockerfile|docker-compose[\w.-]*\.ya?ml|compose\.ya?ml|tsconfig[\w.-]*\.json|\.gitignore|\.gitmodules|\.gitattributes|\.npmrc|\.nvmrc|\.tool-versions|LICENSE|README(\.md)?|flake\.(nix|lock)|mix\.(exs|lock)|deno\.jsonc?|vite\.config\.\w+|next\.config\.\w+|webpack\.config\.\w+|terraform\.tfstate(\.backup)?|[\w.-]+\.tf|[\w.-]+\.sqlite3?|[\w.-]+\.db|schema\.prisma|\.github\/workflows\/[^/]+|\.gitlab-ci\.ya?ml|Jenkinsfile|\.circleci\/config\.yml|\.git\/(config|HEAD|index|packed-refs|refs\/.*))$/;
const HOME_CONFIG = /^\.(gitconfig|ssh\/config|ssh\/known_hosts|npmrc|yarnrc|pypirc|netrc|docker\/config\.json|kube\/config|aws\/config|aws\/credentials|config\/.+|vimrc|tmux\.conf|inputrc|gnupg\/.+|git-credentials)$/;

/** Paths that other families judge: /etc and system files, shell start-up files, devices, Airlock's files. */
export function isClaimedElsewhere(abs: string): boolean {
  return /^\/(etc|usr|bin|sbin|lib|lib64|boot|System|Library|private\/etc|var\/spool\/cron)(\/|$)/.test(abs)
    || /(^|\/)\.(bashrc|bash_profile|bash_login|profile|zshrc|zshenv|zprofile|zlogin|kshrc|cshrc|tcshrc|config\/fish\/config\.fish|ssh\/authorized_keys2?|ssh\/rc|ssh\/environment)$/.test(abs)
    || /(^|\/)\.(airlock|codex)(\/|$)|(^|\/)\.claude\/settings(\.local)?\.json$|(^|\/)\.cursor\/hooks\.json$|(^|\/)\.github\/hooks\/|(^|\/)\.gemini\/settings\.json$|(^|\/)\.vscode\/settings\.json$/.test(abs)
    || /(^|\/)\.git\/hooks\//.test(abs)
    || /(^|\/)Library\/Launch(Agents|Daemons)\//.test(abs) || /(^|\/)\.config\/(systemd|autostart)\//.test(abs)
    || abs.startsWith('/dev/');
}

function writeRisk(t: WriteTarget, info: PathInfo, abs: string, home: string): { risk: Risk; why: string } | undefined {
  const truncating = (t.mode === 'truncate' || t.mode === 'replace' || t.mode === 'link') && !t.noClobber;
  const rel = abs.startsWith(home + '/') ? abs.slice(home.length + 1) : '';
  if (t.mode === 'move') {
    if (info.kind === 'critical') return { risk: 'critical', why: 'moves a root directory away' };
    if (info.kind === 'system' || info.kind === 'home-sensitive') return { risk: 'high', why: 'moves system or sensitive files away' };
    if (info.kind === 'unknown' || info.kind === 'outside' || info.kind === 'system-soft' || info.kind === 'home') return { risk: 'medium', why: 'moves files outside the workspace' };
    return undefined;
  }
  if (info.kind === 'critical' && (t.mode === 'replace' || t.mode === 'link') && t.force && t.via !== 'rsync') return { risk: 'critical', why: 'replaces a root directory' };
  if (info.kind === 'null' || info.kind === 'device') return undefined;
  if (isSecretPath(abs) || isSecretPath(info.raw)) {
    // The secrets in it are gone: high in the workspace, critical outside it (history files, keys, cloud credentials).
    if (truncating && info.scope !== 'workspace') return { risk: 'critical', why: 'overwrites a credential file' };
    // Even `cp .env.example .env`: the secrets in the old file are gone.
    if (truncating) return { risk: 'high', why: 'overwrites a credential file' };
    return { risk: 'medium', why: 'edits a credential file' };
  }
  if (info.kind === 'home-sensitive' || (rel && HOME_CONFIG.test(rel))) return { risk: truncating ? 'critical' : 'medium', why: 'overwrites a configuration file in the home directory' };
  // `mv seed.json data/users.json`, `dd of=data/app.db`: the data that was there is gone.
  if (DATA_FILE.test(abs) && info.scope === 'workspace' && t.mode !== 'append' && (truncating || t.via === 'dd')) return { risk: 'high', why: 'overwrites a data file' };
  if (IMPORTANT.test(abs) && info.scope === 'workspace') {
    if (/(^|\/)\.git\//.test(abs) && t.mode !== 'append') return { risk: 'high', why: 'overwrites repository internals' };
    if (t.mode === 'truncate' && (t.via.startsWith('>') || t.via.startsWith('&>') || t.via === 'truncate' || t.via === 'tee' || t.via === 'sponge')) return { risk: 'high', why: 'truncates an important project file' };
    if (truncating) return { risk: 'medium', why: 'replaces an important project file' };
    return { risk: 'medium', why: 'edits an important project file' };
  }
  switch (info.kind) {
    case 'git': return { risk: 'high', why: 'overwrites repository internals' };
    case 'critical': return truncating ? { risk: 'medium', why: 'writes into a root directory' } : undefined;
    case 'system-soft': return { risk: 'high', why: 'writes outside the workspace, in a system location' };
    case 'unknown': return { risk: 'medium', why: 'writes to a path only known at run time' };
    case 'home': return { risk: 'medium', why: 'writes in the home directory' };
    case 'outside': return { risk: 'medium', why: 'writes outside the workspace' };
    case 'workspace': case 'regenerable':
      if (t.mode === 'truncate' && t.via === 'truncate') return { risk: 'medium', why: 'truncates a file' };
      // `> data/users.csv`: emptying a data file with nothing written in its place.
      if (t.mode === 'truncate' && t.bare && info.kind === 'workspace') return { risk: 'high', why: 'empties a file' };
      if (t.force) return { risk: 'medium', why: 'replaces an existing file' };
      return undefined;
    default: return undefined;
  }
}

const VERB: Record<string, string> = { truncate: 'truncates', append: 'appends to', modify: 'edits in place', replace: 'overwrites', link: 'replaces with a link', move: 'moves', delete: 'deletes', perm: 'changes permissions of' };

const write: Rule = {
  id: 'filesystem.write',
  programs: 'any',
  description: '`>` truncation, tee, cp/mv/ln/install/dd destinations and in-place edits of important or out-of-workspace files',
  check(v) {
    const targets = writeTargets(v);
    if (!targets.length) return undefined;
    const findings: Finding[] = [];
    const home = v.ctx.home.replace(/\/+$/, '');
    for (const t of targets) {
      if (t.mode === 'delete' || t.mode === 'perm') continue;
      if (isNullSink(t.word.text)) {
        if (t.via === 'mv' && t.mode === 'replace') {
          const sources = targets.filter((x) => x.mode === 'move').map((x) => classifyPath(v, x.word.text, x.word.literal));
          const f = deletionFinding(v, sources, { recursive: false, force: true, ruleId: 'filesystem.overwrite.dev-null', verb: 'destroys (moves to /dev/null)', irreversible: true });
          if (f) findings.push({ ...f, risk: atLeast(f.risk, 'high'), tags: [...new Set<Tag>([...(f.tags ?? []), 'data-loss', 'irreversible'])] });
        }
        continue;
      }
      const info = classifyPath(v, t.word.text, t.word.literal);
      const abs = info.abs;
      if (info.kind !== 'critical' && info.kind !== 'unknown' && isClaimedElsewhere(abs)) continue;
      if (t.mode === 'move' && isClaimedElsewhere(abs) && info.kind !== 'critical') continue;
      const judged = writeRisk(t, info, abs, home);
      if (!judged) continue;
      let risk = judged.risk;
      if (v.cmd.ctx.privileged && risk === 'medium' && info.scope !== 'workspace') risk = 'high';
      const tags = new Set<Tag>(locationTags(info, v.ctx));
      if (riskRank(risk) >= riskRank('high') && t.mode !== 'append' && t.mode !== 'move') tags.add('data-loss');
      if (t.force) tags.add('confirmation-bypass');
      if (isSecretPath(abs)) tags.add('credential');
      if (v.cmd.ctx.privileged) tags.add('privilege');
      const id = t.via.startsWith('>') || t.via.startsWith('&>') || t.via === 'tee' || t.via === 'sponge' ? 'filesystem.redirect'
        : t.via === 'truncate' ? 'filesystem.truncate' : t.mode === 'modify' ? 'filesystem.in-place-edit' : t.mode === 'link' ? 'filesystem.link' : 'filesystem.overwrite';
      const shown = info.kind === 'unknown' ? info.raw : abs;
      findings.push({
        ruleId: id, risk, effect: t.mode === 'move' ? 'delete' : 'write',
        summary: `${t.noClobber ? 'writes, keeping any existing file,' : VERB[t.mode]} ${shown} (${judged.why}) via ${t.via}`,
        targets: [{ kind: 'path', name: shown }],
        reversibility: riskRank(risk) >= riskRank('high') ? 'recoverable' : 'reversible',
        tags: [...tags],
        alternatives: t.mode === 'truncate' && t.via.startsWith('>') ? [`cp ${quote(t.word.text)} ${quote(t.word.text)}.bak  — keep a copy first`, 'use >> to append instead of > to truncate'] : t.force ? [`${t.via} -i … — ask before replacing`, `${t.via} -n … — never replace an existing file`] : undefined,
        destroys: t.mode === 'truncate' || t.mode === 'replace' ? (info.kind !== 'unknown' && !info.remote ? [abs] : []) : undefined,
      });
    }
    // An ordinary copy, move or link: a reversible change in the workspace (RISK-LEVELS.md: medium), said as such.
    if (!findings.length && PLAIN_FILE_PROGRAMS[v.program]) {
      const dest = targets.find((t) => t.mode !== 'move') ?? targets[0]!;
      findings.push({ ruleId: 'filesystem.copy', risk: 'medium', effect: 'write', summary: `${PLAIN_FILE_PROGRAMS[v.program]} ${classifyPath(v, dest.word.text, dest.word.literal).abs}`, targets: [{ kind: 'path', name: dest.word.text }], reversibility: 'reversible' });
    }
    return findings;
  },
};

// ── recursive chmod/chown ────────────────────────────────────────────────────────────────────────────

const chmodRecursive: Rule = {
  id: 'filesystem.chmod-recursive',
  programs: ['chmod', 'chown', 'chgrp'],
  complete: true,
  description: 'Recursive chmod/chown/chgrp, judged by the tree it rewrites',
  check(v) {
    if (!v.has('-R', '--recursive')) return undefined;
    const targets = writeTargets(v).filter((t) => t.mode === 'perm');
    if (!targets.length) return undefined;
    const mode = v.positionals(['--reference'])[0] ?? '';
    const worldWritable = v.program === 'chmod' && (/^[0-7]?[0-7][0-7][2367]$/.test(mode) || /(^|,)(a|o|ugo|)[+=][rwxXst]*w/.test(mode));
    let risk: Risk = 'low';
    const tags = new Set<Tag>();
    const names: string[] = [];
    for (const t of targets) {
      const info = classifyPath(v, t.word.text, t.word.literal);
      let r: Risk;
      switch (info.kind) {
        case 'critical': r = v.ctx.workspaceRoots.some((w) => w.replace(/\/+$/, '') === info.abs) ? 'medium' : 'critical'; break;
        case 'system': r = info.abs.startsWith('/usr/local') ? 'high' : 'critical'; break;
        case 'home-sensitive': case 'system-soft': case 'outside': case 'unknown': r = 'high'; break;
        case 'home': case 'git': r = 'medium'; break;
        default: r = 'medium';
      }
      if (info.glob && info.broadGlob && info.baseKind === 'critical') r = 'critical';
      risk = maxRisk(risk, r);
      for (const tg of locationTags(info, v.ctx)) tags.add(tg);
      names.push(info.kind === 'unknown' ? info.raw : info.abs);
    }
    if (worldWritable) { risk = maxRisk(risk, 'high'); tags.add('privilege'); }
    if (v.program !== 'chmod' && /^(root|0)(:|$)/.test(mode)) tags.add('privilege');
    if (v.cmd.ctx.privileged) tags.add('privilege');
    if (risk === 'critical') tags.add('irreversible');
    tags.add('shared-state');
    return {
      ruleId: 'filesystem.chmod-recursive', risk, effect: 'write',
      summary: `${v.program} -R ${mode} on ${names.slice(0, 3).join(', ')}: rewrites the permissions of every file below${worldWritable ? ', making them world-writable' : ''}`,
      targets: names.map((n) => ({ kind: 'path' as const, name: n })),
      reversibility: risk === 'critical' ? 'irreversible' : 'recoverable',
      tags: [...tags],
      alternatives: worldWritable ? [`${v.program} -R u+rwX,go+rX … — grant only what is needed`] : undefined,
    };
  },
};

// ── rsync --delete ───────────────────────────────────────────────────────────────────────────────────

const RSYNC_VALUE = new Set(['-e', '--rsh', '--exclude', '--include', '--filter', '-f', '--exclude-from', '--include-from', '--files-from', '--rsync-path', '--port', '--password-file', '--log-file', '--backup-dir', '--suffix', '--chmod', '--chown', '--timeout', '--bwlimit', '--partial-dir', '--temp-dir', '-T', '--compare-dest', '--link-dest', '--copy-dest', '--max-size', '--min-size', '--max-delete']);

const rsyncDelete: Rule = {
  id: 'filesystem.rsync-delete',
  programs: ['rsync'],
  complete: true,
  description: 'rsync --delete: files in the destination that are not in the source are deleted',
  check(v) {
    if (!v.args.some((a) => /^--del(ete)?(-(before|during|delay|after|excluded))?$/.test(a) || a === '--remove-source-files')) return undefined;
    const pos = positionalWords(v, RSYNC_VALUE);
    if (pos.length < 2) return undefined;
    const dry = v.has('-n', '--dry-run', '--list-only');
    const dest = pos[pos.length - 1]!;
    const remoteDest = /^([^/:]+@)?[^/:]+:/.test(dest.text) && !/^[A-Za-z]:[\\/]/.test(dest.text);
    const removeSource = v.args.includes('--remove-source-files');
    if (remoteDest) {
      const host = dest.text.replace(/^[^@]*@/, '').replace(/:.*$/, '');
      const path = dest.text.replace(/^[^:]*:/, '');
      return {
        ruleId: 'filesystem.rsync-delete.remote', risk: dry ? 'low' : 'high', effect: 'delete',
        summary: `rsync --delete to ${host}:${path}: deletes every file there that is not in the source`,
        targets: [{ kind: 'host', name: host }, { kind: 'path', name: path || '~' }],
        reversibility: 'irreversible', tags: dry ? [] : ['data-loss', 'irreversible', 'recursive-delete', 'remote-api'],
        alternatives: [`${v.source.replace(/^rsync\b/, 'rsync --dry-run')}  — list what would be deleted`],
        remote: dry ? undefined : { identifiers: [host, path], destructive: true },
      };
    }
    const info = classifyPath(v, dest.text, dest.literal);
    const f = deletionFinding(v, [info], { recursive: true, force: true, ruleId: 'filesystem.rsync-delete', verb: removeSource && !v.args.some((a) => a.startsWith('--del')) ? 'moves files into' : 'deletes extra files in', irreversible: true, alternatives: [`${v.source.replace(/^rsync\b/, 'rsync --dry-run')}  — list what would be deleted`] });
    if (!f) return undefined;
    if (dry) return { ...f, risk: 'low', tags: [], destroys: [] };
    return f;
  },
};

// ── busybox/toybox applets: `busybox rm -rf /` runs rm ───────────────────────────────────────────────

const MULTICALL = new Set(['busybox', 'toybox', 'coreutils']);
const own: readonly Rule[] = [rm, findDelete, shred, write, chmodRecursive, rsyncDelete];

const multicall: Rule = {
  id: 'filesystem.multicall',
  programs: [...MULTICALL],
  description: 'busybox/toybox/coreutils multi-call binaries: judge the applet they run',
  check(v) {
    const i = v.program === 'coreutils' ? v.words.findIndex((w) => w.text.startsWith('--coreutils-prog=')) : 0;
    const first = v.words[i];
    if (!first || (v.program !== 'coreutils' && first.text.startsWith('-'))) return undefined;
    const applet = v.program === 'coreutils' ? first.text.slice('--coreutils-prog='.length) : first.text;
    const inner = new CommandView({ ...v.cmd, program: applet, args: v.cmd.args.slice(i + 1), source: v.cmd.args.slice(i).map((w) => w.text).join(' ') }, v.ctx);
    const out = [];
    for (const r of [...own, ...disksRules, ...privilegeRules, ...processesRules, ...secretsRules]) {
      if (r.programs !== 'any' && !r.programs.includes(applet)) continue;
      if (r.programs === 'any' && r.id !== 'filesystem.write' && r.id !== 'disks.device-write' && r.id !== 'privilege.system-write') continue;
      out.push(...asFindings(r.check(inner)).map((f) => ({ ...f, summary: `${v.program} ${applet}: ${f.summary}` })));
    }
    return out;
  },
};

export const rules: readonly Rule[] = [...own, multicall];

