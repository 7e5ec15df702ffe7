// Parses `.airlock/policy.yaml` (or the equivalent settings object) into a Policy plus diagnostics
// with line and column. Principle: invalid input never loosens anything — a bad value falls back
// to the default or to something stricter, never to something looser, and always says so.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { RISKS, TAGS, riskRank, type Risk, type Tag } from '../model.js';
import {
  ACTIONS, DEFAULT_POLICY, UNREACHABLE_MODES, stricterAction,
  type Action, type AllowPattern, type CustomRule, type Policy, type UnreachableMode,
} from './policy.js';

export interface Diagnostic {
  readonly severity: 'error' | 'warning';
  readonly message: string;
  /** 1-based; 0 when the input had no position (a settings object). */
  readonly line: number;
  readonly column: number;
  /** Dotted path of the offending key, e.g. `actions.high`. */
  readonly path: string;
}

export interface PolicyParseResult {
  /** Undefined when the document could not be read at all: the caller keeps its last good policy. */
  readonly policy: Policy | undefined;
  readonly diagnostics: readonly Diagnostic[];
}

type Locate = (path: readonly (string | number)[]) => { line: number; column: number };

/** Larger than any hand-written policy: bigger files are refused before parsing, so they cannot stall the host. */
export const MAX_POLICY_BYTES = 256 * 1024;

export function parsePolicyYaml(text: string): PolicyParseResult {
  if (text.length > MAX_POLICY_BYTES) {
    return { policy: undefined, diagnostics: [{ severity: 'error', message: `the policy file is ${Math.round(text.length / 1024)} KiB; the limit is ${MAX_POLICY_BYTES / 1024} KiB, so it was not read`, line: 0, column: 0, path: '' }] };
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const diagnostics: Diagnostic[] = [];
  for (const e of doc.errors) {
    const pos = lineCounter.linePos(e.pos[0]);
    diagnostics.push({ severity: 'error', message: e.message.split('\n')[0]!, line: pos.line, column: pos.col, path: '' });
  }
  if (doc.errors.length) return { policy: undefined, diagnostics };
  const locate: Locate = (path) => {
    const node = doc.getIn(path, true) as YamlNode | undefined;
    const parentKey = path.length ? locateKey(doc.contents as YamlNode, path) : undefined;
    const offset = parentKey ?? node?.range?.[0] ?? 0;
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    // An alias bomb (`&a […] *a *a …`) stops here with a diagnostic instead of failing every command.
    return { policy: undefined, diagnostics: [{ severity: 'error', message: `the policy cannot be expanded: ${(e as Error).message}`, line: 0, column: 0, path: '' }] };
  }
  if (value === null || value === undefined) return { policy: DEFAULT_POLICY, diagnostics };
  const result = parsePolicyObject(value, locate);
  return { policy: result.policy, diagnostics: [...diagnostics, ...result.diagnostics] };
}

/** Finds the offset of the key node for `path`, so a diagnostic points at the key the user wrote. */
function locateKey(root: YamlNode, path: readonly (string | number)[]): number | undefined {
  let node: unknown = root;
  let offset: number | undefined;
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && p.key.value === seg);
      if (!pair) return offset;
      offset = (pair.key as YamlNode).range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg] as YamlNode | undefined;
      offset = item?.range?.[0] ?? offset;
      node = item;
    } else return offset;
  }
  return offset;
}

const KNOWN_KEYS = new Set(['version', 'actions', 'protectedPaths', 'production', 'nonProduction', 'allow', 'rules', 'codeFreeze', 'whenEditorUnavailable', 'unreachable', 'approvalTimeoutSeconds']);

