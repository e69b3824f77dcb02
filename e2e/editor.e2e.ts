/**
 * The YAML editor knows Kubernetes (issue 11), driven by key presses only: completion of a
 * field (`spec.containers`) and of an enum value accepted with the keys a person presses,
 * hover documentation, a schema error as you type that the server confirms on Submit, the
 * snippets; and Submit's errors marked on the line that has the mistake, once.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { openApp, servedBrowser, screenshot, type OpenedPage } from './harness';
import { typeLines as typeMonacoLines, waitForLines } from './monaco-keys';

const browser = servedBrowser();

/** Clears the editor and types lines as a person does (see monaco-keys.ts), away from any hover left open. */
function typeLines(page: Page, lines: readonly string[]): Promise<void> {
  return typeMonacoLines(page, lines, { leaveHover: true });
}

/** The suggestion list's rows, as monaco labels them ("containers, Property"). */
async function suggestions(page: Page): Promise<string[]> {
  await page.locator('.suggest-widget .monaco-list-row').first().waitFor({ timeout: 10_000 });
  return page.evaluate(() => [...document.querySelectorAll('.suggest-widget .monaco-list-row')].map((r) => r.getAttribute('aria-label') ?? ''));
}

/** The 1-based editor lines that carry a squiggle of this severity. */
async function squiggleLines(page: Page, severity: 'error' | 'warning'): Promise<number[]> {
  return page.evaluate((cls) => {
    const lines = [...document.querySelectorAll('[data-testid="monaco-host"] .view-line')].map((l) => l.getBoundingClientRect().top);
    const first = Math.min(...lines);
    const height = (document.querySelector('[data-testid="monaco-host"] .view-line') as HTMLElement).getBoundingClientRect().height;
    return [...new Set([...document.querySelectorAll(`[data-testid="monaco-host"] .squiggly-${cls}`)].map((s) => Math.round((s.getBoundingClientRect().top - first) / height) + 1))].sort((a, b) => a - b);
  }, severity);
}

/** The marked lines once `test` holds of them, or as they are after 5 s: monaco draws markers on a later frame. */
async function waitForSquiggles(page: Page, severity: 'error' | 'warning', test: (lines: number[]) => boolean): Promise<number[]> {
  const deadline = Date.now() + 5000;
  let marked = await squiggleLines(page, severity);
  while (!test(marked) && Date.now() < deadline) {
    await page.waitForTimeout(100);
    marked = await squiggleLines(page, severity);
  }
  return marked;
}

async function submitErrors(page: Page, typed: readonly string[]): Promise<string[]> {
  await page.waitForTimeout(150);
  await page.keyboard.press('Escape');
  await waitForLines(page, (lines) => lines.join('\n') === typed.join('\n'), 'the text is as typed');
  await page.getByTestId('submit').click();
  await page.getByTestId('submit-error').first().waitFor();
  return page.getByTestId('submit-error').allTextContents();
}

