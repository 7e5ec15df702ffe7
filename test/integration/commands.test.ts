/// <reference types="mocha" />
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { activated, manifest } from './helpers';

suite('commands', () => {
  test('every command declared in package.json has an airlock. id and a title', () => {
    const commands = manifest().contributes?.commands ?? [];
    assert.ok(commands.length > 0, 'package.json declares commands');
    for (const c of commands) {
      assert.match(c.command, /^airlock\./, `${c.command} is namespaced`);
      assert.ok(c.title, `${c.command} has a title`);
    }
  });

  test('every command declared in package.json is registered after activation', async () => {
    await activated();
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = (manifest().contributes?.commands ?? []).map((c) => c.command).filter((id) => !registered.has(id));
    assert.deepStrictEqual(missing, [], `declared but not registered: ${missing.join(', ')}`);
  });
});
