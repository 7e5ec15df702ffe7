// Process bookkeeping for the editor harness: find every process we started (a process group and all
// its descendants, including the shells node-pty puts in their own sessions) and stop exactly those.
// Nothing here matches processes by name.
import fs from 'node:fs';

/** @returns {Map<number, number>} pid -> parent pid, for every process visible in /proc */
function parentMap() {
  const map = new Map();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid ...; comm may contain spaces and parentheses, so split after the last ')'
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      map.set(Number(entry), ppid);
    } catch {
      // the process ended while we looked
    }
  }
  return map;
}

/** @returns {number[]} the pids of all descendants of `pid` (not `pid` itself) */
export function descendants(pid) {
  const parents = parentMap();
  const out = [];
  const queue = [pid];
  while (queue.length > 0) {
    const p = queue.shift();
    for (const [child, parent] of parents) {
      if (parent === p && !out.includes(child)) {
        out.push(child);
        queue.push(child);
      }
    }
  }
  return out;
}

/** @returns {number[]} the pids whose process group is `pgid` */
export function groupMembers(pgid) {
  const out = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === pgid && fields[0] !== 'Z') out.push(Number(entry));
    } catch {
      // gone
    }
  }
  return out;
}

function alive(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

function signal(pid, sig) {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

/**
 * Stops the process group `pgid` (a child spawned with `detached: true`) and every descendant of its
 * leader: SIGTERM first, SIGKILL after `graceMs`. Synchronous so that it also works in an exit handler.
 */
export function killTree(pgid, graceMs = 4000) {
  const victims = new Set([...groupMembers(pgid), ...descendants(pgid)]);
  if (alive(pgid)) victims.add(pgid);
  if (victims.size === 0) return;
  signal(-pgid, 'SIGTERM');
  for (const pid of victims) signal(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  while (Date.now() < deadline) {
    // children reparented while we waited are still in our list; new ones are picked up by the group kill
    if ([...victims].every((pid) => !alive(pid)) && groupMembers(pgid).length === 0) return;
    Atomics.wait(sleeper, 0, 0, 100);
  }
  for (const pid of groupMembers(pgid)) victims.add(pid);
  signal(-pgid, 'SIGKILL');
  for (const pid of victims) if (alive(pid)) signal(pid, 'SIGKILL');
}

/**
 * Watchdog: `node proc.mjs --watchdog <pgid> [dir]` with a pipe as stdin. When the pipe closes (the harness
 * that started us exited, even by SIGKILL), it stops the process group `pgid` and its descendants, and
 * removes `dir` (the run's temporary directory) if that still exists.
 */
if (process.argv[2] === '--watchdog') {
  const pgid = Number(process.argv[3]);
  const dir = process.argv[4];
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => {});
  process.stdin.on('data', () => {});
  process.stdin.on('close', () => {
    killTree(pgid);
    if (dir && !process.env.AIRLOCK_KEEP_RUN) fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
    process.exit(0);
  });
  process.stdin.resume();
}
