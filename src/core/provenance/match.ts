// Matching a command's credential uses to what the same agent discovered earlier. By name and by
// file only: Airlock never sees output, so a literal token can only be said to be POSSIBLY from
// what was discovered, and only when nothing better explains it.
import { isWithin } from '../paths.js';
import { redact } from '../redact.js';
import { isSecretPath } from '../secret-files.js';
import { globMatches, patternMatchesName } from './command-text.js';
import type { Clue, Discovery, DiscoveryHow } from './discovery.js';
import type { CredentialUse } from './use.js';

export type Certainty = 'certain' | 'possible';

export interface Provenance {
  /** The variable name or file as the command wrote it, or "a literal token": never a value. */
  readonly credential: string;
  /** The earlier command, redacted. */
  readonly discoveredBy: string;
  readonly discoveredAt: number;
  readonly how: DiscoveryHow;
  /** `certain`: that name or file was shown; `possible`: it may have been (a search, a dump of a file). */
  readonly certainty: Certainty;
  readonly matchedBy: 'name' | 'file' | 'literal';
  /** How long before the using command the discovery was made. */
  readonly ageMs: number;
  /** The index of the step (in the using assessment) that carries the credential. */
  readonly step: number;
}

export const LITERAL_LABEL = 'a literal token';
/** How many discoveries a literal token is said to be possibly from (the most recent ones). */
const LITERAL_SOURCES = 3;

/** `discoveries` must already be limited to the session and to those made at or before `at`. */
export function matchUses(uses: readonly CredentialUse[], discoveries: readonly Discovery[], at: number): Provenance[] {
  const newestFirst = [...discoveries].sort((a, b) => b.at - a.at);
  const out: Provenance[] = [];
  for (const use of uses) {
    if (use.kind === 'literal') continue;
    let best: { d: Discovery; certainty: Certainty } | undefined;
    for (const d of newestFirst) {
      const certainty = strongest(d.clues.map((c) => clueMatches(c, use)));
      if (certainty && (!best || (certainty === 'certain' && best.certainty === 'possible'))) best = { d, certainty };
      if (best?.certainty === 'certain') break;
    }
    if (best) {
      out.push(provenance(best.d, best.certainty, use.kind === 'name' ? use.name : use.shown, use.kind, use.step, at));
    }
  }
  if (out.length) return out;
  // A token typed into the command: nothing names where it came from, so every recent discovery might be it.
  const literal = uses.find((u) => u.kind === 'literal');
  if (!literal) return out;
  const sources = newestFirst.filter((d, i) => newestFirst.findIndex((e) => e.command === d.command) === i).slice(0, LITERAL_SOURCES);
  return sources.map((d) => provenance(d, 'possible', LITERAL_LABEL, 'literal', literal.step, at));
}

function provenance(d: Discovery, certainty: Certainty, credential: string, matchedBy: Provenance['matchedBy'], step: number, at: number): Provenance {
  return { credential: redact(credential), discoveredBy: d.command, discoveredAt: d.at, how: d.how, certainty, matchedBy, ageMs: at - d.at, step };
}

function strongest(found: readonly (Certainty | undefined)[]): Certainty | undefined {
  return found.includes('certain') ? 'certain' : found.includes('possible') ? 'possible' : undefined;
}

function clueMatches(clue: Clue, use: CredentialUse): Certainty | undefined {
  const level = (certain: boolean): Certainty => (certain ? 'certain' : 'possible');
  if (use.kind === 'name') {
    if (clue.kind === 'name') return clue.name === use.name ? 'certain' : undefined;
    if (clue.kind === 'names') return patternMatchesName(clue.pattern, clue.ignoreCase, use.name) ? level(clue.certain) : undefined;
    return undefined;
  }
  if (use.kind !== 'file') return undefined;
  if (clue.kind === 'file') return clue.path === use.path ? 'certain' : undefined;
  if (clue.kind !== 'tree' || !under(use.path, clue.root)) return undefined;
  const base = use.path.slice(use.path.lastIndexOf('/') + 1);
  const found = clue.globs.length ? clue.globs.some((g) => globMatches(g, base, clue.ignoreCase)) : isSecretPath(use.path);
  return found ? level(clue.certain) : undefined;
}

/** `isWithin`, plus relative paths compared as written when no cwd was known (`.` holds them all). */
function under(path: string, root: string): boolean {
  if (root === '.') return !path.startsWith('/') && !path.startsWith('..');
  return isWithin(path, root);
}
