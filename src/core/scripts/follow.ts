// Follows scripts to what they run. A file the same line writes and then runs (`echo 'rm -rf ~' > x.sh; sh x.sh`,
// a heredoc into a script, `cp /bin/rm ./tidy; ./tidy -rf ~`) is judged by the content the line gave it. A
// workspace script (`npm run db:reset`, `make nuke`, `bash scripts/wipe.sh`, `python tools/purge.py`) is read
// through the filesystem probe, within a small budget of files and bytes. What a script runs is inserted
// after the command that runs it, with `script NAME` in its via chain, and assessed like everything else.
import type { FsProbe } from '../blast-radius.js';
import type { AssessContext } from '../context.js';
import { resolvePath } from '../paths.js';
import { INTERPRETERS } from '../programs.js';
import type { CommandContext, SimpleCommand } from '../shell/command.js';
import type { ShellParser } from '../shell/parser.js';
import { literalStdin, unwrapAll } from '../shell/unwrap.js';
import { startedCommands } from '../interpreter-code.js';
import { CommandView } from '../rules/rule.js';
import { packageScript, recipe, runnerOf, type ScriptRunner } from './runners.js';

export const MAX_SCRIPT_BYTES = 64 * 1024;
const MAX_READS = 8;
const MAX_FOLLOW_DEPTH = 3;

export interface FollowResult {
  readonly commands: readonly SimpleCommand[];
  readonly problems: readonly string[];
}

interface Written {
  readonly text: string;
  /** Only appended text is known (the file existed before: `cp template x.sh && echo … >> x.sh`). */
  readonly partial: boolean;
}

interface State {
  readonly files: Map<string, Written>;
  /** Copies and links of system binaries: `cp /bin/rm ./tidy` makes ./tidy `rm`. */
  readonly binaries: Map<string, string>;
  reads: number;
}

const SYSTEM_BINARY = /^(?:\/usr)?\/(?:s?bin|local\/s?bin)\/([\w.+-]+)$/;

/** The text a command writes to its stdout when the line fixes it: `echo …`, `printf '…'`, `cat <<EOF`. */
function printed(cmd: SimpleCommand): string | undefined {
  if (cmd.program === 'echo') {
    const words = cmd.args.filter((w, i) => !(i === 0 && /^-[neE]+$/.test(w.text)));
    return words.every((w) => w.literal) ? `${words.map((w) => w.text).join(' ')}\n` : undefined;
  }
  if (cmd.program === 'printf' && cmd.args.length && cmd.args.every((w) => w.literal)) {
    const [fmt, ...rest] = cmd.args.map((w) => w.text);
    return rest.length ? rest.join('\n') : fmt!.replace(/\\n/g, '\n');
  }
  if (cmd.program === 'cat' && !cmd.args.length && cmd.stdin?.kind === 'document' && cmd.stdin.literal) return cmd.stdin.text;
  return undefined;
}

/** Records what this command writes: redirected output, tee, and copies or links of known files and binaries. */
function noteWrites(cmd: SimpleCommand, ctx: AssessContext, st: State): void {
  const abs = (p: string) => resolvePath(p, ctx, cmd.ctx.cwd ? resolvePath(cmd.ctx.cwd, ctx) : ctx.cwd);
  const out = printed(cmd);
  for (const r of cmd.redirects) {
    if ((r.op !== '>' && r.op !== '>>' && r.op !== '>|') || (r.fd !== undefined && r.fd !== 1) || !r.target.literal) continue;
    const path = abs(r.target.text);
    if (out === undefined) { st.files.delete(path); continue; }
    const prev = st.files.get(path);
    st.files.set(path, r.op === '>>' ? { text: (prev?.text ?? '') + out, partial: prev ? prev.partial : true } : { text: out, partial: false });
  }
  if (cmd.program === 'tee') {
    const input = literalStdin(cmd.stdin);
    for (const w of cmd.args.filter((a) => !a.text.startsWith('-') && a.literal)) {
      if (input?.literal) st.files.set(abs(w.text), { text: input.text, partial: cmd.args.some((a) => a.text === '-a' || a.text === '--append') });
      else st.files.delete(abs(w.text));
    }
  }
  if (cmd.program === 'cp' || cmd.program === 'ln' || cmd.program === 'mv' || cmd.program === 'install') {
    const pos = cmd.args.filter((a) => !a.text.startsWith('-'));
    if (pos.length !== 2 || !pos.every((a) => a.literal)) return;
    const [from, to] = [pos[0]!.text, abs(pos[1]!.text)];
    const bin = SYSTEM_BINARY.exec(from)?.[1] ?? st.binaries.get(abs(from));
    if (bin) st.binaries.set(to, bin);
    const known = st.files.get(abs(from));
    if (known) st.files.set(to, known);
    else st.files.set(to, { text: '', partial: true });
  }
}

function readFile(path: string, probe: FsProbe | undefined, st: State): string | undefined {
  if (!probe?.readText || st.reads >= MAX_READS) return undefined;
  st.reads++;
  return probe.readText(path, MAX_SCRIPT_BYTES);
}

