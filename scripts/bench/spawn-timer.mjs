// Times N runs of one command in a small, fresh process, as an agent's hook runner would see them.
// (Spawning from a process with a large heap costs more — fork copies its page tables — so the
// benchmark must not spawn from its own, big process.) Prints the durations in ms as JSON.
// Usage: node spawn-timer.mjs N INPUT_FILE CWD COMMAND [ARGS...]
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const [n, inputFile, cwd, cmd, ...args] = process.argv.slice(2);
const input = readFileSync(inputFile);
const times = [];
for (let i = 0; i < Number(n); i++) {
  const t = performance.now();
  const r = spawnSync(cmd, args, { input, cwd, encoding: 'utf8' });
  times.push(performance.now() - t);
  if (r.status !== 0 || !r.stdout.includes('allow')) {
    console.error(`unexpected answer (exit ${r.status}): ${r.stdout} ${r.stderr}`);
    process.exit(1);
  }
}
console.log(JSON.stringify(times));
