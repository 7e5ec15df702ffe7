// The gate's local channel: a Unix domain socket (mode 0600, in a 0700 per-user directory; a named
// pipe on Windows) plus a 0600 discovery file with a per-session token. One exchange per
// connection, framed as described in src/protocol/gate.ts.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, readdirSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { adapterFor } from '../core/hooks/adapters.js';
import { isHookRequest, type AgentAdapter, type HookRequest, type HookVerdict } from '../core/hooks/types.js';
import { encodeReply, MAX_REQUEST_BYTES, parseGateHeader, type Discovery, type GateReply } from '../protocol/gate.js';
import { denyVerdict } from '../gate/messages.js';
import { pidAlive } from './process-alive.js';
import { ensurePrivateDir, runtimeDir } from './runtime-dir.js';

export interface GateHandler {
  decide(req: HookRequest): Promise<HookVerdict>;
}

export interface GateServer {
  readonly socketPath: string;
  readonly discoveryPath: string;
  readonly token: string;
  updateRoots(roots: readonly string[]): void;
  close(): Promise<void>;
}

const IDLE_MS = 5_000;

export async function startGateServer(handler: GateHandler, roots: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<GateServer> {
  const dir = runtimeDir(env);
  ensurePrivateDir(dir);
  removeDeadGates(dir);
  const token = randomBytes(32).toString('hex');
  const tokenBuf = Buffer.from(token);
  const id = `${process.pid}-${randomBytes(3).toString('hex')}`;
  const socketPath = process.platform === 'win32' ? `\\\\.\\pipe\\airlock-${id}` : join(dir, `gate-${id}.sock`);
  const discoveryPath = join(dir, `gate-${id}.json`);
  const shellEnvPath = join(dir, `gate-${id}.env`);

  // allowHalfOpen: the client half-closes after its request and waits for the answer.
  const server: Server = createServer({ allowHalfOpen: true }, (socket) => serve(socket, handler, tokenBuf));
  if (process.platform !== 'win32' && existsSync(socketPath)) unlinkSync(socketPath);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // The socket is created inside the 0700 directory, so nobody else can reach it even in the
    // moment before the chmod below makes it 0600 as well.
    server.listen(socketPath, () => resolve());
  });
  if (process.platform !== 'win32') chmodSync(socketPath, 0o600);

  let currentRoots = [...roots];
  const writeDiscovery = () => {
    const d: Discovery = { v: 1, pid: process.pid, socket: socketPath, token, roots: currentRoots, started: new Date().toISOString() };
    atomicWrite(discoveryPath, JSON.stringify(d) + '\n');
    // The same facts for the POSIX sh fast path, which cannot parse JSON. Values are single-quoted.
    const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
    atomicWrite(shellEnvPath, `AIRLOCK_PID=${process.pid}\nAIRLOCK_SOCK=${q(socketPath)}\nAIRLOCK_TOKEN=${q(token)}\nAIRLOCK_ROOTS=${q(currentRoots.join('\n'))}\n`);
  };
  writeDiscovery();

  return {
    socketPath, discoveryPath, token,
    updateRoots(next) {
      currentRoots = [...next];
      writeDiscovery();
    },
    close: () => new Promise<void>((resolve) => {
      for (const f of [discoveryPath, shellEnvPath]) try { unlinkSync(f); } catch { /* gone */ }
      server.close(() => resolve());
    }),
  };
}

/** Files left by windows that died without closing (a killed extension host). */
function removeDeadGates(dir: string): void {
  for (const name of readdirSync(dir)) {
    const m = /^gate-(\d+)-[0-9a-f]+\.(json|env|sock)$/.exec(name);
    if (!m || pidAlive(Number(m[1]))) continue;
    try { unlinkSync(join(dir, name)); } catch { /* another window cleaned it */ }
  }
}

function atomicWrite(file: string, text: string): void {
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, text, { mode: 0o600 });
  renameSync(tmp, file);
}

function reply(socket: Socket, r: GateReply): void {
  socket.end(encodeReply(r));
}

function denyIn(adapter: AgentAdapter | undefined, why: string): GateReply {
  if (!adapter) return { exitCode: 2, stderr: `Airlock: ${why}`, stdout: '' };
  return adapter.render(denyVerdict(undefined, why));
}

function serve(socket: Socket, handler: GateHandler, token: Buffer): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let done = false;
  socket.setTimeout(IDLE_MS, () => {
    if (!done) reply(socket, denyIn(undefined, 'the request was not completed in time'));
    done = true;
  });
  socket.on('error', () => socket.destroy());
  socket.on('data', (chunk) => {
    if (done) return;
    size += chunk.length;
    if (size > MAX_REQUEST_BYTES) {
      done = true;
      reply(socket, denyIn(undefined, `the request is larger than ${MAX_REQUEST_BYTES} bytes`));
      return;
    }
    chunks.push(chunk);
  });
  socket.on('end', () => {
    if (done) return;
    done = true;
    void handle(Buffer.concat(chunks), handler, token).then((r) => reply(socket, r), (e: unknown) => reply(socket, denyIn(undefined, `internal error: ${(e as Error).message}`)));
  });
}

async function handle(data: Buffer, handler: GateHandler, token: Buffer): Promise<GateReply> {
  const nl = data.indexOf(0x0a);
  const headerText = (nl >= 0 ? data.subarray(0, nl) : data).toString('utf8');
  const header = parseGateHeader(headerText);
  if (typeof header === 'string') return denyIn(undefined, header);
  const given = Buffer.from(header.token);
  if (given.length !== token.length || !timingSafeEqual(given, token)) return denyIn(undefined, 'wrong token: this client is not talking to its own gate');
  if (header.type === 'ping') return { exitCode: 0, stderr: '', stdout: 'pong\n' };
  const adapter = adapterFor(header.agent);
  if (!adapter) return denyIn(undefined, `unknown agent format ${JSON.stringify(header.agent)}`);
  const body = nl >= 0 ? data.subarray(nl + 1) : Buffer.alloc(0);
  let input: unknown;
  try {
    input = JSON.parse(body.toString('utf8'));
  } catch {
    return denyIn(adapter, 'the hook input is not valid JSON');
  }
  const parsed = adapter.parse(input);
  if (!isHookRequest(parsed)) {
    if (parsed.kind === 'not-shell') return adapter.pass();
    return denyIn(adapter, `malformed hook input: ${parsed.reason}`);
  }
  const request = parsed.cwd ? parsed : { ...parsed, cwd: header.cwd };
  return adapter.render(await handler.decide(request));
}