describe('the YAML editor', () => {
  let app: OpenedPage;

  before(async () => {
    app = await openApp(browser());
    await app.page.getByTestId('monaco-host').locator('.monaco-editor').waitFor({ timeout: 30_000 });
  });

  it('completes spec.containers in a Pod, accepted with Enter, and documents it on hover', async () => {
    const page = app.page;
    await typeLines(page, ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: completed', 'spec:', '  cont']);
    const rows = await suggestions(page);
    assert.equal(rows[0], 'containers, Property', rows.join(' | '));
    await screenshot(page, 'editor-01-completion');
    await page.keyboard.press('Enter');
    const lines = await waitForLines(page, (l) => l[5] === '  containers:', 'the suggestion accepted');
    // The inserted item's first field, and the cursor after it: type the name.
    assert.match(lines[6] ?? '', /^\s+- name: $/);
    await page.keyboard.type('web');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Shift+Home');
    await page.keyboard.type('      image: nginx:1.27');
    await page.keyboard.press('Escape');

    await page.locator('[data-testid="monaco-host"] .view-line span', { hasText: 'containers' }).first().hover();
    const hover = page.locator('.monaco-hover').filter({ hasText: 'List of containers belonging to the pod' });
    await hover.waitFor({ timeout: 10_000 });
    await screenshot(page, 'editor-02-hover');
    await page.mouse.move(0, 0);
    await page.getByTestId('submit').click();
    await page.getByTestId('submit-result').filter({ hasText: 'pod/completed created' }).waitFor();
  });

  it('completes an enum value, marks a wrong one as you type, and the server has the final word on Submit', async () => {
    const page = app.page;
    await typeLines(page, ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: policy', 'spec:', '  restartPolicy: ']);
    await page.keyboard.press('Control+Space');
    const rows = await suggestions(page);
    assert.deepEqual(rows.map((r) => r.split(',')[0]).sort(), ['Always', 'Never', 'OnFailure'], rows.join(' | '));
    await page.keyboard.press('Escape');
    // A value the schema does not know: marked while typing, before any Submit.
    await page.keyboard.type('Sometimes');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Shift+Home');
    await page.keyboard.type('  containers: [{name: app, image: nginx}]');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="monaco-host"] .squiggly-error, [data-testid="monaco-host"] .squiggly-warning').length > 0, undefined, { timeout: 10_000 });
    const typedMarks = [...(await squiggleLines(page, 'error')), ...(await squiggleLines(page, 'warning'))];
    await page.locator('[data-testid="monaco-host"] .view-line span', { hasText: 'Sometimes' }).first().hover();
    assert.ok(typedMarks.includes(6), `restartPolicy's line is marked as you type: ${typedMarks.join(',')}`);
    // The field's documentation and its allowed values, from the schema.
    await page.locator('.monaco-hover').filter({ hasText: /Restart policy for all containers within the pod/ }).filter({ hasText: /Allowed Values:\s*Never\s*Always\s*OnFailure/ }).waitFor({ timeout: 10_000 });
    await screenshot(page, 'editor-03-schema-error-as-you-type');
    await page.mouse.move(0, 0);
    const errors = await submitErrors(page, ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: policy', 'spec:', '  restartPolicy: Sometimes', '  containers: [{name: app, image: nginx}]']);
    assert.deepEqual(errors, ['line 6, column 3: spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"']);
  });

  it('offers the snippets for a Pod, a Deployment, a Service and a Job, and a Deployment snippet submits as it is', async () => {
    const page = app.page;
    await typeLines(page, ['']);
    for (const label of ['pod', 'service', 'job']) {
      await page.keyboard.type(label);
      await page.keyboard.press('Control+Space');
      const rows = await suggestions(page);
      assert.ok(rows.some((r) => r.startsWith(`${label},`)), `${label}: ${rows.join(' | ')}`);
      await page.keyboard.press('Escape');
      for (let i = 0; i < label.length; i++) await page.keyboard.press('Backspace');
    }
    await page.keyboard.type('deploy');
    await page.keyboard.press('Control+Space');
    const rows = await suggestions(page);
    assert.ok(rows[0]?.startsWith('deployment,'), rows.join(' | '));
    await screenshot(page, 'editor-04-snippet-offered');
    await page.keyboard.press('Enter');
    // The placeholder (the name) is selected: typing replaces it everywhere it appears.
    await page.keyboard.type('shop');
    await page.keyboard.press('Escape');
    // Drawn on monaco's next frame: wait for the last key typed to show in both places.
    const text = (await waitForLines(page, (lines) => lines.join('\n').includes('app: shop') && lines.join('\n').includes('name: shop'), 'the snippet with its name typed')).join('\n');
    assert.match(text, /kind: Deployment/);
    assert.match(text, /name: shop/);
    assert.match(text, /app: shop/);
    await screenshot(page, 'editor-05-snippet-inserted');
    await page.getByTestId('submit').click();
    await page.getByTestId('submit-result').filter({ hasText: 'deployment.apps/shop created' }).waitFor();
  });

  it('marks a selector: indented too deep once, on its own line', async () => {
    const page = app.page;
    const typed = ['apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: web', 'spec:', '  replicas: 2', '   selector:', '    matchLabels:', '      app: web'];
    await typeLines(page, typed);
    const errors = await submitErrors(page, typed);
    assert.deepEqual(errors, ['line 7, column 12: error converting YAML to JSON: yaml: line 7: mapping values are not allowed in this context']);
    await page.locator('[data-testid="monaco-host"] .squiggly-error').first().waitFor();
    assert.deepEqual(await squiggleLines(page, 'error'), [7]);
    await screenshot(page, 'editor-06-selector-indented');
  });

  it('marks a missing colon on its line, not at line 1', async () => {
    const page = app.page;
    const typed = ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name cm', 'data:', '  a: b'];
    await typeLines(page, typed);
    const errors = await submitErrors(page, typed);
    assert.deepEqual(errors, ['line 4, column 3: error validating data: metadata must be a mapping, got the string "name cm": is a colon missing after "name"?']);
    // Submit's marker on line 4; the schema may mark more as you type, never a line before it.
    const onLine4 = (l: number[]) => l.includes(4) && l.every((n) => n >= 4);
    const marked = await waitForSquiggles(page, 'error', onLine4);
    assert.ok(onLine4(marked), marked.join(','));
    await screenshot(page, 'editor-07-missing-colon');
  });

  it('marks a kind the cluster does not serve on the kind line, with kubectl’s message', async () => {
    const page = app.page;
    const typed = ['apiVersion: apps/v1', 'kind: Deploymnet', 'metadata:', '  name: web'];
    await typeLines(page, typed);
    const errors = await submitErrors(page, typed);
    assert.deepEqual(errors, ['line 2, column 1: no matches for kind "Deploymnet" in version "apps/v1"']);
    const onLine2 = (l: number[]) => l.includes(2) && l.every((n) => n >= 2);
    const marked = await waitForSquiggles(page, 'error', onLine2);
    assert.ok(onLine2(marked), marked.join(','));
    await page.locator('[data-testid="monaco-host"] .view-line span', { hasText: 'Deploymnet' }).first().hover();
    await page.locator('.monaco-hover').filter({ hasText: 'no matches for kind "Deploymnet" in version "apps/v1"' }).waitFor({ timeout: 10_000 });
    await screenshot(page, 'editor-08-unknown-kind');
    assert.deepEqual(app.errors, []);
  });
});
