// The policy's protected paths: any write or delete that lands on one is critical, whatever rule found it.
import { minimatch } from 'minimatch';
import type { Finding } from './model.js';
import { isWithin, normalisePath } from './paths.js';
import type { CommandView } from './rules/rule.js';

const MUTATING = new Set(['write', 'delete']);

export function matchesProtected(abs: string, globs: readonly string[], roots: readonly string[]): string | undefined {
  for (const g of globs) {
    if (g.startsWith('/') || g.startsWith('~')) {
      if (minimatch(abs, g, { dot: true }) || isWithin(abs, normalisePath(g.replace(/\/\*\*$/, '')))) return g;
      continue;
    }
    for (const root of roots) {
      if (!isWithin(abs, root)) continue;
      const rel = abs === root ? '.' : abs.slice(root.length + 1);
      if (minimatch(rel, g, { dot: true }) || minimatch(rel, `${g.replace(/\/$/, '')}/**`, { dot: true })) return g;
    }
  }
  return undefined;
}

export function protectedPathFindings(findings: readonly Finding[], view: CommandView): Finding[] {
  const globs = view.ctx.protectedPaths;
  if (!globs.length) return [];
  const roots = view.ctx.workspaceRoots.map(normalisePath);
  const out: Finding[] = [];
  for (const f of findings) {
    if (!MUTATING.has(f.effect)) continue;
    for (const t of f.targets ?? []) {
      if (t.kind !== 'path') continue;
      const abs = view.resolve(t.name.replace(/^~(?=\/|$)/, view.ctx.home));
      const glob = matchesProtected(abs, globs, roots);
      if (glob) {
        out.push({
          ruleId: 'policy.protected-path', risk: 'critical', effect: f.effect, targets: [t],
          summary: `${f.effect === 'delete' ? 'deletes' : 'modifies'} ${t.name}, protected by the policy (${glob})`,
          reversibility: f.reversibility ?? 'recoverable', tags: ['data-loss'],
        });
      }
    }
  }
  return out;
}
