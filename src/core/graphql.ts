// A small, tolerant GraphQL reader: which operations a request body carries, their root fields and
// the literal arguments, and which of those fields mean deletion. It never throws and never
// backtracks: request bodies written by agents are often partial or spliced with shell variables.
import { DESTRUCTIVE_VERBS, splitWords } from './generic/vocabulary.js';

export type OperationType = 'query' | 'mutation' | 'subscription';

export interface GraphqlArgument {
  readonly name: string;
  /** The literal value, or undefined when the argument is a variable or an object/list. */
  readonly value?: string;
  /** The variable name for `name: $var`. */
  readonly variable?: string;
}

export interface GraphqlField {
  readonly name: string;
  readonly alias?: string;
  /** Arguments found anywhere inside the field's parentheses (nested input objects included). */
  readonly args: readonly GraphqlArgument[];
}

export interface GraphqlOperation {
  readonly type: OperationType;
  readonly name?: string;
  readonly fields: readonly GraphqlField[];
}

export interface GraphqlRequest {
  readonly operations: readonly GraphqlOperation[];
  /** Variables from the JSON body, flattened to string values by key (`input.volumeId` → `volumeId`). */
  readonly variables: ReadonlyMap<string, string>;
}

const MAX_DOCUMENT = 64 * 1024;
const NAME_START = /[_A-Za-z]/;
const NAME_CHAR = /[_0-9A-Za-z]/;

type Token = { readonly kind: 'name' | 'punct' | 'string' | 'other'; readonly text: string };

function tokenize(doc: string): Token[] {
  const out: Token[] = [];
  const src = doc.length > MAX_DOCUMENT ? doc.slice(0, MAX_DOCUMENT) : doc;
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === ',' || c === '\uFEFF') { i++; continue; }
    if (c === '#') { while (i < src.length && src[i] !== '\n') i++; continue; }
    if (c === '"') {
      if (src.startsWith('"""', i)) {
        const end = src.indexOf('"""', i + 3);
        const stop = end < 0 ? src.length : end;
        out.push({ kind: 'string', text: src.slice(i + 3, stop) });
        i = stop + 3;
        continue;
      }
      let j = i + 1;
      let text = '';
      while (j < src.length && src[j] !== '"' && src[j] !== '\n') {
        if (src[j] === '\\' && j + 1 < src.length) { text += src[j + 1]; j += 2; continue; }
        text += src[j];
        j++;
      }
      out.push({ kind: 'string', text });
      i = j + 1;
      continue;
    }
    if (NAME_START.test(c)) {
      let j = i + 1;
      while (j < src.length && NAME_CHAR.test(src[j]!)) j++;
      out.push({ kind: 'name', text: src.slice(i, j) });
      i = j;
      continue;
    }
    if (c === '.' && src.startsWith('...', i)) { out.push({ kind: 'punct', text: '...' }); i += 3; continue; }
    if ('{}()[]:$!@=|&'.includes(c)) { out.push({ kind: 'punct', text: c }); i++; continue; }
    let j = i + 1;
    while (j < src.length && /[-+.0-9eE]/.test(src[j]!)) j++;
    out.push({ kind: 'other', text: src.slice(i, j) });
    i = j;
  }
  return out;
}

/** Index just past the group opened at `start` (`{`, `(` or `[`), or the end when unbalanced. */
function skipGroup(tokens: readonly Token[], start: number): number {
  const open = tokens[start]!.text;
  const close = open === '{' ? '}' : open === '(' ? ')' : ']';
  let depth = 0;
  for (let i = start; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== 'punct') continue;
    if (t.text === open) depth++;
    else if (t.text === close && --depth === 0) return i + 1;
  }
  return tokens.length;
}

function skipDirectives(tokens: readonly Token[], i: number): number {
  while (tokens[i]?.text === '@' && tokens[i + 1]?.kind === 'name') {
    i += 2;
    if (tokens[i]?.text === '(') i = skipGroup(tokens, i);
  }
  return i;
}

function readArguments(tokens: readonly Token[], from: number, to: number): GraphqlArgument[] {
  const out: GraphqlArgument[] = [];
  for (let i = from; i < to - 2; i++) {
    const t = tokens[i]!;
    if (t.kind !== 'name' || tokens[i + 1]?.text !== ':') continue;
    const v = tokens[i + 2]!;
    if (v.kind === 'string' || v.kind === 'other') out.push({ name: t.text, value: v.text });
    else if (v.text === '$' && tokens[i + 3]?.kind === 'name') out.push({ name: t.text, variable: tokens[i + 3]!.text });
    else if (v.kind === 'name' && v.text !== 'true' && v.text !== 'false' && v.text !== 'null') out.push({ name: t.text, value: v.text });
  }
  return out;
}

