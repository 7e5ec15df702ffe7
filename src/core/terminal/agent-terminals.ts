// Who opened a terminal: an agent, a task, or the person. The editor adapter turns a vscode.Terminal
// into TerminalFacts; this module only decides. Every name and marker below was read in the agent's
// own source or issue tracker; docs/agent-terminals.md records where, and what cannot be told apart.
import { minimatch } from 'minimatch';

export interface TerminalFacts {
  /** `Terminal.name` now: the name given at creation, or the shell's title when none was given. */
  readonly name: string;
  /** `Terminal.creationOptions`. For terminals the workbench made (VS Code's own chat tool) the editor reports name, shellPath, env and hideFromUser, never the icon. */
  readonly creationOptions?: {
    readonly name?: string;
    readonly iconId?: string;
    readonly env?: Readonly<Record<string, string | null | undefined>>;
    readonly isTransient?: boolean;
    readonly hideFromUser?: boolean;
    readonly shellPath?: string;
  };
  readonly isTask?: boolean;
  readonly taskName?: string;
}

export type TerminalOrigin =
  | { readonly kind: 'agent'; readonly agent: string; readonly because: string }
  | { readonly kind: 'task'; readonly name: string }
  | { readonly kind: 'human'; readonly because: string };

/** Names the agents pass to `createTerminal`. Anchored and case-sensitive: no agent numbers its terminals, so no suffix is allowed. */
export const AGENT_TERMINAL_PATTERNS: readonly { readonly agent: string; readonly pattern: RegExp; readonly source: string }[] = [
  { agent: 'Cline', pattern: /^Cline$/, source: 'cline/cline apps/vscode/src/hosts/vscode/terminal/VscodeTerminalRegistry.ts' },
  { agent: 'Cline', pattern: /^Claude Dev$/, source: 'cline/cline src/integrations/terminal/TerminalRegistry.ts before commit 385c54d (Oct 2024)' },
  { agent: 'Roo Code', pattern: /^Roo Code$/, source: 'RooCodeInc/Roo-Code src/integrations/terminal/Terminal.ts' },
  { agent: 'Roo Code', pattern: /^Roo Cline$/, source: 'RooCodeInc/Roo-Code src/integrations/terminal/Terminal.ts before commit b8e0aa0 (Jan 2025)' },
  { agent: 'Kilo Code', pattern: /^Kilo Code$/, source: 'Kilo-Org/kilocode src/integrations/terminal/Terminal.ts' },
  { agent: 'GitHub Copilot', pattern: /^Copilot$/, source: 'microsoft/vscode-copilot-chat src/extension/tools/node/toolUtils.terminal.ts (2025 builds; later builds set no name)' },
  { agent: 'Claude Code', pattern: /^Claude Code$/, source: 'anthropics/claude-code issue #25550 (claudeCode.useTerminal)' },
  { agent: 'Continue', pattern: /^Start (?:Ollama|Lemonade)$/, source: 'continuedev/continue core/util/ollamaHelper.ts, core/util/lemonadeHelper.ts' },
];

/** Environment variables an agent puts in the options of the terminals it creates. */
export const AGENT_TERMINAL_ENV_MARKERS: readonly { readonly agent: string; readonly variable: string; readonly value: string; readonly source: string }[] = [
  { agent: 'GitHub Copilot', variable: 'COPILOT_AGENT', value: '1', source: 'microsoft/vscode pull request #316267' },
  { agent: 'GitHub Copilot', variable: 'AI_AGENT', value: 'github_copilot_vscode_agent', source: 'microsoft/vscode pull request #320129' },
  { agent: 'Cline', variable: 'CLINE_ACTIVE', value: 'true', source: 'cline/cline apps/vscode/src/hosts/vscode/terminal/VscodeTerminalRegistry.ts' },
  { agent: 'Roo Code', variable: 'ROO_ACTIVE', value: 'true', source: 'RooCodeInc/Roo-Code src/integrations/terminal/Terminal.ts' },
  { agent: 'Cursor', variable: 'CURSOR_AGENT', value: '1', source: 'listed in microsoft/vscode issue #311734; not confirmed in Cursor documentation' },
];

/** Icon ids only one agent uses: Cline contributes `cline-icon` itself. Shared codicons (`rocket`, `copilot`) prove nothing. */
const AGENT_ICONS: ReadonlyMap<string, string> = new Map([['cline-icon', 'Cline']]);

const QUOTE_LIMIT = 80;

export function classifyTerminal(t: TerminalFacts, extraPatterns: readonly string[]): TerminalOrigin {
  if (t.isTask) return { kind: 'task', name: t.taskName ?? t.name };
  const opts = t.creationOptions;
  const names = distinct([opts?.name, t.name]);

  const env = opts?.env ?? {};
  for (const m of AGENT_TERMINAL_ENV_MARKERS) {
    if (env[m.variable] === m.value) return agent(m.agent, `${describe(t)} created with ${m.variable}=${m.value}`);
  }
  // AI_AGENT is a convention several vendors share; an unknown value still says software made the terminal.
  const aiAgent = env['AI_AGENT'];
  if (typeof aiAgent === 'string' && aiAgent.trim()) return agent('unknown agent', `${describe(t)} created with AI_AGENT=${quote(aiAgent)}`);

  for (const name of names) {
    const hit = AGENT_TERMINAL_PATTERNS.find((p) => p.pattern.test(name));
    if (hit) return agent(hit.agent, `terminal named ${quote(name)} (${hit.agent})`);
  }

  const iconAgent = opts?.iconId === undefined ? undefined : AGENT_ICONS.get(opts.iconId);
  if (iconAgent) return agent(iconAgent, `${describe(t)} has the ${opts?.iconId} icon (${iconAgent})`);

  // VS Code's chat tool terminal before COPILOT_AGENT existed: no name, hidden, GIT_PAGER=cat.
  if (opts?.hideFromUser === true && env['GIT_PAGER'] === 'cat' && !opts.name) {
    return agent('GitHub Copilot', `${describe(t)} is hidden and sets GIT_PAGER=cat (VS Code chat tool terminal)`);
  }

  for (const raw of extraPatterns) {
    const glob = typeof raw === 'string' ? raw.trim() : '';
    if (!glob) continue;
    const name = names.find((n) => globMatches(n, glob));
    if (name !== undefined) return agent('configured agent', `terminal named ${quote(name)} matches the setting pattern ${quote(glob)}`);
  }

  return { kind: 'human', because: `${describe(t)} has no agent name or marker` };
}

function agent(name: string, because: string): TerminalOrigin {
  return { kind: 'agent', agent: name, because };
}

/** A setting pattern is the user's text: one minimatch cannot parse is skipped, never thrown. Negation and comments are taken literally. */
function globMatches(name: string, glob: string): boolean {
  try {
    return minimatch(name, glob, { nocase: true, dot: true, nonegate: true, nocomment: true });
  } catch {
    return false;
  }
}

function distinct(names: readonly (string | undefined)[]): string[] {
  const out: string[] = [];
  for (const n of names) {
    const trimmed = n?.trim();
    if (trimmed && !out.includes(trimmed)) out.push(trimmed);
  }
  return out;
}

function describe(t: TerminalFacts): string {
  const name = t.name.trim();
  return name ? `terminal named ${quote(name)}` : 'unnamed terminal';
}

function quote(text: string): string {
  const short = text.length > QUOTE_LIMIT ? `${text.slice(0, QUOTE_LIMIT)}…` : text;
  return JSON.stringify(short);
}
