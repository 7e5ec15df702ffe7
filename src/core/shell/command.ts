// The shell-level model: what a command string would execute, before any rule looks at it.

/** A word after quote removal. `literal` is false when some part is only known at run time. */
export interface Word {
  readonly text: string;
  readonly literal: boolean;
}

export interface Redirect {
  /** The operator as written: `>`, `>>`, `<`, `&>`, `>|`, `<<`, `<<<`… */
  readonly op: string;
  readonly fd?: number;
  readonly target: Word;
  /** The document text for heredocs and here-strings. */
  readonly body?: string;
}

/** Where a command's standard input comes from, when that matters for analysis. */
export type Stdin =
  | { readonly kind: 'document'; readonly text: string; readonly literal: boolean }
  | { readonly kind: 'pipe'; readonly from: SimpleCommand }
  | { readonly kind: 'file'; readonly path: Word };

export interface CommandContext {
  /** Position in a pipeline; `next` is the command the output flows into (set after the whole pipeline is walked). */
  readonly pipeline?: { readonly index: number; readonly length: number; readonly next?: SimpleCommand };
  readonly subshell: boolean;
  readonly substitution: boolean;
  readonly condition: boolean;
  readonly background: boolean;
  readonly functionBody?: string;
  readonly trap: boolean;
  /** The chain of wrappers and re-parses that led here: `sudo`, `bash -c`, `ssh db1`, `$(…)`. */
  readonly via: readonly string[];
  /** Set when the command runs on another machine or container. */
  readonly remote?: string;
  /** The cwd change in force, when a preceding `cd DIR` made it statically known. */
  readonly cwd?: string;
  /** True when the command name is only known at run time (`$X`, `$(…)`). */
  readonly opaqueName?: boolean;
  /** True when the command name came from an expansion, even one resolved statically (`X=rm; $X`). */
  readonly indirectName?: boolean;
  /** Set by `sudo`, `doas`, `su -c`: the command runs with raised privilege. */
  readonly privileged?: boolean;
  /** The name is a function or alias defined earlier on the line: its body is assessed in its place. */
  readonly definedOnLine?: 'function' | 'alias';
  /** Variables known when a `trap` was set: its body runs later, at the signal, with them (`tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT`). */
  readonly trapVars?: Readonly<Record<string, string>>;
  /** The unwrapper found what this command runs (`tmux run-shell CMD`, `vim -c '!CMD'`): that is assessed instead. */
  readonly unwrapped?: boolean;
  /**
   * The command runs a script (`npm run db:reset`, `./deploy.sh prod`): its label, the words that name it, and
   * whether its text was read (its commands then follow it in the list) or only its name is known.
   */
  readonly script?: { readonly label: string; readonly words: readonly string[]; readonly followed: boolean };
}

export interface SimpleCommand {
  /** Normalised program name: basename, no leading backslash. */
  readonly program: string;
  readonly args: readonly Word[];
  readonly assignments: readonly { readonly name: string; readonly value: Word }[];
  readonly redirects: readonly Redirect[];
  readonly stdin?: Stdin;
  /** Source text of this command as written (inside its own script). */
  readonly source: string;
  readonly ctx: CommandContext;
}

export interface ParsedScript {
  readonly commands: readonly SimpleCommand[];
  /** Empty when the tree covers the source exactly; otherwise why it cannot be trusted. */
  readonly problems: readonly string[];
}

export const argv = (c: SimpleCommand): string[] => c.args.map((a) => a.text);

export const baseContext = (): CommandContext => ({
  subshell: false, substitution: false, condition: false, background: false, trap: false, via: [],
});
