// What an approved command would lose on the local disk, read from the same parse, unwrapping,
// write-target analysis and git rule the assessment uses (no second shell parser). Pure: it names
// paths and git operations; src/node/snapshot/ finds out what is really there.
//
// Each step is judged against the files as they are before the whole command runs: in
// `mv a b && rm b` the snapshot keeps b's old content, not a's.
import type { AssessContext } from '../context.js';
import { classifyPath } from '../fs-classify.js';
import type { Finding } from '../model.js';
import { isWithin, normalisePath, pathScope, resolvePath } from '../paths.js';
import { redact } from '../redact.js';
import { DEFAULT_INDEX } from '../rules/catalogue.js';
import { rules as gitRules, gitSub } from '../rules/git.js';
import { asFindings, CommandView } from '../rules/rule.js';
import type { Word } from '../shell/command.js';
import type { ShellParser } from '../shell/parser.js';
import { unwrapAll } from '../shell/unwrap.js';
import { isNullSink, positionalWords, writeTargets, type WriteTarget } from '../write-targets.js';

/** Where git takes the content it writes over the working tree. */
export type GitSource = { readonly kind: 'index' } | { readonly kind: 'tree'; readonly treeish: string };

/** What the command leaves at an overwritten path, when the command itself says. */
export type Leaves = 'unknown' | 'empty';

export interface CopySpec {
  /** Absolute source paths (cp/mv/install sources), or 'unknown' (a glob, a run-time path). */
  readonly sources: readonly string[] | 'unknown';
  /** `-t DIR`: yes; `-T`: no; otherwise the destination is a directory only if one exists there. */
  readonly intoDirectory: 'yes' | 'no' | 'if-directory';
  /** cp -r/-a: a source directory is merged into the destination. */
  readonly recursive: boolean;
  readonly move: boolean;
}

export type LossTarget =
  /** rm, unlink, shred, git rm, mv to /dev/null: the path (or what the glob matches) disappears. */
  | { readonly kind: 'delete'; readonly path: string; readonly glob: boolean; readonly recursive: boolean; readonly via: string }
  /**
   * `>`, tee, truncate, sed -i, dd of=, curl -o, ln -f, and cp/mv/install destinations: the
   * existing content at `path` is replaced. `follows`: the write goes through a symlink there
   * (`>` and cp do; mv, sed -i and ln -f replace the link itself).
   */
  | { readonly kind: 'overwrite'; readonly path: string; readonly via: string; readonly follows: boolean; readonly leaves: Leaves; readonly copy?: CopySpec }
  /** git clean: `args` are the flags and pathspecs for `git clean -n` (a dry run lists the victims). */
  | { readonly kind: 'git-clean'; readonly cwd: string; readonly args: readonly string[] }
  /** reset --hard, checkout/restore of paths, checkout -f, switch --discard-changes: uncommitted edits. */
  | { readonly kind: 'git-discard'; readonly cwd: string; readonly pathspecs: readonly string[]; readonly whole: boolean; readonly source: GitSource; readonly via: string };

export interface NotSnapshotted {
  /** The path or the step, for the human (redacted). */
  readonly what: string;
  readonly reason: string;
}

export interface LossTargets {
  readonly targets: readonly LossTarget[];
  readonly notSnapshotted: readonly NotSnapshotted[];
}

export const NOT_SNAPSHOTTED = {
  outside: 'not snapshotted: outside the workspace',
  unknownPath: 'not snapshotted: the path is only known at run time',
  remote: 'not snapshotted: runs on another machine, not on this disk',
  unlisted: 'not snapshotted: the files it would change cannot be listed beforehand',
  gitState: 'not snapshotted: changes git refs, stashes or history, not files in the workspace',
  gitDir: 'not snapshotted: git runs with another git directory or work tree',
  unparsed: 'not snapshotted: part of the command could not be parsed',
  special: 'not snapshotted: not a regular file, directory or symlink',
  device: 'not snapshotted: writes a disk device, not files',
  interactive: 'not snapshotted: interactive, the choices are made at run time',
} as const;

