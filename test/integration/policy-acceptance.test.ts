/// <reference types="mocha" />
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { verifyAuditFile } from '../../src/node/audit-log';
import { sha256 } from '../../src/node/audit-log';
import { acceptIfUnchanged } from '../../src/vscode/review-policy';
import { activated, eventually, manifest, workspaceFolder } from './helpers';

const LOOSENING = [
  'version: 1',
  'allow:',
  '  - command: "npm publish"',
  '    upTo: high',
  '',
].join('\n');

const heldBack = (uri: vscode.Uri) =>
  vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Airlock' && d.severity === vscode.DiagnosticSeverity.Warning && d.message.includes('allow: "npm publish"'));
const describe = (uri: vscode.Uri) => JSON.stringify(vscode.languages.getDiagnostics(uri).map((d) => [d.severity, d.message]));

suite('policy acceptance', () => {
  test('"Airlock: Review Policy Changes…" is declared and registered', async () => {
    await activated();
    const declared = manifest().contributes?.commands?.find((c) => c.command === 'airlock.reviewPolicy');
    assert.deepStrictEqual(declared && { title: declared.title, category: declared.category }, { title: 'Review Policy Changes…', category: 'Airlock' });
    assert.ok((await vscode.commands.getCommands(true)).includes('airlock.reviewPolicy'));
  });

  test('a loosening workspace policy is held back until accepted; the acceptance is audited; an edit holds it back again', async () => {
    await activated();
    const folder = workspaceFolder();
    const uri = vscode.Uri.joinPath(folder.uri, '.airlock', 'policy.yaml');
    const setting = vscode.workspace.getConfiguration('airlock', folder.uri).get<string>('auditFile') || path.join('.airlock', 'audit.jsonl');
    const auditFile = path.isAbsolute(setting) ? setting : path.join(folder.uri.fsPath, setting);
    const original = fs.readFileSync(uri.fsPath, 'utf8');
    try {
      fs.writeFileSync(uri.fsPath, LOOSENING);
      await eventually(() => heldBack(uri).length === 1, 15_000, `the held-back diagnostic (have ${describe(uri)})`);
      assert.match(heldBack(uri)[0]!.message, /Airlock: Review Policy Changes/, 'the warning names the command');
      await vscode.workspace.openTextDocument(uri); // code actions are computed for open documents
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, heldBack(uri)[0]!.range);
      assert.ok(actions.some((a) => a.command?.command === 'airlock.reviewPolicy'), 'a quick fix runs the review command');

      // The command opens the diff and reveals the panel's "Policy changes waiting" card (no modal).
      assert.strictEqual(await vscode.commands.executeCommand<boolean>('airlock.reviewPolicy'), true, 'the review command has something to show');

      // What runs after the human's click on "Accept" in the panel: only the text the card showed is accepted.
      const auditText = () => (fs.existsSync(auditFile) ? fs.readFileSync(auditFile, 'utf8') : '');
      const before = auditText();
      assert.strictEqual(acceptIfUnchanged(uri.fsPath, sha256(LOOSENING + '# not what is on disk\n'), auditFile), 'changed');
      assert.strictEqual(auditText(), before, 'a stale hash accepts nothing and audits nothing');
      assert.strictEqual(heldBack(uri).length, 1, 'still held back after a stale Accept');
      assert.strictEqual(acceptIfUnchanged(uri.fsPath, sha256(LOOSENING), auditFile), 'accepted');
      assert.strictEqual(acceptIfUnchanged(uri.fsPath, sha256(LOOSENING), auditFile), 'nothing-held', 'accepting twice does nothing');
      const accepted = { sha256: sha256(LOOSENING) };
      await eventually(() => heldBack(uri).length === 0, 15_000, `the held-back diagnostic to disappear (have ${describe(uri)})`);
      const records = fs.readFileSync(auditFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { kind: string; note?: string });
      const last = records.at(-1)!;
      assert.strictEqual(last.kind, 'policy-change');
      assert.ok(last.note?.includes(`accepted ${uri.fsPath} (sha256 ${accepted.sha256})`), last.note);
      assert.ok(last.note?.includes('allow: "npm publish" up to high'), last.note);
      assert.ok(verifyAuditFile(auditFile).ok, 'the audit verifies');

      // Any edit after the acceptance makes the file pending again.
      fs.writeFileSync(uri.fsPath, LOOSENING + '# edited\n');
      await eventually(() => heldBack(uri).length === 1, 15_000, `the held-back diagnostic to return after an edit (have ${describe(uri)})`);
    } finally {
      fs.writeFileSync(uri.fsPath, original);
    }
    await eventually(() => heldBack(uri).length === 0, 15_000, `no held-back diagnostic for the restored policy (have ${describe(uri)})`);
  });
});
