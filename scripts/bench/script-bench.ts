// Script following: the commands that run a workspace script (`npm run db:reset`, `make deploy`,
// `bash scripts/tidy.sh`) are assessed with the real filesystem probe reading the scripts, and the same
// commands without a probe (judged by their names) are the floor measured in the same run.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assess } from '../../src/core/assess.js';
import { DEFAULT_BUDGET_MS } from '../../src/core/blast-radius.js';
import { makeContext } from '../../src/core/context.js';
import type { ShellParser } from '../../src/core/shell/parser.js';
import { createFsProbe } from '../../src/node/fs-probe.js';

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const ms = (x: number) => `${x.toFixed(3)} ms`;

export function scriptBench(parser: ShellParser): string[] {
  const ws = mkdtempSync(join(tmpdir(), 'airlock-script-bench-'));
  try {
    mkdirSync(join(ws, 'scripts'));
    const scripts: Record<string, string> = { test: 'vitest run', 'db:reset': 'prisma migrate reset --force && npm run seed', seed: 'node scripts/seed.js', clean: 'rm -rf dist coverage' };
    for (let i = 0; i < 40; i++) scripts[`task${i}`] = `node scripts/task${i}.js --flag ${i}`;
    writeFileSync(join(ws, 'package.json'), JSON.stringify({ name: 'bench', scripts }, null, 2));
    writeFileSync(join(ws, 'Makefile'), Array.from({ length: 40 }, (_, i) => `t${i}:\n\techo ${i}\n`).join('\n') + '\ndeploy:\n\tterraform apply -auto-approve\n\tkubectl rollout restart deploy/api\n');
    writeFileSync(join(ws, 'scripts', 'tidy.sh'), '#!/bin/sh\nset -e\n' + Array.from({ length: 200 }, (_, i) => `echo step ${i}`).join('\n') + '\nrm -rf build\n');
    writeFileSync(join(ws, 'scripts', 'seed.js'), "require('fs').writeFileSync('seed.json', '{}')\n");
    const commands = ['npm run db:reset', 'npm test', 'npm run clean', 'make deploy', 'make t3', 'bash scripts/tidy.sh', 'node scripts/seed.js', 'pnpm task17'];
    const ctx = makeContext({ cwd: ws, workspaceRoots: [ws], home: tmpdir(), gitBranch: 'feature/x' });
    const probe = createFsProbe();
    const time = (withProbe: boolean): number[] => {
      const out: number[] = [];
      for (let round = 0; round < 60; round++) {
        for (const c of commands) {
          const s = performance.now();
          assess(c, ctx, { parser, probe: withProbe ? probe : undefined });
          if (round >= 10) out.push(performance.now() - s);
        }
      }
      return out.sort((a, b) => a - b);
    };
    const floor = time(false);
    const read = time(true);
    console.log(`script following (${commands.length} commands over package.json, a Makefile and script files, real filesystem): p50 ${ms(pct(read, 50))}, p99 ${ms(pct(read, 99))}; judged by name only (no probe): p50 ${ms(pct(floor, 50))}, p99 ${ms(pct(floor, 99))}; ratio p50 ${(pct(read, 50) / pct(floor, 50)).toFixed(1)}×`);
    const ok = pct(read, 99) <= DEFAULT_BUDGET_MS;
    console.log(`${ok ? 'PASS' : 'FAIL'}  script following p99 within the probe budget (${DEFAULT_BUDGET_MS} ms)`);
    return ok ? [] : ['script following p99 within the probe budget'];
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
}
