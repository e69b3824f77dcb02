/**
 * Reading and typing in the YAML editor (monaco) as a person does, for the browser tests.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';

/** The editor's lines as drawn, with monaco's non-breaking spaces made plain. */
export async function editorLines(page: Page): Promise<string[]> {
  return page.evaluate(() => [...document.querySelectorAll('[data-testid="monaco-host"] .view-line')].map((l) => (l.textContent ?? '').replace(/\u00a0/g, ' ')));
}

/** Waits until monaco has drawn lines that pass `test` (it draws on the next frame, later on a busy page). */
export async function waitForLines(page: Page, test: (lines: string[]) => boolean, what: string): Promise<string[]> {
  const deadline = Date.now() + 5000;
  let lines = await editorLines(page);
  while (!test(lines) && Date.now() < deadline) {
    await page.waitForTimeout(50);
    lines = await editorLines(page);
  }
  assert.ok(test(lines), `${what}:\n${lines.join('\n')}`);
  return lines;
}

export interface TypeLinesOptions {
  /** Move the mouse away and press Escape first, so no hover left open takes the click. */
  readonly leaveHover?: boolean;
  /** Press Escape after the last line, closing a suggestion list it opened. */
  readonly closeSuggestions?: boolean;
}

/**
 * Clears the editor and types lines as a person does: after each Enter monaco indents the new
 * line itself, so the line's own indentation is typed over that (Shift+Home selects it); Escape
 * closes any suggestion first, so Enter makes a new line.
 */
export async function typeLines(page: Page, lines: readonly string[], options: TypeLinesOptions = {}): Promise<void> {
  if (options.leaveHover) {
    await page.mouse.move(0, 0);
    await page.keyboard.press('Escape');
  }
  await page.getByTestId('monaco-host').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  for (const [i, line] of lines.entries()) {
    if (i > 0) {
      // Let a suggestion list still on its way open, then close it, as a person sees it and does.
      await page.waitForTimeout(150);
      await page.keyboard.press('Escape');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Shift+Home');
      if (line === '') await page.keyboard.press('Delete');
    }
    await page.keyboard.type(line);
  }
  if (options.closeSuggestions) await page.keyboard.press('Escape');
}
