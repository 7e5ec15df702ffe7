// The adapter registry: `airlock hook <agent>` looks the agent up here.
import { claudeCode, codex, copilot } from './claude-code.js';
import { copilotCli } from './copilot-cli.js';
import { cursor } from './cursor.js';
import { gemini } from './gemini.js';
import { terminal } from './terminal.js';
import type { AgentAdapter, HookFormat } from './types.js';

export const ADAPTERS: Readonly<Record<HookFormat, AgentAdapter>> = {
  'claude-code': claudeCode,
  cursor,
  copilot,
  'copilot-cli': copilotCli,
  codex,
  gemini,
  terminal,
};

export function adapterFor(name: string): AgentAdapter | undefined {
  return Object.prototype.hasOwnProperty.call(ADAPTERS, name) ? ADAPTERS[name as HookFormat] : undefined;
}
