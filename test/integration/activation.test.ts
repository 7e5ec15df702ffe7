/// <reference types="mocha" />
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, airlock, eventually } from './helpers';

/**
 * Log files under the user-data dir's logs/: the remote extension host's own log (`ours` false) or the
 * extension's output-channel logs in exthost<N>/airlock-dev.airlock/ (`ours` true).
 */
function logFiles(ours: boolean): string[] {
  const roots = [process.env.AIRLOCK_USER_DATA_DIR && path.join(process.env.AIRLOCK_USER_DATA_DIR, 'logs')].filter(
    (p): p is string => !!p && fs.existsSync(p),
  );
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (ours ? path.basename(dir) === EXTENSION_ID && e.name.endsWith('.log') : /exthost\.log$/.test(e.name)) found.push(p);
    }
  };
  roots.forEach(walk);
  return found;
}

suite('activation', () => {
  test('Airlock is installed in the editor under its manifest id', () => {
    const ext = airlock();
    assert.strictEqual(ext.id.toLowerCase(), EXTENSION_ID);
    assert.strictEqual(ext.extensionKind, vscode.ExtensionKind.Workspace);
  });

  test('activates without throwing (onStartupFinished)', async () => {
    const ext = airlock();
    const t0 = Date.now();
    await ext.activate();
    assert.strictEqual(ext.isActive, true);
    console.log(`  [measure] activate() resolved ${Date.now() - t0} ms after the test asked (0 if already active)`);
  });

  test('the extension host log shows Airlock activated and no Airlock errors', async () => {
    const logs = logFiles(false);
    assert.ok(logs.length > 0, `found the extension host log (AIRLOCK_USER_DATA_DIR=${process.env.AIRLOCK_USER_DATA_DIR})`);
    let text = '';
    await eventually(
      () => {
        text = logs.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
        return text.includes(EXTENSION_ID);
      },
      10_000,
      'Airlock to appear in the extension host log',
    );
    const lines = text.split('\n');
    const activation = lines.filter((l) => l.toLowerCase().includes(EXTENSION_ID));
    assert.ok(
      activation.some((l) => /activat/i.test(l)),
      `the log records Airlock's activation:\n${activation.join('\n')}`,
    );
    // (match the extension id, not "airlock": temporary paths of this harness contain that word)
    const errors = lines.filter(
      (l) =>
        (/\[error\]/i.test(l) && l.toLowerCase().includes(EXTENSION_ID)) ||
        new RegExp(`Activating extension '?${EXTENSION_ID.replace('.', '\\.')}'? failed`, 'i').test(l),
    );
    assert.deepStrictEqual(errors, [], 'no errors about Airlock in the extension host log');
  });

  test("Airlock's own log has no errors", () => {
    const text = logFiles(true)
      .map((f) => fs.readFileSync(f, 'utf8'))
      .join('\n');
    const measured = text.match(/activated in ([\d.]+ ?ms)/i);
    if (measured) console.log(`  [measure] Airlock reports its activate() took ${measured[1]}`);
    const errors = text.split('\n').filter((l) => /\[error\]/i.test(l));
    assert.deepStrictEqual(errors, [], "no [error] lines in Airlock's log");
  });
});
