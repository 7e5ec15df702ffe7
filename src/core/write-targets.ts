// The files a simple command would write, replace, delete or re-permission, however it does it:
// redirections, tee, cp/mv/install/ln destinations, in-place editors, dd of=, curl -o, chmod…
// Several rule families judge the same list (workspace files, /etc, shell rc files, devices, Airlock's
// own files), so it is computed once per command view.
import type { Word } from './shell/command.js';
import type { CommandView } from './rules/rule.js';

export type WriteMode =
  | 'truncate' // `>`, tee, sponge, truncate: the old content is gone
  | 'append' // `>>`, tee -a
  | 'modify' // sed -i, perl -pi: edited in place
  | 'replace' // cp/mv/install/dd/curl -o destination
  | 'link' // ln destination
  | 'move' // mv source: the path disappears
  | 'delete' // rm, unlink, rmdir, shred
  | 'perm'; // chmod, chown, chgrp, chattr

export interface WriteTarget {
  readonly word: Word;
  readonly mode: WriteMode;
  /** What does it: `>`, `tee`, `cp`, `sed -i`… */
  readonly via: string;
  /** True when an existing destination would be replaced without asking (-f, --force, -T…). */
  readonly force?: boolean;
  /** `cp -n`, `mv --no-clobber`: an existing destination is kept, so nothing is overwritten. */
  readonly noClobber?: boolean;
  /** A redirect with nothing behind it (`> file`, `: > file`, `true > file`): the file is only emptied. */
  readonly bare?: boolean;
}

const CACHE = new WeakMap<CommandView, readonly WriteTarget[]>();
const FD_DUP = /^(\d+|-)$/;
const W = (text: string, literal = true): Word => ({ text, literal });

/** Positional words (with their literal flags) after skipping options and option values. */
export function positionalWords(view: CommandView, withValue: ReadonlySet<string> = new Set()): Word[] {
  const out: Word[] = [];
  let after = false;
  const words = view.words;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const a = w.text;
    if (after) { out.push(w); continue; }
    if (a === '--') { after = true; continue; }
    if (a.startsWith('-') && a !== '-' && a.length > 1) {
      if (withValue.has(a)) i++;
      continue;
    }
    out.push(w);
  }
  return out;
}

const CP_VALUE = new Set(['-t', '--target-directory', '-S', '--suffix', '--backup', '-m', '--mode', '-o', '--owner', '-g', '--group', '--context']);
const SED_VALUE = new Set(['-e', '--expression', '-f', '--file', '-l', '--line-length', '-s']);
const CHMOD_VALUE = new Set(['--reference']);

export function writeTargets(view: CommandView): readonly WriteTarget[] {
  let cached = CACHE.get(view);
  if (!cached) {
    cached = compute(view);
    CACHE.set(view, cached);
  }
  return cached;
}

