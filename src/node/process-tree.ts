// The chain of parent processes of a pid, nearest first, to find which editor terminal or task a
// shell belongs to (a shell started inside a terminal's shell is still that terminal's).
// Linux reads /proc; elsewhere `ps` answers. Stops at pid 1, a loop, or `limit` steps.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

function parentOf(pid: number): number | undefined {
  if (process.platform === 'linux') {
    try {
      // The command name (field 2) is in parentheses and may itself contain ") ", so read after the last one.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      return Number.isInteger(ppid) && ppid > 0 ? ppid : undefined;
    } catch {
      return undefined;
    }
  }
  try {
    const out = execFileSync('ps', ['-o', 'ppid=', '-p', String(pid)], { encoding: 'utf8', timeout: 1000 });
    const ppid = Number(out.trim());
    return Number.isInteger(ppid) && ppid > 0 ? ppid : undefined;
  } catch {
    return undefined;
  }
}

/** `pid` itself, then its parent, grandparent… up to (not including) pid 1. */
export function selfAndAncestors(pid: number, limit = 32): number[] {
  const chain: number[] = [];
  let current: number | undefined = pid;
  while (current && current > 1 && chain.length < limit && !chain.includes(current)) {
    chain.push(current);
    current = parentOf(current);
  }
  return chain;
}
