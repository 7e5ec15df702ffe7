// The History section's filters, done in the webview over the entries the extension sent.
import type { HistoryEntry } from '../protocol/webview.js';

/** An empty string means "any". */
export interface HistoryFilter {
  readonly risk: string;
  readonly agent: string;
  readonly action: string;
}

const RISK_ORDER = ['low', 'medium', 'high', 'critical'];

export function filterHistory(entries: readonly HistoryEntry[], f: HistoryFilter): HistoryEntry[] {
  return entries.filter((e) => (!f.risk || e.risk === f.risk) && (!f.agent || e.agent === f.agent) && (!f.action || e.action === f.action));
}

/** The values each filter can take, from the entries: risks in severity order, the rest sorted. */
export function filterOptions(entries: readonly HistoryEntry[]): { risk: string[]; agent: string[]; action: string[] } {
  const distinct = (pick: (e: HistoryEntry) => string) => [...new Set(entries.map(pick).filter(Boolean))];
  const rank = (r: string) => (RISK_ORDER.includes(r) ? RISK_ORDER.indexOf(r) : RISK_ORDER.length);
  return {
    risk: distinct((e) => e.risk).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b)),
    agent: distinct((e) => e.agent).sort(),
    action: distinct((e) => e.action).sort(),
  };
}
