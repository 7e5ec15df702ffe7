// What the approval panel is shown for a held request, and which of its answers the extension
// accepts. The webview is never trusted: a decision counts only if it names a request the broker
// is holding, carries the typed confirmation where one is required, and asks for no wider
// approval than that request allows. Anything else is ignored and the request stays held.
import { requester } from '../core/hooks/types.js';
import { redact } from '../core/redact.js';
import { validatePrefix } from '../core/policy/session-pattern.js';
import type { DecideMessage, PendingCard } from '../protocol/webview.js';
import type { HumanDecision, PendingRequest } from './broker.js';

/** The name a human must type to allow `p`: for confirm decisions and every critical request. */
export function confirmTarget(p: PendingRequest): string | undefined {
  if (p.decision.action !== 'confirm' && p.assessment.risk !== 'critical') return undefined;
  return p.assessment.confirmTargets[0] ?? 'production';
}

export function pendingCard(p: PendingRequest): PendingCard {
  const target = confirmTarget(p);
  return {
    id: p.id,
    agent: requester(p.request),
    ...(p.request.session && { session: p.request.session }),
    ...(p.request.intent && { intent: redact(p.request.intent) }),
    assessment: p.assessment,
    decision: p.decision,
    receivedAt: p.receivedAt,
    expiresAt: p.expiresAt,
    ...(target !== undefined && { confirmTarget: target }),
    ...(p.coolingUntil !== undefined && { coolingUntil: p.coolingUntil }),
    ...(p.snapshot !== undefined && { snapshot: redact(p.snapshot) }),
  };
}

/** The human decision `msg` stands for, or undefined when it must be ignored. `held` is the request it names. */
export function acceptDecision(msg: DecideMessage, held: PendingRequest | undefined): HumanDecision | undefined {
  if (!held || held.id !== msg.id) return undefined;
  const note = msg.note?.trim() ? { note: msg.note.trim() } : {};
  if (msg.action === 'deny') return { action: 'deny', scope: 'once', ...note };
  // During a cooling-off the approval is already given: only Cancel counts.
  if (held.coolingUntil !== undefined) return undefined;
  const target = confirmTarget(held);
  if (target !== undefined) {
    // Typed confirmation approves this one request only.
    return msg.typed === target && msg.scope === 'once' ? { action: 'allow', scope: 'once' } : undefined;
  }
  switch (msg.scope) {
    case 'once':
    case 'session':
      return { action: 'allow', scope: msg.scope };
    case 'session-pattern':
      return msg.prefix !== undefined && validatePrefix(msg.prefix, held.assessment) === undefined
        ? { action: 'allow', scope: 'session-pattern', prefix: msg.prefix }
        : undefined;
  }
}