function compute(view: CommandView): WriteTarget[] {
  const out: WriteTarget[] = [];
  for (const r of view.cmd.redirects) {
    const op = r.op;
    if (op === '<' || op === '<<' || op === '<<<' || op === '<&' || op === '<<-') continue;
    if ((op === '>&' || op === '<&' || op === '&>' ) && FD_DUP.test(r.target.text)) continue;
    if (op === '>&' && FD_DUP.test(r.target.text)) continue;
    if (!r.target.text) continue;
    const bare = (view.program === ':' || view.program === 'true') && !view.args.length;
    out.push({ word: r.target, mode: op.includes('>>') ? 'append' : 'truncate', via: op, bare: bare || undefined });
  }
  const p = view.program;
  const args = view.args;
  switch (p) {
    case 'tee': {
      const append = view.has('-a', '--append');
      for (const w of positionalWords(view)) if (w.text !== '-') out.push({ word: w, mode: append ? 'append' : 'truncate', via: 'tee' });
      break;
    }
    case 'sponge':
      for (const w of positionalWords(view)) out.push({ word: w, mode: view.has('-a') ? 'append' : 'truncate', via: 'sponge' });
      break;
    case 'truncate':
      for (const w of positionalWords(view, new Set(['-s', '--size', '-r', '--reference']))) out.push({ word: w, mode: 'truncate', via: 'truncate' });
      break;
    case 'cp': case 'install': case 'gcp': case 'ditto': case 'rsync': case 'scp': {
      const pos = positionalWords(view, CP_VALUE);
      if (p === 'install' && view.has('-d', '--directory')) break;
      if (p === 'rsync' && view.has('-n', '--dry-run', '--list-only')) break;
      const target = view.value('-t', '--target-directory');
      const force = view.has('-f', '--force', '-T', '--no-target-directory', '--remove-destination') || (p === 'rsync' && view.has('--delete', '--delete-after', '--delete-before', '--delete-during', '--delete-excluded', '--del'));
      const noClobber = (p === 'cp' || p === 'gcp') && noClobberOf(view);
      if (target !== undefined) out.push({ word: W(target), mode: 'replace', via: p, force, noClobber });
      else if (pos.length >= 2) {
        const dest = pos[pos.length - 1]!;
        if (!/^[^/]*:/.test(dest.text) || /^[A-Za-z]:[\\/]/.test(dest.text)) out.push({ word: dest, mode: 'replace', via: p, force, noClobber });
      }
      break;
    }
    case 'mv': case 'gmv': {
      const pos = positionalWords(view, CP_VALUE);
      const target = view.value('-t', '--target-directory');
      const force = view.has('-f', '--force', '-T', '--no-target-directory');
      const sources = target !== undefined ? pos : pos.slice(0, -1);
      const noClobber = noClobberOf(view);
      if (target !== undefined) out.push({ word: W(target), mode: 'replace', via: 'mv', force, noClobber });
      else if (pos.length >= 2) out.push({ word: pos[pos.length - 1]!, mode: 'replace', via: 'mv', force, noClobber });
      for (const s of sources) out.push({ word: s, mode: 'move', via: 'mv' });
      break;
    }
    case 'ln': {
      const pos = positionalWords(view, new Set(['-t', '--target-directory', '-S', '--suffix']));
      const force = view.has('-f', '--force');
      const target = view.value('-t', '--target-directory');
      if (target !== undefined) out.push({ word: W(target), mode: 'link', via: 'ln', force });
      else if (pos.length >= 2) out.push({ word: pos[pos.length - 1]!, mode: 'link', via: 'ln', force });
      else if (pos.length === 1) out.push({ word: W(pos[0]!.text.replace(/.*\//, '') || '.'), mode: 'link', via: 'ln', force });
      break;
    }
    case 'sed': case 'gsed': {
      if (!args.some((a) => /^-[a-zA-Z]*i/.test(a) && !a.startsWith('--') || a === '--in-place' || a.startsWith('--in-place='))) break;
      const pos = positionalWords(view, SED_VALUE);
      const hasScriptOpt = view.has('-e', '--expression', '-f', '--file') || args.some((a) => /^-[a-zA-Z]*[ef]$/.test(a));
      for (const w of hasScriptOpt ? pos : pos.slice(1)) out.push({ word: w, mode: 'modify', via: 'sed -i' });
      break;
    }
    case 'perl': case 'ruby': {
      if (!args.some((a) => /^-[a-zA-Z]*i/.test(a))) break;
      let i = 0;
      for (; i < args.length; i++) {
        const a = args[i]!;
        if (a === '-e' || a === '-E') { i++; continue; }
        if (a.startsWith('-')) continue;
        break;
      }
      for (const w of view.words.slice(i)) out.push({ word: w, mode: 'modify', via: `${p} -i` });
      break;
    }
    case 'yq': {
      if (!view.has('-i', '--inplace')) break;
      const pos = positionalWords(view, new Set(['-o', '--output-format', '-p', '--input-format', '--from-file']));
      const file = pos[pos.length - 1];
      if (file && pos.length >= 2) out.push({ word: file, mode: 'modify', via: 'yq -i' });
      break;
    }
    case 'dd': {
      for (const w of view.words) {
        if (w.text.startsWith('of=')) out.push({ word: W(w.text.slice(3), w.literal), mode: args.includes('conv=notrunc') ? 'modify' : 'replace', via: 'dd' });
      }
      break;
    }
    case 'curl': {
      for (const v of view.values('-o', '--output')) if (v !== '-') out.push({ word: W(v), mode: 'replace', via: 'curl -o' });
      break;
    }
    case 'wget': {
      for (const v of view.values('-O', '--output-document')) if (v !== '-') out.push({ word: W(v), mode: 'replace', via: 'wget -O' });
      break;
    }
    case 'rm': case 'unlink': case 'rmdir': case 'shred': case 'srm': case 'trash': case 'trash-put': {
      const recursive = view.has('-r', '-R', '--recursive');
      for (const w of positionalWords(view, new Set(['-n', '--iterations', '-s', '--size', '--interactive']))) out.push({ word: w, mode: 'delete', via: p, force: recursive });
      break;
    }
    case 'chmod': case 'chown': case 'chgrp': case 'chattr': case 'setfacl': {
      const pos = positionalWords(view, CHMOD_VALUE);
      const hasRef = args.some((a) => a.startsWith('--reference'));
      const skip = p === 'setfacl' ? 1 : hasRef ? 0 : 1;
      // `chmod -x file` is a mode, not an option.
      const modeLike = p === 'chmod' ? args.find((a) => /^[-+=][rwxXstugo]+$/.test(a)) : undefined;
      for (const w of pos.slice(modeLike && !pos.some((x) => x.text === modeLike) ? 0 : skip)) out.push({ word: w, mode: 'perm', via: p });
      break;
    }
    default:
      break;
  }
  return out;
}

/** Whether a redirect or write goes to a place that is not a file (`/dev/null`, `/dev/stderr`). */
export const isNullSink = (path: string): boolean => /^\/dev\/(null|zero|stdout|stderr|stdin|tty|fd\/\d+|pts\/\d+|full)$/.test(path);

/** `-n`, `--no-clobber`, `--update=none`: GNU cp and mv keep an existing destination (a later -f does not undo -n for cp). */
const noClobberOf = (view: CommandView): boolean => view.has('-n', '--no-clobber', '--update=none') || view.args.some((a) => /^-[a-zA-Z]*n[a-zA-Z]*$/.test(a) && !a.startsWith('--'));
