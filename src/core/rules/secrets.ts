// Rule family: secrets. Reading credential files (.env, cloud and registry credentials, private keys,
// token files), printing tokens, searching the tree for secrets, dumping the environment, and — worst —
// sending any of that off the machine (curl -d @.env, `cat .env | curl …`, nc, scp, gist uploads).
import { classifyPath } from '../fs-classify.js';
import type { Credential, Risk, Tag } from '../model.js';
import { isSecretDir, isSecretPath, isSecretPattern, isSecretVariableName } from '../secret-files.js';
import type { SimpleCommand, Word } from '../shell/command.js';
import { positionalWords } from '../write-targets.js';
import { CommandView, type Rule } from './rule.js';
import { committedSecretsOf, noteCommittedSecret, noteSecretRead, secretReadsOf } from '../flow.js';
import { namesOnly } from '../generic/payload.js';
import { SECRET_STORES } from '../programs.js';
import { secretValuesShown } from './kubernetes.js';

const EXPOSURE: readonly Tag[] = ['secret-exposure', 'credential'];
const EXFIL: readonly Tag[] = ['exfiltration', 'secret-exposure', 'credential', 'irreversible'];

/** Programs that print (or copy) the contents of the files they are given. */
const READERS = new Set(['cat', 'tac', 'less', 'more', 'most', 'head', 'tail', 'bat', 'batcat', 'nl', 'strings', 'base64', 'base32', 'basenc', 'xxd', 'hexdump', 'hd', 'od', 'sed', 'awk', 'gawk', 'cut', 'sort', 'uniq', 'jq', 'yq', 'diff', 'colordiff', 'paste', 'column', 'fold', 'fmt', 'pr', 'rev', 'tr', 'iconv', 'dos2unix', 'openssl', 'gpg', 'view', 'vi', 'vim', 'nvim', 'nano', 'emacs', 'code', 'cursor', 'open', 'xdg-open', 'pbcopy', 'xclip', 'xsel', 'wl-copy', 'cp', 'rsync', 'tar', 'zip', 'gzip', 'bzip2', 'xz', 'zstd', '7z', 'ln', 'install', 'dd', 'source', '.', 'python', 'python3', 'node', 'grep', 'egrep', 'fgrep', 'rg', 'ag', 'ack', 'zgrep', 'sops', 'ssh-keygen', 'type']);
/** Editors and openers: the human sees the file, not the agent. */
const EDITORS = new Set(['vi', 'vim', 'nvim', 'nano', 'emacs', 'code', 'cursor', 'open', 'xdg-open', 'view']);
const GREP_VALUE = new Set(['-e', '--regexp', '-f', '--file', '-m', '--max-count', '-A', '-B', '-C', '--context', '--after-context', '--before-context', '--include', '--exclude', '--exclude-dir', '-g', '--glob', '-t', '--type', '-T', '--type-not', '--color', '--colour', '-d', '-D', '--label', '--max-depth', '--iglob', '-M', '--max-columns', '--sort', '--sortr', '-j', '--threads']);
const READER_VALUE: Record<string, ReadonlySet<string>> = {
  head: new Set(['-n', '-c', '--lines', '--bytes']), tail: new Set(['-n', '-c', '--lines', '--bytes', '-s', '--sleep-interval', '--pid']),
  cut: new Set(['-d', '-f', '-c', '-b', '--delimiter', '--fields']), sort: new Set(['-k', '-t', '-o', '--key', '--field-separator', '--output', '-S']),
  jq: new Set(['--arg', '--argjson', '--slurpfile', '--rawfile', '--indent', '-L']), awk: new Set(['-F', '-v', '-f']), gawk: new Set(['-F', '-v', '-f']),
  sed: new Set(['-e', '--expression', '-f', '--file']), openssl: new Set(['-out', '-passin', '-passout', '-inform', '-outform', '-keyform', '-certform']),
  gpg: new Set(['-o', '--output', '-r', '--recipient', '-u', '--local-user']), tar: new Set(['-f', '--file', '-C', '--directory', '-T', '--files-from', '-X', '--exclude-from']),
  xxd: new Set(['-l', '-s', '-c', '-g']), od: new Set(['-A', '-t', '-N', '-j', '-w']), hexdump: new Set(['-n', '-s', '-e', '-f']),
  dd: new Set(), zip: new Set(['-P', '--password']), 'ssh-keygen': new Set(['-t', '-b', '-C', '-N', '-P', '-Z', '-a']),
};

