// Rule family: execution. Code whose content Airlock cannot see before it runs: downloads piped
// into a shell, decoded payloads, command names and scripts built at run time, interpreter
// one-liners, and commands scheduled to run later.
import { decodedPayloads, SWEEPS_CWD, type CodeEffect, type Language } from '../code-scan.js';
import { codeEffects, inlineCode, type Code } from '../interpreter-code.js';
import { fileNote, hasNotes, noteFile } from '../flow.js';
import { destructiveVerb, parseGraphqlBody } from '../graphql.js';
import { urlHost } from '../http-request.js';
import { maxRisk, type Finding, type Risk, type Tag, type Target } from '../model.js';
import { classifyShellText, decodeBase64, decodeEscapes, decodeHex, type SnippetVerdict } from '../snippet.js';
import type { SimpleCommand } from '../shell/command.js';
import { literalStdin } from '../shell/unwrap.js';
import { decodePipeline, isDecoder, upstream } from '../shell/decode.js';
import { INTERPRETERS, SHELLS } from '../programs.js';
import { placeOf } from '../generic/place.js';
import { isSecretPath } from '../secret-files.js';
import type { CommandView, Rule } from './rule.js';

const SHELL_PROGRAMS = [...SHELLS, 'busybox'];
const INTERPRETER_NAMES = Object.keys(INTERPRETERS);

/** Programs whose output is content from the network. */
const DOWNLOADERS = new Set(['curl', 'wget', 'wget2', 'fetch', 'http', 'https', 'xh', 'xhs', 'aria2c', 'lwp-request', 'GET', 'lynx', 'links', 'w3m',
  'iwr', 'irm', 'Invoke-WebRequest', 'Invoke-RestMethod', 'nc', 'ncat', 'netcat', 'socat', 'ftp', 'tftp', 'gh', 'aws', 'gsutil', 'gcloud', 'az', 'rclone', 'b2', 'mc', 's3cmd']);
