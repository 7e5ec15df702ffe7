// Cursor `beforeShellExecution` (.cursor/hooks.json). Input: {command, cwd, conversation_id,
// generation_id, hook_event_name, workspace_roots}. Output: {permission, user_message, agent_message};
// Cursor 1.7 read camelCase userMessage/agentMessage, so both spellings are written. Exit 2 blocks.
import { isRecord, str, type AgentAdapter, type HookVerdict } from './types.js';

export const cursor: AgentAdapter = {
  id: 'cursor',
  parse(input) {
    if (!isRecord(input)) return { kind: 'error', reason: 'hook input is not a JSON object' };
    const event = str(input.hook_event_name);
    if (event !== undefined && event !== 'beforeShellExecution') return { kind: 'not-shell', tool: event };
    const command = str(input.command);
    if (command === undefined) return { kind: 'error', reason: 'missing command' };
    const roots = Array.isArray(input.workspace_roots) ? input.workspace_roots.filter((r): r is string => typeof r === 'string') : undefined;
    const cwd = str(input.cwd) || roots?.[0];
    return { agent: 'cursor', command, cwd, session: str(input.conversation_id), workspaceRoots: roots };
  },
  render(v: HookVerdict) {
    const body = { permission: v.action, user_message: v.userMessage, agent_message: v.agentMessage, userMessage: v.userMessage, agentMessage: v.agentMessage };
    return { stdout: JSON.stringify(body) + '\n', stderr: v.action === 'deny' ? v.agentMessage + '\n' : '', exitCode: v.action === 'deny' ? 2 : 0 };
  },
  pass: () => ({ stdout: JSON.stringify({ permission: 'allow' }) + '\n', stderr: '', exitCode: 0 }),
};
