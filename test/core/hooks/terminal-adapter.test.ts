// The terminal guard's own request format: what the shells send, and what they are told.
import { describe, expect, it } from 'vitest';
import { terminal } from '../../../src/core/hooks/terminal.js';
import { isHookRequest, requester, type HookRequest } from '../../../src/core/hooks/types.js';

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const base = { cwd: '/w', pid: 4242, ppid: 4200, shell: 'bash', mode: 'interactive' };

describe('terminal guard requests', () => {
  it.each<[string, unknown, Partial<HookRequest>]>([
    ['plain command', { ...base, command: 'rm -rf build' }, { agent: 'terminal', command: 'rm -rf build', cwd: '/w', shell: { pid: 4242, ppid: 4200, shell: 'bash', mode: 'interactive' } }],
    ['base64 keeps control characters', { ...base, command_b64: b64('printf "\x1b[2J"; rm -rf x') }, { command: 'printf "\x1b[2J"; rm -rf x' }],
    ['base64 keeps UTF-8', { ...base, command_b64: b64('rm -rf ./données') }, { command: 'rm -rf ./données' }],
    ['zsh -c string', { ...base, shell: 'zsh', mode: 'command-string', command: 'ls' }, { shell: { pid: 4242, ppid: 4200, shell: 'zsh', mode: 'command-string' } }],
    ['missing ppid is 0', { command: 'ls', pid: 9, shell: 'bash', mode: 'interactive' }, { shell: { pid: 9, ppid: 0, shell: 'bash', mode: 'interactive' } }],
  ])('%s', (_name, input, want) => {
    const parsed = terminal.parse(input);
    expect(isHookRequest(parsed)).toBe(true);
    expect(parsed).toMatchObject(want);
  });

  it.each<[string, unknown]>([
    ['not an object', ['rm -rf /']],
    ['no command', { ...base }],
    ['command not a string', { ...base, command: 42 }],
    ['invalid base64', { ...base, command_b64: 'not base64!' }],
    ['base64 of invalid UTF-8', { ...base, command_b64: Buffer.from([0xff, 0xfe, 0x72, 0x6d]).toString('base64') }],
    ['no pid', { ...base, pid: undefined, command: 'ls' }],
    ['pid 0', { ...base, pid: 0, command: 'ls' }],
    ['fractional pid', { ...base, pid: 1.5, command: 'ls' }],
    ['unknown shell', { ...base, shell: 'tcsh', command: 'ls' }],
    ['unknown mode', { ...base, mode: 'script', command: 'ls' }],
  ])('rejects %s (the gate denies it)', (_name, input) => {
    const parsed = terminal.parse(input);
    expect(isHookRequest(parsed)).toBe(false);
    expect(parsed).toMatchObject({ kind: 'error' });
  });

  it.each([
    [{ action: 'allow', userMessage: 'ok', agentMessage: '' }, { exitCode: 0, stderr: '', stdout: '' }],
    [{ action: 'ask', userMessage: 'held', agentMessage: '' }, { exitCode: 0, stderr: '', stdout: '' }],
    [{ action: 'deny', userMessage: 'no', agentMessage: 'Airlock blocked this command: rm. Rule: filesystem.rm.' }, { exitCode: 1, stderr: 'Airlock blocked this command: rm. Rule: filesystem.rm.', stdout: '' }],
  ] as const)('renders %j for the shell', (verdict, want) => {
    expect(terminal.render(verdict)).toEqual(want);
  });

  it.each<[Pick<HookRequest, 'agent' | 'origin'>, string]>([
    [{ agent: 'claude-code' }, 'claude-code'],
    [{ agent: 'terminal', origin: { kind: 'agent', agent: 'cline', name: 'Cline', gated: true, because: '' } }, 'cline (terminal "Cline")'],
    [{ agent: 'terminal', origin: { kind: 'task', name: 'build', gated: true, because: '' } }, 'task "build"'],
    [{ agent: 'terminal', origin: { kind: 'human', name: 'bash', gated: false, because: '' } }, 'your terminal "bash"'],
    [{ agent: 'terminal', origin: { kind: 'unknown', name: 'shell 77', gated: true, because: '' } }, 'a shell outside any editor terminal (shell 77)'],
  ])('names who asked: %j', (req, want) => {
    expect(requester(req)).toBe(want);
  });
});
