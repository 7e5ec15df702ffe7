// Scans interpreter one-liners (python -c, node -e, perl -e, ruby -e, php -r, deno eval, heredocs
// fed to interpreters) for what they do: delete files, run processes, talk to the network, or
// evaluate code built at run time. Pattern-level, bounded and linear; the literal arguments
// (paths, command strings, URLs) are extracted when they are plain string literals.

export type Language = 'python' | 'node' | 'perl' | 'ruby' | 'php' | 'powershell';

export type CodeEffect =
  | { readonly kind: 'delete'; readonly api: string; readonly target?: string; readonly recursive: boolean }
  | { readonly kind: 'exec'; readonly api: string; readonly command?: string }
  | { readonly kind: 'network'; readonly api: string; readonly method: string; readonly url?: string }
  | { readonly kind: 'eval'; readonly api: string; readonly fromNetwork: boolean; readonly decoded: boolean }
  | { readonly kind: 'write'; readonly api: string; readonly target?: string }
  | { readonly kind: 'sql'; readonly api: string; readonly statement: string }
  /** An SDK or ORM call that deletes data or resources (`delete_table`, `objects.all().delete()`, `deleteMany`). */
  | { readonly kind: 'data'; readonly api: string; readonly backup: boolean };

const MAX_CODE = 32 * 1024;

// A string literal in any of the languages (no escapes spanning quotes).
const STR = String.raw`(?:[rbfuRBFU]{0,2}"((?:[^"\\\n]|\\.)*)"|[rbfuRBFU]{0,2}'((?:[^'\\\n]|\\.)*)'|` + '`([^`]*)`)';
const strAt = (m: RegExpExecArray, from: number): string | undefined => m[from] ?? m[from + 1] ?? m[from + 2];

interface Pattern {
  readonly re: RegExp;
  readonly langs: readonly Language[] | 'all';
  readonly make: (m: RegExpExecArray) => CodeEffect;
}

