// A keyword-level classifier for shell text that rules see only as a string: the command inside
// `os.system("…")`, a decoded base64 payload, `railway run …`, the input of `at`. It is no parser:
// it splits on separators, strips quotes, and recognises the destructive commands that matter.
// The real parser is not available to rules, so anything not recognised returns undefined and the
// caller decides how opaque the string is.
import type { Risk, Tag } from './model.js';
import { riskRank } from './model.js';

export interface SnippetVerdict {
  readonly risk: Risk;
  readonly tags: readonly Tag[];
  /** Plain words: "deletes / recursively". */
  readonly what: string;
  /** The snippet destroys remote state (a database, a cluster, cloud resources). */
  readonly remoteDestructive?: boolean;
}

export interface SnippetOptions {
  /** True when the path, as the snippet would see it, is `/`, home, a system dir or the workspace root. */
  readonly isCriticalRoot?: (path: string) => boolean;
}

const SEPARATORS = /\s*(?:&&|\|\||;|\n|&(?!>)|\|(?!\|))\s*/;
const WRAPPERS = new Set(['sudo', 'doas', 'env', 'nohup', 'command', 'exec', 'time', 'nice', 'xargs', 'builtin', 'timeout', 'stdbuf', 'setsid']);
const PIPE_TO_SHELL = /\b(?:curl|wget|fetch|iwr|irm|Invoke-WebRequest|Invoke-RestMethod)\b[^;&\n]*?\|\s*(?:sudo\s+(?:-\S+\s+)*)?(?:env\s+)?(?:\S*\/)?(?:ba|z|da|k|mk|a)?sh\b|\b(?:curl|wget)\b[^;&\n]*?\|\s*(?:sudo\s+)?(?:python[0-9.]*|perl|ruby|node|php)\b(?!\s+[\w./-]+\.(?:py|pl|rb|js|php)\b)|\b(?:ba|z)?sh\s+<\(\s*(?:curl|wget)\b|\$\(\s*(?:curl|wget)\b[^)]*\)\s*"?\s*$|\biex\b[^;\n]*\b(?:iwr|irm|Invoke-WebRequest|Invoke-RestMethod|DownloadString|DownloadFile)\b/i;
const SQL_DESTRUCTIVE = /\b(?:DROP\s+(?:TABLE|DATABASE|SCHEMA|COLLECTION|INDEX|VIEW|USER|ROLE|OWNED)|TRUNCATE\s+(?:TABLE\s+)?[\w."`]+|DELETE\s+FROM\s+[\w."`]+\s*(?:;|$|"|')|FLUSHALL|FLUSHDB|dropDatabase\s*\(|\.drop\s*\(\s*\)|deleteMany\s*\(\s*\{\s*\}\s*\))/i;
const FRAMEWORK_RESET = /\b(?:prisma\s+migrate\s+reset|prisma\s+db\s+push\b[^;&|\n]*--(?:force-reset|accept-data-loss)|(?:rails|rake)\s+db:(?:drop|reset|schema:load|purge)|manage\.py\s+(?:flush|reset_db)|django-admin\s+flush|supabase\s+db\s+reset|dropdb\b|mysqladmin\b[^;&|\n]*\bdrop\b|sequelize\s+db:drop|typeorm\s+schema:drop|knex\s+migrate:rollback\s+--all|php\s+artisan\s+(?:migrate:(?:fresh|reset|refresh)|db:wipe))/i;
const REMOTE_DESTROY = /\b(?:terraform\s+destroy|terraform\s+apply\b[^;&|\n]*-destroy|pulumi\s+(?:destroy|stack\s+rm)|cdk\s+destroy|kubectl\s+delete|helm\s+(?:uninstall|delete)|aws\s+\S+\s+(?:delete-|terminate-|remove-|purge-|deregister-|rb\b|rm\b[^;&|\n]*--recursive)|gcloud\b[^;&|\n]*\s(?:delete|remove)\b|gsutil\b[^;&|\n]*\s(?:rm|rb)\b|az\b[^;&|\n]*\s(?:delete|purge)\b|railway\s+(?:delete|down|volume\s+delete|environment\s+delete)|fly(?:ctl)?\s+(?:apps\s+destroy|destroy|volumes?\s+(?:destroy|delete)|machines?\s+destroy)|heroku\s+(?:apps:destroy|pg:reset|addons:destroy|destroy)|docker\s+(?:volume\s+rm|system\s+prune\b[^;&|\n]*--volumes)|docker[- ]compose\b[^;&|\n]*\sdown\b[^;&|\n]*(?:-v\b|--volumes))/i;

const ROOTISH = /^(?:\/\*?|~\/?\*?|\$\{?HOME\}?\/?\*?|\/(?:home|Users|etc|usr|var|bin|sbin|lib|lib64|boot|opt|root|srv|System|Library)\/?\*?)$/;

function tokens(segment: string): string[] {
  const out: string[] = [];
  for (const m of segment.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g)) out.push(m[1] ?? m[2] ?? m[3]!);
  return out;
}

function programOf(tokens: string[]): [string, string[]] {
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i]!;
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(t)) { i++; continue; }
    const base = t.replace(/^\\/, '').replace(/^.*\//, '');
    if (WRAPPERS.has(base)) {
      i++;
      while (i < tokens.length && tokens[i]!.startsWith('-')) i++;
      if (base === 'timeout' && i < tokens.length) i++;
      continue;
    }
    return [base, tokens.slice(i + 1)];
  }
  return ['', []];
}

const shortHas = (args: readonly string[], ch: string): boolean => args.some((a) => /^-[A-Za-z]+$/.test(a) && a.includes(ch));

function worse(a: SnippetVerdict | undefined, b: SnippetVerdict | undefined): SnippetVerdict | undefined {
  if (!a) return b;
  if (!b) return a;
  return riskRank(b.risk) > riskRank(a.risk) ? b : a;
}

function classifySegment(seg: string, opts: SnippetOptions): SnippetVerdict | undefined {
  const toks = tokens(seg);
  const [prog, args] = programOf(toks);
  const positional = args.filter((a) => !a.startsWith('-'));
  switch (prog) {
    case 'rm': case 'rmdir': case 'unlink': {
      const recursive = shortHas(args, 'r') || shortHas(args, 'R') || args.includes('--recursive');
      const critical = positional.find((p) => ROOTISH.test(p) || (opts.isCriticalRoot?.(p) ?? false) || (recursive && (p === '.' || p === '*' || p === './*' || p === '..')));
      if (critical && (recursive || prog === 'rm')) {
        const home = /^(~|\$\{?HOME)/.test(critical) || /^\/(home|Users)/.test(critical);
        return {
          risk: recursive || critical.endsWith('*') ? 'critical' : 'high',
          tags: ['irreversible', 'data-loss', 'recursive-delete', home ? 'home-directory' : 'root-filesystem'],
          what: `deletes ${critical}${recursive ? ' recursively' : ''}`,
        };
      }
      if (recursive) return { risk: 'high', tags: ['data-loss', 'recursive-delete'], what: `deletes ${positional.join(' ') || 'files'} recursively` };
      return { risk: 'medium', tags: ['data-loss'], what: `deletes ${positional.join(' ') || 'files'}` };
    }
    case 'shred': case 'srm':
      return { risk: 'high', tags: ['irreversible', 'data-loss'], what: `shreds ${positional.join(' ')}` };
    case 'wipefs': case 'fdisk': case 'sfdisk': case 'sgdisk': case 'parted':
      return { risk: 'critical', tags: ['irreversible', 'data-loss', 'disk'], what: `rewrites the disk ${positional.at(-1) ?? ''}` };
    case 'dd':
      if (args.some((a) => /^of=\/dev\/(?!null|zero|stdout|stderr)/.test(a))) return { risk: 'critical', tags: ['irreversible', 'data-loss', 'disk'], what: 'overwrites a disk device with dd' };
      return undefined;
    case 'find':
      if (args.includes('-delete')) return { risk: 'high', tags: ['data-loss', 'recursive-delete'], what: 'deletes the files find matches' };
      return undefined;
    case 'chmod': case 'chown':
      if ((shortHas(args, 'R') || args.includes('--recursive')) && positional.some((p) => ROOTISH.test(p))) return { risk: 'high', tags: ['privilege'], what: `changes ownership or modes under ${positional.at(-1)}` };
      return undefined;
    case 'shutdown': case 'reboot': case 'halt': case 'poweroff':
      return { risk: 'high', tags: ['outage'], what: `runs ${prog}` };
    case 'kill':
      if (args.includes('-1')) return { risk: 'high', tags: ['outage'], what: 'kills every process' };
      return undefined;
    case 'git':
      if (positional[0] === 'push' && (shortHas(args, 'f') || args.includes('--force') || args.includes('--mirror') || positional.some((p) => p.startsWith('+')))) return { risk: 'high', tags: ['force-push', 'shared-branch'], what: 'force-pushes with git' };
      if (positional[0] === 'reset' && args.includes('--hard')) return { risk: 'high', tags: ['uncommitted-work', 'data-loss'], what: 'discards work with git reset --hard' };
      if (positional[0] === 'clean' && shortHas(args, 'f')) return { risk: 'high', tags: ['data-loss'], what: 'deletes untracked files with git clean' };
      return undefined;
    default:
      if (/^mkfs(\.|$)/.test(prog)) return { risk: 'critical', tags: ['irreversible', 'data-loss', 'disk'], what: `formats ${positional.at(-1) ?? 'a disk'}` };
      return undefined;
  }
}

/** Recognises destructive shell commands in a string. Undefined when nothing is recognised. */
export function classifyShellText(text: string, opts: SnippetOptions = {}): SnippetVerdict | undefined {
  const src = text.length > 8192 ? text.slice(0, 8192) : text;
  let verdict: SnippetVerdict | undefined;
  if (PIPE_TO_SHELL.test(src)) verdict = { risk: 'critical', tags: ['remote-code-execution', 'untrusted-source'], what: 'downloads code and runs it' };
  if (/:\(\)\s*\{\s*:\s*\|\s*:\s*&\s*\}\s*;\s*:/.test(src)) verdict = worse(verdict, { risk: 'high', tags: ['outage'], what: 'starts a fork bomb' });
  const sql = SQL_DESTRUCTIVE.exec(src);
  if (sql) verdict = worse(verdict, { risk: 'high', tags: ['database', 'data-loss', 'irreversible'], what: `runs ${sql[0].trim().replace(/\s+/g, ' ')}`, remoteDestructive: true });
  const reset = FRAMEWORK_RESET.exec(src);
  if (reset) verdict = worse(verdict, { risk: 'high', tags: ['database', 'data-loss', 'irreversible'], what: `runs ${reset[0].trim()}`, remoteDestructive: true });
  const remote = REMOTE_DESTROY.exec(src);
  if (remote) verdict = worse(verdict, { risk: 'high', tags: ['cloud-resource', 'data-loss', 'irreversible'], what: `runs ${remote[0].trim().replace(/\s+/g, ' ')}`, remoteDestructive: true });
  for (const seg of src.split(SEPARATORS)) {
    if (!seg) continue;
    verdict = worse(verdict, classifySegment(seg, opts));
  }
  return verdict;
}

// ---- decoders for obfuscated payloads ---------------------------------------------------------

/** Decodes base64 (standard or URL alphabet); undefined when it isn't base64 text. */
export function decodeBase64(s: string): string | undefined {
  const clean = s.replace(/\s+/g, '');
  if (!clean || clean.length > 16384 || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(clean)) return undefined;
  try {
    const bin = atob(clean.replace(/-/g, '+').replace(/_/g, '/'));
    return bytesToText(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
  } catch {
    return undefined;
  }
}

/** PowerShell's -EncodedCommand: base64 of UTF-16LE. */
export function decodeBase64Utf16(s: string): string | undefined {
  const clean = s.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(clean)) return undefined;
  try {
    const bin = atob(clean);
    let out = '';
    for (let i = 0; i + 1 < bin.length; i += 2) out += String.fromCharCode(bin.charCodeAt(i) | (bin.charCodeAt(i + 1) << 8));
    return out;
  } catch {
    return undefined;
  }
}

export function decodeHex(s: string): string | undefined {
  const clean = s.replace(/\\x|0x|[\s:]/g, '');
  if (!clean || clean.length % 2 || clean.length > 16384 || !/^[0-9a-fA-F]+$/.test(clean)) return undefined;
  const bytes = new Uint8Array(clean.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return bytesToText(bytes);
}

/** `printf`/`echo -e` escapes: \xHH, \NNN (octal), \uHHHH, \n, \t. */
export function decodeEscapes(s: string): string {
  return s.replace(/\\(x[0-9a-fA-F]{1,2}|u[0-9a-fA-F]{4}|0?[0-7]{1,3}|[ntr\\'"])/g, (_m, e: string) => {
    if (e[0] === 'x') return String.fromCharCode(parseInt(e.slice(1), 16));
    if (e[0] === 'u') return String.fromCharCode(parseInt(e.slice(1), 16));
    if (/^[0-7]/.test(e)) return String.fromCharCode(parseInt(e, 8));
    return e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e;
  });
}

export function rot13(s: string): string {
  return s.replace(/[A-Za-z]/g, (c) => {
    const base = c <= 'Z' ? 65 : 97;
    return String.fromCharCode(((c.charCodeAt(0) - base + 13) % 26) + base);
  });
}

function bytesToText(bytes: Uint8Array): string | undefined {
  let printable = 0;
  for (const b of bytes) if (b === 9 || b === 10 || b === 13 || (b >= 32 && b < 127) || b >= 128) printable++;
  if (bytes.length && printable / bytes.length < 0.9) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  } catch {
    return undefined;
  }
}
