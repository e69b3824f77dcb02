/**
 * The graph in a room, driven as a person would: real window resizes (the graph refits and
 * keeps its names ≥ 14 px on screen), text contrast computed from the rendered colours, the
 * zoom buttons clear of every node, A−/A+, maximising a pane by button and by key, presenter
 * mode, a click on a component (its side panel), a pod submitted in the shell whose messages
 * travel as dots, and the selected request's path on the graph. Saves the README's two
 * screenshots in docs/screenshots/.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { openApp, servedBrowser, type OpenedPage } from './harness';

const DOCS_SCREENSHOTS = 'docs/screenshots';

const browser = servedBrowser();

/** The zoom React Flow applied, read from the viewport's transform. */
async function zoom(page: Page): Promise<number> {
  const transform = await page.locator('.react-flow__viewport').evaluate((el) => (el as HTMLElement).style.transform);
  const m = /scale\(([\d.]+)\)/.exec(transform);
  assert.ok(m, `viewport has a scale: ${transform}`);
  return Number(m[1]);
}

async function resize(page: Page, width: number, height: number): Promise<number> {
  const before = await zoom(page);
  await page.setViewportSize({ width, height });
  // The refit follows React Flow's own resize observer; wait for the zoom to settle.
  return resizeSettled(page, before);
}

type Rect = { x: number; y: number; width: number; height: number };
const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

async function componentRects(page: Page): Promise<Rect[]> {
  return page.locator('.react-flow__node-component').evaluateAll((els) => els.map((el) => {
    const r = el.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  }));
}

/**
 * Contrast ratio (WCAG 2) of each text element's colour against the background it is drawn on,
 * compositing translucent layers. A string, evaluated in the page: tsx would otherwise wrap the
 * inner functions in a helper the page does not have.
 */
const CONTRAST_SCRIPT = `(selector) => {
  const parse = (c) => {
    const m = /rgba?\\(([^)]+)\\)/.exec(c);
    if (!m) return [0, 0, 0, 0];
    const p = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p[3] === undefined ? 1 : p[3]];
  };
  const over = (top, under) => [0, 1, 2].map((i) => top[i] * top[3] + under[i] * (1 - top[3]));
  const background = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c[3] > 0) layers.push(c);
      if (c[3] === 1) break;
    }
    let colour = [255, 255, 255];
    for (const layer of layers.reverse()) colour = over(layer, colour);
    return colour;
  };
  const luminance = (rgb) => {
    const [r, g, b] = rgb.map((v) => { const s = v / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  return [...document.querySelectorAll(selector)].filter((el) => el.getClientRects().length > 0).map((el) => {
    const bg = background(el);
    const l1 = luminance(over(parse(getComputedStyle(el).color), bg));
    const l2 = luminance(bg);
    return { text: el.textContent, ratio: (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05) };
  });
}`;

async function contrasts(page: Page, selector: string): Promise<{ text: string; ratio: number }[]> {
  return page.evaluate(`(${CONTRAST_SCRIPT})(${JSON.stringify(selector)})`);
}

