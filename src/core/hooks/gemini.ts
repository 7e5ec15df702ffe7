// Gemini CLI `BeforeTool`. Input: {session_id, cwd, hook_event_name, tool_name: "run_shell_command",
// tool_input: {command, description?, dir_path?}}. Output: {decision: allow|deny, reason}; exit 2 blocks.
// Gemini has no "ask": a verdict of ask is rendered as deny with the reason.
import { isRecord, str, type AgentAdapter, type HookVerdict } from './types.js';

export const gemini: AgentAdapter = {
  id: 'gemini',
  parse(input) {
    if (!isRecord(input)) return { kind: 'error', reason: 'hook input is not a JSON object' };
    const tool = str(input.tool_name);
    if (tool === undefined) return { kind: 'error', reason: 'missing tool_name' };
    if (tool !== 'run_shell_command' && tool !== 'shell') return { kind: 'not-shell', tool };
    const ti = input.tool_input;
    if (!isRecord(ti) || typeof ti.command !== 'string') return { kind: 'error', reason: 'tool_input.command is not a string' };
    const dir = str(ti.dir_path) ?? str(ti.directory);
    const cwd = str(input.cwd);
    return { agent: 'gemini', command: ti.command, cwd: dir && cwd && !dir.startsWith('/') ? `${cwd}/${dir}` : dir ?? cwd, session: str(input.session_id), intent: str(ti.description) };
  },
  render(v: HookVerdict) {
    const allow = v.action === 'allow';
    const body = allow ? { decision: 'allow' } : { decision: 'deny', reason: v.agentMessage };
    return { stdout: JSON.stringify(body) + '\n', stderr: allow ? '' : v.agentMessage + '\n', exitCode: allow ? 0 : 2 };
  },
  pass: () => ({ stdout: JSON.stringify({}) + '\n', stderr: '', exitCode: 0 }),
};
