/**
 * `npm run bench:page`: how smoothly the page plays. Builds the page, serves the build on
 * 127.0.0.1, drives headless Chromium with playwright-core, and plays the cluster at 1×, 10× and
 * 100× with the watch stream visible, a few seconds each. Frame times are the gaps between
 * requestAnimationFrame timestamps; long tasks come from a PerformanceObserver. Prints the
 * median and p95 frame time and the long tasks' count and total per speed.
 *
 * BENCH_SECONDS (default 5) sets the time per speed; BENCH_SKIP_BUILD=1 serves dist/ as it is.
 * The machine is shared: quote ratios between runs of the same moment, not absolute figures.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chromium, type Page } from 'playwright-core';

/** The checkout to build and serve (default this one): BENCH_ROOT=/tmp/other measures another tree. */
const ROOT = process.env['BENCH_ROOT'] ?? '.';
const VITE = new URL('../node_modules/vite/bin/vite.js', import.meta.url).pathname;
const PORT = Number(process.env['BENCH_PORT'] ?? 4191);
const BASE_URL = `http://127.0.0.1:${PORT}/`;
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 5);
const SPEEDS = [1, 10, 100];

interface FrameFigures {
  speed: number;
  frames: number;
  median: number;
  p95: number;
  longTasks: number;
  longTaskMs: number;
}

async function serve(): Promise<ChildProcess> {
  const server = spawn(process.execPath, [VITE, 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    cwd: ROOT,
  });
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`vite preview exited with ${server.exitCode}`);
    try {
      if ((await fetch(BASE_URL)).ok) return server;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  server.kill();
  throw new Error(`vite preview did not answer on ${BASE_URL}`);
}

/** Start recording frames and long tasks in the page; `collect` returns and clears them. */
/**
 * Start recording frames and long tasks in the page; `collect` stops and returns them. Passed as
 * text: tsx's transform would add helpers to a function that do not exist in the page.
 */
async function startRecording(page: Page): Promise<void> {
  await page.evaluate(`(() => {
    window.__frames = [];
    window.__long = [];
    window.__recording = true;
    const loop = (t) => {
      if (!window.__recording) return;
      window.__frames.push(t);
      requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__long.push(e.duration);
    }).observe({ type: 'longtask', buffered: false });
  })()`);
}

async function collect(page: Page): Promise<{ frames: number[]; long: number[] }> {
  return page.evaluate(`(() => {
    window.__recording = false;
    return { frames: window.__frames, long: window.__long };
  })()`);
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] as number;
}

async function measureSpeed(page: Page, speed: number): Promise<FrameFigures> {
  await page.getByTestId('speed').selectOption(String(speed));
  // Let the speed change and a few deltas settle before measuring.
  await page.waitForTimeout(500);
  await startRecording(page);
  await page.waitForTimeout(SECONDS * 1000);
  const { frames, long } = await collect(page);
  const gaps = frames.slice(1).map((t, i) => t - (frames[i] as number)).sort((a, b) => a - b);
  return {
    speed,
    frames: gaps.length,
    median: percentile(gaps, 50),
    p95: percentile(gaps, 95),
    longTasks: long.length,
    longTaskMs: long.reduce((a, b) => a + b, 0),
  };
}

async function main(): Promise<void> {
  if (!process.env['BENCH_SKIP_BUILD']) {
    const build = spawnSync(process.execPath, [VITE, 'build', '--logLevel', 'error'], { stdio: 'inherit', cwd: ROOT });
    if (build.status !== 0) throw new Error('vite build failed');
  }
  const server = await serve();
  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    headless: true,
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(BASE_URL);
    await page.getByTestId('clock-time').waitFor();
    await page.getByTestId('tab-watch').click();
    await page.getByTestId('play').click();
    const results: FrameFigures[] = [];
    for (const speed of SPEEDS) results.push(await measureSpeed(page, speed));
    const watchRows = await page.getByTestId('watch-row').count();
    console.log(`KubeArch page — headless Chromium, 1440×900, watch stream visible (${watchRows} rows in the DOM), ${SECONDS} s per speed`);
    console.log('speed   frames   median ms   p95 ms   long tasks   long-task ms');
    for (const r of results) {
      console.log(
        `${`${r.speed}×`.padEnd(6)}  ${String(r.frames).padStart(6)}   ${r.median.toFixed(1).padStart(9)}   ${r.p95.toFixed(1).padStart(6)}   ${String(r.longTasks).padStart(10)}   ${r.longTaskMs.toFixed(0).padStart(12)}`,
      );
    }
  } finally {
    await browser.close();
    server.kill();
  }
}

await main();
