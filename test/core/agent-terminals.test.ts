// Terminal origin: each agent's real terminal options are agent, the person's shells are human,
// tasks are tasks, and the user's extra name patterns never throw.
import { describe, expect, it } from 'vitest';
import { AGENT_TERMINAL_PATTERNS, classifyTerminal, type TerminalFacts } from '../../src/core/terminal/agent-terminals.js';

type Options = NonNullable<TerminalFacts['creationOptions']>;

/** A terminal an extension created with `options`; its current name is the one it was given. */
function created(options: Options): TerminalFacts {
  return { name: options.name ?? 'bash', creationOptions: options };
}

/** A terminal the person opened from the profile menu: the name is the shell's title, no options. */
function opened(name: string): TerminalFacts {
  return { name, creationOptions: {} };
}

// Options exactly as each agent passes them (see docs/agent-terminals.md for the sources).
const CLINE = created({ name: 'Cline', iconId: 'cline-icon', env: { CLINE_ACTIVE: 'true' } });
const ROO = created({ name: 'Roo Code', iconId: 'rocket', env: { ROO_ACTIVE: 'true', PAGER: 'cat', VTE_VERSION: '0' } });
const KILO = created({ name: 'Kilo Code', iconId: 'rocket', env: { PAGER: 'cat', VTE_VERSION: '0', WORKSPACE_ROOT: '/w' } });
// VS Code's chat tool terminal: made by the workbench, so no name and no icon reach extensions.
const COPILOT_NOW = { name: 'zsh', creationOptions: { hideFromUser: true, shellPath: '/bin/zsh', env: { GIT_PAGER: 'cat', COPILOT_AGENT: '1', AI_AGENT: 'github_copilot_vscode_agent' } } };
const COPILOT_AI_AGENT_ONLY = { name: 'bash', creationOptions: { hideFromUser: true, env: { GIT_PAGER: 'cat', AI_AGENT: 'github_copilot_vscode_agent' } } };
const COPILOT_HIDDEN = { name: 'pwsh', creationOptions: { hideFromUser: true, env: { GIT_PAGER: 'cat', VSCODE_PREVENT_SHELL_HISTORY: '1' } } };
const COPILOT_2025 = created({ name: 'Copilot', hideFromUser: true, env: { GIT_PAGER: 'cat' } });

describe('agent terminals', () => {
  it.each<[string, TerminalFacts, string]>([
    ['Cline', CLINE, 'Cline'],
    ['Cline renamed by the person', { ...CLINE, name: 'my shell' }, 'Cline'],
    ['Cline before Oct 2024', created({ name: 'Claude Dev', iconId: 'robot' }), 'Cline'],
    ['Cline icon without name or env', created({ iconId: 'cline-icon' }), 'Cline'],
    ['Roo Code', ROO, 'Roo Code'],
    ['Roo Code before Jan 2025', created({ name: 'Roo Cline', iconId: 'rocket' }), 'Roo Code'],
    ['Kilo Code (no env marker of its own)', KILO, 'Kilo Code'],
    ['Copilot with COPILOT_AGENT', COPILOT_NOW, 'GitHub Copilot'],
    ['Copilot with AI_AGENT only', COPILOT_AI_AGENT_ONLY, 'GitHub Copilot'],
    ['Copilot hidden terminal before the env markers', COPILOT_HIDDEN, 'GitHub Copilot'],
    ['Copilot 2025 named terminal', COPILOT_2025, 'GitHub Copilot'],
    ['Claude Code terminal mode', created({ name: 'Claude Code' }), 'Claude Code'],
    ['Continue starting Ollama', created({ name: 'Start Ollama' }), 'Continue'],
    ['Continue starting Lemonade', created({ name: 'Start Lemonade' }), 'Continue'],
    ['Cursor marker', { name: 'bash', creationOptions: { env: { CURSOR_AGENT: '1' } } }, 'Cursor'],
    ['unknown vendor AI_AGENT', { name: 'bash', creationOptions: { env: { AI_AGENT: 'someone_else' } } }, 'unknown agent'],
    ['name only, no options at all', { name: 'Cline' }, 'Cline'],
  ])('%s', (_label, facts, want) => {
    const origin = classifyTerminal(facts, []);
    expect(origin).toMatchObject({ kind: 'agent', agent: want });
    if (origin.kind === 'agent') expect(origin.because).not.toBe('');
  });

  it('explains itself in a short phrase', () => {
    expect(classifyTerminal({ name: 'Cline' }, [])).toEqual({ kind: 'agent', agent: 'Cline', because: 'terminal named "Cline" (Cline)' });
    expect(classifyTerminal(COPILOT_NOW, [])).toMatchObject({ because: 'terminal named "zsh" created with COPILOT_AGENT=1' });
  });

  it('every built-in pattern is anchored', () => {
    for (const { pattern } of AGENT_TERMINAL_PATTERNS) {
      expect(pattern.source.startsWith('^') && pattern.source.endsWith('$')).toBe(true);
    }
  });
});

