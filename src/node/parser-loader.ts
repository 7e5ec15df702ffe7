// Loads the shell parser from the .wasm files shipped next to the bundle (dist/), or from
// node_modules when running from source (tests, benchmarks).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { createShellParser, type ShellParser } from '../core/shell/parser.js';

const WASM_FILES = { runtime: 'web-tree-sitter.wasm', grammar: 'tree-sitter-bash.wasm' } as const;

function locate(file: string, packagePath: string, dir: string): string {
  const beside = join(dir, file);
  if (existsSync(beside)) return beside;
  return createRequire(join(dir, 'noop.js')).resolve(packagePath);
}

let cached: Promise<ShellParser> | undefined;

/** `dir` is where the bundle lives; the .wasm files are copied there by the build. */
export function loadShellParser(dir: string = __dirname): Promise<ShellParser> {
  cached ??= createShellParser({
    runtime: readFileSync(locate(WASM_FILES.runtime, 'web-tree-sitter/web-tree-sitter.wasm', dir)),
    grammar: readFileSync(locate(WASM_FILES.grammar, 'tree-sitter-bash/tree-sitter-bash.wasm', dir)),
  });
  return cached;
}
