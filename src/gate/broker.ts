// The decision broker: every request is assessed, the policy applied, and the result is allow
// (answered at once), ask/confirm (held for a human in the editor until the timeout, which denies)
// or deny. Approvals come only from the Approver, which the editor backs with a UI gesture.
import { randomUUID } from 'node:crypto';
import type { HookRequest, HookVerdict } from '../core/hooks/types.js';
import type { Assessment } from '../core/model.js';
import type { Decision } from '../core/policy/decide.js';
import type { AssessResult } from '../node/assessor.js';
import { BurstBreaker, type Trip } from '../core/policy/burst.js';
import { applyProvenance } from '../core/provenance/apply.js';
import { CredentialLedger } from '../core/provenance/ledger.js';
import { makePattern, patternCovers, validatePrefix, type SessionPattern } from '../core/policy/session-pattern.js';
import { allowVerdict, denyVerdict } from './messages.js';

export interface PendingRequest {
  readonly id: string;
  readonly request: HookRequest;
  readonly assessment: Assessment;
  readonly decision: Decision;
  readonly receivedAt: number;
  readonly expiresAt: number;
  /** Set while an approved critical request waits out its cooling-off: the human can only cancel. */
  readonly coolingUntil?: number;
  /** What a snapshot would keep, measured while the request is held (filled in when known). */
  snapshot?: string;
}

export interface HumanDecision {
  readonly action: 'allow' | 'deny';
  /**
   * `session`: allow this exact command again for the same agent session without asking.
   * `session-pattern`: allow commands starting with `prefix` that are no riskier (see session-pattern.ts).
   */
  readonly scope?: 'once' | 'session' | 'session-pattern';
  readonly prefix?: string;
  readonly note?: string;
}

export interface Approver {
  /** Shows the request to a human. Resolves only from a human gesture, or rejects when aborted. */
  ask(pending: PendingRequest, signal: AbortSignal): Promise<HumanDecision>;
  /** Something about a held request changed (its snapshot plan): show it again. */
  update?(pending: PendingRequest): void;
}

/** A snapshot taken before a human-approved command was released (linked from its audit record). */
export interface SnapshotRef {
  readonly id: string;
  readonly files: number;
  readonly bytes: number;
  readonly complete: boolean;
}

/** Snapshot before destruction: measured while held, taken after approval, before release. */
export interface Snapshotter {
  /** A one-line summary for the card, or undefined when the command loses no local files. */
  plan(req: HookRequest, assessment: Assessment): Promise<string | undefined>;
  /** Takes it; undefined when there is nothing to keep. Never rejects. */
  take(req: HookRequest, assessment: Assessment): Promise<SnapshotRef | undefined>;
}

export interface BrokerOutcome {
  readonly id: string;
  readonly verdict: HookVerdict;
  readonly assessment: Assessment;
  readonly decidedBy: 'policy' | 'human' | 'timeout' | 'session-approval' | 'error' | 'audit-only' | 'parent-approval';
  readonly latencyMs: number;
  readonly snapshot?: SnapshotRef;
}

/** A decision taken before the policy is consulted (terminal requests only). */
export interface Shortcut {
  readonly decidedBy: 'audit-only' | 'parent-approval' | 'human';
  readonly reason: string;
}

export interface BrokerDeps {
  assess(req: HookRequest): Promise<AssessResult & { timeoutSeconds: number }>;
  /** Allows a request without asking: the human's own terminal while audit-only, a line covered by its parent's approval, a re-run the human approved. */
  shortcut?(req: HookRequest, assessment: Assessment): Shortcut | undefined;
  readonly approver: Approver;
  record(outcome: BrokerOutcome, req: HookRequest): void;
  readonly now?: () => number;
  /** Seconds an approved critical request waits, cancellable, before it is released (0: none). */
  coolingOffSeconds?(): number;
  /** A session was paused by the burst breaker: tell the human and record it. */
  onBurst?(trip: Trip, req: HookRequest): void;
  /** The policy's decision for an assessment the broker changed (credential provenance raised its risk). */
  redecide(req: HookRequest, assessment: Assessment): Decision;
  /** The home directory, to resolve `~/…` credential files. */
  readonly home?: string;
  readonly snapshots?: Snapshotter;
}

