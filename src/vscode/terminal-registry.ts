// Which editor terminal or task a shell belongs to, and what the gate decided for it. The terminal
// guard reports its shell's pid; the pid chain is matched against the terminals' and tasks' pids.
// Recent decisions are kept here so the observer can link an execution to the decision that let
// it run, the task guard can see that a task's shell asked, and a `bash -c` started by an approved
// line is not asked about a second time.
import * as vscode from 'vscode';
import { classifyTerminal, type TerminalFacts } from '../core/terminal/agent-terminals.js';
import type { HookRequest, RequestOrigin, ShellReport } from '../core/hooks/types.js';
import { selfAndAncestors } from '../node/process-tree.js';

export interface GuardDecision {
  requestId: string;
  /** The asking shell's pid chain, nearest first. */
  readonly chain: readonly number[];
  readonly command: string;
  action: 'allow' | 'deny' | 'ask';
  readonly origin: RequestOrigin;
  readonly at: number;
  linked: boolean;
}

const KEEP_MS = 30 * 60_000;
const MAX_DECISIONS = 2_000;
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

export class TerminalRegistry implements vscode.Disposable {
  private readonly terminals = new Map<number, vscode.Terminal>();
  private readonly pidOf = new Map<vscode.Terminal, number>();
  private readonly tasks = new Map<number, vscode.TaskExecution>();
  private readonly decisions: GuardDecision[] = [];
  private readonly preApproved: { command: string; until: number }[] = [];
  private readonly disposables: vscode.Disposable[] = [];

  constructor() {
    for (const t of vscode.window.terminals) this.track(t);
    this.disposables.push(
      vscode.window.onDidOpenTerminal((t) => this.track(t)),
      vscode.window.onDidCloseTerminal((t) => {
        const pid = this.pidOf.get(t);
        if (pid !== undefined) this.terminals.delete(pid);
        this.pidOf.delete(t);
      }),
      vscode.tasks.onDidStartTaskProcess((e) => this.tasks.set(e.processId, e.execution)),
      vscode.tasks.onDidEndTaskProcess((e) => setTimeout(() => { for (const [pid, x] of this.tasks) if (x === e.execution) this.tasks.delete(pid); }, 5_000)),
    );
  }

  private track(t: vscode.Terminal): Promise<void> {
    return Promise.resolve(t.processId).then((pid) => {
      if (pid === undefined) return;
      this.terminals.set(pid, t);
      this.pidOf.set(t, pid);
    }, () => undefined);
  }

  terminalPid(t: vscode.Terminal): number | undefined {
    return this.pidOf.get(t);
  }

  /** Who a terminal belongs to: an agent, a task, or the human (gated only if the setting says so). */
  originOfTerminal(t: vscode.Terminal): RequestOrigin {
    const opts = t.creationOptions as Partial<vscode.TerminalOptions>;
    const icon = opts.iconPath instanceof vscode.ThemeIcon ? opts.iconPath.id : undefined;
    const pid = this.pidOf.get(t);
    // A task's shell can ask before its process start (onDidStartTaskProcess) reaches us; the task
    // itself is already running (onDidStartTask comes first) under the terminal's name. A person's
    // terminal named like a running task is then gated too: the safe side.
    const task = (pid !== undefined ? this.tasks.get(pid) : undefined)
      ?? vscode.tasks.taskExecutions.find((x) => x.task.name === t.name || `Task - ${x.task.name}` === t.name);
    const facts: TerminalFacts = {
      name: t.name,
      creationOptions: { name: opts.name, iconId: icon, env: opts.env, isTransient: opts.isTransient, hideFromUser: opts.hideFromUser, shellPath: opts.shellPath },
      isTask: !!task,
      taskName: task?.task.name,
    };
    const cfg = vscode.workspace.getConfiguration('airlock.terminal');
    const c = classifyTerminal(facts, cfg.get<string[]>('agentTerminalNames') ?? []);
    switch (c.kind) {
      case 'agent': return { kind: 'agent', name: t.name, agent: c.agent, gated: true, because: c.because };
      case 'task': return { kind: 'task', name: c.name, gated: true, because: `task "${c.name}"` };
      case 'human': return { kind: 'human', name: t.name, gated: cfg.get<boolean>('gateHumanTerminals') === true, because: c.because };
    }
  }

