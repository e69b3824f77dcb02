/**
 * The page shows what the scheduler, the kubelets and the controllers do (issues 12, 13, 14),
 * driven as a person drives it: YAML typed into the editor and submitted, commands typed into the
 * terminal, the play control at high speed, clicks on the graph and the panel's buttons.
 * - a pod that fits nowhere: kube-scheduler's section shows the real FailedScheduling message and
 *   the per-node table; `kubearch node add big --cpu 128` schedules it into the new node;
 * - a crash-looping pod: its chip and the node section show restarts with back-off; Stop node
 *   silences the kubelet (its Lease renewal age grows);
 * - the kubernetes.io nginx-deployment: three Running chips, its events, `set image` then
 *   `rollout undo`, the chips following.
 * Screenshots at 1280×720 land in test-results/screenshots/workloads-*.png.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { openApp, servedBrowser, screenshot } from './harness';
import { typeLines } from './monaco-keys';

const browser = servedBrowser();

/** The app at 1280×720, with the console errors it has logged so far (each test checks there are none). */
async function openAt1280(): Promise<{ page: Page; errors: string[] }> {
  const { page, errors } = await openApp(browser());
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.getByTestId('component-kubelet/node-1').waitFor();
  await page.getByTestId('monaco-host').locator('.monaco-editor').waitFor({ timeout: 30_000 });
  return { page, errors };
}

async function submit(page: Page, lines: readonly string[], created: string): Promise<void> {
  await typeLines(page, lines, { leaveHover: true, closeSuggestions: true });
  await page.getByTestId('submit').click();
  await page.getByTestId('submit-result').filter({ hasText: created }).waitFor({ timeout: 10_000 });
}

async function play(page: Page, speed: string): Promise<void> {
  await page.getByTestId('speed').selectOption(speed);
  await page.getByTestId('play').click();
}

function terminalText(page: Page): Promise<string> {
  return page.evaluate(() => [...document.querySelectorAll('.xterm-rows > div')].map((r) => (r.textContent ?? '').replace(/\u00a0/g, ' ').trimEnd()).join('\n'));
}

async function typeInTerminal(page: Page, line: string, answer: RegExp): Promise<void> {
  await page.locator('.xterm-helper-textarea').focus();
  await page.keyboard.type(`${line}\n`);
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (answer.test(await terminalText(page))) return;
    await page.waitForTimeout(100);
  }
  assert.fail(`${line}: ${answer} not in the terminal:\n${await terminalText(page)}`);
}

/** Records in the page every status each pod chip is drawn with (window.chipStatuses: name → statuses in order). */
const RECORD_CHIP_STATUSES = `(() => {
  const seen = {};
  window.chipStatuses = seen;
  const note = (el) => {
    const name = (el.getAttribute('data-testid') || '').replace('pod-chip-', '');
    const status = el.getAttribute('data-status') || '';
    const list = (seen[name] = seen[name] || []);
    if (list[list.length - 1] !== status) list.push(status);
  };
  new MutationObserver((records) => {
    for (const r of records) if (r.target instanceof Element) r.target.querySelectorAll('.pod-chip[data-status]').forEach(note);
    for (const r of records) if (r.target instanceof Element && r.target.matches('.pod-chip[data-status]')) note(r.target);
  }).observe(document.querySelector('[data-testid="topology"]') || document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-status'] });
})()`;

/** The pod chips drawn in a node on the graph: name → kubectl STATUS. */
function chips(page: Page, node?: string): Promise<Record<string, string>> {
  return page.evaluate((n) => {
    const scope = n ? document.querySelectorAll(`[data-testid="pods-${n}"] .pod-chip[data-status]`) : document.querySelectorAll('.pod-chip[data-status]');
    return Object.fromEntries([...scope].map((c) => [(c.getAttribute('data-testid') ?? '').replace('pod-chip-', ''), c.getAttribute('data-status') ?? '']));
  }, node);
}

/** A screenshot of the graph pane maximised (the side panel has room to be read), then the pane restored. */
async function maximised(page: Page, name: string): Promise<void> {
  await page.getByTestId('maximise-graph').click();
  await page.waitForTimeout(300);
  await screenshot(page, name);
  await page.getByTestId('maximise-graph').click();
}