/** Root fields of the selection set opening at `start`; returns them and the index past the set. */
function readSelection(tokens: readonly Token[], start: number, fragments: ReadonlyMap<string, number>, seen = 0): [GraphqlField[], number] {
  const fields: GraphqlField[] = [];
  let i = start + 1;
  while (i < tokens.length) {
    const t = tokens[i]!;
    if (t.text === '}' && t.kind === 'punct') return [fields, i + 1];
    if (t.text === '...') {
      // Inline fragment (`... on Mutation { … }`) or named spread: their fields are root fields too.
      let j = i + 1;
      if (tokens[j]?.text === 'on') j += 2;
      else if (tokens[j]?.kind === 'name') {
        const at = fragments.get(tokens[j]!.text);
        if (at !== undefined && seen < 8) fields.push(...readSelection(tokens, at, fragments, seen + 1)[0]);
        i = skipDirectives(tokens, j + 1);
        continue;
      }
      j = skipDirectives(tokens, j);
      if (tokens[j]?.text === '{') {
        const [inner, next] = readSelection(tokens, j, fragments, seen + 1);
        fields.push(...inner);
        i = next;
      } else i = j;
      continue;
    }
    if (t.kind !== 'name') { i++; continue; }
    let name = t.text;
    let alias: string | undefined;
    i++;
    if (tokens[i]?.text === ':' && tokens[i + 1]?.kind === 'name') {
      alias = name;
      name = tokens[i + 1]!.text;
      i += 2;
    }
    let args: GraphqlArgument[] = [];
    if (tokens[i]?.text === '(') {
      const end = skipGroup(tokens, i);
      args = readArguments(tokens, i + 1, end);
      i = end;
    }
    i = skipDirectives(tokens, i);
    if (tokens[i]?.text === '{') i = skipGroup(tokens, i);
    fields.push({ name, alias, args });
  }
  return [fields, i];
}

/** Operations in a GraphQL document. Anonymous `{ … }` is a query. */
export function parseGraphqlDocument(doc: string): GraphqlOperation[] {
  const tokens = tokenize(doc);
  const fragments = new Map<string, number>();
  for (let i = 0; i < tokens.length - 2; i++) {
    if (tokens[i]!.text === 'fragment' && tokens[i + 1]!.kind === 'name' && (i === 0 || tokens[i - 1]!.text === '}')) {
      const open = tokens.findIndex((t, k) => k > i && t.text === '{');
      if (open > 0) fragments.set(tokens[i + 1]!.text, open);
    }
  }
  const ops: GraphqlOperation[] = [];
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i]!;
    if (t.kind === 'punct' && t.text === '{') {
      const [fields, next] = readSelection(tokens, i, fragments);
      ops.push({ type: 'query', fields });
      i = next;
      continue;
    }
    if (t.kind === 'name' && (t.text === 'query' || t.text === 'mutation' || t.text === 'subscription')) {
      let j = i + 1;
      let name: string | undefined;
      if (tokens[j]?.kind === 'name') name = tokens[j++]!.text;
      if (tokens[j]?.text === '(') j = skipGroup(tokens, j);
      j = skipDirectives(tokens, j);
      if (tokens[j]?.text === '{') {
        const [fields, next] = readSelection(tokens, j, fragments);
        ops.push({ type: t.text, name, fields });
        i = next;
      } else i = j;
      continue;
    }
    if (t.kind === 'name' && t.text === 'fragment') {
      const open = tokens.findIndex((x, k) => k > i && x.text === '{');
      i = open < 0 ? tokens.length : skipGroup(tokens, open);
      continue;
    }
    i++;
  }
  return ops;
}

const QUERY_KEY = /"(?:query|mutation)"\s*:\s*"((?:[^"\\]|\\.)*)"/g;
const VARIABLE_PAIR = /"([_A-Za-z][\w-]*)"\s*:\s*(?:"((?:[^"\\]|\\.)*)"|(-?\d[\d.]*))/g;

