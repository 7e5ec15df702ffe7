// The one protocol between hook clients and the gate in the editor, over a private local socket.
//
// A connection carries exactly one exchange:
//   client → gate: a header line (JSON, below), then the agent's raw hook input until EOF
//                  (or, for `decide`, nothing more);
//   gate → client: line 1 the exit code, line 2 one line for stderr (may be empty), then stdout.
// The reply is plain text so a POSIX `sh` client with `nc -U` can relay it without parsing JSON.
// Terminal-guard requests that a human must decide are answered at once with HELD_EXIT_CODE, a
// "waiting" line for the terminal and the held id as stdout; the client then sends a `wait` header
// with that id and gets the final answer on a second connection.
// The channel can only ask for decisions: no message type approves anything.

export const GATE_PROTOCOL_VERSION = 1;
/** Whole request cap (header + body). Larger requests are denied, never truncated and allowed. */
export const MAX_REQUEST_BYTES = 1024 * 1024;
/** "Held for a human; ask again with `wait`" (EX_TEMPFAIL). Never a decision by itself. */
export const HELD_EXIT_CODE = 75;

export type GateHeader =
  | { readonly v: 1; readonly token: string; readonly type: 'hook'; readonly agent: string; readonly cwd?: string }
  | { readonly v: 1; readonly token: string; readonly type: 'wait'; readonly id: string }
  | { readonly v: 1; readonly token: string; readonly type: 'ping' };

export interface GateReply {
  readonly exitCode: number;
  /** One line; newlines are replaced so the framing holds. */
  readonly stderr: string;
  readonly stdout: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function parseGateHeader(line: string): GateHeader | string {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return 'the request header is not JSON';
  }
  if (!isRecord(v)) return 'the request header is not an object';
  if (v.v !== GATE_PROTOCOL_VERSION) return `unsupported protocol version ${JSON.stringify(v.v)}`;
  if (typeof v.token !== 'string' || !v.token) return 'missing token';
  switch (v.type) {
    case 'ping':
      return { v: 1, token: v.token, type: 'ping' };
    case 'wait':
      if (typeof v.id !== 'string' || !/^[0-9a-f-]{36}$/.test(v.id)) return 'missing or invalid id';
      return { v: 1, token: v.token, type: 'wait', id: v.id };
    case 'hook':
      if (typeof v.agent !== 'string' || !v.agent) return 'missing agent';
      if (v.cwd !== undefined && typeof v.cwd !== 'string') return 'cwd must be a string';
      return { v: 1, token: v.token, type: 'hook', agent: v.agent, cwd: v.cwd as string | undefined };
    default:
      return `unknown request type ${JSON.stringify(v.type)}`;
  }
}

export function encodeReply(r: GateReply): string {
  return `${r.exitCode}\n${r.stderr.replace(/[\r\n]+/g, ' ')}\n${r.stdout}`;
}

export function decodeReply(text: string): GateReply | undefined {
  const first = text.indexOf('\n');
  const second = first >= 0 ? text.indexOf('\n', first + 1) : -1;
  if (first < 0 || second < 0) return undefined;
  const exitCode = Number(text.slice(0, first));
  if (!Number.isInteger(exitCode) || exitCode < 0 || exitCode > 255) return undefined;
  return { exitCode, stderr: text.slice(first + 1, second), stdout: text.slice(second + 1) };
}

/** The discovery file each window writes (mode 0600) next to its socket. */
export interface Discovery {
  readonly v: 1;
  readonly pid: number;
  readonly socket: string;
  readonly token: string;
  readonly roots: readonly string[];
  readonly started: string;
}

export function parseDiscovery(text: string): Discovery | undefined {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(v) || v.v !== 1 || typeof v.pid !== 'number' || typeof v.socket !== 'string' || typeof v.token !== 'string' || typeof v.started !== 'string') return undefined;
  if (!Array.isArray(v.roots) || !v.roots.every((r) => typeof r === 'string')) return undefined;
  return { v: 1, pid: v.pid, socket: v.socket, token: v.token, roots: v.roots as string[], started: v.started };
}
