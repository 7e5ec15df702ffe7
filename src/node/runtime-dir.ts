// The per-user directory that holds gate sockets and discovery files. It must be private: a
// directory another user created or can write to would let them impersonate the gate.
import { chmodSync, lstatSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function runtimeDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.AIRLOCK_RUNTIME_DIR) return env.AIRLOCK_RUNTIME_DIR;
  if (env.XDG_RUNTIME_DIR) return join(env.XDG_RUNTIME_DIR, 'airlock');
  const uid = typeof process.getuid === 'function' ? process.getuid() : 'user';
  return join(tmpdir(), `airlock-${uid}`);
}

/** Creates the directory 0700 if needed, and refuses one that is not ours or is open to others. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const s = lstatSync(dir);
  if (!s.isDirectory() || s.isSymbolicLink()) throw new Error(`${dir} is not a directory`);
  if (typeof process.getuid === 'function' && s.uid !== process.getuid()) throw new Error(`${dir} belongs to another user`);
  if ((s.mode & 0o077) !== 0) chmodSync(dir, 0o700);
}

/** Where state that must survive the workspace lives (audit anchors, the launcher). */
export function stateDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.AIRLOCK_STATE_DIR) return env.AIRLOCK_STATE_DIR;
  const base = env.XDG_STATE_HOME || join(env.HOME || tmpdir(), '.local', 'state');
  return join(base, 'airlock');
}
