// A human's acceptance of a workspace policy file's exact text. Kept outside the workspace (in the
// state directory), so an agent that can edit the workspace cannot accept its own loosening; and
// keyed by the text's hash, so any edit after the acceptance makes the file pending again.
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { holdBackLoosening } from '../core/policy/loosening.js';
import { parsePolicyYaml } from '../core/policy/parse.js';
import { appendAudit, sha256 } from './audit-log.js';
import { ensurePrivateDir, stateDir } from './runtime-dir.js';

export interface PolicyAcceptance {
  /** The policy file's absolute path. */
  readonly file: string;
  /** sha256 of the accepted text. */
  readonly sha256: string;
  readonly acceptedAt: string;
  readonly text: string;
}

export function acceptancePath(file: string, env: NodeJS.ProcessEnv = process.env): string {
  return join(stateDir(env), 'accepted-policies', `${sha256(resolve(file))}.json`);
}

export function readAcceptance(file: string, env?: NodeJS.ProcessEnv): PolicyAcceptance | undefined {
  try {
    const v = JSON.parse(readFileSync(acceptancePath(file, env), 'utf8')) as Partial<PolicyAcceptance>;
    if (typeof v.sha256 !== 'string' || typeof v.text !== 'string' || typeof v.acceptedAt !== 'string') return undefined;
    if (sha256(v.text) !== v.sha256) return undefined; // a record that contradicts itself accepts nothing
    return { file: resolve(file), sha256: v.sha256, acceptedAt: v.acceptedAt, text: v.text };
  } catch {
    return undefined;
  }
}

/** Whether `text` is exactly the text a human accepted for `file`. */
export function isAccepted(file: string, text: string, env?: NodeJS.ProcessEnv): boolean {
  return readAcceptance(file, env)?.sha256 === sha256(text);
}

/** Modification time of the acceptance record (-1 when there is none): lets callers cache on it. */
export function acceptanceStamp(file: string, env?: NodeJS.ProcessEnv): number {
  try {
    return statSync(acceptancePath(file, env)).mtimeMs;
  } catch {
    return -1;
  }
}

/** Stores the acceptance of `text` for `file`, atomically and readable only by this user. */
export function storeAcceptance(file: string, text: string, env?: NodeJS.ProcessEnv, now = new Date()): PolicyAcceptance {
  const record: PolicyAcceptance = { file: resolve(file), sha256: sha256(text), acceptedAt: now.toISOString(), text };
  const target = acceptancePath(file, env);
  mkdirSync(stateDir(env), { recursive: true, mode: 0o700 });
  ensurePrivateDir(dirname(target));
  const tmp = `${target}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(tmp, JSON.stringify(record, null, 2) + '\n', { mode: 0o600 });
  renameSync(tmp, target);
  return record;
}

/** The loosening entries of a policy text that wait for a human (empty when it only tightens or does not parse). */
export function looseningEntries(text: string): readonly string[] {
  const policy = parsePolicyYaml(text).policy;
  return policy ? holdBackLoosening(policy).heldBack : [];
}

/**
 * What happens after a human clicked "Accept": the acceptance is stored outside the workspace and
 * a `policy-change` record naming the file, the text's hash and the accepted entries is audited.
 * The audit record is written first, so an acceptance never takes effect unrecorded.
 */
export function acceptPolicy(file: string, text: string, auditFile: string, env?: NodeJS.ProcessEnv): PolicyAcceptance {
  const entries = looseningEntries(text);
  const abs = resolve(file);
  appendAudit(auditFile, { kind: 'policy-change', note: `accepted ${abs} (sha256 ${sha256(text)}): ${entries.length ? entries.join('; ') : 'no loosening entries'}` }, env);
  return storeAcceptance(abs, text, env);
}
