/// <reference types="mocha" />
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { activated, manifest } from './helpers';

suite('view', () => {
  test('package.json contributes the Airlock activity-bar container and the webview view', () => {
    const c = manifest().contributes;
    const container = c?.viewsContainers?.activitybar?.find((v) => v.id === 'airlock');
    assert.ok(container, 'activity-bar view container "airlock"');
    assert.strictEqual(container.title, 'Airlock');
    const view = c?.views?.airlock?.find((v) => v.id === 'airlock.panel');
    assert.ok(view, 'view "airlock.panel" in the airlock container');
    assert.strictEqual(view.type, 'webview');
  });

  test('the Airlock container opens and the view takes focus', async () => {
    await activated();
    const registered = new Set(await vscode.commands.getCommands(false));
    assert.ok(registered.has('workbench.view.extension.airlock'), 'the editor registered the container');
    assert.ok(registered.has('airlock.panel.focus'), 'the editor registered the view');
    await vscode.commands.executeCommand('workbench.view.extension.airlock');
    await vscode.commands.executeCommand('airlock.panel.focus');
  });
});
