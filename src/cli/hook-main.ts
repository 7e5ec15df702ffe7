// dist/hook.js: the entry the hook launcher runs when it cannot take the nc fast path. It carries
// only the client; the engine (for offline decisions) is loaded from dist/cli.js when needed.
// Usage: node hook.js [hook] <agent>
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runHook, type OfflineDecider } from './hook-command.js';

setFlagsFromString('--liftoff-only'); // a one-shot process should not tier up the grammar

const args = process.argv.slice(2);
const agentArgs = args[0] === 'hook' ? args.slice(1) : args;
// A runtime path, so the bundler leaves the full CLI out of this file (a static import would inline it).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const loadOffline = (): OfflineDecider => (require(join(__dirname, 'cli.js')) as { decideOffline: OfflineDecider }).decideOffline;

runHook(agentArgs, loadOffline).then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    process.stderr.write(`Airlock: internal error in the hook client, blocking: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);
