// Rule family: AI agent CLIs started with their permission checks turned off. An agent that runs every tool
// call unasked is a second, unguarded agent: RISK-LEVELS.md rates starting one critical.
import type { Finding } from '../model.js';
import type { CommandView, Rule } from './rule.js';

interface AgentCli {
  readonly programs: readonly string[];
  readonly label: string;
  /** Flags (exact, or `--flag=value` forms) that skip the agent's own approval of tool calls. */
  readonly bypass: RegExp;
  /** Environment variables (name=value) with the same effect. */
  readonly env?: Readonly<Record<string, RegExp>>;
}

const AGENTS: readonly AgentCli[] = [
  { programs: ['claude'], label: 'Claude Code', bypass: /^(--dangerously-skip-permissions|--permission-mode(=|$)bypassPermissions|--allow-dangerously-skip-permissions)$/ },
  { programs: ['gemini'], label: 'Gemini CLI', bypass: /^(--yolo|-y|--approval-mode(=yolo)?)$/ },
  { programs: ['codex'], label: 'Codex CLI', bypass: /^(--dangerously-bypass-approvals-and-sandbox|--yolo|--full-auto|--ask-for-approval(=never)?|-a(=never)?)$/ },
  { programs: ['q', 'kiro-cli'], label: 'Amazon Q Developer CLI', bypass: /^(--trust-all-tools|--trust-tools(=.*)?)$/ },
  { programs: ['cursor-agent'], label: "Cursor's agent CLI", bypass: /^(--force|-f|--yolo)$/ },
  { programs: ['aider'], label: 'aider', bypass: /^(--yes-always|--yes)$/ },
  { programs: ['amp'], label: 'Amp', bypass: /^(--dangerously-allow-all)$/ },
  { programs: ['opencode'], label: 'opencode', bypass: /^(--auto|--dangerously-skip-permissions|--yolo)$/ },
  { programs: ['goose'], label: 'Goose', bypass: /^$/, env: { GOOSE_MODE: /^auto$/i } },
  { programs: ['copilot'], label: 'GitHub Copilot CLI', bypass: /^(--allow-all-tools|--allow-all-paths|--yolo)$/ },
  { programs: ['crush', 'qwen', 'auggie', 'droid', 'cline', 'kilocode', 'plandex', 'openhands', 'continue', 'cn'], label: 'an agent CLI', bypass: /^(--yolo|--dangerously-skip-permissions|--auto-approve|--yes-always|--trust-all-tools|--skip-permissions-unsafe|--allow-all-tools|-y)$/ },
];

const BY_PROGRAM = new Map(AGENTS.flatMap((a) => a.programs.map((p) => [p, a] as const)));

function check(v: CommandView): Finding | undefined {
  const agent = BY_PROGRAM.get(v.program);
  if (!agent) return undefined;
  // The value form: `--permission-mode bypassPermissions`, `--approval-mode yolo`, `-a never`.
  const joined = v.args.map((a, i) => (/^(--permission-mode|--approval-mode|--ask-for-approval|-a)$/.test(a) && v.args[i + 1] ? `${a}=${v.args[i + 1]}` : a));
  const flag = joined.find((a) => a && agent.bypass.test(a) && !/=(default|plan|ask|on-request|untrusted|acceptEdits)$/.test(a));
  const env = Object.entries(agent.env ?? {}).find(([name, re]) => re.test(v.env(name) ?? ''));
  if (!flag && !env) return undefined;
  const how = flag ?? `${env![0]}=${v.env(env![0])}`;
  return {
    ruleId: 'agents.permissions-off', risk: 'critical', effect: 'execute',
    summary: `starts ${agent.label} with its permission checks turned off (${how}): every command it decides to run then runs unasked, outside Airlock's view unless its hooks are installed`,
    reversibility: 'irreversible', tags: ['agent-bypass', 'confirmation-bypass'],
    alternatives: [`start ${v.program} without ${how}, so it asks before running tools`],
  };
}

export const rules: readonly Rule[] = [
  { id: 'agents.permissions-off', programs: [...BY_PROGRAM.keys()], description: 'AI agent CLIs started with their permission checks off (--dangerously-skip-permissions, --yolo, --trust-all-tools…)', check },
];
