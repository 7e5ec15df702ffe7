// Rule family: switching off what makes destruction recoverable or contained, whatever the tool. Backups and
// point-in-time recovery turned off or expired, deletion protection removed, data made public, long-lived
// credentials minted. RISK-LEVELS.md makes each critical wherever it happens; the flags say it on any CLI.
import { backupSwitchedOff, splitWords, verbClass, BACKUP_NOUN } from '../generic/vocabulary.js';
import type { Finding } from '../model.js';
import type { CommandView, Rule } from './rule.js';
import { FAMILIAR_NPX_PACKAGE } from '../programs.js';
import { subcommandPath } from '../generic/analyse.js';

const EXPIRY = /expiration|expire|noncurrentversionexpiration|"days"\s*:\s*[0-9]|retention|ttl/i;
const PUBLIC = /^(public-read|public-read-write|authenticated-read|allusers|allauthenticatedusers|--public|public)$/i;
// (`npm publish --access public` is how public packages are published: that is the registry rules' call.)
const PUBLIC_OPTION = /^--(acl|visibility|grant-read|member|canned-acl|default-acl)(=|$)/;
const DISABLING = new Set(['disable', 'delete', 'remove', 'suspend', 'stop', 'pause', 'purge', 'prune', 'forget', 'expire', 'rm', 'del', 'destroy', 'drop', 'deregister', 'cancel']);
const GRANT_VERB = /^(grant|set_user_tags|set-user-tags|set_permissions|set-permissions|add-iam-policy-binding|add-role|assign|role-assignment|promote|add_user|add-user|useradd|usermod|adduser|create-role-assignment|attach-user-policy|attach-role-policy|put-user-policy)$/;
const ADMIN_ROLE = /^(administrator|admin|root|owner|superuser|super_user|cluster-admin|roles\/(owner|editor|iam\.securityAdmin)|\.\*|sysadmin|dbo|db_owner|arn:aws:iam::aws:policy\/AdministratorAccess|Owner|Contributor|User Access Administrator)$/i;
const MINT_VERB = /^(create|mint|generate|issue|new|add)$/;
const CREDENTIAL_NOUN = /^(token|tokens|api-key|apikey|api|key|keys|access-key|credential|credentials|secret-id|service-account-key|pat|password)$/;
const KEY_MINT = /^(create-access-key|create-service-account-key|create-login-profile)$|^keys$/;

/** Identifier-like operands and option values: names, not free text (a commit message mentioning backups is not one). */
const names = (v: CommandView): string[] => v.args.filter((a) => !/\s/.test(a) && a.length < 200);

function check(v: CommandView): Finding[] | undefined {
  if (!v.args.length) return undefined;
  const out: Finding[] = [];
  const args = v.args;
  const flag = backupSwitchedOff(args);
  if (flag) {
    out.push({
      ruleId: 'safeguards.backups-off', risk: 'critical', effect: 'write',
      summary: `turns off or deletes the backups or protection of what ${v.program} changes (${flag})`,
      reversibility: 'irreversible', tags: ['backup', 'data-loss', 'irreversible'],
      alternatives: ['keep backups and deletion protection on; take a final snapshot first'],
    });
  }
  // Verbs from the subcommand path, backup names from the operands (not from flags: `--final-db-snapshot-identifier`).
  const operands = names(v).filter((a) => !a.startsWith('-'));
  const words = operands.flatMap((a) => splitWords(a));
  // Database dumps kept in a bucket are backups for expiry rules; `pg_dump`-style verbs are not deletions of them.
  const backupish = words.some((w) => BACKUP_NOUN.test(w));
  const backupNamed = words.some((w) => BACKUP_NOUN.test(w) && w !== 'versions' && w !== 'dumps' && w !== 'dump');
  // `aws rds describe-db-instances --query '…BackupRetentionPeriod…'` reads the setting.
  const reads = subcommandPath(v).slice(0, 2).some((w) => verbClass(splitWords(w)[0] ?? '') === 'read');
  if (backupish && !flag && !reads) {
    const verb = subcommandPath(v).flatMap((w) => splitWords(w)).find((w) => DISABLING.has(w));
    if (backupNamed && verb && !/^(rm|find|shred|unlink|rmdir|git)$/.test(v.program)) {
      out.push({ ruleId: 'safeguards.backup-disable', risk: 'critical', effect: 'delete', summary: `${verb}s backups or their schedule with ${v.program}`, reversibility: 'irreversible', tags: ['backup', 'data-loss', 'irreversible'] });
    } else if (args.some((a) => EXPIRY.test(a)) && words.some((w) => /^(lifecycle|retention|expiration|policy|put|set|update)$/.test(w))) {
      out.push({ ruleId: 'safeguards.backup-expiry', risk: 'critical', effect: 'write', summary: `sets an expiry or retention rule on backups with ${v.program}: the backups it covers will be deleted`, reversibility: 'irreversible', tags: ['backup', 'data-loss', 'irreversible'] });
    }
  }
  const pub = args.find((a, i) => (PUBLIC_OPTION.test(a) && PUBLIC.test(a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[i + 1] ?? '')));
  if (pub) {
    out.push({ ruleId: 'safeguards.make-public', risk: 'critical', effect: 'publish', summary: `makes data public with ${v.program} (${pub} ${pub.includes('=') ? '' : args[args.indexOf(pub) + 1]})`.trim(), reversibility: 'irreversible', tags: ['exfiltration', 'cloud-resource', 'irreversible'] });
  }
  // `vault token create`, `ibmcloud iam api-key-create`, `npm token create`: the path names a credential and a minting verb.
  const pathWords = subcommandPath(v).slice(0, 4).flatMap((w) => [w.toLowerCase(), ...splitWords(w)]);
  const mints = pathWords.some((w) => MINT_VERB.test(w)) && pathWords.some((w) => CREDENTIAL_NOUN.test(w)) && !reads;
  if (mints || (args.some((a) => KEY_MINT.test(a)) && (args.includes('create') || args.some((a) => /^create-/.test(a))))) {
    out.push({ ruleId: 'safeguards.credential-mint', risk: 'critical', effect: 'privilege', summary: `creates a long-lived access key with ${v.program}: it works until someone revokes it`, reversibility: 'recoverable', tags: ['credential', 'persistence', 'privilege'] });
  }
  // `rabbitmqctl set_user_tags agent administrator`, `gcloud … add-iam-policy-binding --role=roles/owner`: full rights handed out.
  const grant = pathWords.some((w) => GRANT_VERB.test(w)) ? args.map((a) => a.replace(/^--?[\w-]+=/, '')).find((a) => ADMIN_ROLE.test(a)) : undefined;
  if (grant) out.push({ ruleId: 'safeguards.admin-grant', risk: 'critical', effect: 'privilege', summary: `grants ${grant} rights with ${v.program} (privilege escalation)`, reversibility: 'recoverable', tags: ['privilege', 'persistence'] });
  const push = mirrorPush(v);
  if (push) out.push(push);
  const install = urlInstall(v);
  if (install) out.push(install);
  const fetched = autoRun(v);
  if (fetched) out.push(fetched);
  return out.length ? out : undefined;
}

