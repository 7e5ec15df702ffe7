// Rule family: windows (best effort). PowerShell and cmd commands reach Airlock as text and go through the
// bash parser, which eats backslashes, so this family re-reads the command's raw source with a small
// Windows tokenizer. It covers destructive file commands (Remove-Item -Recurse -Force and its aliases,
// rd /s /q, del /s /q), disk formatting, process killing, shutdown, shadow-copy deletion, persistence,
// download-and-execute, secrets, and the strings passed to `cmd /c` and `powershell -Command`.
import { guardedFile } from './airlock.js';
import type { Finding, Risk, Tag } from '../model.js';
import { riskRank } from '../model.js';
import { classifyShellText } from '../snippet.js';
import { isSecretPath, isSecretVariableName } from '../secret-files.js';
import type { CommandView, Rule } from './rule.js';

const norm = (p: string): string => p.toLowerCase().replace(/^.*[\\/]/, '').replace(/\.(exe|com|cmd|bat)$/, '');

const REMOVE = new Set(['remove-item', 'ri', 'rm', 'del', 'erase', 'rd', 'rmdir']);
const WIN_PROGRAMS = new Set([
  ...REMOVE, 'cmd', 'powershell', 'pwsh', 'clear-content', 'clc', 'format-volume', 'clear-disk', 'initialize-disk', 'remove-partition', 'diskpart', 'cipher',
  'stop-process', 'spps', 'kill', 'taskkill', 'stop-computer', 'restart-computer', 'stop-service', 'spsv', 'set-service', 'sc', 'vssadmin', 'wmic', 'wbadmin', 'bcdedit',
  'reg', 'new-itemproperty', 'set-itemproperty', 'schtasks', 'register-scheduledtask', 'unregister-scheduledtask', 'set-executionpolicy', 'set-mppreference', 'add-mppreference', 'netsh',
  'iex', 'invoke-expression', 'start-process', 'saps', 'runas', 'takeown', 'icacls', 'robocopy', 'get-content', 'gc', 'type', 'get-childitem', 'gci', 'dir', 'ls', 'get-item',
  'write-output', 'write-host', 'echo', 'invoke-webrequest', 'iwr', 'invoke-restmethod', 'irm', 'remove-wmiobject', 'remove-ciminstance', 'get-wmiobject', 'set-content', 'out-file',
  'shutdown', 'move-item', 'mi', 'move', 'copy-item', 'cpi', 'copy', 'xcopy',
]);

/** The programs this rule knows (lower case, no .exe): the terminal guard watches them. */
export const windowsPrograms = (): readonly string[] => [...WIN_PROGRAMS];

// ── tokenizing ───────────────────────────────────────────────────────────────────────────────────────

/** Splits Windows command text into words; quotes group, backslashes are literal. */
export function winTokens(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote: string | undefined;
  let has = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) { if (text[i + 1] === quote) { cur += c; i++; } else quote = undefined; }
      else cur += c;
      continue;
    }
    if (c === '"' || c === "'") { quote = c; has = true; continue; }
    if (c === '`' && i + 1 < text.length) { cur += text[++i]; has = true; continue; }
    if (/\s/.test(c)) { if (cur || has) out.push(cur); cur = ''; has = false; continue; }
    cur += c;
    has = true;
  }
  if (cur || has) out.push(cur);
  return out;
}

interface Stage { readonly tokens: string[]; readonly from?: string[] }

/** Splits a script into pipeline stages on `;`, `&&`, `||`, `&` and `|`, outside quotes and parentheses. */
function statements(script: string): Stage[][] {
  const lists: Stage[][] = [];
  let pipeline: Stage[] = [];
  let cur = '';
  let quote: string | undefined;
  let depth = 0;
  const flushStage = () => { const t = winTokens(cur.trim()); if (t.length) pipeline.push({ tokens: t, from: pipeline.length ? pipeline[pipeline.length - 1]!.tokens : undefined }); cur = ''; };
  const flushList = () => { flushStage(); if (pipeline.length) lists.push(pipeline); pipeline = []; };
  for (let i = 0; i < script.length; i++) {
    const c = script[i]!;
    if (quote) { cur += c; if (c === quote) quote = undefined; continue; }
    if (c === '"' || c === "'") { quote = c; cur += c; continue; }
    if (c === '(' || c === '{') depth++;
    if (c === ')' || c === '}') depth = Math.max(0, depth - 1);
    if (depth === 0 && (c === ';' || c === '\n' || c === '&')) { if (script[i + 1] === '&') i++; flushList(); continue; }
    if (depth === 0 && c === '|') { if (script[i + 1] === '|') { i++; flushList(); continue; } flushStage(); continue; }
    cur += c;
  }
  flushList();
  return lists;
}

// ── paths ────────────────────────────────────────────────────────────────────────────────────────────

type WinKind = 'critical' | 'system' | 'home-sensitive' | 'outside' | 'workspace' | 'regenerable' | 'registry' | 'tmp' | 'unknown';
const REGEN = /^(node_modules|dist|build|out|target|\.next|\.nuxt|coverage|__pycache__|\.pytest_cache|\.cache|bin|obj|\.vs|packages|\.venv|venv|\.turbo|\.parcel-cache|tmp|temp|\.gradle|\.angular|\.svelte-kit)$/i;