const DOWNLOAD_IN_TEXT = /(?:\$\(|`|<\()\s*(?:\S*\/)?(?:curl|wget2?|fetch|aria2c|lwp-request|iwr|irm|Invoke-WebRequest|Invoke-RestMethod|nc|ncat)\b|\b(?:DownloadString|DownloadFile|Net\.WebClient)\b/i;
/** Tools whose `eval "$(tool …)"` / `source <(tool …)` output is conventional shell setup. */
const ENV_SCRIPT = /(^|\/)(bin\/activate(\.(fish|csh|ps1))?|nvm\.sh|asdf\.sh|\.cargo\/env|env\.sh|\.envrc|\.sdkman\/bin\/sdkman-init\.sh|conda\.sh|google-cloud-sdk\/path\.\w+\.inc)$/;
const ENV_SETUP = new Set(['ssh-agent', 'pyenv', 'pyenv-virtualenv', 'rbenv', 'nodenv', 'goenv', 'jenv', 'plenv', 'phpenv', 'direnv', 'brew', 'conda', 'mamba',
  'micromamba', 'starship', 'zoxide', 'fnm', 'mise', 'rtx', 'asdf', 'opam', 'thefuck', 'dircolors', 'gpg-agent', 'keychain', 'minikube', 'docker-machine',
  'luarocks', 'register-python-argcomplete', 'kubectl', 'helm', 'gh', 'npm', 'pip', 'pip3', 'poetry', 'rustup', 'deno', 'bun', 'volta', 'atuin', 'mcfly',
  'oh-my-posh', 'fzf', 'navi', 'broot', 'pdm', 'uv', 'rye', 'pipx', 'hatch', 'kind', 'k3d', 'doctl', 'flux', 'argocd', 'stern', 'kustomize', 'terraform',
  'gcloud', 'aws_completer', 'op', 'chezmoi', 'just', 'task', 'nix', 'devbox', 'hugo', 'cargo', 'dotnet', 'goreleaser', 'rg', 'tailscale', 'podman', 'docker',
  'glab', 'jj', 'aws-vault', 'sdk', 'tmuxifier', 'resize', 'locale', 'ssh-add', 'perl', 'dbus-launch', 'gnome-keyring-daemon', 'brew', 'pkg-config']);
/** Conventional variables that hold a tool's name: `$EDITOR file`, `$PYTHON -m pytest`. */
const TOOL_VARIABLES = /^\$\{?(EDITOR|VISUAL|PAGER|SHELL|PYTHON\d?|PIP|CC|CXX|CPP|LD|AR|MAKE|GO|NODE|NPM|YARN|PNPM|JAVA|JAVAC|MVN|GRADLE|RUBY|BUNDLE|PERL|PHP|CARGO|RUSTC|DOCKER|KUBECTL|HELM|TERRAFORM|BROWSER|OPENER|CMAKE|NINJA|PKG_CONFIG|npm_execpath|npm_node_execpath|BUN|DENO|UV|POETRY)\}?$/;
/** A run-time directory that conventionally holds tools, followed by a literal path to the program. */
const TOOL_DIRECTORY = /^"?(?:\$\{?(?:VIRTUAL_ENV|CONDA_PREFIX|JAVA_HOME|GOPATH|GOBIN|GOROOT|CARGO_HOME|RUSTUP_HOME|ANDROID_HOME|ANDROID_SDK_ROOT|NVM_DIR|PYENV_ROOT|HOMEBREW_PREFIX|XDG_[A-Z_]+|TMPDIR|M2_HOME|MAVEN_HOME|GRADLE_HOME|FLUTTER_ROOT|DENO_INSTALL|BUN_INSTALL|PNPM_HOME|VOLTA_HOME|SDKMAN_DIR|NODE_HOME|PROJECT_ROOT|REPO_ROOT|ROOT_DIR|WORKSPACE|GITHUB_WORKSPACE|SCRIPT_DIR|SCRIPTDIR|DIR|BASEDIR|BASE_DIR|HERE|TOP|SRCDIR)\}?|\$\((?:npm|yarn|pnpm) bin\)|\$\(git rev-parse --show-toplevel\)|\$\(pwd\)|\$\(dirname [^)]*\)|\$\((?:which|command -v) [\w.-]+\)|\$\(brew --prefix(?: [\w@.-]+)?\)|\$\(go env GOPATH\))"?(\/[\w./@+-]+)"?(?=\s|$)/;
const CONVENTIONAL_ARGS_OK = /^(?!.*(?:\s|^)-[a-zA-Z]*[rR][a-zA-Z]*f|.*(?:\s|^)-[a-zA-Z]*f[a-zA-Z]*[rR])/;

const REGENERABLE = /(^|\/)(node_modules|dist|build|out|target|\.next|\.nuxt|coverage|__pycache__|\.cache|\.pytest_cache|\.mypy_cache|\.ruff_cache|\.turbo|\.parcel-cache|\.venv|venv|tmp|\.tox|\.gradle|bin|obj)(\/|$)/;

const RCE_TAGS: Tag[] = ['remote-code-execution', 'untrusted-source'];
const RCE_ALTERNATIVES = ['Download the script to a file, read it (and check its checksum or signature), then run the file'];

// ---- helpers ----------------------------------------------------------------------------------

const isDownloader = (c: SimpleCommand): boolean => {
  if (!DOWNLOADERS.has(c.program)) return false;
  const a = c.args.map((w) => w.text);
  switch (c.program) {
    case 'aws': return a.includes('s3') && a.includes('cp') && a.includes('-');
    case 'gsutil': return a.includes('cat');
    case 'gcloud': return a.includes('storage') && a.includes('cat');
    case 'az': return a.includes('download');
    case 'gh': return a[0] === 'api' || (a[0] === 'gist' && a[1] === 'view') || (a[0] === 'release' && a[1] === 'download');
    case 'rclone': case 'mc': case 'b2': case 's3cmd': return a.includes('cat') || a.includes('get');
    case 'nc': case 'ncat': case 'netcat': case 'socat': return true;
    default: return true;
  }
};

/** The program names run inside `$(…)`, backquotes and `<(…)` in a string. */
function substitutedPrograms(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(?:\$\(|`|<\()\s*(?:[A-Za-z_]\w*=\S*\s+)*([^\s)`;|&]+)/g)) out.push(m[1]!.replace(/^.*\//, ''));
  return out;
}

function onlyEnvSetup(text: string): boolean {
  const progs = substitutedPrograms(text);
  if (!progs.length) return false;
  const rest = text.replace(/\$\([^()]*(?:\([^()]*\)[^()]*)*\)|`[^`]*`|<\([^()]*\)/g, '').trim();
  return progs.every((p) => ENV_SETUP.has(p) || /completion|shellenv|init|hook|activate|env$/.test(p)) && !/\$\{?[A-Za-z_]/.test(rest);
}

/** True when the whole text is one run-time expansion: `$X`, `${X}`, `$(…)`, a backquoted command. */
const WHOLLY_OPAQUE = /^\s*(?:"?\$\{?[A-Za-z_@*][A-Za-z0-9_]*\}?"?|"?\$\(.*\)"?|"?`.*`"?)\s*$/s;

function verdictFinding(ruleId: string, base: Risk, v: SnippetVerdict | undefined, summary: string, extraTags: Tag[], alternatives?: string[]): Finding {
  const risk = v ? maxRisk(base, v.risk) : base;
  const tags = [...new Set<Tag>([...extraTags, ...(v?.tags ?? [])])];
  const remoteDestructive = !!v?.remoteDestructive;
  return {
    ruleId, risk: remoteDestructive ? maxRisk(risk, 'high') : risk, effect: 'execute', summary: v ? `${summary}, which ${v.what}` : summary,
    tags, reversibility: tags.includes('irreversible') ? 'irreversible' : v ? 'recoverable' : 'reversible', alternatives,
    remote: remoteDestructive ? { identifiers: [], destructive: true } : undefined,
  };
}

const snippetOpts = (v: CommandView) => ({ isCriticalRoot: (p: string) => !/\$/.test(p) && v.isCriticalRoot(p) });

/** A marker command emitted by the unwrapper for a run-time string (`eval "$X"`, `bash -c "$CMD"`). */
const isMarker = (cmd: SimpleCommand): boolean => !!cmd.ctx.opaqueName && cmd.ctx.via.length > 0 && cmd.program === cmd.ctx.via[cmd.ctx.via.length - 1];

// ---- download → execute -----------------------------------------------------------------------

function pipedCode(v: CommandView, readsStdinCode: boolean): Finding | undefined {
  if (!readsStdinCode || v.cmd.stdin?.kind !== 'pipe') return undefined;
  const chain = upstream(v.cmd);
  const dl = chain.find(isDownloader);
  const name = v.program;
  if (dl) {
    const url = dl.args.find((w) => /^(https?|ftp):\/\//i.test(w.text))?.text ?? dl.args.find((w) => !w.text.startsWith('-'))?.text ?? '?';
    const host = urlHost(url);
    const privileged = v.cmd.ctx.privileged;
    return {
      ruleId: 'execution.download-exec', risk: 'critical', effect: 'execute',
      summary: `downloads code from ${url} with ${dl.program} and runs it with ${name}${privileged ? ' as root' : ''}, unseen`,
      targets: [{ kind: 'url', name: url }, ...(host ? [{ kind: 'host', name: host } as Target] : [])],
      reversibility: 'irreversible', tags: [...RCE_TAGS, ...(privileged ? ['privilege' as Tag] : [])], alternatives: RCE_ALTERNATIVES,
    };
  }
  if (chain.some(isDecoder)) {
    const decoded = decodePipeline(chain);
    // A payload the line itself decodes is run through the whole engine (the unwrapper hands it to the shell);
    // hiding it is medium at least. A payload that cannot be decoded here is high.
    if (decoded !== undefined) {
      return { ruleId: 'execution.decoded-exec', risk: 'medium', effect: 'execute', summary: `decodes a hidden command (${JSON.stringify(decoded.slice(0, 80))}) and runs it with ${name}`, tags: ['obfuscation'], reversibility: 'recoverable' };
    }
    return verdictFinding('execution.decoded-exec', 'high', undefined, `decodes hidden code and runs it with ${name}`, ['obfuscation']);
  }
  const head = chain[chain.length - 1]!;
  const producer = chain[0]!;
  if ((producer.program === 'echo' || producer.program === 'printf') && chain.length === 1) {
    if (producer.args.every((w) => w.literal)) return undefined; // the unwrapper parsed it
    const text = producer.args.map((w) => w.text).join(' ');
    if (DOWNLOAD_IN_TEXT.test(text)) return { ruleId: 'execution.download-exec', risk: 'critical', effect: 'execute', summary: `runs downloaded code with ${name}`, reversibility: 'irreversible', tags: RCE_TAGS, alternatives: RCE_ALTERNATIVES };
    return verdictFinding('execution.opaque-script', WHOLLY_OPAQUE.test(text) ? 'high' : 'medium', classifyShellText(text, snippetOpts(v)), `runs ${name} on commands only known at run time (${text.slice(0, 80)})`, ['obfuscation']);
  }
  if (head.program === 'cat' && chain.length === 1) {
    const file = head.args.find((w) => !w.text.startsWith('-'));
    if (!file) return undefined;
    const note = fileNote(v.ctx, v.resolve(file.text));
    if (note?.downloaded) return downloadedScript(v, file.text, note.origin);
    if (note?.content !== undefined) return undefined;
    return undefined;
  }
  return {
    ruleId: 'execution.generated-script', risk: 'high', effect: 'execute',
    summary: `runs whatever ${chain.map((c) => c.program).reverse().join(' | ')} prints as ${name} commands`,
    reversibility: 'recoverable', tags: ['obfuscation'],
    alternatives: ['Print the generated commands first and run them after reading them'],
  };
}

function downloadedScript(v: CommandView, file: string, origin: string): Finding {
  return {
    // Downloading and running in one command is `curl … | sh` with an extra file: nothing reads it in between.
    ruleId: 'execution.downloaded-script', risk: 'critical', effect: 'execute',
    summary: `runs ${file}, downloaded from ${origin} earlier in the same command, without it being read first`,
    targets: [{ kind: 'path', name: v.resolve(file) }, { kind: 'url', name: origin }],
    reversibility: 'irreversible', tags: ['untrusted-source', 'remote-code-execution'], alternatives: RCE_ALTERNATIVES,
  };
}

/** `bash <(curl …)`, `python <(wget -qO- …)`, `source <(curl …)`. */
function substitutedScript(v: CommandView): Finding | undefined {
  for (const w of v.words) {
    if (w.literal || !w.text.startsWith('<(')) continue;
    if (DOWNLOAD_IN_TEXT.test(w.text)) {
      return {
        ruleId: 'execution.download-exec', risk: 'critical', effect: 'execute',
        summary: `downloads code (${w.text.slice(0, 100)}) and runs it with ${v.program}, unseen`,
        reversibility: 'irreversible', tags: RCE_TAGS, alternatives: RCE_ALTERNATIVES,
      };
    }
    if (onlyEnvSetup(w.text)) return undefined;
    return {
      ruleId: 'execution.opaque-script', risk: 'high', effect: 'execute',
      summary: `runs the output of ${w.text.slice(0, 80)} as ${v.program} code`, reversibility: 'recoverable', tags: ['obfuscation'],
    };
  }
  return undefined;
}

// ---- shells -----------------------------------------------------------------------------------

/** True when a shell invocation reads its commands from stdin. */
function shellReadsStdin(v: CommandView): boolean {
  for (let i = 0; i < v.args.length; i++) {
    const a = v.args[i]!;
    if (a === '--') return i + 1 >= v.args.length || v.args[i + 1] === '-';
    if (/^-[a-zA-Z]*c[a-zA-Z]*$/.test(a)) return false;
    if (/^-[a-zA-Z]*s[a-zA-Z]*$/.test(a)) return true;
    if (a === '-o' || a === '+o' || a === '-O' || a === '+O' || a === '--rcfile' || a === '--init-file') { i++; continue; }
    if (a === '-' || a === '/dev/stdin') return true;
    if (a.startsWith('-') || a.startsWith('+')) continue;
    return false;
  }
  return true;
}

function scriptArg(v: CommandView): string | undefined {
  for (let i = 0; i < v.args.length; i++) {
    const a = v.args[i]!;
    if (a === '--') return v.args[i + 1];
    if (/^-[a-zA-Z]*c[a-zA-Z]*$/.test(a)) return undefined;
    if (a === '-o' || a === '+o' || a === '-O' || a === '+O' || a === '--rcfile' || a === '--init-file') { i++; continue; }
    if (a.startsWith('-') || a.startsWith('+')) continue;
    return v.isOpaque(i) ? undefined : a;
  }
  return undefined;
}

const shellRule: Rule = {
  id: 'execution.shell',
  programs: SHELL_PROGRAMS,
  description: 'Shells reading code from a download, a decoder, a generated pipeline or a process substitution',
  check(v) {
    if (v.program === 'busybox' && !SHELLS.has(v.args[0] ?? '')) return undefined;
    const sub = substitutedScript(v);
    if (sub) return sub;
    const piped = pipedCode(v, shellReadsStdin(v));
    if (piped) return piped;
    const script = scriptArg(v);
    if (script && hasNotes(v.ctx)) {
      const note = fileNote(v.ctx, v.resolve(script));
      if (note?.downloaded) return downloadedScript(v, script, note.origin);
    }
    return undefined;
  },
};

const sourceRule: Rule = {
  id: 'execution.source',
  programs: ['source', '.'],
  // Environment set-up scripts (a virtualenv's activate, nvm.sh, `<(kubectl completion zsh)`) are recognised.
  complete: (v) => ENV_SCRIPT.test(v.args[0] ?? '') || (v.isOpaque(0) && onlyEnvSetup(v.args[0]!)),
  description: 'source / . of downloaded or generated code',
  check(v) {
    const sub = substitutedScript(v);
    if (sub) return { ...sub, ruleId: sub.ruleId };
    const file = v.args[0];
    if (!file) return undefined;
    if ((file === '/dev/stdin' || file === '-') && v.cmd.stdin?.kind === 'pipe') return pipedCode(v, true);
    if (v.isOpaque(0) && DOWNLOAD_IN_TEXT.test(file)) {
      return { ruleId: 'execution.download-exec', risk: 'critical', effect: 'execute', summary: `sources downloaded code (${file.slice(0, 80)})`, reversibility: 'irreversible', tags: RCE_TAGS, alternatives: RCE_ALTERNATIVES };
    }
    if (hasNotes(v.ctx)) {
      const note = fileNote(v.ctx, v.resolve(file));
      if (note?.downloaded) return downloadedScript(v, file, note.origin);
    }
    return undefined;
  },
};

// ---- opaque names and run-time strings ---------------------------------------------------------

function guessName(program: string): string | undefined {
  const echo = /^\$\(\s*(?:echo|printf)\s+(?:-[neE]+\s+)?['"]?([^'"|)]+?)['"]?\s*\)$/.exec(program);
  if (echo) return decodeEscapes(echo[1]!);
  const b64 = /^\$\(\s*(?:echo|printf)\s+(?:-n\s+)?['"]?([A-Za-z0-9+/=]+)['"]?\s*\|\s*base64\s+(?:-d|--decode|-D)\s*\)$/.exec(program);
  if (b64) return decodeBase64(b64[1]!)?.trim();
  const rev = /^\$\(\s*(?:echo|printf)\s+(?:-n\s+)?['"]?([^'"|)]+)['"]?\s*\|\s*rev\s*\)$/.exec(program);
  if (rev) return [...rev[1]!].reverse().join('').trim();
  return undefined;
}

const opaqueRule: Rule = {
  id: 'execution.opaque',
  programs: 'any',
  description: 'Command names and scripts only known at run time (`$X -rf /`, `eval "$CMD"`, `sh -c "$(…)"`)',
  check(v) {
    const c = v.cmd.ctx;
    if (!c.opaqueName && !c.indirectName) {
      // `./install.sh` after `curl -o install.sh …`: a downloaded file run by path.
      if (!hasNotes(v.ctx)) return undefined;
      const first = /^\s*(\S+)/.exec(v.cmd.source)?.[1];
      if (!first || !first.includes('/')) return undefined;
      const note = fileNote(v.ctx, v.resolve(first));
      return note?.downloaded ? downloadedScript(v, first, note.origin) : undefined;
    }
    if (isMarker(v.cmd)) return markerFinding(v);
    if (!c.opaqueName) {
      return {
        // Resolved indirection: the resolved command is judged by the rules; hiding it is never below medium.
        ruleId: 'execution.indirect-name', risk: 'medium', effect: 'execute',
        summary: `runs ${v.program}, named indirectly (${v.cmd.source.split(/\s/, 1)[0]!.slice(0, 40)})`, tags: ['obfuscation'], reversibility: 'reversible',
      };
    }
    const name = v.program;
    const args = v.args.join(' ');
    const dir = TOOL_DIRECTORY.exec(v.cmd.source.trim());
    if (dir) {
      // `$(npm bin)/eslint`, `$VIRTUAL_ENV/bin/python`: a known tool directory plus a visible program name.
      const tool = dir[1]!.replace(/^.*\//, '');
      const verdict = classifyShellText(`${tool} ${args}`, snippetOpts(v));
      return verdictFinding('execution.opaque-name', 'medium', verdict, `runs ${tool} from a directory only known at run time (${name.slice(0, 60)})`, []);
    }
    const guessed = guessName(name);
    const text = `${guessed ?? 'rm'} ${args}`;
    const verdict = guessed !== undefined ? classifyShellText(text, snippetOpts(v)) : /(^|\s)-[a-zA-Z]*[rR]|--recursive/.test(args) ? classifyShellText(text, snippetOpts(v)) : undefined;
    if (DOWNLOAD_IN_TEXT.test(name)) {
      return { ruleId: 'execution.download-exec', risk: 'critical', effect: 'execute', summary: `runs a command named by downloaded content (${name.slice(0, 80)})`, reversibility: 'irreversible', tags: RCE_TAGS, alternatives: RCE_ALTERNATIVES };
    }
    if (!verdict && TOOL_VARIABLES.test(name) && CONVENTIONAL_ARGS_OK.test(args)) {
      return { ruleId: 'execution.opaque-name', risk: 'medium', effect: 'execute', summary: `runs the program named by ${name}`, tags: ['obfuscation'], reversibility: 'recoverable' };
    }
    return verdictFinding('execution.opaque-name', 'high', verdict,
      guessed !== undefined ? `runs ${guessed} through a disguised command name (${name.slice(0, 60)})` : `runs a command whose name is only known at run time (${name.slice(0, 60)}${args ? ' ' + args.slice(0, 60) : ''})`,
      ['obfuscation']);
  },
};

/** What `$(echo …)`, `` `printf …` `` print when that is all the text is: `eval "$(echo 'rm -rf ~')"` runs rm -rf ~. */
const ECHOED = /^(?:\$\(|`)\s*(echo|printf)\s+(?:-[neE]+\s+)?([^`$|;&()<>]*?)\s*(?:\)|`)$/;
function echoedText(text: string): string | undefined {
  const m = ECHOED.exec(text.trim());
  if (!m) return undefined;
  let body = m[2]!;
  const q = /^(['"])(.*)\1$/s.exec(body);
  body = q && !q[2]!.includes(q[1]!) ? q[2]! : body.replace(/['"]/g, '');
  if (m[1] === 'printf' && body.includes('%')) return undefined;
  return m[1] === 'printf' || /\\/.test(body) ? decodeEscapes(body) : body;
}

function markerFinding(v: CommandView): Finding | undefined {
  const text = v.cmd.args[0]?.text ?? v.cmd.source;
  const via = v.program;
  if (DOWNLOAD_IN_TEXT.test(text)) {
    return {
      ruleId: 'execution.download-exec', risk: 'critical', effect: 'execute', summary: `downloads code (${text.slice(0, 100)}) and runs it through ${via}, unseen`,
      reversibility: 'irreversible', tags: RCE_TAGS, alternatives: RCE_ALTERNATIVES,
    };
  }
  if (onlyEnvSetup(text)) return undefined;
  const decoded = /base64\s+(?:-d|--decode|-D)|xxd\s+-r|\\x[0-9a-f]{2}|openssl\s+(?:base64|enc)/i.test(text);
  const b64 = /(?:echo|printf)\s+(?:-n\s+)?['"]?([A-Za-z0-9+/=]{8,})['"]?\s*\|\s*base64\s+(?:-d|--decode|-D)/.exec(text);
  const inner = b64 ? decodeBase64(b64[1]!) : echoedText(text);
  const verdict = classifyShellText(inner ?? text, snippetOpts(v));
  const opaque = WHOLLY_OPAQUE.test(text) || decoded;
  return verdictFinding('execution.opaque-script', opaque ? 'high' : 'medium', verdict,
    `runs code assembled at run time through ${via} (${text.slice(0, 80)})`, opaque ? ['obfuscation'] : []);
}

// ---- interpreters -----------------------------------------------------------------------------


/** Code that reads the environment (where tokens live). */
const ENV_IN_CODE = /os\.environ|os\.getenv|process\.env|\bENV\[|\bENV\.(to_h|to_a|to_hash|each|map|keys|values|inspect|select|filter|fetch)\b|%ENV\b|\$ENV\{|getenv\(|Deno\.env|System\.getenv|\$_ENV|\$_SERVER\[/;
const PRODUCTION_IN_CODE = /['"][^'"\n]*\b(prod|production|live)\b[^'"\n]*['"]|['"][\w.-]*-prod(-[\w.-]*)?['"]/i;
const NON_PRODUCTION_IN_CODE = /['"][^'"\n]*\b(staging|stage|dev|development|test|local)\b[^'"\n]*['"]/i;

/** Framework shells that run code against the app's database: `rails runner`, `manage.py shell -c`, `artisan tinker --execute`. */
function frameworkCode(v: CommandView): { lang: Language; code: Code } | undefined {
  const pos = v.positionals();
  if (v.program === 'rails' && (pos[0] === 'runner' || pos[0] === 'r') && pos[1]) return { lang: 'ruby', code: { text: pos[1], literal: !v.isOpaque(v.args.indexOf(pos[1])), from: 'rails runner' } };
  if (INTERPRETERS[v.program] === 'python' && /(^|\/)manage\.py$/.test(pos[0] ?? '') && pos[1] === 'shell') {
    const c = v.value('-c', '--command');
    return c ? { lang: 'python', code: { text: c, literal: true, from: 'manage.py shell' } } : undefined;
  }
  if (v.program === 'php' && /(^|\/)artisan$/.test(pos[0] ?? '') && pos[1] === 'tinker') {
    const c = v.value('--execute');
    return c ? { lang: 'php', code: { text: c, literal: true, from: 'artisan tinker' } } : undefined;
  }
  return undefined;
}

const frameworkRule: Rule = {
  id: 'execution.framework-shell',
  programs: ['rails', 'php', ...Object.keys(INTERPRETERS).filter((p) => INTERPRETERS[p] === 'python')],
  description: 'Framework shells running code against the app (rails runner, manage.py shell -c, artisan tinker --execute): ORM deletes by environment',
  complete: (v) => frameworkCode(v) !== undefined,
  check(v) {
    const fw = frameworkCode(v);
    return fw ? codeFindings(v, fw.lang, fw.code) : undefined;
  },
};

/** The code an interpreter invocation runs inline: `-c`, `-e`, `-r`, `eval`, a heredoc or piped literal. */
const interpreterRule: Rule = {
  id: 'execution.interpreter',
  programs: INTERPRETER_NAMES,
  // Inline code is scanned: no finding means no file, process, network or eval effect in it.
  complete: (v) => inlineCode(v, INTERPRETERS[v.program]!) !== undefined,
  description: 'Interpreter one-liners and piped code (python -c, node -e, perl -e, ruby -e, php -r, pwsh -Command): deletion, process execution, network calls',
  check(v) {
    const lang = INTERPRETERS[v.program]!;
    const sub = substitutedScript(v);
    if (sub) return sub;
    if (lang === 'node' && v.program === 'deno' && v.args[0] === 'run') return denoRemote(v);
    const code = inlineCode(v, lang);
    if (code === undefined) {
      const script = v.positionals()[0];
      if (script && hasNotes(v.ctx)) {
        const note = fileNote(v.ctx, v.resolve(script));
        if (note?.downloaded) return downloadedScript(v, script, note.origin);
      }
      return undefined;
    }
    let codes: Code[];
    if (code === 'stdin') {
      const piped = pipedCode(v, true);
      if (piped) return piped;
      const lit = literalStdin(v.cmd.stdin);
      if (!lit) return undefined;
      codes = [{ text: lit.text, literal: lit.literal, from: `${v.program} reading ${v.cmd.stdin?.kind === 'document' ? 'a heredoc' : 'piped code'}` }];
    } else codes = code;
    const findings: Finding[] = [];
    for (const c of codes) findings.push(...codeFindings(v, lang, c));
    return findings;
  },
};

function denoRemote(v: CommandView): Finding | undefined {
  const target = v.positionals().slice(1).find((a) => !a.startsWith('-'));
  if (!target || !/^https?:\/\//.test(target)) return undefined;
  const all = v.has('-A', '--allow-all') || v.has('--allow-run') || v.has('--allow-write');
  return {
    ruleId: 'execution.remote-module', risk: all ? 'high' : 'medium', effect: 'execute',
    summary: `runs a module straight from ${target}${all ? ' with broad permissions' : ' in the Deno sandbox'}`,
    targets: [{ kind: 'url', name: target }], reversibility: 'recoverable', tags: ['untrusted-source'],
  };
}

function codeFindings(v: CommandView, lang: Language, code: Code): Finding[] {
  const text = code.text;
  if (DOWNLOAD_IN_TEXT.test(text) && !code.literal) {
    return [{ ruleId: 'execution.download-exec', risk: 'critical', effect: 'execute', summary: `runs downloaded code with ${code.from}`, reversibility: 'irreversible', tags: RCE_TAGS, alternatives: RCE_ALTERNATIVES }];
  }
  if (!code.literal && WHOLLY_OPAQUE.test(text)) {
    return [{ ruleId: 'execution.interpreter.opaque', risk: 'high', effect: 'execute', summary: `runs ${lang} code only known at run time (${code.from} ${text.slice(0, 60)})`, reversibility: 'recoverable', tags: ['obfuscation'] }];
  }
  // Decoded payloads are code too: `exec(bytes.fromhex('…'))`, `system(pack("H*", "…"))` are judged by what they decode to.
  const effects = codeEffects(text, lang);
  const out: Finding[] = [...graphqlInCode(v, code)];
  if (lang === 'powershell') {
    if (/\b(?:iex|Invoke-Expression)\b/i.test(text) && /\b(?:iwr|irm|Invoke-WebRequest|Invoke-RestMethod|DownloadString|DownloadFile|Net\.WebClient)\b/i.test(text)) {
      out.push({ ruleId: 'execution.download-exec', risk: 'critical', effect: 'execute', summary: `downloads code and runs it with Invoke-Expression (${code.from})`, reversibility: 'irreversible', tags: RCE_TAGS, alternatives: RCE_ALTERNATIVES });
    }
    if (code.from.endsWith('-EncodedCommand')) {
      out.push(verdictFinding('execution.decoded-exec', 'high', classifyShellText(text, snippetOpts(v)), `runs an encoded PowerShell command${code.literal ? ` (${JSON.stringify(text.slice(0, 80))})` : ''}`, ['obfuscation']));
    }
  }
  for (const e of effects) {
    const f = effectFinding(v, lang, code, e);
    if (f) out.push(f);
  }
  if (!code.literal && !out.length) {
    out.push({ ruleId: 'execution.interpreter.opaque', risk: 'medium', effect: 'execute', summary: `runs ${lang} code with run-time values (${code.from})`, reversibility: 'recoverable' });
  }
  // In-place edits: `perl -pi -e … file`.
  if ((lang === 'perl' || lang === 'ruby') && v.args.some((a) => /^-[a-zA-Z]*i/.test(a))) {
    const files = v.positionals().filter((p) => p !== text);
    out.push({ ruleId: 'execution.interpreter.write', risk: 'medium', effect: 'write', summary: `edits ${files.join(' ') || 'files'} in place with ${v.program}`, targets: files.map((f) => ({ kind: 'path', name: v.resolve(f) })), reversibility: 'recoverable' });
  }
  return out;
}

/** A GraphQL mutation sent from a one-liner (`requests.post(url, json={'query': 'mutation { volumeDelete… }'})`). */
function graphqlInCode(v: CommandView, code: Code): Finding[] {
  if (!/\bmutation\b/.test(code.text)) return [];
  const url = /https?:\/\/[^\s'"`)]+/.exec(code.text)?.[0];
  const req = parseGraphqlBody(code.text.slice(code.text.search(/\bmutation\b/)).replace(/\\"/g, '"'));
  const out: Finding[] = [];
  for (const op of req?.operations ?? []) {
    if (op.type !== 'mutation') continue;
    for (const f of op.fields) {
      const verb = destructiveVerb(f.name);
      if (!verb) continue;
      const host = url ? urlHost(url) : undefined;
      const ids = f.args.map((a) => a.value).filter((x): x is string => !!x);
      const local = !!host && /^(localhost|127\.|\[::1\])/.test(host);
      out.push({
        ruleId: 'execution.interpreter.graphql', risk: local ? 'medium' : 'high', effect: 'delete',
        summary: `${code.from} sends the GraphQL mutation ${f.name}${ids.length ? ` (${ids.join(', ')})` : ''} to ${host ?? 'an API'}`,
        targets: [...(host ? [{ kind: 'host', name: host } as Target] : []), ...ids.map((i) => ({ kind: 'resource', name: i }) as Target)],
        reversibility: 'irreversible', tags: ['remote-api', 'data-loss', 'irreversible', ...(/volume/i.test(f.name) ? ['volume' as Tag] : []), ...(/backup|volume/i.test(f.name) && host?.includes('railway') ? ['backup' as Tag] : []), ...(/database|db/i.test(f.name) ? ['database' as Tag] : [])],
        remote: { identifiers: local ? [host!] : [...(host ? [host] : []), ...ids], destructive: true },
      });
    }
  }
  return out;
}

function deletionRisk(v: CommandView, target: string | undefined, recursive: boolean): { risk: Risk; tags: Tag[]; path?: string } {
  if (target === undefined) return { risk: recursive ? 'high' : 'medium', tags: recursive ? ['data-loss', 'recursive-delete'] : ['data-loss'] };
  const expanded = target.replace(/^~(?=\/|$)/, v.ctx.home);
  const path = v.resolve(expanded);
  const tags: Tag[] = ['data-loss'];
  if (recursive) tags.push('recursive-delete');
  if (v.isCriticalRoot(expanded)) {
    tags.push('irreversible', path === v.resolve(v.ctx.home) || /^\/(home|Users)$/.test(path) ? 'home-directory' : 'root-filesystem');
    return { risk: recursive ? 'critical' : 'high', tags, path };
  }
  const scope = v.scopeOf(expanded);
  if (scope === 'system') return { risk: recursive ? 'critical' : 'high', tags: [...tags, 'outside-workspace'], path };
  // Destruction outside the workspace is critical (RISK-LEVELS.md), as it is for rm.
  if (scope === 'home') return { risk: recursive ? 'critical' : 'high', tags: [...tags, 'outside-workspace', 'home-directory'], path };
  if (scope === 'outside-workspace') return { risk: recursive ? 'critical' : 'high', tags: [...tags, 'outside-workspace'], path };
  if (REGENERABLE.test(path)) return { risk: 'medium', tags, path };
  return { risk: recursive ? 'high' : 'medium', tags, path };
}

function effectFinding(v: CommandView, lang: Language, code: Code, e: CodeEffect): Finding | undefined {
  switch (e.kind) {
    case 'data': {
      // Where the SDK or ORM acts: the command's environment (DATABASE_URL, AWS_PROFILE, RAILS_ENV…) and names in the code.
      const named = PRODUCTION_IN_CODE.test(code.text) ? 'production' : NON_PRODUCTION_IN_CODE.test(code.text) ? 'non-production' : undefined;
      const place = named ?? placeOf(v);
      const backup = e.backup || /['"][^'"\n]*(backup|snapshot)[^'"\n]*['"]/i.test(code.text);
      const critical = backup || place === 'production' || place === 'unverified';
      const where = backup ? 'backups' : place === 'unverified' ? 'an environment it cannot establish (environment unverified: treated as production)' : place === 'local' ? 'this machine' : place;
      return {
        ruleId: 'execution.interpreter.data-delete', risk: critical ? 'critical' : 'high', effect: 'delete',
        summary: `${code.from} deletes data through ${e.api} in ${where}`,
        reversibility: 'irreversible', tags: ['data-loss', 'irreversible', 'database', ...(backup ? (['backup'] as Tag[]) : []), ...(place === 'production' ? (['production'] as Tag[]) : [])],
      };
    }
    case 'delete': {
      // `for name in os.listdir('.'): shutil.rmtree(name)`: what it deletes is the working directory's contents.
      const d = deletionRisk(v, e.target ?? (SWEEPS_CWD.test(code.text) ? '.' : undefined), e.recursive);
      return {
        ruleId: 'execution.interpreter.delete', risk: d.risk, effect: 'delete',
        summary: `${code.from} deletes ${e.target ?? 'a path computed at run time'}${e.recursive ? ' recursively' : ''} (${e.api})`,
        targets: d.path ? [{ kind: 'path', name: d.path }] : [], reversibility: d.tags.includes('irreversible') ? 'irreversible' : 'recoverable',
        tags: d.tags, destroys: d.path ? [d.path] : undefined, alternatives: ['Move the files to the trash instead of deleting them'],
      };
    }
    case 'exec': {
      if (e.command === undefined) {
        return { ruleId: 'execution.interpreter.exec', risk: 'high', effect: 'execute', summary: `${code.from} runs a process whose command is built at run time (${e.api})`, reversibility: 'recoverable', tags: ['obfuscation'] };
      }
      const verdict = classifyShellText(e.command, snippetOpts(v));
      return verdictFinding('execution.interpreter.exec', 'medium', verdict, `${code.from} runs "${e.command.slice(0, 100)}" (${e.api})`, []);
    }
    case 'network': {
      const host = e.url ? urlHost(e.url) : undefined;
      if (e.method === 'DELETE') {
        return {
          ruleId: 'execution.interpreter.network', risk: 'high', effect: 'delete', summary: `${code.from} sends DELETE ${e.url ?? 'to a URL built at run time'}`,
          targets: host ? [{ kind: 'host', name: host }] : [], reversibility: 'irreversible', tags: ['remote-api', 'data-loss'],
          remote: { identifiers: e.url ? [e.url] : [], destructive: true },
        };
      }
      if (e.method === 'POST' || e.method === 'PUT' || e.method === 'PATCH') {
        // The environment or a secret file sent in the same code: credentials leave the machine.
        const secrets = ENV_IN_CODE.test(code.text) || [...code.text.matchAll(/['"`]([^'"`\s]+)['"`]/g)].some((m) => isSecretPath(m[1]!));
        if (secrets) {
          return {
            ruleId: 'execution.interpreter.exfiltration', risk: 'critical', effect: 'network', summary: `${code.from} sends environment values or secret files to ${e.url ?? 'a URL built at run time'}`,
            targets: host ? [{ kind: 'host', name: host }] : [], reversibility: 'irreversible', tags: ['exfiltration', 'secret-exposure', 'credential', 'remote-api'],
          };
        }
        return { ruleId: 'execution.interpreter.network', risk: 'medium', effect: 'network', summary: `${code.from} sends ${e.method} ${e.url ?? ''}`.trim(), targets: host ? [{ kind: 'host', name: host }] : [], reversibility: 'recoverable', tags: ['remote-api'] };
      }
      return undefined;
    }
    case 'eval':
      if (e.fromNetwork) {
        return { ruleId: 'execution.download-exec', risk: 'critical', effect: 'execute', summary: `${code.from} downloads code and evaluates it (${e.api})`, reversibility: 'irreversible', tags: RCE_TAGS, alternatives: RCE_ALTERNATIVES };
      }
      if (e.decoded) {
        // A payload the line decodes is scanned below as code in its own right; hiding it is medium at least.
        const known = decodedPayloads(code.text, { base64: decodeBase64, hex: decodeHex }).length > 0;
        return { ruleId: 'execution.decoded-exec', risk: known ? 'medium' : 'high', effect: 'execute', summary: `${code.from} decodes hidden code and evaluates it (${e.api})`, reversibility: 'recoverable', tags: ['obfuscation'] };
      }
      return undefined;
    case 'write': {
      if (!e.target) return { ruleId: 'execution.interpreter.write', risk: 'medium', effect: 'write', summary: `${code.from} writes a file (${e.api})`, reversibility: 'recoverable' };
      const path = v.resolve(e.target.replace(/^~(?=\/|$)/, v.ctx.home));
      const scope = v.scopeOf(path);
      return {
        ruleId: 'execution.interpreter.write', risk: scope === 'system' ? 'high' : 'medium', effect: 'write', summary: `${code.from} writes ${e.target} (${e.api})`,
        targets: [{ kind: 'path', name: path }], reversibility: 'recoverable', tags: scope === 'workspace' ? [] : ['outside-workspace'],
      };
    }
    case 'sql': {
      const local = /sqlite/i.test(code.text);
      const ids = [...code.text.matchAll(/(?:postgres(?:ql)?|mysql|mongodb(?:\+srv)?|redis):\/\/[^\s'"]+|host\s*=\s*['"]([^'"]+)['"]/g)].map((m) => m[1] ?? m[0]);
      return {
        ruleId: 'execution.interpreter.sql', risk: 'high', effect: 'delete', summary: `${code.from} runs ${e.statement.slice(0, 80)}`,
        reversibility: 'irreversible', tags: ['database', 'data-loss', 'irreversible'],
        remote: local ? undefined : { identifiers: ids, destructive: true },
      };
    }
  }
}

const osascriptRule: Rule = {
  id: 'execution.osascript',
  programs: ['osascript'],
  complete: true,
  description: 'AppleScript `do shell script` one-liners',
  check(v) {
    const code = v.values('-e').join('\n');
    const m = /do\s+shell\s+script\s+"((?:[^"\\]|\\.)*)"/i.exec(code);
    if (!m) return undefined;
    const cmd = m[1]!.replace(/\\(.)/g, '$1');
    return verdictFinding('execution.osascript', 'medium', classifyShellText(cmd, snippetOpts(v)), `runs "${cmd.slice(0, 100)}" through AppleScript${/administrator privileges/i.test(code) ? ' with administrator privileges' : ''}`,
      /administrator privileges/i.test(code) ? ['privilege'] : []);
  },
};

// ---- deferred execution ------------------------------------------------------------------------

const atRule: Rule = {
  id: 'execution.deferred',
  programs: ['at', 'batch'],
  complete: true,
  description: 'Commands scheduled for later with at/batch',
  check(v) {
    if (v.has('-l', '-r', '-d', '-c', '--list') || v.args.length === 1 && v.args[0] === '-V') return undefined;
    const file = v.value('-f');
    if (file) {
      return { ruleId: 'execution.deferred', risk: 'medium', effect: 'execute', summary: `schedules ${file} to run later with ${v.program}`, targets: [{ kind: 'path', name: v.resolve(file) }], reversibility: 'recoverable', tags: ['deferred-execution', 'persistence'] };
    }
    const lit = literalStdin(v.cmd.stdin);
    if (!lit) {
      const piped = v.cmd.stdin?.kind === 'pipe';
      return { ruleId: 'execution.deferred', risk: piped ? 'high' : 'medium', effect: 'execute', summary: `schedules commands ${piped ? 'generated at run time ' : ''}to run later with ${v.program}`, reversibility: 'recoverable', tags: ['deferred-execution', ...(piped ? ['obfuscation' as Tag] : [])] };
    }
    // A literal payload is unwrapped and judged by the full engine; the deferral itself is medium. Unseen text is high.
    if (lit.literal) return { ruleId: 'execution.deferred', risk: 'medium', effect: 'execute', summary: `schedules "${lit.text.trim().slice(0, 80)}" to run later with ${v.program}`, reversibility: 'recoverable', tags: ['deferred-execution'] };
    return verdictFinding('execution.deferred', 'high', classifyShellText(lit.text, snippetOpts(v)), `schedules "${lit.text.trim().slice(0, 80)}" to run later with ${v.program}`, ['deferred-execution']);
  },
};

const DEFERRED_VIA = new Set(['nohup', 'setsid', 'systemd-run', 'disown', 'at', 'trap']);
const DESTRUCTIVE_PROGRAMS = ['rm', 'shred', 'dd', 'wipefs', 'truncate', 'find', 'mkfs', 'mkfs.ext4', 'mkfs.ext3', 'mkfs.xfs', 'mkfs.btrfs', 'mkfs.vfat', 'mkfs.fat', 'mkfs.ntfs', 'srm', 'unlink', 'rmdir'];

const backgroundRule: Rule = {
  id: 'execution.background',
  programs: DESTRUCTIVE_PROGRAMS,
  description: 'Destructive commands sent to the background or detached (`nohup rm … &`, `(sleep 60; rm -rf x) &`)',
  check(v) {
    const c = v.cmd.ctx;
    const via = c.via.find((x) => DEFERRED_VIA.has(x.split(' ')[0]!));
    if (!c.background && !via && !c.trap) return undefined;
    if (v.program === 'find' && !v.args.includes('-delete')) return undefined;
    return {
      ruleId: 'execution.background', risk: 'medium', effect: 'execute',
      summary: `${v.program} runs ${c.trap ? 'from a trap' : via ? `detached through ${via}` : 'in the background'}, after Airlock's check and out of sight`,
      reversibility: 'recoverable', tags: ['deferred-execution'],
    };
  },
};

// ---- recording downloads written through pipes -------------------------------------------------

const teeRule: Rule = {
  id: 'execution.tee-download',
  programs: ['tee'],
  description: 'Remembers files written from a download (`curl … | tee x.sh`) so running them later is flagged',
  check(v) {
    const chain = upstream(v.cmd);
    const dl = chain.find(isDownloader);
    if (!dl) return undefined;
    const url = dl.args.find((w) => /^(https?|ftp):\/\//i.test(w.text))?.text ?? dl.program;
    for (const f of v.positionals()) noteFile(v.ctx, v.resolve(f), { origin: url, downloaded: true });
    return undefined;
  },
};

// ── history re-execution ─────────────────────────────────────────────────────────────────────────

/** Unquoted history expansion in the source text: `!!`, `!-2`, `!rm`, `!$`, `!*`, `!#`, `!?str`. */
const HISTORY_EXPANSION = /(?:^|[\s;&|(])!(?:!|-?\d|[A-Za-z_.\/$*^#?:])/;
const unquoted = (source: string): string => source.replace(/'[^']*'/g, "''").replace(/"(?:[^"\\]|\\.)*"/g, (m) => m.replace(/!/g, ''));

const historyRule: Rule = {
  id: 'execution.history',
  programs: 'any',
  description: 'Re-runs or reuses earlier command lines from shell history (`!!`, `!-2`, `!$`, `fc -s`, `fc -e -`, zsh `r`): what runs is not on the line',
  check(v) {
    const p = v.program;
    const rerun = (p === 'fc' && v.args.some((a) => /^-[a-zA-Z]*[se]/.test(a))) || (p === 'r' && v.cmd.assignments.length === 0);
    if (!rerun && !HISTORY_EXPANSION.test(unquoted(v.cmd.source))) return undefined;
    return {
      ruleId: 'execution.history', risk: 'high', effect: 'execute',
      summary: `${rerun ? `${p} re-runs` : 'history expansion reuses'} an earlier command line from the shell's history: what runs is not shown here`,
      reversibility: 'recoverable', tags: ['obfuscation'],
      alternatives: ['Type out the command to run instead of recalling it from history'],
    };
  },
};

export const rules: readonly Rule[] = [shellRule, sourceRule, opaqueRule, interpreterRule, frameworkRule, osascriptRule, atRule, backgroundRule, teeRule, historyRule];
