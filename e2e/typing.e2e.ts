/**
 * Typing that works (issue 11), with real key presses only: a manifest typed key by key into
 * the YAML editor (spaces kept) and submitted; the shell's Tab completion, a pasted block run
 * line by line, keys typed during `kubectl get -w` kept for after Ctrl-C, help wrapped at words;
 * and a reset during `-w` that the terminal reports and the editor forgets.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { openApp, servedBrowser, screenshot, type OpenedPage } from './harness';
import { editorLines, typeLines as typeMonacoLines, waitForLines } from './monaco-keys';

const browser = servedBrowser();

/** Clears the editor, types lines as a person does (see monaco-keys.ts) and closes any suggestion left open. */
function typeLines(page: Page, lines: readonly string[]): Promise<void> {
  return typeMonacoLines(page, lines, { closeSuggestions: true });
}

function terminalText(page: Page): Promise<string> {
  return page.evaluate(() => [...document.querySelectorAll('.xterm-rows > div')].map((r) => (r.textContent ?? '').replace(/\u00a0/g, ' ').trimEnd()).join('\n'));
}

async function waitForTerminal(page: Page, pattern: RegExp, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (pattern.test(await terminalText(page))) return;
    await page.waitForTimeout(100);
  }
  await screenshot(page, `typing-failed-${what}`);
  assert.fail(`${what}: ${pattern} not in the terminal:\n${await terminalText(page)}`);
}

