/**
 * Steps that explain and breakpoints on the cluster, as a person uses them: the page starts
 * paused and says so; Step names the event it ran in the event log (the one the log said was
 * next); "to next etcd write" runs to one; a breakpoint typed into the form stops play at a
 * pod's creation and says which hit; one set in the shell shows on the page and stops play by
 * itself; a bad condition is refused where it was typed.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { openApp, servedBrowser, screenshot, type OpenedPage } from './harness';

const browser = servedBrowser();

async function text(page: Page, testId: string): Promise<string> {
  return (await page.getByTestId(testId).first().innerText()).replace(/\s+/g, ' ').trim();
}

/** Type a line in the page's terminal, key by key, and wait for `answer` on its screen. */
async function typeInShell(page: Page, line: string, answer: string | RegExp): Promise<void> {
  await page.locator('.xterm-helper-textarea').focus();
  await page.keyboard.type(`${line}\n`);
  await page.locator('.xterm-rows').filter({ hasText: answer }).waitFor({ timeout: 15_000 });
}

describe('steps that explain', () => {
  let app: OpenedPage;
  before(async () => {
    app = await openApp(browser());
    await app.page.setViewportSize({ width: 1280, height: 720 });
  });
  after(async () => app?.page.close());

  it('starts paused and says so, with the next event and when it runs', async () => {
    const { page } = app;
    await page.getByTestId('event-log-next').filter({ hasText: /next: \S+/ }).waitFor();
    assert.equal(await text(page, 'run-state'), 'Paused: press Play or Step');
    assert.match(await text(page, 'event-log-next'), /^\d+\.\d{3}s next: [\w/.-]+ .+ \(in \d+\.\d{3}s of simulated time\)$/);
  });

  it('Step runs the event the log said was next, and highlights it', async () => {
    const { page } = app;
    const next = await text(page, 'event-log-next');
    const [, at, who] = /^(\S+) next: (\S+)/.exec(next) ?? [];
    await page.getByTestId('step').click();
    await page.getByTestId('event-log-last').filter({ hasText: at ?? '?' }).waitFor();
    const last = await text(page, 'event-log-last');
    assert.ok(last.startsWith(`${at} ${who}`), `the stepped event (${last}) is the one that was next (${next})`);
    assert.equal(await page.locator('.step-log-rows li.just-ran').count(), 1);
    await screenshot(page, 'steps-01-stepped');
  });

  it('"to next etcd write" runs to the next write to etcd and names the event', async () => {
    const { page } = app;
    await page.getByTestId('step-to-etcd-write').click();
    await page.getByTestId('event-log-last').filter({ hasText: /receive etcd from kube-apiserver: txn/ }).waitFor();
    assert.match(await text(page, 'event-log-last'), /^\d+\.\d{3}s etcd receive etcd from kube-apiserver: txn (create|update) \/registry\//);
    assert.equal(await text(page, 'run-state'), 'Paused: press Play or Step');
  });

  it('refuses a bad condition where it was typed, and keeps the text', async () => {
    const { page } = app;
    await page.getByTestId('breakpoint-kind').selectOption('pod-phase');
    await page.getByTestId('breakpoint-args').click();
    await page.keyboard.type('Sleeping');
    await page.keyboard.press('Enter');
    assert.match(await text(page, 'breakpoint-error'), /^unknown pod phase 'Sleeping' \(phases: Pending, Running/);
    assert.equal(await page.getByTestId('breakpoint-args').inputValue(), 'Sleeping');
    assert.equal(await page.getByTestId('breakpoint').count(), 0);
    await page.getByTestId('breakpoint-args').fill('');
  });

  it('a breakpoint on writes to /registry/pods/ stops play at the pod\'s creation and shows the hit', async () => {
    const { page } = app;
    await page.getByTestId('breakpoint-kind').selectOption('etcd-write');
    await page.getByTestId('breakpoint-args').click();
    await page.keyboard.type('/registry/pods/');
    await page.keyboard.press('Enter');
    await page.getByTestId('breakpoint').filter({ hasText: 'etcd-write /registry/pods/' }).waitFor();
    await page.getByTestId('play').click();
    await page.getByTestId('run-state').filter({ hasText: 'Playing' }).waitFor();
    await typeInShell(page, 'kubectl run web --image=nginx', 'pod/web created');
    await page.getByTestId('breakpoint-stop').waitFor();
    assert.match(await text(page, 'breakpoint-stop'), /^Stopped: breakpoint 1 \(etcd-write \/registry\/pods\/\) hit at \d+\.\d{3}s: PUT \/registry\/pods\/default\/web \(revision \d+\)$/);
    assert.equal(await text(page, 'run-state'), 'Paused: press Play or Step');
    await page.locator('.xterm-rows').filter({ hasText: /kubearch: breakpoint 1 \(etcd-write \/registry\/pods\/\) hit at/ }).waitFor();
    // Stopped means stopped: the clock stands still.
    const clock = await text(page, 'clock-time');
    await page.waitForTimeout(400);
    assert.equal(await text(page, 'clock-time'), clock);
    await screenshot(page, 'steps-02-breakpoint-hit');
  });

  it('a breakpoint set in the shell shows on the page and stops play by itself; removing one takes it off', async () => {
    const { page } = app;
    await typeInShell(page, 'kubearch break add watch leases MODIFIED', 'breakpoint 2: watch leases MODIFIED');
    await page.getByTestId('breakpoint').filter({ hasText: 'watch leases MODIFIED' }).waitFor();
    await page.getByRole('button', { name: 'Remove breakpoint 1' }).click();
    await page.getByTestId('breakpoint').filter({ hasText: 'etcd-write' }).waitFor({ state: 'detached' });
    await page.getByTestId('play').click();
    await page.getByTestId('breakpoint-stop').filter({ hasText: 'breakpoint 2 (watch leases MODIFIED) hit at' }).waitFor({ timeout: 15_000 });
    assert.equal(await text(page, 'run-state'), 'Paused: press Play or Step');
    assert.match(await text(page, 'breakpoint-stop'), /watch event MODIFIED leases \S+ \(resourceVersion \d+\)$/);
    await typeInShell(page, 'kubearch break list', /2 +watch leases MODIFIED +\(hit 1 time\)/);
    await screenshot(page, 'steps-03-shell-breakpoint');
    assert.deepEqual(app.errors, []);
  });
});
