// Asks the human with a modal dialog until the approval panel exists. The dialog's details come
// from the assessment — plan, targets, environment, credentials — not a bare yes/no. Critical
// requests also need the target's name typed. Only a click or typing resolves a request.
import * as vscode from 'vscode';
import { describeBlastRadius } from '../core/blast-radius.js';
import { redact } from '../core/redact.js';
import { suggestPrefix, validatePrefix } from '../core/policy/session-pattern.js';
import type { Approver, HumanDecision, PendingRequest } from '../gate/broker.js';

const ALLOW_ONCE = 'Allow once';
const ALLOW_SESSION = 'Allow for this session';
const ALLOW_SIMILAR = 'Allow similar for this session…';
const DENY = 'Deny';

export function describePending(p: PendingRequest): string {
  const a = p.assessment;
  const lines = [
    `${p.request.agent}${p.request.session ? ` (session ${p.request.session.slice(0, 12)})` : ''} wants to run:`,
    a.command,
    '',
    p.request.intent ? `Stated intent: ${redact(p.request.intent)}` : '',
    a.summary,
    ...a.steps.filter((s) => s.risk !== 'low').map((s, i) => `${i + 1}. [${s.risk}] ${s.effect}: ${s.summary} — ${s.scope}, ${s.reversibility}${s.environment ? `, environment ${s.environment}` : ''}`),
    a.blastRadius ? `Blast radius: ${describeBlastRadius(a.blastRadius)}` : '',
    a.credentials.length ? `Credentials: ${a.credentials.map((c) => `${c.kind} ${c.name}`).join(', ')}` : '',
    a.rules.length ? `Rules: ${a.rules.map((r) => r.id).join(', ')}` : '',
    a.alternatives.length ? `Safer: ${a.alternatives[0]}` : '',
  ];
  return lines.filter((l, i) => l !== '' || i === 2).join('\n');
}

export class ModalApprover implements Approver {
  private queue: Promise<unknown> = Promise.resolve();

  ask(p: PendingRequest, signal: AbortSignal): Promise<HumanDecision> {
    // One dialog at a time; a request that timed out while queued is never shown.
    const run = async (): Promise<HumanDecision> => {
      if (signal.aborted) throw new Error('timed out');
      return this.show(p, signal);
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async show(p: PendingRequest, signal: AbortSignal): Promise<HumanDecision> {
    const critical = p.assessment.risk === 'critical';
    // Deny comes first: it is the dialog's default button, so a stray Enter never approves.
    const items = critical || p.decision.action === 'confirm' ? [DENY, ALLOW_ONCE] : [DENY, ALLOW_ONCE, ALLOW_SESSION, ALLOW_SIMILAR];
    const aborted = new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(new Error('timed out')), { once: true }));
    const choice = await Promise.race([
      vscode.window.showWarningMessage(`Airlock: ${p.assessment.risk.toUpperCase()} — approve this command?`, { modal: true, detail: describePending(p) }, ...items),
      aborted,
    ]);
    if (choice !== ALLOW_ONCE && choice !== ALLOW_SESSION && choice !== ALLOW_SIMILAR) return { action: 'deny' };
    if (choice === ALLOW_SIMILAR) {
      const prefix = await Promise.race([
        vscode.window.showInputBox({
          title: 'Airlock: allow similar commands for this agent session',
          prompt: 'Commands that start with this text, add no chaining or substitution, and are no riskier will run without asking. Escape denies.',
          value: suggestPrefix(p.assessment.command),
          ignoreFocusOut: true,
          validateInput: (v) => validatePrefix(v, p.assessment),
        }),
        aborted,
      ]);
      return prefix === undefined ? { action: 'deny' } : { action: 'allow', scope: 'session-pattern', prefix };
    }
    if (p.decision.action === 'confirm') {
      const target = p.assessment.confirmTargets[0] ?? 'production';
      const typed = await Promise.race([
        vscode.window.showInputBox({
          title: 'Airlock: confirm a critical command',
          prompt: `Type "${target}" to allow it. Press Escape to deny.`,
          ignoreFocusOut: true,
          validateInput: (v) => (v === target ? undefined : `Type exactly: ${target}`),
        }),
        aborted,
      ]);
      if (typed !== target) return { action: 'deny' };
    }
    return { action: 'allow', scope: choice === ALLOW_SESSION ? 'session' : 'once' };
  }
}
