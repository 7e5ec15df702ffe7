// Bundles the editor test suites with esbuild into out/ (git-ignored):
//   test/integration/*.ts -> out/integration/*.js  (mocha inside the VS Code extension host; `vscode` and `mocha` external)
//   test/e2e/*.ts         -> out/e2e/*.js          (mocha in Node, driving the browser; `playwright-core` and `mocha` external)
import * as esbuild from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entries = (dir) =>
  readdirSync(join(root, dir))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => join(root, dir, f));

const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', sourcemap: 'inline', logLevel: 'warning' };
for (const d of ['integration', 'e2e']) rmSync(join(root, 'out', d), { recursive: true, force: true });
await Promise.all([
  esbuild.build({ ...common, entryPoints: entries('test/integration'), outdir: join(root, 'out', 'integration'), external: ['vscode', 'mocha'] }),
  esbuild.build({ ...common, entryPoints: entries('test/e2e'), outdir: join(root, 'out', 'e2e'), external: ['playwright-core', 'mocha'] }),
]);
