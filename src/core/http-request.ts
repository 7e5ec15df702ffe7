// Reads an HTTP client invocation (curl, wget, HTTPie/xh, PowerShell's Invoke-WebRequest) into the
// request it would send: method, URL, host, headers, body and the file it writes. Pure: bodies
// given as `@file` are reported by name; the caller decides what it knows about the file.
import type { SimpleCommand, Word } from './shell/command.js';
import { literalStdin } from './shell/unwrap.js';

export type HttpTool = 'curl' | 'wget' | 'httpie' | 'powershell';

export type HttpBody =
  | { readonly kind: 'text'; readonly text: string; readonly literal: boolean }
  | { readonly kind: 'file'; readonly path: string }
  /** Read from stdin with nothing known about it. */
  | { readonly kind: 'stdin' };

export interface HttpRequest {
  readonly tool: HttpTool;
  /** Upper-case method as sent. */
  readonly method: string;
  readonly methodExplicit: boolean;
  readonly urls: readonly string[];
  /** The first URL, with a scheme added when it had none. */
  readonly url?: string;
  /** Lower-case host of the first URL, when it can be read. */
  readonly host?: string;
  /** True when the URL (or the method) is only known at run time. */
  readonly opaque: boolean;
  readonly headers: readonly string[];
  readonly bodies: readonly HttpBody[];
  /** Files uploaded as form parts or with -T. */
  readonly uploads: readonly string[];
  /** The file written, `-` for stdout; undefined when the response is only printed. */
  readonly output?: string;
  /** Writes several files (wget -r, curl --remote-name-all with several URLs…). */
  readonly writesMany: boolean;
  /** A user/password, bearer option or Authorization-like header is sent. */
  readonly authenticated: boolean;
}

export const HTTP_PROGRAMS = ['curl', 'wget', 'wget2', 'http', 'https', 'xh', 'xhs', 'Invoke-WebRequest', 'Invoke-RestMethod', 'invoke-webrequest', 'invoke-restmethod', 'iwr', 'irm'] as const;

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE', 'CONNECT', 'PURGE']);
const AUTH_HEADER = /^\s*(authorization|proxy-authorization|x-api-key|api-key|apikey|x-auth-token|private-token|x-railway-token|x-project-access-token|x-vault-token|cookie|x-access-token|access-token)\s*:/i;

// ---- curl -------------------------------------------------------------------------------------

const CURL_SHORT_VALUE = new Set('bcCdDeEFHKmoPQrtTuUwxXyYzA'.split(''));
const CURL_LONG_VALUE = new Set([
  'data', 'data-raw', 'data-binary', 'data-ascii', 'data-urlencode', 'json', 'form', 'form-string', 'header', 'request',
  'output', 'user', 'user-agent', 'referer', 'cookie', 'cookie-jar', 'proxy', 'proxy-user', 'max-time', 'connect-timeout',
  'retry', 'retry-delay', 'retry-max-time', 'config', 'cert', 'key', 'cacert', 'capath', 'resolve', 'connect-to', 'interface',
  'limit-rate', 'max-filesize', 'write-out', 'upload-file', 'oauth2-bearer', 'url', 'range', 'continue-at', 'dump-header',
  'output-dir', 'aws-sigv4', 'unix-socket', 'abstract-unix-socket', 'proto', 'proto-redir', 'proto-default', 'variable',
  'expand-data', 'expand-url', 'expand-header', 'expand-json', 'expand-output', 'expand-form', 'url-query', 'proxy-header',
  'cert-type', 'key-type', 'pass', 'ciphers', 'dns-servers', 'local-port', 'max-redirs', 'noproxy', 'preproxy', 'request-target',
  'socks5', 'socks5-hostname', 'socks4', 'socks4a', 'trace', 'trace-ascii', 'stderr', 'netrc-file', 'etag-save', 'etag-compare',
  'hsts', 'alt-svc', 'create-file-mode', 'tls-max', 'keepalive-time', 'expect100-timeout', 'happy-eyeballs-timeout-ms',
  'time-cond', 'speed-limit', 'speed-time', 'quote', 'ftp-port', 'telnet-option', 'mail-from', 'mail-rcpt', 'mail-auth',
  'login-options', 'sasl-authzid', 'service-name', 'pinnedpubkey', 'rate', 'parallel-max', 'proxy-cacert', 'proxy-cert',
  'proxy-key', 'proxy-pass', 'delegation', 'krb', 'engine', 'random-file', 'egd-file', 'doh-url', 'ip-tos', 'vlan-priority',
  'header-file', 'ech', 'crlfile', 'curves', 'tls13-ciphers', 'sslv2', 'ftp-account', 'ftp-alternative-to-user', 'ftp-method',
]);
const CURL_DATA = new Set(['d', 'data', 'data-ascii', 'data-binary', 'data-raw', 'data-urlencode', 'json', 'expand-data', 'expand-json']);

