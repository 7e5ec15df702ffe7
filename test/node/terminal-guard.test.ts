// The terminal guard end to end outside the editor: the real guard scripts, the real launcher and
// a real gate server (with a test decider), in bash and zsh, for `-c` strings and for interactive
// shells on a pseudo-terminal. The editor half (terminal identity, the panel) is tested in the
// real editor (test/integration/terminal-guard.test.ts, test/e2e/terminal.test.ts).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HookRequest } from '../../src/core/hooks/types.js';
import { startGateServer, type GateServer } from '../../src/node/gate-server.js';
import { findUnixNetcat, writeLauncher } from '../../src/node/launcher.js';
import { guardVariables, withGuardVariables, writeGuard, type GuardFiles } from '../../src/node/shell-guard.js';
import { ensureBuilt, HOOK, tempDir, type RunResult } from './helpers.js';

const root = join(__dirname, '..', '..');
const hasZsh = spawnSync('zsh', ['-c', 'true']).status === 0;
const hasPython = spawnSync('python3', ['-c', 'pass']).status === 0;
const hasFish = spawnSync('fish', ['-c', 'true']).status === 0;
const SHELLS: ('bash' | 'zsh')[] = hasZsh ? ['bash', 'zsh'] : ['bash'];
/** Typing waits for the terminal to be quiet after each line: seconds, not milliseconds. */
const PTY_TIMEOUT = 60_000;

