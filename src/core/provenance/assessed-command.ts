// What the credential ledger is given: an assessment plus where it ran. Provenance is worked out
// from assessments alone (steps, rule ids, targets, credential names), never from command output:
// Airlock sees commands, not what they print.
import { makeContext } from '../context.js';
import type { Assessment, Step } from '../model.js';
import { normalisePath, resolvePath } from '../paths.js';
import { commandWords } from './command-text.js';

export interface AssessedCommand {
  readonly assessment: Assessment;
  /** The command's working directory; without it relative paths are compared as written. */
  readonly cwd?: string;
  readonly home?: string;
}

export const asAssessed = (x: AssessedCommand | Assessment): AssessedCommand => ('assessment' in x ? x : { assessment: x });

/** True for steps that run inside `$(…)`, `<(…)` or `>(…)`: their output feeds a command, not the agent. */
export const isSubstituted = (step: Step): boolean => step.via.some((v) => /^[$<>]\(/.test(v));

/**
 * The directory each step runs in: the cwd, changed by earlier literal `cd DIR` steps of the same line
 * (`cd config && cat .railway-token`). Subshell boundaries are not visible in steps, so a `cd` inside
 * `( … )` is taken to last: a wrong directory only makes a match less likely.
 */
export function stepDirectories(assessed: AssessedCommand): (string | undefined)[] {
  let dir = assessed.cwd;
  return assessed.assessment.steps.map((step) => {
    const here = dir;
    if (step.program === 'cd' && !isSubstituted(step)) {
      const words = commandWords(step.command).slice(1).filter((w) => w !== '--');
      const target = words[0];
      if (target === undefined) dir = assessed.home;
      else dir = !target.startsWith('-') && !/[$`*?]/.test(target) ? resolveFile(target, dir, assessed.home) : undefined;
    }
    return here;
  });
}

/** A path as the shell would open it from `dir`; relative and unexpanded when that is unknown. */
export function resolveFile(path: string, dir: string | undefined, home: string | undefined): string {
  if (dir === undefined || (home === undefined && /^(~|\$\{?HOME\}?)(\/|$)/.test(path))) return normalisePath(path);
  return resolvePath(path, makeContext({ cwd: dir, home: home ?? '/' }));
}