/** Validates an already-decoded object (from YAML or from VS Code settings). */
export function parsePolicyObject(input: unknown, locate: Locate = () => ({ line: 0, column: 0 })): { policy: Policy; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const report = (path: (string | number)[], message: string, severity: Diagnostic['severity'] = 'error') => {
    const pos = locate(path);
    diagnostics.push({ severity, message, line: pos.line, column: pos.column, path: path.join('.') });
  };
  if (!isRecord(input)) {
    report([], 'the policy must be a mapping of keys to values');
    return { policy: DEFAULT_POLICY, diagnostics };
  }
  for (const key of Object.keys(input)) if (!KNOWN_KEYS.has(key)) report([key], `unknown key "${key}" is ignored`, 'warning');
  if (input.version !== undefined && input.version !== 1) report(['version'], `unsupported policy version ${JSON.stringify(input.version)}; reading it as version 1`, 'warning');

  const actions = { ...DEFAULT_POLICY.actions };
  if (input.actions !== undefined) {
    if (!isRecord(input.actions)) report(['actions'], 'actions must map risk levels (low, medium, high, critical) to allow, ask, confirm or deny');
    else {
      for (const [risk, action] of Object.entries(input.actions)) {
        if (!(RISKS as readonly string[]).includes(risk)) { report(['actions', risk], `unknown risk level "${risk}"`); continue; }
        const r = risk as Risk;
        if (typeof action !== 'string' || !(ACTIONS as readonly string[]).includes(action)) {
          // Unknown action: use the stricter of the default and "ask", so a typo never opens the gate.
          actions[r] = stricterAction(DEFAULT_POLICY.actions[r], 'ask');
          report(['actions', risk], `"${String(action)}" is not an action (allow, ask, confirm, deny); using "${actions[r]}"`);
          continue;
        }
        if (r === 'critical' && action === 'allow') {
          actions[r] = 'ask';
          report(['actions', risk], 'critical risk can never be allowed without a human; using "ask"');
          continue;
        }
        actions[r] = action as Action;
      }
    }
  }
  // The levels must stay monotonic: a riskier command is never treated more leniently.
  for (let i = 1; i < RISKS.length; i++) {
    const lower = actions[RISKS[i - 1]!], cur = actions[RISKS[i]!];
    if (stricterAction(lower, cur) !== cur) {
      actions[RISKS[i]!] = lower;
      report(['actions', RISKS[i]!], `${RISKS[i]} is looser than ${RISKS[i - 1]}; using "${lower}"`, 'warning');
    }
  }

  const protectedPaths = stringList(input.protectedPaths, ['protectedPaths'], report);
  const production = isRecord(input.production) ? input.production : {};
  if (input.production !== undefined && !isRecord(input.production)) report(['production'], 'production must be a mapping (markers, kubeContexts, branches)');
  const nonProduction = isRecord(input.nonProduction) ? input.nonProduction : {};
  if (input.nonProduction !== undefined && !isRecord(input.nonProduction)) report(['nonProduction'], 'nonProduction must be a mapping (markers)');

  const policy: Policy = {
    version: 1,
    actions,
    protectedPaths,
    production: {
      markers: [...stringList(production.markers, ['production', 'markers'], report), ...stringList(production.hosts, ['production', 'hosts'], report)],
      kubeContexts: stringList(production.kubeContexts, ['production', 'kubeContexts'], report),
      branches: production.branches === undefined ? DEFAULT_POLICY.production.branches
        : [...new Set([...DEFAULT_POLICY.production.branches, ...stringList(production.branches, ['production', 'branches'], report)])],
    },
    nonProduction: { markers: stringList(nonProduction.markers, ['nonProduction', 'markers'], report) },
    allow: allowPatterns(input.allow, report),
    rules: customRules(input.rules, report),
    codeFreeze: booleanField(input.codeFreeze, ['codeFreeze'], DEFAULT_POLICY.codeFreeze, report, true),
    whenEditorUnavailable: whenUnavailable(input, report),
    approvalTimeoutSeconds: timeoutField(input.approvalTimeoutSeconds, report),
  };
  return { policy, diagnostics };
}

/** `unreachable` is the older spelling of `whenEditorUnavailable`; when both are set the stricter wins. */
function whenUnavailable(input: Record<string, unknown>, report: Report): UnreachableMode {
  const read = (key: string) => enumField(input[key], [key], UNREACHABLE_MODES, DEFAULT_POLICY.whenEditorUnavailable, report) as UnreachableMode;
  const current = input.whenEditorUnavailable === undefined ? undefined : read('whenEditorUnavailable');
  const older = input.unreachable === undefined ? undefined : read('unreachable');
  if (current === undefined) return older ?? DEFAULT_POLICY.whenEditorUnavailable;
  return stricterMode(current, older);
}

function stricterMode(a: UnreachableMode, b: UnreachableMode | undefined): UnreachableMode {
  if (b === undefined || a === b) return a;
  // `ask` hands high and critical to the agent's own prompt; the other two deny them.
  return a === 'ask' ? b : b === 'ask' ? a : 'deny';
}

type Report = (path: (string | number)[], message: string, severity?: Diagnostic['severity']) => void;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function stringList(v: unknown, path: (string | number)[], report: Report): string[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) { report(path, 'expected a list of strings'); return []; }
  const out: string[] = [];
  v.forEach((item, i) => {
    if (typeof item === 'string' && item.trim()) out.push(item.trim());
    else report([...path, i], 'expected a non-empty string');
  });
  return out;
}