function curlBody(option: string, value: Word, stdin: SimpleCommand['stdin']): HttpBody {
  const raw = option === 'data-raw';
  let v = value.text;
  if (option === 'data-urlencode' || option === 'expand-data') {
    // name=content, =content, name@file, @file
    const at = /^([^=@]*)@(.+)$/.exec(v);
    if (at && !v.includes('=')) return fileOrStdin(at[2]!, stdin);
    const eq = v.indexOf('=');
    if (eq >= 0) v = v.slice(eq + 1);
    return { kind: 'text', text: v, literal: value.literal };
  }
  if (!raw && v.startsWith('@')) return fileOrStdin(v.slice(1), stdin);
  return { kind: 'text', text: v, literal: value.literal };
}

function fileOrStdin(path: string, stdin: SimpleCommand['stdin']): HttpBody {
  if (path !== '-') return { kind: 'file', path };
  return stdinBody(stdin);
}

/** jq options followed by two values (`--arg name value`) or one (`--indent 2`). */
const JQ_TWO_VALUES = new Set(['--arg', '--argjson', '--slurpfile', '--rawfile']);
const JQ_ONE_VALUE = new Set(['--indent', '-L', '--library-path']);

/** jq's filter: its first operand, past option values (`jq -n --arg id "$ID" '{query: …}'`). */
function jqFilter(args: readonly Word[]): Word | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!.text;
    if (JQ_TWO_VALUES.has(a)) i += 2;
    else if (JQ_ONE_VALUE.has(a)) i += 1;
    else if (a === '-f' || a === '--from-file' || a === '--args' || a === '--jsonargs') return undefined;
    else if (!a.startsWith('-')) return args[i];
  }
  return undefined;
}

/** What a command reads on stdin, as a body: a heredoc, a literal echo, a `cat FILE`, or unknown. */
export function stdinBody(stdin: SimpleCommand['stdin']): HttpBody {
  if (!stdin) return { kind: 'stdin' };
  if (stdin.kind === 'file') return { kind: 'file', path: stdin.path.text };
  const lit = literalStdin(stdin);
  if (lit) return { kind: 'text', text: lit.text, literal: lit.literal };
  if (stdin.kind === 'pipe') {
    const from = stdin.from;
    const files = from.args.filter((a) => !a.text.startsWith('-'));
    if (from.program === 'cat' && files.length === 1) return { kind: 'file', path: files[0]!.text };
    if (from.program === 'jq' && from.args.some((a) => a.text === '-n' || a.text === '--null-input')) {
      const filter = jqFilter(from.args);
      if (filter) return { kind: 'text', text: filter.text, literal: filter.literal };
    }
  }
  return { kind: 'stdin' };
}

