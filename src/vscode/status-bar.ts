// The status bar item: requests waiting for a human, and whether protection is healthy.
import * as vscode from 'vscode';
import { COMMANDS } from './command-ids.js';

export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('airlock.status', vscode.StatusBarAlignment.Left, 100);
  private pending = 0;
  private auditHealthy = true;
  private hooked: string[] = [];
  private terminalGuard = false;

  constructor() {
    this.item.name = 'Airlock';
    this.item.command = COMMANDS.showStatus;
    this.render();
    this.item.show();
  }

  setPending(n: number): void { this.pending = n; this.render(); }
  setAuditHealthy(ok: boolean): void { this.auditHealthy = ok; this.render(); }
  setHooked(agents: string[]): void { this.hooked = agents; this.render(); }
  setTerminalGuard(on: boolean): void { this.terminalGuard = on; this.render(); }

  private render(): void {
    const icon = !this.auditHealthy ? '$(warning)' : this.pending ? '$(shield)' : '$(lock)';
    this.item.text = `${icon} Airlock${this.pending ? `: ${this.pending} waiting` : ''}`;
    this.item.backgroundColor = this.pending || !this.auditHealthy ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    const md = new vscode.MarkdownString(undefined, true);
    md.appendMarkdown(`**Airlock**\n\n`);
    md.appendMarkdown(`- ${this.pending} request(s) waiting for you\n`);
    md.appendMarkdown(`- Hooked agents: ${this.hooked.length ? this.hooked.join(', ') : 'none (run "Airlock: Install Agent Hooks")'}\n`);
    md.appendMarkdown(`- Audit file: ${this.auditHealthy ? 'writing' : '**failing** — see the Airlock output'}\n`);
    md.appendMarkdown(this.terminalGuard ? '- Terminal guard: on (bash, zsh; fish best effort); terminals and tasks are observed\n' : '- Terminal guard: **off** (airlock.terminal.guard); terminals and tasks are only observed\n');
    this.item.tooltip = md;
    this.item.accessibilityInformation = { label: `Airlock: ${this.pending} requests waiting; audit ${this.auditHealthy ? 'healthy' : 'failing'}` };
  }

  dispose(): void {
    this.item.dispose();
  }
}