function winPathKind(raw: string): WinKind {
  let p = raw.replace(/^["']|["']$/g, '').replace(/\//g, '\\');
  p = p.replace(/^-(literal)?path:?/i, '');
  if (!p) return 'unknown';
  if (/^(hk(lm|cu|cr|u|cc)|registry)::?/i.test(p)) return 'registry';
  const env = /^(\$env:|%)(\w+)%?(.*)$/i.exec(p);
  if (env) {
    const name = env[2]!.toLowerCase();
    const rest = env[3]!.replace(/^\\+/, '');
    if (/^(userprofile|homepath|home|onedrive)$/.test(name)) return rest === '' || rest === '*' ? 'critical' : /^(documents|desktop|pictures|appdata|\.ssh|onedrive)/i.test(rest) ? 'home-sensitive' : 'outside';
    if (/^(systemroot|windir|systemdrive|programfiles|programfiles\(x86\)|programdata|allusersprofile)$/.test(name)) return rest === '' || rest === '*' ? 'critical' : 'system';
    if (/^(temp|tmp)$/.test(name)) return rest === '' || rest === '*' ? 'outside' : 'tmp';
    if (/^(appdata|localappdata)$/.test(name)) return rest === '' || rest === '*' ? 'home-sensitive' : 'outside';
    return 'unknown';
  }
  if (/^(~|\$home)(\\\*?)?$/i.test(p)) return 'critical';
  if (/^(~|\$home)\\/i.test(p)) return /^(~|\$home)\\(documents|desktop|pictures|appdata|\.ssh|onedrive)/i.test(p) ? 'home-sensitive' : 'outside';
  if (/\$/.test(p)) return 'unknown';
  if (/^\\\\/.test(p)) return 'outside';
  if (/^([a-z]:)?\\?\*?(\.\*)?$/i.test(p) && /^([a-z]:|\\)/i.test(p)) return 'critical';
  const drive = /^[a-z]:(\\|$)/i.test(p) || p.startsWith('\\');
  if (drive) {
    const rest = p.replace(/^[a-z]:/i, '').replace(/^\\+/, '').replace(/\\+$/, '');
    const segs = rest.split('\\');
    const top = segs[0]!.toLowerCase();
    if (!rest || rest === '*' || rest === '*.*') return 'critical';
    if (/^(windows|program files( \(x86\))?|programdata|users|system volume information|boot|recovery)$/.test(top)) {
      if (segs.length === 1 || (segs.length === 2 && segs[1] === '*')) return 'critical';
      if (top === 'users') {
        if (segs.length === 2 || (segs.length === 3 && segs[2] === '*')) return 'critical';
        return /^(documents|desktop|pictures|appdata|\.ssh|onedrive)$/i.test(segs[2]!) ? 'home-sensitive' : REGEN.test(segs[segs.length - 1]!) ? 'regenerable' : 'outside';
      }
      return 'system';
    }
    if (/^(temp|tmp)$/.test(top)) return segs.length === 1 ? 'outside' : 'tmp';
    return REGEN.test(segs[segs.length - 1]!) ? 'regenerable' : 'outside';
  }
  const rel = p.replace(/^\.\\/, '').replace(/\\+$/, '');
  if (rel === '.' || rel === '' || rel === '*' || rel === '*.*' || rel === '..' || /^\.\.(\\\.\.)*(\\\*)?$/.test(rel)) return 'critical';
  const last = rel.split('\\').pop()!;
  if (REGEN.test(last) || /\*\.(log|tmp|pyc|obj|pdb|cache)$/i.test(last)) return 'regenerable';
  return 'workspace';
}

/** A drive path inside one of the workspace roots (the editor reports Windows roots as `C:\\…`). */
function inWorkspace(raw: string, c: Ctx): boolean {
  const p = raw.replace(/^["']|["']$/g, '').replace(/\//g, '\\').toLowerCase();
  return c.v.ctx.workspaceRoots.some((r) => {
    const root = r.replace(/\//g, '\\').replace(/\\+$/, '').toLowerCase();
    return /^[a-z]:\\/.test(root) && (p === root || p.startsWith(root + '\\'));
  });
}

/** RISK-LEVELS.md: a recursive delete outside the workspace is critical; one inside it is capped at high. */
function deletionRisk(kind: WinKind, recursive: boolean): Risk {
  switch (kind) {
    case 'critical': return recursive ? 'critical' : 'high';
    case 'system': return recursive ? 'critical' : 'high';
    case 'home-sensitive': return recursive ? 'critical' : 'high';
    case 'registry': return 'high';
    case 'outside': return recursive ? 'critical' : 'medium';
    case 'unknown': return recursive ? 'high' : 'medium';
    case 'workspace': return recursive ? 'high' : 'medium';
    case 'regenerable': case 'tmp': return 'medium';
  }
}

// ── analysis of one statement ────────────────────────────────────────────────────────────────────────

const PS_RECURSE = /^-r(e(c(u(r(se?)?)?)?)?)?$/i;
const PS_FORCE = /^-fo(r(ce?)?)?$/i;
const PS_VALUE = /^-(include|exclude|filter|erroraction|ea|warningaction|wa|errorvariable|ev|outvariable|ov|stream|credential|depth|name|id|value|encoding|delimiter|newname|destination|computername|cn)$/i;
const CMD_SWITCH = /^\/[a-z?]+(:.*)?$/i;
const CRITICAL_PROCS = /^(csrss|wininit|winlogon|lsass|services|smss|svchost|system|explorer|dwm|sshd|sqlservr|w3wp|mysqld|postgres|nginx|httpd|docker|dockerd|com\.docker\.service|code|cursor|\*|.*\*)(\.exe)?$/i;

interface Ctx { readonly v: CommandView; readonly depth: number; readonly via: string }

function f(c: Ctx, ruleId: string, risk: Risk, effect: Finding['effect'], summary: string, tags: Tag[], targets: string[] = [], extra: Partial<Finding> = {}): Finding {
  const remote = c.v.cmd.ctx.remote;
  return {
    ruleId, risk, effect, summary: `${summary}${c.depth ? ` (inside ${c.via})` : ''}`,
    targets: targets.map((t) => ({ kind: /^[a-z]:$|^[a-z]:\\?$/i.test(t) ? 'device' as const : 'path' as const, name: t })),
    reversibility: riskRank(risk) >= riskRank('high') ? 'irreversible' : 'recoverable',
    tags, ...extra,
    remote: extra.remote ?? (remote ? { identifiers: [remote.replace(/^\w+ /, '')], destructive: riskRank(risk) >= riskRank('high') } : undefined),
  };
}

function targetsOf(args: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (/^-(path|literalpath|lp|pspath)$/i.test(a)) { if (args[i + 1]) out.push(args[++i]!); continue; }
    if (/^-(path|literalpath):/i.test(a)) { out.push(a.replace(/^-\w+:/, '')); continue; }
    if (PS_VALUE.test(a)) { i++; continue; }
    if (a.startsWith('-') || CMD_SWITCH.test(a) && !/^\/[a-z]+\//i.test(a) && a.length <= 4) continue;
    // PowerShell lists: `.\node_modules, .\dist`.
    out.push(...a.split(',').map((x) => x.trim()).filter(Boolean));
  }
  return out;
}

const psStyle = (args: string[]): boolean => args.some((a) => PS_RECURSE.test(a) && a.length > 2 || PS_FORCE.test(a) || /^-(path|literalpath|erroraction|ea|confirm|whatif|include|exclude)$/i.test(a) || /^-(r|recurse)$/i.test(a) && args.some((b) => PS_FORCE.test(b)));
const winPathLike = (args: string[]): boolean => args.some((a) => /^[a-z]:([\\/]|$)|\\|^\$env:|^%\w+%/i.test(a));
const cmdSwitches = (args: string[]): boolean => args.some((a) => /^\/[sqfa]$/i.test(a));

function analyse(tokens: string[], from: string[] | undefined, c: Ctx, out: Finding[]): void {
  if (!tokens.length) return;
  const name = norm(tokens[0]!);
  const args = tokens.slice(1);
  const argText = args.join(' ');

  if ((name === 'cmd') && args.length) {
    const i = args.findIndex((a) => /^\/[ck]$/i.test(a));
    // Words that held spaces inside quotes keep them when the rest is scanned again.
    // (`cmd /c "rd /s /q X"`: a first word with spaces is the command line itself.)
    if (i >= 0) scan(args.slice(i + 1).map((a, k) => (k > 0 && /\s/.test(a) && !/^["']/.test(a) ? `"${a}"` : a)).join(' '), c, 'cmd /c', out);
    return;
  }
  if (name === 'powershell' || name === 'pwsh') {
    const enc = args.findIndex((a) => /^-e(c|nc(odedcommand)?|ncodedcommand)?$/i.test(a));
    if (enc >= 0 && args[enc + 1]) {
      const decoded = decodeUtf16Base64(args[enc + 1]!);
      // Decoded, the command is judged below on its own; hiding it is medium at least (RISK-LEVELS.md), high when it cannot be decoded.
      // (Unix-style aliases in the decoded text, `rm -rf /`, are judged by the shell classifier as well.)
      const verdict = decoded ? classifyShellText(decoded) : undefined;
      const risk: Risk = !decoded ? 'high' : verdict && riskRank(verdict.risk) > riskRank('medium') ? verdict.risk : 'medium';
      out.push(f(c, 'windows.powershell-encoded', risk, 'execute', `runs a base64-encoded PowerShell command${decoded ? ` (decoded: ${decoded.slice(0, 80)})` : ': its content is hidden from review'}`, ['obfuscation', ...(verdict && riskRank(verdict.risk) > riskRank('medium') ? verdict.tags : [])]));
      if (decoded) scan(decoded, c, 'powershell -EncodedCommand', out);
      return;
    }
    const ci = args.findIndex((a) => /^-c(o(m(m(a(nd?)?)?)?)?)?$/i.test(a));
    if (ci >= 0) { scan(args.slice(ci + 1).join(' '), c, `${name} -Command`, out); return; }
    const firstNonOpt = args.findIndex((a) => !a.startsWith('-'));
    if (firstNonOpt >= 0 && !/\.ps1$/i.test(args[firstNonOpt]!) && !/^-file$/i.test(args[firstNonOpt - 1] ?? '')) scan(args.slice(firstNonOpt).join(' '), c, name, out);
    return;
  }

  // Deletion: Remove-Item and aliases, rd/rmdir /s, del /s.
  if (REMOVE.has(name)) {
    const unixCollision = name === 'rm' || name === 'rmdir';
    if (unixCollision && c.depth === 0 && !psStyle(args) && !cmdSwitches(args) && !winPathLike(args)) return;
    if (unixCollision && c.depth > 0 && !psStyle(args) && !cmdSwitches(args) && !winPathLike(args) && args.some((a) => /^-[a-z]+$/.test(a) && !/^-(r|fo|force|recurse)$/i.test(a))) return;
    const recursive = args.some((a) => PS_RECURSE.test(a) || /^\/s$/i.test(a)) || (unixCollision && args.some((a) => /^-[a-z]*r[a-z]*$/i.test(a) && !PS_FORCE.test(a)));
    const force = args.some((a) => PS_FORCE.test(a) || /^\/[qf]$/i.test(a) || /^-[a-z]*f[a-z]*$/.test(a));
    let paths = targetsOf(args);
    let rec = recursive;
    if (!paths.length && from) {
      const src = norm(from[0] ?? '');
      if (/^(get-childitem|gci|ls|dir|get-item|gi)$/.test(src)) {
        const fp = targetsOf(from.slice(1));
        paths = fp.length ? fp : ['.'];
        rec = rec || from.some((a) => PS_RECURSE.test(a) || /^\/s$/i.test(a));
        const filtered = from.some((a) => /^-(include|filter|exclude)$/i.test(a)) || fp.some((x) => /\*\.\w+$/.test(x));
        if (filtered) paths = paths.map((x) => `${x}\\*.filtered`);
      } else paths = ['{piped items}'];
    }
    if (!paths.length) return;
    const bulkDel = (name === 'del' || name === 'erase') && recursive;
    let risk: Risk = 'low';
    const tags = new Set<Tag>();
    const guarded: string[] = [];
    for (const p of paths) {
      let kind: WinKind;
      if (p === '{piped items}') kind = 'unknown';
      else if (/\.filtered$/.test(p)) {
        const base = winPathKind(p.replace(/\\\*\.filtered$/, ''));
        kind = /\*\.(log|tmp|pyc|bak|cache|obj|pdb|orig)\b/i.test(from?.join(' ') ?? '') ? (base === 'system' ? 'system' : 'regenerable') : base === 'critical' ? 'workspace' : base;
      } else kind = winPathKind(p);
      if (kind === 'outside' && inWorkspace(p, c)) kind = REGEN.test(p.replace(/[\\/]+$/, '').split(/[\\/]/).pop() ?? '') ? 'regenerable' : 'workspace';
      let r = deletionRisk(kind, rec || (bulkDel && /\*/.test(p)));
      if (bulkDel && kind === 'critical') r = 'critical';
      risk = riskRank(r) > riskRank(risk) ? r : risk;
      if (/\*/.test(p)) tags.add('wildcard');
      if ((kind === 'critical' || kind === 'system') && /^(([a-z]:)?\\?\*?(\.\*)?$|([a-z]:)?\\(windows|program files|programdata|boot|recovery)|%(systemroot|windir|programfiles)|\$env:(systemroot|windir|programfiles|systemdrive))/i.test(p.replace(/^["']|["']$/g, '').replace(/\//g, '\\'))) tags.add('root-filesystem');
      if (kind === 'system') tags.add('root-filesystem');
      if (kind === 'home-sensitive' || /users\\|userprofile|\$home|^~/i.test(p)) tags.add('home-directory');
      if (kind !== 'workspace' && kind !== 'regenerable' && !(kind === 'critical' && /^\.|^\*/.test(p))) tags.add('outside-workspace');
      if (guardedFile(p.replace(/\\/g, '/'))) guarded.push(p);
    }
    if (rec) tags.add('recursive-delete');
    if (force) tags.add('confirmation-bypass');
    if (riskRank(risk) >= riskRank('high')) { tags.add('data-loss'); tags.add('irreversible'); }
    out.push(f(c, 'windows.remove-item', risk, 'delete', `deletes${rec ? ' recursively' : ''} ${paths.map((p) => p.replace(/\\\*\.filtered$/, ' (filtered)')).join(', ')}`, [...tags], paths, { alternatives: ['Remove-Item … -WhatIf  — list what would be deleted', 'move it to the Recycle Bin instead'] }));
    if (guarded.length) out.push(f(c, 'windows.airlock-files', 'critical', 'delete', `deletes ${guarded.join(', ')}: Airlock's own files`, ['agent-bypass'], guarded));
    return;
  }

  switch (name) {
    case 'clear-content': case 'clc': {
      const paths = targetsOf(args);
      const worst = paths.map(winPathKind);
      const risk: Risk = worst.some((k) => k === 'critical' || k === 'system' || k === 'home-sensitive') || paths.some((p) => /\*/.test(p)) || paths.some((p) => isSecretPath(p.replace(/\\/g, '/'))) ? 'high' : 'medium';
      out.push(f(c, 'windows.clear-content', risk, 'write', `empties ${paths.join(', ')}`, ['data-loss', ...(paths.some((p) => /\*/.test(p)) ? (['wildcard'] as Tag[]) : [])], paths));
      if (paths.some((p) => guardedFile(p.replace(/\\/g, '/')))) out.push(f(c, 'windows.airlock-files', 'critical', 'write', "empties Airlock's own files", ['agent-bypass'], paths));
      return;
    }
    case 'set-content': case 'out-file': {
      const paths = targetsOf(args.filter((_, i) => !/^-(value|inputobject)$/i.test(args[i - 1] ?? '')));
      if (paths.some((p) => guardedFile(p.replace(/\\/g, '/')))) out.push(f(c, 'windows.airlock-files', 'critical', 'write', "overwrites Airlock's own files", ['agent-bypass'], paths));
      return;
    }
    case 'format-volume': case 'clear-disk': case 'initialize-disk': case 'remove-partition': case 'diskpart': case 'format': {
      if (name === 'format' && !args.some((a) => /^[a-z]:/i.test(a))) return;
      const target = args.find((a) => /^[a-z]:?\\?$/i.test(a)) ?? args.find((_, i) => /^-(driveletter|number|disknumber)$/i.test(args[i - 1] ?? '')) ?? (name === 'diskpart' ? 'disks chosen in the diskpart script' : 'a disk');
      out.push(f(c, `windows.${name === 'diskpart' ? 'diskpart' : 'format-volume'}`, 'critical', 'delete', `${name} ${argText}`.trim() + ': erases a disk or volume', ['disk', 'irreversible', 'data-loss', ...(args.some((a) => PS_FORCE.test(a) || /^-confirm:\$false$/i.test(a) || /^\/(y|q)$/i.test(a)) ? (['confirmation-bypass'] as Tag[]) : [])], [target]));
      return;
    }
    case 'cipher':
      // On a drive root every deleted file on the drive becomes unrecoverable.
      if (args.some((a) => /^\/w(:|$)/i.test(a))) out.push(f(c, 'windows.cipher-wipe', args.some((a) => /^\/w:["']?[a-z]:\\?["']?$/i.test(a)) ? 'critical' : 'high', 'delete', 'cipher /w: overwrites all free space, so deleted files can never be recovered', ['disk', 'irreversible']));
      return;
    case 'stop-process': case 'spps': case 'kill': {
      if (name === 'kill' && !args.some((a) => /^-(name|id|force|processname|inputobject)$/i.test(a) || PS_FORCE.test(a))) return;
      const names = [...args.filter((_, i) => /^-(name|processname)$/i.test(args[i - 1] ?? '')), ...args.filter((a, i) => !a.startsWith('-') && !/^-(id|name|processname)$/i.test(args[i - 1] ?? '') && !/^\d+$/.test(a))];
      const piped = from && /^(get-process|gps|ps)$/i.test(norm(from[0] ?? '')) ? from.slice(1).filter((a) => !a.startsWith('-')) : [];
      const all = from && /^(get-process|gps|ps)$/i.test(norm(from[0] ?? '')) && !piped.length && !from.some((a) => /^-(name|id)$/i.test(a));
      const critical = [...names, ...piped].some((n) => CRITICAL_PROCS.test(n));
      const risk: Risk = all ? 'critical' : critical ? 'high' : 'medium';
      out.push(f(c, 'windows.stop-process', risk, 'execute', all ? 'stops every running process' : `stops ${[...names, ...piped].join(', ') || args.join(' ')}`, risk === 'medium' ? [] : ['outage', ...(all ? (['data-loss'] as Tag[]) : [])]));
      return;
    }
    case 'taskkill': {
      const ims = args.filter((_, i) => /^\/(im|pid)$/i.test(args[i - 1] ?? ''));
      const filter = args.some((a) => /^\/fi$/i.test(a));
      const critical = ims.some((n) => CRITICAL_PROCS.test(n));
      const risk: Risk = critical || filter ? 'high' : 'medium';
      out.push(f(c, 'windows.taskkill', risk, 'execute', `taskkill ${argText}`, risk === 'high' ? ['outage', ...(ims.some((n) => n.includes('*')) ? (['wildcard'] as Tag[]) : [])] : [], ims));
      return;
    }
    case 'stop-computer': case 'restart-computer': case 'shutdown': {
      if (name === 'shutdown' && (c.depth === 0 || args.some((a) => /^\/a$/i.test(a)))) return;
      const hi = args.findIndex((a) => /^-computername$|^\/m$/i.test(a));
      const host = hi >= 0 ? args[hi + 1]?.replace(/^\\\\/, '') : undefined;
      out.push(f(c, 'windows.shutdown', 'high', 'execute', `${name} ${argText}: takes ${host ?? 'this machine'} down`.replace(/\s+:/, ':'), ['outage'], [], { remote: host ? { identifiers: [host], destructive: true } : undefined }));
      return;
    }
    case 'stop-service': case 'spsv': case 'set-service': case 'sc': {
      if (name === 'sc' && !/^(stop|delete|config|create|failure|sdset)$/i.test(args[0] ?? '') && !/^\\\\/.test(args[0] ?? '')) return;
      if (name === 'set-service' && !/disabled|stopped/i.test(argText)) return;
      const creating = name === 'sc' && /^(create|config)$/i.test(args[0] ?? '') && !/disabled/i.test(argText);
      // `sc \\PROD-SQL-01 delete MSSQLSERVER`: a named production machine's service gone is a production outage.
      const prodHost = name === 'sc' && /^\\\\[^\s]*(prod|prd|live)/i.test(args[0] ?? '') && /\b(delete|stop)\b/i.test(argText);
      out.push(f(c, 'windows.service', prodHost || creating ? 'critical' : 'high', creating ? 'privilege' : 'execute', `${name} ${argText}`, creating ? ['persistence', 'privilege'] : ['outage', 'privilege', ...(prodHost ? (['production'] as Tag[]) : [])]));
      return;
    }
    case 'vssadmin': case 'wmic': case 'wbadmin': case 'bcdedit': case 'remove-wmiobject': case 'remove-ciminstance': {
      const t = argText.toLowerCase();
      const shadows = (name === 'vssadmin' && /(delete|resize) shadow/.test(t)) || (name === 'wmic' && /shadowcopy.*delete/.test(t)) || (name === 'wbadmin' && /delete (catalog|systemstatebackup|backup)/.test(t)) || ((name === 'remove-wmiobject' || name === 'remove-ciminstance') && from && /shadowcopy/i.test(from.join(' ')));
      const recovery = name === 'bcdedit' && /recoveryenabled\s+no|bootstatuspolicy\s+ignoreallfailures|\/delete/.test(t);
      if (!shadows && !recovery) return;
      out.push(f(c, 'windows.shadow-copies', 'critical', 'delete', shadows ? 'deletes the Volume Shadow Copies / backups: the restore points are gone' : 'disables Windows recovery', ['backup', 'irreversible', 'data-loss', ...(/\/quiet|\/y\b/.test(t) ? (['confirmation-bypass'] as Tag[]) : [])]));
      return;
    }
    case 'reg': {
      const verb = (args[0] ?? '').toLowerCase();
      const key = args[1] ?? '';
      const run = /\\(run|runonce|runservices|winlogon|image file execution options|userinit|shell)\b/i.test(key);
      if (verb === 'delete' && /services\\(vss|swprv|wbengine|sdrsvc)\b/i.test(key)) out.push(f(c, 'windows.registry', 'critical', 'delete', `deletes the registry key ${key}: the shadow-copy and backup service is gone`, ['backup', 'data-loss', 'irreversible'], [key]));
      else if (verb === 'delete') out.push(f(c, 'windows.registry', /^hk(lm|ey_local_machine)/i.test(key) ? 'high' : 'medium', 'delete', `deletes the registry key ${key}`, ['data-loss', ...(args.some((a) => /^\/f$/i.test(a)) ? (['confirmation-bypass'] as Tag[]) : [])], [key]));
      // RISK-LEVELS.md: persistence is critical.
      else if (verb === 'add' && run) out.push(f(c, 'windows.registry-run', 'critical', 'write', `adds an auto-start entry under ${key}`, ['persistence', 'deferred-execution'], [key]));
      else if (verb === 'add' && /policies|defender|windows defender|lsa|uac|enablelua/i.test(key)) out.push(f(c, 'windows.registry', 'high', 'privilege', `changes security policy in ${key}`, ['privilege'], [key]));
      return;
    }
    case 'new-itemproperty': case 'set-itemproperty':
      if (/\\(run|runonce)\b/i.test(argText)) out.push(f(c, 'windows.registry-run', 'high', 'write', 'adds an auto-start registry entry', ['persistence', 'deferred-execution']));
      return;
    case 'schtasks': case 'register-scheduledtask': case 'unregister-scheduledtask': {
      const creating = name === 'register-scheduledtask' || args.some((a) => /^\/create$/i.test(a));
      const deleting = name === 'unregister-scheduledtask' || args.some((a) => /^\/delete$/i.test(a));
      if (creating) out.push(f(c, 'windows.scheduled-task', 'high', 'write', 'creates a scheduled task: a command that runs later, unattended', ['persistence', 'deferred-execution']));
      // A backup job's schedule deleted is backups stopped (RISK-LEVELS.md: critical wherever it happens).
      else if (deleting && /backup|snapshot/i.test(argText)) out.push(f(c, 'windows.scheduled-task', 'critical', 'delete', 'deletes the scheduled task that takes backups', ['backup', 'data-loss']));
      else if (deleting) out.push(f(c, 'windows.scheduled-task', 'medium', 'delete', 'deletes a scheduled task', []));
      return;
    }
    case 'set-executionpolicy':
      if (/unrestricted|bypass/i.test(argText)) out.push(f(c, 'windows.execution-policy', 'high', 'privilege', `sets the PowerShell execution policy to ${argText}`, ['privilege']));
      return;
    case 'set-mppreference': case 'add-mppreference':
      if (/disable\w*\s+(\$true|1)|exclusionpath/i.test(argText)) out.push(f(c, 'windows.defender-off', 'critical', 'privilege', 'turns off or weakens Windows Defender', ['privilege']));
      return;
    case 'netsh':
      if (/firewall.*state\s+off|firewall.*set.*opmode.*disable/i.test(argText)) out.push(f(c, 'windows.firewall-off', 'critical', 'privilege', 'turns the firewall off', ['privilege', 'outage']));
      // `netsh wlan show profile name=X key=clear` prints the Wi-Fi password.
      if (/wlan\s+show\s+profiles?\b.*key\s*=\s*clear/i.test(argText)) out.push(f(c, 'windows.secret-read', 'high', 'read', 'prints a saved Wi-Fi password (key=clear)', ['secret-exposure', 'credential']));
      return;
    case 'iex': case 'invoke-expression': {
      const download = /downloadstring|downloadfile|invoke-webrequest|\biwr\b|invoke-restmethod|\birm\b|net\.webclient|https?:\/\//i.test(argText) || (from && /^(iwr|irm|invoke-webrequest|invoke-restmethod|curl|wget)$/.test(norm(from[0] ?? '')));
      if (download) out.push(f(c, 'windows.download-execute', 'critical', 'execute', 'downloads code and runs it with Invoke-Expression', ['remote-code-execution', 'untrusted-source']));
      else out.push(f(c, 'windows.invoke-expression', 'high', 'execute', 'runs a string as PowerShell code (Invoke-Expression)', ['obfuscation']));
      return;
    }
    case 'start-process': case 'saps': case 'runas':
      if (name === 'runas' || /-verb\s+runas/i.test(argText)) {
        const program = args.find((a) => !a.startsWith('-') && !a.startsWith('/')) ?? 'a program';
        // An installer run as administrator is the Windows `sudo apt install` (RISK-LEVELS.md: medium); anything else high.
        const installer = /^(msiexec|winget|choco|scoop)(\.exe)?$/i.test(program.replace(/^["']|["']$/g, '')) || /\.msi\b/i.test(argText);
        out.push(f(c, 'windows.elevate', installer ? 'medium' : 'high', 'privilege', `runs ${program} as administrator`, ['privilege']));
      }
      return;
    case 'takeown': case 'icacls': {
      if (name === 'icacls' && !/\/(grant|setowner|reset|remove|deny)/i.test(argText)) return;
      const target = args.find((a) => !a.startsWith('/')) ?? '';
      const kind = winPathKind(target);
      const everyone = /everyone|\*s-1-1-0|users:\(?f/i.test(argText);
      out.push(f(c, 'windows.permissions', kind === 'critical' || kind === 'system' ? 'critical' : everyone ? 'high' : 'medium', 'privilege', `${name} ${argText}`, ['privilege', ...(args.some((a) => /^\/[rt]$/i.test(a)) ? (['shared-state'] as Tag[]) : [])], [target]));
      return;
    }
    case 'robocopy': {
      // `/L` only lists what it would copy and delete.
      if (!args.some((a) => /^\/(mir|purge)$/i.test(a)) || args.some((a) => /^\/l$/i.test(a))) return;
      const pos = args.filter((a) => !a.startsWith('/'));
      const dest = pos[1] ?? '';
      const kind = winPathKind(dest);
      out.push(f(c, 'windows.robocopy-mirror', kind === 'critical' || kind === 'system' ? 'critical' : kind === 'regenerable' || kind === 'tmp' ? 'medium' : 'high', 'delete', `robocopy /MIR into ${dest}: deletes everything there that is not in ${pos[0]}`, ['data-loss', 'recursive-delete'], [dest]));
      return;
    }
    case 'get-content': case 'gc': case 'type': {
      if (name === 'type' && c.depth === 0) return; // the secrets family reads `type FILE` too
      const paths = targetsOf(args).filter((p) => isSecretPath(p.replace(/\\/g, '/')));
      if (paths.length) out.push(f(c, 'windows.secret-read', 'high', 'read', `prints the secrets in ${paths.join(', ')}`, ['secret-exposure', 'credential'], paths));
      return;
    }
    case 'get-childitem': case 'gci': case 'dir': case 'ls': case 'get-item': {
      if (args.some((a) => /^env:\\?\*?$/i.test(a) || /^-path$/i.test(a) && false)) out.push(f(c, 'windows.env-dump', 'high', 'read', 'lists every environment variable with its value', ['secret-exposure', 'credential']));
      return;
    }
    case 'write-output': case 'write-host': case 'echo': {
      const secret = [...argText.matchAll(/\$env:(\w+)/gi)].map((m) => m[1]!).filter((n) => isSecretVariableName(n));
      if (secret.length) out.push(f(c, 'windows.secret-print', 'high', 'read', `prints $env:${secret.join(', $env:')}`, ['secret-exposure', 'credential']));
      return;
    }
    case 'invoke-webrequest': case 'iwr': case 'invoke-restmethod': case 'irm': {
      const infile = args[args.findIndex((a) => /^-infile$/i.test(a)) + 1];
      const body = args[args.findIndex((a) => /^-body$/i.test(a)) + 1] ?? '';
      const leaked = [infile, ...[...body.matchAll(/(?:get-content|gc|cat|type)\s+([^\s)]+)/gi)].map((m) => m[1])].filter((x): x is string => !!x && isSecretPath(x.replace(/\\/g, '/')));
      const envLeak = /\$env:\w+|get-childitem\s+env:|gci\s+env:/i.test(body) && [...body.matchAll(/\$env:(\w+)/gi)].some((m) => isSecretVariableName(m[1]!));
      const pipedSecret = from && /^(get-content|gc|cat|type)$/.test(norm(from[0] ?? '')) && from.slice(1).some((x) => isSecretPath(x.replace(/\\/g, '/')));
      if (leaked.length || envLeak || pipedSecret) out.push(f(c, 'windows.exfiltration', 'critical', 'network', `sends ${leaked.join(', ') || 'secrets'} to ${args.find((a) => /^https?:/i.test(a)) ?? 'a remote host'}`, ['exfiltration', 'secret-exposure', 'credential', 'irreversible']));
      return;
    }
    case 'move-item': case 'mi': case 'move': case 'copy-item': case 'cpi': case 'copy': case 'xcopy': {
      const paths = targetsOf(args);
      const guarded = paths.filter((p) => guardedFile(p.replace(/\\/g, '/')));
      if (guarded.length) out.push(f(c, 'windows.airlock-files', 'critical', 'write', `${name} touches ${guarded.join(', ')}: Airlock's own files`, ['agent-bypass'], guarded));
      // `move * ..\\other`: the project's files leave the workspace.
      const moves = name === 'move' || name === 'move-item' || name === 'mi';
      const dest = paths.length >= 2 ? paths[paths.length - 1]! : undefined;
      const destKind = dest ? winPathKind(dest) : undefined;
      const away = dest && (destKind === 'outside' || destKind === 'critical' || /^["']?\.\.[\\/]/.test(dest)) && !inWorkspace(dest, c);
      if (moves && away) {
        const wide = paths.slice(0, -1).some((p) => /\*/.test(p) || winPathKind(p) === 'critical');
        out.push(f(c, 'windows.move-out', wide ? 'high' : 'medium', 'write', `moves ${paths.slice(0, -1).join(', ')} out of the workspace to ${dest}`, ['outside-workspace', ...(wide ? (['data-loss', 'wildcard'] as Tag[]) : [])], paths));
      }
      return;
    }
    default:
      return;
  }
}

function scan(script: string, c: Ctx, via: string, out: Finding[]): void {
  if (c.depth > 4 || !script.trim()) return;
  const inner: Ctx = { v: c.v, depth: c.depth + 1, via };
  for (const pipeline of statements(script)) for (const st of pipeline) analyse(st.tokens, st.from, inner, out);
  // Download-and-execute written as `iex (New-Object Net.WebClient).DownloadString(...)` keeps its parentheses.
}

function decodeUtf16Base64(b64: string): string | undefined {
  try {
    const bin = atob(b64.replace(/[^A-Za-z0-9+/=]/g, ''));
    let s = '';
    for (let i = 0; i + 1 < bin.length; i += 2) s += String.fromCharCode(bin.charCodeAt(i) | (bin.charCodeAt(i + 1) << 8));
    return /^[\x09\x0a\x0d\x20-\x7e]*$/.test(s) ? s : undefined;
  } catch {
    return undefined;
  }
}

const windows: Rule = {
  id: 'windows.commands',
  programs: 'any',
  description: 'PowerShell and cmd (best effort): Remove-Item -Recurse -Force, rd /s /q, del /s, Format-Volume, diskpart, taskkill, shadow-copy deletion, persistence, iex downloads, cmd /c and powershell -Command strings',
  check(v) {
    const name = norm(v.program);
    if (!WIN_PROGRAMS.has(name)) return undefined;
    // Only commands that look like Windows: the bash-side rules already judge `ls`, `rm -rf`, `echo`.
    if (name === 'sc' && /^(stop|delete|config|create|failure|sdset)$/i.test(v.args[0] ?? '')) { /* the service controller */ }
    else if ((name === 'ls' || name === 'dir' || name === 'echo' || name === 'type' || name === 'kill' || name === 'rm' || name === 'rmdir' || name === 'sc' || name === 'move' || name === 'copy') && !/[\\]|\$env:|-Recurse|-Force|-fo\b|-Path|\/[sqfS]\b|env:|-Name|-Id\b/i.test(v.source)) return undefined;
    const raw = rawTokens(v);
    const out: Finding[] = [];
    analyse(raw, v.cmd.stdin?.kind === 'pipe' ? rawTokens({ source: v.cmd.stdin.from.source, program: v.cmd.stdin.from.program }) : undefined, { v, depth: 0, via: '' }, out);
    return out;
  },
};

/** The command's words as written, with backslashes intact (the bash parser would have eaten them). */
function rawTokens(v: { readonly source: string; readonly program: string }): string[] {
  const t = winTokens(v.source);
  const i = t.findIndex((x) => norm(x) === norm(v.program) || norm(x.replace(/^\\/, '')) === norm(v.program));
  return i >= 0 ? t.slice(i) : [v.program, ...t.slice(1)];
}

export const rules: readonly Rule[] = [windows];
