// What every agent adapter produces and consumes. An adapter is pure: JSON in, request out;
// decision in, the agent's own stdout/stderr/exit code out.

export const AGENTS = ['claude-code', 'cursor', 'copilot', 'copilot-cli', 'codex', 'gemini'] as const;
export type AgentId = (typeof AGENTS)[number];
/** Every request format the gate reads: the agents' hooks, and the terminal guard's own. */
export type HookFormat = AgentId | 'terminal';

/** Where a terminal-guard request came from, as the shell reports it. */
export interface ShellReport {
  readonly pid: number;
  readonly ppid: number;
  readonly shell: string;
  /** `interactive`: a line typed or sent into a terminal; `command-string`: `bash -c`, `zsh -c`. */
  readonly mode: 'interactive' | 'command-string';
}

/** Who is asking, once the editor has matched a terminal-guard request to a terminal or task. */
export interface RequestOrigin {
  readonly kind: 'agent' | 'task' | 'human' | 'unknown';
  /** The terminal or task name. */
  readonly name: string;
  /** The agent, when the terminal is recognised as an agent's. */
  readonly agent?: string;
  /** False for the human's own terminals while they are audit-only. */
  readonly gated: boolean;
  readonly because: string;
}

export interface HookRequest {
  readonly agent: HookFormat;
  readonly session?: string;
  readonly cwd?: string;
  readonly command: string;
  /** What the agent says it is doing (Claude's description, Copilot's explanation/goal). */
  readonly intent?: string;
  readonly workspaceRoots?: readonly string[];
  readonly toolUseId?: string;
  readonly shell?: ShellReport;
  readonly origin?: RequestOrigin;
}

/** How the panel, the log and the audit name who asked. */
export function requester(req: Pick<HookRequest, 'agent' | 'origin'>): string {
  const o = req.origin;
  if (!o) return req.agent;
  if (o.kind === 'agent') return `${o.agent ?? 'agent'} (terminal "${o.name}")`;
  if (o.kind === 'task') return `task "${o.name}"`;
  if (o.kind === 'human') return `your terminal "${o.name}"`;
  return `a shell outside any editor terminal (${o.name})`;
}

/** The input was a tool call Airlock does not gate (a file read, an MCP tool): pass it through. */
export interface NotAShellCall {
  readonly kind: 'not-shell';
  readonly tool: string;
}

export interface HookInputError {
  readonly kind: 'error';
  readonly reason: string;
}

export type ParsedHookInput = HookRequest | NotAShellCall | HookInputError;

export interface HookVerdict {
  readonly action: 'allow' | 'deny' | 'ask';
  /** Shown to the human where the agent has a place for it. */
  readonly userMessage: string;
  /** Sent to the agent so it can act on the denial (ask the human, try a dry run). */
  readonly agentMessage: string;
}

export interface HookOutput {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

export interface AgentAdapter {
  readonly id: HookFormat;
  parse(input: unknown): ParsedHookInput;
  /** Renders a verdict for the agent; `pass` is the output for tool calls Airlock does not gate. */
  render(verdict: HookVerdict): HookOutput;
  pass(): HookOutput;
}

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
export const isHookRequest = (p: ParsedHookInput): p is HookRequest => !('kind' in p);
