// Rule family: airlock (self-protection). An agent that edits the policy, the audit file or the agent hook
// configurations, unsets the guard's variables, removes its shell hooks or uninstalls the extension is
// trying to approve itself: critical, agent-bypass. Reading those files stays low.
import { classifyPath } from '../fs-classify.js';
import type { Finding, Risk, Tag } from '../model.js';
import { isNullSink, positionalWords, writeTargets } from '../write-targets.js';
import type { CommandView, Rule } from './rule.js';
import { INTERPRETERS as LANGUAGES } from '../programs.js';

const BYPASS: readonly Tag[] = ['agent-bypass'];

/** Airlock's own files and the agent hook configurations it installs. */
const GUARDED: readonly { re: RegExp; what: string; risk: Risk }[] = [
  { re: /(^|\/)\.airlock(\/|$)/, what: "Airlock's policy, audit log or state", risk: 'critical' },
  { re: /(^|\/)\.claude\/settings(\.local)?\.json$/, what: 'the Claude Code hook configuration', risk: 'critical' },
  { re: /(^|\/)\.claude\/hooks(\/|$)/, what: 'Claude Code hooks', risk: 'critical' },
  { re: /(^|\/)\.cursor\/hooks\.json$/, what: 'the Cursor hook configuration', risk: 'critical' },
  { re: /(^|\/)\.cursor\/hooks(\/|$)/, what: 'Cursor hooks', risk: 'critical' },
  { re: /(^|\/)\.github\/hooks(\/|$)/, what: 'the Copilot agent hook configuration', risk: 'critical' },
  { re: /(^|\/)\.codex(\/|$)/, what: 'the Codex configuration and hooks', risk: 'critical' },
  { re: /(^|\/)\.gemini\/settings\.json$/, what: 'the Gemini CLI hook configuration', risk: 'critical' },
  { re: /(^|\/)\.clinerules\/hooks(\/|$)/, what: 'Cline hooks', risk: 'critical' },
  { re: /(^|\/)\.(vscode|cursor|vscode-insiders|windsurf)\/extensions\/airlock-dev\.airlock[^/]*(\/|$)/, what: 'the installed Airlock extension', risk: 'critical' },
  { re: /(^|\/)airlock[-_.](sock|socket|token|session|pid)$|(^|\/)airlock-\d+(\/|$)/, what: "the guard's socket or session token", risk: 'critical' },
  // The runtime folder (gate sockets and discovery files), the state folder (acceptances, audit anchors) and the
  // hook launcher: a fake gate, a forged acceptance or a silenced launcher starts with a write here.
  { re: /(^|\/)run\/user\/\d+\/airlock(\/|$)|\$\{?XDG_RUNTIME_DIR\}?\/airlock(\/|$)/, what: "Airlock's runtime folder (gate sockets and discovery files)", risk: 'critical' },
  { re: /(^|\/)\.local\/state\/airlock(\/|$)|\$\{?XDG_STATE_HOME\}?\/airlock(\/|$)/, what: "Airlock's state (policy acceptances, audit anchors)", risk: 'critical' },
  { re: /(^|\/)\.local\/share\/airlock(\/|$)|\$\{?XDG_DATA_HOME\}?\/airlock(\/|$)|(^|\/)airlock-hook$/, what: 'the Airlock hook launcher', risk: 'critical' },
  { re: /(^|\/)\.vscode\/settings\.json$/, what: 'workspace settings (where airlock.* settings live)', risk: 'high' },
  { re: /(^|\/)(Code|Code - Insiders|Cursor|VSCodium|Windsurf)\/User\/settings\.json$/, what: 'editor user settings (where airlock.* settings live)', risk: 'high' },
  { re: /(^|\/)\.code-workspace$|\.code-workspace$/, what: 'the workspace file (can hold airlock.* settings)', risk: 'high' },
];

export function guardedFile(path: string): { what: string; risk: Risk } | undefined {
  for (const g of GUARDED) if (g.re.test(path)) return g;
  return undefined;
}

const VERB: Record<string, string> = { truncate: 'overwrites', append: 'appends to', modify: 'edits', replace: 'replaces', link: 'replaces with a link', move: 'moves away', delete: 'deletes', perm: 'changes permissions of' };

/** True when the command's own text or input mentions Airlock (an edit of settings.json that touches airlock.*). */
function mentionsAirlock(v: CommandView): boolean {
  if (/airlock/i.test(v.source) || v.args.some((a) => /airlock/i.test(a))) return true;
  const s = v.cmd.stdin;
  if (s?.kind === 'document' && /airlock/i.test(s.text)) return true;
  if (s?.kind === 'pipe' && /airlock/i.test(s.from.source)) return true;
  return false;
}