/** Deleters whose victims are gone for good (trash/trash-put move to the trash; rmdir only removes empty directories). */
const DELETERS = new Set(['rm', 'unlink', 'shred', 'srm', 'grm']);
const COPIERS = new Set(['cp', 'gcp', 'install', 'ditto', 'rsync', 'scp']);
const MOVERS = new Set(['mv', 'gmv']);
/** The same option-with-value list write-targets.ts uses for cp/mv, so sources split the same way. */
const CP_VALUE = new Set(['-t', '--target-directory', '-S', '--suffix', '--backup', '-m', '--mode', '-o', '--owner', '-g', '--group', '--context']);
/** Writers that replace a symlink at the destination instead of writing through it. */
const REPLACES_LINKS = /^(mv|gmv|ln|install|rsync|sed -i|perl -i|ruby -i|yq -i)$/;
/** Rule ids whose losses this module turns into targets; other lossy findings are reported as not snapshotted. */
const HANDLED = /^(filesystem\.(rm|rm\.no-preserve-root|shred|redirect|truncate|overwrite|overwrite\.dev-null|in-place-edit|link)|git\.(reset-hard|clean|checkout-discard|restore|switch-discard|rm|worktree-remove))$/;
/** git's global options that take a value, other than -C (handled) and the ones that move the repository. */
const GIT_GLOBAL_VALUE = new Set(['-c', '--namespace', '--exec-path', '--config-env', '--super-prefix', '--list-cmds']);

export function lossTargets(command: string, ctx: AssessContext, parser: ShellParser): LossTargets {
  const parsed = parser.parse(command, { vars: { HOME: ctx.home, PWD: ctx.cwd }, cwd: ctx.cwd });
  const expanded = unwrapAll(parsed.commands, parser);
  const out = new Collector();
  const problems = [...parsed.problems, ...expanded.problems];
  if (problems.length) out.skip(redact(problems[0]!), NOT_SNAPSHOTTED.unparsed);
  for (const cmd of expanded.commands) {
    const view = new CommandView(cmd, ctx);
    if (cmd.ctx.remote) {
      if (writeTargets(view).some((t) => t.mode !== 'append') || lossy(allFindings(view)).length) out.skip(redact(cmd.source), NOT_SNAPSHOTTED.remote);
      continue;
    }
    fileTargets(view, out);
    if (cmd.program === 'git') gitTargets(view, out);
    for (const f of lossy(allFindings(view))) {
      if (HANDLED.test(f.ruleId) || covered(f, out.targets)) continue;
      out.skip(redact(f.summary), reasonFor(f, ctx));
    }
  }
  return { targets: out.targets, notSnapshotted: out.skipped };
}

class Collector {
  readonly targets: LossTarget[] = [];
  readonly skipped: NotSnapshotted[] = [];
  private readonly seen = new Set<string>();

  add(t: LossTarget): void {
    const key = JSON.stringify(t);
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.targets.push(t);
  }

  skip(what: string, reason: string): void {
    if (!this.skipped.some((s) => s.what === what && s.reason === reason)) this.skipped.push({ what, reason });
  }
}

function allFindings(view: CommandView): Finding[] {
  const rules = [...(DEFAULT_INDEX.byProgram.get(view.program) ?? []), ...DEFAULT_INDEX.any];
  return rules.flatMap((r) => asFindings(r.check(view)));
}

const lossy = (findings: readonly Finding[]): Finding[] =>
  findings.filter((f) => f.effect === 'delete' || f.tags?.includes('data-loss') || f.tags?.includes('uncommitted-work'));

interface Resolved {
  readonly abs: string;
  readonly glob: boolean;
  /** /dev/null, /dev/sdb…: not a file anything is kept of. */
  readonly device: boolean;
}

/** A path word resolved to an absolute local path; undefined (and said why) when it cannot be. */
function resolveWord(view: CommandView, word: Word, out: Collector): Resolved | undefined {
  if (word.text === '{found files}' || word.text === '{input items}') {
    out.skip(redact(view.source), NOT_SNAPSHOTTED.unlisted);
    return undefined;
  }
  const info = classifyPath(view, word.text, word.literal);
  if (info.kind === 'unknown') {
    out.skip(redact(word.text), NOT_SNAPSHOTTED.unknownPath);
    return undefined;
  }
  return { abs: info.abs, glob: info.glob, device: info.kind === 'null' || info.kind === 'device' };
}

/** A lossy finding of another rule whose every path is already a target (`rm -rf .codex` is also an airlock finding). */
function covered(f: Finding, targets: readonly LossTarget[]): boolean {
  const paths = (f.targets ?? []).filter((t) => t.kind === 'path').map((t) => t.name);
  return paths.length > 0 && paths.every((p) => targets.some((t) => (t.kind === 'delete' || t.kind === 'overwrite') && (t.path === p || (t.kind === 'delete' && t.recursive && isWithin(p, t.path)))));
}