function run(argv: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<RunResult> {
  return new Promise((resolve) => {
    const c = spawn(argv[0]!, argv.slice(1), { cwd, env });
    let stdout = '', stderr = '';
    c.stdout.on('data', (d) => (stdout += d));
    c.stderr.on('data', (d) => (stderr += d));
    c.on('close', (code) => resolve({ code, stdout, stderr }));
    c.stdin.end();
  });
}

describe('terminal guard (bash and zsh, real launcher and gate)', () => {
  const home = tempDir('home');
  const ws = tempDir('ws');
  const base = { AIRLOCK_RUNTIME_DIR: tempDir('run'), AIRLOCK_STATE_DIR: tempDir('state'), AIRLOCK_DATA_DIR: tempDir('data'), HOME: home };
  const seen: HookRequest[] = [];
  let server: GateServer;
  let files: GuardFiles;
  let shellEnv: NodeJS.ProcessEnv;

  beforeAll(async () => {
    ensureBuilt();
    // The user's own zsh start-up file must still be read through the guard's ZDOTDIR.
    writeFileSync(join(home, '.zshrc'), 'export USER_RC_LOADED=yes\nPS1="%% "\n');
    writeFileSync(join(home, '.bashrc'), 'PS1="$ "\n');
    server = await startGateServer({
      decide: async (req, onHeld) => {
        seen.push(req);
        if (req.command.includes('held-')) {
          onHeld?.();
          await new Promise((r) => setTimeout(r, 200));
          return req.command.includes('held-allow')
            ? { action: 'allow', userMessage: 'ok', agentMessage: '' }
            : { action: 'deny', userMessage: 'no', agentMessage: 'Airlock blocked this command: the human said no' };
        }
        // Stands in for a gate that cannot see what a history expansion stands for.
        if (/^rm -rf !/.test(req.command)) return { action: 'allow', userMessage: 'ok', agentMessage: '' };
        return /(^|\s)rm\s/.test(req.command) ? { action: 'deny', userMessage: 'no', agentMessage: 'Airlock blocked this command: denied by test gate' } : { action: 'allow', userMessage: 'ok', agentMessage: '' };
      },
    }, [ws], base);
    const launcher = writeLauncher({ cli: HOOK, node: process.execPath, electron: false, netcat: findUnixNetcat(), runtimeDir: base.AIRLOCK_RUNTIME_DIR }, base);
    files = writeGuard(join(root, 'src', 'shell'), launcher, base);
    // SHLVL as in any terminal: bash started by a top-level process with a socket for stdin (Node's
    // pipes are sockets) takes itself for an ssh session and reads ~/.bashrc instead of BASH_ENV.
    shellEnv = withGuardVariables({ PATH: process.env.PATH, ...base, TERM: 'dumb', SHLVL: '1' }, guardVariables(files, { HOME: home }));
  });
  afterAll(() => server.close());

  const victim = () => {
    const dir = join(ws, `victim-${Math.random().toString(36).slice(2)}`);
    mkdirSync(dir);
    writeFileSync(join(dir, 'keep.txt'), 'x');
    return dir;
  };
  const minusC = (shell: string, line: string) => [shell, '-c', line];

  describe.each(SHELLS)('%s -c', (shell) => {
    it('skips a denied string before anything in it runs, with one line saying why', async () => {
      const v = victim();
      const r = await run(minusC(shell, `echo started; rm -rf ${v}`), ws, shellEnv);
      expect(r.code, JSON.stringify(r)).toBe(126);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain('denied by test gate');
      expect(existsSync(join(v, 'keep.txt'))).toBe(true);
    });

    it('runs an allowed string untouched: output and exit code', async () => {
      const r = await run(minusC(shell, 'echo ok; exit 3'), ws, shellEnv);
      expect([r.code, r.stdout, r.stderr]).toEqual([3, 'ok\n', '']);
    });

    it('does not ask about an unwatched string', async () => {
      const before = seen.length;
      const r = await run(minusC(shell, 'pwd'), ws, shellEnv);
      expect(r.code).toBe(0);
      expect(seen.length).toBe(before);
    });

    it.each([['held-allow', 0, true], ['held-deny', 126, false]] as const)('says a %s string waits for the panel, then follows the decision', async (name, code, created) => {
      const marker = join(ws, `${name}-${shell}-${Date.now()}`);
      const r = await run(minusC(shell, `touch ${marker}`), ws, shellEnv);
      expect(r.stderr).toContain('waits for a decision in the Airlock panel');
      expect(r.code).toBe(code);
      expect(existsSync(marker)).toBe(created);
      const req = seen.find((s) => s.command === `touch ${marker}`);
      expect(req?.shell).toMatchObject({ shell, mode: 'command-string' });
    });

    it('fails closed when the launcher is gone, and lets unwatched strings run', async () => {
      const dir = tempDir('broken');
      const other = writeGuard(join(root, 'src', 'shell'), join(dir, 'missing-launcher'), { ...base, AIRLOCK_DATA_DIR: dir });
      const broken = withGuardVariables(shellEnv, guardVariables(other, { HOME: home }));
      const v = victim();
      const denied = await run(minusC(shell, `rm -rf ${v}`), ws, broken);
      expect(denied.code).toBe(126);
      expect(denied.stderr).toContain('cannot reach Airlock');
      expect(existsSync(join(v, 'keep.txt'))).toBe(true);
      expect((await run(minusC(shell, 'pwd'), ws, broken)).code).toBe(0);
    });

    it("asks its own window's gate (AIRLOCK_GATE) from a folder outside the workspace", async () => {
      const outside = tempDir('outside');
      const v = victim();
      const r = await run(minusC(shell, `rm -rf ${v}`), outside, { ...shellEnv, AIRLOCK_GATE: server.gateId });
      expect(r.code).toBe(126);
      expect(r.stderr).toContain('denied by test gate');
      expect(existsSync(join(outside, '.airlock'))).toBe(false);
    });

    it("audits an offline decision in its window's workspace (AIRLOCK_WORKSPACE), not where the shell is", async () => {
      const outside = tempDir('outside');
      const home = tempDir('workspace');
      const r = await run(minusC(shell, 'rm -rf /etc/airlock-test-nothing'), outside, { ...shellEnv, AIRLOCK_WORKSPACE: home });
      expect(r.code).toBe(126);
      expect(existsSync(join(home, '.airlock', 'audit.jsonl'))).toBe(true);
      expect(existsSync(join(outside, '.airlock'))).toBe(false);
    });

    it('decides offline (fail closed) in a folder no editor window serves', async () => {
      const outside = tempDir('outside');
      const dir = join(outside, 'data');
      mkdirSync(dir);
      writeFileSync(join(dir, 'a.db'), 'x'.repeat(1000));
      const r = await run(minusC(shell, 'rm -rf /etc/airlock-test-nothing data'), outside, shellEnv);
      expect(r.code).toBe(126);
      expect(existsSync(join(dir, 'a.db'))).toBe(true);
    });
  });

  describe.runIf(hasPython).each(SHELLS)('%s interactive', (shell) => {
    // Asynchronous: the gate answers from this same process.
    const pty = async (lines: string[]) => {
      const r = await run(['python3', join(__dirname, 'fixtures', 'pty-run.py'), '700', shell, '-i', '--', ...lines], ws, shellEnv);
      return r.stdout.replace(/\x1b\[[0-9;?]*[a-zA-Z]/g, '');
    };

    it('skips a denied line, runs the next ones, and sees a multi-line command whole', async () => {
      const v = victim();
      const before = seen.length;
      const out = await pty([`rm -rf ${v}`, 'echo after-$((1+1))', 'for i in 1 2; do', 'echo loop-$i; done']);
      expect(out).toContain('denied by test gate');
      expect(existsSync(join(v, 'keep.txt'))).toBe(true);
      expect(out).toContain('after-2');
      expect(out).toContain('loop-2');
      const asked = seen.slice(before).map((s) => s.command);
      expect(asked).toContain(`rm -rf ${v}`);
      // zsh reports the loop in its own normal form; both see it as one command.
      expect(asked.some((c) => /^for i in 1 2;? ?\n?\s*do\b[\s\S]*loop-\$i[\s\S]*done$/.test(c))).toBe(true);
      expect(seen.slice(before).every((s) => s.shell?.mode === 'interactive' && s.shell.shell === shell)).toBe(true);
    }, PTY_TIMEOUT);

    it('checks what a history expansion really runs (`rm -rf !$`)', async () => {
      const v = victim();
      const before = seen.length;
      const out = await pty([`ls -d ${v}`, 'rm -rf !$']);
      expect(existsSync(join(v, 'keep.txt'))).toBe(true);
      expect(out).toContain('denied by test gate');
      expect(seen.slice(before).map((s) => s.command), shell).toContain(`rm -rf ${v}`);
    }, PTY_TIMEOUT);

    it.runIf(shell === 'zsh')("still reads the user's own .zshrc", async () => {
      expect(await pty(['echo rc=$USER_RC_LOADED'])).toContain('rc=yes');
    }, PTY_TIMEOUT);
  });

  // fish is best effort: Enter is bound to the check, so a denied line is cleared, never run.
  it.runIf(hasPython && hasFish)('fish interactive: a denied line is cleared, the next runs, a multi-line loop is asked about whole', async () => {
    const v = victim();
    const before = seen.length;
    const r = await run(['python3', join(__dirname, 'fixtures', 'pty-run.py'), '900', 'fish', '-i', '--', `rm -rf ${v}`, 'echo after-fish', 'for i in 1 2', 'echo loop-$i; end'], ws, shellEnv);
    expect(r.stdout).toContain('denied by test gate');
    expect(r.stdout).toContain('after-fish');
    expect(r.stdout).toContain('loop-2');
    expect(existsSync(join(v, 'keep.txt'))).toBe(true);
    const asked = seen.slice(before).map((s) => s.command);
    expect(asked).toEqual(expect.arrayContaining([`rm -rf ${v}`, 'for i in 1 2\necho loop-$i; end']));
  }, PTY_TIMEOUT);
});