  /** The origin of a guard request: the nearest task or terminal in the shell's pid chain. */
  async originFor(shell: ShellReport): Promise<{ origin: RequestOrigin; chain: number[]; root: number }> {
    const chain = selfAndAncestors(shell.pid);
    let found = this.match(chain);
    if (!found) {
      // A terminal opened a moment ago may not have reported its pid yet.
      await Promise.all(vscode.window.terminals.filter((t) => !this.pidOf.has(t)).map((t) => this.track(t)));
      found = this.match(chain);
    }
    if (found) return { ...found, chain };
    return { origin: { kind: 'unknown', name: `shell ${shell.pid}`, gated: true, because: 'the shell is not in any terminal or task of this window' }, chain, root: shell.pid };
  }

  private match(chain: readonly number[]): { origin: RequestOrigin; root: number } | undefined {
    for (const pid of chain) {
      const task = this.tasks.get(pid);
      if (task) return { origin: { kind: 'task', name: task.task.name, gated: true, because: `task "${task.task.name}"` }, root: pid };
      const t = this.terminals.get(pid);
      if (t) return { origin: this.originOfTerminal(t), root: pid };
    }
    return undefined;
  }

  /** Notes a guard request as soon as it arrives; the caller fills in the outcome when it is decided. */
  record(req: HookRequest, chain: readonly number[]): GuardDecision | undefined {
    if (!req.origin) return undefined;
    const now = Date.now();
    const d: GuardDecision = { requestId: '', chain, command: req.command, action: 'ask', origin: req.origin, at: now, linked: false };
    this.decisions.push(d);
    while (this.decisions.length > MAX_DECISIONS || (this.decisions[0] && now - this.decisions[0].at > KEEP_MS)) this.decisions.shift();
    return d;
  }

  /** An allowed line of an ancestor shell that contains `command` (`bash -c '…'` typed at a prompt). */
  coveredByParent(chain: readonly number[], command: string): GuardDecision | undefined {
    const text = squash(command);
    if (!text) return undefined;
    const parents = new Set(chain.slice(1));
    for (let i = this.decisions.length - 1; i >= 0; i--) {
      const d = this.decisions[i]!;
      if (d.action === 'allow' && parents.has(d.chain[0]!) && Date.now() - d.at < 10 * 60_000 && squash(d.command).includes(text)) return d;
    }
    return undefined;
  }

  /** The newest unlinked decision for a line run in the terminal whose shell is `terminalPid`. */
  takeDecision(terminalPid: number, commandLine: string): GuardDecision | undefined {
    const line = squash(commandLine);
    for (let i = this.decisions.length - 1; i >= 0; i--) {
      const d = this.decisions[i]!;
      if (d.linked || !d.chain.includes(terminalPid)) continue;
      const text = squash(d.command);
      if (text === line || (line.length > 0 && (text.includes(line) || line.includes(text)))) {
        d.linked = true;
        return d;
      }
    }
    return undefined;
  }

  /** Whether a shell in `pid`'s process tree asked the gate since `since` (the task guard's question). */
  askedFrom(pid: number, since: number): GuardDecision | undefined {
    for (let i = this.decisions.length - 1; i >= 0; i--) {
      const d = this.decisions[i]!;
      if (d.at < since) break;
      if (d.chain.includes(pid)) return d;
    }
    return undefined;
  }

  /** A human approved re-running this exact command (a task stopped by the task guard). */
  preApprove(command: string, ms = 120_000): void {
    this.preApproved.push({ command, until: Date.now() + ms });
  }

  hasPreApproval(command: string): boolean {
    const now = Date.now();
    return this.preApproved.some((p) => p.until > now && squash(p.command) === squash(command));
  }

  takePreApproval(command: string): boolean {
    const now = Date.now();
    const i = this.preApproved.findIndex((p) => p.until > now && squash(p.command) === squash(command));
    if (i < 0) return false;
    this.preApproved.splice(i, 1);
    return true;
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