function finding(v: CommandView, id: string, risk: Risk, summary: string, targets: string[], extra: readonly Tag[] = []): Finding {
  return {
    ruleId: id, risk, effect: 'write', summary, targets: targets.map((t) => ({ kind: 'path' as const, name: t })),
    reversibility: 'recoverable', tags: [...BYPASS, ...extra],
    alternatives: ['change Airlock settings from the editor: policy changes that loosen anything need a human to accept them'],
  };
}

const files: Rule = {
  id: 'airlock.files',
  programs: 'any',
  description: "Writes, deletions, moves or permission changes of Airlock's policy, audit log and the agent hook configurations",
  check(v) {
    const targets = writeTargets(v);
    if (!targets.length) return undefined;
    const out: Finding[] = [];
    for (const t of targets) {
      if (isNullSink(t.word.text)) continue;
      const info = classifyPath(v, t.word.text, t.word.literal);
      const g = guardedFile(info.abs) ?? guardedFile(t.word.text);
      if (!g) continue;
      let risk = g.risk;
      if (risk === 'high' && mentionsAirlock(v)) risk = 'critical';
      if (risk === 'high' && t.mode === 'delete') risk = 'critical';
      const extra: Tag[] = t.mode === 'delete' || t.mode === 'truncate' ? ['data-loss'] : [];
      if (/audit/.test(info.abs) && (t.mode === 'delete' || t.mode === 'truncate' || t.mode === 'replace' || t.mode === 'modify' || t.mode === 'move')) extra.push('irreversible');
      out.push(finding(v, 'airlock.files', risk, `${VERB[t.mode]} ${info.abs}, ${g.what}, via ${t.via}: an agent must not change its own guard`, [info.abs], extra));
    }
    return out;
  },
};

// ── git operations that rewrite or drop the guarded files ────────────────────────────────────────────

const gitFiles: Rule = {
  id: 'airlock.git',
  programs: ['git'],
  description: 'git rm/mv/checkout/restore/update-index that rewrite or untrack the guarded files',
  check(v) {
    const sub = v.args[0];
    if (!sub || !/^(rm|mv|checkout|restore|update-index|apply|stash)$/.test(sub)) return undefined;
    const paths = positionalWords(v).slice(1).map((w) => w.text);
    const hit = paths.map((p) => ({ p, g: guardedFile(v.resolve(p)) ?? guardedFile(p) })).filter((x) => x.g);
    if (!hit.length) return undefined;
    if (sub === 'rm' && v.has('--cached') && !hit.some((x) => /\.airlock/.test(x.p))) return undefined;
    return hit.map((x) => finding(v, 'airlock.git', 'critical', `git ${sub} ${x.p}: rewrites ${x.g!.what}`, [v.resolve(x.p)]));
  },
};

// ── interpreter one-liners writing the guarded files ─────────────────────────────────────────────────

