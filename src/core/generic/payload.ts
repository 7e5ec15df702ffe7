// Code and queries handed to a program as text: SQL in an option value, an operand or a heredoc, whatever the
// program (`pscale sql --query`, `clickhouse-client -q`, `turso db shell DB "…"`).
import type { CommandView } from '../rules/rule.js';
import type { SimpleCommand } from '../shell/command.js';
import { classifySql, DESTROYS_DATA, SQL_SEVERITY } from '../sql.js';

const SQL_START = /^\s*(select|insert|update|delete|drop|truncate|alter|create|grant|revoke|with|merge|replace|upsert)\b/i;
/** SQL as an operand must look like a statement, not prose ("Delete old repo"). */
const SQL_SHAPE = /^\s*(delete\s+from\s|drop\s+(table|database|schema|index|view|collection)\s|truncate\s+(table\s+)?\w|update\s+[\w."]+\s+set\s|select\s[\s\S]*\sfrom\s|insert\s+into\s|alter\s+table\s)/i;
const SQL_OPTION = /^--?(query|q|sql|e|execute|command|c|statement|eval)$/;

/** SQL given to a program as an option value, an operand or a heredoc: the worst statement in it. */
export function sqlPayload(view: CommandView): { kind: string; destroys: boolean; text: string } | undefined {
  const texts: string[] = [];
  view.args.forEach((a, i) => {
    const eq = a.indexOf('=');
    if (eq > 0 && SQL_OPTION.test(a.slice(0, eq))) texts.push(a.slice(eq + 1));
    else if (SQL_OPTION.test(a) && view.args[i + 1]) texts.push(view.args[i + 1]!);
    else if (SQL_SHAPE.test(a)) texts.push(a);
  });
  if (view.cmd.stdin?.kind === 'document' && SQL_START.test(view.cmd.stdin.text)) texts.push(view.cmd.stdin.text);
  const statements = texts.filter((t) => SQL_START.test(t)).flatMap(classifySql);
  if (!statements.length) return undefined;
  const worst = statements.reduce((a, b) => (SQL_SEVERITY[b.kind] > SQL_SEVERITY[a.kind] ? b : a));
  const destroys = DESTROYS_DATA.has(worst.kind) || worst.kind === 'delete' || worst.kind === 'drop-other';
  return { kind: worst.kind, destroys, text: worst.text.slice(0, 60) };
}

/**
 * Piped through `cut -d= -f1`, `awk -F= '{print $1}'`, a sed that strips from '=' on, or `jq 'keys'`:
 * only the names reach the screen.
 */
export function namesOnly(next: SimpleCommand | undefined): boolean {
  if (!next) return false;
  const a = next.args.map((w) => w.text).join(' ');
  if (next.program === 'jq' || next.program === 'yq') {
    const filter = next.args.find((w) => !w.text.startsWith('-'))?.text ?? '';
    // `keys`, `to_entries[].key`, `length`, or the name fields of a list (`.secrets[].name`, `map(.name)`).
    return /^\s*(\.[\w.]*\s*\|\s*)?(keys(_unsorted)?(\[\])?|to_entries\s*(\|\s*map\(\.key\)|\[\]\s*\|?\s*\.key)|length)\s*$/.test(filter)
      || /^\s*(\.[\w]+)?(\[\])?\s*\|?\s*(\.(name|names|key|id)|map\(\.(name|key)\))\s*$/.test(filter);
  }
  if (next.program === 'cut') return /(-d\s*=|-d=|--delimiter=?=)/.test(a) && /(^|\s)(-f\s*1|-f1|--fields=?1)(\s|$)/.test(a);
  if (next.program === 'awk' || next.program === 'gawk') return /-F\s*=?['"]?=/.test(a) && /\{\s*print\s+\$1\s*\}/.test(a);
  if (next.program === 'sed') return /^s(.)=\.\*\1\1g?$/.test(next.args.find((w) => !w.text.startsWith('-'))?.text ?? '');
  return false;
}
