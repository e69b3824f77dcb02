/**
 * What only a browser shows: the page loads offline with no console errors, the graph draws
 * every component, the controls drive the worker's engine, and a bad YAML is reported in the
 * editor without losing the text.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { openApp, servedBrowser, screenshot, typeCommand, type OpenedPage } from './harness';

const browser = servedBrowser();

async function eventsRun(page: Page): Promise<number> {
  const text = await page.getByTestId('events-run').textContent();
  const m = /^(\d+) events run/.exec(text ?? '');
  assert.ok(m, `events-run shows a count: ${text}`);
  return Number(m[1]);
}

async function seconds(page: Page): Promise<number> {
  const text = (await page.getByTestId('clock-time').textContent()) ?? '';
  const m = /^(?:(\d+)m)?([\d.]+)s$/.exec(text);
  assert.ok(m, `clock shows a time: ${text}`);
  return Number(m[1] ?? 0) * 60 + Number(m[2]);
}

describe('the page', () => {
  let app: OpenedPage;

  before(async () => {
    app = await openApp(browser());
  });

  it('loads with no console errors and fetches nothing off this machine', async () => {
    await app.page.getByTestId('component-kube-apiserver').waitFor();
    await app.page.getByTestId('monaco-host').locator('.monaco-editor').waitFor({ timeout: 30_000 });
    await app.page.locator('.xterm-rows').waitFor();
    await screenshot(app.page, '01-loaded');
    assert.deepEqual(app.errors, []);
    assert.deepEqual(app.offsite, []);
  });

  it('draws every component of the control plane and of each worker node', async () => {
    for (const id of ['kube-apiserver', 'etcd', 'kube-scheduler', 'kube-controller-manager', 'cloud-controller-manager']) {
      await app.page.getByTestId(`component-${id}`).waitFor();
    }
    for (const node of ['node-1', 'node-2', 'node-3']) {
      for (const kind of ['kubelet', 'kube-proxy', 'container-runtime']) {
        await app.page.getByTestId(`component-${kind}/${node}`).waitFor();
      }
    }
    // A component says how many of its parts run rather than pretend (kube-controller-manager's
    // controllers); cloud-controller-manager and kube-proxy run now.
    const kcm = await app.page.getByTestId('component-kube-controller-manager').textContent();
    assert.match(kcm ?? '', /\d+ of \d+ parts simulated/);
    const proxy = await app.page.getByTestId('component-kube-proxy/node-1').textContent();
    assert.doesNotMatch(proxy ?? '', /not yet simulated/);
    const scheduler = await app.page.getByTestId('component-kube-scheduler').textContent();
    assert.doesNotMatch(scheduler ?? '', /not yet/);
    const kubelet = await app.page.getByTestId('component-kubelet/node-1').textContent();
    assert.match(kubelet ?? '', /simulated/);
    assert.doesNotMatch(kubelet ?? '', /not yet/);
  });

  it('steps exactly one event at a time', async () => {
    const page = app.page;
    const before = await eventsRun(page);
    const nextText = (await page.getByTestId('next-event').textContent()) ?? '';
    await page.getByTestId('step').click();
    await page.waitForFunction((n) => document.querySelector('[data-testid="events-run"]')?.textContent?.startsWith(`${n} events run`), before + 1);
    assert.equal(await eventsRun(page), before + 1);
    // The clock jumps to the time of the event that ran, which is what "next event" showed.
    assert.equal(`next event at ${await page.getByTestId('clock-time').textContent()}`, nextText);
  });

  it('plays: the clock advances and watch events arrive; pause stops it', async () => {
    const page = app.page;
    const t0 = await seconds(page);
    await page.getByTestId('speed').selectOption('10');
    await page.getByTestId('play').click();
    await page.getByTestId('watch-row').first().waitFor();
    await page.waitForFunction((t) => {
      const text = document.querySelector('[data-testid="clock-time"]')?.textContent ?? '';
      const m = /^(?:(\d+)m)?([\d.]+)s$/.exec(text);
      return m !== null && Number(m[1] ?? 0) * 60 + Number(m[2]) > t + 12;
    }, t0);
    await page.getByTestId('pause').click();
    await page.getByTestId('play').waitFor();
    const paused = await seconds(page);
    await page.waitForTimeout(300);
    assert.equal(await seconds(page), paused, 'the clock stands still when paused');
    const rows = await page.getByTestId('watch-row').allTextContents();
    assert.ok(rows.some((r) => r.includes('Lease') && r.includes('kube-node-lease/node-1')), `lease renewals in the stream: ${rows.slice(0, 3).join(' | ')}`);
    await screenshot(page, '02-played');
  });

  it('shows a YAML syntax error at its line in the editor and keeps the text', async () => {
    const page = app.page;
    await page.getByTestId('monaco-host').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    const bad = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: broken\n  labels: [a, b\n';
    await page.keyboard.insertText(bad);
    const typed = await page.evaluate(() => (document.querySelector('[data-testid="monaco-host"] .view-lines')?.textContent ?? '').replace(/\u00a0/g, ' '));
    await page.getByTestId('submit').click();
    const error = page.getByTestId('submit-error').first();
    await error.waitFor();
    const message = (await error.textContent()) ?? '';
    assert.match(message, /^line \d+, column \d+: error converting YAML to JSON/);
    // monaco draws the marker as a squiggle in the editor.
    await page.locator('.monaco-editor .squiggly-error').first().waitFor();
    const after = await page.evaluate(() => (document.querySelector('[data-testid="monaco-host"] .view-lines')?.textContent ?? '').replace(/\u00a0/g, ' '));
    assert.equal(after, typed, 'the text is still there');
    assert.match(after, /name: broken/);
    await screenshot(page, '03-yaml-error');
  });

  it('submits a valid manifest and sees its ADDED watch event', async () => {
    const page = app.page;
    await page.getByTestId('monaco-host').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    // Typed flat: monaco would indent a line typed after `name: settings`.
    await page.keyboard.insertText('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {mode: demo}\n');
    await page.getByTestId('submit').click();
    await page.getByTestId('submit-result').filter({ hasText: 'configmap/settings created' }).waitFor();
    await page.getByTestId('step').click();
    await page.getByTestId('watch-row').filter({ hasText: 'default/settings' }).first().waitFor();
    const row = (await page.getByTestId('watch-row').filter({ hasText: 'default/settings' }).first().textContent()) ?? '';
    assert.match(row, /ADDED/);
    assert.match(row, /ConfigMap/);
  });

  it('runs commands in the shell', async () => {
    const page = app.page;
    await page.locator('.xterm-helper-textarea').focus();
    await page.keyboard.type('kubearch status\n');
    await page.locator('.xterm-rows').filter({ hasText: 'trace:' }).waitFor();
    await page.keyboard.type('frobnicate\n');
    await page.locator('.xterm-rows').filter({ hasText: 'frobnicate: command not found' }).waitFor();
    await screenshot(page, '04-shell');
    assert.deepEqual(app.errors, []);
  });

  it('puts a key with etcdctl, shows its revisions in the etcd panel, and compacts the old one away', async () => {
    const page = app.page;
    const terminal = page.locator('.xterm-rows');
    await page.locator('.xterm-helper-textarea').focus();
    // One command at a time, each after the previous one's answer, as a person types.
    const run = (command: string) => typeCommand(page, command);
    await run('etcdctl put /demo/greeting hello');
    await run('etcdctl put /demo/greeting world');
    await run('etcdctl get /demo/greeting -w json');
    await terminal.filter({ hasText: '"kvs"' }).waitFor();
    await page.getByTestId('tab-etcd').click();
    await page.locator('[data-testid="etcd-folder"][data-path="/demo/"]').click();
    await page.locator('[data-testid="etcd-key"][data-path="/demo/greeting"]').click();
    const entries = page.getByTestId('etcd-revision-entry');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="etcd-revision-entry"]').length === 2);
    const newest = (await entries.nth(0).textContent()) ?? '';
    const oldest = (await entries.nth(1).textContent()) ?? '';
    assert.match(newest, /version 2/);
    assert.match(newest, /world/);
    assert.match(oldest, /version 1/);
    assert.match(oldest, /hello/);
    const oldRevision = Number(/mod_revision (\d+)/.exec(oldest)?.[1]);
    const newRevision = Number(/mod_revision (\d+)/.exec(newest)?.[1]);
    assert.equal(newRevision, oldRevision + 1, 'one revision per put');
    await screenshot(page, '05-etcd-before-compaction');

    await page.getByTestId('etcd-compact').click();
    await page.waitForFunction(() => !/—/.test(document.querySelector('[data-testid="etcd-compacted"]')?.textContent ?? '—'));
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="etcd-revision-entry"]').length === 1);
    assert.match((await entries.nth(0).textContent()) ?? '', /world/);

    await page.locator('.xterm-helper-textarea').focus();
    await page.keyboard.type(`etcdctl get /demo/greeting --rev=${oldRevision}\n`);
    await terminal.filter({ hasText: 'Error: etcdserver: mvcc: required revision has been compacted' }).waitFor();
    await page.keyboard.type(`etcdctl get /demo/greeting --rev=${newRevision} --print-value-only\n`);
    await terminal.filter({ hasText: /^world$/m }).first().waitFor({ timeout: 5000 }).catch(() => undefined);
    await screenshot(page, '06-etcd-compacted');
    assert.deepEqual(app.errors, []);
  });

  it('submits a valid Pod as the admin and an invalid one as alice: stored object, errors at the field, watch events and the audit trail', async () => {
    const page = app.page;
    // Pasted, as a learner brings a manifest in: typing would let monaco auto-indent it.
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    const replaceEditorText = async (text: string) => {
      await page.evaluate((t) => navigator.clipboard.writeText(t), text);
      await page.getByTestId('monaco-host').click();
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Control+V');
    };
    await page.getByTestId('editor-user').selectOption('kubernetes-admin');
    await replaceEditorText(
      [
        'apiVersion: v1',
        'kind: Pod',
        'metadata:',
        '  name: web',
        'spec:',
        '  containers:',
        '  - name: nginx',
        '    image: nginx:1.27',
        '---',
        'apiVersion: rbac.authorization.k8s.io/v1',
        'kind: RoleBinding',
        'metadata:',
        '  name: alice-edit',
        'roleRef:',
        '  apiGroup: rbac.authorization.k8s.io',
        '  kind: ClusterRole',
        '  name: edit',
        'subjects:',
        '- apiGroup: rbac.authorization.k8s.io',
        '  kind: User',
        '  name: alice',
        '',
      ].join('\n'),
    );
    await page.getByTestId('submit').click();
    await page.getByTestId('submit-result').filter({ hasText: 'pod/web created' }).waitFor();
    assert.match((await page.getByTestId('submit-result').textContent()) ?? '', /rolebinding.rbac.authorization.k8s.io\/alice-edit created/);

    // The stored object, read back through the apiserver: defaulted by the server.
    await page.locator('.xterm-helper-textarea').focus();
    await page.keyboard.type('kubectl get pod web -o custom-columns=NAME:.metadata.name,RESTART:.spec.restartPolicy,SA:.spec.serviceAccountName,TOLERATIONS:.spec.tolerations[*].key\n');
    const terminal = page.locator('.xterm-rows');
    // restartPolicy from defaulting, the service account and the tolerations from admission.
    await terminal.filter({ hasText: /web\s+Always\s+default\s+node.kubernetes.io\/not-ready,node.kubernetes.io\/unreachable/ }).waitFor();

    // alice may now create pods in default, but this one has no image.
    await page.getByTestId('editor-user').selectOption('alice');
    await replaceEditorText(['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: broken', 'spec:', '  containers:', '  - name: app', ''].join('\n'));
    await page.getByTestId('submit').click();
    const error = page.getByTestId('submit-error').first();
    await error.waitFor();
    const message = (await error.textContent()) ?? '';
    assert.match(message, /spec\.containers\[0\]\.image: Required value/);
    assert.match(message, /^line 7, column \d+:/, `the error points at the container: ${message}`);
    await page.locator('.monaco-editor .squiggly-error').first().waitFor();

    // bob has no binding: Forbidden, with the real message.
    await page.getByTestId('editor-user').selectOption('bob');
    await replaceEditorText(['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: bobs', 'data:', '  a: b', ''].join('\n'));
    await page.getByTestId('submit').click();
    await page.getByTestId('submit-result').filter({ hasText: 'User "bob" cannot' }).waitFor();

    // Watch events: web was added, broken never was.
    await page.getByTestId('tab-watch').click();
    await page.getByTestId('step').click();
    await page.getByTestId('watch-row').filter({ hasText: 'default/web' }).first().waitFor();
    assert.equal(await page.getByTestId('watch-row').filter({ hasText: 'default/broken' }).count(), 0);

    // The audit trail: alice's create was rejected at validation, with 422.
    await page.getByTestId('tab-requests').click();
    await page.getByTestId('requests-filter').fill('alice');
    const aliceCreate = page.getByTestId('request-row').filter({ hasText: 'create' }).filter({ hasText: '422' }).first();
    await aliceCreate.waitFor();
    await aliceCreate.click();
    const journey = page.getByTestId('request-journey');
    await journey.waitFor();
    const stages = await page.getByTestId('journey-stage').allTextContents();
    assert.ok(stages.some((s) => /passed\s*authentication/.test(s)), stages.join(' | '));
    assert.ok(stages.some((s) => /passed\s*authorization/.test(s)), stages.join(' | '));
    assert.ok(stages.some((s) => /failed/.test(s) && /image: Required value/.test(s)), stages.join(' | '));
    await screenshot(page, '07-audit-trail');
    await page.getByTestId('requests-filter').fill('bob');
    const bobRow = page.getByTestId('request-row').filter({ hasText: '403' }).first();
    await bobRow.waitFor();
    await bobRow.click();
    // kubectl apply reads the object first: bob is already refused there.
    assert.match((await journey.textContent()) ?? '', /configmaps "bobs" is forbidden: User "bob" cannot get resource "configmaps" in API group "" in the namespace "default"/);
    assert.match((await page.getByTestId('submit-result').textContent()) ?? '', /Error from server \(Forbidden\)/);
    assert.deepEqual(app.errors, []);
  });
  it('streams kubectl get -w until Ctrl-C, and kubectl edit opens the object in the editor and saves it', async () => {
    const page = app.page;
    const terminal = page.locator('.xterm-rows');
    await page.locator('.xterm-helper-textarea').focus();
    await page.keyboard.type('kubectl get configmaps -w\n');
    await terminal.filter({ hasText: /settings\s+1\s/ }).waitFor();
    // A change made elsewhere arrives in the open watch as a new row.
    await page.getByTestId('tab-watch').click();
    await page.getByTestId('editor-user').selectOption('kubernetes-admin');
    await page.getByTestId('monaco-host').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: streamed}\ndata: {a: b}\n');
    await page.getByTestId('submit').click();
    await page.getByTestId('submit-result').filter({ hasText: 'configmap/streamed created' }).waitFor();
    await page.getByTestId('step').click();
    await terminal.filter({ hasText: /streamed\s+1\s/ }).waitFor();
    await page.locator('.xterm-helper-textarea').focus();
    await page.keyboard.press('Control+C');
    await terminal.filter({ hasText: '^C' }).waitFor();

    await page.keyboard.type('kubectl edit configmap settings\n');
    await page.getByTestId('editing').waitFor();
    await page.waitForFunction(() => /mode: demo/.test((document.querySelector('[data-testid="monaco-host"] .view-lines')?.textContent ?? '').replace(/\u00a0/g, ' ')));
    // Change data.mode in place: go to its line (kubectl's header comment is 4 lines, then
    // apiVersion, data:, mode:), select the value and type over it.
    const lines = await page.evaluate(() => [...document.querySelectorAll('[data-testid="monaco-host"] .view-line')].map((l) => (l.textContent ?? '').replace(/\u00a0/g, ' ')));
    assert.ok(lines.some((l) => /^\s+mode: demo$/.test(l)), lines.join('\n'));
    await page.getByTestId('monaco-host').click();
    await page.keyboard.press('Control+G');
    await page.keyboard.type('7');
    await page.keyboard.press('Enter');
    await page.keyboard.press('End');
    await page.keyboard.press('Shift+Control+ArrowLeft');
    await page.keyboard.type('live');
    await page.getByTestId('submit').click();
    await page.getByTestId('submit-result').filter({ hasText: 'configmap/settings edited' }).waitFor();
    await screenshot(page, '08-kubectl-edit');
    await page.locator('.xterm-helper-textarea').focus();
    await page.keyboard.type('kubectl get configmap settings -o jsonpath={.data.mode}\n');
    await terminal.filter({ hasText: /^live/m }).first().waitFor({ timeout: 5000 }).catch(() => undefined);
    assert.match((await terminal.textContent()) ?? '', /live/);
    assert.deepEqual(app.errors, []);
  });

  it('schedules and runs a pod typed in the shell: Running on a node, its log, and why the scheduler chose that node', async () => {
    const page = app.page;
    const terminal = page.locator('.xterm-rows');
    await page.locator('.xterm-helper-textarea').focus();
    await page.keyboard.type("kubectl run hello --image=busybox:1.36 -- sh -c 'echo hi from the pod; sleep 3600'\n");
    await terminal.filter({ hasText: 'pod/hello created' }).waitFor();
    await page.keyboard.type('sleep 10s\n');
    // A person waits for the prompt here (typing.e2e.ts types ahead during a command).
    await terminal.filter({ hasText: /sleep 10skubearch\$/ }).waitFor();
    await page.keyboard.type('kubectl get pod hello -o wide\n');
    const running = /hello\s+1\/1\s+Running\s+0\s+\S+\s+10\.244\.\d\.\d+\s+node-\d/;
    await terminal.filter({ hasText: running }).waitFor({ timeout: 10_000 }).catch(async () => {
      await screenshot(page, '09-pod-running-failed');
      assert.fail(`no Running row in the terminal:\n${(await terminal.textContent()) ?? ''}`);
    });
    await page.keyboard.type('kubectl logs hello\n');
    // Rows run together in the text: the command line, then the container's line.
    await terminal.filter({ hasText: /kubectl logs hellohi from the pod/ }).waitFor();
    await page.keyboard.type('kubearch explain pod hello\n');
    await terminal.filter({ hasText: /Why: node-\d/ }).waitFor();
    await screenshot(page, '09-pod-running');
    assert.deepEqual(app.errors, []);
  });
});