const HOME_EXPR = /expanduser\(\s*['"]~|Path\.home\(\)|os\.environ\[\s*['"]HOME|getenv\(\s*['"]HOME|os\.homedir\(\)|\)\s*\.homedir\(\)|Deno\.env\.get\(\s*['"]HOME|System\.getProperty\(\s*['"]user\.home|process\.env\.HOME|ENV\[\s*['"]HOME|\$ENV\{\s*HOME|Dir\.home|\$_SERVER\[\s*['"]HOME|\$env:USERPROFILE|\$HOME\b/;

/** The first argument of a call as a path: a literal, `~` for home expressions, or undefined. */
function pathArg(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  if (HOME_EXPR.test(raw)) {
    const sub = /expanduser\(\s*['"](~[^'"]*)['"]/.exec(raw);
    if (sub) return sub[1];
    // `homedir() + '/projects/api'`, `path.join(os.homedir(), 'projects')`
    const rest = /\+\s*['"`]([^'"`]+)['"`]/.exec(raw) ?? /,\s*['"`]([^'"`]+)['"`]/.exec(raw);
    return rest ? `~/${rest[1]!.replace(/^\/+/, '')}` : '~';
  }
  const lit = new RegExp('^\\s*' + STR).exec(raw);
  if (lit) return strAt(lit, 1);
  return undefined;
}

const ARG = String.raw`\(\s*([^()]*(?:\([^()]*\)[^()]*)*)\)`;

const PATTERNS: readonly Pattern[] = [
  // ---- deletion
  { re: new RegExp(String.raw`\b(shutil\.rmtree|rmtree|remove_tree|FileUtils\.(?:rm_rf|rm_r|remove_dir|remove_entry(?:_secure)?|rmtree)|fse?\.(?:remove|removeSync|emptyDir|emptyDirSync)|rimraf(?:\.sync)?|rimrafSync|Deno\.remove(?:Sync)?)\s*` + ARG, 'g'), langs: 'all',
    make: (m) => ({ kind: 'delete', api: m[1]!, target: pathArg(m[2]), recursive: !/^(Deno\.remove|fse?\.remove$)/.test(m[1]!) || /recursive\s*:\s*true/.test(m[2]!) || m[1]!.startsWith('fs') }) },
  { re: new RegExp(String.raw`\b((?:fs|fsp|fs\.promises|promises)\.(?:rmSync|rmdirSync|rm|rmdir)|rmSync|rmdirSync)\s*` + ARG, 'g'), langs: ['node'],
    make: (m) => ({ kind: 'delete', api: m[1]!, target: pathArg(m[2]), recursive: /recursive\s*:\s*true/.test(m[2]!) }) },
  { re: new RegExp(String.raw`\b((?:fs|fsp|fs\.promises|promises)\.(?:unlinkSync|unlink)|unlinkSync)\s*` + ARG, 'g'), langs: ['node'],
    make: (m) => ({ kind: 'delete', api: m[1]!, target: pathArg(m[2]), recursive: false }) },
  { re: new RegExp(String.raw`\b(os\.(?:remove|unlink|rmdir|removedirs)|send2trash)\s*` + ARG, 'g'), langs: ['python'],
    make: (m) => ({ kind: 'delete', api: m[1]!, target: pathArg(m[2]), recursive: m[1] === 'os.removedirs' }) },
  { re: new RegExp(String.raw`\b(?:Path|pathlib\.Path|Pathname)\s*\(\s*` + STR + String.raw`\s*\)\s*\.\s*(unlink|rmdir|rmtree|delete)\b`, 'g'), langs: 'all',
    make: (m) => ({ kind: 'delete', api: `Path.${m[4]}`, target: strAt(m, 1), recursive: m[4] === 'rmtree' }) },
  { re: /\b(?:Path\.home\(\)|Path\(\s*['"]~['"]\s*\)\.expanduser\(\))\s*\.\s*(unlink|rmdir|rmtree)\b/g, langs: ['python'],
    make: (m) => ({ kind: 'delete', api: `Path.${m[1]}`, target: '~', recursive: m[1] === 'rmtree' }) },
  { re: /\.\s*(unlink|rmdir)\s*\(\s*(?:missing_ok\s*=\s*\w+)?\s*\)/g, langs: ['python'],
    make: (m) => ({ kind: 'delete', api: `Path.${m[1]}`, recursive: false }) },
  { re: new RegExp(String.raw`\b(File\.(?:delete|unlink)|FileUtils\.rm(?:_f)?|Dir\.(?:rmdir|delete|unlink))\s*` + ARG, 'g'), langs: ['ruby'],
    make: (m) => ({ kind: 'delete', api: m[1]!, target: pathArg(m[2]), recursive: false }) },
  { re: new RegExp(String.raw`(?<![.\w$])(unlink|rmdir)\s*` + ARG, 'g'), langs: ['perl', 'php'],
    make: (m) => ({ kind: 'delete', api: m[1]!, target: pathArg(m[2]), recursive: false }) },
  { re: /(?<![.\w$])(unlink|rmdir)\s+(?:glob\b|<)/g, langs: ['perl'],
    make: (m) => ({ kind: 'delete', api: m[1]!, recursive: false }) },
  { re: /\b(Remove-Item|rm|del|rd|rmdir)\b[^;|\n]*?(?:-Recurse|-r\b)[^;|\n]*/gi, langs: ['powershell'],
    make: (m) => ({ kind: 'delete', api: 'Remove-Item', recursive: true, target: /\s((?:[A-Za-z]:)?[\\/~$][^\s;|]*)/.exec(m[0])?.[1] }) },
  // ---- process execution
  { re: new RegExp(String.raw`\b(os\.(?:system|popen|exec[lv]p?e?|spawn[lv]p?e?)|subprocess\.(?:run|call|Popen|check_call|check_output|getoutput|getstatusoutput)|commands\.getoutput|pty\.spawn|sh\.\w+)\s*` + ARG, 'g'), langs: ['python'],
    make: (m) => ({ kind: 'exec', api: m[1]!, command: commandArg(m[2]) }) },
  { re: new RegExp(String.raw`\b((?:child_process|cp|require\(\s*['"](?:node:)?child_process['"]\s*\))\s*\.\s*(?:exec|execSync|spawn|spawnSync|execFile|execFileSync|fork)|(?<![.\w])(?:execSync|spawnSync|execFileSync|execa|execaSync|execaCommand)|Deno\.run|new\s+Deno\.Command|Bun\.spawn(?:Sync)?)\s*` + ARG, 'g'), langs: ['node'],
    make: (m) => ({ kind: 'exec', api: m[1]!.replace(/\s+/g, ' '), command: commandArg(m[2]) }) },
  { re: /(?:\bBun\.\$|\$)`([^`]*)`/g, langs: ['node'],
    make: (m) => ({ kind: 'exec', api: '$`…`', command: m[1] }) },
  { re: /(?:child_process|require\(\s*['"](?:node:)?child_process['"]\s*\))/g, langs: ['node'],
    make: () => ({ kind: 'exec', api: 'child_process' }) },
  { re: new RegExp(String.raw`(?<![.\w$])(system|exec|spawn|IO\.popen|Open3\.\w+|Kernel\.system|Kernel\.exec|Process\.spawn|shell_exec|passthru|proc_open|popen|pcntl_exec)\s*` + ARG, 'g'), langs: ['perl', 'ruby', 'php'],
    make: (m) => ({ kind: 'exec', api: m[1]!, command: commandArg(m[2]) }) },
  { re: /(?<![.\w$])(system|exec)\s+(["'])((?:(?!\2)[^\\]|\\.)*)\2/g, langs: ['perl', 'ruby'],
    make: (m) => ({ kind: 'exec', api: m[1]!, command: m[3] }) },
  { re: /`([^`]+)`|\bqx\s*[{(/]([^})/]*)[})/]|%x[{(]([^})]*)[})]/g, langs: ['perl', 'ruby', 'php'],
    make: (m) => ({ kind: 'exec', api: 'backticks', command: m[1] ?? m[2] ?? m[3] }) },
  { re: /\b(Start-Process|Invoke-Expression|iex|cmd(?:\.exe)?\s+\/c|&\s*\$)/gi, langs: ['powershell'],
    make: (m) => ({ kind: 'exec', api: m[1]! }) },
  // ---- network
  { re: new RegExp(String.raw`\b(requests|httpx|session|s)\.(get|post|put|patch|delete|head|request)\s*` + ARG, 'g'), langs: ['python'],
    make: (m) => ({ kind: 'network', api: `${m[1]}.${m[2]}`, method: m[2] === 'request' ? methodIn(m[3]!) : m[2]!.toUpperCase(), url: urlIn(m[3]!) }) },
  { re: new RegExp(String.raw`\b(urllib\.request\.urlopen|urllib2\.urlopen|urlopen|urllib\.request\.Request|Request|urlretrieve|urllib\.request\.urlretrieve|http\.client\.HTTPS?Connection|HTTPS?Connection|aiohttp\.ClientSession|socket\.create_connection|socket\.socket|ftplib\.FTP|smtplib\.SMTP|paramiko\.SSHClient)\s*` + ARG, 'g'), langs: ['python'],
    make: (m) => ({ kind: 'network', api: m[1]!, method: methodIn(m[2]!), url: urlIn(m[2]!) }) },
  { re: new RegExp(String.raw`\b(fetch|axios(?:\.(?:get|post|put|patch|delete|request))?|https?\.(?:get|request)|net\.(?:connect|createConnection)|got(?:\.(?:get|post|put|patch|delete))?|needle|superagent\.\w+|new\s+WebSocket|ky(?:\.\w+)?)\s*` + ARG, 'g'), langs: ['node'],
    make: (m) => ({ kind: 'network', api: m[1]!, method: /\.(post|put|patch|delete)$/.exec(m[1]!)?.[1]?.toUpperCase() ?? methodIn(m[2]!), url: urlIn(m[2]!) }) },
  { re: /\b(Net::HTTP(?:::(Get|Post|Put|Patch|Delete)|\.(?:get|post_form|post|start))?|URI\.open|open-uri|HTTParty\.(get|post|put|patch|delete)|Faraday|RestClient\.(get|post|put|patch|delete)|TCPSocket|LWP::\w+|LWP::Simple|HTTP::Tiny|IO::Socket|WWW::Mechanize|Net::FTP|file_get_contents\s*\(\s*['"]https?:|curl_exec|curl_init|fsockopen|stream_socket_client|GuzzleHttp|Invoke-WebRequest|Invoke-RestMethod|iwr\b|irm\b|Net\.WebClient|DownloadString|DownloadFile)/gi, langs: ['ruby', 'perl', 'php', 'powershell'],
    make: (m) => ({ kind: 'network', api: m[1]!, method: (m[2] ?? m[3] ?? m[4])?.toUpperCase() ?? (/\.post/i.test(m[1]!) ? 'POST' : 'GET') }) },
  // ---- dynamic code
  { re: /(?<![.\w$])(exec|eval|compile|execfile|new\s+Function|Function|vm\.runIn\w+|instance_eval|class_eval|module_eval|assert|create_function|Invoke-Expression|iex)\s*(\(|\s['"$])/gi, langs: 'all',
    make: (m) => ({ kind: 'eval', api: m[1]!, fromNetwork: false, decoded: false }) },
  // ---- writes
  { re: new RegExp(String.raw`\bopen\s*\(\s*` + STR + String.raw`\s*,\s*(?:mode\s*=\s*)?['"]([wax]b?\+?|[wax]\+?b?)['"]`, 'g'), langs: ['python'],
    make: (m) => ({ kind: 'write', api: 'open', target: strAt(m, 1) }) },
  { re: new RegExp(String.raw`(?:\b|\))((?:fs|fsp|fs\.promises|)\.(?:writeFileSync|writeFile|appendFileSync|appendFile|createWriteStream|truncateSync|truncate)|Path\s*\(\s*[^)]*\)\.write_(?:text|bytes)|File\.write|IO\.write|file_put_contents|Deno\.writeTextFile(?:Sync)?|Bun\.write|Set-Content|Out-File|Add-Content)\s*` + ARG, 'g'), langs: 'all',
    make: (m) => ({ kind: 'write', api: m[1]!.replace(/\(.*$/, ''), target: pathArg(m[2]) }) },
  { re: /\bopen\s*\(?\s*(?:my\s+)?\$?\w*\s*,\s*['"](?:>|>>|\+<)['"]\s*,\s*(['"])([^'"]+)\1/g, langs: ['perl'],
    make: (m) => ({ kind: 'write', api: 'open', target: m[2] }) },
  // ---- SDK and ORM calls that delete data or resources
  { re: /\.\s*((?:delete|terminate|purge|drop|remove|deregister|destroy)_[a-z_]+|(?:delete|terminate|purge|drop|remove|deregister|destroy)(?:Table|Bucket|DBInstance|DBCluster|Backup|Snapshot|DBSnapshot|Objects|Object|Instances|Function|Stack|Cluster|Secret|RecoveryPoint|Queue|Item|Database|Collection|Index|Namespace|Volume|Project|App))\s*\(/g, langs: 'all',
    make: (m) => ({ kind: 'data', api: m[1]!, backup: /backup|snapshot|recovery/i.test(m[1]!) }) },
  { re: /\.\s*(objects\s*\.\s*(?:all|filter|exclude)\s*\([^)]*\)\s*\.\s*delete|delete_all|destroy_all|deleteMany|delete_many|dropDatabase|drop_database|dropCollection|drop_collection|drop_all|drop_table|dropTable|flushall|flushdb|truncate_table|truncate)\s*\(/gi, langs: 'all',
    make: (m) => ({ kind: 'data', api: m[1]!.replace(/\s+/g, ''), backup: false }) },
  { re: /(\w+(?:\([^)]*\))?)\s*\.\s*(delete_all|destroy_all|flushall|flushdb|drop_database|drop_table|truncate)\b(?!\s*\()/g, langs: ['ruby'],
    make: (m) => ({ kind: 'data', api: `${m[1]}.${m[2]}`, backup: false }) },
  { re: /\b(desiredCount|DesiredCount|desired_count|replicas|min_size|MinSize|desired_capacity|DesiredCapacity)['"]?\s*[:=]\s*0\b/g, langs: 'all',
    make: (m) => ({ kind: 'data', api: `${m[1]}=0 (scales the service to zero)`, backup: false }) },
  { re: /\barray_map\s*\(\s*['"](unlink|rmdir)['"]\s*,\s*glob\s*\(\s*['"]([^'"]+)['"]/g, langs: ['php'],
    make: (m) => ({ kind: 'delete', api: `array_map('${m[1]}', glob())`, target: m[2], recursive: false }) },
  { re: /\.\s*sync\s*\(\s*\{\s*force\s*:\s*true/g, langs: ['node'],
    make: () => ({ kind: 'data', api: 'sync({ force: true }) (drops every table)', backup: false }) },
  // ---- SQL through a driver
  { re: /\.(execute|executescript|executemany|query|exec|run|raw|prepare)\s*\(\s*[rbfu]?(['"`])\s*((?:DROP|TRUNCATE|DELETE\s+FROM|ALTER\s+TABLE\s+\S+\s+DROP)\b[^'"`]*)/gi, langs: 'all',
    make: (m) => ({ kind: 'sql', api: m[1]!, statement: m[3]!.trim() }) },
];

const URL_RE = /https?:\/\/[^\s'"`)\]}>,]+/;
const urlIn = (s: string): string | undefined => URL_RE.exec(s)?.[0];
function methodIn(s: string): string {
  const m = /method\s*[:=]\s*['"]([A-Za-z]+)['"]|^\s*['"](GET|POST|PUT|PATCH|DELETE|HEAD)['"]/.exec(s);
  // `Request(url, data=…)`, `fetch(url, {body: …})`: a body without a method is a POST.
  return (m?.[1] ?? m?.[2] ?? (/\b(data|json|body)\s*[:=]/.test(s) ? 'POST' : 'GET')).toUpperCase();
}

/** A literal command from `"rm -rf /"`, `['rm', '-rf', '/']` or `"rm", "-rf", "/"`. */
function commandArg(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const s = raw.trim();
  const list = /^\[([^\]]*)\]/.exec(s);
  const body = list ? list[1]! : s;
  const parts: string[] = [];
  const re = new RegExp(STR, 'g');
  let last = 0;
  for (const m of body.matchAll(re)) {
    const between = body.slice(last, m.index);
    if (parts.length && !/^\s*,\s*$/.test(between)) break;
    if (!parts.length && !/^\s*$/.test(between)) return undefined;
    parts.push(strAt(m as RegExpExecArray, 1) ?? '');
    last = m.index! + m[0].length;
    if (!list && parts.length === 1 && !/^\s*,\s*['"]/.test(body.slice(last))) break;
  }
  return parts.length ? parts.join(' ') : undefined;
}

const DECODE = /b64decode|bytes\.fromhex|unhexlify|\.fromhex\(|base64\.(?:b64|standard_b64|urlsafe_b64)decode|decode\(\s*['"]base64|codecs\.decode|zlib\.decompress|marshal\.loads|Buffer\.from\([^)]*['"](?:base64|hex)['"]|atob\(|decode_base64|MIME::Base64|Base64\.(?:decode64|strict_decode64|urlsafe_decode64)|base64_decode|gzinflate|gzuncompress|str_rot13|pack\(\s*['"]H\*|FromBase64String|\[char\]\s*\d+|unpack\(['"]m/i;

const NESTED_NETWORK_CALL = /\b(urlopen|Request|requests\.(?:post|put|patch|request)|httpx\.(?:post|put|patch|request)|fetch|axios\.(?:post|put|patch)|Net::HTTP\.post(?:_form)?|HTTParty\.(?:post|put)|curl_exec)\s*\(/;

export function scanCode(code: string, lang: Language): CodeEffect[] {
  const src = code.length > MAX_CODE ? code.slice(0, MAX_CODE) : code;
  const out: CodeEffect[] = [];
  const networkUsed = { yes: false };
  for (const p of PATTERNS) {
    if (p.langs !== 'all' && !p.langs.includes(lang)) continue;
    p.re.lastIndex = 0;
    for (const m of src.matchAll(p.re)) {
      const e = p.make(m as RegExpExecArray);
      if (e.kind === 'network') networkUsed.yes = true;
      out.push(e);
      if (out.length > 40) break;
    }
  }
  // Calls nested deeper than the patterns' one level of parentheses (`urlopen(Request(url, data=json.dumps(dict(…))))`):
  // the text after the call stands in for its arguments.
  if (!out.some((e) => e.kind === 'network')) {
    const m = NESTED_NETWORK_CALL.exec(src);
    if (m) {
      const window = src.slice(m.index + m[0].length, m.index + m[0].length + 400);
      out.push({ kind: 'network', api: m[1]!, method: methodIn(window), url: urlIn(window) });
      networkUsed.yes = true;
    }
  }
  const decoded = DECODE.test(src);
  // Only keep one generic child_process marker when a specific call was found.
  const specificExec = out.some((e) => e.kind === 'exec' && e.api !== 'child_process');
  return out
    .filter((e) => !(e.kind === 'exec' && e.api === 'child_process' && specificExec))
    .filter((e) => !(e.kind === 'exec' && lang === 'python' && e.api.startsWith('sh.') && !/\bimport\s+sh\b|from\s+sh\s+import/.test(src)))
    .map((e) => (e.kind === 'eval' ? { ...e, fromNetwork: networkUsed.yes, decoded } : e))
    .filter((e) => !(e.kind === 'eval' && lang === 'python' && e.api === 'compile' && !decoded && !networkUsed.yes));
}

/** Listing the current directory and deleting what it finds: the target is the working directory. */
export const SWEEPS_CWD = /\b(?:os\.listdir|os\.scandir|glob\.glob|glob|fs\.readdirSync|readdirSync|Dir\.(?:glob|entries|children)|scandir)\s*\(\s*(?:['"](?:\.\/?|\*|\.\/\*)['"])?\s*\)|os\.walk\(\s*['"]\.['"]/;

/**
 * Payloads a decoder call in the code turns back into text, when the encoded text is a literal:
 * `bytes.fromhex('…')`, `base64.b64decode('…')`, `Buffer.from('…', 'base64')`, `atob('…')`, `pack("H*", "…")`.
 */
export function decodedPayloads(code: string, decode: { base64(s: string): string | undefined; hex(s: string): string | undefined }): string[] {
  const out: string[] = [];
  const add = (t: string | undefined) => { if (t && /[\x20-\x7e]{4}/.test(t)) out.push(t); };
  for (const m of code.matchAll(/(?:fromhex|unhexlify)\(\s*['"]([0-9a-fA-F\s]+)['"]|pack\(\s*['"]H\*['"]\s*,\s*['"]([0-9a-fA-F]+)['"]|Buffer\.from\(\s*['"]([0-9a-fA-F]+)['"]\s*,\s*['"]hex['"]/g)) add(decode.hex((m[1] ?? m[2] ?? m[3])!.replace(/\s+/g, '')));
  for (const m of code.matchAll(/(?:b64decode|standard_b64decode|urlsafe_b64decode|atob|base64_decode|decode64|strict_decode64|FromBase64String)\(\s*b?['"]([A-Za-z0-9+/=_-]{8,})['"]|Buffer\.from\(\s*['"]([A-Za-z0-9+/=]{8,})['"]\s*,\s*['"]base64['"]/g)) add(decode.base64((m[1] ?? m[2])!));
  return out.slice(0, 4);
}

/** True when the code decodes an encoded payload (base64, hex, zlib, rot13). */
export const decodesPayload = (code: string): boolean => DECODE.test(code);