function parseCurl(cmd: SimpleCommand): HttpRequest {
  const args = cmd.args;
  let method: string | undefined;
  let impliedPost = false;
  let head = false;
  let get = false;
  let upload = false;
  let output: string | undefined;
  let remoteName = false;
  let authenticated = false;
  let opaque = false;
  const urls: string[] = [];
  const headers: string[] = [];
  const bodies: HttpBody[] = [];
  const uploads: string[] = [];

  const take = (opt: string, value: Word | undefined): void => {
    if (!value) return;
    switch (opt) {
      case 'X': case 'request':
        method = value.text.toUpperCase();
        if (!value.literal) opaque = true;
        break;
      case 'H': case 'header':
        headers.push(value.text);
        if (AUTH_HEADER.test(value.text)) authenticated = true;
        break;
      case 'F': case 'form': case 'form-string': case 'expand-form': {
        impliedPost = true;
        const m = /^[^=]*=([@<])([^;]+)/.exec(value.text);
        if (m && opt !== 'form-string') uploads.push(m[2]!);
        else bodies.push({ kind: 'text', text: value.text, literal: value.literal });
        break;
      }
      case 'T': case 'upload-file':
        upload = true;
        if (value.text === '-') bodies.push(stdinBody(cmd.stdin));
        else uploads.push(value.text);
        break;
      case 'o': case 'output': case 'expand-output':
        output = value.text;
        break;
      case 'u': case 'user': case 'oauth2-bearer': case 'aws-sigv4': case 'pass':
        authenticated = true;
        break;
      case 'url':
        urls.push(value.text);
        if (!value.literal) opaque = true;
        break;
      case 'K': case 'config':
        // A config file can hold any option: the request is not fully known.
        opaque = true;
        break;
      default:
        if (CURL_DATA.has(opt)) {
          impliedPost = true;
          bodies.push(curlBody(opt === 'd' ? 'data' : opt, value, cmd.stdin));
        }
    }
  };

  for (let i = 0; i < args.length; i++) {
    const w = args[i]!;
    const a = w.text;
    if (a === '--') {
      for (const rest of args.slice(i + 1)) { urls.push(rest.text); if (!rest.literal) opaque = true; }
      break;
    }
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
      if (CURL_LONG_VALUE.has(name)) {
        if (eq > 0) take(name, { text: a.slice(eq + 1), literal: w.literal });
        else take(name, args[++i]);
      } else if (name === 'head') head = true;
      else if (name === 'get') get = true;
      else if (name === 'remote-name' || name === 'remote-name-all') remoteName = true;
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let k = 1; k < a.length; k++) {
        const c = a[k]!;
        if (CURL_SHORT_VALUE.has(c)) {
          const rest = a.slice(k + 1);
          take(c, rest ? { text: rest, literal: w.literal } : args[++i]);
          break;
        }
        if (c === 'I') head = true;
        else if (c === 'G') get = true;
        else if (c === 'O') remoteName = true;
      }
      continue;
    }
    urls.push(a);
    if (!w.literal) opaque = true;
  }

  const finalMethod = method ?? (head ? 'HEAD' : get ? 'GET' : upload ? 'PUT' : impliedPost ? 'POST' : 'GET');
  const writesMany = remoteName && urls.length > 1;
  return finish('curl', finalMethod, method !== undefined, urls, headers, get ? [] : bodies, uploads,
    output ?? (remoteName ? remoteFileName(urls[0]) : undefined), writesMany, authenticated, opaque);
}

