// Which credentials a command USES, in the terms a discovery can be matched on: variable names,
// files, and literal tokens. Built on what src/core/credentials.ts already found for each step
// (`$TOKEN`, `$(cat .railway-token)`, `TOKEN=… cmd`), plus the `--token-file x` kind of option.
import { isSecretVariable } from '../credentials.js';
import { REDACTED } from '../redact.js';
import { resolveFile, stepDirectories, type AssessedCommand } from './assessed-command.js';
import { commandWords } from './command-text.js';
import { discoveryStepIndexes } from './discovery.js';

export type CredentialUse =
  | { readonly kind: 'name'; readonly name: string; readonly step: number }
  /** `shown` is the path as written; `path` is resolved against the step's directory. */
  | { readonly kind: 'file'; readonly path: string; readonly shown: string; readonly step: number }
  /** A value written into the command that redaction recognised as a token (it is never kept). */
  | { readonly kind: 'literal'; readonly step: number };

/** Options whose value is a file holding a credential. */
const FILE_OPTION = /^--?([\w-]*[-_])?(token|password|passwd|secret|secrets|key|keys|credential|credentials|auth|identity|env|netrc|cookie)[-_]?file$/i;
const FILE_OPTION_EXACT = new Set(['--kubeconfig', '--key', '--cert', '--private-key', '--service-account-key', '--credentials', '--netrc-file']);

export function usesIn(input: AssessedCommand): CredentialUse[] {
  const skip = discoveryStepIndexes(input);
  const dirs = stepDirectories(input);
  const out = new Map<string, CredentialUse>();
  const add = (key: string, use: CredentialUse) => { if (!out.has(key)) out.set(key, use); };
  input.assessment.steps.forEach((step, i) => {
    if (skip.has(i)) return;
    const file = (shown: string) => {
      const path = resolveFile(shown, dirs[i], input.home);
      add(`file:${path}`, { kind: 'file', path, shown, step: i });
    };
    for (const c of step.credentials) {
      if (c.kind === 'env' || (c.kind === 'inline' && /^[A-Za-z_]\w*$/.test(c.name))) {
        if (isSecretVariable(c.name)) add(`name:${c.name}`, { kind: 'name', name: c.name, step: i });
      } else if (c.kind === 'file') file(c.name);
    }
    const words = commandWords(step.command);
    words.forEach((w, k) => {
      const eq = w.indexOf('=');
      const option = w.startsWith('--') && eq > 0 ? w.slice(0, eq) : w;
      if (!FILE_OPTION.test(option) && !FILE_OPTION_EXACT.has(option)) return;
      const value = option === w ? words[k + 1] : w.slice(eq + 1);
      if (value && !value.startsWith('-') && !/[$`]/.test(value)) file(value);
    });
    if (step.command.includes(REDACTED)) add(`literal:${i}`, { kind: 'literal', step: i });
  });
  return [...out.values()];
}
