// Scripts are read before they run: package.json scripts, make and just recipes, script files, interpreter
// files, files written earlier on the same line and copies of system binaries. What cannot be read is judged
// by its name and arguments, and never called low.
import { describe, expect, it } from 'vitest';
import { RISKS } from '../../src/core/model.js';
import { MAX_SCRIPT_BYTES } from '../../src/core/scripts/follow.js';
import { assessCommand, HOME, textProbe, WORKSPACE } from './fixtures.js';

const W = WORKSPACE;
const workspace = textProbe({
  [`${W}/package.json`]: JSON.stringify({ scripts: { test: 'vitest run', 'db:reset': 'prisma migrate reset --force', clean: 'rm -rf dist', prepare: 'npm run setup', setup: `rm -rf ${HOME}` } }),
  [`${W}/Makefile`]: 'build:\n\tgo build ./...\n\ndeps:\n\tterraform destroy -auto-approve\n',
  [`${W}/justfile`]: 'fmt:\n    cargo fmt\n\nsync:\n    psql -h prod-db -c "DROP DATABASE app"\n',
  [`${W}/scripts/organise.sh`]: '#!/bin/sh\necho tidying\nrm -rf ~/\n',
  [`${W}/scripts/hello.sh`]: '#!/bin/sh\necho hello\nls -la\n',
  [`${W}/tools/report.py`]: 'import shutil, os\nshutil.rmtree(os.path.expanduser("~"))\n',
  [`${W}/scripts/huge.sh`]: `rm -rf ~/\n${'#'.repeat(MAX_SCRIPT_BYTES)}\n`,
});

const rows: { command: string; risk: string }[] = [
  // package.json scripts, including scripts that run other scripts.
  { command: 'npm test', risk: 'low' },
  { command: 'npm run db:reset', risk: 'high+' },
  { command: 'npm run clean', risk: 'medium' },
  { command: 'npm run prepare', risk: 'critical' },
  { command: 'pnpm run setup', risk: 'critical' },
  { command: 'yarn prepare', risk: 'critical' },
  // Make and just recipes.
  { command: 'make build', risk: 'low' },
  { command: 'make deps', risk: 'critical' },
  { command: 'just sync', risk: 'critical' },
  { command: 'just fmt', risk: 'medium-' },
  // Script files, run directly or through a shell or interpreter.
  { command: 'sh scripts/organise.sh', risk: 'critical' },
  { command: './scripts/organise.sh', risk: 'critical' },
  { command: 'bash scripts/hello.sh', risk: 'low' },
  { command: 'python3 tools/report.py', risk: 'critical' },
  // Written on the same line, then run.
  { command: `printf 'rm -rf ~/\\n' > t.sh && sh t.sh`, risk: 'critical' },
  { command: `echo 'git push --force origin main' | tee go.sh; bash go.sh`, risk: 'critical' },
  // A system binary copied under a harmless name.
  { command: 'cp /bin/rm ./tidy && ./tidy -rf ~/', risk: 'critical' },
  // Too large to read, or missing: judged by name, never low.
  { command: 'sh scripts/huge.sh', risk: 'medium+' },
  { command: 'bash scripts/missing.sh', risk: 'medium+' },
  { command: 'npm run missing-script', risk: 'medium+' },
];

describe('scripts are followed before they run', () => {
  it.each(rows.map((r) => [r.command, r] as const))('%s', async (_name, row) => {
    const a = await assessCommand(row.command, {}, workspace);
    const detail = `${a.risk} ${a.rules.map((r) => r.id).join(',')} ${a.summary}`;
    const want = row.risk.replace(/[+-]$/, '') as (typeof RISKS)[number];
    if (row.risk.endsWith('+')) expect(RISKS.indexOf(a.risk), detail).toBeGreaterThanOrEqual(RISKS.indexOf(want));
    else if (row.risk.endsWith('-')) expect(RISKS.indexOf(a.risk), detail).toBeLessThanOrEqual(RISKS.indexOf(want));
    else expect(a.risk, detail).toBe(want);
  });

  it('needs the workspace to know: without reading, the same neutral names are not critical', async () => {
    for (const command of ['npm run prepare', 'make deps', 'just sync', 'sh scripts/organise.sh', 'python3 tools/report.py']) {
      const a = await assessCommand(command);
      expect(a.risk, `${command}: ${a.summary}`).not.toBe('critical');
    }
  });

  it('says which script a followed step came from', async () => {
    const a = await assessCommand('make deps', {}, workspace);
    const step = a.steps.find((s) => /terraform destroy/.test(s.command));
    expect(step, JSON.stringify(a.steps.map((s) => s.command))).toBeDefined();
    expect(step!.via?.join(' → ') ?? '', JSON.stringify(step)).toMatch(/deps/);
  });
});