async function waitFor<T>(page: Page, what: string, read: () => Promise<T>, ok: (value: T) => boolean, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  let value = await read();
  while (!ok(value)) {
    if (Date.now() > deadline) {
      await screenshot(page, `workloads-failed-${what.replace(/\W+/g, '-')}`);
      assert.fail(`${what}: last seen ${JSON.stringify(value)}`);
    }
    await page.waitForTimeout(100);
    value = await read();
  }
  return value;
}

describe('workloads on the page', () => {
  it('issue 12: a pod that fits nowhere shows the real message and the per-node table; a new big node schedules it', async () => {
    const { page, errors } = await openAt1280();
    await submit(page, ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: big', 'spec:', '  containers:', '  - name: big', '    image: nginx:1.27', '    resources:', '      requests:', '        cpu: 64'], 'pod/big created');
    await play(page, '25');
    await page.getByTestId('component-kube-scheduler').click();
    const message = page.getByTestId('pending-big').getByTestId('failed-scheduling');
    await message.waitFor();
    assert.match(
      (await message.textContent()) ?? '',
      /^FailedScheduling(?: \(×\d+\))?: 0\/3 nodes are available: 3 Insufficient cpu\. preemption: 0\/3 nodes are available: 3 No preemption victims found for incoming pod\.$/,
    );
    assert.equal(await page.getByTestId('queue-unschedulablePods').textContent(), 'unschedulable 1');
    await page.getByTestId('pending-big').getByTestId('explain-toggle').click();
    await page.getByTestId('explain-table').waitFor();
    for (const node of ['node-1', 'node-2', 'node-3']) {
      assert.match((await page.getByTestId(`explain-node-${node}`).textContent()) ?? '', /NodeResourcesFit: Unschedulable \(Insufficient cpu\)/);
    }
    await maximised(page, 'workloads-12-unschedulable');
    await typeInTerminal(page, 'kubearch node add big --cpu 128', /node\/big joining/);
    await page.getByTestId('pods-big').getByTestId('pod-chip-big').waitFor({ timeout: 20_000 });
    await page.getByTestId('pending-big').waitFor({ state: 'detached' });
    await waitFor(page, 'big runs', () => chips(page, 'big'), (c) => c['big'] === 'Running');
    // The new node's name opens its kubelet's node section, with the pod in it.
    await page.getByTestId('host-big').click();
    await waitFor(page, 'big in its node section', () => page.getByTestId('node-pod-big').getByTestId('pod-status').textContent().catch(() => ''), (t) => t === 'Running');
    await screenshot(page, 'workloads-12-scheduled');
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('issue 13: a crash-looping pod restarts with back-off on the graph and in the node section; a stopped node goes silent', async () => {
    const { page, errors } = await openAt1280();
    await submit(page, ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: crasher', 'spec:', '  containers:', '  - name: crasher', '    image: busybox', '    command:', '    - sh', '    - -c', '    - exit 1'], 'pod/crasher created');
    await play(page, '50');
    await waitFor(page, 'crasher crash-loops', () => chips(page), (c) => c['crasher'] === 'CrashLoopBackOff');
    const chip = page.getByTestId('pod-chip-crasher');
    await waitFor(page, 'restarts badge', async () => Number(((await chip.locator('.pod-chip-restarts').textContent().catch(() => '')) ?? '').replace('↻', '') || 0), (n) => n >= 2);
    await chip.click();
    const pod = page.getByTestId('node-pod-crasher');
    await pod.waitFor();
    await waitFor(page, 'node section shows the back-off', async () => `${await pod.getByTestId('pod-status').textContent()} ${await pod.getByTestId('pod-restarts').textContent()} ${await pod.getByTestId('container-crasher').textContent()}`, (t) =>
      /^CrashLoopBackOff ↻ \d+ \(\d+s ago\) .*CrashLoopBackOff.*last: Error \(exit code 1\)back-off (?:\d+m)?\d+s restarting failed container=crasher pod=crasher_default\(/.test(t),
    );
    await maximised(page, 'workloads-13-crashloop');
    const node = (await page.getByTestId('node-section').locator('h4').first().textContent())?.replace('Node ', '') ?? '';
    await page.getByTestId('node-stop').click();
    await waitFor(page, 'kubelet stopped', () => page.getByTestId('node-kubelet-state').textContent(), (t) => (t ?? '').startsWith('stopped'));
    const kubelet = page.getByTestId(`component-kubelet/${node}`);
    assert.match((await kubelet.textContent()) ?? '', /stopped/);
    assert.match((await kubelet.getAttribute('class')) ?? '', /silent/);
    const age = async () => Number(/^([\d.]+) s ago/.exec((await page.getByTestId('node-lease-age').textContent()) ?? '')?.[1] ?? -1);
    const first = await age();
    await waitFor(page, 'lease age grows past the 10 s renewal', age, (a) => a > Math.max(first, 10) + 5);
    await maximised(page, 'workloads-13-stopped');
    await page.getByTestId('node-start').click();
    await waitFor(page, 'kubelet running again', () => page.getByTestId('node-kubelet-state').textContent(), (t) => t === 'running');
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('issue 14: a Deployment rolls out on the graph, set image and rollout undo, the chips follow', async () => {
    const { page, errors } = await openAt1280();
    await submit(
      page,
      [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        '  name: nginx-deployment',
        '  labels:',
        '    app: nginx',
        'spec:',
        '  replicas: 3',
        '  selector:',
        '    matchLabels:',
        '      app: nginx',
        '  template:',
        '    metadata:',
        '      labels:',
        '        app: nginx',
        '    spec:',
        '      containers:',
        '      - name: nginx',
        '        image: nginx:1.14.2',
        '        ports:',
        '        - containerPort: 80',
      ],
      'deployment.apps/nginx-deployment created',
    );
    await play(page, '25');
    const running = (c: Record<string, string>) => Object.entries(c).filter(([n, s]) => n.startsWith('nginx-deployment-') && s === 'Running').map(([n]) => n).sort();
    const first = running(await waitFor(page, '3 Running', () => chips(page), (c) => running(c).length === 3 && Object.keys(c).length === 3));
    await screenshot(page, 'workloads-14-rolled-out');
    // The controllers' events, in the watch stream and as kubectl lists them.
    await page.getByTestId('watch-kind').selectOption('Event');
    await waitFor(page, 'Event rows in the watch stream', () => page.getByTestId('watch-row').count(), (n) => n >= 4);
    await typeInTerminal(page, 'kubectl get events --field-selector reason=ScalingReplicaSet', /ScalingReplicaSet\s+deployment\/nginx-deployment\s[\s\S]*Scaled up replica set\s+nginx-deployment-\w+\s+from 0 to 3/);
    await typeInTerminal(page, 'kubectl get events --field-selector reason=SuccessfulCreate', /SuccessfulCreate\s+replicaset\/nginx-deployment-\w+\s[\s\S]*Created pod:\s+nginx-deployment-/);

    // set image at 1×, so the old pods' short Terminating (under a simulated second) stays on screen
    // long enough to be drawn; every status a chip is drawn with is recorded in the page.
    await page.getByTestId('speed').selectOption('1');
    // A string, not a function: tsx would wrap the inner functions' names in a helper the page lacks.
    await page.evaluate(RECORD_CHIP_STATUSES);
    await typeInTerminal(page, 'kubectl set image deployment/nginx-deployment nginx=nginx:1.16.1', /deployment.apps\/nginx-deployment image updated/);
    const second = running(
      await waitFor(page, 'the new pods replace the old', () => chips(page), (c) => running(c).length === 3 && Object.keys(c).length === 3 && running(c).every((n) => !first.includes(n)), 40_000),
    );
    const seen = await page.evaluate(() => (window as unknown as { chipStatuses: Record<string, string[]> }).chipStatuses);
    assert.ok(
      first.some((n) => seen[n]?.includes('Terminating')),
      `an old pod was drawn Terminating before it went: ${JSON.stringify(seen)}`,
    );
    assert.ok(second.some((n) => seen[n]?.includes('ContainerCreating')), `a new pod was drawn ContainerCreating first: ${JSON.stringify(seen)}`);
    await screenshot(page, 'workloads-14-set-image');
    await page.getByTestId('speed').selectOption('25');
    await typeInTerminal(page, 'kubectl rollout undo deployment/nginx-deployment', /deployment.apps\/nginx-deployment rolled back/);
    const third = running(await waitFor(page, 'rolled back', () => chips(page), (c) => running(c).length === 3 && Object.keys(c).length === 3 && running(c).every((n) => !second.includes(n)), 40_000));
    assert.equal(third.length, 3);
    await screenshot(page, 'workloads-14-undone');
    assert.deepEqual(errors, []);
    await page.close();
  });
});
