// Walks a tree-sitter-bash tree into the ordered list of simple commands that would execute,
// with quote removal done and each command's context (pipeline, subshell, condition…) recorded.
import type { Node } from 'web-tree-sitter';
import { baseContext, type CommandContext, type Redirect, type SimpleCommand, type Stdin, type Word } from './command.js';
import { decodeAnsiC, unescapeBackquoted, unescapeBare, unescapeDouble } from './quoting.js';
import { decodePipeline, upstream } from './decode.js';
import { decodeEscapes } from '../snippet.js';

export interface WalkOptions {
  /** Variables known before the script starts (HOME, PWD…): `$HOME` resolves to a literal. */
  readonly vars?: Readonly<Record<string, string>>;
  /** The context inherited from an enclosing script (re-parsed `bash -c` strings, `ssh` commands). */
  readonly context?: CommandContext;
  readonly depth?: number;
  /** The directory the script starts in, so a relative `cd` stays known. */
  readonly cwd?: string;
  /** The environment the command runs with: it decides `${NAME:-default}` (an unset NAME takes the default). */
  readonly env?: Readonly<Record<string, string>>;
}

interface Reparser {
  parse(source: string, options?: WalkOptions): { commands: readonly SimpleCommand[]; problems: readonly string[] };
}

interface Scope {
  readonly vars: Map<string, string>;
  /** Arrays with literal elements (`a=(rm -rf x)`), and `@` for the positional parameters (`set -- …`). */
  readonly lists: Map<string, string[]>;
  /** Functions and aliases defined earlier on the line, so a later call runs their body. */
  readonly functions: Map<string, Node>;
  readonly aliases: Map<string, string>;
  cwd?: string;
}

/** A word plus the commands hidden inside it (`$(…)`, `<(…)`), which run before the word exists. */
interface DecodedWord extends Word {
  readonly substitutions: readonly Node[];
}

