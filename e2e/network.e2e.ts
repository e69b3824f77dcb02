/**
 * Issue 15's browser test: a Deployment and a Service made in the shell, a request from a pod
 * walked across the graph, the counters it raised in the iptables tab, and the switch to ipvs
 * (KUBE-SVC chains gone, IPVS virtual servers shown). At 1280×720, typed and clicked as a
 * person does.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, servedBrowser, screenshot, typeCommand, type OpenedPage } from './harness';

const browser = servedBrowser();

const run = typeCommand;

describe('the network: packet walk and iptables tab', () => {
  let app: OpenedPage;

  before(async () => {
    app = await openApp(browser());
    await app.page.setViewportSize({ width: 1280, height: 720 });
    await app.page.locator('.xterm-rows').waitFor();
  });

  it('walks a request from a pod across the graph and lists its hops', async () => {
    const page = app.page;
    await run(page, 'kubectl create deployment web --image=nginx --replicas=2');
    await run(page, 'kubectl expose deployment web --port=80');
    await run(page, 'kubectl run client --image=busybox:1.36 -- sleep 3600');
    await run(page, 'sleep 30s');
    await run(page, 'kubectl exec client -- wget -qO- http://web');
    const overlay = page.getByTestId('packet-walk-overlay');
    await overlay.waitFor({ timeout: 5000 }).catch(async (e: unknown) => {
      await screenshot(page, 'network-00-no-walk');
      throw e;
    });
    await page.locator('.xterm-rows').filter({ hasText: '</html>' }).first().waitFor({ timeout: 5000 });
    const labels = await page.getByTestId('walk-label').allTextContents();
    assert.ok(labels.some((l) => /DNAT → 10\.244\.\d+\.\d+:80/.test(l)), `a DNAT hop on the graph: ${labels.join(' | ')}`);
    assert.ok(labels.some((l) => /default\/web-/.test(l)), `the pod reached on the graph: ${labels.join(' | ')}`);
    assert.match((await overlay.textContent()) ?? '', /tcp 10\.\d+\.\d+\.\d+:80 — connected to default\/web-/);
    await screenshot(page, 'network-01-packet-walk-on-graph');

    await page.getByTestId('tab-iptables').click();
    await page.getByTestId('netfilter-walk-toggle').click();
    const hops = page.getByTestId('walk-hop');
    await hops.first().waitFor();
    assert.match((await hops.first().textContent()) ?? '', /KUBE-SERVICES.*KUBE-SVC-.*DNAT to 10\.244\./s);
    await page.getByTestId('maximise-activity').click();
    await screenshot(page, 'network-02-walk-hops');
    await page.getByTestId('maximise-activity').click();
    await page.getByTestId('netfilter-walk-toggle').click();
    assert.deepEqual(app.errors, []);
  });

  it("opens the client node's iptables from kube-proxy's panel and shows the counters a request raises", async () => {
    const page = app.page;
    // The client's node is where the walk starts: its first hop.
    await page.getByTestId('netfilter-walk-toggle').click();
    const firstHop = (await page.getByTestId('walk-hop').first().locator('strong').first().textContent()) ?? '';
    await page.getByTestId('netfilter-walk-toggle').click();
    assert.match(firstHop, /^node-\d$/);
    await page.getByTestId(`component-kube-proxy/${firstHop}`).click();
    const section = page.getByTestId('kube-proxy-section');
    await section.waitFor();
    await page.getByTestId('kube-proxy-mode').filter({ hasText: 'iptables' }).waitFor();
    await screenshot(page, 'network-03-kube-proxy-panel');
    await page.getByTestId('kube-proxy-open-iptables').click();
    await page.getByTestId('component-panel-close').click();
    assert.equal(await page.getByTestId('netfilter-node').inputValue(), firstHop);
    await page.getByTestId('netfilter-summary').filter({ hasText: 'kube-proxy mode iptables' }).waitFor();
    await page.getByTestId('netfilter-rows').filter({ hasText: 'KUBE-SERVICES' }).waitFor();
    // The list is virtualised: filter it to web's cluster IP rules so they are the rows in view.
    await page.getByTestId('netfilter-filter').click();
    await page.keyboard.type('default/web cluster IP');
    await page.getByTestId('netfilter-rows').filter({ hasText: '-A KUBE-SERVICES' }).waitFor();
    // A second connection while the tab shows the table, traced this time: the rules it matched count it.
    await run(page, 'kubearch trace-packet client web:80');
    await page.getByTestId('nf-rose').first().waitFor({ timeout: 5000 });
    const risen = await page.getByTestId('nf-rose').allTextContents();
    assert.ok(risen.some((r) => /^\[\d+:\d+\] -A KUBE-SERVICES .*default\/web cluster IP/.test(r)), `KUBE-SERVICES's rule for web rose: ${risen.join('\n')}`);
    // Wider: every line of web's chains, the rules this packet matched marked.
    await page.getByTestId('netfilter-filter').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('default/web');
    await page.getByTestId('maximise-activity').click();
    await screenshot(page, 'network-04-iptables-counters');
    await page.getByTestId('maximise-activity').click();
    assert.deepEqual(app.errors, []);
  });

  it('switches kube-proxy to ipvs: the KUBE-SVC chains go and the IPVS virtual servers show', async () => {
    const page = app.page;
    await page.getByTestId('netfilter-mode').locator('summary').click();
    await page.getByTestId('netfilter-mode-select').selectOption('ipvs');
    await page.getByTestId('netfilter-mode-apply').click();
    await page.getByTestId('netfilter-mode-result').filter({ hasText: 'configmap/kube-proxy patched' }).waitFor();
    assert.match((await page.getByTestId('netfilter-mode-result').textContent()) ?? '', /restarting: it re-reads config\.conf from ConfigMap kube-system\/kube-proxy, mode ipvs \(was iptables/);
    // The page starts paused: let the restarted kube-proxies start and sync.
    await run(page, 'sleep 2s');
    await page.getByTestId('netfilter-summary').filter({ hasText: 'kube-proxy mode ipvs' }).waitFor();
    await page.getByTestId('netfilter-filter').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('KUBE-SVC');
    await page.getByTestId('netfilter-rows').filter({ hasText: 'No line matches the filter.' }).waitFor();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.getByTestId('netfilter-table').selectOption('ipvs');
    await page.getByTestId('netfilter-rows').filter({ hasText: /TCP {2}10\.\d+\.\d+\.\d+:80 rr/ }).waitFor();
    await page.getByTestId('netfilter-rows').filter({ hasText: /-> 10\.244\.\d+\.\d+:80 +Masq/ }).waitFor();
    await page.getByTestId('maximise-activity').click();
    await screenshot(page, 'network-05-ipvs');
    await page.getByTestId('maximise-activity').click();
    await screenshot(page, 'network-06-page-after-switch');
    assert.deepEqual(app.errors, []);
  });
});
