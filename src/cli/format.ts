// Human-readable rendering of an assessment for the terminal (colour only on a TTY).
import { describeBlastRadius } from '../core/blast-radius.js';
import type { Assessment, Risk } from '../core/model.js';
import type { Decision } from '../core/policy/decide.js';

const COLOURS: Record<Risk, string> = { low: '32', medium: '33', high: '35', critical: '1;31' };

export function formatAssessment(a: Assessment, d: Decision, colour: boolean): string {
  const c = (code: string, s: string) => (colour ? `\x1b[${code}m${s}\x1b[0m` : s);
  const lines: string[] = [];
  lines.push(`${c(COLOURS[a.risk], a.risk.toUpperCase())} → ${c('1', d.action)}  ${a.summary}`);
  lines.push(`  decided by ${d.decidedBy}`);
  if (a.steps.length) {
    lines.push('', c('1', 'Plan'));
    a.steps.forEach((s, i) => {
      const via = s.via.length ? c('2', ` (via ${s.via.join(' → ')})`) : '';
      lines.push(`  ${i + 1}. [${c(COLOURS[s.risk], s.risk)}] ${s.effect}: ${s.summary}${via}`);
      lines.push(`     ${c('2', '$')} ${s.command}`);
      if (s.targets.length) lines.push(`     targets: ${s.targets.map((t) => `${t.kind} ${t.name}`).join(', ')}`);
      const facts = [`scope ${s.scope}`, s.reversibility, s.environment ? `environment ${s.environment}` : ''].filter(Boolean);
      lines.push(`     ${facts.join(' · ')}`);
    });
  }
  if (a.blastRadius) lines.push('', `${c('1', 'Blast radius')}: ${describeBlastRadius(a.blastRadius)}`);
  if (a.credentials.length) lines.push('', `${c('1', 'Credentials')}: ${a.credentials.map((x) => `${x.kind} ${x.name}`).join(', ')}`);
  if (a.rules.length) lines.push('', `${c('1', 'Rules')}: ${a.rules.map((r) => `${r.id} (${r.risk})`).join(', ')}`);
  if (a.tags.length) lines.push(`${c('1', 'Tags')}: ${a.tags.join(', ')}`);
  if (a.alternatives.length) {
    lines.push('', c('1', 'Safer alternatives'));
    for (const alt of a.alternatives) lines.push(`  • ${alt}`);
  }
  if (!a.parse.ok) lines.push('', c('33', `Parse problems: ${a.parse.problems.join('; ')}`));
  return lines.join('\n');
}
