// Reading one step's command text: its words, and the grep patterns and find globs in it, which are
// matched without ever being run as regular expressions. The ledger keeps assessments, not syntax trees, so the few
// things it reads from a step (a grep pattern, a find root, a `--token-file` value) come from the
// step's redacted source. Approximate on purpose: quotes are removed, `$(…)` stays inside its word,
// nothing is expanded. Good enough to read options; never used to decide what runs.

export function commandWords(text: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let i = 0;
  const take = (s: string) => { word += s; inWord = true; };
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      i++;
    } else if (ch === "'") {
      const end = text.indexOf("'", i + 1);
      const stop = end < 0 ? text.length : end;
      take(text.slice(i + 1, stop));
      i = stop + 1;
    } else if (ch === '"') {
      inWord = true;
      i++;
      while (i < text.length && text[i] !== '"') {
        const next = text[i + 1];
        if (text[i] === '\\' && next !== undefined && '$`"\\'.includes(next)) { take(next); i += 2; continue; }
        if (text.startsWith('$(', i)) { const end = closingParen(text, i + 1); take(text.slice(i, end + 1)); i = end + 1; continue; }
        take(text[i]!);
        i++;
      }
      i++;
    } else if (ch === '\\' && i + 1 < text.length) {
      take(text[i + 1]!);
      i += 2;
    } else if (text.startsWith('$(', i)) {
      const end = closingParen(text, i + 1);
      take(text.slice(i, end + 1));
      i = end + 1;
    } else {
      take(ch);
      i++;
    }
  }
  if (inWord) words.push(word);
  return words;
}

/** Index of the `)` that closes the `(` at `open` (the last index when it is never closed). */
function closingParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i;
  }
  return text.length - 1;
}

/**
 * Whether a grep-family pattern would match a line naming `name`. The agent's pattern is never run as
 * a regular expression (a crafted one could stall the gate); it is cut into its literal runs instead,
 * and one alternative matches when all its runs appear in the name in order. `token\|secret`,
 * `API_?KEY` and `(?i)aws_.*key` work as expected; character classes are only approximated.
 */
export function patternMatchesName(pattern: string, ignoreCase: boolean, name: string): boolean {
  const inline = /^\(\?i\)/.test(pattern);
  const fold = (s: string) => (ignoreCase || inline ? s.toLowerCase() : s);
  const subject = fold(name);
  const alternatives = fold(inline ? pattern.slice(4) : pattern).split(/\\?\|/);
  return alternatives.some((alt) => {
    // `X?` and `X*` make X optional: drop the character before them.
    const runs = alt.replace(/\[[^\]]*\]/g, ' ').replace(/\\./g, ' ').replace(/.[?*]/g, ' ').split(/[^A-Za-z0-9_]+/).filter((r) => r.length > 0);
    if (!runs.length) return true; // `.` or `.*`: every line
    let from = 0;
    for (const run of runs) {
      const at = subject.indexOf(run, from);
      if (at < 0) return false;
      from = at + run.length;
    }
    return true;
  });
}

/**
 * `find -name` glob matching (`*`, `?`, `[…]`) by a linear two-pointer walk, not a regular expression,
 * for the same reason as above.
 */
export function globMatches(glob: string, name: string, ignoreCase: boolean): boolean {
  const g = ignoreCase ? glob.toLowerCase() : glob;
  const s = ignoreCase ? name.toLowerCase() : name;
  let gi = 0;
  let si = 0;
  let star = -1;
  let resume = 0;
  while (si < s.length) {
    const step = gi < g.length ? matchOne(g, gi, s[si]!) : 0;
    if (step > 0) { gi += step; si++; continue; }
    if (gi < g.length && g[gi] === '*') { star = gi++; resume = si; continue; }
    if (star < 0) return false;
    gi = star + 1;
    si = ++resume;
  }
  while (g[gi] === '*') gi++;
  return gi === g.length;
}

/** Length of the glob token at `gi` when it matches `ch`, or 0. */
function matchOne(g: string, gi: number, ch: string): number {
  const c = g[gi]!;
  if (c === '*') return 0;
  if (c === '?') return 1;
  if (c === '\\' && gi + 1 < g.length) return g[gi + 1] === ch ? 2 : 0;
  if (c === '[') {
    const end = g.indexOf(']', gi + 2);
    if (end < 0) return c === ch ? 1 : 0;
    let set = g.slice(gi + 1, end);
    const negate = set.startsWith('!') || set.startsWith('^');
    if (negate) set = set.slice(1);
    let hit = false;
    for (let k = 0; k < set.length; k++) {
      if (set[k + 1] === '-' && k + 2 < set.length) { hit ||= ch >= set[k]! && ch <= set[k + 2]!; k += 2; } else hit ||= set[k] === ch;
    }
    return hit !== negate ? end - gi + 1 : 0;
  }
  return c === ch ? 1 : 0;
}
