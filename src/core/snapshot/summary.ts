// One line for the approval panel about the snapshot Airlock would take before a command runs,
// so the human knows before deciding whether the loss can be undone.
import { formatBytes } from '../blast-radius.js';
import type { NotSnapshotted } from './targets.js';

export interface PlanFigures {
  readonly files: number;
  readonly bytes: number;
  readonly symlinks: number;
  readonly dirs: number;
  readonly tracked: number;
  readonly notSnapshotted: readonly NotSnapshotted[];
  readonly exceeds: readonly ('size' | 'time')[];
  readonly truncated: boolean;
  readonly budget: { readonly maxBytes: number; readonly maxMs: number };
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export function describeSnapshotPlan(p: PlanFigures): string {
  const parts: string[] = [];
  const atLeast = p.truncated ? 'at least ' : '';
  if (p.exceeds.includes('time')) parts.push(`Too many files to snapshot: listing them took longer than ${p.budget.maxMs / 1000} s (${atLeast}${plural(p.files, 'file')}, ${formatBytes(p.bytes)})`);
  else if (p.exceeds.includes('size')) parts.push(`Too large to snapshot: ${formatBytes(p.bytes)} in ${plural(p.files, 'file')}, over the ${formatBytes(p.budget.maxBytes)} limit`);
  else if (p.files || p.symlinks) parts.push(`A snapshot keeps ${plural(p.files, 'file')} (${formatBytes(p.bytes)})${p.symlinks ? ` and ${plural(p.symlinks, 'symlink')}` : ''} that would be lost`);
  else if (p.dirs) parts.push(`A snapshot keeps ${p.dirs} empty director${p.dirs === 1 ? 'y' : 'ies'} that would be lost`);
  else if (!p.tracked) parts.push('Nothing in the workspace to snapshot');
  if (p.tracked) parts.push(`${plural(p.tracked, 'tracked file')} without uncommitted changes ${p.tracked === 1 ? 'is' : 'are'} left to git`);
  const skipped = p.notSnapshotted.slice(0, 3).map((s) => `${s.what} (${s.reason.replace(/^not snapshotted: /, '')})`);
  if (skipped.length) parts.push(`not snapshotted: ${skipped.join(', ')}${p.notSnapshotted.length > 3 ? ` and ${p.notSnapshotted.length - 3} more` : ''}`);
  return parts.join('; ') + '.';
}
