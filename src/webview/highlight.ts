// Light syntax highlighting of a shell command, for DISPLAY ONLY. Nothing here decides anything:
// the assessment comes from the real parser in the engine. A wrong token here can only colour
// text wrongly; joining the tokens' text always gives back the input exactly.

export type TokenKind = 'program' | 'flag' | 'string' | 'operator' | 'variable' | 'comment' | 'text' | 'space';

export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
}

const OPERATORS = ['&&', '||', ';;', '|&', '>>', '<<', '&>', '2>', '|', ';', '&', '>', '<', '(', ')', '{', '}', '\n'];
const COMMAND_START = new Set(['&&', '||', '|', '|&', ';', ';;', '&', '(', '{', '\n']);
const PREFIX_WORDS = new Set(['sudo', 'env', 'time', 'nohup', 'exec', 'command', 'builtin', 'xargs', 'then', 'do', 'else', '!']);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

/** Reads a quoted string from `i` (at the quote) to its closing quote, or to the end if unclosed. */
function quoted(s: string, i: number): number {
  const q = s[i]!;
  let j = i + 1;
  while (j < s.length && s[j] !== q) j += q === '"' && s[j] === '\\' ? 2 : 1;
  return Math.min(j + 1, s.length);
}

export function tokenize(command: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  let expectProgram = true;
  const push = (kind: TokenKind, text: string) => {
    if (text) out.push({ kind, text });
  };
  while (i < command.length) {
    const c = command[i]!;
    if (c === ' ' || c === '\t') {
      let j = i;
      while (j < command.length && (command[j] === ' ' || command[j] === '\t')) j++;
      push('space', command.slice(i, j));
      i = j;
      continue;
    }
    if (c === '#' && (i === 0 || /\s/.test(command[i - 1]!))) {
      const end = command.indexOf('\n', i);
      const j = end < 0 ? command.length : end;
      push('comment', command.slice(i, j));
      i = j;
      continue;
    }
    const op = OPERATORS.find((o) => command.startsWith(o, i));
    if (op) {
      push('operator', op);
      i += op.length;
      if (COMMAND_START.has(op)) expectProgram = true;
      continue;
    }
    if (c === "'" || c === '"') {
      const j = quoted(command, i);
      push('string', command.slice(i, j));
      i = j;
      expectProgram = false;
      continue;
    }
    if (c === '$') {
      const m = /^\$(?:\{[^}]*\}?|\(|[A-Za-z_][A-Za-z0-9_]*|[0-9@*#?$!-])?/.exec(command.slice(i))!;
      const text = m[0] === '$(' ? '$(' : m[0];
      push(text === '$(' ? 'operator' : 'variable', text);
      i += text.length;
      if (text === '$(') expectProgram = true;
      continue;
    }
    // a word: up to whitespace, an operator character or a quote
    let j = i;
    while (j < command.length && !/[\s|;&<>()'"$]/.test(command[j]!) && !(command[j] === '{' || command[j] === '}')) j += command[j] === '\\' ? 2 : 1;
    j = Math.min(Math.max(j, i + 1), command.length);
    const word = command.slice(i, j);
    if (expectProgram && ASSIGNMENT.test(word)) push('variable', word);
    else if (expectProgram) {
      push('program', word);
      expectProgram = PREFIX_WORDS.has(word);
    } else push(word.startsWith('-') && word.length > 1 ? 'flag' : 'text', word);
    i = j;
  }
  return out;
}
