// Loads tree-sitter-bash (WASM) and turns a command string into the simple commands it would run.
// The core never touches the filesystem: the caller hands over the two .wasm files as bytes.
import { Language, Parser } from 'web-tree-sitter';
import type { ParsedScript } from './command.js';
import { checkCoverage } from './coverage.js';
import { walkProgram, type WalkOptions } from './walker.js';

export interface ParserWasm {
  /** web-tree-sitter's runtime (web-tree-sitter.wasm). */
  readonly runtime: Uint8Array;
  /** The bash grammar (tree-sitter-bash.wasm). */
  readonly grammar: Uint8Array;
}

export interface ShellParser {
  parse(source: string, options?: WalkOptions): ParsedScript;
}

/** Deeply nested input could exhaust the walker's stack; bash itself would not need more. */
const MAX_SOURCE_LENGTH = 256 * 1024;

// tree-sitter-bash drops a lone `-` argument right before a heredoc (`kubectl apply -f - <<EOF`).
// Quoting it keeps bash's meaning and makes the grammar keep the word.
const LONE_DASH_BEFORE_HEREDOC = /(^|[ \t])-(?=[ \t]+<<)/gm;

let runtimeReady: Promise<void> | undefined;

export async function createShellParser(wasm: ParserWasm): Promise<ShellParser> {
  runtimeReady ??= Parser.init({ wasmBinary: wasm.runtime } as never);
  await runtimeReady;
  const language = await Language.load(wasm.grammar);
  const parser = new Parser();
  parser.setLanguage(language);

  const parseOnce = (source: string, options: WalkOptions | undefined): ParsedScript => {
    const tree = parser.parse(source);
    if (!tree) return { commands: [], problems: ['the parser returned no tree'] };
    try {
      const problems = checkCoverage(tree.rootNode, source);
      const walked = walkProgram(tree.rootNode, source, self, options);
      return { commands: walked.commands, problems: [...problems, ...walked.problems] };
    } finally {
      tree.delete();
    }
  };

  const self: ShellParser = {
    parse(source, options) {
      if (source.length > MAX_SOURCE_LENGTH) {
        return { commands: [], problems: [`command is ${source.length} characters; over the ${MAX_SOURCE_LENGTH} analysed`] };
      }
      const first = parseOnce(source, options);
      if (first.problems.length === 0 || !LONE_DASH_BEFORE_HEREDOC.test(source)) return first;
      LONE_DASH_BEFORE_HEREDOC.lastIndex = 0;
      const repaired = source.replace(LONE_DASH_BEFORE_HEREDOC, "$1'-'");
      const second = parseOnce(repaired, options);
      return second.problems.length === 0 ? second : first;
    },
  };
  return self;
}
