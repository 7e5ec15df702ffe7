// Option parsing for cloud and PaaS CLIs (aws, gcloud, az, railway, fly…): positionals, option
// values in `--name value`, `--name=value`, `-n value` and `-nvalue` forms, and boolean flags.
// Which options take a value differs per tool, so callers pass the set of boolean options (for
// tools whose options mostly take values) or the set of value options (for the others).

export interface ParsedArgs {
  readonly positionals: readonly string[];
  /** Option values by name as written (`--profile`, `-e`), in order. */
  readonly options: ReadonlyMap<string, readonly string[]>;
  /** Boolean flags present, as written (short clusters are split: `-fy` → `-f`, `-y`). */
  readonly flags: ReadonlySet<string>;
}

export interface ArgSpec {
  /** Options that take a value. */
  readonly values?: ReadonlySet<string>;
  /** When true, any `--long` option followed by a non-option word takes it as its value unless listed in `booleans`. */
  readonly longTakesValue?: boolean;
  readonly booleans?: ReadonlySet<string>;
  /** Stop collecting positionals at the first option (az-style `GROUP VERB --opts`). */
  readonly positionalsFirst?: boolean;
}

export function parseArgs(args: readonly string[], spec: ArgSpec): ParsedArgs {
  const positionals: string[] = [];
  const options = new Map<string, string[]>();
  const flags = new Set<string>();
  const put = (k: string, v: string) => { const list = options.get(k); if (list) list.push(v); else options.set(k, [v]); };
  let seenOption = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      if (!(spec.positionalsFirst && seenOption)) positionals.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('--') && a.length > 2) {
      seenOption = true;
      const eq = a.indexOf('=');
      if (eq > 0) { put(a.slice(0, eq), a.slice(eq + 1)); continue; }
      const next = args[i + 1];
      const takes = spec.values?.has(a) || (spec.longTakesValue && !spec.booleans?.has(a) && !a.startsWith('--no-') && next !== undefined && !next.startsWith('-'));
      if (takes && next !== undefined) { put(a, next); i++; } else flags.add(a);
      continue;
    }
    if (a.startsWith('-') && a.length > 1 && !/^-\d/.test(a)) {
      seenOption = true;
      const short = a.slice(0, 2);
      if (spec.values?.has(short)) {
        if (a.length > 2) put(short, a.slice(2).replace(/^=/, ''));
        else if (args[i + 1] !== undefined) put(short, args[++i]!);
        continue;
      }
      if (spec.values?.has(a) && args[i + 1] !== undefined) { put(a, args[++i]!); continue; }
      if (a.length > 2 && /^-[A-Za-z]+$/.test(a)) {
        for (const ch of a.slice(1)) flags.add(`-${ch}`);
      } else flags.add(a);
      continue;
    }
    if (spec.positionalsFirst && seenOption) continue;
    positionals.push(a);
  }
  return { positionals, options, flags };
}

export const opt = (p: ParsedArgs, ...names: string[]): string | undefined => {
  for (const n of names) { const v = p.options.get(n); if (v?.length) return v[v.length - 1]; }
  return undefined;
};
export const opts = (p: ParsedArgs, ...names: string[]): string[] => names.flatMap((n) => p.options.get(n) ?? []);
const OFF = /^(false|0|no|off)$/i;
/** A flag is set when present, unless written as explicitly off (`--prod=false`, `--yes=0`). */
export const flag = (p: ParsedArgs, ...names: string[]): boolean =>
  names.some((n) => p.flags.has(n) || (p.options.get(n)?.length ? !OFF.test(p.options.get(n)!.at(-1)!) : false));
