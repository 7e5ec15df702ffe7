// Rule family: git — discarding uncommitted work, rewriting or deleting remote branches,
// deleting branches and stashes, rewriting history, and destroying the recovery net (reflog, gc).
import { isProtectedBranch, subView } from '../invocation.js';
import type { Finding, Tag } from '../model.js';
import type { CommandView, Rule } from './rule.js';

/** git's global options that take a value (`git -C dir …`, `git -c k=v …`). */
const GLOBAL_WITH_VALUE = new Set(['-C', '-c', '--git-dir', '--work-tree', '--namespace', '--exec-path', '--config-env', '--super-prefix', '--list-cmds']);

/** The sub-command and a view of its own arguments. */
export function gitSub(v: CommandView): { sub: string; view: CommandView } | undefined {
  const a = v.args;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    if (GLOBAL_WITH_VALUE.has(x)) { i++; continue; }
    if (x.startsWith('-')) continue;
    return { sub: x, view: subView(v, i + 1) };
  }
  return undefined;
}

const protectedName = (v: CommandView, b: string): boolean => isProtectedBranch(b, v.ctx.protectedBranches);
const DISCARD_ALT = ['git stash push --include-untracked (keeps the changes recoverable)', 'git diff / git status first to see what would be lost'];

function discard(ruleId: string, summary: string, paths: readonly string[], extraTags: Tag[] = []): Finding {
  return {
    ruleId, risk: 'high', effect: 'delete', summary,
    targets: paths.map((p) => ({ kind: 'path' as const, name: p })),
    reversibility: 'irreversible', tags: ['uncommitted-work', 'data-loss', ...extraTags], alternatives: DISCARD_ALT,
  };
}

function reset(v: CommandView): Finding | undefined {
  if (v.has('--hard')) {
    const ref = v.positionals()[0];
    return discard('git.reset-hard', `discards all uncommitted changes${ref ? ` and moves the branch to ${ref}` : ''} (git reset --hard)`, ['.'], ['irreversible']);
  }
  if (v.has('--merge', '--keep')) return { ruleId: 'git.reset', risk: 'medium', effect: 'write', summary: 'resets the branch, keeping local changes where it can', reversibility: 'recoverable' };
  return undefined;
}

function clean(v: CommandView): Finding | undefined {
  if (v.has('-n', '--dry-run')) return undefined;
  const force = v.has('-f', '--force');
  if (!force && !v.has('-i', '--interactive')) return undefined; // refuses to run without -f by default
  const ignored = v.has('-x') || v.has('-X');
  const dirs = v.has('-d');
  const paths = v.positionals(['-e', '--exclude']);
  const what = `${ignored ? (v.has('-X') ? 'ignored files (.env, local config, build output)' : 'untracked AND ignored files (.env, local config, data)') : 'untracked files'}${dirs ? ' and directories' : ''}`;
  const tags: Tag[] = ['irreversible'];
  if (dirs) tags.push('recursive-delete');
  if (!force) return { ruleId: 'git.clean', risk: 'medium', effect: 'delete', summary: `interactively deletes ${what}`, reversibility: 'irreversible', tags: ['uncommitted-work'] };
  return {
    ...discard('git.clean', `permanently deletes ${what}${paths.length ? ` under ${paths.join(', ')}` : ''} (never committed, so git cannot bring them back)`, paths.length ? paths : ['.'], tags),
    alternatives: ['git clean -n (dry run: lists what would be deleted)', ...DISCARD_ALT],
  };
}

