// Rule family: github — the gh CLI: deleting or archiving repositories, releases and secrets,
// raw REST/GraphQL calls that delete, admin merges that bypass branch protection.
import { remoteImpact } from '../invocation.js';
import type { Finding, Tag } from '../model.js';
import type { CommandView, Rule } from './rule.js';

const WITH_VALUE = ['-R', '--repo', '-X', '--method', '-f', '-F', '--field', '--raw-field', '-H', '--header', '--input', '-q', '--jq', '-t', '--template', '--hostname', '-e', '--env', '--org', '-o', '--owner', '-b', '--body', '--app', '-v', '--visibility', '-n', '--notes', '--title', '--cache', '--preview', '--limit', '-L', '--json', '--branch', '--repos', '--name', '-l', '--label'];

const repoOf = (v: CommandView, pos: readonly string[], i: number): string => pos[i] ?? v.value('-R', '--repo') ?? 'the current repository';
const yes = (v: CommandView): Tag[] => (v.has('-y', '--yes', '--confirm', '--force') ? ['confirmation-bypass'] : []);
const DESTRUCTIVE_MUTATION = /\b(delete|remove|destroy|purge|drop|wipe|reset|archive|transfer|revoke|unpublish|disable|clear|erase)\w*\s*\(/i;
const MUTATION = /\bmutation\b/i;

function api(v: CommandView): Finding | undefined {
  const pos = v.positionals(WITH_VALUE);
  const endpoint = pos[1] ?? '';
  const fields = [...v.values('-f', '-F', '--field', '--raw-field')];
  let method = (v.value('-X', '--method') ?? (fields.length || v.has('--input') ? 'POST' : 'GET')).toUpperCase();
  if (endpoint === 'graphql') {
    const query = fields.find((f) => /^query=/.test(f))?.slice(6) ?? fields.join(' ');
    if (!MUTATION.test(query) && !v.has('--input')) return undefined;
    const m = DESTRUCTIVE_MUTATION.exec(query);
    if (m || v.has('--input')) {
      const name = m ? m[0].replace(/\s*\($/, '') : 'unknown (from --input)';
      return {
        ruleId: 'github.api.graphql-delete', risk: 'high', effect: 'delete',
        summary: `sends a GitHub GraphQL mutation ${name}${m ? ' that deletes or removes data' : ' whose content cannot be seen'}`,
        targets: [{ kind: 'url', name: 'api.github.com/graphql' }], reversibility: 'irreversible',
        tags: ['remote-api', 'irreversible', 'data-loss'], remote: remoteImpact(v, [v.value('-R', '--repo'), 'github.com']),
      };
    }
    return { ruleId: 'github.api.graphql-mutation', risk: 'medium', effect: 'write', summary: 'sends a GitHub GraphQL mutation', targets: [{ kind: 'url', name: 'api.github.com/graphql' }], reversibility: 'recoverable', tags: ['remote-api'] };
  }
  if (method === 'DELETE') {
    const protection = /\/protection\b|\/rulesets?\b/.test(endpoint);
    // Deleting a shared branch (`git/refs/heads/main`) or a whole repository is critical.
    const sharedRef = /git\/refs\/heads\/(main|master|develop|development|trunk|release[\w./-]*|production|prod|staging)$/.test(endpoint);
    const repo = /^\/?repos\/[^/]+\/[^/]+\/?$/.test(endpoint);
    return {
      ruleId: 'github.api.delete', risk: sharedRef || repo ? 'critical' : 'high', effect: 'delete',
      summary: `sends DELETE ${endpoint} to the GitHub API${protection ? ' (removes branch protection)' : ''}`,
      targets: [{ kind: 'url', name: endpoint }], reversibility: 'irreversible',
      tags: ['remote-api', 'irreversible', 'data-loss', ...(protection || sharedRef ? (['shared-branch'] as Tag[]) : [])],
      remote: remoteImpact(v, [endpoint]), alternatives: ['gh api GET the resource first to confirm what it is'],
    };
  }
  if (method === 'GET' || method === 'HEAD') return undefined;
  method = method === 'POST' && /\/(merges|dispatches|forks)$/.test(endpoint) ? 'POST' : method;
  const sensitive = /\/(protection|collaborators|hooks|keys|actions\/secrets|environments\/[^/]+\/secrets|visibility)\b/.test(endpoint) || fields.some((f) => /^(private=false|visibility=public|archived=true)/.test(f));
  return { ruleId: 'github.api.write', risk: sensitive ? 'high' : 'medium', effect: 'write', summary: `sends ${method} ${endpoint} to the GitHub API`, targets: [{ kind: 'url', name: endpoint }], reversibility: 'recoverable', tags: ['remote-api', ...(sensitive ? (['shared-state'] as Tag[]) : [])] };
}

function check(v: CommandView): Finding | undefined {
  const pos = v.positionals(WITH_VALUE);
  const [group, action] = pos;
  if (group === 'api') return api(v);
  if (!group || !action) {
    if (group === 'auth' || group === 'extension') return undefined;
    return undefined;
  }
  const key = `${group} ${action}`;
  switch (key) {
    case 'repo delete': {
      const repo = repoOf(v, pos, 2);
      // RISK-LEVELS.md: deleting a repository is critical.
      return { ruleId: 'github.repo-delete', risk: 'critical', effect: 'delete', summary: `deletes GitHub repository ${repo} with its issues, pull requests, releases and wiki`, targets: [{ kind: 'repository', name: repo }], reversibility: 'irreversible', tags: ['remote-api', 'irreversible', 'data-loss', ...yes(v)], remote: remoteImpact(v, [repo]), alternatives: [`gh repo archive ${repo} (read-only, reversible)`] };
    }
    case 'repo create': {
      // A new public repository: whatever is pushed to it next is visible to everyone.
      if (!v.has('--public') && v.value('--visibility') !== 'public') return undefined;
      const repo = repoOf(v, pos, 2);
      return { ruleId: 'github.repo-create-public', risk: 'high', effect: 'publish', summary: `creates the public repository ${repo}: anything pushed to it is visible to everyone`, targets: [{ kind: 'repository', name: repo }], reversibility: 'irreversible', tags: ['remote-api', 'shared-state'] };
    }
    case 'repo archive': {
      const repo = repoOf(v, pos, 2);
      return { ruleId: 'github.repo-archive', risk: 'high', effect: 'write', summary: `archives GitHub repository ${repo} (read-only for everyone)`, targets: [{ kind: 'repository', name: repo }], reversibility: 'reversible', tags: ['remote-api', 'shared-state', ...yes(v)] };
    }
    case 'repo edit': {
      const vis = v.value('--visibility');
      if (vis === 'public') return { ruleId: 'github.repo-visibility', risk: 'critical', effect: 'publish', summary: `makes repository ${repoOf(v, pos, 2)} public`, targets: [{ kind: 'repository', name: repoOf(v, pos, 2) }], reversibility: 'irreversible', tags: ['remote-api', 'secret-exposure', 'irreversible', ...(v.has('--accept-visibility-change-consequences') ? (['confirmation-bypass'] as Tag[]) : [])] };
      if (v.has('--default-branch', '--enable-auto-merge', '--delete-branch-on-merge', '--allow-forking') || vis) return { ruleId: 'github.repo-edit', risk: 'medium', effect: 'write', summary: `changes settings of ${repoOf(v, pos, 2)}`, reversibility: 'reversible', tags: ['remote-api', 'shared-state'] };
      return undefined;
    }
    case 'repo rename': case 'repo transfer':
      return { ruleId: 'github.repo-edit', risk: 'high', effect: 'write', summary: `${action}s repository ${repoOf(v, pos, 3)}`, reversibility: 'recoverable', tags: ['remote-api', 'shared-state', ...yes(v)] };
    case 'repo sync':
      if (v.has('--force')) return { ruleId: 'github.repo-sync-force', risk: 'high', effect: 'write', summary: 'force-syncs a repository branch, overwriting its history', reversibility: 'irreversible', tags: ['remote-api', 'force-push', 'data-loss'] };
      return undefined;
    case 'release delete': case 'release delete-asset': {
      const tag = pos[2] ?? '?';
      const cleanup = v.has('--cleanup-tag');
      return { ruleId: 'github.release-delete', risk: cleanup ? 'critical' : 'high', effect: 'delete', summary: `deletes ${action === 'delete-asset' ? `asset ${pos[3] ?? '?'} of ` : ''}release ${tag}${cleanup ? ' and its git tag' : ''} on ${v.value('-R', '--repo') ?? 'the current repository'}`, targets: [{ kind: 'resource', name: `release ${tag}` }], reversibility: 'irreversible', tags: ['remote-api', 'irreversible', 'package-registry', ...yes(v)] };
    }
    case 'secret delete': case 'secret remove': {
      const name = pos[2] ?? '?';
      return { ruleId: 'github.secret-delete', risk: 'high', effect: 'delete', summary: `deletes ${v.has('--org', '-o') ? 'organisation' : v.has('-e', '--env') ? `environment ${v.value('-e', '--env')}` : 'repository'} secret ${name} (CI and deploys that use it break)`, targets: [{ kind: 'resource', name }], reversibility: 'irreversible', tags: ['remote-api', 'credential', 'irreversible', 'outage'] };
    }
    case 'secret set': {
      const name = pos[2] ?? '?';
      const inline = v.has('-b', '--body');
      return { ruleId: 'github.secret-set', risk: inline || v.has('--org', '-o') ? 'high' : 'medium', effect: 'write', summary: `sets ${v.has('--org', '-o') ? 'organisation' : 'repository'} secret ${name}${inline ? ' from a value on the command line' : ''} (overwrites any existing value)`, targets: [{ kind: 'resource', name }], reversibility: 'irreversible', tags: ['remote-api', 'credential', 'shared-state'] };
    }
    case 'variable delete':
      return { ruleId: 'github.secret-delete', risk: 'medium', effect: 'delete', summary: `deletes Actions variable ${pos[2] ?? '?'}`, reversibility: 'irreversible', tags: ['remote-api', 'shared-state'] };
    case 'pr merge':
      if (v.has('--admin')) return { ruleId: 'github.pr-merge-admin', risk: 'high', effect: 'write', summary: `merges pull request ${pos[2] ?? ''} with admin rights, bypassing branch protection and required reviews/checks`, targets: [{ kind: 'resource', name: `PR ${pos[2] ?? '(current)'}` }], reversibility: 'recoverable', tags: ['remote-api', 'shared-branch', 'confirmation-bypass'], alternatives: ['gh pr merge --auto (merges when checks pass)'] };
      // The base branch is shared: merging into it is a push to a shared branch (RISK-LEVELS.md: high).
      return { ruleId: 'github.pr-merge', risk: 'high', effect: 'write', summary: `merges pull request ${pos[2] ?? '(current branch)'} into its shared base branch`, reversibility: 'recoverable', tags: ['remote-api', 'shared-branch'] };
    case 'workflow disable':
      return { ruleId: 'github.workflow-disable', risk: 'medium', effect: 'write', summary: `disables workflow ${pos[2] ?? '?'} (its checks stop running)`, reversibility: 'reversible', tags: ['remote-api', 'shared-state'] };
    case 'run cancel': case 'run delete':
      return { ruleId: 'github.run-cancel', risk: 'medium', effect: action === 'delete' ? 'delete' : 'write', summary: `${action}s workflow run ${pos[2] ?? ''}`, reversibility: action === 'delete' ? 'irreversible' : 'recoverable', tags: ['remote-api'] };
    case 'issue delete': case 'project delete': case 'codespace delete': case 'gist delete': case 'label delete': case 'ssh-key delete': case 'gpg-key delete': case 'cache delete': case 'ruleset delete': case 'environment delete': {
      const big = group === 'project' || group === 'issue' || (group === 'codespace' && v.has('--all')) || group === 'ruleset' || (group === 'cache' && v.has('--all'));
      return { ruleId: `github.${group}-delete`, risk: big ? 'high' : 'medium', effect: 'delete', summary: `deletes ${group} ${pos[2] ?? (v.has('--all') ? '(all)' : '')}`.trim(), targets: pos[2] ? [{ kind: 'resource', name: pos[2] }] : [], reversibility: 'irreversible', tags: ['remote-api', 'irreversible', ...yes(v)] };
    }
    case 'auth token':
      return { ruleId: 'github.auth-token', risk: 'high', effect: 'read', summary: 'prints the GitHub access token', reversibility: 'reversible', tags: ['credential', 'secret-exposure'] };
    case 'extension install':
      return { ruleId: 'github.extension-install', risk: 'medium', effect: 'execute', summary: `installs gh extension ${pos[2] ?? ''} (third-party code)`, reversibility: 'reversible', tags: ['untrusted-source'] };
    default:
      return undefined;
  }
}

export const rules: readonly Rule[] = [
  {
    id: 'github.gh',
    programs: ['gh'],
    complete: (v) => ['api', 'auth', 'extension'].includes(v.sub() ?? ''),
    description: 'GitHub CLI: repo delete/archive, release and secret deletion, DELETE and destructive GraphQL calls via gh api, admin merges.',
    check,
  },
];
