// Claude Code `PreToolUse` (also loaded by VS Code's agent hooks and Codex). Input:
// {session_id, transcript_path, cwd, hook_event_name, tool_name: "Bash", tool_input: {command, description}}.
// Output: hookSpecificOutput.permissionDecision allow|deny|ask + permissionDecisionReason.
// Exit 1 and timeouts do NOT block in Claude Code, so a decision is always printed and a deny
// also exits 2 (which blocks even if the JSON were ignored).
import { isRecord, str, type AgentAdapter, type AgentId, type HookOutput, type HookVerdict, type ParsedHookInput } from './types.js';

const SHELL_TOOLS = new Set(['Bash', 'bash', 'shell', 'run_in_terminal', 'runInTerminal', 'run_shell_command', 'exec_command', 'terminal']);

export function parsePreToolUse(input: unknown, agent: AgentId): ParsedHookInput {
  if (!isRecord(input)) return { kind: 'error', reason: 'hook input is not a JSON object' };
  // VS Code's Agent Host envelope: {sessionId, cwd, toolCalls: [{id, name, args}]}.
  // A request that also names a shell tool (`toolCalls: []` next to `tool_name: "Bash"`) is never waved through as
  // "not a shell call": an empty list defers to tool_name, a list that disagrees with it is malformed.
  const named = str(input.tool_name);
  if (Array.isArray(input.toolCalls) && !(named !== undefined && input.toolCalls.length === 0)) {
    const calls = input.toolCalls.filter(isRecord);
    const shell = calls.filter((c) => SHELL_TOOLS.has(str(c.name) ?? ''));
    if (!shell.length && named !== undefined && SHELL_TOOLS.has(named)) return { kind: 'error', reason: `tool_name says ${named} but toolCalls holds no shell call` };
    if (calls.length !== input.toolCalls.length) return { kind: 'error', reason: 'toolCalls holds entries that are not objects' };
    if (!shell.length) return { kind: 'not-shell', tool: calls.map((c) => str(c.name) ?? '?').join(',') };
    if (shell.length > 1) return { kind: 'error', reason: 'several shell tool calls in one request; Airlock decides one command at a time' };
    const args = isRecord(shell[0]!.args) ? shell[0]!.args : typeof shell[0]!.args === 'string' ? safeJson(shell[0]!.args) : undefined;
    const command = args && str(args.command);
    if (!command) return { kind: 'error', reason: 'shell tool call without a command string' };
    return { agent, command, cwd: str(input.cwd), session: str(input.sessionId), intent: str(args.explanation) ?? str(args.goal), toolUseId: str(shell[0]!.id) };
  }
  const tool = str(input.tool_name);
  if (tool === undefined) return { kind: 'error', reason: 'missing tool_name' };
  if (!SHELL_TOOLS.has(tool)) return { kind: 'not-shell', tool };
  const ti = input.tool_input;
  if (!isRecord(ti)) return { kind: 'error', reason: 'tool_input is not an object' };
  const command = str(ti.command);
  if (command === undefined) return { kind: 'error', reason: 'tool_input.command is not a string' };
  return {
    agent, command,
    cwd: str(input.cwd),
    session: str(input.session_id) ?? str(input.sessionId),
    intent: str(ti.description) ?? str(ti.explanation) ?? str(ti.goal),
    toolUseId: str(input.tool_use_id),
  };
}

function safeJson(s: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(s);
    return isRecord(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

export function renderPreToolUse(v: HookVerdict): HookOutput {
  const reason = v.action === 'allow' ? v.userMessage : v.agentMessage;
  const stdout = JSON.stringify({ hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: v.action, permissionDecisionReason: reason } }) + '\n';
  return { stdout, stderr: v.action === 'deny' ? v.agentMessage + '\n' : '', exitCode: v.action === 'deny' ? 2 : 0 };
}

export const claudeCode: AgentAdapter = {
  id: 'claude-code',
  parse: (input) => parsePreToolUse(input, 'claude-code'),
  render: renderPreToolUse,
  pass: () => ({ stdout: '', stderr: '', exitCode: 0 }),
};

/** VS Code agent hooks (Copilot agent mode) read the same format, with camelCase extras. */
export const copilot: AgentAdapter = { ...claudeCode, id: 'copilot', parse: (input) => parsePreToolUse(input, 'copilot') };
/** Codex's PreToolUse uses Claude's schema; unknown output fields fail the hook, so only known ones are sent. */
export const codex: AgentAdapter = { ...claudeCode, id: 'codex', parse: (input) => parsePreToolUse(input, 'codex') };
