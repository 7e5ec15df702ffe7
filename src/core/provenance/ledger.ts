// The credential ledger: per agent session, what the agent discovered (names and files, never values),
// so that a later command using one of those credentials can say where it came from. The PocketOS
// agent used a Railway token it had found in an unrelated file; that is the pattern this remembers.
// Deterministic: time is passed in. Bounded: sessions, discoveries per session and their age are capped.
// Call `provenance` for a command before `noteDiscovery` for it.
import type { Assessment } from '../model.js';
import { asAssessed, type AssessedCommand } from './assessed-command.js';
import { discoveriesIn, type Discovery } from './discovery.js';
import { matchUses, type Provenance } from './match.js';
import { usesIn } from './use.js';

export interface LedgerLimits {
  /** Sessions remembered; the one that discovered least recently is forgotten first. */
  readonly sessions: number;
  /** Discoveries remembered per session; the oldest go first. */
  readonly perSession: number;
  /** Discoveries older than this are forgotten. */
  readonly ttlMs: number;
}

export const LEDGER_LIMITS: LedgerLimits = { sessions: 200, perSession: 64, ttlMs: 24 * 60 * 60 * 1000 };

export class CredentialLedger {
  /** Map order is recency order: a session that discovers again moves to the end. */
  private readonly sessions = new Map<string, readonly Discovery[]>();

  constructor(private readonly limits: LedgerLimits = LEDGER_LIMITS) {}

  /** Records what `command` discovered, if anything; returns the discoveries noted. */
  noteDiscovery(session: string, command: AssessedCommand | Assessment, at: number): readonly Discovery[] {
    const found = discoveriesIn(asAssessed(command), at);
    if (!found.length) return found;
    const kept = this.live(session, at, false)
      // The same command discovering again is one discovery, made at the later time.
      .filter((d) => !found.some((f) => f.command === d.command && f.how === d.how))
      .concat(found)
      .sort((a, b) => a.at - b.at)
      .slice(-this.limits.perSession);
    this.sessions.delete(session);
    this.sessions.set(session, kept);
    for (const oldest of this.sessions.keys()) {
      if (this.sessions.size <= this.limits.sessions) break;
      this.sessions.delete(oldest);
    }
    return found;
  }

  /** The credentials `command` uses that this session discovered earlier (at or before `at`). */
  provenance(session: string, command: AssessedCommand | Assessment, at: number): Provenance[] {
    const discoveries = this.live(session, at, true);
    if (!discoveries.length) return [];
    return matchUses(usesIn(asAssessed(command)), discoveries, at);
  }

  /** Forgets a session (the agent's session ended). */
  forget(session: string): void {
    this.sessions.delete(session);
  }

  private live(session: string, at: number, pastOnly: boolean): readonly Discovery[] {
    const all = this.sessions.get(session) ?? [];
    return all.filter((d) => at - d.at <= this.limits.ttlMs && (!pastOnly || d.at <= at));
  }
}
