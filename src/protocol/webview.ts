// The one protocol between the extension and its webview. Everything that arrives from the
// webview is checked here at run time; the webview can ask, never decide or run commands.
import type { Assessment } from '../core/model.js';
import type { Decision } from '../core/policy/decide.js';

export interface PanelStatus {
  readonly policySource: string;
  readonly policyProblems: number;
  readonly workspace: string;
}

export type ToWebview =
  | { readonly type: 'status'; readonly status: PanelStatus }
  | { readonly type: 'assessment'; readonly assessment: Assessment; readonly decision: Decision };

export type FromWebview =
  | { readonly type: 'ready' }
  | { readonly type: 'assess'; readonly command: string };

const MAX_COMMAND = 256 * 1024;

export function parseFromWebview(value: unknown): FromWebview | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  switch (v.type) {
    case 'ready':
      return { type: 'ready' };
    case 'assess':
      return typeof v.command === 'string' && v.command.length <= MAX_COMMAND ? { type: 'assess', command: v.command } : undefined;
    default:
      return undefined;
  }
}

export function assertNever(x: never): never {
  throw new Error(`unexpected message ${JSON.stringify(x)}`);
}
