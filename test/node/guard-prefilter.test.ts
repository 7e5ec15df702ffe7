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
function verdicts(shell: 'bash' | 'zsh', lines: readonly string[] = commands): boolean[] {
  const dir = tempDir('prefilter');
  const guard = join(dir, `guard.${shell}`);
  writeFileSync(guard, renderGuard(readFileSync(join(root, 'src', 'shell', `guard.${shell}`), 'utf8'), join(dir, 'no-launcher')));
  const input = join(dir, 'lines');
  writeFileSync(input, lines.map((c) => `${c}\0`).join(''));
  // Loaded as an interactive shell would (the -c branch would ask about the script itself).
  const loop = shell === 'bash'
    ? `__airlock_loaded=; BASH_EXECUTION_STRING=; set -- ; . '${guard}' 2>/dev/null; while IFS= read -r -d '' l; do __airlock_watched "$l" && echo 1 || echo 0; done < '${input}'`
    : `source '${guard}'; while IFS= read -r -d '' l; do __airlock_watched "$l" && echo 1 || echo 0; done < '${input}'`;
  const r = spawnSync(shell, shell === 'bash' ? ['-i', '-c', loop] : ['-f', '-i', '-c', loop], { encoding: 'utf8', env: { PATH: process.env.PATH, HOME: dir, TERM: 'dumb' } });
  const out = r.stdout.split('\n').filter((l) => l === '0' || l === '1');
  expect(out.length, r.stderr).toBe(lines.length);
  return out.map((l) => l === '1');
}

const SHELLS: ('bash' | 'zsh')[] = hasZsh ? ['bash', 'zsh'] : ['bash'];

describe.each(SHELLS)('%s guard prefilter', (shell) => {
  const watched = verdicts(shell);

  it('lets everyday lines through without asking, and asks about sourcing a file', () => {
    expect(EVERYDAY.filter((_, i) => watched[i])).toEqual(['ls; . ./env.sh']);
  });

  it('never lets a high or critical command through unasked, nor a medium one any rule recognised', async () => {
    // What passes unasked is low, or medium only because Airlock does not know the program and nothing on the
    // line is a risky verb (the generic analysis's "not shown to be read-only"), which the default policy allows.
    const leaks: string[] = [];
    for (let i = 0; i < commands.length; i++) {
      if (watched[i]) continue;
      const a = await assessCommand(commands[i]!);
      const generic = a.rules.every((r) => r.id.startsWith('generic.') && r.id !== 'generic.destroy');
      if (a.risk === 'high' || a.risk === 'critical' || (a.risk === 'medium' && !generic)) leaks.push(`${a.risk}: ${commands[i]} (${a.rules.map((r) => r.id).join(', ')})`);
    }
    expect(leaks).toEqual([]);
  });

  it('asks about unknown programs with a risky verb, as a word or a part of one', () => {
    const lines = ['acmectl cluster destroy --env prod', 'dbmate drop', 'foo db:reset', 'tool delete-table orders', 'bar nuke_all'];
    expect(verdicts(shell, lines)).toEqual(lines.map(() => true));
  });

  it('asks about every risky corpus line (sanity: the check can fail)', () => {
    expect(watched.filter(Boolean).length).toBeGreaterThan(commands.length * 0.8);
  });
});
