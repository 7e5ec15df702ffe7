// Narrow session approvals: "allow commands like this one for the rest of this agent session".
// A pattern is a literal command prefix the human confirms (and may shorten or lengthen), and it
// never widens by itself: a later command is covered only if it starts with the prefix, adds no
// chaining, substitution or redirection after it, is no riskier than the approved one, and fires
// no rule the approved one did not. Critical commands are never covered.
import { riskRank, type Assessment, type Risk } from '../model.js';

export interface SessionPattern {
  readonly prefix: string;
  readonly upTo: Risk;
  readonly ruleIds: readonly string[];
}

/** Shell syntax that would let text after the prefix start another command or hide one. */
const ESCAPES = /[;&|`<>\n]|\$\(|\$\{|<\(|>\(/;

export function suggestPrefix(command: string): string {
  const words = command.trim().split(/\s+/);
  return words.length > 1 ? words.slice(0, -1).join(' ') + ' ' : command.trim();
}

export function validatePrefix(prefix: string, approved: Assessment): string | undefined {
  if (approved.risk === 'critical') return 'critical commands can only be approved one at a time';
  if (!approved.command.startsWith(prefix)) return 'the pattern must be the start of the command being approved';
  if (prefix.trim().split(/\s+/).length < 2) return 'the pattern must name the program and at least one argument';
  if (ESCAPES.test(prefix)) return 'the pattern may not contain ; & | ` < > $( or ${';
  return undefined;
}

export function makePattern(prefix: string, approved: Assessment): SessionPattern {
  return { prefix, upTo: approved.risk, ruleIds: approved.rules.map((r) => r.id) };
}

export function patternCovers(p: SessionPattern, a: Assessment): boolean {
  if (a.risk === 'critical' || riskRank(a.risk) > riskRank(p.upTo) || !a.parse.ok) return false;
  if (!a.command.startsWith(p.prefix) || ESCAPES.test(a.command.slice(p.prefix.length))) return false;
  return a.rules.every((r) => p.ruleIds.includes(r.id));
}
