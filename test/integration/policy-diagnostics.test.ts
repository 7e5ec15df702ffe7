/// <reference types="mocha" />
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { activated, eventually, workspaceFolder } from './helpers';

const BAD = [
  'version: 1',
  'actions:',
  '  high: bogus',
  'allow:',
  '  - command: "npm test"',
  '    upTo: low',
  '',
].join('\n');

const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Airlock');
const errors = (uri: vscode.Uri) => ours(uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
const heldBackAllow = (uri: vscode.Uri) =>
  ours(uri).find((d) => d.severity === vscode.DiagnosticSeverity.Warning && d.message.includes('allow: "npm test"'));
const describe = (uri: vscode.Uri) => JSON.stringify(ours(uri).map((d) => [d.severity, d.range.start.line, d.message]));

suite('policy file diagnostics', () => {
  test('.airlock/policy.yaml problems and held-back loosening appear in the Problems panel, follow edits and go with the file', async () => {
    await activated();
    const uri = vscode.Uri.joinPath(workspaceFolder().uri, '.airlock', 'policy.yaml');
    const original = fs.readFileSync(uri.fsPath, 'utf8');
    try {
      // Written behind the editor's back: the file-system watcher has to notice.
      fs.writeFileSync(uri.fsPath, BAD);
      await eventually(() => errors(uri).length > 0 && !!heldBackAllow(uri), 15_000, `diagnostics for the bad policy (have ${describe(uri)})`);
      const [error] = errors(uri);
      assert.strictEqual(error!.range.start.line, 2, 'the bad action is on line 3');
      assert.match(error!.message, /"bogus" is not an action/);
      assert.strictEqual(heldBackAllow(uri)!.range.start.line, 4, 'the held-back allow entry points at its list item');

      // An unsaved edit that fixes the action: the error goes, the held-back allow entry stays.
      const doc = await vscode.workspace.openTextDocument(uri);
      const edit = new vscode.WorkspaceEdit();
      edit.replace(uri, doc.lineAt(2).range, '  high: deny');
      assert.ok(await vscode.workspace.applyEdit(edit));
      assert.ok(doc.isDirty, 'the fix is not saved yet');
      await eventually(() => errors(uri).length === 0, 10_000, `the error to disappear after the edit (have ${describe(uri)})`);
      assert.ok(heldBackAllow(uri), 'the allow entry is still held back');

      // Reverting the unsaved fix brings the file's error back.
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      await eventually(() => errors(uri).length > 0, 10_000, `the error to return after the revert (have ${describe(uri)})`);

      // Deleting the file clears its diagnostics.
      fs.unlinkSync(uri.fsPath);
      await eventually(() => ours(uri).length === 0, 15_000, `diagnostics to clear after deletion (have ${describe(uri)})`);
    } finally {
      fs.writeFileSync(uri.fsPath, original);
    }
    // The demo workspace's own policy is clean.
    await eventually(() => fs.existsSync(uri.fsPath) && ours(uri).length === 0, 15_000, `no diagnostics for the restored policy (have ${describe(uri)})`);
  });
});
