// Everything an editor shows for a workspace `.airlock/policy.yaml`: its parse problems, plus one
// warning per loosening entry that is held back until a human accepts it, located at the key (or
// list item) it comes from so the Problems panel can point at the line.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { holdBackLoosening } from './loosening.js';
import { parsePolicyYaml, type Diagnostic } from './parse.js';

export const heldBackMessage = (entry: string): string =>
  `not applied: ${entry} loosens the defaults, and a policy file inside the workspace can only tighten them until a human accepts it`;

export function policyFileDiagnostics(text: string): Diagnostic[] {
  const parsed = parsePolicyYaml(text);
  if (!parsed.policy) return [...parsed.diagnostics];
  const { heldBack } = holdBackLoosening(parsed.policy);
  if (!heldBack.length) return [...parsed.diagnostics];
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  return [...parsed.diagnostics, ...heldBack.map((entry): Diagnostic => {
    const found = locateEntry(doc.contents as YamlNode | null, entry);
    const pos = found ? lineCounter.linePos(found.offset) : { line: 0, col: 0 };
    return { severity: 'warning', message: heldBackMessage(entry), line: pos.line, column: pos.col, path: found?.path ?? entry.split(':')[0]! };
  })];
}

/** `unreachable` is the older spelling of `whenEditorUnavailable`; either may hold the `ask` that is held back. */
const ALIASES: Readonly<Record<string, readonly string[]>> = { whenEditorUnavailable: ['whenEditorUnavailable', 'unreachable'] };

/**
 * Finds where a held-back entry (`actions.low: allow (…)`, `allow: "npm *" up to medium`,
 * `nonProduction.markers: "staging"`, `whenEditorUnavailable: ask (…)`) was written. For list entries
 * the quoted value picks the list item; otherwise the entry's dotted path names the key.
 */
export function locateEntry(root: YamlNode | null, entry: string): { offset: number; path: string } | undefined {
  const dotted = entry.split(':')[0]!;
  const candidates = ALIASES[dotted] ?? [dotted];
  const quoted = /^[^:]+: ("(?:[^"\\]|\\.)*")/.exec(entry)?.[1];
  const value = quoted === undefined ? undefined : (JSON.parse(quoted) as string);
  for (const candidate of candidates) {
    const keys = candidate.split('.');
    const pair = pairAt(root, keys);
    if (!pair) continue;
    if (ALIASES[dotted] && !(isScalar(pair.value) && pair.value.value === 'ask')) continue;
    if (value !== undefined && isSeq(pair.value)) {
      const i = pair.value.items.findIndex((item) => itemText(item) === value);
      const at = i >= 0 ? (pair.value.items[i] as YamlNode).range?.[0] : undefined;
      if (at !== undefined) return { offset: at, path: `${candidate}.${i}` };
    }
    const at = pair.key.range?.[0];
    if (at !== undefined) return { offset: at, path: candidate };
  }
  return undefined;
}

function pairAt(root: YamlNode | null, keys: readonly string[]): { key: YamlNode; value: unknown } | undefined {
  let node: unknown = root;
  let found: { key: YamlNode; value: unknown } | undefined;
  for (const k of keys) {
    if (!isMap(node)) return undefined;
    const pair = node.items.find((p) => isScalar(p.key) && p.key.value === k);
    if (!pair) return undefined;
    found = { key: pair.key as YamlNode, value: pair.value };
    node = pair.value;
  }
  return found;
}

/** The text a list item stands for: a plain string (markers, short allow form) or an allow entry's `command`. */
function itemText(item: unknown): string | undefined {
  if (isScalar(item)) return typeof item.value === 'string' ? item.value.trim() : undefined;
  if (isMap(item)) {
    const command = item.items.find((p) => isScalar(p.key) && p.key.value === 'command')?.value;
    return isScalar(command) && typeof command.value === 'string' ? command.value.trim() : undefined;
  }
  return undefined;
}
