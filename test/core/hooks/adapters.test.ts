// Agent hook formats: real payload shapes in, the agent's own output out; malformed input is an error.
import { describe, expect, it } from 'vitest';
import { ADAPTERS, adapterFor } from '../../../src/core/hooks/adapters.js';
import { isHookRequest, type AgentId, type HookVerdict } from '../../../src/core/hooks/types.js';

const POCKETOS = `curl -X POST https://backboard.railway.app/graphql/v2 -H "Authorization: Bearer $(cat .railway-token)" -d '{"query":"mutation { volumeDelete(volumeId: \\"vol_7f3a\\") }"}'`;

const claudePayload = (command: unknown, tool = 'Bash') => ({
  session_id: 'abc123', transcript_path: '/home/u/.claude/projects/x/abc123.jsonl', cwd: '/home/u/project',
  permission_mode: 'default', hook_event_name: 'PreToolUse', tool_name: tool,
  tool_input: { command, description: 'Delete the staging volume', timeout: 120000 }, tool_use_id: 'toolu_01',
});

describe('parsing', () => {
  it.each<[AgentId, unknown, Record<string, unknown>]>([
    ['claude-code', claudePayload(POCKETOS), { agent: 'claude-code', command: POCKETOS, cwd: '/home/u/project', session: 'abc123', intent: 'Delete the staging volume' }],
    ['copilot', { timestamp: '2026-11-23T00:00:00Z', cwd: '/w', sessionId: 's1', hookEventName: 'PreToolUse', transcript_path: '/t', tool_name: 'run_in_terminal', tool_input: { command: 'npm test', explanation: 'run tests', goal: 'verify', isBackground: false }, tool_use_id: 't1' }, { agent: 'copilot', command: 'npm test', session: 's1', intent: 'run tests' }],
    ['copilot', { sessionId: 's2', cwd: '/w', toolCalls: [{ id: 'c1', name: 'run_in_terminal', args: { command: 'rm -rf build', explanation: 'clean' } }] }, { agent: 'copilot', command: 'rm -rf build', session: 's2', toolUseId: 'c1' }],
    ['cursor', { conversation_id: 'conv1', generation_id: 'g1', hook_event_name: 'beforeShellExecution', workspace_roots: ['/w'], command: 'rm -rf build', cwd: '' }, { agent: 'cursor', command: 'rm -rf build', cwd: '/w', session: 'conv1' }],
    ['copilot-cli', { timestamp: 1, cwd: '/w', toolName: 'bash', toolArgs: '{"command":"git push -f","description":"push"}' }, { agent: 'copilot-cli', command: 'git push -f', cwd: '/w' }],
    ['codex', claudePayload('ls'), { agent: 'codex', command: 'ls' }],
    ['gemini', { session_id: 'g', cwd: '/w', hook_event_name: 'BeforeTool', tool_name: 'run_shell_command', tool_input: { command: 'ls', dir_path: 'sub' } }, { agent: 'gemini', command: 'ls', cwd: '/w/sub' }],
  ])('%s: %j', (agent, payload, want) => {
    const parsed = ADAPTERS[agent].parse(payload);
    expect(isHookRequest(parsed)).toBe(true);
    expect(parsed).toMatchObject(want);
  });

  it.each<[AgentId, unknown]>([
    ['claude-code', claudePayload('x', 'Read')],
    ['cursor', { hook_event_name: 'beforeReadFile', file_path: 'x' }],
    ['gemini', { tool_name: 'read_file', tool_input: {} }],
    ['copilot', { toolCalls: [] }],
  ])('%s passes through non-shell tools', (agent, payload) => {
    expect(ADAPTERS[agent].parse(payload)).toMatchObject({ kind: 'not-shell' });
  });

  it.each<[AgentId, unknown]>([
    ['claude-code', null], ['claude-code', 'rm -rf /'], ['claude-code', [1]], ['claude-code', { tool_name: 'Bash' }],
    ['claude-code', claudePayload(42)], ['claude-code', { tool_input: { command: 'ls' } }],
    ['cursor', { hook_event_name: 'beforeShellExecution' }], ['copilot-cli', { toolName: 'bash', toolArgs: '{not json' }],
    ['gemini', { tool_name: 'run_shell_command', tool_input: 'ls' }],
    ['copilot', { toolCalls: [{ name: 'run_in_terminal', args: { command: 'a' } }, { name: 'run_in_terminal', args: { command: 'b' } }] }],
    // A shell tool named beside a tool list that holds no shell call, or that holds non-objects, is not "not a shell call".
    ['claude-code', { tool_name: 'Bash', tool_input: { command: 'rm -rf ~' }, toolCalls: [{ name: 'Read', args: {} }] }],
    ['copilot', { toolCalls: ['run_in_terminal'] }],
  ])('%s rejects malformed input %j', (agent, payload) => {
    expect(ADAPTERS[agent].parse(payload)).toMatchObject({ kind: 'error' });
  });

  it('judges `toolCalls: []` next to tool_name "Bash" as the Bash call it names', () => {
    expect(ADAPTERS['claude-code'].parse({ tool_name: 'Bash', tool_input: { command: 'rm -rf ~' }, toolCalls: [] })).toMatchObject({ command: 'rm -rf ~' });
  });

  it('knows only its adapters', () => {
    expect(adapterFor('claude-code')?.id).toBe('claude-code');
    expect(adapterFor('toString')).toBeUndefined();
    expect(adapterFor('nope')).toBeUndefined();
  });
});

describe('rendering', () => {
  const deny: HookVerdict = { action: 'deny', userMessage: 'Airlock denied it', agentMessage: 'Denied by rule railway.graphql.volume-delete: ask the human.' };
  const allow: HookVerdict = { action: 'allow', userMessage: 'low risk', agentMessage: '' };

  it.each<[AgentId, HookVerdict, number, (o: Record<string, unknown>) => unknown]>([
    ['claude-code', deny, 2, (o) => (o.hookSpecificOutput as Record<string, unknown>).permissionDecision],
    ['claude-code', allow, 0, (o) => (o.hookSpecificOutput as Record<string, unknown>).permissionDecision],
    ['cursor', deny, 2, (o) => o.permission],
    ['cursor', allow, 0, (o) => o.permission],
    ['copilot-cli', deny, 2, (o) => o.permissionDecision],
    ['gemini', deny, 2, (o) => o.decision],
    ['gemini', allow, 0, (o) => o.decision],
  ])('%s renders %j with exit %i', (agent, verdict, exit, pick) => {
    const out = ADAPTERS[agent].render(verdict);
    expect(out.exitCode).toBe(exit);
    expect(pick(JSON.parse(out.stdout))).toBe(verdict.action);
    if (verdict.action === 'deny') expect(out.stderr).toContain('railway.graphql.volume-delete');
  });

  it('cursor writes both message spellings (1.7 camelCase and later snake_case)', () => {
    const o = JSON.parse(ADAPTERS.cursor.render(deny).stdout);
    expect(o).toMatchObject({ user_message: deny.userMessage, userMessage: deny.userMessage, agent_message: deny.agentMessage, agentMessage: deny.agentMessage });
  });
});
