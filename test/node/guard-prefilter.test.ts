// The terminal guards ask the gate only about lines their prefilter calls "watched"; every other
// line runs with no round trip. This proves, with the real bash and zsh functions, that no command
// of the corpus or the red-team set that the prefilter lets through unasked is riskier than low.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderGuard } from '../../src/node/shell-guard.js';
import { loadCorpus } from '../core/corpus-loader.js';
import { assessCommand } from '../core/fixtures.js';
import { tempDir } from './helpers.js';

const root = join(__dirname, '..', '..');
const hasZsh = spawnSync('zsh', ['-c', 'true']).status === 0;

// Everyday lines that should cost nothing, plus the corpus and the red-team set.
const EVERYDAY = ['ls', 'ls -la src', 'cd src', 'pwd', 'clear', 'true', 'date', 'whoami', 'uname -a', 'wc -l README.md', 'ps', 'df -h', 'du -sh .', 'wc -c ./src', 'tsc --noEmit', 'vitest run', 'go test ./...', 'ls; . ./env.sh'];
const commands = [
  ...EVERYDAY,
  ...loadCorpus(join(root, 'test', 'corpus')).map((e) => e.command),
  ...readFileSync(join(root, 'test', 'redteam', 'set.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { command: string }).command),
];

/** Runs the shell's own __airlock_watched over every command (NUL-separated) and returns one verdict each. */
function verdicts(shell: 'bash' | 'zsh'): boolean[] {
  const dir = tempDir('prefilter');
  const guard = join(dir, `guard.${shell}`);
  writeFileSync(guard, renderGuard(readFileSync(join(root, 'src', 'shell', `guard.${shell}`), 'utf8'), join(dir, 'no-launcher')));
  const input = join(dir, 'lines');
  writeFileSync(input, commands.map((c) => `${c}\0`).join(''));
  // Loaded as an interactive shell would (the -c branch would ask about the script itself).
  const loop = shell === 'bash'
    ? `__airlock_loaded=; BASH_EXECUTION_STRING=; set -- ; . '${guard}' 2>/dev/null; while IFS= read -r -d '' l; do __airlock_watched "$l" && echo 1 || echo 0; done < '${input}'`
    : `source '${guard}'; while IFS= read -r -d '' l; do __airlock_watched "$l" && echo 1 || echo 0; done < '${input}'`;
  const r = spawnSync(shell, shell === 'bash' ? ['-i', '-c', loop] : ['-f', '-i', '-c', loop], { encoding: 'utf8', env: { PATH: process.env.PATH, HOME: dir, TERM: 'dumb' } });
  const out = r.stdout.split('\n').filter((l) => l === '0' || l === '1');
  expect(out.length, r.stderr).toBe(commands.length);
  return out.map((l) => l === '1');
}

const SHELLS: ('bash' | 'zsh')[] = hasZsh ? ['bash', 'zsh'] : ['bash'];

describe.each(SHELLS)('%s guard prefilter', (shell) => {
  const watched = verdicts(shell);

  it('lets everyday lines through without asking, and asks about sourcing a file', () => {
    expect(EVERYDAY.filter((_, i) => watched[i])).toEqual(['ls; . ./env.sh']);
  });

  it('never lets a command riskier than low through unasked', async () => {
    const leaks: string[] = [];
    for (let i = 0; i < commands.length; i++) {
      if (watched[i]) continue;
      const a = await assessCommand(commands[i]!);
      if (a.risk !== 'low') leaks.push(`${a.risk}: ${commands[i]}`);
    }
    expect(leaks).toEqual([]);
  });

  it('asks about every risky corpus line (sanity: the check can fail)', () => {
    expect(watched.filter(Boolean).length).toBeGreaterThan(commands.length * 0.8);
  });
});