function checkout(v: CommandView): Finding | undefined {
  const a = v.args;
  const dash = a.indexOf('--');
  if (v.has('-b', '-B', '--orphan', '-t', '--track', '--detach')) {
    if (v.has('-B')) return { ruleId: 'git.checkout', risk: 'medium', effect: 'write', summary: 'creates or resets a branch (git checkout -B)', reversibility: 'recoverable' };
    return undefined;
  }
  const pos = v.positionals(['--conflict', '--pathspec-from-file']);
  const paths = dash >= 0 ? a.slice(dash + 1) : pos.length >= 2 ? pos.slice(1) : pos.filter((p) => p === '.' || p === ':/' || p === '*' || p.includes('/') || /\.\w+$/.test(p));
  if (v.has('-p', '--patch')) return { ruleId: 'git.checkout', risk: 'medium', effect: 'write', summary: 'interactively discards selected changes', reversibility: 'irreversible', tags: ['uncommitted-work'] };
  if (v.has('--ours', '--theirs')) return { ruleId: 'git.checkout', risk: 'medium', effect: 'write', summary: `takes one side of a conflict for ${paths.join(', ') || 'the given paths'}`, reversibility: 'recoverable' };
  if (v.has('-f', '--force')) return discard('git.checkout-discard', `switches ${pos[0] ?? 'branch'} and throws away every uncommitted change (git checkout --force)`, paths.length ? paths : ['.']);
  if (paths.length || dash >= 0) {
    const whole = paths.some((p) => p === '.' || p === ':/' || p === '*' || p === ':' || p === '/');
    return discard('git.checkout-discard', `overwrites ${whole ? 'every file' : paths.join(', ')} with the committed version, discarding uncommitted edits`, paths.length ? paths : ['.'], whole ? ['wildcard'] : []);
  }
  return undefined;
}

function restore(v: CommandView): Finding | undefined {
  const staged = v.has('-S', '--staged');
  const worktree = v.has('-W', '--worktree');
  if (staged && !worktree) return undefined; // only unstages
  const paths = v.positionals(['-s', '--source', '--conflict', '--pathspec-from-file']);
  if (v.has('-p', '--patch')) return { ruleId: 'git.restore', risk: 'medium', effect: 'write', summary: 'interactively discards selected changes', reversibility: 'irreversible', tags: ['uncommitted-work'] };
  const whole = !paths.length || paths.some((p) => p === '.' || p === ':/' || p === '*');
  const source = v.value('-s', '--source');
  return discard('git.restore', `overwrites ${whole ? 'every file' : paths.join(', ')} with ${source ? `the version in ${source}` : 'the committed version'}, discarding uncommitted edits`, paths.length ? paths : ['.'], whole ? ['wildcard'] : []);
}

function switchBranch(v: CommandView): Finding | undefined {
  if (v.has('--discard-changes', '-f', '--force')) return discard('git.switch-discard', 'switches branch and throws away uncommitted changes (--discard-changes)', ['.']);
  if (v.has('-C', '--force-create')) {
    const b = v.value('-C', '--force-create') ?? '';
    return { ruleId: 'git.branch-reset', risk: protectedName(v, b) ? 'high' : 'medium', effect: 'write', summary: `creates or resets branch ${b} (git switch -C)`, targets: [{ kind: 'branch', name: b }], reversibility: 'recoverable', tags: protectedName(v, b) ? ['shared-branch'] : [] };
  }
  return undefined;
}

function stash(v: CommandView): Finding | undefined {
  const sub = v.positionals()[0];
  if (sub === 'clear') return { ruleId: 'git.stash-drop', risk: 'high', effect: 'delete', summary: 'deletes every stash entry (git stash clear)', reversibility: 'irreversible', tags: ['uncommitted-work', 'data-loss', 'irreversible'], alternatives: ['git stash list (review first)', 'git stash branch NAME (keep the work on a branch)'] };
  if (sub === 'drop') {
    const which = v.positionals()[1] ?? 'stash@{0}';
    return { ruleId: 'git.stash-drop', risk: 'high', effect: 'delete', summary: `deletes stash entry ${which}`, targets: [{ kind: 'resource', name: which }], reversibility: 'recoverable', tags: ['uncommitted-work', 'data-loss'], alternatives: ['git stash show -p first', 'git stash branch NAME (keep the work on a branch)'] };
  }
  return undefined;
}

