/// <reference types="mocha" />
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { type SettingSchema, declaredSettings, eventually, workspaceFolder } from './helpers';

/** A valid value different from `current` (booleans, enums, numbers), else undefined. */
function otherValue(s: SettingSchema, current: unknown): unknown {
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  if (s.enum && s.enum.length > 1) return s.enum.find((v) => JSON.stringify(v) !== JSON.stringify(current));
  switch (type) {
    case 'boolean':
      return !current;
    case 'number':
    case 'integer': {
      const d = typeof current === 'number' ? current : 0;
      return s.maximum !== undefined && d + 1 > s.maximum ? d - 1 : d + 1;
    }
    default: // strings and arrays could be paths or patterns the extension acts on; leave them alone
      return undefined;
  }
}

/** Settings a workspace may set (application- and machine-scoped ones ignore workspace values). */
const workspaceScoped = (s: SettingSchema): boolean => s.scope !== 'application' && s.scope !== 'machine';

suite('settings', () => {
  test('every declared setting is under airlock.', () => {
    for (const [key] of declaredSettings()) assert.match(key, /^airlock\./);
  });

  test("each declared setting's default, as the editor reads it, matches package.json", function () {
    const settings = declaredSettings();
    if (settings.length === 0) this.skip();
    const config = vscode.workspace.getConfiguration();
    for (const [key, schema] of settings) {
      const inspected = config.inspect(key);
      assert.ok(inspected, `the editor knows ${key}`);
      if ('default' in schema) assert.deepStrictEqual(inspected.defaultValue, schema.default, `default of ${key}`);
    }
  });

  test('values in the workspace .vscode/settings.json are read', function () {
    const file = path.join(workspaceFolder().uri.fsPath, '.vscode', 'settings.json');
    const values = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    const ours = Object.entries(values).filter(([k]) => k.startsWith('airlock.'));
    if (ours.length === 0) this.skip();
    for (const [key, value] of ours) {
      assert.deepStrictEqual(vscode.workspace.getConfiguration().inspect(key)?.workspaceValue, value, `workspace value of ${key}`);
      assert.deepStrictEqual(vscode.workspace.getConfiguration().get(key), value, `effective value of ${key}`);
    }
  });

  test('a setting written to the workspace is read back', async function () {
    const candidate = declaredSettings()
      .filter(([, schema]) => workspaceScoped(schema))
      .map(([key, schema]) => [key, otherValue(schema, vscode.workspace.getConfiguration().get(key))] as const)
      .find(([, v]) => v !== undefined);
    if (!candidate) this.skip();
    const [key, value] = candidate;
    const [section, ...rest] = key.split('.');
    const name = rest.join('.');
    const before = vscode.workspace.getConfiguration(section).inspect(name)?.workspaceValue;
    let changed = false;
    const sub = vscode.workspace.onDidChangeConfiguration((e) => (changed ||= e.affectsConfiguration(key)));
    try {
      await vscode.workspace.getConfiguration(section).update(name, value, vscode.ConfigurationTarget.Workspace);
      await eventually(() => changed, 5_000, `onDidChangeConfiguration for ${key}`);
      assert.deepStrictEqual(vscode.workspace.getConfiguration(section).get(name), value);
    } finally {
      sub.dispose();
      await vscode.workspace.getConfiguration(section).update(name, before, vscode.ConfigurationTarget.Workspace);
    }
  });
});
