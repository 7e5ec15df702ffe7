// Fail-closed checks on the syntax tree. tree-sitter never throws: it recovers silently, so a
// command it mis-read looks like a harmless one unless we check that every character was understood.
import type { Node } from 'web-tree-sitter';

/** Nodes whose text is all content even where they have children (heredoc text between expansions). */
const WHOLE_SPAN = new Set(['heredoc_body', 'string_content', 'raw_string', 'ansi_c_string', 'comment', 'word']);
const MAX_PROBLEMS = 5;

export function checkCoverage(root: Node, source: string): string[] {
  const problems: string[] = [];
  const covered = new Uint8Array(source.length);
  const cursor = root.walk();
  const visit = (): void => {
    const type = cursor.nodeType;
    const node = cursor.currentNode;
    if (node.isMissing) problems.push(`missing ${type} at ${describe(source, cursor.startIndex)}`);
    else if (type === 'ERROR') problems.push(`syntax error at ${describe(source, cursor.startIndex)}`);
    else if (type === 'heredoc_start' && /[;&|<>()]/.test(node.text)) {
      problems.push(`heredoc delimiter ${JSON.stringify(node.text)} contains an operator`);
    }
    if (WHOLE_SPAN.has(type) || node.childCount === 0) covered.fill(1, cursor.startIndex, cursor.endIndex);
    if (cursor.gotoFirstChild()) {
      do visit();
      while (cursor.gotoNextSibling());
      cursor.gotoParent();
    }
  };
  try {
    visit();
  } finally {
    cursor.delete();
  }

  for (let i = 0; i < source.length && problems.length < MAX_PROBLEMS; i++) {
    if (covered[i]) continue;
    const ch = source[i]!;
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') continue;
    if (ch === '\\' && source[i + 1] === '\n') {
      i++;
      continue;
    }
    let end = i;
    while (end < source.length && !covered[end] && !/\s/.test(source[end]!)) end++;
    problems.push(`text the parser did not account for: ${JSON.stringify(source.slice(i, end))} at ${describe(source, i)}`);
    i = end;
  }
  return problems.slice(0, MAX_PROBLEMS);
}

function describe(source: string, index: number): string {
  const before = source.slice(0, index);
  const line = before.split('\n').length;
  const column = index - before.lastIndexOf('\n');
  return `line ${line}, column ${column}`;
}
