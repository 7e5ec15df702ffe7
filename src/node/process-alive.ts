// Whether a process id is alive. EPERM means it exists but belongs to someone else. On Linux a
// killed process that nobody reaped (a zombie) still answers kill(pid, 0), so /proc is checked too.
import { readFileSync } from 'node:fs';

export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  if (process.platform !== 'linux') return true;
  try {
    return !/^State:\s*Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return true; // no /proc: trust kill()
  }
}
