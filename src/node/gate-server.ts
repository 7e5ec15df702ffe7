// The gate's local channel: a Unix domain socket (mode 0600, in a 0700 per-user directory; a named
// pipe on Windows) plus a 0600 discovery file with a per-session token. One exchange per
// connection, framed as described in src/protocol/gate.ts.
import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, readdirSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { adapterFor } from '../core/hooks/adapters.js';
import { isHookRequest, type AgentAdapter, type HookRequest, type HookVerdict } from '../core/hooks/types.js';
import { encodeReply, HELD_EXIT_CODE, MAX_REQUEST_BYTES, parseGateHeader, type Discovery, type GateReply } from '../protocol/gate.js';
import { denyVerdict } from '../gate/messages.js';
import { pidAlive } from './process-alive.js';
import { ensurePrivateDir, runtimeDir } from './runtime-dir.js';

export interface GateHandler {
  /** `onHeld` is called when the request waits for a human (terminal requests say so at once). */
  decide(req: HookRequest, onHeld?: () => void): Promise<HookVerdict>;
}

export interface GateServer {
  readonly socketPath: string;
  readonly discoveryPath: string;
  /** The discovery files without their extension (`.json`, `.env`): terminals are pointed at it. */
  readonly gateId: string;
  readonly token: string;
  updateRoots(roots: readonly string[]): void;
  close(): Promise<void>;
}

const IDLE_MS = 5_000;
/** How long a held terminal request's answer is kept for the shell's `wait` after it is decided. */
const ANSWER_KEPT_MS = 60_000;

/** Held terminal requests by id: the shell reconnects with `wait` and gets the final answer. */
class HeldAnswers {
  private readonly answers = new Map<string, Promise<GateReply>>();

  add(answer: Promise<GateReply>): string {
    const id = randomUUID();
    this.answers.set(id, answer);
    const forget = () => setTimeout(() => this.answers.delete(id), ANSWER_KEPT_MS).unref();
    answer.then(forget, forget);
    return id;
  }

  get(id: string): Promise<GateReply> | undefined {
    return this.answers.get(id);
  }
}

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
  const held = new HeldAnswers();
  const server: Server = createServer({ allowHalfOpen: true }, (socket) => serve(socket, handler, tokenBuf, held));
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
    socketPath, discoveryPath, token, gateId: join(dir, `gate-${id}`),
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

function serve(socket: Socket, handler: GateHandler, token: Buffer, held: HeldAnswers): void {
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
    void handle(Buffer.concat(chunks), handler, token, held).then((r) => reply(socket, r), (e: unknown) => reply(socket, denyIn(undefined, `internal error: ${(e as Error).message}`)));
  });
}

async function handle(data: Buffer, handler: GateHandler, token: Buffer, held: HeldAnswers): Promise<GateReply> {
  const nl = data.indexOf(0x0a);
  const headerText = (nl >= 0 ? data.subarray(0, nl) : data).toString('utf8');
  const header = parseGateHeader(headerText);
  if (typeof header === 'string') return denyIn(undefined, header);
  const given = Buffer.from(header.token);
  if (given.length !== token.length || !timingSafeEqual(given, token)) return denyIn(undefined, 'wrong token: this client is not talking to its own gate');
  if (header.type === 'ping') return { exitCode: 0, stderr: '', stdout: 'pong\n' };
  if (header.type === 'wait') {
    const answer = held.get(header.id);
    return answer ?? denyIn(adapterFor('terminal'), 'no request with that id is waiting (the editor was reloaded, or it was already answered)');
  }
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
  if (adapter.id !== 'terminal') return adapter.render(await handler.decide(request));
  // The terminal is told at once that the line waits for the panel, then waits with `wait`.
  let markHeld!: () => void;
  const isHeld = new Promise<'held'>((resolve) => (markHeld = () => resolve('held')));
  const answer = handler.decide(request, markHeld).then((v) => adapter.render(v), (e: unknown) => denyIn(adapter, `internal error: ${(e as Error).message}`));
  if ((await Promise.race([answer, isHeld])) !== 'held') return answer;
  const id = held.add(answer);
  return { exitCode: HELD_EXIT_CODE, stderr: 'Airlock: this command waits for a decision in the Airlock panel (the sidebar shield)…', stdout: id };
}