export class DecisionBroker {
  private readonly sessionApprovals = new Map<string, { exact: Set<string>; patterns: SessionPattern[] }>();
  private readonly pending = new Map<string, { pending: PendingRequest; abort: AbortController }>();
  readonly breaker = new BurstBreaker();
  /** What each agent session has discovered (secret files read, environments dumped), by name and file. */
  readonly ledger = new CredentialLedger();

  constructor(private readonly deps: BrokerDeps) {}

  get pendingRequests(): readonly PendingRequest[] {
    return [...this.pending.values()].map((p) => p.pending);
  }

  /** `onHeld` is called when the request starts waiting for a human. */
  async decide(req: HookRequest, onHeld?: () => void): Promise<BrokerOutcome> {
    const now = this.deps.now ?? Date.now;
    const started = now();
    const id = randomUUID();
    const key = sessionKey(req) ?? `${req.agent}:${req.origin?.name ?? 'no session'}`;
    const assessed = await this.deps.assess(req);
    const { timeoutSeconds } = assessed;
    const seen = { assessment: assessed.assessment, cwd: req.cwd, home: this.deps.home };
    // A credential this session found earlier (the PocketOS pattern) raises the risk and says so.
    const provenance = this.ledger.provenance(key, seen, started);
    const assessment = provenance.length ? applyProvenance(assessed.assessment, provenance) : assessed.assessment;
    const finish = (verdict: HookVerdict, assessment: Assessment, decidedBy: BrokerOutcome['decidedBy'], snapshot?: SnapshotRef): BrokerOutcome => {
      // Only a command that runs can show the agent a secret.
      if (verdict.action === 'allow') this.ledger.noteDiscovery(key, seen, started);
      const outcome = { id, verdict, assessment, decidedBy, latencyMs: now() - started, ...(snapshot && { snapshot }) };
      this.deps.record(outcome, req);
      return outcome;
    };
    // The human's own audit-only terminals are not an agent session: they are never paused.
    const counted = req.origin?.gated !== false;
    const trip = counted ? this.breaker.note(key, assessment.risk, now()) : undefined;
    if (trip) this.deps.onBurst?.(trip, req);
    // A paused session asks for everything: no policy allow, no shortcut, no session approval.
    const paused = counted && this.breaker.isPaused(key);
    const policyDecision = provenance.length ? this.deps.redecide(req, assessment) : assessed.decision;
    const decision: Decision = paused && policyDecision.action === 'allow'
      ? { action: 'ask', reason: 'this agent session is paused by the burst breaker: it sent too many high or critical requests at once', decidedBy: 'burst-breaker' }
      : policyDecision;
    const shortcut = decision.action === 'allow' || paused ? undefined : this.deps.shortcut?.(req, assessment);
    if (shortcut) return finish(allowVerdict(assessment, shortcut.reason), assessment, shortcut.decidedBy);
    switch (decision.action) {
      case 'allow':
        return finish(allowVerdict(assessment, decision.reason), assessment, 'policy');
      case 'deny':
        return finish(denyVerdict(assessment, `${decision.reason} (${decision.decidedBy})`), assessment, 'policy');
      case 'ask':
      case 'confirm': {
        const key = sessionKey(req);
        // Session approvals are exact: the same command string, same agent, same session. Never critical.
        const approvals = key ? this.sessionApprovals.get(key) : undefined;
        if (approvals && assessment.risk !== 'critical' && !paused) {
          if (approvals.exact.has(req.command)) return finish(allowVerdict(assessment, 'approved earlier in this agent session'), assessment, 'session-approval');
          const p = approvals.patterns.find((x) => patternCovers(x, assessment));
          if (p) return finish(allowVerdict(assessment, `covered by the session approval for commands starting with ${JSON.stringify(p.prefix)}`), assessment, 'session-approval');
        }
        const pending: PendingRequest = { id, request: req, assessment, decision, receivedAt: started, expiresAt: started + timeoutSeconds * 1000 };
        const abort = new AbortController();
        this.pending.set(id, { pending, abort });
        const timer = setTimeout(() => abort.abort(), timeoutSeconds * 1000);
        onHeld?.();
        // The human sees what a snapshot would keep (or that it would not fit) before deciding.
        void this.deps.snapshots?.plan(req, assessment).then((summary) => {
          if (summary === undefined || !this.pending.has(id)) return;
          pending.snapshot = summary;
          this.deps.approver.update?.(pending);
        }, () => undefined);
        try {
          const human = await this.deps.approver.ask(pending, abort.signal);
          if (human.action === 'allow') {
            let scope = '';
            if (key && assessment.risk !== 'critical' && (human.scope === 'session' || human.scope === 'session-pattern')) {
              const approvals = this.sessionApprovals.get(key) ?? { exact: new Set<string>(), patterns: [] };
              this.sessionApprovals.set(key, approvals);
              // A pattern is re-validated here: nothing the approver passes can widen it past these rules.
              if (human.scope === 'session-pattern' && human.prefix !== undefined && validatePrefix(human.prefix, assessment) === undefined) {
                approvals.patterns.push(makePattern(human.prefix, assessment));
                scope = ` for this session, with commands starting with ${JSON.stringify(human.prefix)}`;
              } else {
                approvals.exact.add(req.command);
                scope = ' for this session';
              }
            }
            const cancelled = await this.coolOff(pending);
            if (cancelled) return finish(denyVerdict(assessment, 'a human approved it, then cancelled it during the cooling-off'), assessment, 'human');
            const snapshot = await this.deps.snapshots?.take(req, assessment);
            const kept = snapshot ? `; snapshot ${snapshot.id} keeps ${snapshot.files} file(s) it would destroy` : '';
            return finish(allowVerdict(assessment, `approved by a human in the editor${scope}${kept}`), assessment, 'human', snapshot);
          }
          const note = human.note ? ` The human said: ${human.note}` : '';
          return finish(denyVerdict(assessment, `denied by a human in the editor.${note}`), assessment, 'human');
        } catch {
          const why = abort.signal.aborted ? `nobody approved it within ${timeoutSeconds} s, so it was denied` : 'the approval could not be shown';
          return finish(denyVerdict(assessment, why), assessment, abort.signal.aborted ? 'timeout' : 'error');
        } finally {
          clearTimeout(timer);
          this.pending.delete(id);
        }
      }
    }
  }

