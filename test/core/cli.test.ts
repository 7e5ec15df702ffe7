// The built `airlock` CLI end to end: exit codes, JSON, and the fail-closed batch protocol.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const CLI = join(process.cwd(), 'dist', 'cli.js');
const run = (args: string[], input?: string) => spawnSync(process.execPath, [CLI, ...args], { input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

beforeAll(() => {
  if (!existsSync(CLI)) spawnSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
});

describe('airlock assess', () => {
  it('exits 0 and allows a harmless command', () => {
    const r = run(['assess', '--', 'ls -la']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^LOW → allow/);
  });

  it('exits 1 (ask) for an unparsable command, naming the problem', () => {
    const r = run(['assess', '--json', '--', 'cat <<EOF;\nx\nEOF']);
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ risk: 'high', action: 'ask', tags: ['unparsed'] });
  });

  it('exits 2 when the policy denies', () => {
    const dir = mkdtempSync(join(tmpdir(), 'airlock-cli-'));
    const policy = join(dir, 'policy.yaml');
    writeFileSync(policy, 'actions: { high: deny }\n');
    const r = run(['assess', '--policy', policy, '--', 'echo "unterminated']);
    expect(r.status).toBe(2);
  });

  it('reports policy problems with their line on stderr and still decides', () => {
    const dir = mkdtempSync(join(tmpdir(), 'airlock-cli-'));
    const policy = join(dir, 'policy.yaml');
    writeFileSync(policy, 'version: 1\nactions:\n  high: alow\n');
    const r = run(['assess', '--policy', policy, '--', 'cat <<EOF;\nx\nEOF']);
    expect(r.stderr).toMatch(/line 3/);
    expect(r.status).toBe(1);
  });

  it('applies only the tightening part of a policy file inside the workspace', () => {
    const ws = mkdtempSync(join(tmpdir(), 'airlock-ws-'));
    mkdirSync(join(ws, '.airlock'));
    writeFileSync(join(ws, '.airlock', 'policy.yaml'), 'actions: { high: allow }\nallow: ["git reset *"]\n');
    const r = run(['assess', '--workspace', ws, '--cwd', ws, '--', 'git reset --hard HEAD~2']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/not applied: actions.high: allow/);
    expect(r.stderr).toMatch(/not applied: allow: "git reset \*"/);
    // The same file named explicitly is the user's own choice and applies as written.
    expect(run(['assess', '--policy', join(ws, '.airlock', 'policy.yaml'), '--', 'git reset --hard HEAD~2']).status).toBe(0);
  });

  it('fails closed (exit 2) on bad usage', () => {
    expect(run(['assess']).status).toBe(2);
    expect(run(['assess', '--env', 'NOEQUALS', '--', 'ls']).status).toBe(2);
    expect(run(['frobnicate']).status).toBe(2);
  });
});

describe('airlock assess --jsonl', () => {
  it('answers every line in order, with an error object for bad lines', () => {
    const input = [
      JSON.stringify({ id: 'a', command: 'ls' }),
      'not json',
      JSON.stringify({ id: 'b' }),
      JSON.stringify({ id: 3, command: 'echo "x', cwd: '/tmp', env: { HOME: '/root' } }),
      JSON.stringify({ id: 'c', command: 'ls', env: { A: 1 } }),
    ].join('\n');
    const r = run(['assess', '--jsonl'], input);
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatchObject({ id: 'a', risk: 'low', action: 'allow', rules: [] });
    expect(lines[1]).toMatchObject({ id: null, error: expect.stringMatching(/invalid JSON/) });
    expect(lines[2]).toMatchObject({ id: 'b', error: expect.stringMatching(/command/) });
    expect(lines[3]).toMatchObject({ id: 3, risk: 'high', tags: ['unparsed'] });
    expect(lines[4]).toMatchObject({ id: 'c', error: expect.stringMatching(/env/) });
  });
});