describe('human terminals', () => {
  it.each<[string, TerminalFacts]>([
    ['bash', opened('bash')],
    ['zsh', opened('zsh')],
    ['pwsh', opened('pwsh')],
    ['node', opened('node')],
    ['Terminal 1', opened('Terminal 1')],
    ['fish without options', { name: 'fish' }],
    ['unnamed', opened('')],
    ['substring of an agent name', opened('Cline tests')],
    ['agent name inside another word', opened('decline')],
    ['lower-case agent name', opened('cline')],
    ['numbered agent name (no agent numbers its terminals)', opened('Cline (2)')],
    ['claude CLI started by the person', opened('claude')],
    ['Copilot CLI started by the person', opened('copilot')],
    ['hidden terminal of another extension', created({ name: 'Remote setup', hideFromUser: true })],
    ['GIT_PAGER=cat in a visible terminal', created({ env: { GIT_PAGER: 'cat' } })],
    ['shared rocket icon alone', created({ iconId: 'rocket' })],
    ['marker with another value', created({ env: { COPILOT_AGENT: '0', CLINE_ACTIVE: 'false' } })],
    ['empty AI_AGENT', created({ env: { AI_AGENT: ' ' } })],
    ['null env values', created({ env: { ROO_ACTIVE: null, CLINE_ACTIVE: undefined } })],
  ])('%s', (_label, facts) => {
    const origin = classifyTerminal(facts, []);
    expect(origin.kind).toBe('human');
    if (origin.kind === 'human') expect(origin.because).toMatch(/no agent name or marker/);
  });
});

describe('tasks', () => {
  it.each<[string, TerminalFacts, string]>([
    ['a build task', { name: 'Task - build', isTask: true, taskName: 'npm: build' }, 'npm: build'],
    ['a task without its own name', { name: 'Task - test', isTask: true }, 'Task - test'],
    ['a task in a terminal with an agent name', { name: 'Cline', isTask: true, taskName: 'lint' }, 'lint'],
    ['a task even with an agent marker', { name: 'Task - x', isTask: true, creationOptions: { env: { COPILOT_AGENT: '1' } } }, 'Task - x'],
  ])('%s', (_label, facts, name) => {
    expect(classifyTerminal(facts, ['*'])).toEqual({ kind: 'task', name });
  });
});

describe('airlock.terminal.agentTerminalNames', () => {
  const patterns = ['Aider*', 'my-agent', '[', '', '   ', '!bash', '#zsh', 'x'.repeat(70_000)];

  it.each<[string, string]>([
    ['Aider', 'Aider*'],
    ['aider (main)', 'Aider*'],
    ['MY-AGENT', 'my-agent'],
    ['!bash', '!bash'],
    ['#zsh', '#zsh'],
    ['[', '['],
  ])('%s matches %s', (name, glob) => {
    expect(classifyTerminal(opened(name), patterns)).toEqual({
      kind: 'agent', agent: 'configured agent', because: `terminal named ${JSON.stringify(name)} matches the setting pattern ${JSON.stringify(glob)}`,
    });
  });

  it.each(['bash', 'zsh', 'my-agent-2', 'Terminal 1', 'aide'])('%s stays human', (name) => {
    expect(classifyTerminal(opened(name), patterns).kind).toBe('human');
  });

  it('an invalid or empty pattern is skipped, never thrown', () => {
    const bad = ['', '  ', '[', '{a,b', 'x'.repeat(70_000), 42 as unknown as string, undefined as unknown as string];
    expect(() => classifyTerminal(opened('bash'), bad)).not.toThrow();
    expect(classifyTerminal(opened('bash'), bad).kind).toBe('human');
  });

  it('matches the name the agent gave even after the person renamed the tab', () => {
    expect(classifyTerminal({ name: 'renamed', creationOptions: { name: 'Aider' } }, ['aider'])).toMatchObject({ kind: 'agent', because: 'terminal named "Aider" matches the setting pattern "aider"' });
  });
});