  /**
   * An approved critical request waits `coolingOffSeconds`, shown in the panel with only Cancel.
   * True when the human cancelled it (or the editor shut down before the countdown ended).
   */
  private async coolOff(approved: PendingRequest): Promise<boolean> {
    const seconds = approved.assessment.risk === 'critical' ? this.deps.coolingOffSeconds?.() ?? 0 : 0;
    if (seconds <= 0) return false;
    const now = this.deps.now ?? Date.now;
    const cooling: PendingRequest = { ...approved, id: randomUUID(), coolingUntil: now() + seconds * 1000 };
    const abort = new AbortController();
    let released = false;
    this.pending.set(cooling.id, { pending: cooling, abort });
    const timer = setTimeout(() => { released = true; abort.abort(); }, seconds * 1000);
    try {
      const human = await this.deps.approver.ask(cooling, abort.signal);
      return human.action === 'deny';
    } catch {
      if (released) return false; // the countdown ran out: released
      if (abort.signal.aborted) return true; // the editor is shutting down: never released unseen
      // The countdown could not be shown: it is still waited out before release.
      await new Promise((r) => setTimeout(r, Math.max(0, (cooling.coolingUntil ?? 0) - now())));
      return false;
    } finally {
      clearTimeout(timer);
      this.pending.delete(cooling.id);
    }
  }

  /** Cancels every held request (extension shutting down): they are denied, never allowed. */
  dispose(): void {
    for (const p of this.pending.values()) p.abort.abort();
  }
}

const sessionKey = (req: HookRequest): string | undefined => (req.session ? `${req.agent}:${req.origin?.agent ?? ''}:${req.session}` : undefined);