/** The commands a script's text runs, parsed, unwrapped and followed in turn. */
function scriptCommands(text: string, lang: string | undefined, runner: SimpleCommand, via: string, parser: ShellParser, ctx: AssessContext, probe: FsProbe | undefined, st: State, depth: number): FollowResult {
  const context: CommandContext = { ...runner.ctx, via: [...runner.ctx.via, via], pipeline: undefined, definedOnLine: undefined };
  if (lang) {
    // Interpreter code: the interpreter rules scan it as they scan a heredoc.
    const cmd: SimpleCommand = { program: lang, args: [], assignments: runner.assignments, redirects: [], stdin: { kind: 'document', text, literal: true }, source: `${runner.program} ${via}`, ctx: context };
    return follow([cmd], parser, ctx, probe, st, depth + 1);
  }
  const parsed = parser.parse(text.replace(/^#![^\n]*\n/, ''), { context, depth: depth + 1, cwd: context.cwd });
  const unwrapped = unwrapAll(parsed.commands, parser);
  const deeper = follow(unwrapped.commands, parser, ctx, probe, st, depth + 1);
  return { commands: deeper.commands, problems: [...parsed.problems, ...unwrapped.problems, ...deeper.problems].map((p) => `in ${via}: ${p}`) };
}

function follow(commands: readonly SimpleCommand[], parser: ShellParser, ctx: AssessContext, probe: FsProbe | undefined, st: State, depth: number): FollowResult {
  const out: SimpleCommand[] = [];
  const problems: string[] = [];
  for (const original of commands) {
    let cmd = original;
    const cwd = cmd.ctx.cwd ? resolvePath(cmd.ctx.cwd, ctx) : ctx.cwd;
    // `./tidy -rf ~` after `cp /bin/rm ./tidy`: the copy is that binary.
    const first = /^\s*(\S+)/.exec(cmd.source)?.[1];
    const bin = first?.includes('/') ? st.binaries.get(resolvePath(first, ctx, cwd)) : undefined;
    if (bin) cmd = { ...cmd, program: bin, ctx: { ...cmd.ctx, via: [...cmd.ctx.via, `copy of ${bin}`], indirectName: true } };
    out.push(cmd);
    if (depth < MAX_FOLLOW_DEPTH && INTERPRETERS[cmd.program]) {
      // `node -e "execSync('git push origin main')"`: the command the code starts is judged like any other.
      for (const started of startedCommands(new CommandView(cmd, ctx))) {
        const context: CommandContext = { ...cmd.ctx, via: [...cmd.ctx.via, started.via], pipeline: undefined, definedOnLine: undefined };
        const parsed = parser.parse(started.command, { context, depth: depth + 1, cwd: context.cwd });
        const unwrapped = unwrapAll(parsed.commands, parser);
        const deeper = follow(unwrapped.commands, parser, ctx, probe, st, depth + 1);
        out.push(...deeper.commands);
        problems.push(...[...parsed.problems, ...unwrapped.problems, ...deeper.problems].map((p) => `in ${started.via}: ${p}`));
      }
    }
    if (depth < MAX_FOLLOW_DEPTH) {
      const runner = bin ? undefined : runnerOf(cmd, first);
      if (runner) {
        const followed = runScript(runner, cmd, cwd, parser, ctx, probe, st, depth);
        const words = [runner.kind === 'file' ? runner.name : runner.name ?? 'default', ...runner.rest];
        out[out.length - 1] = { ...cmd, ctx: { ...cmd.ctx, script: { label: runner.label, words, followed: !!followed } } };
        if (followed) {
          out.push(...followed.commands);
          problems.push(...followed.problems);
        }
      }
    }
    noteWrites(cmd, ctx, st);
  }
  return { commands: out, problems };
}

function runScript(runner: ScriptRunner, cmd: SimpleCommand, cwd: string, parser: ShellParser, ctx: AssessContext, probe: FsProbe | undefined, st: State, depth: number): FollowResult | undefined {
  switch (runner.kind) {
    case 'file': {
      const path = resolvePath(runner.path, ctx, cwd);
      const written = st.files.get(path);
      const text = written ? written.text : readFile(path, probe, st);
      if (text === undefined || !text.trim()) return undefined;
      const lang = runner.lang ?? (/^#!.*\b(python[\d.]*|node|ruby|perl|php)\b/.exec(text)?.[1]);
      const language = lang ? INTERPRETERS[lang] ? lang : undefined : undefined;
      return scriptCommands(text, language, cmd, `script ${runner.path}`, parser, ctx, probe, st, depth);
    }
    case 'package': {
      const text = readFile(resolvePath('package.json', ctx, cwd), probe, st);
      const body = text === undefined ? undefined : packageScript(text, runner.name);
      return body ? scriptCommands(body, undefined, cmd, runner.label, parser, ctx, probe, st, depth) : undefined;
    }
    case 'recipe': {
      for (const file of runner.files) {
        const text = readFile(resolvePath(file, ctx, cwd), probe, st);
        if (text === undefined) continue;
        const body = recipe(text, runner.name, runner.tool);
        return body ? scriptCommands(body, undefined, cmd, runner.label, parser, ctx, probe, st, depth) : undefined;
      }
      return undefined;
    }
  }
}

/** Inserts what scripts run after the commands that run them. */
export function followScripts(commands: readonly SimpleCommand[], parser: ShellParser, ctx: AssessContext, probe?: FsProbe): FollowResult {
  return follow(commands, parser, ctx, probe, { files: new Map(), binaries: new Map(), reads: 0 }, 0);
}