/** The secret files among a command's arguments (for readers: every positional; sed/awk skip the script). */
function secretArgs(v: CommandView): string[] {
  const p = v.program;
  let words: Word[];
  if (p === 'dd') words = v.words.filter((w) => w.text.startsWith('if=')).map((w) => ({ text: w.text.slice(3), literal: w.literal }));
  else if (p === 'openssl') words = v.words.filter((_, i) => /^-(in|key|inkey|passin)$/.test(v.args[i - 1] ?? '')).concat(positionalWords(v, READER_VALUE.openssl).slice(1));
  else if (p === 'ssh-keygen') words = v.has('-y') || v.has('-e') ? [{ text: v.value('-f') ?? '', literal: true }] : [];
  else if (p === 'jq' || p === 'yq') words = positionalWords(v, READER_VALUE[p]).slice(1);
  else if (p === 'grep' || p === 'egrep' || p === 'fgrep' || p === 'rg' || p === 'ag' || p === 'ack' || p === 'zgrep') {
    const explicit = v.has('-e', '--regexp', '-f', '--file');
    words = positionalWords(v, GREP_VALUE).slice(explicit ? 0 : 1);
  } else if (p === 'sed' || p === 'awk' || p === 'gawk') {
    words = positionalWords(v, READER_VALUE[p]).slice(v.has('-e', '-f', '--expression', '--file') ? 0 : 1);
    if (p === 'sed' && v.args.some((a) => /^-[a-zA-Z]*i/.test(a) || a.startsWith('--in-place'))) return [];
  } else if (p === 'python' || p === 'python3' || p === 'node') {
    // `python -c "print(open('.env').read())"`: scan the code for a secret file name.
    const code = v.value('-c', '-e', '--eval', '-p', '--print');
    if (!code) return [];
    return [...code.matchAll(/['"`]([^'"`\s]+)['"`]/g)].map((m) => m[1]!).filter((x) => isSecretPath(x));
  } else if (p === 'cp' || p === 'rsync' || p === 'install' || p === 'ln') {
    const pos = positionalWords(v, new Set(['-t', '--target-directory', '-S', '--suffix', '-m', '--mode', '-o', '-g', '-e', '--rsh', '--exclude', '--include']));
    words = v.value('-t', '--target-directory') !== undefined ? pos : pos.slice(0, -1);
  } else words = positionalWords(v, READER_VALUE[p] ?? new Set());
  const out: string[] = [];
  for (const w of words) {
    const t = w.text.replace(/^~(?=\/)/, v.ctx.home);
    if (!t) continue;
    const info = classifyPath(v, t, w.literal);
    const abs = info.kind === 'unknown' ? t : info.abs;
    if (isSecretPath(t) || isSecretPath(abs) || ((p === 'tar' || p === 'zip' || p === 'cp' || p === 'rsync' || p === '7z') && (isSecretDir(t) || isSecretDir(abs)))) out.push(w.text);
  }
  return out;
}

/** The secret files a read would expose, or undefined when it reads none. */
export function secretRead(cmd: SimpleCommand, v: CommandView): string[] | undefined {
  if (!READERS.has(cmd.program)) return undefined;
  const found = secretArgs(v);
  if (cmd.stdin?.kind === 'file' && isSecretPath(cmd.stdin.path.text)) found.push(cmd.stdin.path.text);
  return found.length ? found : undefined;
}

const readFile: Rule = {
  id: 'secrets.read-file',
  programs: [...READERS],
  description: 'Reading .env files, cloud/registry credentials, private keys and token files',
  check(v) {
    const files = secretRead(v.cmd, v);
    if (!files) return undefined;
    const p = v.program;
    const creds: Credential[] = files.map((f) => ({ kind: 'file', name: f }));
    if (EDITORS.has(p)) return { ruleId: 'secrets.read-file.editor', risk: 'medium', effect: 'read', summary: `opens ${files.join(', ')} in an editor`, targets: files.map((f) => ({ kind: 'path' as const, name: f })), tags: ['credential'], credentials: creds };
    if (p === 'source' || p === '.') return { ruleId: 'secrets.read-file.source', risk: 'medium', effect: 'read', summary: `loads ${files.join(', ')} into the shell environment`, targets: files.map((f) => ({ kind: 'path' as const, name: f })), tags: ['credential'], credentials: creds };
    // `cut -d= -f1 .env`, `cat .env | sed 's/=.*//'`: the names are shown, the values are cut off.
    if (namesOnly(v.cmd) || namesOnly(v.cmd.ctx.pipeline?.next)) return { ruleId: 'secrets.read-file.names', risk: 'low', effect: 'read', summary: `lists the variable names in ${files.join(', ')} without their values`, targets: files.map((f) => ({ kind: 'path' as const, name: f })), tags: ['credential'], credentials: creds };
    const quiet = (p === 'grep' || p === 'egrep' || p === 'fgrep' || p === 'rg') && v.args.some((a) => /^-[a-zA-Z]*[qcl]/.test(a) || a === '--quiet' || a === '--count' || a === '--files-with-matches');
    if (quiet) return { ruleId: 'secrets.read-file.probe', risk: 'medium', effect: 'read', summary: `checks ${files.join(', ')} for a match without printing it`, targets: files.map((f) => ({ kind: 'path' as const, name: f })), tags: ['credential'], credentials: creds };
    // Read into a substitution (`export $(cat .env | xargs)`): the value is used, not shown.
    const substituted = v.cmd.ctx.substitution && !v.cmd.ctx.via.some((x) => x.startsWith('find') || x === 'xargs');
    if (substituted) noteSecretRead(v.ctx, files.join(', '));
    const copying = p === 'cp' || p === 'rsync' || p === 'tar' || p === 'zip' || p === 'ln' || p === 'install' || p === 'dd' || p === '7z';
    const verb = copying ? 'copies' : /^(pbcopy|xclip|xsel|wl-copy)$/.test(p) ? 'puts on the clipboard' : p === 'base64' || p === 'xxd' ? 'encodes and prints' : 'prints';
    return {
      ruleId: 'secrets.read-file', risk: substituted ? 'medium' : 'high', effect: 'read',
      summary: `${substituted ? 'reads' : verb} the secrets in ${files.join(', ')}${substituted ? ' into another command' : copying ? '' : ' into the agent\'s context'}`,
      targets: files.map((f) => ({ kind: 'path' as const, name: f })),
      reversibility: 'irreversible',
      tags: substituted ? ['credential'] : [...EXPOSURE],
      credentials: creds,
      alternatives: ['cat .env.example  — the variable names without their values', 'grep -c NAME .env  — check that a variable is set without printing it'],
    };
  },
};

// ── environment dumps and secret variables ───────────────────────────────────────────────────────────

const ENV_VALUE = new Set(['-u', '--unset', '-C', '--chdir', '-S', '--split-string']);

function isEnvDump(cmd: SimpleCommand): boolean {
  const p = cmd.program;
  const a = cmd.args.map((w) => w.text);
  switch (p) {
    case 'env': case 'printenv': {
      let i = 0;
      for (; i < a.length; i++) {
        const x = a[i]!;
        if (ENV_VALUE.has(x)) { i++; continue; }
        if (x.startsWith('-') || /^[A-Za-z_][A-Za-z0-9_]*=/.test(x)) continue;
        break;
      }
      if (p === 'printenv') return i >= a.length || a.slice(i).some((n) => isSecretVariableName(n));
      return i >= a.length;
    }
    case 'set': return a.length === 0 || (a.length === 1 && a[0] === '-o' ? false : a.every((x) => x === '--posix'));
    case 'export': case 'declare': case 'typeset': return a.length === 0 || a.every((x) => /^-[pxg]+$/.test(x)) && !a.some((x) => /f/.test(x));
    case 'compgen': return false;
    default: return false;
  }
}

const envDump: Rule = {
  id: 'secrets.env-dump',
  programs: ['env', 'printenv', 'set', 'export', 'declare', 'typeset'],
  complete: true,
  description: 'Dumping the environment (env, printenv, set, export -p): every token in it is printed',
  check(v) {
    if (!isEnvDump(v.cmd)) return undefined;
    if (v.cmd.ctx.substitution) noteSecretRead(v.ctx, 'the environment');
    const names = v.program === 'printenv' ? v.positionals() : [];
    if (!names.length && namesOnly(v.cmd.ctx.pipeline?.next)) {
      return { ruleId: 'secrets.env-dump.names', risk: 'low', effect: 'read', summary: `lists the names of the environment variables, not their values`, reversibility: 'reversible', tags: [] };
    }
    const filter = filteredTo(v.cmd.ctx.pipeline?.next);
    if (!names.length && filter !== undefined && !isSecretVariableName(filter) && !/(TOKEN|SECRET|PASS|KEY|AUTH|CRED)/i.test(filter)) {
      // `env | grep -i node`: only the variables matching a harmless pattern reach the screen.
      return {
        ruleId: 'secrets.env-dump.filtered', risk: 'medium', effect: 'read',
        summary: `prints the environment variables matching ${JSON.stringify(filter)}`,
        reversibility: 'reversible', tags: [],
      };
    }
    return {
      ruleId: 'secrets.env-dump', risk: v.cmd.ctx.substitution ? 'medium' : 'high', effect: 'read',
      summary: names.length ? `prints the secret variable${names.length > 1 ? 's' : ''} ${names.join(', ')}` : `prints every environment variable (${v.program}), tokens and passwords included`,
      targets: names.map((n) => ({ kind: 'resource' as const, name: n })),
      reversibility: 'irreversible', tags: [...EXPOSURE],
      credentials: names.map((n) => ({ kind: 'env' as const, name: n })),
      alternatives: ['printenv PATH  — print only the variable you need', 'env | cut -d= -f1  — names without values'],
    };
  },
};

const VAR_REF = /\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g;

const FILTERS = new Set(['grep', 'egrep', 'fgrep', 'rg']);
/** The pattern a `grep`/`rg` consumer keeps, when the output of a dump flows straight into one. */
function filteredTo(next: SimpleCommand | undefined): string | undefined {
  if (!next || !FILTERS.has(next.program) || next.ctx.pipeline?.next) return undefined;
  if (next.args.some((a) => /^-[a-zA-Z]*v/.test(a.text) || a.text === '--invert-match' || !a.literal)) return undefined;
  const pattern = next.args.find((a, i) => !a.text.startsWith('-') && !/^-[efm]$/.test(next.args[i - 1]?.text ?? ''));
  return pattern?.text;
}

const printVar: Rule = {
  id: 'secrets.print-var',
  programs: ['echo', 'printf', 'print'],
  complete: true,
  description: 'echo/printf of a secret environment variable ($API_KEY, $AWS_SECRET_ACCESS_KEY…)',
  check(v) {
    if (v.cmd.ctx.substitution || v.cmd.redirects.some((r) => r.op.includes('>') && !/^\d+$|^-$/.test(r.target.text) && !/^\/dev\/(stdout|stderr|tty)$/.test(r.target.text))) return undefined;
    if (v.cmd.ctx.pipeline && v.cmd.ctx.pipeline.index < v.cmd.ctx.pipeline.length - 1) return undefined; // judged where it goes
    const names = new Set<string>();
    for (const w of v.words) {
      if (w.literal) continue;
      for (const m of w.text.matchAll(VAR_REF)) {
        // ${#VAR} (length) and ${VAR:+set} only reveal that it is set.
        if (/\$\{#|:\+/.test(w.text)) continue;
        if (isSecretVariableName(m[1]!)) names.add(m[1]!);
      }
      const fileRead = /\$\(\s*(?:cat|<)\s+([^)\s]+)\s*\)/.exec(w.text);
      if (fileRead && isSecretPath(fileRead[1]!)) names.add(fileRead[1]!);
    }
    if (!names.size) return undefined;
    return {
      ruleId: 'secrets.print-var', risk: 'high', effect: 'read',
      summary: `prints the secret ${[...names].join(', ')} into the agent's context`,
      targets: [...names].map((n) => ({ kind: 'resource' as const, name: n })),
      reversibility: 'irreversible', tags: [...EXPOSURE],
      credentials: [...names].map((n) => ({ kind: 'env' as const, name: n })),
      alternatives: [`test -n "$${[...names][0]}" && echo set  — check it is set without printing it`],
    };
  },
};

// ── searching for secrets ────────────────────────────────────────────────────────────────────────────

const SECRET_SEARCH = /[a-z0-9]_(token|secret|password|api_key)\b|pass(word|wd)|secret[_-]?(key|access)|client[_-]?secret|api[_-]?key|apikey|access[_-]?key|private[_ -]?key|begin [a-z ]*private|akia|aws_secret|secret_access|auth[_-]?token|access[_-]?token|refresh[_-]?token|bearer|ghp_|github_pat|gho_|xox[abp]|sk-[a-z]|sk_live|rk_live|credential|\b(tokens?|secrets?)\b|DATABASE_URL|mongodb(\+srv)?:\/\/|postgres(ql)?:\/\/[^ ]*:|glpat|npm_[A-Za-z]|AIza/i;
const SEARCHERS = new Set(['grep', 'egrep', 'fgrep', 'rg', 'ag', 'ack', 'git', 'zgrep', 'trufflehog', 'gitleaks', 'detect-secrets']);

const search: Rule = {
  id: 'secrets.search',
  programs: [...SEARCHERS],
  description: 'Recursive searches for passwords, tokens and keys across the tree or the home directory',
  check(v) {
    const p = v.program;
    // Secret scanners print what they find unless told to redact it.
    if (p === 'trufflehog' || p === 'gitleaks') {
      if (v.args.some((a) => /^--redact(=|$)/.test(a)) || v.has('--help', '-h', 'version', '--version')) return undefined;
      const where = v.positionals().slice(1).join(' ') || 'the tree';
      return { ruleId: 'secrets.scanner', risk: 'high', effect: 'read', summary: `scans ${where} with ${p} and prints the secrets it finds`, reversibility: 'irreversible', tags: [...EXPOSURE], alternatives: [`${p === 'gitleaks' ? 'gitleaks detect --redact' : 'trufflehog … --no-verification --json | jq .DetectorName'}  — report findings without their values`] };
    }
    if (p === 'detect-secrets') return undefined;
    // `git log -p -S AWS_SECRET_ACCESS_KEY --all`: the history's diffs that mention a secret, printed.
    if (p === 'git' && v.args[0] === 'log') {
      const pickaxe = v.values('-S', '-G').join(' ') || v.args.filter((a) => /^-[SG].+/.test(a)).map((a) => a.slice(2)).join(' ');
      if (!pickaxe || !SECRET_SEARCH.test(pickaxe) || !v.has('-p', '--patch', '-u')) return undefined;
      return { ruleId: 'secrets.search', risk: 'high', effect: 'read', summary: `searches the git history for ${pickaxe} and prints the diffs that contain it`, reversibility: 'irreversible', tags: [...EXPOSURE] };
    }
    if (p === 'git' && v.args[0] !== 'grep') return undefined;
    const recursive = p === 'rg' || p === 'ag' || p === 'ack' || p === 'git' || v.has('-r', '-R', '--recursive', '--dereference-recursive');
    if (!recursive) return undefined;
    const explicit = v.values('-e', '--regexp');
    const pos = positionalWords(v, GREP_VALUE).map((w) => w.text).slice(p === 'git' ? 1 : 0);
    const patterns = explicit.length ? explicit : pos.slice(0, 1);
    const pattern = patterns.join(' ');
    if (!SECRET_SEARCH.test(pattern)) return undefined;
    const quiet = v.args.some((a) => /^-[a-zA-Z]*[lLqc]$/.test(a) || a === '--files-with-matches' || a === '--count' || a === '--quiet');
    const paths = explicit.length ? pos : pos.slice(1);
    const wide = paths.some((x) => { const i = classifyPath(v, x); return i.kind === 'critical' && i.abs !== v.cwd || i.kind === 'home' || i.kind === 'home-sensitive' || i.kind === 'system'; });
    return {
      ruleId: 'secrets.search', risk: quiet && !wide ? 'medium' : 'high', effect: 'read',
      summary: `searches ${paths.length ? paths.join(', ') : 'the tree'} for secrets (${pattern.slice(0, 60)})${quiet ? ', listing only file names' : ', printing every match'}`,
      targets: paths.map((x) => ({ kind: 'path' as const, name: x })),
      reversibility: 'irreversible', tags: quiet && !wide ? ['credential'] : [...EXPOSURE],
      alternatives: ['gitleaks detect --redact  — find leaked secrets without printing them'],
    };
  },
};

// ── tools that print tokens or read secret stores ────────────────────────────────────────────────────

const RAILWAY_SET = /^--set(=|$)/;
const STORE_READ = /^(export|get|read|show|cat|print|reveal|view|decrypt|download|dump|secrets (get|export|download|show)|item get|read secret)( |$)/;

function tokenPrint(v: CommandView): string | undefined {
  const a = v.args;
  const s = a.filter((x) => !x.startsWith('-')).join(' ');
  switch (v.program) {
    case 'gh': return /^auth token/.test(s) ? 'prints the GitHub token' : undefined;
    // `printf 'host=github.com\n' | git credential fill`: asks the credential helper for the stored password.
    case 'git': return /^(credential (fill|get)|credential-(store|cache|manager|manager-core|osxkeychain|libsecret|wincred) get)( |$)/.test(s) ? 'asks git\'s credential helper for a stored password or token' : undefined;
    case 'git-credential-store': case 'git-credential-cache': case 'git-credential-manager': case 'git-credential-osxkeychain': case 'git-credential-libsecret':
      return /^get( |$)/.test(s) ? 'asks git\'s credential helper for a stored password or token' : undefined;
    case 'gcloud': return /^auth (application-default )?print-(access|identity|refresh)-token/.test(s) || /^secrets versions access/.test(s) ? 'prints a Google Cloud token or secret' : undefined;
    case 'aws': return /^sts get-session-token|^configure get (aws_secret_access_key|aws_session_token|aws_access_key_id)|^configure export-credentials|^secretsmanager get-secret-value|^ssm get-parameters?( |$).*/.test(s) && (!/^ssm/.test(s) || a.includes('--with-decryption')) ? 'prints AWS credentials or a secret' : undefined;
    // Storage, Cosmos DB, Redis, Service Bus…: `keys list` / `list-keys` / connection strings print the keys themselves.
    case 'az': return /^account get-access-token|^keyvault secret (show|download)|\b(keys list|list-keys|keys show|show-connection-string|list-connection-strings|connection-string show)\b/.test(s) ? 'prints an Azure token, key or secret' : undefined;
    // `heroku config:get LOG_LEVEL` prints one named setting; all of them, or a secret-looking one, are credentials.
    case 'heroku': return /^auth:token/.test(s) || s === 'config' || /^config( |$)/.test(s) && !/^config:/.test(s) || (/^config:get /.test(s) && isSecretVariableName(s.split(' ')[1] ?? '')) ? 'prints Heroku credentials or config vars' : undefined;
    case 'kubectl': case 'oc': {
      // An output that shows values: yaml/json, or a template that reaches `.data` (custom columns of names do not).
      const output = v.value('-o', '--output') ?? a.find((x) => /^-o\w/.test(x))?.slice(2) ?? '';
      return (/^get secrets?( |$)/.test(s) || /^get secret\//.test(s)) && secretValuesShown(output) || /^config view/.test(s) && a.includes('--raw') ? 'prints Kubernetes secrets or credentials' : undefined;
    }
    // `docker inspect … --format '{{range .Config.Env}}…'`: the container's environment, tokens included.
    case 'docker': case 'podman': return /^(inspect|container inspect)( |$)/.test(s) && /\.Config\.Env|\.Env\b/.test(v.value('--format', '-f') ?? '') ? 'prints the container\'s environment variables' : undefined;
    case 'vault': return /^(kv get|read|kv read|token lookup|print token)/.test(s) ? 'reads a secret from Vault' : undefined;
    case 'op': return /^(read|item get|document get|inject)/.test(s) && !a.includes('--fields=label') ? 'reads a secret from 1Password' : undefined;
    case 'pass': case 'gopass': return /^(show|cat)( |$)/.test(s) || (a.length === 1 && !a[0]!.startsWith('-') && !/^(ls|list|find|grep|init|insert|generate|edit|rm|mv|cp|git)$/.test(a[0]!)) ? 'reads a password from the password store' : undefined;
    case 'security': return /^(find-generic-password|find-internet-password)/.test(s) && a.some((x) => x === '-w' || x === '-g') || /^dump-keychain/.test(s) ? 'reads a password from the macOS keychain' : undefined;
    case 'secret-tool': return /^lookup/.test(s) ? 'reads a password from the keyring' : undefined;
    // `railway variables --set K=V` (or a set/delete sub-command; `-s` is --service) changes variables and prints nothing.
    case 'railway': return /^variables?( |$)/.test(s) && !/ (set|delete|remove|rm|unset) /.test(` ${s} `) && !a.some((x) => RAILWAY_SET.test(x)) ? 'prints the Railway service variables' : undefined;
    case 'doppler': return /^secrets( get| download|$)/.test(s) ? 'prints Doppler secrets' : undefined;
    case 'gpg': return a.some((x) => x === '--export-secret-keys' || x === '--export-secret-subkeys') ? 'exports private GPG keys' : undefined;
    default:
      // Secret stores whose reading verbs print values (`infisical export`, `sops -d`, `chamber read`, `bw get password`).
      return SECRET_STORES.has(v.program) && (STORE_READ.test(s) || a.some((x) => /^(-d|--decrypt|--reveal|--plain)$/.test(x))) ? `prints secrets from ${v.program}` : undefined;
  }
}

const tokens: Rule = {
  id: 'secrets.token-print',
  programs: [...SECRET_STORES, 'docker', 'podman', 'gh', 'git', 'git-credential-store', 'git-credential-cache', 'git-credential-manager', 'git-credential-osxkeychain', 'git-credential-libsecret', 'gcloud', 'aws', 'az', 'heroku', 'kubectl', 'oc', 'vault', 'op', 'pass', 'gopass', 'security', 'secret-tool', 'railway', 'doppler', 'gpg'],
  description: 'CLIs that print tokens or read secret stores (gh auth token, gcloud auth print-access-token, vault kv get…)',
  check(v) {
    const what = tokenPrint(v);
    // `… -o jsonpath='{.data}' | jq -r 'keys[]'`: only the names reach the screen.
    if (!what || namesOnly(v.cmd.ctx.pipeline?.next)) return undefined;
    if (v.cmd.ctx.substitution) noteSecretRead(v.ctx, `the output of ${v.program}`);
    return { ruleId: 'secrets.token-print', risk: v.cmd.ctx.substitution ? 'medium' : 'high', effect: 'read', summary: `${what}${v.cmd.ctx.substitution ? ' into another command' : ' into the agent\'s context'}`, reversibility: 'irreversible', tags: v.cmd.ctx.substitution ? ['credential'] : [...EXPOSURE] };
  },
};

// ── exfiltration: secrets sent off the machine ───────────────────────────────────────────────────────

/** Where a command's standard input comes from, when that is a secret (file, reader, env dump, token print). */
function secretSource(cmd: SimpleCommand, v: CommandView, depth = 0): string | undefined {
  const s = cmd.stdin;
  if (!s || depth > 6) return undefined;
  if (s.kind === 'file') return isSecretPath(s.path.text) ? s.path.text : undefined;
  if (s.kind === 'document') {
    const m = /\$\(\s*(?:cat|<)\s+([^)\s]+)\s*\)/.exec(s.text);
    return m && isSecretPath(m[1]!) ? m[1] : undefined;
  }
  const from = s.from;
  const fromView = new CommandView(from, v.ctx);
  const read = secretRead(from, fromView);
  if (read) return read.join(', ');
  if (isEnvDump(from)) return 'the environment';
  if (tokenPrint(fromView)) return `the output of ${from.program}`;
  if (from.program === 'echo' || from.program === 'printf') {
    for (const w of from.args) if (!w.literal) for (const m of w.text.matchAll(VAR_REF)) if (isSecretVariableName(m[1]!)) return `$${m[1]}`;
  }
  // Pass-through filters keep the secret flowing: `cat .env | base64 | curl …`.
  if (/^(base64|base32|gzip|xz|bzip2|zstd|openssl|tr|rev|xxd|sed|awk|cut|sort|uniq|head|tail|grep|tee|jq|cat|gpg|xargs|tar|od|hexdump)$/.test(from.program)) return secretSource(from, fromView, depth + 1);
  return undefined;
}

const SENDERS = new Set(['curl', 'wget', 'http', 'https', 'xh', 'xhs', 'httpie', 'nc', 'ncat', 'netcat', 'socat', 'telnet', 'openssl', 'scp', 'sftp', 'rsync', 'ssh', 'aws', 'gsutil', 'gcloud', 'az', 'gh', 'mail', 'mailx', 'sendmail', 'mutt', 'ftp', 'lftp', 'tftp', 'rclone', 'smbclient', 'wormhole', 'croc', 'transfer', 'ffsend', 'magic-wormhole', 'python', 'python3', 'node', 'dig', 'nslookup', 'host']);

function uploadedFiles(v: CommandView): string[] {
  const p = v.program;
  const a = v.args;
  const out: string[] = [];
  const fileRef = (x: string) => {
    // curl: -d @file, --data-binary @file, -F name=@file, -F name=<file, -T file, --json @file; httpie: @file, field=@file
    const at = /^@(.+)$/.exec(x) ?? /^[^=@]*=@([^;]+)/.exec(x) ?? /^[^=<]*=<(.+)$/.exec(x) ?? /^[^=@]*@([^;]+)$/.exec(x);
    if (at && at[1] !== '-') out.push(at[1]!);
  };
  if (p === 'curl') {
    for (const v2 of v.values('-d', '--data', '--data-binary', '--data-urlencode', '--data-ascii', '-F', '--form', '--json', '--form-string')) fileRef(v2);
    for (const f of v.values('-T', '--upload-file')) out.push(f);
  } else if (p === 'wget') {
    for (const f of v.values('--post-file', '--body-file')) out.push(f);
  } else if (p === 'http' || p === 'https' || p === 'xh' || p === 'xhs' || p === 'httpie') {
    for (const x of positionalWords(v).map((w) => w.text)) if (/^@|^[\w.-]+(=@|:=@|@)/.test(x)) fileRef(x);
  } else if (p === 'scp' || p === 'rsync' || p === 'sftp' || p === 'rclone') {
    const pos = positionalWords(v, new Set(['-P', '-i', '-o', '-F', '-e', '--rsh', '-c', '-l', '-J', '-S', '--exclude', '--include', '--filter', '--port']));
    const dest = pos[pos.length - 1]?.text ?? '';
    const remote = /^([^/:]+@)?[^/:]+:/.test(dest) || /^[a-z][\w+.-]*:\/\//.test(dest) || (p === 'rclone' && /^[\w-]+:/.test(dest));
    if (remote && pos.length >= 2) for (const s of pos.slice(p === 'rclone' ? 1 : 0, -1)) out.push(s.text);
  } else if (p === 'aws' || p === 'gsutil' || p === 'gcloud' || p === 'az') {
    const s = a.join(' ');
    if (/\bs3 (cp|mv|sync)\b|\bstorage (cp|blob upload)\b|^cp |^mv |^rsync /.test(s) || /storage blob upload/.test(s)) {
      const pos = positionalWords(v, new Set(['--profile', '--region', '--file', '-f', '--name', '-n', '--container-name', '-c', '--account-name']));
      const dest = pos[pos.length - 1]?.text ?? '';
      if (/^(s3|gs|az|https?):\/\//.test(dest)) for (const w of pos.slice(0, -1)) out.push(w.text);
      const file = v.value('--file', '-f');
      if (file) out.push(file);
    }
  } else if (p === 'gh') {
    if (a[0] === 'gist' && a[1] === 'create') out.push(...positionalWords(v, new Set(['-d', '--desc', '--description', '-f', '--filename'])).slice(2).map((w) => w.text));
    if (a[0] === 'release' && a[1] === 'upload') out.push(...positionalWords(v).slice(3).map((w) => w.text));
    if ((a[0] === 'issue' || a[0] === 'pr') && /^(create|comment)$/.test(a[1] ?? '')) { const f = v.value('-F', '--body-file'); if (f) out.push(f); }
  } else if (p === 'mail' || p === 'mailx' || p === 'mutt') {
    out.push(...v.values('-a', '-A', '--attach'));
  } else if (p === 'socat') {
    for (const x of a) { const m = /^(?:FILE|OPEN|GOPEN|READ):([^,]+)/i.exec(x); if (m) out.push(m[1]!); }
  }
  return out.filter((f) => isSecretPath(f) || isSecretPath(f.replace(/^~(?=\/)/, v.ctx.home)) || isSecretDir(f));
}

function destinationOf(v: CommandView): string {
  const urls = v.args.filter((a) => /^[a-z][\w+.-]*:\/\//i.test(a));
  if (urls.length) return urls[0]!;
  const pos = positionalWords(v, new Set(['-p', '-P', '-i', '-o', '-e', '-w', '-q', '-s', '-c', '-l', '-H', '-X', '-d', '-u', '-A']));
  const remote = pos.map((w) => w.text).find((x) => /^([^/:]+@)?[^/:]+:/.test(x));
  if (remote) return remote.replace(/:.*$/, '');
  return pos.map((w) => w.text).slice(0, 2).join(' ') || v.program;
}

/** Secrets spliced into arguments: `-d "$(cat .env)"`, `--data "key=$AWS_SECRET_ACCESS_KEY"`. */
function splicedSecrets(v: CommandView): { files: string[]; vars: string[] } {
  const files: string[] = [];
  const vars: string[] = [];
  const dataOpts = new Set(['-d', '--data', '--data-binary', '--data-raw', '--data-urlencode', '-F', '--form', '--json', '--post-data', '--body-data', '--form-string']);
  const ws = v.words;
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i]!;
    if (w.literal) continue;
    const prev = ws[i - 1]?.text ?? '';
    const isHeader = prev === '-H' || prev === '--header' || /^-H./.test(w.text);
    if (isHeader || prev === '-u' || prev === '--user' || prev === '--oauth2-bearer') continue; // credential use, judged by the http rules
    const inData = dataOpts.has(prev) || [...dataOpts].some((o) => o.startsWith('--') && w.text.startsWith(o + '=')) || v.program !== 'curl' && v.program !== 'wget';
    // Any substitution that reads a secret file: `$(cat .env)`, `$(grep '^DB_PASSWORD=' .env | cut -d= -f2 | xxd -p)`.
    for (const m of w.text.matchAll(/\$\(([^()]*(?:\([^()]*\)[^()]*)*)\)|`([^`]*)`/g)) {
      for (const f of (m[1] ?? m[2])!.split(/[\s|;&<>'"]+/)) if (f && (isSecretPath(f) || isSecretDir(f))) files.push(f);
    }
    if (/\$\(\s*(env|printenv|set|export -p)\s*\)/.test(w.text)) files.push('the environment');
    if (inData) for (const m of w.text.matchAll(VAR_REF)) if (isSecretVariableName(m[1]!)) vars.push(m[1]!);
    // A body only known at run time, on a line that read secrets into a substitution: they are what is sent.
    if (inData && !files.length && secretReadsOf(v.ctx).length) files.push(...secretReadsOf(v.ctx));
    // Token in the URL query of a GET to an unrelated host is also use; only bodies count here.
  }
  return { files, vars };
}

const exfiltration: Rule = {
  id: 'secrets.exfiltration',
  programs: [...SENDERS],
  description: 'Sending secrets off the machine: uploads of credential files, secrets piped or spliced into network tools',
  check(v) {
    const p = v.program;
    if ((p === 'python' || p === 'python3' || p === 'node') && !v.cmd.stdin) return undefined;
    if ((p === 'openssl' && v.args[0] !== 's_client') || ((p === 'dig' || p === 'nslookup' || p === 'host') && !v.args.some((a) => !a.startsWith('-') && /\$/.test(a)))) return undefined;
    const files = uploadedFiles(v);
    const piped = secretSource(v.cmd, v);
    const spliced = splicedSecrets(v);
    const sources = [...files, ...(piped ? [piped] : []), ...spliced.files];
    const dest = destinationOf(v);
    const remote = v.cmd.ctx.remote;
    if (p === 'ssh' && !piped) return undefined;
    if (sources.length) {
      return {
        ruleId: 'secrets.exfiltration', risk: 'critical', effect: 'network',
        summary: `sends ${[...new Set(sources)].join(', ')} to ${dest}${remote ? ` (from ${remote.replace(/^\w+ /, '')})` : ''}: the secrets leave the machine`,
        targets: [{ kind: /^[a-z][\w+.-]*:\/\//i.test(dest) ? 'url' : 'host', name: dest }, ...[...new Set(sources)].map((s) => ({ kind: 'path' as const, name: s }))],
        reversibility: 'irreversible', tags: [...EXFIL],
        credentials: [...new Set(sources)].map((s) => ({ kind: 'file' as const, name: s })),
        alternatives: ['rotate any credential that was sent; share secrets through a secret manager, never in a request body'],
      };
    }
    if (spliced.vars.length) {
      const risk: Risk = /webhook\.site|requestbin|pipedream|ngrok|burpcollaborator|interact\.sh|oast\.|pastebin|transfer\.sh|hookbin|beeceptor|\b\d{1,3}(\.\d{1,3}){3}\b/i.test(dest) ? 'critical' : 'high';
      return {
        ruleId: 'secrets.exfiltration.variable', risk, effect: 'network',
        summary: `sends the secret ${spliced.vars.map((x) => '$' + x).join(', ')} in a request body to ${dest}`,
        targets: [{ kind: /^[a-z][\w+.-]*:\/\//i.test(dest) ? 'url' : 'host', name: dest }],
        reversibility: 'irreversible', tags: risk === 'critical' ? [...EXFIL] : ['secret-exposure', 'credential'],
        credentials: spliced.vars.map((n) => ({ kind: 'env' as const, name: n })),
      };
    }
    return undefined;
  },
};

// ── find for secret files ────────────────────────────────────────────────────────────────────────────

const findSecrets: Rule = {
  id: 'secrets.find',
  programs: ['find', 'fd', 'locate', 'mdfind'],
  description: 'Hunting for key and credential files across the disk or home directory',
  check(v) {
    const a = v.args;
    const patterns: string[] = [];
    for (let i = 0; i < a.length; i++) if (/^-i?(name|path|wholename|regex)$/.test(a[i]!) || (v.program !== 'find' && !a[i]!.startsWith('-'))) patterns.push(v.program === 'find' ? a[++i] ?? '' : a[i]!);
    const hits = patterns.filter((x) => isSecretPattern(x));
    if (!hits.length) return undefined;
    const execs = a.some((x) => /^-(exec|execdir|ok)$/.test(x)) && a.some((x) => READERS.has(x.replace(/.*\//, '')) && !/^(cp|ln|install)$/.test(x));
    const roots = v.program === 'find' ? a.slice(0, a.findIndex((x) => x.startsWith('-'))).filter(Boolean) : [];
    const wide = roots.some((r) => { const i = classifyPath(v, r); return i.kind === 'critical' && i.abs !== v.cwd || i.kind === 'home' || i.kind === 'home-sensitive' || i.kind === 'system'; }) || v.program === 'locate' || v.program === 'mdfind';
    const risk: Risk = execs ? 'high' : wide ? 'high' : 'medium';
    return {
      ruleId: execs ? 'secrets.find.read' : 'secrets.find', risk, effect: 'read',
      summary: `${execs ? 'finds and prints' : 'looks for'} secret files (${hits.join(', ')})${roots.length ? ` under ${roots.join(', ')}` : ''}`,
      reversibility: execs ? 'irreversible' : 'reversible',
      tags: execs || wide ? [...EXPOSURE] : ['credential'],
    };
  },
};

/**
 * `git add -f .env.production && git commit && git push`: a secret file staged puts it in history; pushed on the
 * same line, it leaves the machine.
 */
const committedSecrets: Rule = {
  id: 'secrets.git-commit',
  programs: ['git'],
  description: 'Secret files staged with git add, and pushed on the same line',
  check(v) {
    const sub = v.args[0];
    if (sub === 'add') {
      const files = v.positionals().slice(1).filter((f) => isSecretPath(f) && !/example|sample|template/i.test(f));
      if (!files.length) return undefined;
      for (const f of files) noteCommittedSecret(v.ctx, f);
      return { ruleId: 'secrets.git-commit', risk: 'high', effect: 'write', summary: `stages ${files.join(', ')} for commit: the secrets in it go into the repository's history`, targets: files.map((f) => ({ kind: 'path' as const, name: f })), reversibility: 'recoverable', tags: ['credential', 'secret-exposure', ...(v.has('-f', '--force') ? (['confirmation-bypass'] as Tag[]) : [])] };
    }
    const committed = committedSecretsOf(v.ctx);
    if (sub !== 'push' || !committed.length) return undefined;
    return { ruleId: 'secrets.git-commit', risk: 'critical', effect: 'network', summary: `pushes ${committed.join(', ')}, staged earlier on this line, to a remote: the secrets leave the machine`, reversibility: 'irreversible', tags: ['exfiltration', 'secret-exposure', 'credential'] };
  },
};

export const rules: readonly Rule[] = [readFile, envDump, printVar, search, tokens, exfiltration, findSecrets, committedSecrets];
