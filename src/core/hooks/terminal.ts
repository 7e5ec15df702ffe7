// The terminal guard's own request format (src/shell/guard.*): the shell sends
// {command | command_b64, cwd, pid, ppid, shell, mode} and reads the exit status (0 runs the
// line) and one line on stderr. The base64 form carries lines with control characters intact.
import { isRecord, str, type AgentAdapter, type HookVerdict, type ShellReport } from './types.js';

const MODES = new Set<ShellReport['mode']>(['interactive', 'command-string']);
const SHELLS = /^(bash|zsh|fish|pwsh|sh)$/;

function decodeBase64(text: string): string | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) return undefined;
  const binary = atob(text);
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

const pid = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : undefined);

export const terminal: AgentAdapter = {
  id: 'terminal',
  parse(input) {
    if (!isRecord(input)) return { kind: 'error', reason: 'guard input is not a JSON object' };
    let command = str(input.command);
    if (command === undefined && typeof input.command_b64 === 'string') {
      command = decodeBase64(input.command_b64);
      if (command === undefined) return { kind: 'error', reason: 'command_b64 is not base64 of UTF-8 text' };
    }
    if (command === undefined) return { kind: 'error', reason: 'missing command' };
    const mode = str(input.mode);
    const shell = str(input.shell);
    const p = pid(input.pid);
    if (!p || !mode || !MODES.has(mode as ShellReport['mode']) || !shell || !SHELLS.test(shell)) {
      return { kind: 'error', reason: 'missing or invalid pid, shell or mode' };
    }
    const report: ShellReport = { pid: p, ppid: pid(input.ppid) ?? 0, shell, mode: mode as ShellReport['mode'] };
    return { agent: 'terminal', command, cwd: str(input.cwd), shell: report };
  },
  render(v: HookVerdict) {
    if (v.action === 'deny') return { stdout: '', stderr: v.agentMessage, exitCode: 1 };
    return { stdout: '', stderr: '', exitCode: 0 };
  },
  pass: () => ({ stdout: '', stderr: '', exitCode: 0 }),
};
