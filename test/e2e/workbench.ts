// Driving the VS Code workbench like a user: open it, run palette commands, find the Airlock webview.
import type { FrameLocator, Page } from 'playwright-core';
import { session } from './session';

export const EXTENSION_ID = 'airlock-dev.airlock';

/** Opens the workbench in a new page and waits until it is interactive; returns the page and load time. */
export async function openWorkbench(): Promise<{ page: Page; loadMs: number }> {
  const s = session();
  if (s.editorStopped) throw new Error('the editor was stopped by an earlier suite (suites that stop it must run last: run-e2e.mjs)');
  const page = await s.browser.newPage({ viewport: { width: 1400, height: 900 } });
  const t0 = Date.now();
  await page.goto(s.url, { timeout: 60_000 });
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  // the activity bar is rendered once the extension host has registered contributed containers
  await page.locator('.activitybar').waitFor({ timeout: 60_000 });
  return { page, loadMs: Date.now() - t0 };
}

/**
 * Types `text` into the open quick pick and accepts the entry labelled exactly `label` (clicking its row;
 * fuzzy matching may rank other entries first). Returns false if it did not show up within `ms`.
 */
export async function pickFromQuickInput(page: Page, text: string, label: string, ms = 15_000): Promise<boolean> {
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(text);
  const rows = page.locator('.quick-input-list .monaco-list-row');
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const texts = await rows.allInnerTexts().catch(() => [] as string[]);
    const index = texts.findIndex((t) => t.split('\n').some((line) => line.trim() === label));
    if (index >= 0) {
      await rows.nth(index).click({ timeout: 5_000 });
      return true;
    }
    await page.waitForTimeout(200);
  }
  return false;
}

/** Runs a command from the command palette (F1), by its full label. */
export async function runFromPalette(page: Page, label: string): Promise<void> {
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  if (!(await pickFromQuickInput(page, `>${label}`, label))) throw new Error(`"${label}" is not in the command palette`);
}

/** The content document of the Airlock webview (outer iframe.webview, inner iframe#active-frame). */
export function airlockWebview(page: Page): FrameLocator {
  return page.frameLocator(`iframe.webview[src*="extensionId=${EXTENSION_ID}"]`).frameLocator('iframe#active-frame');
}

export async function closeModalEditors(page: Page): Promise<void> {
  for (let i = 0; i < 3 && (await page.locator('.monaco-modal-editor-block').count()) > 0; i++) {
    await page.keyboard.press('Escape');
    await page.waitForTimeout(200);
  }
}
