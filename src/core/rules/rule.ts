// The shape of a rule and the view of a command that rules read. Rules are data plus a small
// `check` function; they never see the syntax tree, only the unwrapped simple command.
import type { AssessContext } from '../context.js';
import type { Finding, Scope } from '../model.js';
import { isCriticalRoot, pathScope, resolvePath } from '../paths.js';
import type { SimpleCommand, Word } from '../shell/command.js';

export interface Rule {
  /** Stable readable id, e.g. `git.force-push`; findings use it or a more specific `id.suffix`. */
  readonly id: string;
  /** Programs (normalised names) this rule looks at, or 'any' to see every command. */
  readonly programs: readonly string[] | 'any';
  /** One line for the rule catalogue (README, `airlock rules`). */
  readonly description: string;
  /**
   * True (or true for this command) when the rule models every form of the command that matters: its silence
   * then means "recognised, nothing to report", not "unknown" (`rm` with no operand, `psql -c 'SELECT 1'`,
   * `git commit`). Without it, a command no rule reports on gets the generic analysis.
   */
  readonly complete?: boolean | ((v: CommandView) => boolean);
  check(v: CommandView): Finding | readonly Finding[] | undefined;
}

/** A simple command with helpers for option parsing and path resolution. */
export class CommandView {
  readonly program: string;
  readonly words: readonly Word[];
  readonly args: readonly string[];
  readonly cwd: string;
  private shortFlags?: Set<string>;

  constructor(readonly cmd: SimpleCommand, readonly ctx: AssessContext) {
    this.program = cmd.program;
    this.words = cmd.args;
    this.args = cmd.args.map((w) => w.text);
    this.cwd = cmd.ctx.cwd ? resolvePath(cmd.ctx.cwd, ctx) : ctx.cwd;
  }

  /** Positional arguments: not options, and not the values of the options listed in `withValue`. */
  positionals(withValue: readonly string[] = []): string[] {
    const out: string[] = [];
    let afterDashDash = false;
    for (let i = 0; i < this.args.length; i++) {
      const a = this.args[i]!;
      if (afterDashDash) { out.push(a); continue; }
      if (a === '--') { afterDashDash = true; continue; }
      if (a.startsWith('-') && a !== '-') {
        if (withValue.includes(a)) i++;
        continue;
      }
      out.push(a);
    }
    return out;
  }

  /** The n-th positional (sub-command), or undefined. */
  sub(n = 0, withValue: readonly string[] = []): string | undefined {
    return this.positionals(withValue)[n];
  }

  /**
   * True if any of the flags is present. Single-letter flags (`-r`) also match inside clusters
   * (`-rf`); long flags (`--force`) also match `--force=…`.
   */
  has(...flags: string[]): boolean {
    for (const f of flags) {
      if (f.startsWith('--')) {
        if (this.args.some((a) => a === f || a.startsWith(f + '='))) return true;
      } else if (f.length === 2) {
        if (this.shortFlagSet().has(f[1]!)) return true;
      } else if (this.args.includes(f)) return true;
    }
    return false;
  }

  /** The value of `-X VALUE`, `-XVALUE`, `--name VALUE` or `--name=VALUE`; the last one wins. */
  value(...names: string[]): string | undefined {
    let found: string | undefined;
    for (let i = 0; i < this.args.length; i++) {
      const a = this.args[i]!;
      if (a === '--') break;
      for (const n of names) {
        if (a === n && i + 1 < this.args.length) found = this.args[i + 1];
        else if (n.startsWith('--') && a.startsWith(n + '=')) found = a.slice(n.length + 1);
        else if (!n.startsWith('--') && n.length === 2 && a.startsWith(n) && a.length > 2 && !a.startsWith('--')) found = a.slice(2);
      }
    }
    return found;
  }

  /** All values of a repeatable option (`-H a -H b`). */
  values(...names: string[]): string[] {
    const out: string[] = [];
    for (let i = 0; i < this.args.length; i++) {
      const a = this.args[i]!;
      for (const n of names) {
        if (a === n && i + 1 < this.args.length) out.push(this.args[++i]!);
        else if (n.startsWith('--') && a.startsWith(n + '=')) out.push(a.slice(n.length + 1));
        else if (!n.startsWith('--') && n.length === 2 && a.startsWith(n) && a.length > 2 && !a.startsWith('--')) out.push(a.slice(2));
      }
    }
    return out;
  }

  /** True when the argument at index i is only known at run time. */
  isOpaque(i: number): boolean {
    return this.words[i]?.literal === false;
  }

  resolve(p: string): string {
    return resolvePath(p, this.ctx, this.cwd);
  }

  scopeOf(p: string): Scope {
    if (this.cmd.ctx.remote) return 'remote';
    return pathScope(this.resolve(p), this.ctx);
  }

  isCriticalRoot(p: string): boolean {
    return !this.cmd.ctx.remote && isCriticalRoot(this.resolve(p), this.ctx);
  }

  /** Environment variable as the command would see it: prefix assignments win over the context. */
  env(name: string): string | undefined {
    const own = this.cmd.assignments.find((a) => a.name === name);
    return own ? own.value.text : this.ctx.env[name];
  }

  get source(): string {
    return this.cmd.source;
  }

  private shortFlagSet(): Set<string> {
    if (!this.shortFlags) {
      this.shortFlags = new Set();
      for (const a of this.args) {
        if (a === '--') break;
        if (/^-[A-Za-z0-9]+$/.test(a)) for (const ch of a.slice(1)) this.shortFlags.add(ch);
      }
    }
    return this.shortFlags;
  }
}

export const asFindings = (r: Finding | readonly Finding[] | undefined): readonly Finding[] =>
  r === undefined ? [] : Array.isArray(r) ? r : [r as Finding];
