// The one protocol between the extension and its webview. Everything that arrives from the
// webview is checked here at run time; the webview can ask for an assessment, say "decide held
// request X", ask to verify or export the workspace audit log (fixed actions, no ids or paths), or
// show / accept the held-back workspace policy (only the hash of the text shown travels), never run
// commands. Whether a decision is accepted is the extension's call
// (src/gate/panel-decision.ts): only for an id it issued and still holds.
import type { HistoryEntry } from '../core/audit/history.js';
import type { Assessment } from '../core/model.js';
import type { Decision } from '../core/policy/decide.js';

export interface PanelStatus {
  readonly policySource: string;
  readonly policyProblems: number;
  readonly workspace: string;
}

/** A request held for a human, as the panel shows it. */
export interface PendingCard {
  readonly id: string;
  readonly agent: string;
  readonly session?: string;
  /** The agent's stated intent, secrets redacted. */
  readonly intent?: string;
  readonly assessment: Assessment;
  readonly decision: Decision;
  readonly receivedAt: number;
  readonly expiresAt: number;
  /** The name the human must type before Allow is enabled (confirm decisions and critical risk). */
  readonly confirmTarget?: string;
  /** Approved and waiting out its cooling-off until then (extension clock): only Cancel is offered. */
  readonly coolingUntil?: number;
  /** What a snapshot would keep before it runs, or that it would not fit (measured while held). */
  readonly snapshot?: string;
}

export type ToWebview =
  | { readonly type: 'status'; readonly status: PanelStatus }
  | { readonly type: 'assessment'; readonly assessment: Assessment; readonly decision: Decision }
  /** `now` is the extension's clock when sent, so the countdown survives a skewed webview clock. */
  | { readonly type: 'pending'; readonly requests: readonly PendingCard[]; readonly now: number }
  /** The most recent decisions of the workspace audit file, newest first. */
  | { readonly type: 'history'; readonly entries: readonly HistoryEntry[] }
  | { readonly type: 'verifyResult'; readonly result: VerifyResult }
  /** A loosening workspace policy held back until a human accepts it in the panel; null when none. */
  | { readonly type: 'policyReview'; readonly review: PolicyReview | null };

/** "Policy changes waiting": what the workspace policy file wants to loosen, and the hash of its text. */
export interface PolicyReview {
  /** The policy file, relative to the workspace. */
  readonly file: string;
  /** The held-back entries, as the Problems panel names them. */
  readonly entries: readonly string[];
  /** sha256 (hex) of the file's text the entries were read from: "Accept" sends it back. */
  readonly sha256: string;
}

export type { HistoryEntry };

/** "Verify audit log", as shown in place. */
export type VerifyResult =
  | { readonly state: 'intact'; readonly records: number; readonly breaks: number }
  | { readonly state: 'tampered'; readonly records: number; readonly line: number; readonly reason: string }
  | { readonly state: 'unavailable'; readonly reason: string };

export const DECIDE_SCOPES = ['once', 'session', 'session-pattern'] as const;

export interface DecideMessage {
  readonly type: 'decide';
  readonly id: string;
  readonly action: 'allow' | 'deny';
  readonly scope: (typeof DECIDE_SCOPES)[number];
  readonly prefix?: string;
  readonly note?: string;
  readonly typed?: string;
}

export type FromWebview =
  | { readonly type: 'ready' }
  | { readonly type: 'assess'; readonly command: string }
  | { readonly type: 'verifyAudit' }
  | { readonly type: 'exportAudit' }
  /** Restore the snapshot linked to the History entry with this request id (the extension looks it up). */
  | { readonly type: 'restoreSnapshot'; readonly requestId: string }
  /** Open the diff of the held-back policy against the last accepted text. */
  | { readonly type: 'showPolicyDiff' }
  /** Accept the workspace policy whose text has exactly this sha256 (the one the human was shown). */
  | { readonly type: 'acceptPolicy'; readonly sha256: string }
  | DecideMessage;

const MAX_COMMAND = 256 * 1024;
const MAX_ID = 100;
const MAX_NOTE = 2_000;
const MAX_TYPED = 1_000;
const SHA256 = /^[0-9a-f]{64}$/;

const optionalString = (v: unknown, max: number): string | undefined | false =>
  v === undefined ? undefined : typeof v === 'string' && v.length <= max ? v : false;

function parseDecide(v: Record<string, unknown>): DecideMessage | undefined {
  if (typeof v.id !== 'string' || v.id.length === 0 || v.id.length > MAX_ID) return undefined;
  if (v.action !== 'allow' && v.action !== 'deny') return undefined;
  const scope = DECIDE_SCOPES.find((s) => s === v.scope);
  if (!scope) return undefined;
  const prefix = optionalString(v.prefix, MAX_COMMAND);
  const note = optionalString(v.note, MAX_NOTE);
  const typed = optionalString(v.typed, MAX_TYPED);
  if (prefix === false || note === false || typed === false) return undefined;
  return {
    type: 'decide', id: v.id, action: v.action, scope,
    ...(prefix !== undefined && { prefix }), ...(note !== undefined && { note }), ...(typed !== undefined && { typed }),
  };
}

export function parseFromWebview(value: unknown): FromWebview | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  switch (v.type) {
    case 'ready':
      return { type: 'ready' };
    case 'assess':
      return typeof v.command === 'string' && v.command.length <= MAX_COMMAND ? { type: 'assess', command: v.command } : undefined;
    case 'decide':
      return parseDecide(v);
    case 'verifyAudit':
      return { type: 'verifyAudit' };
    case 'exportAudit':
      return { type: 'exportAudit' };
    case 'restoreSnapshot':
      return typeof v.requestId === 'string' && /^[0-9a-f-]{36}$/.test(v.requestId) ? { type: 'restoreSnapshot', requestId: v.requestId } : undefined;
    case 'showPolicyDiff':
      return { type: 'showPolicyDiff' };
    case 'acceptPolicy':
      return typeof v.sha256 === 'string' && SHA256.test(v.sha256) ? { type: 'acceptPolicy', sha256: v.sha256 } : undefined;
    default:
      return undefined;
  }
}

export function assertNever(x: never): never {
  throw new Error(`unexpected message ${JSON.stringify(x)}`);
}
