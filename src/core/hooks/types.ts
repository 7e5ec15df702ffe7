// What every agent adapter produces and consumes. An adapter is pure: JSON in, request out;
// decision in, the agent's own stdout/stderr/exit code out.

export const AGENTS = ['claude-code', 'cursor', 'copilot', 'copilot-cli', 'codex', 'gemini'] as const;
export type AgentId = (typeof AGENTS)[number];

export interface HookRequest {
  readonly agent: AgentId;
  readonly session?: string;
  readonly cwd?: string;
  readonly command: string;
  /** What the agent says it is doing (Claude's description, Copilot's explanation/goal). */
  readonly intent?: string;
  readonly workspaceRoots?: readonly string[];
  readonly toolUseId?: string;
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
  readonly id: AgentId;
  parse(input: unknown): ParsedHookInput;
  /** Renders a verdict for the agent; `pass` is the output for tool calls Airlock does not gate. */
  render(verdict: HookVerdict): HookOutput;
  pass(): HookOutput;
}

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
export const isHookRequest = (p: ParsedHookInput): p is HookRequest => !('kind' in p);
