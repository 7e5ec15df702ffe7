// Finds the gate of the window whose workspace contains a directory, and talks to it.
import { readdirSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join, resolve, sep } from 'node:path';
import { decodeReply, parseDiscovery, type Discovery, type GateReply } from '../protocol/gate.js';
import { runtimeDir } from './runtime-dir.js';
import { pidAlive } from './process-alive.js';

const contains = (root: string, dir: string) => dir === root || dir.startsWith(root.endsWith(sep) ? root : root + sep);

/** The live gate whose workspace root most specifically contains `cwd`, if any. */
export function findGate(cwd: string, env: NodeJS.ProcessEnv = process.env): Discovery | undefined {
  const dir = runtimeDir(env);
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.startsWith('gate-') && n.endsWith('.json'));
  } catch {
    return undefined;
  }
  const target = resolve(cwd);
  let live = 0;
  let best: { d: Discovery; len: number } | undefined;
  // A terminal of the editor names its own window's gate: that one answers, wherever the shell is.
  const own = env.AIRLOCK_GATE && resolve(env.AIRLOCK_GATE).startsWith(dir + sep) ? `${resolve(env.AIRLOCK_GATE).slice(dir.length + 1)}.json` : undefined;
  for (const n of names) {
    let d: Discovery | undefined;
    try {
      d = parseDiscovery(readFileSync(join(dir, n), 'utf8'));
    } catch {
      continue;
    }
    if (!d || !pidAlive(d.pid)) continue;
    live++;
    if (n === own) best = { d, len: Number.MAX_SAFE_INTEGER };
    for (const root of d.roots) {
      if (contains(resolve(root), target) && (!best || root.length > best.len)) best = { d, len: root.length };
    }
  }
  lastLiveGates = live;
  return best?.d;
}

let lastLiveGates = 0;
/** How many live gates the last findGate() saw: tells "editor not running" from "folder not open". */
export const liveGatesSeen = (): number => lastLiveGates;

/** Sends one exchange. Rejects when the gate cannot be reached or answers garbage. */
export function exchange(d: Discovery, header: object, body: Buffer | string, timeoutMs: number): Promise<GateReply> {
  return new Promise((resolvePromise, reject) => {
    const socket = connect(d.socket);
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`the gate did not answer within ${Math.round(timeoutMs / 1000)} s`));
    }, timeoutMs);
    socket.on('connect', () => {
      socket.write(JSON.stringify({ v: 1, token: d.token, ...header }) + '\n');
      socket.end(body);
    });
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      const r = decodeReply(Buffer.concat(chunks).toString('utf8'));
      if (r) resolvePromise(r);
      else reject(new Error('the gate closed the connection without a valid answer'));
    });
  });
}