describe('typing in the page', () => {
  let app: OpenedPage;

  before(async () => {
    app = await openApp(browser());
    await app.page.getByTestId('monaco-host').locator('.monaco-editor').waitFor({ timeout: 30_000 });
    await app.page.locator('.xterm-rows').waitFor();
  });

  it('types a whole manifest key by key in the YAML editor, spaces kept, and submits it', async () => {
    const page = app.page;
    const manifest = ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: typed', '  labels:', '    app: web', 'spec:', '  containers:', '  - name: nginx', '    image: nginx:1.27'];
    await typeLines(page, manifest);
    // The last key typed is drawn on monaco's next frame: wait for it as a person would look.
    await waitForLines(page, (lines) => lines.length === manifest.length && lines[lines.length - 1] === manifest[manifest.length - 1], 'the last line typed');
    assert.deepEqual(await editorLines(page), manifest, 'every space typed is in the text');
    await screenshot(page, 'typing-01-manifest-typed');
    await page.getByTestId('submit').click();
    await page.getByTestId('submit-result').filter({ hasText: 'pod/typed created' }).waitFor();
    assert.deepEqual(app.errors, []);
  });

  it('completes kubectl words with Tab', async () => {
    const page = app.page;
    await page.locator('.xterm-helper-textarea').focus();
    // "po" is ambiguous now that poddisruptionbudgets are served: "nod" is not.
    await page.keyboard.type('kubectl get nod');
    await page.keyboard.press('Tab');
    await waitForTerminal(page, /kubearch\$ kubectl get nodes$/m, 'tab-type-nodes');
    for (let i = 0; i < 'nodes '.length; i++) await page.keyboard.press('Backspace');
    await page.keyboard.type('pods');
    await page.keyboard.press('Tab');
    await waitForTerminal(page, /kubearch\$ kubectl get pods$/m, 'tab-type');
    // The object's name, listed through the apiserver.
    await page.keyboard.type('ty');
    await page.keyboard.press('Tab');
    await waitForTerminal(page, /kubearch\$ kubectl get pods typed$/m, 'tab-name');
    await page.keyboard.press('Enter');
    await waitForTerminal(page, /^typed\s+\d\/1\s+\w+/m, 'tab-ran');
    // Two candidates: Tab lists them, and the line stays as typed below the list.
    await page.keyboard.type('kubectl get pods --wat');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await waitForTerminal(page, /--watch\s+--watch-only\nkubearch\$ kubectl get pods --watch$/m, 'tab-list');
    await screenshot(page, 'typing-02-tab-completion');
    await page.keyboard.press('Control+U');
    await page.keyboard.press('Enter');
  });

  it('runs a pasted block line by line, a here-document included', async () => {
    const page = app.page;
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    const block = ['kubearch status', 'kubectl apply -f - <<EOF', 'apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: pasted', 'EOF', 'kubectl get configmap pasted', ''].join('\n');
    await page.evaluate((t) => navigator.clipboard.writeText(t), block);
    await page.locator('.xterm-helper-textarea').focus();
    // A terminal's paste key (Ctrl+V is a control character there).
    await page.keyboard.press('Control+Shift+V');
    await waitForTerminal(page, /kubearch\$ kubearch status\ntime:/, 'paste-first');
    await waitForTerminal(page, /configmap\/pasted created/, 'paste-heredoc');
    await waitForTerminal(page, /kubearch\$ kubectl get configmap pasted\nNAME\s+DATA\s+AGE\npasted\s+0\s/, 'paste-last');
    await screenshot(page, 'typing-03-paste');
  });

  it('keeps keys typed during kubectl get -w for the prompt after Ctrl-C', async () => {
    const page = app.page;
    await page.locator('.xterm-helper-textarea').focus();
    await page.keyboard.type('kubectl get pods -w\n');
    await waitForTerminal(page, /kubectl get pods -w\nNAME\s+READY/, 'watch-started');
    await page.keyboard.type('kubectl get cm pasted');
    await page.waitForTimeout(300);
    assert.doesNotMatch(await terminalText(page), /kubectl get cm pasted/, 'not echoed while the watch runs');
    await page.keyboard.press('Control+C');
    await waitForTerminal(page, /\^C\nkubearch\$ kubectl get cm pasted$/m, 'typeahead-kept');
    await screenshot(page, 'typing-04-typeahead-after-ctrl-c');
    await page.keyboard.press('Enter');
    await waitForTerminal(page, /kubearch\$ kubectl get cm pasted\nNAME\s+DATA/, 'typeahead-ran');
  });

  it('wraps help text at words in a narrow terminal', async () => {
    const page = app.page;
    await page.setViewportSize({ width: 900, height: 900 });
    try {
      await page.waitForTimeout(300);
      await page.locator('.xterm-helper-textarea').focus();
      await page.keyboard.press('Control+L');
      await page.keyboard.type('help\n');
      await waitForTerminal(page, /Here-documents work/, 'help');
      const words = new Set(
        'Commands of the simulated cluster: kubectl ... talk to the cluster: get, describe, apply, create, delete, edit, patch, label, annotate, scale, run, replace, auth, api-resources, events, config, explain, version, cluster-info etcdctl ... talk to etcd: put, get, del, txn, watch, compaction, lease, endpoint status kubearch ... drive the simulator: step, status, trace sleep DURATION let simulated time pass (30s, 5m, 1m30s) echo, env print words, or the environment a command was given (etcdctl watch KEY -- env) help this text Here-documents work: kubectl apply -f - <<EOF ... EOF'.split(' '),
      );
      const text = await terminalText(page);
      // The rows on screen above the last line of the help (the top may have scrolled away).
      const helpRows = text.slice(0, text.indexOf('Here-documents work')).split('\n').filter((r) => r.trim() && !r.includes('kubearch$'));
      const cols = await page.evaluate(() => document.querySelector('.xterm-rows > div')?.textContent?.length ?? 0);
      assert.ok(helpRows.length > 8, `the help is there: ${helpRows.length} rows`);
      assert.ok(cols < 80, `the terminal is narrower than the help: ${cols} columns`);
      for (const row of helpRows) for (const word of row.split(/\s+/).filter(Boolean)) assert.ok(words.has(word), `"${word}" is a whole word (row: "${row}")`);
      await screenshot(page, 'typing-05-help-wrapped');
    } finally {
      await page.setViewportSize({ width: 1440, height: 900 });
      await page.waitForTimeout(300);
    }
  });

  it('reset during kubectl get -w stops it, says so with the seed, and clears the editor’s results', async () => {
    const page = app.page;
    assert.ok(await page.getByTestId('submit-result').isVisible(), 'the last Submit is on screen');
    await page.locator('.xterm-helper-textarea').focus();
    await page.keyboard.type('kubectl get pods -w\n');
    await waitForTerminal(page, /kubectl get pods -w\nNAME\s+READY[^\n]*\ntyped\s/, 'reset-watch');
    await page.getByTestId('seed').fill('4');
    await page.getByTestId('reset').click();
    await waitForTerminal(page, /kubearch: the cluster was reset \(seed 4\); stopped: kubectl get pods -w\nkubearch\$$/m, 'reset-notice');
    await page.getByTestId('submit-result').waitFor({ state: 'detached' });
    await page.locator('.xterm-helper-textarea').focus();
    await page.keyboard.type('kubectl get pods typed\n');
    await waitForTerminal(page, /Error from server \(NotFound\): pods "typed" not found/, 'reset-new-cluster');
    await screenshot(page, 'typing-06-reset-during-watch');
    assert.deepEqual(app.errors, []);
  });
});