function remoteFileName(url: string | undefined): string | undefined {
  if (!url) return undefined;
  const path = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '').replace(/[?#].*$/, '');
  const name = path.slice(path.lastIndexOf('/') + 1);
  return name || 'index.html';
}

// ---- wget -------------------------------------------------------------------------------------

const WGET_SHORT_VALUE = new Set('OoaPtTwUeiBlARDIXQ'.split(''));
const WGET_LONG_VALUE = new Set([
  'output-document', 'output-file', 'append-output', 'directory-prefix', 'tries', 'timeout', 'wait', 'user-agent', 'execute',
  'input-file', 'base', 'level', 'accept', 'reject', 'domains', 'include-directories', 'exclude-directories', 'quota', 'method',
  'body-data', 'body-file', 'post-data', 'post-file', 'header', 'user', 'password', 'http-user', 'http-password', 'load-cookies',
  'save-cookies', 'ca-certificate', 'certificate', 'private-key', 'referer', 'limit-rate', 'bind-address', 'dns-timeout',
  'connect-timeout', 'read-timeout', 'waitretry', 'proxy-user', 'proxy-password', 'ftp-user', 'ftp-password', 'config',
  'exclude-domains', 'follow-tags', 'ignore-tags', 'restrict-file-names', 'local-encoding', 'remote-encoding', 'cut-dirs',
  'default-page', 'adjust-extension', 'progress', 'report-speed', 'ca-directory', 'certificate-type', 'private-key-type',
  'secure-protocol', 'ciphers', 'pinnedpubkey', 'accept-regex', 'reject-regex', 'regex-type', 'backups', 'hsts-file',
  'bearer-token',
]);

function parseWget(cmd: SimpleCommand): HttpRequest {
  const args = cmd.args;
  let method: string | undefined;
  let output: string | undefined;
  let many = false;
  let spider = false;
  let authenticated = false;
  let opaque = false;
  let post = false;
  const urls: string[] = [];
  const headers: string[] = [];
  const bodies: HttpBody[] = [];
  const take = (opt: string, value: Word | undefined): void => {
    if (!value) return;
    switch (opt) {
      case 'O': case 'output-document': output = value.text; break;
      case 'method': method = value.text.toUpperCase(); if (!value.literal) opaque = true; break;
      case 'post-data': case 'body-data': post = opt === 'post-data' || post; bodies.push({ kind: 'text', text: value.text, literal: value.literal }); break;
      case 'post-file': case 'body-file': post = opt === 'post-file' || post; bodies.push(fileOrStdin(value.text, cmd.stdin)); break;
      case 'header': headers.push(value.text); if (AUTH_HEADER.test(value.text)) authenticated = true; break;
      case 'user': case 'password': case 'http-user': case 'http-password': case 'bearer-token': authenticated = true; break;
      case 'i': case 'input-file': opaque = true; many = true; break;
      case 'e': case 'execute': case 'config': opaque = true; break;
      default: break;
    }
  };
  for (let i = 0; i < args.length; i++) {
    const w = args[i]!;
    const a = w.text;
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
      if (WGET_LONG_VALUE.has(name)) {
        if (eq > 0) take(name, { text: a.slice(eq + 1), literal: w.literal });
        else take(name, args[++i]);
      } else if (name === 'recursive' || name === 'mirror' || name === 'page-requisites') many = true;
      else if (name === 'spider' || name === 'delete-after') spider = true;
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let k = 1; k < a.length; k++) {
        const c = a[k]!;
        if (WGET_SHORT_VALUE.has(c)) {
          const rest = a.slice(k + 1);
          take(c, rest ? { text: rest, literal: w.literal } : args[++i]);
          break;
        }
        if (c === 'r' || c === 'm' || c === 'p') many = true;
      }
      continue;
    }
    urls.push(a);
    if (!w.literal) opaque = true;
  }
  const m = method ?? (post ? 'POST' : bodies.length ? 'POST' : 'GET');
  const out = spider ? undefined : output ?? (many ? undefined : remoteFileName(urls[0]));
  return finish('wget', m, method !== undefined, urls, headers, bodies, [], out, many && !spider, authenticated, opaque);
}

// ---- HTTPie / xh ------------------------------------------------------------------------------

