// Installing hooks into configurations that already hold other hooks, comments and settings.
import { parse } from 'jsonc-parser';
import { describe, expect, it } from 'vitest';
import { hasHookEntry, installHookEntry, removeHookEntry, type EditOutcome } from '../../../src/core/hooks/install.js';
import type { AgentId } from '../../../src/core/hooks/types.js';

const LAUNCHER = '/home/u/.local/share/airlock/bin/airlock-hook';
const ok = (o: EditOutcome) => {
  if ('error' in o) throw new Error(o.error);
  return o;
};

const claudeExisting = `{
  // my settings
  "model": "opus",
  "permissions": { "allow": ["Bash(npm test)"] },
  "hooks": {
    "PreToolUse": [
      { "matcher": "Edit", "hooks": [{ "type": "command", "command": "prettier-check" }] }
    ],
    "PostToolUse": [{ "matcher": "Bash", "hooks": [{ "type": "command", "command": "log-it" }] }]
  }
}
`;
const cursorExisting = `{
  "version": 1,
  "hooks": {
    "beforeShellExecution": [{ "command": "./audit.sh" }],
    "afterFileEdit": [{ "command": "./format.sh" }]
  }
}
`;
const geminiExisting = `{ "theme": "dark", "hooks": { "BeforeTool": [{ "matcher": "write_file", "hooks": [{ "type": "command", "command": "guard" }] }] } }`;

/** The hooks object of a parsed configuration (test data is known to have this shape). */
type HooksOf = { hooks: { PreToolUse: unknown[]; beforeShellExecution: unknown[]; BeforeTool: unknown[]; preToolUse: unknown[] } };

describe('hook installers', () => {
  it.each<[AgentId, string, string[], (v: HooksOf) => unknown[]]>([
    ['claude-code', claudeExisting, ['// my settings', '"model": "opus"', 'prettier-check', 'log-it', 'Bash(npm test)'], (v) => v.hooks.PreToolUse],
    ['cursor', cursorExisting, ['./audit.sh', './format.sh'], (v) => v.hooks.beforeShellExecution],
    ['gemini', geminiExisting, ['"theme": "dark"', 'guard'], (v) => v.hooks.BeforeTool],
    ['copilot-cli', '', [], (v) => v.hooks.preToolUse],
  ])('%s: merges without losing anything, and is idempotent', (agent, before, kept, list) => {
    const first = ok(installHookEntry(agent, before, 'f.json', LAUNCHER));
    expect(first.changed).toBe(true);
    for (const k of kept) expect(first.text).toContain(k);
    const value = parse(first.text);
    expect(list(value).filter((e) => JSON.stringify(e).includes('airlock-hook'))).toHaveLength(1);
    expect(list(value).length).toBe((before ? list(parse(before)) : []).length + 1);
    expect(hasHookEntry(agent, first.text)).toBe(true);
    const again = ok(installHookEntry(agent, first.text, 'f.json', LAUNCHER));
    expect(again).toEqual({ text: first.text, changed: false });
    const removed = ok(removeHookEntry(agent, first.text, 'f.json'));
    expect(hasHookEntry(agent, removed.text)).toBe(false);
    for (const k of kept) expect(removed.text).toContain(k);
  });

  it('quotes a launcher path with spaces, so the shell runs it instead of failing open', () => {
    const v = parse(ok(installHookEntry('claude-code', '', 'f', "/home/my user/it's/airlock-hook")).text);
    expect(v.hooks.PreToolUse[0].hooks[0].command).toBe("'/home/my user/it'\\''s/airlock-hook' claude-code");
  });

  it('cursor: puts Airlock first and fails closed', () => {
    const v = parse(ok(installHookEntry('cursor', cursorExisting, 'f', LAUNCHER)).text);
    expect(v.hooks.beforeShellExecution[0]).toMatchObject({ command: `${LAUNCHER} cursor`, failClosed: true });
  });

  it('updates a stale Airlock entry in place instead of adding a second', () => {
    const old = ok(installHookEntry('claude-code', claudeExisting, 'f', '/old/path/airlock-hook')).text;
    const updated = ok(installHookEntry('claude-code', old, 'f', LAUNCHER)).text;
    const entries = parse(updated).hooks.PreToolUse.filter((e: unknown) => JSON.stringify(e).includes('airlock-hook'));
    expect(entries).toHaveLength(1);
    expect(JSON.stringify(entries[0])).toContain(LAUNCHER);
  });

  it.each([
    ['{ "hooks": { "PreToolUse": [ }', /not valid JSON/],
    ['[1, 2]', /JSON object/],
    ['{ "hooks": { "PreToolUse": { "matcher": "Bash" } } }', /not a list/],
  ])('refuses to change %s', (text, why) => {
    const r = installHookEntry('claude-code', text, 'settings.json', LAUNCHER);
    expect(r).toMatchObject({ error: expect.stringMatching(why) });
  });
});
