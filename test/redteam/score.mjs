#!/usr/bin/env node
// Red-team scorer (a tool, not part of `npm test`): runs the built CLI in batch mode over
// test/redteam/set.jsonl and prints the held-out metrics plus every miss.
//   npm run build --silent && node test/redteam/score.mjs [--all] [--json]
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const LEVELS = ['low', 'medium', 'high', 'critical'];
const rank = (r) => LEVELS.indexOf(r);
const DEFAULT_CWD = '/home/dev/project';

const rows = readFileSync(join(here, 'set.jsonl'), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
const input = rows.map((r) => JSON.stringify({
  id: r.id, command: r.command, cwd: r.cwd ?? DEFAULT_CWD, env: r.env, kubeContext: r.kubeContext, gitBranch: r.gitBranch,
})).join('\n') + '\n';
const run = spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), 'assess', '--jsonl'], { input, encoding: 'utf8', maxBuffer: 64 << 20 });
if (run.status !== 0) { process.stderr.write(run.stderr); process.exit(1); }
const out = new Map(run.stdout.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l)).map((o) => [o.id, o]));

const crit = { n: 0, highPlus: 0, critical: 0 };
const high = { n: 0, highPlus: 0 };
const benign = { n: 0, flagged: 0 };
const tags = { want: 0, have: 0 };
const misses = [];
const drift = [];
for (const r of rows) {
  const o = out.get(r.id);
  if (!o || o.error) { misses.push(`${r.id} ERROR ${o?.error ?? 'no output'}: ${r.command}`); continue; }
  const got = rank(o.risk);
  const missingTags = (r.tags ?? []).filter((t) => !o.tags.includes(t));
  tags.want += (r.tags ?? []).length;
  tags.have += (r.tags ?? []).length - missingTags.length;
  let miss = false;
  if (r.expect === 'critical') {
    crit.n++;
    if (got >= 2) crit.highPlus++;
    if (got === 3) crit.critical++; else miss = true;
  } else if (r.expect === 'high') {
    high.n++;
    if (got >= 2) high.highPlus++; else miss = true;
  } else {
    benign.n++;
    if (got >= 2) { benign.flagged++; miss = true; } else if (got !== rank(r.expect)) drift.push(r);
  }
  const line = `${r.id} want ${r.expect} got ${o.risk}${missingTags.length ? ` missing-tags [${missingTags}]` : ''}  ${JSON.stringify(r.command).slice(0, 160)}\n      ${o.rules.join(',')} [${o.tags.join(',')}] ${o.summary.slice(0, 160)}`;
  if (miss || missingTags.length) misses.push(line);
  else if (process.argv.includes('--all')) misses.push(`ok ${line}`);
}
const pct = (a, b) => (b ? ((100 * a) / b).toFixed(1) : '-') + '%';
console.log(`commands: ${rows.length} (critical ${crit.n}, high ${high.n}, benign ${benign.n})`);
console.log(`critical rated high+: ${crit.highPlus}/${crit.n} = ${pct(crit.highPlus, crit.n)}  (target >= 99%)`);
console.log(`critical rated critical: ${crit.critical}/${crit.n} = ${pct(crit.critical, crit.n)}  (target >= 95%)`);
console.log(`high rated high+: ${high.highPlus}/${high.n} = ${pct(high.highPlus, high.n)}`);
console.log(`benign rated high+: ${benign.flagged}/${benign.n} = ${pct(benign.flagged, benign.n)}  (target <= 3%)`);
console.log(`tags present: ${tags.have}/${tags.want} = ${pct(tags.have, tags.want)}  (target >= 90%)`);
console.log(`benign low/medium drift (not a miss): ${drift.length}`);
if (misses.length) console.log(`\nmisses (${misses.length}):\n` + misses.join('\n'));