describe('the graph, in a room', () => {
  let app: OpenedPage;

  before(async () => {
    app = await openApp(browser());
    await app.page.setViewportSize({ width: 1600, height: 1000 });
    await app.page.getByTestId('component-kube-apiserver').waitFor();
    await app.page.locator('.xterm-rows').waitFor();
  });

  it('refits on every window resize, and at 1280×720 names are at least 14 px on screen', async () => {
    const page = app.page;
    const zooms: Record<string, number> = {};
    for (const [w, h] of [[1280, 720], [1920, 1080], [1600, 1000], [1280, 720]] as const) {
      zooms[`${w}x${h}`] = await resize(page, w, h);
      // Every component is inside the graph's pane: the graph fits.
      const pane = await page.locator('.react-flow').boundingBox();
      assert.ok(pane);
      for (const r of await componentRects(page)) {
        assert.ok(r.x >= pane.x - 1 && r.y >= pane.y - 1 && r.x + r.width <= pane.x + pane.width + 1 && r.y + r.height <= pane.y + pane.height + 1, `a component at ${JSON.stringify(r)} is inside the pane ${JSON.stringify(pane)} at ${w}x${h}`);
      }
    }
    assert.notEqual(zooms['1280x720'], zooms['1920x1080'], `zoom changes with the window: ${JSON.stringify(zooms)}`);
    assert.notEqual(zooms['1600x1000'], zooms['1920x1080'], `zoom changes with the window: ${JSON.stringify(zooms)}`);
    const z = await zoom(page);
    const sizes = await page.locator('.component-name').evaluateAll((els) => els.map((el) => Number.parseFloat(getComputedStyle(el).fontSize)));
    assert.equal(sizes.length, 15);
    const smallest = Math.min(...sizes) * z;
    assert.ok(smallest >= 14, `component names are ${smallest.toFixed(1)} px on screen at 1280×720 (zoom ${z})`);
    // Cross-check with the box the browser drew: a name's line is at least 14 px tall.
    const lineHeights = await page.locator('.component-name').evaluateAll((els) => els.map((el) => el.getBoundingClientRect().height));
    assert.ok(Math.min(...lineHeights) >= 14, `names' rendered heights: ${lineHeights.map((h) => h.toFixed(1)).join(', ')}`);
  });

  it('keeps the zoom buttons and the attribution off every node', async () => {
    const page = app.page;
    const rects = await componentRects(page);
    for (const selector of ['[data-testid="zoom-in"]', '[data-testid="zoom-out"]', '[data-testid="zoom-fit"]', '.react-flow__attribution']) {
      const box = await page.locator(selector).boundingBox();
      if (!box) continue;
      for (const r of rects) assert.ok(!overlaps(box, r), `${selector} ${JSON.stringify(box)} covers a node ${JSON.stringify(r)}`);
    }
    // The buttons work: zoom in, then Fit restores the fitted zoom.
    const fitted = await zoom(page);
    await page.getByTestId('zoom-in').click();
    await page.waitForFunction((z) => !document.querySelector('.react-flow__viewport')?.getAttribute('style')?.includes(`scale(${z})`), fitted);
    assert.ok((await zoom(page)) > fitted);
    await page.getByTestId('zoom-fit').click();
    await page.waitForTimeout(400);
    assert.ok(Math.abs((await zoom(page)) - fitted) < 0.01);
  });

  it('has text contrast of at least 4.5:1, greyed "not yet simulated" parts included', async () => {
    const page = app.page;
    const results = await contrasts(page, '.component-name, .component-status, .host-label, .legend-item, .legend-note, .pane-title');
    // Every component runs now; the greyed text left is the parts count ("3 of 37 parts simulated").
    assert.ok(results.some((r) => r.text === 'not yet simulated' || /parts simulated/.test(r.text)), 'greyed parts are measured');
    const low = results.filter((r) => r.ratio < 4.5);
    assert.deepEqual(low.map((r) => `${r.text}: ${r.ratio.toFixed(2)}`), []);
  });

  it('shows an arrow\'s label on hover only, so labels never overlap; the legend lists them all', async () => {
    const page = app.page;
    assert.equal(await page.getByTestId('edge-label').count(), 0, 'no labels drawn at rest');
    // Hover the arrow between etcd and kube-apiserver, midway between the two boxes.
    const etcd = await page.getByTestId('component-etcd').boundingBox();
    const apiserver = await page.getByTestId('component-kube-apiserver').boundingBox();
    assert.ok(etcd && apiserver);
    await page.mouse.move((etcd.x + etcd.width + apiserver.x) / 2, etcd.y + etcd.height / 2);
    const label = page.getByTestId('edge-label');
    await label.waitFor();
    assert.equal(await label.count(), 1);
    assert.equal(await label.textContent(), 'gRPC: txn, range, watch');
    await page.mouse.move(5, 5);
    await label.waitFor({ state: 'detached' });
    await page.getByTestId('legend-arrows').click();
    const list = (await page.getByTestId('legend-arrow-list').textContent()) ?? '';
    assert.match(list, /kubelet → kube-apiserver: watch pods; status, lease/);
    assert.match(list, /kubectl → kube-apiserver: HTTPS: REST/);
    await page.getByTestId('legend-arrows').click();
    // Arrowheads: every arrow ends in a marker.
    const markers = await page.locator('.react-flow__edge-path').evaluateAll((els) => els.filter((el) => (el.getAttribute('marker-end') ?? '').startsWith('url(')).length);
    assert.equal(markers, await page.locator('.react-flow__edge-path').count());
  });

  it('scales the page\'s text with A− and A+', async () => {
    const page = app.page;
    const size = () => page.locator('[data-testid="pane-editor"] .pane-title').evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
    const base = await size();
    await page.getByTestId('font-larger').click();
    await page.getByTestId('font-larger').click();
    assert.equal(await page.getByTestId('font-scale').textContent(), '130%');
    assert.ok((await size()) > base * 1.25, 'larger');
    await page.getByTestId('font-smaller').click();
    await page.getByTestId('font-smaller').click();
    await page.getByTestId('font-smaller').click();
    assert.equal(await page.getByTestId('font-scale').textContent(), '85%');
    assert.ok((await size()) < base, 'smaller');
    await page.getByTestId('font-larger').click();
    assert.equal(await size(), base);
  });

  it('maximises a pane with its button and restores it; Alt+M and Escape do the same for the focused pane', async () => {
    const page = app.page;
    const fitted = await zoom(page);
    await page.getByTestId('maximise-activity').click();
    await page.getByTestId('pane-graph').waitFor({ state: 'hidden' });
    const workspace = await page.getByTestId('workspace').boundingBox();
    const pane = await page.getByTestId('pane-activity').boundingBox();
    assert.ok(workspace && pane && pane.width > workspace.width - 24 && pane.height > workspace.height - 24, 'the pane fills the workspace');
    assert.ok(!(await page.getByTestId('pane-shell').isVisible()));
    await page.getByTestId('maximise-activity').click();
    await page.getByTestId('pane-graph').waitFor();
    // The key: focus a button in the graph's pane, press Alt+M.
    await page.getByTestId('zoom-fit').focus();
    await page.keyboard.press('Alt+m');
    await page.getByTestId('pane-editor').waitFor({ state: 'hidden' });
    const graph = await page.getByTestId('pane-graph').boundingBox();
    assert.ok(workspace && graph && graph.height > workspace.height - 24, 'the graph fills the workspace');
    // At 1280×720 the graph is as wide as before, so the fit keeps the same zoom (width-bound).
    assert.ok((await resizeSettled(page, -1)) >= fitted - 0.001);
    await page.keyboard.press('Escape');
    await page.getByTestId('pane-editor').waitFor();
    assert.ok(Math.abs((await resizeSettled(page, -1)) - fitted) < 0.01, 'restored to the same fit');
  });

  it('opens a component\'s side panel on click: kube-controller-manager lists its controllers and which run', async () => {
    const page = app.page;
    const box = (await page.getByTestId('component-kube-controller-manager').textContent()) ?? '';
    const m = /(\d+) of (\d+) parts simulated/.exec(box);
    assert.ok(m, `the box says how many of its parts run: ${box}`);
    assert.ok(Number(m[1]) < Number(m[2]), 'it does not claim all of them');
    const fitted = await zoom(page);
    await page.getByTestId('component-kube-controller-manager').click();
    const panel = page.getByTestId('component-panel');
    await panel.waitFor();
    const narrower = await resizeSettled(page, fitted);
    assert.ok(narrower < fitted, `the graph refits beside the panel: ${fitted} -> ${narrower}`);
    assert.match((await page.getByTestId('component-role').textContent()) ?? '', /control loops/);
    const parts = page.getByTestId('component-parts').locator('li');
    assert.equal(await parts.count(), Number(m[2]));
    assert.equal(await page.getByTestId('component-parts').locator('li.simulated').count(), Number(m[1]));
    assert.match((await page.getByTestId('component-parts').textContent()) ?? '', /deployment.*not yet simulated|not yet simulated/);
    await page.getByTestId('component-identity').filter({ hasText: 'system:kube-controller-manager' }).waitFor();
    await page.getByTestId('component-watches').filter({ hasText: /namespaces/ }).waitFor();

    // kubelet: its node identity and what it watches.
    await page.getByTestId('component-kubelet/node-1').click();
    await page.getByTestId('component-identity').filter({ hasText: 'system:node:node-1' }).waitFor();
    assert.match((await page.getByTestId('component-identity').textContent()) ?? '', /system:nodes/);
    await page.getByTestId('component-requests').waitFor();

    // kube-apiserver: the admission plugins are its settings, and a switch works.
    await page.getByTestId('component-kube-apiserver').click();
    const settings = page.getByTestId('admission-plugins');
    await settings.locator('input').first().waitFor();
    const heading = async () => (await settings.locator('h4').textContent()) ?? '';
    const before = await heading();
    await settings.locator('input').first().click();
    await page.waitForFunction((text) => document.querySelector('[data-testid="admission-plugins"] h4')?.textContent !== text, before);
    assert.notEqual(await heading(), before);
    await settings.locator('input').first().click();
    await page.waitForFunction((text) => document.querySelector('[data-testid="admission-plugins"] h4')?.textContent === text, before);

    await page.mouse.click(5, 5);
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
  });

  it('draws a pod\'s request as a dot travelling from kubectl to the apiserver, then etcd calls and the response with its code', async () => {
    const page = app.page;
    await page.getByTestId('speed').selectOption('0.25');
    await page.locator('.xterm-helper-textarea').focus();
    await page.keyboard.type('kubectl run web --image=nginx\n');
    await page.locator('.xterm-rows').filter({ hasText: 'pod/web created' }).waitFor();
    const request = page.locator('g.message-request[data-from="kubectl"]').first();
    await request.waitFor({ state: 'visible', timeout: 5000 });
    const apiserver = await page.getByTestId('component-kube-apiserver').boundingBox();
    assert.ok(apiserver);
    const centre = { x: apiserver.x + apiserver.width / 2, y: apiserver.y + apiserver.height / 2 };
    const distance = async () => {
      const b = await request.boundingBox();
      assert.ok(b, 'the dot is drawn');
      return Math.hypot(b.x + b.width / 2 - centre.x, b.y + b.height / 2 - centre.y);
    };
    const d1 = await distance();
    await page.waitForTimeout(300);
    const d2 = await distance();
    assert.ok(d2 < d1 - 5, `the dot moves toward the apiserver: ${d1.toFixed(0)} -> ${d2.toFixed(0)} px`);
    await page.locator('g.message-etcd').first().waitFor({ state: 'visible', timeout: 10_000 });
    const response = page.locator('g.message-response[data-to="kubectl"]').first();
    await response.waitFor({ state: 'visible', timeout: 15_000 });
    assert.equal(await response.locator('text').textContent(), '201');
    mkdirSync(DOCS_SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: `${DOCS_SCREENSHOTS}/page-1280x720.png` });
  });

  it('highlights the path of the request selected in the Requests panel', async () => {
    const page = app.page;
    await page.getByTestId('tab-requests').click();
    await page.getByTestId('requests-filter').click();
    await page.keyboard.type('create /api/v1/namespaces/default/pods');
    await page.getByTestId('request-row').first().click();
    await page.locator('.react-flow__edge-path.on-path').first().waitFor();
    const onPath = await page.locator('.react-flow__edge.selected, .react-flow__edge').evaluateAll((els) => els.filter((el) => el.querySelector('.on-path')).map((el) => el.getAttribute('data-id')));
    assert.deepEqual(onPath.sort(), ['kube-apiserver->etcd', 'kubectl->kube-apiserver']);
    assert.ok(await page.getByTestId('component-kubectl').evaluate((el) => el.classList.contains('on-path')));
    assert.ok(!(await page.getByTestId('component-kube-scheduler').evaluate((el) => el.classList.contains('on-path'))));
  });

  it('presenter mode: big type, the graph and one chosen pane', async () => {
    const page = app.page;
    await page.getByTestId('presenter').click();
    await page.getByTestId('presenter-pane').selectOption('activity');
    await page.getByTestId('pane-editor').waitFor({ state: 'hidden' });
    assert.ok(await page.getByTestId('pane-graph').isVisible());
    assert.ok(await page.getByTestId('pane-activity').isVisible());
    assert.ok(!(await page.getByTestId('pane-shell').isVisible()));
    assert.equal(await page.getByTestId('font-scale').textContent(), '150%');
    const z = await resizeSettled(page, 0);
    const name = await page.locator('.component-name').first().evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
    assert.ok(name * z >= 14, `presenter names are ${(name * z).toFixed(1)} px on screen`);
    const tab = await page.getByTestId('tab-requests').evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
    assert.ok(tab >= 18, `the chosen pane's text is ${tab} px`);
    await page.screenshot({ path: `${DOCS_SCREENSHOTS}/presenter-1280x720.png` });
    await page.getByTestId('presenter').click();
    await page.getByTestId('pane-editor').waitFor();
    assert.equal(await page.getByTestId('font-scale').textContent(), '100%');
    assert.deepEqual(app.errors, []);
  });
});

/** The zoom once it has stopped changing (after a layout change), and differs from `from` if it can. */
async function resizeSettled(page: Page, from: number): Promise<number> {
  let last = await zoom(page);
  let stable = 0;
  for (let i = 0; i < 40; i++) {
    await page.waitForTimeout(100);
    const now = await zoom(page);
    stable = now === last ? stable + 1 : 0;
    last = now;
    if (stable >= 3 && now !== from) return now;
  }
  return last;
}