function branch(v: CommandView): Finding | undefined {
  const force = v.has('-D') || (v.has('-d', '--delete') && v.has('-f', '--force'));
  const names = v.positionals(['-u', '--set-upstream-to', '--contains', '--no-contains', '--merged', '--no-merged', '--points-at', '--sort', '--format', '--color', '--column']);
  if (force || v.has('-d', '--delete')) {
    const remote = v.has('-r', '--remotes');
    const prot = names.filter((b) => protectedName(v, b));
    const targets = names.map((b) => ({ kind: 'branch' as const, name: b }));
    if (!force) {
      return { ruleId: 'git.branch-delete', risk: prot.length ? 'medium' : 'low', effect: 'delete', summary: `deletes ${remote ? 'remote-tracking ' : ''}branch ${names.join(', ')} (only if merged)`, targets, reversibility: 'recoverable', tags: prot.length ? ['shared-branch'] : [] };
    }
    return {
      ruleId: 'git.branch-force-delete', risk: prot.length ? 'critical' : 'high', effect: 'delete',
      summary: `force-deletes ${remote ? 'remote-tracking ' : ''}branch ${names.join(', ') || '?'} even if its commits are not merged anywhere${prot.length ? ` (protected: ${prot.join(', ')})` : ''}`,
      targets, reversibility: 'recoverable', tags: ['data-loss', ...(prot.length ? (['shared-branch'] as Tag[]) : [])],
      alternatives: ['git branch -d (refuses when unmerged)'],
    };
  }
  if (v.has('-f', '--force') || v.has('-M') || v.has('-C')) {
    const prot = names.filter((b) => protectedName(v, b));
    return { ruleId: 'git.branch-reset', risk: prot.length ? 'high' : 'medium', effect: 'write', summary: `forcibly moves or renames branch ${names.join(', ')}`, targets: names.map((b) => ({ kind: 'branch' as const, name: b })), reversibility: 'recoverable', tags: prot.length ? ['shared-branch'] : [] };
  }
  return undefined;
}

const PUSH_WITH_VALUE = ['--repo', '--receive-pack', '--exec', '-o', '--push-option', '--signed', '--recurse-submodules'];