const GUARDED_TEXT = /\.airlock\b|\.claude\/settings|\.cursor\/hooks|\.github\/hooks|\.codex\/|\.gemini\/settings|\.clinerules\/hooks|\.vscode\/settings\.json|airlock-dev\.airlock/;
const WRITEISH = /open\s*\([^)]*,\s*['"][wax+]|write(_text|_bytes|File|FileSync|Sync)?\s*\(|append(File|FileSync)?\s*\(|unlink|remove|rmtree|rmdir|rmSync|\brm\b|rename|replace\s*\(|truncate|os\.system|subprocess|shutil|fs\.(rm|cp|copy|rename|truncate|write|append|unlink|open)|File\.(write|delete|open)|IO\.write|copyFile|move|chmod|symlink|dump\(|>\s*['"]|\bprint\s*>>|w\+|'w'|"w"|>>/;
const INTERPRETERS = new Set(['python', 'python2', 'python3', 'node', 'nodejs', 'deno', 'bun', 'perl', 'ruby', 'php', 'lua', 'osascript', 'pwsh', 'powershell', 'Rscript', 'jshell', 'groovy', 'tclsh']);

const interpreters: Rule = {
  id: 'airlock.interpreter',
  programs: [...INTERPRETERS],
  description: 'Interpreter one-liners (python -c, node -e…) that open the guarded files for writing',
  check(v) {
    const code = [...v.args, v.cmd.stdin?.kind === 'document' ? v.cmd.stdin.text : ''].join('\n');
    if (!GUARDED_TEXT.test(code) || !WRITEISH.test(code)) return undefined;
    const m = GUARDED_TEXT.exec(code)!;
    return finding(v, 'airlock.interpreter', 'critical', `${v.program} code writes or deletes ${m[0]}…, a file of the guard`, [m[0]]);
  },
};

// ── switching the guard off: environment, shell hooks, the extension ─────────────────────────────────

const ENV_PROGRAMS = new Set(['unset', 'export', 'declare', 'typeset', 'local', 'readonly', 'env', 'trap', 'shopt', 'set', 'unfunction', 'unalias', 'add-zsh-hook', 'setopt', 'unsetopt', 'functions', 'builtin', 'launchctl', 'setx', 'Remove-Item', 'Set-Item', 'set-item', 'remove-item']);

const guardOff: Rule = {
  id: 'airlock.guard-off',
  programs: 'any',
  description: 'Disabling the guard: AIRLOCK_* variables, the terminal DEBUG trap and preexec hooks, the extension itself',
  check(v) {
    const p = v.program;
    const own = v.cmd.assignments.filter((a) => /^AIRLOCK_/i.test(a.name));
    if (own.length) return finding(v, 'airlock.guard-off.env', 'critical', `runs ${p} with ${own.map((a) => a.name).join(', ')} overridden: changes how the guard behaves`, [], ['confirmation-bypass']);
    if (ENV_PROGRAMS.has(p) && (!/item$/i.test(p) || v.args.some((x) => /^env:/i.test(x)))) {
      const a = v.args;
      if (a.some((x) => /AIRLOCK/i.test(x) || /(^|[^a-z])_?_?airlock/i.test(x))) {
        if ((p === 'export' || p === 'declare' || p === 'typeset') && a.every((x) => x.startsWith('-'))) return undefined;
        if (p === 'env' && !a.some((x) => /^(-u|--unset)/.test(x) || /^AIRLOCK_\w*=/.test(x))) return undefined;
        return finding(v, 'airlock.guard-off.env', 'critical', `${p} ${a.join(' ').slice(0, 80)}: changes or removes the guard's variables or hooks`, []);
      }
      if (p === 'trap' && a.includes('DEBUG') && (a[0] === '-' || a[0] === '' || a.length === 1 || (a.length === 2 && a[1] === 'DEBUG' && !/\S/.test(a[0] ?? '')))) {
        return finding(v, 'airlock.guard-off.trap', 'critical', 'removes the DEBUG trap that the terminal guard uses to check each command', []);
      }
      if (p === 'shopt' && a.includes('-u') && a.includes('extdebug')) return finding(v, 'airlock.guard-off.trap', 'critical', 'turns off extdebug, which the terminal guard needs to stop commands', []);
      if (p === 'set' && a.some((x) => /^\+[a-zA-Z]*T/.test(x))) return finding(v, 'airlock.guard-off.trap', 'critical', 'stops the DEBUG trap from reaching functions and subshells', []);
      if ((p === 'unset' || p === 'export' || p === 'declare') && a.some((x) => /^(PROMPT_COMMAND|BASH_ENV|ENV|preexec_functions|precmd_functions|ZDOTDIR)(=|$)/.test(x))) {
        return finding(v, 'airlock.guard-off.hook', 'high', `${p} ${a.join(' ').slice(0, 60)}: changes the shell hooks the terminal guard relies on`, []);
      }
      return undefined;
    }
    if (/^(code|code-insiders|codium|cursor|windsurf|code-oss|vscodium)$/.test(p)) {
      const a = v.args;
      const i = a.findIndex((x) => /^--(uninstall-extension|disable-extension)(=|$)/.test(x));
      if (i >= 0) {
        const ext = a[i]!.includes('=') ? a[i]!.split('=')[1]! : a[i + 1] ?? '';
        if (/airlock/i.test(ext)) return finding(v, 'airlock.guard-off.extension', 'critical', `${a[i]!.replace(/=.*/, '')} ${ext}: switches the guard off`, [], ['data-loss']);
      }
      if (a.includes('--disable-extensions')) return finding(v, 'airlock.guard-off.extension', 'high', `${p} --disable-extensions: starts the editor without Airlock`, []);
      return undefined;
    }
    if ((p === 'kill' || p === 'pkill' || p === 'killall') && v.args.some((x) => /airlock/i.test(x))) {
      return finding(v, 'airlock.guard-off.kill', 'critical', `${p} ${v.args.join(' ')}: stops the guard's process`, []);
    }
    return undefined;
  },
};

// ── stepping outside the guard: shells and REPLs it does not watch, rebinding Enter, freezing the editor ──

/** Shells whose interactive start-up never loads the terminal guard. */
const UNGUARDED_SHELLS: ReadonlySet<string> = new Set(['sh', 'dash', 'ash', 'ksh', 'ksh93', 'mksh', 'oksh', 'pdksh', 'yash', 'posh', 'rbash', 'tcsh', 'csh', 'nu', 'nushell', 'xonsh', 'elvish', 'ion', 'murex', 'busybox']);
const REPLS: ReadonlySet<string> = new Set([...Object.keys(LANGUAGES), 'ipython', 'ipython3', 'irb', 'pry', 'luajit', 'lua', 'ghci', 'R', 'julia', 'scala', 'clojure', 'sbcl', 'guile', 'tclsh', 'wish', 'jshell', 'groovysh', 'erl', 'iex', 'ocaml', 'swipl']);
const EDITOR_PROCESS = /(code-server|extensionHost|\bcode\b|Code Helper|cursor|windsurf|electron|vscode|airlock)/i;

const guardEscape: Rule = {
  id: 'airlock.guard-escape',
  // Only these programs can step outside the guard: the rule stays off the path of every other command.
  programs: ['bash', 'zsh', ...UNGUARDED_SHELLS, ...REPLS, 'bind', 'bindkey', 'kill', 'pkill', 'killall'],
  description: 'Entry points the terminal guard cannot see past: shells started without it, REPLs, Enter rebound, the editor stopped or frozen',
  check(v) {
    const p = v.program;
    const a = v.args;
    const fed = v.cmd.stdin !== undefined;
    const escape = (what: string): Finding => ({ ruleId: 'airlock.guard-escape', risk: 'high', effect: 'execute', summary: what, reversibility: 'recoverable', tags: [...BYPASS] });
    // `env -i bash --norc`, `sh`, `zsh -f`: an interactive shell whose lines the guard never sees.
    const optionsOnly = a.every((x) => x.startsWith('-') || x.startsWith('+'));
    if ((p === 'bash' || p === 'zsh') && optionsOnly && !fed && a.some((x) => /^(--norc|--noprofile|--no-rcs|-f|--rcfile|--init-file|-d)$/.test(x))) return escape(`starts ${p} ${a.join(' ')} without its start-up files: the lines typed next bypass the terminal guard`);
    // (A shell or prompt on another machine or in a container is judged by that remote context instead.)
    const here = !v.cmd.ctx.remote;
    if ((p === 'bash' || p === 'zsh') && optionsOnly && !fed && here && v.cmd.ctx.via.includes('env -i')) return escape(`starts ${p} with an empty environment: the terminal guard is not loaded`);
    if (UNGUARDED_SHELLS.has(p) && optionsOnly && !fed && here) return escape(`starts an interactive ${p}: the terminal guard does not watch what is typed in it`);
    if (REPLS.has(p) && (a.length === 0 || (p === 'php' && a.includes('-a'))) && !fed && here) return escape(`opens a ${p} prompt: what is typed in it is not checked`);
    // `bind '"\C-m": …'`, `bind -x`, `bindkey '^M' …`: Enter no longer runs the guard's check.
    if ((p === 'bind' && a.some((x) => /\\C-m|\\C-j|\\r|RET|accept-line|^-x$|^-r$/i.test(x))) || (p === 'bindkey' && a.some((x) => /\^M|\^J|accept-line/.test(x)))) return escape(`rebinds Enter (${p} ${a.join(' ').slice(0, 60)}): lines may run without the guard's check`);
    // Stopping or killing the editor: the gate stops answering (agents treat a silent hook as "carry on").
    if (p === 'kill' || p === 'pkill' || p === 'killall') {
      const stop = a.some((x) => /^-(STOP|SIGSTOP|TSTP|SIGTSTP|19|20)$/i.test(x) || /^--signal(=|$)/.test(x) && /STOP/i.test(a.join(' ')));
      const editor = p !== 'kill' && a.some((x) => !x.startsWith('-') && EDITOR_PROCESS.test(x));
      if (stop || editor) return escape(`${p} ${a.join(' ').slice(0, 60)}: ${stop ? 'freezes a process — if it is the editor, the gate stops answering' : 'stops the editor, and the gate with it'}`);
    }
    return undefined;
  },
};

export const rules: readonly Rule[] = [files, gitFiles, interpreters, guardOff, guardEscape];