/** Why another rule's loss is not snapshotted. */
function reasonFor(f: Finding, ctx: AssessContext): string {
  if (f.remote) return NOT_SNAPSHOTTED.remote;
  if (f.ruleId.startsWith('git.')) return NOT_SNAPSHOTTED.gitState;
  if (f.targets?.some((t) => t.kind === 'device')) return NOT_SNAPSHOTTED.device;
  const paths = (f.targets ?? []).filter((t) => t.kind === 'path').map((t) => t.name);
  if (paths.length && paths.every((p) => p.startsWith('/') && pathScope(normalisePath(p), ctx) !== 'workspace')) return NOT_SNAPSHOTTED.outside;
  return NOT_SNAPSHOTTED.unlisted;
}

function fileTargets(view: CommandView, out: Collector): void {
  const all = writeTargets(view);
  const mover = MOVERS.has(view.program);
  const noClobber = (mover || COPIERS.has(view.program)) && (view.has('-n', '--no-clobber', '-b', '--backup') || view.args.includes('--update=none'));
  for (const t of all) {
    if (t.mode === 'append' || t.mode === 'perm') continue;
    if (t.mode === 'delete') {
      if (!DELETERS.has(t.via)) continue;
      const r = resolveWord(view, t.word, out);
      if (r && !r.device) out.add({ kind: 'delete', path: r.abs, glob: r.glob, recursive: !!t.force, via: t.via });
      continue;
    }
    if (t.mode === 'move') {
      // The source of a move is not lost, unless it is moved into /dev/null.
      const dest = all.find((x) => x.via === t.via && x.mode === 'replace');
      if (!dest || !isNullSink(dest.word.text)) continue;
      const r = resolveWord(view, t.word, out);
      if (r && !r.device) out.add({ kind: 'delete', path: r.abs, glob: r.glob, recursive: true, via: 'mv to /dev/null' });
      continue;
    }
    if (isNullSink(t.word.text) || noClobber) continue;
    if (t.mode === 'link' && !t.force) continue; // ln refuses to replace an existing file without -f
    const r = resolveWord(view, t.word, out);
    if (!r || r.device) continue;
    if (r.glob) {
      out.skip(redact(t.word.text), NOT_SNAPSHOTTED.unlisted);
      continue;
    }
    const copy = t.mode === 'replace' && (COPIERS.has(t.via) || MOVERS.has(t.via)) ? copySpec(view, t, all, out) : undefined;
    const follows = !REPLACES_LINKS.test(t.via) && !(t.via === 'cp' && view.has('--remove-destination'));
    const empty = leavesEmpty(view, t) || (copy?.sources !== 'unknown' && !!copy?.sources.every((x) => x === '/dev/null'));
    out.add({ kind: 'overwrite', path: r.abs, via: t.via, follows, leaves: empty ? 'empty' : 'unknown', copy });
  }
}

/** `: > f`, `> f`, `true > f` and `truncate -s 0 f` leave an empty file: a restore can tell that from later edits. */
function leavesEmpty(view: CommandView, t: WriteTarget): boolean {
  if (t.via === '>' || t.via === '>|') return (view.program === ':' || view.program === 'true') && view.args.length === 0;
  return t.via === 'truncate' && /^0+$/.test(view.value('-s', '--size') ?? '');
}

function copySpec(view: CommandView, dest: WriteTarget, all: readonly WriteTarget[], out: Collector): CopySpec {
  const move = MOVERS.has(dest.via);
  const targetDir = view.value('-t', '--target-directory');
  let words: Word[];
  if (move) words = all.filter((x) => x.mode === 'move').map((x) => x.word);
  else {
    const pos = positionalWords(view, CP_VALUE);
    words = targetDir !== undefined ? pos : pos.filter((w) => w !== dest.word);
  }
  let sources: string[] | 'unknown' = [];
  for (const w of words) {
    const r = resolveWord(view, w, out);
    if (!r || r.glob) sources = 'unknown';
    else if (sources !== 'unknown') sources.push(r.abs);
  }
  const intoDirectory = targetDir !== undefined ? 'yes' : view.has('-T', '--no-target-directory') ? 'no' : 'if-directory';
  const recursive = move || dest.via === 'rsync' || dest.via === 'ditto' || view.has('-r', '-R', '-a', '--recursive', '--archive');
  return { sources, intoDirectory, recursive, move };
}