/** `git push --all|--mirror OTHER`: every branch (and with --mirror every ref) copied to a remote that is not the project's. */
function mirrorPush(v: CommandView): Finding | undefined {
  if (v.program !== 'git') return undefined;
  const pos = v.positionals(['-C', '-c', '-o', '--push-option', '--repo']);
  if (pos[0] !== 'push' || !v.has('--all', '--mirror')) return undefined;
  const remote = pos[1];
  if (!remote || /^(origin|upstream)$/.test(remote)) return undefined;
  return {
    ruleId: 'safeguards.mirror-push', risk: 'critical', effect: 'network',
    summary: `copies ${v.has('--mirror') ? 'every ref' : 'every branch'} of the repository to ${remote}, which is not the project's own remote: the code and its history leave for a place nobody chose`,
    targets: [{ kind: 'remote', name: remote }], reversibility: 'irreversible', tags: ['exfiltration', 'untrusted-source'],
  };
}

const INSTALLERS = /^(pip|pip3|pipx|uv|poetry|npm|pnpm|yarn|bun|gem|go|cargo|composer)$/;
const KNOWN_CODE_HOSTS = /^(github\.com|gitlab\.com|bitbucket\.org|codeload\.github\.com|raw\.githubusercontent\.com|pypi\.org|files\.pythonhosted\.org|registry\.npmjs\.org|registry\.yarnpkg\.com|crates\.io|rubygems\.org|proxy\.golang\.org|dl\.google\.com)$/i;

/** Installing a package straight from a URL runs its install scripts: from an unknown host that is remote code. */
function urlInstall(v: CommandView): Finding | undefined {
  if (!INSTALLERS.test(v.program) || !v.args.some((a) => /^(install|add|i|get)$/.test(a))) return undefined;
  for (const a of v.args) {
    const m = /^(?:git\+)?(?:https?|git|ssh):\/\/(?:[^@/]+@)?([^/:?#]+)/i.exec(a);
    if (!m || KNOWN_CODE_HOSTS.test(m[1]!)) continue;
    return {
      ruleId: 'safeguards.url-install', risk: 'critical', effect: 'execute',
      summary: `installs code straight from ${m[1]} (${a.slice(0, 80)}), an unknown host: its install scripts run as you`,
      targets: [{ kind: 'host', name: m[1]! }], reversibility: 'irreversible', tags: ['remote-code-execution', 'untrusted-source'],
    };
  }
  return undefined;
}


/** `npx -y some-package`: a package from the registry run with the install prompt skipped. */
function autoRun(v: CommandView): Finding | undefined {
  if (!/^(npx|pnpx|bunx)$/.test(v.program) || !v.args.some((a) => a === '-y' || a === '--yes')) return undefined;
  const pkg = v.args.find((a) => !a.startsWith('-'));
  if (!pkg) return undefined;
  const name = pkg.replace(/(.)@[^/@]*$/, '$1');
  if (FAMILIAR_NPX_PACKAGE.test(name)) return undefined;
  return {
    ruleId: 'safeguards.auto-run', risk: 'high', effect: 'execute',
    summary: `downloads ${pkg} from the registry and runs it with the install prompt skipped (-y): code nobody here has reviewed`,
    targets: [{ kind: 'package', name }], reversibility: 'irreversible', tags: ['untrusted-source', 'confirmation-bypass'],
    alternatives: [`npm view ${name}  — see who publishes it first`, `add ${name} to devDependencies and run it from there`],
  };
}

export const rules: readonly Rule[] = [
  { id: 'safeguards', programs: 'any', description: 'Any CLI: backups, retention, point-in-time recovery or deletion protection turned off; backup expiry rules; data made public; long-lived access keys minted', check },
];
