// `airlock rules`: the rule catalogue, for the README and for people writing policies.
import { FAMILIES } from '../core/rules/catalogue.js';

export function runRules(args: readonly string[]): number {
  const rows = Object.entries(FAMILIES).flatMap(([family, rules]) => rules.map((r) => ({ family, id: r.id, description: r.description })));
  if (args.includes('--json')) process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
  else for (const r of rows) process.stdout.write(`${r.id.padEnd(44)} ${r.description}\n`);
  return 0;
}
