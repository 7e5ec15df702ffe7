// Bundles the extension, the webview script and the CLI/hook client with esbuild, and copies the
// two .wasm files the shell parser loads at run time next to them, and the codicon font and stylesheet
// the panel uses. `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const dist = join(root, 'dist');
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });
copyFileSync(require.resolve('web-tree-sitter/web-tree-sitter.wasm'), join(dist, 'web-tree-sitter.wasm'));
copyFileSync(require.resolve('tree-sitter-bash/tree-sitter-bash.wasm'), join(dist, 'tree-sitter-bash.wasm'));
// The panel's icons: the codicon font and its stylesheet (which loads ./codicon.ttf next to it).
for (const f of ['codicon.css', 'codicon.ttf']) copyFileSync(require.resolve(`@vscode/codicons/dist/${f}`), join(dist, f));
// The terminal guard's shell templates; the extension fills them in and writes them at activation.
mkdirSync(join(dist, 'shell'), { recursive: true });
for (const f of ['guard.bash', 'guard.zsh', 'guard.fish']) copyFileSync(join(root, 'src/shell', f), join(dist, 'shell', f));

const common = {
  bundle: true,
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
};
// The ESM build of web-tree-sitter reads import.meta.url, which a CommonJS bundle lacks.
const node = {
  ...common, platform: 'node', target: 'node20', format: 'cjs', external: ['vscode'],
  // Prefer ES module builds: jsonc-parser's UMD build loads its parts with a dynamic require.
  mainFields: ['module', 'main'],
  alias: { 'web-tree-sitter': join(dirname(require.resolve('web-tree-sitter')), 'web-tree-sitter.cjs') },
};
const builds = [
  { ...node, entryPoints: { extension: join(root, 'src/vscode/extension.ts') }, outdir: dist },
  { ...node, entryPoints: { cli: join(root, 'src/cli/main.ts') }, outdir: dist, banner: { js: '#!/usr/bin/env node' } },
  { ...node, entryPoints: { hook: join(root, 'src/cli/hook-main.ts') }, outdir: dist },
  { ...common, platform: 'browser', target: 'es2022', format: 'iife', entryPoints: { webview: join(root, 'src/webview/main.ts') }, outdir: dist },
];

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
  console.log('watching for changes…');
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