/** The directory git works in (`cd sub && git -C x …`), or undefined when it uses another git dir or work tree. */
function gitLocation(view: CommandView): string | undefined {
  if (view.env('GIT_DIR') !== undefined || view.env('GIT_WORK_TREE') !== undefined) return undefined;
  let cwd = view.cwd;
  const a = view.args;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    if (x === '-C') cwd = resolvePath(a[++i] ?? '.', view.ctx, cwd);
    else if (/^--(git-dir|work-tree)(=|$)/.test(x)) return undefined;
    else if (GIT_GLOBAL_VALUE.has(x)) i++;
    else if (!x.startsWith('-')) break;
  }
  return cwd;
}

function gitTargets(view: CommandView, out: Collector): void {
  const s = gitSub(view);
  if (!s) return;
  const findings = gitRules.flatMap((r) => (r.programs === 'any' || r.programs.includes('git') ? asFindings(r.check(view)) : []));
  const handled = findings.filter((f) => HANDLED.test(f.ruleId));
  if (!handled.length) return;
  const cwd = gitLocation(view);
  if (cwd === undefined) {
    out.skip(redact(view.source), NOT_SNAPSHOTTED.gitDir);
    return;
  }
  const w = s.view;
  const whole = (source: GitSource, via: string) => out.add({ kind: 'git-discard', cwd, pathspecs: [], whole: true, source, via });
  const tree = (treeish: string | undefined): GitSource => (treeish ? { kind: 'tree', treeish } : { kind: 'index' });
  for (const f of handled) {
    const paths = (f.targets ?? []).map((t) => t.name);
    switch (f.ruleId) {
      case 'git.reset-hard':
        whole(tree(w.positionals()[0] ?? 'HEAD'), 'git reset --hard');
        break;
      case 'git.switch-discard':
        whole(tree(w.positionals(['-c', '-C', '--create', '--force-create', '--orphan'])[0] ?? 'HEAD'), 'git switch --discard-changes');
        break;
      case 'git.checkout-discard': {
        const a = w.args;
        const dash = a.indexOf('--');
        const pos = w.positionals(['--conflict', '--pathspec-from-file']);
        const beforeDash = dash >= 0 ? pos.slice(0, pos.length - (a.length - dash - 1)) : undefined;
        if (w.has('-f', '--force') && dash < 0 && pos.length <= 1) whole(tree(pos[0] ?? 'HEAD'), 'git checkout --force');
        else out.add({ kind: 'git-discard', cwd, pathspecs: paths, whole: false, source: tree(beforeDash ? beforeDash[0] : pos.length >= 2 ? pos[0] : undefined), via: 'git checkout' });
        break;
      }
      case 'git.restore': {
        if (w.has('--pathspec-from-file')) {
          out.skip(redact(view.source), NOT_SNAPSHOTTED.unlisted);
          break;
        }
        const staged = w.has('-S', '--staged');
        const source = w.value('-s', '--source') ?? (staged ? 'HEAD' : undefined);
        out.add({ kind: 'git-discard', cwd, pathspecs: paths, whole: false, source: tree(source), via: 'git restore' });
        break;
      }
      case 'git.clean':
        if (!w.has('-f', '--force')) out.skip(redact(view.source), NOT_SNAPSHOTTED.interactive);
        else out.add({ kind: 'git-clean', cwd, args: cleanDryRunArgs(w) });
        break;
      case 'git.rm': {
        const specs = w.positionals(['--pathspec-from-file']);
        for (const p of specs) {
          if (/[*?[]/.test(p) || p.startsWith(':')) out.skip(redact(p), NOT_SNAPSHOTTED.unlisted);
          else out.add({ kind: 'delete', path: resolvePath(p, view.ctx, cwd), glob: false, recursive: w.has('-r'), via: 'git rm' });
        }
        break;
      }
      case 'git.worktree-remove': {
        const dir = w.positionals()[1];
        if (dir) out.add({ kind: 'delete', path: resolvePath(dir, view.ctx, cwd), glob: false, recursive: true, via: 'git worktree remove' });
        break;
      }
    }
  }
}

/** The flags of a `git clean` that change what it removes, for the same command with `-n`. */
function cleanDryRunArgs(w: CommandView): string[] {
  const forces = w.args.filter((a) => a === '--force').length
    + w.args.filter((a) => /^-[A-Za-z]+$/.test(a)).reduce((n, a) => n + [...a].filter((c) => c === 'f').length, 0);
  const args = ['-n'];
  if (forces >= 2) args.push('-f', '-f'); // -ff also removes nested repositories
  if (w.has('-d')) args.push('-d');
  if (w.has('-x')) args.push('-x');
  if (w.has('-X')) args.push('-X');
  for (const e of w.values('-e', '--exclude')) args.push(`--exclude=${e}`);
  args.push('--', ...w.positionals(['-e', '--exclude']));
  return args;
}