function booleanField(v: unknown, path: string[], fallback: boolean, report: Report, invalidMeans: boolean): boolean {
  if (v === undefined) return fallback;
  if (typeof v === 'boolean') return v;
  report(path, `expected true or false; using ${invalidMeans} (the stricter choice)`);
  return invalidMeans;
}

function enumField(v: unknown, path: string[], allowed: readonly string[], fallback: string, report: Report): string {
  if (v === undefined) return fallback;
  if (typeof v === 'string' && allowed.includes(v)) return v;
  report(path, `expected one of ${allowed.join(', ')}; using "${fallback}"`);
  return fallback;
}

function timeoutField(v: unknown, report: Report): number {
  if (v === undefined) return DEFAULT_POLICY.approvalTimeoutSeconds;
  if (typeof v === 'number' && Number.isFinite(v) && v >= 5 && v <= 3600) return Math.round(v);
  report(['approvalTimeoutSeconds'], `expected a number of seconds between 5 and 3600; using ${DEFAULT_POLICY.approvalTimeoutSeconds}`);
  return DEFAULT_POLICY.approvalTimeoutSeconds;
}

function allowPatterns(v: unknown, report: Report): AllowPattern[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) { report(['allow'], 'expected a list of {command, upTo} entries'); return []; }
  const out: AllowPattern[] = [];
  v.forEach((item, i) => {
    const entry = typeof item === 'string' ? { command: item } : item;
    if (!isRecord(entry) || typeof entry.command !== 'string' || !entry.command.trim()) {
      report(['allow', i], 'an allow entry needs a "command" glob');
      return;
    }
    if (/^[\s*?]*$/.test(entry.command)) {
      report(['allow', i, 'command'], 'an allow pattern must name a command; a bare wildcard would allow everything');
      return;
    }
    const upTo = entry.upTo ?? 'medium';
    if (upTo === 'critical') { report(['allow', i, 'upTo'], 'allow patterns can never allow critical commands; using "high"'); }
    const level = upTo === 'critical' ? 'high' : upTo;
    if (typeof level !== 'string' || !['low', 'medium', 'high'].includes(level)) {
      report(['allow', i, 'upTo'], 'upTo must be low, medium or high; using "medium"');
      out.push({ command: entry.command.trim(), upTo: 'medium' });
      return;
    }
    out.push({ command: entry.command.trim(), upTo: level as AllowPattern['upTo'] });
  });
  return out;
}

const RULE_ID = /^[a-z0-9][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)+$/;

function customRules(v: unknown, report: Report): CustomRule[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) { report(['rules'], 'expected a list of rules'); return []; }
  const out: CustomRule[] = [];
  v.forEach((item, i) => {
    if (!isRecord(item)) { report(['rules', i], 'a rule must be a mapping'); return; }
    const id = typeof item.id === 'string' ? item.id : '';
    if (!RULE_ID.test(id)) { report(['rules', i, 'id'], 'a rule needs an id like "custom.my-rule" (lower-case, dotted)'); return; }
    const programs = typeof item.program === 'string' ? [item.program] : stringList(item.programs, ['rules', i, 'programs'], report);
    if (!programs.length) { report(['rules', i], `rule ${id} needs "program" or "programs"`); return; }
    const risk = item.risk;
    if (typeof risk !== 'string' || !(RISKS as readonly string[]).includes(risk)) {
      report(['rules', i, 'risk'], `rule ${id} needs a risk: low, medium, high or critical`);
      return;
    }
    let argsPattern: string | undefined;
    if (item.args !== undefined) {
      if (typeof item.args !== 'string') { report(['rules', i, 'args'], 'args must be a regular expression string'); return; }
      try { new RegExp(item.args); argsPattern = item.args; } catch (e) {
        report(['rules', i, 'args'], `invalid regular expression: ${(e as Error).message}`);
        return;
      }
    }
    const tags = stringList(item.tags, ['rules', i, 'tags'], report).filter((t) => {
      if ((TAGS as readonly string[]).includes(t)) return true;
      report(['rules', i, 'tags'], `unknown tag "${t}"`, 'warning');
      return false;
    }) as Tag[];
    out.push({
      id, programs, argsPattern, risk: risk as Risk, tags,
      summary: typeof item.summary === 'string' && item.summary ? item.summary : `matches the workspace rule ${id}`,
    });
  });
  return out.sort((a, b) => riskRank(b.risk) - riskRank(a.risk));
}
