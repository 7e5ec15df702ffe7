// What provenance does to an assessment: a finding that says where the credential came from, the
// `credential-provenance` tag, and one level more risk (never less). Composed the way assess.ts
// composes: the overall risk stays the maximum of the steps' risks, rules are sorted riskiest first,
// and the summary keeps its "Risk: …" form.
import { RISKS, riskRank, type Assessment, type FiredRule, type Risk, type Step, type Tag } from '../model.js';
import { redact } from '../redact.js';
import { LITERAL_LABEL, type Provenance } from './match.js';

export const PROVENANCE_RULE_ID = 'credentials.provenance';
const SHOWN = 3;
const ALTERNATIVE = 'ask the human which credential this task should use; one the agent found on its own may belong to another project or to production';

export function applyProvenance(assessment: Assessment, provenance: readonly Provenance[]): Assessment {
  if (!provenance.length) return assessment;
  const risk = raised(assessment.risk);
  const text = describeProvenance(provenance);
  const rule: FiredRule = { id: PROVENANCE_RULE_ID, risk, summary: text };
  const using = new Set(provenance.map((p) => p.step).filter((i) => i >= 0 && i < assessment.steps.length));
  if (!using.size && assessment.steps.length) using.add(riskiestStep(assessment.steps));
  const steps = assessment.steps.map((s, i): Step => (using.has(i)
    ? { ...s, risk, summary: s.ruleIds.length ? `${s.summary}; ${text}` : text, ruleIds: [...s.ruleIds, PROVENANCE_RULE_ID] }
    : s));
  const tags = new Set<Tag>([...assessment.tags, 'credential-provenance', 'credential']);
  const label = risk[0]!.toUpperCase() + risk.slice(1);
  const rest = assessment.summary.replace(/^\w+:\s*/, '');
  const summary = assessment.risk === 'low' ? `${label}: ${text}.` : `${label}: ${rest} ${capitalise(text)}.`;
  const alternatives = assessment.alternatives.filter((a) => a !== ALTERNATIVE);
  return {
    ...assessment,
    risk,
    summary,
    steps,
    rules: [...assessment.rules.filter((r) => r.id !== PROVENANCE_RULE_ID), rule].sort((a, b) => riskRank(b.risk) - riskRank(a.risk)),
    tags: [...tags].sort(),
    // It is the riskiest reason when it raised the risk; otherwise it follows the others.
    alternatives: risk !== assessment.risk ? [ALTERNATIVE, ...alternatives] : [...alternatives, ALTERNATIVE],
  };
}

/** One level up: low → medium → high → critical. */
export const raised = (r: Risk): Risk => RISKS[Math.min(riskRank(r) + 1, RISKS.length - 1)]!;

/** "uses RAILWAY_TOKEN, which this agent found earlier with `env | grep -i token` (3 min ago)". */
export function describeProvenance(provenance: readonly Provenance[]): string {
  const parts = provenance.slice(0, SHOWN).map((p) => {
    const when = `\`${p.discoveredBy}\` (${formatAge(p.ageMs)})`;
    if (p.matchedBy === 'literal') return `uses ${LITERAL_LABEL}, possibly one this agent found earlier with ${when}`;
    const what = p.matchedBy === 'file' ? `the credential in ${p.credential}` : p.credential;
    return `uses ${what}, which this agent ${p.certainty === 'certain' ? 'found' : 'may have found'} earlier with ${when}`;
  });
  const more = provenance.length > SHOWN ? `; and ${provenance.length - SHOWN} more found earlier` : '';
  return redact(parts.join('; ') + more);
}

export function formatAge(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return 'less than a minute ago';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? `${hours} h ago` : `${Math.floor(hours / 24)} days ago`;
}

const capitalise = (s: string) => s[0]!.toUpperCase() + s.slice(1);

function riskiestStep(steps: readonly Step[]): number {
  let best = 0;
  steps.forEach((s, i) => { if (riskRank(s.risk) > riskRank(steps[best]!.risk)) best = i; });
  return best;
}