function unescapeJsonString(s: string): string {
  try {
    return JSON.parse(`"${s}"`) as string;
  } catch {
    return s.replace(/\\(["\\/])/g, '$1').replace(/\\n/g, '\n').replace(/\\t/g, '\t');
  }
}

function flatten(value: unknown, into: Map<string, string>, depth = 0): void {
  if (depth > 6 || value === null || typeof value !== 'object') return;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (typeof v === 'string' || typeof v === 'number') { if (!into.has(k)) into.set(k, String(v)); }
    else flatten(v, into, depth + 1);
  }
}

/** True when the text looks like a GraphQL document rather than JSON or a form. */
const LOOKS_GRAPHQL = /^\s*(?:(?:query|mutation|subscription|fragment)\b|\{\s*[_A-Za-z])/;

/**
 * Reads the GraphQL operations out of a request body: a JSON object with "query" (and "variables"),
 * a batch array, a form-encoded `query=…`, or a bare document (application/graphql).
 */
export function parseGraphqlBody(body: string): GraphqlRequest | undefined {
  const text = body.length > MAX_DOCUMENT ? body.slice(0, MAX_DOCUMENT) : body;
  const variables = new Map<string, string>();
  const documents: string[] = [];
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    let json: unknown;
    try { json = JSON.parse(trimmed); } catch { json = undefined; }
    if (json !== undefined) {
      for (const item of Array.isArray(json) ? json : [json]) {
        if (!item || typeof item !== 'object') continue;
        const o = item as Record<string, unknown>;
        const q = o.query ?? o.mutation;
        if (typeof q === 'string') documents.push(q);
        let vars = o.variables;
        if (typeof vars === 'string') { try { vars = JSON.parse(vars); } catch { /* leave */ } }
        flatten(vars, variables);
        if (typeof o.operations === 'string') {
          const nested = parseGraphqlBody(o.operations);
          if (nested) return nested;
        }
      }
    } else {
      // Not valid JSON (shell variables spliced in, trailing text): find the fields by pattern.
      for (const m of trimmed.matchAll(QUERY_KEY)) documents.push(unescapeJsonString(m[1]!));
      const varsAt = trimmed.search(/"variables"\s*:/);
      if (varsAt >= 0) for (const m of trimmed.slice(varsAt).matchAll(VARIABLE_PAIR)) if (!variables.has(m[1]!)) variables.set(m[1]!, m[2] !== undefined ? unescapeJsonString(m[2]) : m[3]!);
    }
    if (!documents.length && LOOKS_GRAPHQL.test(trimmed) && !/^\s*\{\s*"/.test(trimmed)) documents.push(trimmed);
  } else {
    const form = /(?:^|&)query=([^&]*)/.exec(trimmed);
    if (form) {
      try { documents.push(decodeURIComponent(form[1]!.replace(/\+/g, ' '))); } catch { documents.push(form[1]!); }
    } else if (LOOKS_GRAPHQL.test(trimmed)) documents.push(trimmed);
  }
  const operations = documents.flatMap(parseGraphqlDocument);
  if (!operations.some((o) => o.type === 'mutation')) {
    // Anything else that carries a mutation (a jq filter, a JS object literal, escaped JSON):
    // read the document from the keyword on; the tokenizer tolerates the trailing noise.
    const at = trimmed.search(/\bmutation\b/);
    if (at >= 0) {
      const fallback = parseGraphqlDocument(trimmed.slice(at).replace(/\\"/g, '"')).filter((o) => o.type === 'mutation');
      if (fallback.length) return { operations: fallback, variables };
    }
  }
  if (!operations.length) return undefined;
  return { operations, variables };
}

/** Words of a field name: `volumeInstanceBackupDelete` → volume, instance, backup, delete. */
const WORDS_CACHE = new Map<string, string[]>();

export function fieldWords(name: string): string[] {
  const hit = WORDS_CACHE.get(name);
  if (hit) return hit;
  const words = splitWords(name);
  if (WORDS_CACHE.size > 512) WORDS_CACHE.clear();
  WORDS_CACHE.set(name, words);
  return words;
}


/** Verbs that mean a mutation destroys something. */
/** The destructive verb in a field name, if any (`volumeDelete` → delete, `deleteRepository` → delete). */
export function destructiveVerb(fieldName: string): string | undefined {
  return fieldWords(fieldName).find((w) => DESTRUCTIVE_VERBS.has(w) || /^(delete|destroy|remove|drop|purge|wipe|erase|truncate)/.test(w));
}

/** The value of an argument, following `$variables` into the request's variables. */
export function argumentValue(arg: GraphqlArgument, variables: ReadonlyMap<string, string>): string | undefined {
  if (arg.value !== undefined) return arg.value;
  if (arg.variable !== undefined) return variables.get(arg.variable);
  return undefined;
}