const HTTPIE_VALUE = new Set([
  '-a', '--auth', '-A', '--auth-type', '-o', '--output', '-p', '--print', '-P', '--history-print', '--session',
  '--session-read-only', '--verify', '--cert', '--cert-key', '--cert-key-pass', '--proxy', '--timeout', '--max-redirects',
  '--raw', '--pretty', '-s', '--style', '--format-options', '--default-scheme', '--boundary', '--response-charset',
  '--response-mime', '--ssl', '--ciphers', '--bearer', '--unix-socket', '--resolve', '--interface', '--http-version',
]);

function parseHttpie(cmd: SimpleCommand): HttpRequest {
  const args = cmd.args;
  let output: string | undefined;
  let download = false;
  let authenticated = false;
  let opaque = false;
  let form = false;
  const positionals: Word[] = [];
  const bodies: HttpBody[] = [];
  const headers: string[] = [];
  const uploads: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const w = args[i]!;
    const a = w.text;
    if (a === '--') { positionals.push(...args.slice(i + 1)); break; }
    if (a.startsWith('-') && a.length > 1 && !/^-\d/.test(a)) {
      const eq = a.indexOf('=');
      const name = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
      const inline = a.startsWith('--') && eq > 0 ? { text: a.slice(eq + 1), literal: w.literal } : undefined;
      if (HTTPIE_VALUE.has(name)) {
        const value = inline ?? args[++i];
        if (!value) continue;
        if (name === '-a' || name === '--auth' || name === '--bearer') authenticated = true;
        else if (name === '-o' || name === '--output') output = value.text;
        else if (name === '--raw') bodies.push({ kind: 'text', text: value.text, literal: value.literal });
      } else if (name === '-d' || name === '--download') download = true;
      else if (name === '-f' || name === '--form' || name === '--multipart') form = true;
      else if (/^-[a-zA-Z]+$/.test(a) && a.includes('d') && !a.startsWith('--')) download = true;
      continue;
    }
    positionals.push(w);
  }
  let method: string | undefined;
  if (positionals.length >= 2 && METHODS.has(positionals[0]!.text.toUpperCase()) && /^[A-Za-z]+$/.test(positionals[0]!.text)) {
    method = positionals.shift()!.text.toUpperCase();
  }
  const urlWord = positionals.shift();
  if (urlWord && !urlWord.literal) opaque = true;
  const data: Record<string, unknown> = {};
  let hasData = false;
  for (const item of positionals) {
    const t = item.text;
    const m = /^((?:[^\\:=@]|\\.)*)(:=@|=@|==|:=|@|=|:)(.*)$/s.exec(t);
    if (!m) continue;
    const [, key, sep, value] = m;
    switch (sep) {
      case ':':
        headers.push(`${key}:${value}`);
        if (AUTH_HEADER.test(`${key}:`)) authenticated = true;
        break;
      case '==':
        break;
      case '=':
        data[key!] = value;
        hasData = true;
        break;
      case ':=':
        try { data[key!] = JSON.parse(value!); } catch { data[key!] = value; }
        hasData = true;
        break;
      case '=@': case ':=@':
        bodies.push({ kind: 'file', path: value! });
        hasData = true;
        break;
      case '@':
        uploads.push(value!);
        hasData = true;
        form = true;
        break;
    }
  }
  if (hasData && Object.keys(data).length) bodies.push({ kind: 'text', text: form ? new URLSearchParams(data as Record<string, string>).toString() : JSON.stringify(data), literal: positionals.every((p) => p.literal) });
  if (!bodies.length && cmd.stdin && !hasData) {
    const b = stdinBody(cmd.stdin);
    if (b.kind !== 'stdin' || cmd.stdin.kind === 'pipe') bodies.push(b);
  }
  let url = urlWord?.text;
  if (url && /^:(\d|\/|$)/.test(url)) url = `http://localhost${url}`;
  const finalMethod = method ?? (bodies.length || uploads.length ? 'POST' : 'GET');
  return finish('httpie', finalMethod, method !== undefined, url ? [url] : [], headers, bodies, uploads,
    output ?? (download ? remoteFileName(url) : undefined), false, authenticated, opaque);
}

