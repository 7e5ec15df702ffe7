// Starting an AI agent CLI with its permission checks off hands it every command unasked: critical.
import { runCases } from './cases.js';

runCases('agents', [
  { command: 'claude --dangerously-skip-permissions -p "clean up the repo"', risk: 'critical', rules: ['agents.permissions-off'] },
  { command: 'claude --permission-mode bypassPermissions', risk: 'critical', rules: ['agents.permissions-off'] },
  { command: 'gemini --yolo', risk: 'critical', rules: ['agents.permissions-off'] },
  { command: 'gemini --approval-mode yolo -p "fix the build"', risk: 'critical', rules: ['agents.permissions-off'] },
  { command: 'codex --dangerously-bypass-approvals-and-sandbox exec "migrate"', risk: 'critical', rules: ['agents.permissions-off'] },
  { command: 'codex -a never exec "deploy"', risk: 'critical', rules: ['agents.permissions-off'] },
  { command: 'cursor-agent --force -p "tidy"', risk: 'critical', rules: ['agents.permissions-off'] },
  { command: 'aider --yes-always', risk: 'critical', rules: ['agents.permissions-off'] },
  { command: 'nohup claude --dangerously-skip-permissions -p x &', risk: 'critical', rules: ['agents.permissions-off'] },
  // With their checks on, they ask before acting.
  { command: 'claude -p "explain this file"', risk: 'medium' },
  { command: 'gemini --approval-mode default', risk: 'medium' },
  { command: 'codex --version', risk: 'low' },
]);