export const MAX_NESTING = 12;
const IFS_WORD = /\$\{IFS\}|\$IFS(?![A-Za-z0-9_])/;
/** `${NAME:-word}` / `${NAME-word}` with a plain default (no expansions in it). */
const DEFAULTED = /^\$\{([A-Za-z_][A-Za-z0-9_]*)(:?)-([^$`{}]*)\}$/;
const IFS_SPLIT = /\$\{IFS\}|\$IFS(?![A-Za-z0-9_])/g;
const RESERVED = new Set(['done', 'fi', 'then', 'do', 'esac', 'else', 'elif', 'in', '}', '{', '!', '[[', ']]', 'function', 'select', 'until', 'while', 'for', 'if', 'case']);

export function walkProgram(root: Node, source: string, reparser: Reparser, options: WalkOptions = {}) {
  const commands: SimpleCommand[] = [];
  const problems: string[] = [];
  const depth = options.depth ?? 0;
  const scope: Scope = {
    vars: new Map(Object.entries(options.vars ?? {})), lists: new Map(), functions: new Map(), aliases: new Map(),
    cwd: options.context?.cwd ?? options.cwd,
  };
  /** Functions being expanded right now: a recursive function is expanded once. */
  const calling = new Set<string>();
  const rootCtx: CommandContext = options.context ?? baseContext();

  const text = (n: Node): string => source.slice(n.startIndex, n.endIndex);

  const resolveVar = (name: string): string | undefined => scope.vars.get(name);

  function decode(n: Node): DecodedWord {
    switch (n.type) {
      case 'word':
        return { text: unescapeBare(text(n)), literal: true, substitutions: [] };
      case 'number':
      case 'variable_name':
        return { text: text(n), literal: true, substitutions: [] };
      case 'raw_string':
        return { text: text(n).slice(1, -1), literal: true, substitutions: [] };
      case 'ansi_c_string':
        return { text: decodeAnsiC(text(n).slice(2, -1)), literal: true, substitutions: [] };
      case 'string':
      case 'translated_string':
      case 'concatenation':
        return joinParts(n);
      case 'string_content':
        return { text: unescapeDouble(text(n)), literal: true, substitutions: [] };
      case 'simple_expansion':
      case 'expansion': {
        const nameNode = n.namedChildren.find((c) => c?.type === 'variable_name');
        const plain = n.type === 'simple_expansion' || n.namedChildCount === 1;
        const value = nameNode && plain ? resolveVar(text(nameNode)) : undefined;
        if (value !== undefined) return { text: value, literal: true, substitutions: [] };
        // `${OUT_DIR:-dist}`: the variable's value when the line or the environment sets it, else the default.
        const withDefault = DEFAULTED.exec(text(n));
        if (withDefault && options.env) {
          const [, name, colon, fallback] = withDefault;
          const set = resolveVar(name!) ?? options.env[name!];
          return { text: set === undefined || (colon && set === '') ? fallback! : set, literal: true, substitutions: [] };
        }
        return { text: text(n), literal: false, substitutions: collectSubstitutions(n) };
      }
      case 'command_substitution': {
        // `$(echo rm)`, `` `printf '\x72\x6d'` ``, `$(echo cm0= | base64 -d)`: output fixed by the line itself.
        const fixed = staticOutput(n);
        return fixed !== undefined ? { text: fixed, literal: true, substitutions: [n] } : { text: text(n), literal: false, substitutions: [n] };
      }
      case 'process_substitution':
        return { text: text(n), literal: false, substitutions: [n] };
      case 'brace_expression':
        return { text: text(n), literal: true, substitutions: [] };
      default:
        return { text: text(n), literal: false, substitutions: collectSubstitutions(n) };
    }
  }

  function joinParts(n: Node): DecodedWord {
    let out = '';
    let literal = true;
    const subs: Node[] = [];
    const quoted = n.type !== 'concatenation';
    let cursor = n.startIndex + (quoted ? (n.type === 'translated_string' ? 2 : 1) : 0);
    const end = n.endIndex - (quoted ? 1 : 0);
    for (const child of n.children) {
      if (!child) continue;
      // Text between named children inside "…" that tree-sitter left untyped (e.g. a lone $).
      if (quoted && child.startIndex > cursor) out += unescapeDouble(source.slice(cursor, child.startIndex));
      if (child.isNamed) {
        const part = decode(child);
        out += part.text;
        literal &&= part.literal;
        subs.push(...part.substitutions);
      } else if (!quoted) {
        out += text(child);
      }
      cursor = Math.max(cursor, child.endIndex);
    }
    if (quoted && end > cursor) out += unescapeDouble(source.slice(cursor, end));
    return { text: out, literal, substitutions: subs };
  }

  /** What a command substitution prints, when only literal echo/printf and decoders produce it. */
  function staticOutput(n: Node): string | undefined {
    const raw = text(n);
    const code = raw.startsWith('`') ? unescapeBackquoted(raw.slice(1, -1)) : raw.slice(2, -1);
    if (depth + 1 > MAX_NESTING || code.length > 4096) return undefined;
    const inner = reparser.parse(code, { vars: Object.fromEntries(scope.vars), env: options.env, depth: depth + 1 });
    const cmds = inner.commands;
    const last = cmds[cmds.length - 1];
    if (inner.problems.length || !last || cmds.some((c) => c.ctx.substitution)) return undefined;
    let out: string | undefined;
    if (cmds.length === 1 && (last.program === 'echo' || last.program === 'printf') && last.args.every((a) => a.literal)) {
      const words = last.args.filter((w, i) => !(i === 0 && /^-[neE]+$/.test(w.text)));
      if (last.program === 'printf' && /%/.test(words[0]?.text ?? '')) return undefined;
      const joined = words.map((w) => w.text).join(last.program === 'echo' ? ' ' : '');
      out = last.program === 'printf' || last.args.some((w) => /^-[a-zA-Z]*e/.test(w.text)) ? decodeEscapes(joined) : joined;
    } else if (cmds.length > 1 && last.stdin?.kind === 'pipe') {
      const chain = [last, ...upstream(last)];
      if (chain.length !== cmds.length) return undefined;
      out = decodePipeline(chain);
    }
    return out?.replace(/\n+$/, '');
  }

  function collectSubstitutions(n: Node): Node[] {
    const found: Node[] = [];
    const stack: Node[] = [n];
    while (stack.length) {
      const cur = stack.pop()!;
      for (const c of cur.namedChildren) {
        if (!c) continue;
        if (c.type === 'command_substitution' || c.type === 'process_substitution') found.push(c);
        else stack.push(c);
      }
    }
    return found;
  }

  function visitSubstitution(n: Node, ctx: CommandContext): void {
    const marker = n.type === 'process_substitution' ? text(n).slice(0, 2) + '…)' : '$(…)';
    const inner: CommandContext = { ...ctx, substitution: true, via: [...ctx.via, marker], pipeline: undefined };
    const saved = scope.cwd;
    if (text(n).startsWith('`')) reparse(unescapeBackquoted(text(n).slice(1, -1)), inner);
    else for (const c of n.namedChildren) if (c) visit(c, inner);
    scope.cwd = saved;
  }

  function reparse(code: string, ctx: CommandContext): void {
    if (depth + 1 > MAX_NESTING) {
      problems.push('commands nested deeper than ' + MAX_NESTING + ' levels');
      return;
    }
    const nested = reparser.parse(code, { vars: Object.fromEntries(scope.vars), env: options.env, context: ctx, depth: depth + 1 });
    commands.push(...nested.commands);
    problems.push(...nested.problems);
  }

  function decodeRedirect(n: Node, ctx: CommandContext): Redirect | undefined {
    const fdNode = n.childForFieldName('descriptor');
    const fd = fdNode ? Number(text(fdNode)) : undefined;
    if (n.type === 'heredoc_redirect') {
      const startNode = n.namedChildren.find((c) => c?.type === 'heredoc_start');
      const bodyNode = n.namedChildren.find((c) => c?.type === 'heredoc_body');
      const delimiter = startNode ? text(startNode) : '';
      const quotedDelimiter = /["'\\]/.test(delimiter);
      let body = bodyNode ? text(bodyNode) : '';
      let literal = true;
      if (bodyNode && !quotedDelimiter) {
        const decoded = joinHeredoc(bodyNode);
        body = decoded.text;
        literal = decoded.literal;
        for (const s of decoded.substitutions) visitSubstitution(s, ctx);
      }
      if (text(n).startsWith('<<-')) body = body.replace(/^\t+/gm, '');
      return { op: '<<', fd, target: { text: delimiter, literal }, body };
    }
    const opNode = n.children.find((c) => c && !c.isNamed);
    const op = opNode ? text(opNode) : '>';
    const dest = n.childForFieldName('destination') ?? n.namedChildren.filter((c) => c && c.type !== 'file_descriptor').at(-1);
    if (!dest) return undefined;
    const word = decode(dest);
    for (const s of word.substitutions) visitSubstitution(s, ctx);
    if (n.type === 'herestring_redirect') return { op: '<<<', fd, target: word, body: word.text };
    return { op, fd, target: { text: word.text, literal: word.literal } };
  }

  function joinHeredoc(body: Node): DecodedWord {
    let out = '';
    let literal = true;
    const subs: Node[] = [];
    let cursor = body.startIndex;
    for (const child of body.namedChildren) {
      if (!child) continue;
      if (child.startIndex > cursor) out += source.slice(cursor, child.startIndex);
      if (child.type === 'heredoc_content') out += source.slice(child.startIndex, child.endIndex);
      else {
        const part = decode(child);
        out += part.text;
        literal &&= part.literal;
        subs.push(...part.substitutions);
      }
      cursor = child.endIndex;
    }
    if (body.endIndex > cursor) out += source.slice(cursor, body.endIndex);
    return { text: out, literal, substitutions: subs };
  }

  /** Splits a resolved unquoted expansion into fields, as the shell does, with IFS as set on the line. */
  function splitFields(value: string): string[] {
    const ifs = scope.vars.get('IFS') ?? ' \t\n';
    if (!ifs) return [value];
    const white = [...ifs].filter((c) => c === ' ' || c === '\t' || c === '\n').join('');
    const other = [...ifs].filter((c) => !white.includes(c)).join('');
    const esc = (t: string) => t.replace(/[\\\]^-]/g, '\\$&');
    const parts = value.split(new RegExp(`[${esc(other)}]|[${esc(white) || ' '}]+`));
    return parts.filter((p, i) => p !== '' || (other && i > 0 && i < parts.length - 1));
  }

  /** The elements of `"$@"`, `${a[@]}`, `$*`: a list variable expanded whole. */
  function listValue(n: Node): string[] | undefined {
    const t = text(n);
    if (/^\$[@*]$|^\$\{[@*]\}$/.test(t)) return scope.lists.get('@');
    const m = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\[[@*]\]\}$/.exec(t);
    return m ? scope.lists.get(m[1]!) : undefined;
  }

  /**
   * A word as the fields the shell would make of it: a resolved unquoted expansion is split (`$DEL` with
   * DEL="rm -rf" is two words), and `"$@"` or `"${a[@]}"` become their elements. Undefined: an ordinary word.
   */
  function expandFields(n: Node): DecodedWord[] | undefined {
    const quotedList = n.type === 'string' && n.namedChildCount === 1 ? n.namedChild(0) : null;
    const target = quotedList ?? n;
    const list = target.type === 'simple_expansion' || target.type === 'expansion' ? listValue(target) : undefined;
    const make = (t: string): DecodedWord => ({ text: t, literal: true, substitutions: [] });
    if (list) return (quotedList ? list : list.flatMap(splitFields)).map(make);
    if (quotedList || (n.type !== 'simple_expansion' && n.type !== 'expansion')) return undefined;
    const d = decode(n);
    if (!d.literal) return undefined;
    const fields = splitFields(d.text);
    return fields.length === 1 && fields[0] === d.text ? undefined : fields.map(make);
  }

  /** An unquoted `${IFS}` splits a word at run time (`rm${IFS}-rf${IFS}/` is `rm -rf /`) while IFS is the default. */
  function splitIfs(w: DecodedWord, raw: string): DecodedWord[] {
    if (w.literal || scope.vars.has('IFS') || !IFS_WORD.test(w.text) || /["']/.test(raw)) return [w];
    const pieces = w.text.split(IFS_SPLIT).filter(Boolean);
    if (!pieces.length) return [w];
    return pieces.map((t, i) => ({ text: t, literal: !/[$`]/.test(t), substitutions: i === 0 ? w.substitutions : [] }));
  }

  /** Builds a simple command; returns it so a pipeline can feed it to the next stage. */
  function emitCommand(n: Node, ctx: CommandContext, extraRedirects: readonly Redirect[], stdin?: Stdin): SimpleCommand | undefined {
    const assignments: { name: string; value: Word }[] = [];
    const args: DecodedWord[] = [];
    const redirects: Redirect[] = [];
    let nameWord: DecodedWord | undefined;
    let indirect = false;
    for (let i = 0; i < n.childCount; i++) {
      const child = n.child(i);
      if (!child || !child.isNamed) continue;
      const field = n.fieldNameForChild(i);
      if (child.type === 'variable_assignment') {
        const a = decodeAssignment(child, ctx);
        if (a) assignments.push(a);
      } else if (field === 'name' || child.type === 'command_name') {
        const inner = child.namedChild(0) ?? child;
        const fields = expandFields(inner);
        const parts = fields?.length ? fields : splitIfs(decode(inner), text(inner));
        nameWord = parts[0];
        args.push(...parts.slice(1));
        indirect = fields?.length ? true : parts.length > 1 ? /[$`]/.test(parts[0]!.text) : /[$`]/.test(text(inner));
      } else if (field === 'redirect' || child.type.endsWith('_redirect')) {
        const r = decodeRedirect(child, ctx);
        if (r) redirects.push(r);
      } else if (child.type !== 'comment') {
        args.push(...(expandFields(child) ?? splitIfs(decode(child), text(child))));
      }
    }
    for (const w of [nameWord, ...args]) if (w) for (const s of w.substitutions) visitSubstitution(s, ctx);
    redirects.push(...extraRedirects);
    if (!nameWord) return undefined;

    // An alias or function defined earlier on the line: what runs is its body (aliases expand only when
    // the name is written plainly, as the shell does).
    const plainName = !indirect && nameWord.literal && !/^["'\\]/.test(text(n.childForFieldName('name') ?? n));
    const alias = plainName ? scope.aliases.get(nameWord.text) : undefined;
    if (alias !== undefined && !calling.has(`alias ${nameWord.text}`)) {
      calling.add(`alias ${nameWord.text}`);
      reparse([alias, ...args.map((a) => shellQuote(a.text))].join(' '), { ...ctx, via: [...ctx.via, `alias ${nameWord.text}`] });
      calling.delete(`alias ${nameWord.text}`);
    }
    const fn = scope.functions.get(nameWord.text);
    if (fn && !calling.has(nameWord.text) && depth < MAX_NESTING) {
      const saved = { positional: scope.lists.get('@'), vars: new Map(scope.vars) };
      calling.add(nameWord.text);
      scope.lists.set('@', args.map((a) => a.text));
      args.forEach((a, i) => (a.literal ? scope.vars.set(String(i + 1), a.text) : scope.vars.delete(String(i + 1))));
      visit(fn, { ...ctx, via: [...ctx.via, `function ${nameWord.text}`] });
      calling.delete(nameWord.text);
      scope.vars.clear();
      for (const [k, v] of saved.vars) scope.vars.set(k, v);
      if (saved.positional) scope.lists.set('@', saved.positional);
      else scope.lists.delete('@');
    }

    const rawName = nameWord.text;
    // tree-sitter accepts a stray `done`/`fi` as a command name; bash rejects the whole line.
    if (RESERVED.has(text(n.childForFieldName('name') ?? n))) problems.push(`reserved word ${JSON.stringify(rawName)} used as a command`);
    const program = normaliseProgram(rawName);
    const doc = redirects.find((r) => r.op === '<<' || r.op === '<<<');
    const fileIn = redirects.find((r) => r.op === '<' && (r.fd === undefined || r.fd === 0));
    const cmd: SimpleCommand = {
      program,
      args: args.map(({ text: t, literal }) => ({ text: t, literal })),
      assignments,
      redirects,
      stdin: doc
        ? { kind: 'document', text: doc.body ?? '', literal: doc.target.literal }
        : fileIn
          ? { kind: 'file', path: fileIn.target }
          : stdin,
      source: text(n),
      ctx: {
        ...ctx, cwd: scope.cwd, opaqueName: !nameWord.literal || undefined, indirectName: indirect || undefined,
        definedOnLine: fn ? 'function' : alias !== undefined ? 'alias' : undefined,
        trapVars: program === 'trap' && scope.vars.size ? Object.fromEntries(scope.vars) : undefined,
      },
    };
    commands.push(cmd);
    // A subshell's or substitution's cd lasts until it ends (the caller restores scope.cwd), so it is tracked inside it too.
    if (program === 'cd') trackCd(cmd);
    if (program === 'set') trackSet(cmd);
    if (program === 'alias') for (const a of cmd.args) trackAlias(a);
    return cmd;
  }

  /** `set -- a b c` (or `set a b c`) sets the positional parameters. */
  function trackSet(cmd: SimpleCommand): void {
    const dash = cmd.args.findIndex((a) => a.text === '--');
    const rest = dash >= 0 ? cmd.args.slice(dash + 1) : cmd.args[0] && !/^[-+]/.test(cmd.args[0].text) ? cmd.args : undefined;
    if (!rest) return;
    if (rest.every((a) => a.literal)) scope.lists.set('@', rest.map((a) => a.text));
    else scope.lists.delete('@');
    rest.forEach((a, i) => (a.literal ? scope.vars.set(String(i + 1), a.text) : scope.vars.delete(String(i + 1))));
  }

  function trackAlias(w: Word): void {
    const eq = w.text.indexOf('=');
    if (eq <= 0 || !w.literal || w.text.startsWith('-')) return;
    scope.aliases.set(w.text.slice(0, eq), w.text.slice(eq + 1));
  }

  function trackCd(cmd: SimpleCommand): void {
    const target = cmd.args.find((a) => !a.text.startsWith('-'));
    if (!target) scope.cwd = scope.vars.get('HOME') ?? '~';
    else if (target.literal) scope.cwd = joinPath(scope.cwd, target.text);
    else scope.cwd = undefined;
  }

  function decodeAssignment(n: Node, ctx: CommandContext): { name: string; value: Word } | undefined {
    const nameNode = n.childForFieldName('name');
    const valueNode = n.childForFieldName('value');
    if (!nameNode) return undefined;
    const value = valueNode ? decode(valueNode) : { text: '', literal: true, substitutions: [] };
    for (const s of value.substitutions) visitSubstitution(s, ctx);
    return { name: text(nameNode), value: { text: value.text, literal: value.literal } };
  }

  function visitSequence(n: Node, ctx: CommandContext): void {
    const kids = n.children;
    for (let i = 0; i < kids.length; i++) {
      const child = kids[i];
      if (!child || !child.isNamed) continue;
      const next = kids[i + 1];
      const background = !!next && !next.isNamed && next.type === '&';
      visit(child, background ? { ...ctx, background: true } : ctx);
    }
  }

  function visitPipeline(n: Node, ctx: CommandContext, leadingStages: Node[] = [], firstStdin?: Stdin): void {
    const stages = [...leadingStages, ...n.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment')];
    let previous: SimpleCommand | undefined;
    let previousIndex = -1;
    stages.forEach((stage, index) => {
      const stageCtx: CommandContext = { ...ctx, pipeline: { index, length: stages.length } };
      const stdin: Stdin | undefined = previous ? { kind: 'pipe', from: previous } : index === 0 ? firstStdin : undefined;
      const before = commands.length;
      visit(stage, stageCtx, stdin);
      // Tell the producer where its output goes (rules judge `env | grep PATH` by the filter).
      const consumer = commands.slice(before).find((c) => c.ctx.pipeline?.index === index && !c.ctx.substitution);
      if (previousIndex >= 0 && consumer) {
        const producer = commands[previousIndex]!;
        commands[previousIndex] = { ...producer, ctx: { ...producer.ctx, pipeline: { ...producer.ctx.pipeline!, next: consumer } } };
      }
      // The last command of a stage is the one whose output flows on.
      previousIndex = commands.length > before ? commands.length - 1 : -1;
      previous = previousIndex >= 0 ? commands[previousIndex] : undefined;
    });
  }

  function visitRedirected(n: Node, ctx: CommandContext, stdin?: Stdin): void {
    const body = n.childForFieldName('body');
    const redirects: Redirect[] = [];
    const trailing: Node[] = [];
    for (let i = 0; i < n.childCount; i++) {
      const child = n.child(i);
      if (!child || !child.isNamed || n.fieldNameForChild(i) === 'body') continue;
      if (child.type.endsWith('_redirect')) {
        const r = decodeRedirect(child, ctx);
        if (r) redirects.push(r);
        // `cat <<EOF | psql`, `psql <<EOF > out` — the rest of the line is nested inside the heredoc node.
        for (const inner of child.namedChildren) {
          if (!inner || ['heredoc_start', 'heredoc_body', 'heredoc_end', 'file_descriptor', 'word'].includes(inner.type)) continue;
          if (inner.type.endsWith('_redirect')) {
            const r2 = decodeRedirect(inner, ctx);
            if (r2) redirects.push(r2);
          } else trailing.push(inner);
        }
      }
    }
    if (!body) {
      // `> .env` with no command still truncates the file: keep it as a `:` command with the redirects.
      if (redirects.length) commands.push({ program: ':', args: [], assignments: [], redirects, source: text(n), ctx: { ...ctx, cwd: scope.cwd } });
      for (const t of trailing) visit(t, ctx);
      return;
    }
    const pipeTail = trailing.find((t) => t.type === 'pipeline' || t.type === 'command');
    if (pipeTail && source.slice(pipeTail.startIndex, pipeTail.endIndex).trimStart().startsWith('|')) {
      const headCtx = ctx;
      const before = commands.length;
      visitWithRedirects(body, headCtx, redirects, stdin);
      const head = commands.length > before ? commands[commands.length - 1] : undefined;
      const tailStages = pipeTail.type === 'pipeline' ? pipeTail.namedChildren.filter((c): c is Node => !!c) : [pipeTail];
      let previous = head;
      tailStages.forEach((stage, i) => {
        const stageCtx: CommandContext = { ...ctx, pipeline: { index: i + 1, length: tailStages.length + 1 } };
        const b = commands.length;
        visit(stage, stageCtx, previous ? { kind: 'pipe', from: previous } : undefined);
        previous = commands.length > b ? commands[commands.length - 1] : undefined;
      });
      for (const t of trailing) if (t !== pipeTail) visit(t, ctx);
      return;
    }
    visitWithRedirects(body, ctx, redirects, stdin);
    for (const t of trailing) visit(t, ctx);
  }

  function visitWithRedirects(body: Node, ctx: CommandContext, redirects: Redirect[], stdin?: Stdin): void {
    if (body.type === 'command') {
      emitCommand(body, ctx, redirects, stdin);
      return;
    }
    const before = commands.length;
    visit(body, ctx, stdin);
    // A redirect on a compound command applies to everything inside; record it on the first command. tree-sitter
    // hangs `a && b > f` and `a | b > f` on the whole list or pipeline, but bash binds it to the last command.
    if (redirects.length && commands.length > before) {
      const at = body.type === 'list' || body.type === 'pipeline' ? commands.length - 1 : before;
      const target = commands[at]!;
      commands[at] = { ...target, redirects: [...target.redirects, ...redirects] };
    } else if (redirects.some((r) => r.op !== '<<' && r.op !== '<<<' && r.op !== '<')) {
      commands.push({ program: ':', args: [], assignments: [], redirects, source: text(body), ctx });
    }
  }

  function visit(n: Node, ctx: CommandContext, stdin?: Stdin): void {
    switch (n.type) {
      case 'program':
      case 'list':
      case 'compound_statement':
      case 'do_group':
      case 'else_clause':
      case 'elif_clause':
        if (n.type === 'elif_clause') visitConditional(n, ctx);
        else visitSequence(n, ctx);
        return;
      case 'subshell': {
        const saved = scope.cwd;
        visitSequence(n, { ...ctx, subshell: true });
        scope.cwd = saved;
        return;
      }
      case 'pipeline':
        visitPipeline(n, ctx, [], stdin);
        return;
      case 'command':
        emitCommand(n, ctx, [], stdin);
        return;
      case 'redirected_statement':
        visitRedirected(n, ctx, stdin);
        return;
      case 'variable_assignment': {
        const valueNode = n.childForFieldName('value');
        const nameNode = n.childForFieldName('name');
        if (valueNode?.type === 'array' && nameNode) {
          const elements = valueNode.namedChildren.filter((c): c is Node => !!c).flatMap((c) => expandFields(c) ?? [decode(c)]);
          for (const e of elements) for (const sub of e.substitutions) visitSubstitution(sub, ctx);
          if (elements.every((e) => e.literal)) scope.lists.set(text(nameNode), elements.map((e) => e.text));
          else scope.lists.delete(text(nameNode));
          return;
        }
        const a = decodeAssignment(n, ctx);
        if (a) {
          if (a.value.literal) scope.vars.set(a.name, a.value.text);
          // `tmp=$(mktemp -d)`: a fresh temporary path, whatever its name.
          else if (/^\$\(\s*mktemp\b[^)]*\)$/.test(a.value.text)) scope.vars.set(a.name, '/tmp/tmp.XXXXXXXXXX');
          else scope.vars.delete(a.name);
        }
        return;
      }
      case 'variable_assignments':
        for (const c of n.namedChildren) if (c) visit(c, ctx);
        return;
      case 'declaration_command':
      case 'unset_command': {
        const keyword = text(n).split(/\s/, 1)[0] ?? '';
        const args: Word[] = [];
        for (const c of n.namedChildren) {
          if (!c) continue;
          if (c.type === 'variable_assignment') {
            const a = decodeAssignment(c, ctx);
            if (a) {
              args.push({ text: `${a.name}=${a.value.text}`, literal: a.value.literal });
              if (a.value.literal) scope.vars.set(a.name, a.value.text);
            }
          } else {
            const w = decode(c);
            for (const s of w.substitutions) visitSubstitution(s, ctx);
            args.push({ text: w.text, literal: w.literal });
          }
        }
        commands.push({ program: keyword, args, assignments: [], redirects: [], source: text(n), ctx });
        return;
      }
      case 'function_definition': {
        const name = n.childForFieldName('name');
        const body = n.childForFieldName('body');
        if (name && body) scope.functions.set(text(name), body);
        if (body) visit(body, { ...ctx, functionBody: name ? text(name) : '?' });
        return;
      }
      case 'if_statement':
      case 'while_statement':
      case 'until_statement':
        visitConditional(n, ctx);
        return;
      case 'negated_command':
      case 'test_command':
      case 'unary_expression':
      case 'binary_expression':
      case 'parenthesized_expression':
      case 'arithmetic_expansion':
        for (const c of n.namedChildren) if (c) visit(c, ctx);
        for (const s of collectSubstitutions(n)) if (s.parent?.equals(n)) visitSubstitution(s, ctx);
        return;
      case 'for_statement':
      case 'c_style_for_statement':
      case 'select_statement':
        for (let i = 0; i < n.childCount; i++) {
          const c = n.child(i);
          if (!c || !c.isNamed) continue;
          if (c.type === 'do_group' || c.type === 'compound_statement') visit(c, ctx);
          else for (const s of decode(c).substitutions) visitSubstitution(s, ctx);
        }
        return;
      case 'case_statement':
        for (const c of n.namedChildren) {
          if (!c) continue;
          if (c.type === 'case_item') {
            for (let i = 0; i < c.childCount; i++) {
              const item = c.child(i);
              if (item?.isNamed && c.fieldNameForChild(i) !== 'value') visit(item, ctx);
            }
          } else for (const s of decode(c).substitutions) visitSubstitution(s, ctx);
        }
        return;
      case 'command_substitution':
      case 'process_substitution':
        visitSubstitution(n, ctx);
        return;
      case 'comment':
      case 'heredoc_body':
      case 'heredoc_start':
      case 'heredoc_end':
      case 'ERROR':
        return;
      default:
        // Words and expressions at statement level only matter for what they substitute.
        for (const s of collectSubstitutions(n)) visitSubstitution(s, ctx);
        if (n.type.endsWith('_redirect')) decodeRedirect(n, ctx);
    }
  }

  function visitConditional(n: Node, ctx: CommandContext): void {
    for (let i = 0; i < n.childCount; i++) {
      const c = n.child(i);
      if (!c || !c.isNamed) continue;
      const isCondition = n.fieldNameForChild(i) === 'condition';
      visit(c, isCondition ? { ...ctx, condition: true } : ctx);
    }
  }

  visit(root, rootCtx);
  return { commands, problems };
}

/** A word quoted for re-parsing as one shell word. */
export const shellQuote = (t: string): string => (/^[A-Za-z0-9_@%+=:,./~-]+$/.test(t) ? t : `'${t.replace(/'/g, `'\\''`)}'`);

/** `/usr/bin/rm` → `rm`, `\rm` → `rm`. Wrapper words (`command rm`) are handled by the unwrapper. */
export function normaliseProgram(name: string): string {
  let p = name.startsWith('\\') ? name.slice(1) : name;
  const slash = p.lastIndexOf('/');
  if (slash >= 0 && slash < p.length - 1) p = p.slice(slash + 1);
  return p;
}

export function joinPath(base: string | undefined, p: string): string | undefined {
  if (p.startsWith('/') || p.startsWith('~')) return p;
  if (base === undefined) return undefined;
  return base.endsWith('/') ? base + p : `${base}/${p}`;
}
