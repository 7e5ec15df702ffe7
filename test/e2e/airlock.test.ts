/// <reference types="mocha" />
// Browser end-to-end: a real VS Code (code-server) in headless chromium, Airlock installed from the
// packaged .vsix, the demo workspace open. Everything is done through the UI, as a user would.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import type { Page } from 'playwright-core';
import { extensionHostLog, screenshot, session } from './session';
import { airlockWebview, closeModalEditors, openWorkbench, pickFromQuickInput, runFromPalette } from './workbench';

suite('Airlock in the browser workbench (installed from the .vsix)', function () {
  this.timeout(120_000);
  let page: Page;

  suiteSetup(async () => {
    const opened = await openWorkbench();
    page = opened.page;
    session().measurements.workbenchLoadMs = opened.loadMs;
  });

  suiteTeardown(async () => {
    await page?.close();
  });

  teardown(async function () {
    if (this.currentTest?.state === 'failed' && page) {
      await screenshot(page, `failed-${this.currentTest.title.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}`).catch(() => {});
    }
  });

  test('the demo workspace is open in the explorer', async () => {
    const explorer = page.locator('.explorer-folders-view');
    await explorer.getByText('.airlock', { exact: true }).waitFor({ timeout: 30_000 });
    await explorer.getByText('tools', { exact: true }).waitFor();
    await screenshot(page, '01-workbench');
  });

  test('the installed extension activates: no activation error in the extension host log', async () => {
    const id = 'airlock-dev.airlock';
    let log = '';
    for (let i = 0; i < 150 && !log.includes(`_doActivateExtension ${id}`); i++) {
      await page.waitForTimeout(200);
      log = extensionHostLog();
    }
    assert.ok(log.includes(`_doActivateExtension ${id}`), 'the editor started activating Airlock (onStartupFinished)');
    await page.waitForTimeout(1_000); // an activation error is logged right after
    const lines = extensionHostLog().split('\n');
    const at = lines.findIndex((l) => l.includes(`Activating extension ${id} failed`));
    assert.strictEqual(at, -1, `activation failed: ${lines.slice(at + 1, at + 3).join(' ').replace(/^\S+ \S+ \[error\] /, '')}`);
  });

  test('Running Extensions lists Airlock as activated, without errors', async () => {
    await runFromPalette(page, 'Developer: Show Running Extensions');
    // the list is virtualised: make the page tall enough for every running extension to be rendered
    await page.setViewportSize({ width: 1400, height: 2400 });
    const row = page.locator('.runtime-extensions-editor .monaco-list-row', { hasText: /airlock/i }).first();
    const time = row.locator('.activation-time');
    await time.waitFor({ timeout: 30_000 });
    // onStartupFinished fires a little after the workbench appears; the row says "Activating..." until done
    let text = await time.innerText();
    for (let i = 0; i < 6 && !/\d+\s*ms/.test(text); i++) {
      await page.waitForTimeout(2_000);
      await closeModalEditors(page);
      await runFromPalette(page, 'Developer: Show Running Extensions');
      text = await time.innerText({ timeout: 10_000 }).catch(() => text);
    }
    const ms = Number(/(\d+)\s*ms/.exec(text)?.[1]);
    assert.ok(Number.isFinite(ms), `activation time shown: "${text}"`);
    session().measurements.activationMs = ms;
    session().measurements.activationText = text;
    const errorIcons = await row.locator('.codicon-error, .codicon-warning').count();
    assert.strictEqual(errorIcons, 0, `no error or warning on Airlock's row: ${await row.innerText()}`);
    await page.setViewportSize({ width: 1400, height: 900 });
    await screenshot(page, '02-running-extensions');
    await closeModalEditors(page);
  });

  test('the Airlock activity-bar item opens the Airlock view and its webview renders #airlock-root', async () => {
    await closeModalEditors(page);
    const title = session().manifest.contributes?.viewsContainers?.activitybar?.find((c) => c.id === 'airlock')?.title ?? 'Airlock';
    await page.locator(`.activitybar [aria-label^="${title}"]`).first().click();
    await page.locator('.part.sidebar .title-label', { hasText: /airlock/i }).waitFor({ timeout: 15_000 });
    const root = airlockWebview(page).locator('#airlock-root');
    await root.waitFor({ state: 'visible', timeout: 30_000 });
    assert.ok((await root.innerText()).trim().length > 0, '#airlock-root has content');
    await page.waitForTimeout(500);
    await screenshot(page, '03-airlock-view');
  });

  test('every command declared in package.json is offered in the command palette', async () => {
    const m = session().manifest;
    const hidden = new Set((m.contributes?.menus?.commandPalette ?? []).filter((e) => e.when === 'false').map((e) => e.command));
    const commands = (m.contributes?.commands ?? []).filter((c) => !hidden.has(c.command));
    assert.ok(commands.length > 0, 'package.json declares commands');
    for (const c of commands) {
      const label = c.category ? `${c.category}: ${c.title}` : c.title;
      await page.keyboard.press('Escape');
      await page.keyboard.press('F1');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible', timeout: 10_000 });
      await input.fill(`>${label}`);
      await page
        .locator('.quick-input-list .monaco-list-row', { hasText: label })
        .first()
        .waitFor({ state: 'visible', timeout: 10_000 })
        .catch(() => assert.fail(`"${label}" (${c.command}) is not in the command palette`));
    }
    await screenshot(page, '04-command-palette');
    await page.keyboard.press('Escape');
  });

  test('the agent simulator task replays the agent requests through the installed Airlock CLI', async () => {
    const transcript = session().simulatorTranscript;
    fs.rmSync(transcript, { force: true });
    // the task list fills in once the extension host's task providers answer; retry if it is slow
    let started = false;
    for (let attempt = 0; attempt < 3 && !started; attempt++) {
      await runFromPalette(page, 'Tasks: Run Task');
      // the palette closes, and the task picker opens once the tasks are fetched
      const picker = page.locator('.quick-input-widget input[placeholder*="task" i]');
      if (!(await picker.waitFor({ state: 'visible', timeout: 30_000 }).then(() => true, () => false))) continue;
      started = await pickFromQuickInput(page, 'Airlock: simulate agent', 'Airlock: simulate agent', 20_000);
    }
    assert.ok(started, 'the "Airlock: simulate agent" task is offered by Tasks: Run Task');
    const deadline = Date.now() + 60_000;
    let text = '';
    while (Date.now() < deadline) {
      text = fs.existsSync(transcript) ? fs.readFileSync(transcript, 'utf8') : '';
      if (/agent-simulator: \d+ request\(s\) replayed/.test(text)) break;
      await page.waitForTimeout(250);
    }
    await screenshot(page, '05-agent-simulator');
    assert.match(text, /agent-simulator: 3 request\(s\) replayed, 0 failed/, `simulator transcript:\n${text}`);
    assert.match(text, /01-pocketos-volume-delete[\s\S]*verdict: [A-Z]+/, 'a verdict for the PocketOS request');
    assert.match(text, /02-npm-test[\s\S]*verdict: [A-Z]+/, 'a verdict for npm test');
    assert.match(text, /03-rm-rf-build[\s\S]*verdict: [A-Z]+/, 'a verdict for rm -rf build');
    session().measurements.simulatorTranscript = text;
  });

  test('no error notification mentions Airlock', async () => {
    const toasts = page.locator('.notifications-toasts .notification-list-item');
    const texts = await toasts.allInnerTexts();
    const ours = texts.filter((t) => /airlock/i.test(t) && /error|fail/i.test(t));
    assert.deepStrictEqual(ours, [], 'no Airlock error notifications');
  });
});
