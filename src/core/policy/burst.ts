// The burst breaker: when one agent session sends `threshold` high or critical requests within
// `windowMs`, the session is paused — every request it sends is held for a human, whatever the
// policy says, until a human resumes it. Agents that loop on destructive commands (retrying a
// failing deletion, "cleaning up" one resource after another) are stopped as a whole, not one
// command at a time. Pure: time comes in as numbers.
import type { Risk } from '../model.js';

export interface BurstOptions {
  readonly threshold: number;
  readonly windowMs: number;
}

export const DEFAULT_BURST: BurstOptions = { threshold: 5, windowMs: 60_000 };

/** Sessions tracked at once; the least recently seen are forgotten first. */
const MAX_SESSIONS = 500;

export interface Trip {
  readonly session: string;
  readonly count: number;
  readonly windowMs: number;
  readonly at: number;
}

export class BurstBreaker {
  private readonly recent = new Map<string, number[]>();
  private readonly pausedAt = new Map<string, Trip>();

  constructor(private options: BurstOptions = DEFAULT_BURST) {}

  configure(options: BurstOptions): void {
    this.options = options;
  }

  /** Counts a request; returns the trip when this one pauses the session. */
  note(session: string, risk: Risk, at: number): Trip | undefined {
    if (risk !== 'high' && risk !== 'critical') return undefined;
    const times = (this.recent.get(session) ?? []).filter((t) => at - t < this.options.windowMs);
    times.push(at);
    this.recent.delete(session);
    this.recent.set(session, times);
    if (this.recent.size > MAX_SESSIONS) this.recent.delete(this.recent.keys().next().value!);
    if (this.pausedAt.has(session) || times.length < this.options.threshold) return undefined;
    const trip = { session, count: times.length, windowMs: this.options.windowMs, at };
    this.pausedAt.set(session, trip);
    return trip;
  }

  isPaused(session: string): boolean {
    return this.pausedAt.has(session);
  }

  paused(): readonly Trip[] {
    return [...this.pausedAt.values()];
  }

  /** A human resumed the session: its count starts again from zero. */
  resume(session: string): boolean {
    this.recent.delete(session);
    return this.pausedAt.delete(session);
  }
}
