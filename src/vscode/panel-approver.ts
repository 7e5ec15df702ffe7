// Asks the human in the Airlock panel. Holds every request the broker hands it, posts the queue to
// the webview on each change, reveals the view without taking focus, and when the view is not on
// screen shows a (non-modal) notification whose "Review" opens it. A request resolves only from a
// decision the webview sends for an id this approver holds (checked in panel-decision.ts).
import * as vscode from 'vscode';
import type { Approver, HumanDecision, PendingRequest } from '../gate/broker.js';
import { acceptDecision, pendingCard } from '../gate/panel-decision.js';
import type { DecideMessage } from '../protocol/webview.js';
import { VIEW_ID } from './command-ids.js';
import type { PanelView } from './panel-view.js';

const REVIEW = 'Review';

interface Held {
  readonly pending: PendingRequest;
  resolve(d: HumanDecision): void;
}

export class PanelApprover implements Approver {
  private readonly held = new Map<string, Held>();

  constructor(private readonly panel: PanelView) {
    // The subscription ends with the panel's emitter, which the panel disposes.
    panel.onDidDecide.event((msg) => this.decide(msg));
    this.publish();
  }

  ask(pending: PendingRequest, signal: AbortSignal): Promise<HumanDecision> {
    return new Promise<HumanDecision>((resolve, reject) => {
      if (signal.aborted) return reject(new Error('timed out'));
      signal.addEventListener('abort', () => {
        if (this.held.delete(pending.id)) this.publish();
        reject(new Error('timed out'));
      }, { once: true });
      this.held.set(pending.id, { pending, resolve });
      this.publish();
      const onScreen = this.panel.visible;
      this.panel.reveal();
      if (!onScreen) void this.notify(pending);
    });
  }

  update(pending: PendingRequest): void {
    if (this.held.has(pending.id)) this.publish();
  }

  private decide(msg: DecideMessage): void {
    const h = this.held.get(msg.id);
    const decision = acceptDecision(msg, h?.pending);
    if (!h || !decision) return;
    this.held.delete(msg.id);
    this.publish();
    h.resolve(decision);
  }

  private publish(): void {
    this.panel.post({ type: 'pending', requests: [...this.held.values()].map((h) => pendingCard(h.pending)), now: Date.now() });
  }

  private async notify(p: PendingRequest): Promise<void> {
    const choice = await vscode.window.showWarningMessage(`Airlock: ${p.assessment.risk.toUpperCase()} request from ${p.request.agent} waiting`, REVIEW);
    if (choice === REVIEW) await vscode.commands.executeCommand(`${VIEW_ID}.focus`);
  }
}
