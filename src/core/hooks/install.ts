// Installs and removes Airlock's entry in agents' hook configurations. Edits are minimal
// (jsonc-parser computes text edits, so comments, key order and formatting elsewhere survive),
// idempotent (an existing Airlock entry is updated in place, never duplicated), and a file that
// does not parse is refused rather than rewritten.
import { applyEdits, modify, parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { AgentId } from './types.js';

export type HookScope = 'user' | 'workspace';

export interface HookTarget {
  readonly agent: AgentId;
  readonly label: string;
  /** Path relative to the home directory (user scope) or the workspace root (workspace scope). */
  readonly file: Readonly<Record<HookScope, string | undefined>>;
}

/** Where each agent reads hooks. Workspace files are the local, uncommitted variants where one exists. */
export const HOOK_TARGETS: readonly HookTarget[] = [
  { agent: 'claude-code', label: 'Claude Code (also read by VS Code agent hooks / Copilot agent mode)', file: { user: '.claude/settings.json', workspace: '.claude/settings.local.json' } },
  { agent: 'cursor', label: 'Cursor', file: { user: '.cursor/hooks.json', workspace: '.cursor/hooks.json' } },
  { agent: 'copilot-cli', label: 'GitHub Copilot CLI', file: { user: undefined, workspace: '.github/hooks/airlock.json' } },
  { agent: 'gemini', label: 'Gemini CLI', file: { user: '.gemini/settings.json', workspace: '.gemini/settings.json' } },
];

/** Marks our entries so they can be found again; the launcher path always contains it. */
export const LAUNCHER_MARK = 'airlock-hook';
/** Seconds: above Airlock's approval timeout, so the agent never times the hook out first (a timeout does not block). */
export const HOOK_TIMEOUT_SECONDS = 3700;

export type EditOutcome = { readonly text: string; readonly changed: boolean } | { readonly error: string };

const FORMAT = { formattingOptions: { insertSpaces: true, tabSize: 2, eol: '\n' } };

function parseConfig(text: string, file: string): { value: Record<string, unknown> } | { error: string } {
  if (!text.trim()) return { value: {} };
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, { allowTrailingComma: true });
  if (errors.length) {
    const e = errors[0]!;
    const line = text.slice(0, e.offset).split('\n').length;
    return { error: `${file} is not valid JSON (${printParseErrorCode(e.error)} at line ${line}); Airlock will not change a file it cannot parse` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { error: `${file} does not hold a JSON object; Airlock will not change it` };
  return { value: value as Record<string, unknown> };
}

/** The event key, our entry, and how to recognise an entry as ours, per agent format. */
/** Hook commands run through a shell: a launcher path with spaces must be quoted or it fails open. */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

function shape(agent: AgentId, launcher: string) {
  const command = `${shellQuote(launcher)} ${agent}`;
  switch (agent) {
    case 'cursor':
      return { path: ['hooks', 'beforeShellExecution'], entry: { command, timeout: HOOK_TIMEOUT_SECONDS, failClosed: true }, first: true, version: true };
    case 'copilot-cli':
      return { path: ['hooks', 'preToolUse'], entry: { type: 'command', bash: command, timeoutSec: HOOK_TIMEOUT_SECONDS }, first: false, version: true };
    case 'gemini':
      return { path: ['hooks', 'BeforeTool'], entry: { matcher: 'run_shell_command', hooks: [{ type: 'command', name: 'airlock', command, timeout: HOOK_TIMEOUT_SECONDS * 1000 }] }, first: false, version: false };
    default:
      return { path: ['hooks', 'PreToolUse'], entry: { matcher: 'Bash', hooks: [{ type: 'command', command, timeout: HOOK_TIMEOUT_SECONDS }] }, first: false, version: false };
  }
}

const isOurs = (entry: unknown): boolean => JSON.stringify(entry ?? null).includes(LAUNCHER_MARK);

function getPath(value: Record<string, unknown>, path: readonly string[]): unknown {
  let cur: unknown = value;
  for (const p of path) cur = typeof cur === 'object' && cur !== null && !Array.isArray(cur) ? (cur as Record<string, unknown>)[p] : undefined;
  return cur;
}

export function installHookEntry(agent: AgentId, text: string, file: string, launcher: string): EditOutcome {
  const parsed = parseConfig(text, file);
  if ('error' in parsed) return parsed;
  const { path, entry, first, version } = shape(agent, launcher);
  let out = text.trim() ? text : '{}\n';
  if (version && parsed.value.version === undefined) out = applyEdits(out, modify(out, ['version'], 1, FORMAT));
  const list = getPath(parsed.value, path);
  if (list !== undefined && !Array.isArray(list)) return { error: `${file}: ${path.join('.')} is not a list; Airlock will not change it` };
  const items = (list ?? []) as unknown[];
  const mine = items.findIndex(isOurs);
  if (mine >= 0) {
    if (JSON.stringify(items[mine]) === JSON.stringify(entry)) return { text, changed: false };
    out = applyEdits(out, modify(out, [...path, mine], entry, FORMAT));
  } else if (list === undefined) {
    out = applyEdits(out, modify(out, [...path], [entry], FORMAT));
  } else {
    // Cursor has run only the first hook of a list in some versions: put Airlock first there.
    out = applyEdits(out, modify(out, [...path, first ? 0 : items.length], entry, { ...FORMAT, isArrayInsertion: true }));
  }
  return { text: out, changed: out !== text };
}

export function removeHookEntry(agent: AgentId, text: string, file: string): EditOutcome {
  const parsed = parseConfig(text, file);
  if ('error' in parsed) return parsed;
  const { path } = shape(agent, '');
  const list = getPath(parsed.value, path);
  if (!Array.isArray(list)) return { text, changed: false };
  let out = text;
  for (let i = list.length - 1; i >= 0; i--) {
    if (isOurs(list[i])) out = applyEdits(out, modify(out, [...path, i], undefined, FORMAT));
  }
  return { text: out, changed: out !== text };
}

export function hasHookEntry(agent: AgentId, text: string): boolean {
  const parsed = parseConfig(text, '');
  if ('error' in parsed) return false;
  const list = getPath(parsed.value, shape(agent, '').path);
  return Array.isArray(list) && list.some(isOurs);
}
