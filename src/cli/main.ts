// `airlock` command-line client. Exit codes for `assess`: 0 allow, 1 ask or confirm, 2 deny.
// Any failure to decide (bad arguments, internal error) exits 2: the CLI fails closed.
import { setFlagsFromString } from 'node:v8';
import { runAssess } from './assess-command.js';
import { runAudit } from './audit-command.js';
import { runHook } from './hook-command.js';
import { decideOffline } from './hook-offline.js';

/** For dist/hook.js, which loads this bundle only to decide offline. */
export { decideOffline };
import { runRules } from './rules-command.js';

const USAGE = `usage:
  airlock assess [--json] [--cwd DIR] [--workspace DIR]... [--env NAME=VALUE]... [--kube-context NAME]
                 [--git-branch NAME] [--policy FILE] -- COMMAND
  airlock assess --jsonl [--policy FILE]      (reads {"id","command","cwd"?,"env"?,"kubeContext"?,"gitBranch"?} lines)
  airlock rules [--json]                      (lists the rule catalogue)
  airlock hook <claude-code|cursor|copilot|copilot-cli|codex|gemini>   (agent hook client; JSON on stdin)
  airlock audit verify [FILE]                 (checks the audit hash chain and its anchor)`;

async function main(argv: string[]): Promise<number> {
  const [verb, ...rest] = argv;
  // A one-shot process should not wait ~1 s for V8 to optimise the grammar in the background;
  // batches live long enough to profit from the optimised tier.
  if (!rest.includes('--jsonl')) setFlagsFromString('--liftoff-only');
  switch (verb) {
    case 'assess':
      return runAssess(rest);
    case 'rules':
      return runRules(rest);
    case 'hook':
      return runHook(rest, () => decideOffline);
    case 'audit':
      return runAudit(rest);
    case '--help':
    case '-h':
    case 'help':
      process.stdout.write(USAGE + '\n');
      return 0;
    default:
      process.stderr.write(`airlock: unknown command ${JSON.stringify(verb ?? '')}\n${USAGE}\n`);
      return 2;
  }
}

// Run only as a program: dist/hook.js requires this bundle for decideOffline without running it.
if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`airlock: internal error, failing closed: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
      process.exitCode = 2;
    },
  );
}