// ---- PowerShell -------------------------------------------------------------------------------

function parsePowerShell(cmd: SimpleCommand): HttpRequest {
  const args = cmd.args;
  let method: string | undefined;
  let output: string | undefined;
  let authenticated = false;
  let opaque = false;
  const urls: string[] = [];
  const bodies: HttpBody[] = [];
  const headers: string[] = [];
  const uploads: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const w = args[i]!;
    const a = w.text;
    const m = /^-([A-Za-z]+)(?::(.*))?$/.exec(a);
    if (m) {
      const name = m[1]!.toLowerCase();
      const value = m[2] !== undefined ? { text: m[2], literal: w.literal } : ['usebasicparsing', 'skipcertificatecheck', 'passthru', 'disablekeepalive', 'usedefaultcredentials', 'allowunencryptedauthentication', 'resume', 'skipheadervalidation'].includes(name) ? undefined : args[++i];
      if (!value) continue;
      if (name === 'method' || name === 'custommethod') { method = value.text.toUpperCase(); if (!value.literal) opaque = true; }
      else if (name === 'uri') urls.push(value.text);
      else if (name === 'body') bodies.push({ kind: 'text', text: value.text, literal: value.literal });
      else if (name === 'infile') uploads.push(value.text);
      else if (name === 'outfile') output = value.text;
      else if (name === 'headers') { headers.push(value.text); if (/authorization|api-?key|token/i.test(value.text)) authenticated = true; }
      else if (name === 'credential' || name === 'token' || name === 'authentication') authenticated = true;
      continue;
    }
    urls.push(a);
    if (!w.literal) opaque = true;
  }
  const finalMethod = method ?? (bodies.length || uploads.length ? 'POST' : 'GET');
  return finish('powershell', finalMethod, method !== undefined, urls, headers, bodies, uploads, output, false, authenticated, opaque);
}

// ---- common -----------------------------------------------------------------------------------

function finish(tool: HttpTool, method: string, explicit: boolean, urls: string[], headers: string[], bodies: HttpBody[], uploads: string[],
  output: string | undefined, writesMany: boolean, authenticated: boolean, opaque: boolean): HttpRequest {
  const first = urls.find((u) => u && !u.startsWith('-'));
  const url = first ? withScheme(first) : undefined;
  return {
    tool, method: method.toUpperCase(), methodExplicit: explicit,
    urls, url, host: url ? urlHost(url) : undefined, opaque: opaque || !first, headers, bodies, uploads, output, writesMany,
    authenticated: authenticated || headers.some((h) => AUTH_HEADER.test(h)),
  };
}

function withScheme(u: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(u)) return u;
  return `http://${u.replace(/^\/\//, '')}`;
}

/** Lower-case host of a URL (no port, no user info); brackets kept for IPv6. */
export function urlHost(url: string): string | undefined {
  const m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)/i.exec(url);
  const h = m?.[1]?.toLowerCase();
  return h || undefined;
}

/** The path of a URL without query or fragment, always starting with `/`. */
export function urlPath(url: string): string {
  const m = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*([^?#]*)/i.exec(url);
  const p = m?.[1] ?? '';
  return p.startsWith('/') ? p : `/${p}`;
}

export function parseHttpRequest(cmd: SimpleCommand): HttpRequest | undefined {
  switch (cmd.program) {
    case 'curl': return parseCurl(cmd);
    case 'wget': case 'wget2': return parseWget(cmd);
    case 'http': case 'https': case 'xh': case 'xhs': return parseHttpie(cmd);
    default:
      if (/^(invoke-webrequest|invoke-restmethod|iwr|irm)$/i.test(cmd.program)) return parsePowerShell(cmd);
      return undefined;
  }
}

/** Body texts of the request that are present in the command line or on stdin. */
export const bodyTexts = (r: HttpRequest): string[] => r.bodies.flatMap((b) => (b.kind === 'text' ? [b.text] : []));