function push(v: CommandView): Finding | undefined {
  if (v.has('-n', '--dry-run')) return undefined;
  const pos = v.positionals(PUSH_WITH_VALUE);
  const remote = pos[0] ?? v.value('--repo') ?? 'origin';
  const specs = pos.slice(1);
  const lease = v.has('--force-with-lease', '--force-if-includes');
  const hardForce = v.has('-f', '--force');
  const mirror = v.has('--mirror');
  const del = v.has('-d', '--delete');
  const all = v.has('--all', '--branches');
  const current = v.ctx.gitBranch;
  type Ref = { name: string; forced: boolean; deleted: boolean };
  const refs: Ref[] = specs.map((s) => {
    const forced = s.startsWith('+');
    const spec = forced ? s.slice(1) : s;
    const colon = spec.indexOf(':');
    let dst = colon >= 0 ? spec.slice(colon + 1) : spec;
    const deleted = del || (colon === 0);
    if (dst === 'HEAD' || dst === '@' || dst === '') dst = current ?? 'HEAD';
    return { name: dst.replace(/^refs\/heads\//, ''), forced, deleted };
  });
  if (!refs.length && !mirror && !all) refs.push({ name: current ?? '(current branch)', forced: false, deleted: false });
  const anyForce = hardForce || lease || mirror || refs.some((r) => r.forced);
  const anyDelete = refs.some((r) => r.deleted) || v.has('--prune');
  const tags: Tag[] = [];
  const protectedRefs = refs.filter((r) => protectedName(v, r.name)).map((r) => r.name);
  const unknownBranch = refs.some((r) => r.name === '(current branch)' || r.name === 'HEAD');
  const sharedHit = protectedRefs.length > 0 || mirror || all;
  const targets = [{ kind: 'remote' as const, name: remote }, ...refs.map((r) => ({ kind: 'branch' as const, name: r.name }))];
  const names = refs.map((r) => r.name).join(', ') || (mirror ? 'every ref' : 'all branches');

  if (!anyForce && !anyDelete) {
    if (v.has('--no-verify')) return { ruleId: 'git.push', risk: 'medium', effect: 'network', summary: `pushes ${names} to ${remote}, skipping pre-push hooks`, targets, reversibility: 'recoverable', tags: ['confirmation-bypass'] };
    // RISK-LEVELS.md: pushing to a shared branch, even without force, is high; to the agent's own branch, medium.
    if (protectedRefs.length) return { ruleId: 'git.push.shared', risk: 'high', effect: 'network', summary: `pushes ${names} to ${remote}: a shared branch others build on`, targets, reversibility: 'recoverable', tags: ['shared-branch', 'shared-state'] };
    return { ruleId: 'git.push', risk: 'medium', effect: 'network', summary: `pushes ${names} to ${remote}`, targets, reversibility: 'recoverable', tags: [] };
  }
  if (anyForce) tags.push('force-push');
  if (sharedHit) tags.push('shared-branch');
  const alternatives = ['git push --force-with-lease (refuses if someone else pushed)', 'git push --dry-run first'];
  if (mirror) {
    return { ruleId: 'git.force-push', risk: 'critical', effect: 'write', summary: `mirror-pushes to ${remote}: overwrites every remote branch and tag and deletes the ones that do not exist locally`, targets, reversibility: 'irreversible', tags: [...tags, 'irreversible', 'data-loss'], alternatives };
  }
  if (anyDelete && !refs.some((r) => r.forced) && !hardForce && !lease) {
    const prot = sharedHit;
    return {
      ruleId: 'git.push-delete', risk: prot ? 'critical' : 'high', effect: 'delete',
      summary: `deletes remote ${v.has('--prune') ? 'branches missing locally' : `branch ${refs.filter((r) => r.deleted).map((r) => r.name).join(', ') || names}`} on ${remote}${prot ? ' (a protected branch)' : ''}`,
      targets, reversibility: 'recoverable', tags: [...tags, 'data-loss', 'force-push'], alternatives: ['git push --dry-run first', 'close the pull request instead of deleting the branch'],
    };
  }
  const critical = sharedHit || unknownBranch;
  let risk: Finding['risk'];
  // A lease protects only against racing pushes: on a shared branch it still rewrites what others built on.
  if (lease && !hardForce && !refs.some((r) => r.forced)) risk = sharedHit ? 'critical' : unknownBranch ? 'high' : 'medium';
  else risk = critical ? 'critical' : 'high';
  return {
    ruleId: 'git.force-push', risk, effect: 'write',
    summary: `force-pushes ${names} to ${remote}, replacing the remote history${protectedRefs.length ? ` of protected branch ${protectedRefs.join(', ')}` : all ? ' of every branch' : unknownBranch ? ' (the current branch is unknown, so it may be a protected one)' : ''}${lease ? ' (with lease)' : ''}`,
    targets, reversibility: critical ? 'irreversible' : 'recoverable', tags: critical ? [...tags, 'irreversible', 'data-loss'] : tags,
    alternatives: lease ? ['git push --dry-run first', 'push to a new branch and open a pull request'] : alternatives,
  };
}

function rewrite(v: CommandView, sub: string): Finding {
  const force = v.has('--force', '-f');
  return {
    ruleId: 'git.history-rewrite', risk: 'high', effect: 'write',
    summary: `rewrites the whole repository history (git ${sub}); every commit id changes${sub === 'filter-repo' ? ' and the origin remote is removed' : ''}`,
    targets: [{ kind: 'repository', name: v.cwd }], reversibility: 'irreversible',
    tags: ['irreversible', 'data-loss', ...(force ? (['confirmation-bypass'] as Tag[]) : [])],
    alternatives: ['run it in a fresh clone and inspect the result before pushing', 'back up with git clone --mirror first'],
  };
}

function rebase(v: CommandView): Finding | undefined {
  if (v.has('--abort', '--continue', '--skip', '--quit', '--edit-todo', '--show-current-patch')) return undefined;
  const pos = v.positionals(['--onto', '-s', '--strategy', '-X', '--strategy-option', '-x', '--exec', '--empty']);
  const branchName = pos[1] ?? v.ctx.gitBranch;
  if (branchName && protectedName(v, branchName)) {
    return { ruleId: 'git.rebase-shared', risk: 'high', effect: 'write', summary: `rebases protected branch ${branchName}, rewriting commits others already have`, targets: [{ kind: 'branch', name: branchName }], reversibility: 'recoverable', tags: ['shared-branch'], alternatives: ['git merge instead of rebase on shared branches', 'rebase a feature branch instead'] };
  }
  if (v.has('--root')) return { ruleId: 'git.rebase-shared', risk: 'high', effect: 'write', summary: 'rebases the entire history from the root commit', reversibility: 'recoverable', tags: ['shared-branch'] };
  return undefined;
}

function updateRef(v: CommandView): Finding | undefined {
  const pos = v.positionals(['-m']);
  if (v.has('-d', '--delete')) {
    const ref = pos[0] ?? '?';
    const prot = protectedName(v, ref);
    return { ruleId: 'git.update-ref', risk: prot ? 'critical' : 'high', effect: 'delete', summary: `deletes ref ${ref} directly, without any safety check`, targets: [{ kind: 'branch', name: ref }], reversibility: 'recoverable', tags: ['data-loss', ...(prot ? (['shared-branch'] as Tag[]) : [])] };
  }
  if (v.has('--stdin')) return { ruleId: 'git.update-ref', risk: 'high', effect: 'write', summary: 'rewrites refs from standard input (cannot be seen)', reversibility: 'recoverable' };
  if (pos.length >= 2) {
    const prot = protectedName(v, pos[0]!);
    return { ruleId: 'git.update-ref', risk: prot ? 'high' : 'medium', effect: 'write', summary: `points ${pos[0]} at ${pos[1]}`, targets: [{ kind: 'branch', name: pos[0]! }], reversibility: 'recoverable', tags: prot ? ['shared-branch'] : [] };
  }
  return undefined;
}

const NOW = /^(now|all|0|never|0\.seconds?|\d+\.seconds?\.ago)$/i;

function reflog(v: CommandView): Finding | undefined {
  const sub = v.positionals()[0];
  if (sub === 'expire') {
    const when = v.value('--expire', '--expire-unreachable');
    // The reflog is git's own recovery point for lost commits: erasing it all at once destroys a backup.
    if (when && NOW.test(when)) return { ruleId: 'git.reflog-expire', risk: v.has('--all') ? 'critical' : 'high', effect: 'delete', summary: `erases the reflog${v.has('--all') ? ' of every branch' : ''}: the safety net for recovering lost commits`, reversibility: 'irreversible', tags: ['irreversible', 'data-loss', 'backup'] };
    return { ruleId: 'git.reflog-expire', risk: 'medium', effect: 'delete', summary: 'expires old reflog entries', reversibility: 'irreversible' };
  }
  if (sub === 'delete') return { ruleId: 'git.reflog-expire', risk: 'high', effect: 'delete', summary: 'deletes reflog entries used to recover lost commits', reversibility: 'irreversible', tags: ['irreversible', 'data-loss'] };
  return undefined;
}

function gc(v: CommandView, sub: string): Finding | undefined {
  const when = sub === 'prune' ? v.value('--expire') ?? 'now' : v.value('--prune');
  if (when === undefined || !NOW.test(when)) return undefined;
  return { ruleId: 'git.gc-prune', risk: 'high', effect: 'delete', summary: 'permanently deletes every unreachable commit and object now (nothing left to recover lost work from)', reversibility: 'irreversible', tags: ['irreversible', 'data-loss'] };
}

function remote(v: CommandView): Finding | undefined {
  const pos = v.positionals();
  if (pos[0] === 'remove' || pos[0] === 'rm') return { ruleId: 'git.remote-remove', risk: 'medium', effect: 'write', summary: `removes remote ${pos[1] ?? '?'} and its remote-tracking branches`, targets: [{ kind: 'remote', name: pos[1] ?? '?' }], reversibility: 'recoverable', tags: ['shared-state'] };
  if (pos[0] === 'set-url') return { ruleId: 'git.remote-remove', risk: 'medium', effect: 'write', summary: `points remote ${pos[1] ?? '?'} at ${pos[2] ?? '?'}`, targets: [{ kind: 'remote', name: pos[1] ?? '?' }], reversibility: 'reversible', tags: ['shared-state'] };
  return undefined;
}

function rm(v: CommandView): Finding | undefined {
  if (v.has('--cached') || v.has('-n', '--dry-run')) return undefined;
  const paths = v.positionals(['--pathspec-from-file']);
  const whole = paths.some((p) => p === '.' || p === '*' || p === ':/' || p === '/');
  const force = v.has('-f', '--force');
  return {
    ruleId: 'git.rm', risk: whole && force ? 'high' : 'medium', effect: 'delete',
    summary: `deletes ${paths.join(', ') || 'files'} from the working tree and the index${force ? ', even with uncommitted changes' : ''}`,
    targets: paths.map((p) => ({ kind: 'path' as const, name: v.resolve(p) })),
    reversibility: force ? 'irreversible' : 'recoverable',
    tags: [...(v.has('-r') ? (['recursive-delete'] as Tag[]) : []), ...(force ? (['uncommitted-work'] as Tag[]) : []), ...(whole ? (['wildcard'] as Tag[]) : [])],
    alternatives: ['git rm --cached (keeps the files on disk)'],
  };
}

function worktree(v: CommandView): Finding | undefined {
  const pos = v.positionals();
  if ((pos[0] === 'remove' || pos[0] === 'prune') && v.has('-f', '--force')) {
    return { ruleId: 'git.worktree-remove', risk: 'high', effect: 'delete', summary: `removes worktree ${pos[1] ?? ''} including its uncommitted changes`, targets: pos[1] ? [{ kind: 'path', name: v.resolve(pos[1]) }] : [], reversibility: 'irreversible', tags: ['uncommitted-work', 'data-loss'] };
  }
  return undefined;
}

function commit(v: CommandView): Finding | undefined {
  if (v.has('-n', '--no-verify')) return { ruleId: 'git.no-verify', risk: 'medium', effect: 'write', summary: 'commits without running the pre-commit hooks', reversibility: 'reversible', tags: ['confirmation-bypass'] };
  if (v.has('--amend') && v.ctx.gitBranch && protectedName(v, v.ctx.gitBranch)) {
    return { ruleId: 'git.amend-shared', risk: 'medium', effect: 'write', summary: `amends the last commit on protected branch ${v.ctx.gitBranch}`, reversibility: 'recoverable', tags: ['shared-branch'] };
  }
  return undefined;
}

const GIT_MODELLED = new Set(['reset', 'clean', 'checkout', 'restore', 'switch', 'stash', 'branch', 'push', 'filter-branch', 'filter-repo', 'rebase', 'update-ref', 'reflog', 'gc', 'prune', 'remote', 'rm', 'worktree', 'commit', 'replace']);

export const rules: readonly Rule[] = [
  {
    id: 'git.command',
    programs: ['git'],
    // The subcommands modelled below; others (status, log, add, fetch…) get the generic reading of their verb.
    complete: (v) => GIT_MODELLED.has(v.sub(0, ['-C', '-c', '--git-dir', '--work-tree']) ?? ''),
    description: 'git: discarding uncommitted work, force pushes and remote deletes (critical on protected branches), branch and stash deletion, history rewrites, reflog/gc pruning.',
    check(v) {
      const s = gitSub(v);
      if (!s) return undefined;
      const w = s.view;
      switch (s.sub) {
        case 'reset': return reset(w);
        case 'clean': return clean(w);
        case 'checkout': return checkout(w);
        case 'restore': return restore(w);
        case 'switch': return switchBranch(w);
        case 'stash': return stash(w);
        case 'branch': return branch(w);
        case 'push': return push(w);
        // `git filter-repo --analyze` only writes a report.
        case 'filter-branch': case 'filter-repo': return s.sub === 'filter-repo' && w.has('--analyze') ? undefined : rewrite(w, s.sub);
        case 'rebase': return rebase(w);
        case 'update-ref': return updateRef(w);
        case 'reflog': return reflog(w);
        case 'gc': case 'prune': return gc(w, s.sub);
        case 'remote': return remote(w);
        case 'rm': return rm(w);
        case 'worktree': return worktree(w);
        case 'commit': return commit(w);
        case 'replace': return { ruleId: 'git.history-rewrite', risk: 'medium', effect: 'write', summary: 'replaces objects in history (git replace)', reversibility: 'recoverable' };
        default: return undefined;
      }
    },
  },
  {
    id: 'git.history-rewrite',
    programs: ['git-filter-repo', 'bfg', 'git-filter-branch'],
    description: 'History rewriting tools (git-filter-repo, BFG).',
    check(v) {
      if (v.has('--help', '-h', '--version')) return undefined;
      return rewrite(v, v.program === 'bfg' ? 'bfg' : 'filter-repo');
    },
  },
];
