// GitHub Copilot CLI `preToolUse` (.github/hooks/*.json, version 1). Input: {timestamp, cwd,
// toolName, toolArgs} where toolArgs is an object (or a JSON string in older builds).
// Output: {permissionDecision, permissionDecisionReason}.
import { isRecord, str, type AgentAdapter, type HookVerdict } from './types.js';

const SHELL_TOOLS = new Set(['bash', 'shell', 'powershell', 'run_in_terminal', 'Bash']);

export const copilotCli: AgentAdapter = {
  id: 'copilot-cli',
  parse(input) {
    if (!isRecord(input)) return { kind: 'error', reason: 'hook input is not a JSON object' };
    const tool = str(input.toolName);
    if (tool === undefined) return { kind: 'error', reason: 'missing toolName' };
    if (!SHELL_TOOLS.has(tool)) return { kind: 'not-shell', tool };
    let args: unknown = input.toolArgs;
    if (typeof args === 'string') {
      try {
        args = JSON.parse(args);
      } catch {
        return { kind: 'error', reason: 'toolArgs is not valid JSON' };
      }
    }
    if (!isRecord(args) || typeof args.command !== 'string') return { kind: 'error', reason: 'toolArgs.command is not a string' };
    return { agent: 'copilot-cli', command: args.command, cwd: str(input.cwd), intent: str(args.description) };
  },
  render(v: HookVerdict) {
    const body = { permissionDecision: v.action, permissionDecisionReason: v.action === 'allow' ? v.userMessage : v.agentMessage };
    return { stdout: JSON.stringify(body) + '\n', stderr: v.action === 'deny' ? v.agentMessage + '\n' : '', exitCode: v.action === 'deny' ? 2 : 0 };
  },
  pass: () => ({ stdout: '', stderr: '', exitCode: 0 }),
};
