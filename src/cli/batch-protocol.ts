// The `assess --jsonl` line protocol: one request object in, one result object out, per line.
// Every input line is checked at run time; a bad line gets an error object and the batch goes on.
import type { Risk, Tag } from '../core/model.js';
import type { Action } from '../core/policy/policy.js';

export interface BatchRequest {
  readonly id: string | number;
  readonly command: string;
  readonly cwd?: string;
  readonly env?: Readonly<Record<string, string>>;
  readonly kubeContext?: string;
  readonly gitBranch?: string;
}

export interface BatchResult {
  readonly id: string | number;
  readonly risk: Risk;
  readonly action: Action;
  readonly tags: readonly Tag[];
  readonly summary: string;
  readonly rules: readonly string[];
}

export interface BatchError {
  readonly id: string | number | null;
  readonly error: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function parseBatchRequest(line: string): BatchRequest | BatchError {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (e) {
    return { id: null, error: `invalid JSON: ${(e as Error).message}` };
  }
  if (!isRecord(value)) return { id: null, error: 'each line must be a JSON object' };
  const id = typeof value.id === 'string' || typeof value.id === 'number' ? value.id : null;
  if (id === null) return { id: null, error: '"id" must be a string or a number' };
  if (typeof value.command !== 'string') return { id, error: '"command" must be a string' };
  for (const key of ['cwd', 'kubeContext', 'gitBranch'] as const) {
    if (value[key] !== undefined && typeof value[key] !== 'string') return { id, error: `"${key}" must be a string` };
  }
  let env: Record<string, string> | undefined;
  if (value.env !== undefined) {
    if (!isRecord(value.env) || !Object.values(value.env).every((v) => typeof v === 'string')) {
      return { id, error: '"env" must be an object of string values' };
    }
    env = value.env as Record<string, string>;
  }
  return {
    id, command: value.command, env,
    cwd: value.cwd as string | undefined, kubeContext: value.kubeContext as string | undefined, gitBranch: value.gitBranch as string | undefined,
  };
}

export const isBatchError = (v: BatchRequest | BatchError): v is BatchError => 'error' in v;
