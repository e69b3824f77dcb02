/**
 * Browser test harness: serves the production build with `vite preview` on 127.0.0.1 and drives
 * Debian's Chromium through playwright-core. Screenshots go to test-results/ (git-ignored).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { after, before } from 'node:test';
import { chromium, type Browser, type Page, type ConsoleMessage } from 'playwright-core';

export const PORT = Number(process.env['E2E_PORT'] ?? 4173);
export const BASE_URL = `http://127.0.0.1:${PORT}/`;
export const SCREENSHOTS = 'test-results/screenshots';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export async function startPreview(): Promise<ChildProcess> {
  const server = spawn(process.execPath, ['node_modules/vite/bin/vite.js', 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  server.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  server.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`vite preview exited with ${server.exitCode}:\n${log}`);
    try {
      const res = await fetch(BASE_URL);
      if (res.ok) return server;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  server.kill();
  throw new Error(`vite preview did not answer on ${BASE_URL} within 20 s:\n${log}`);
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
}

export interface OpenedPage {
  page: Page;
  /** Console errors and uncaught page errors seen so far. */
  errors: string[];
  /** Requests that left 127.0.0.1: the page must work offline. */
  offsite: string[];
}

export async function openApp(browser: Browser): Promise<OpenedPage> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const errors: string[] = [];
  const offsite: string[] = [];
  page.on('console', (msg: ConsoleMessage) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(String(err)));
  page.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith(BASE_URL) && !url.startsWith('data:') && !url.startsWith('blob:')) offsite.push(url);
  });
  await page.goto(BASE_URL);
  await page.getByTestId('clock-time').waitFor();
  return { page, errors, offsite };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png` });
}

/**
 * One preview server and one Chromium for a test file, started before its tests and closed after
 * them; returns the browser (a getter, since it exists only once `before` has run).
 */
export function servedBrowser(): () => Browser {
  let server: ChildProcess | undefined;
  let browser: Browser | undefined;
  before(async () => {
    server = await startPreview();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    server?.kill();
  });
  return () => {
    if (!browser) throw new Error('the browser has not started: call servedBrowser() at the top of a test file');
    return browser;
  };
}

/**
 * Type a command in the shell, as a person does, and wait until it has answered: the screen
 * changed and ends with an idle prompt (counting prompts fails once the terminal scrolls: only
 * the rows in view are in the DOM).
 */
export async function typeCommand(page: Page, command: string, timeout = 60_000): Promise<void> {
  const screen = () => page.evaluate(() => [...document.querySelectorAll('.xterm-rows > div')].map((d) => (d.textContent ?? '').trim()).filter(Boolean).join('\n'));
  const before = await screen();
  await page.locator('.xterm-helper-textarea').focus();
  await page.keyboard.type(`${command}\n`);
  await page.waitForFunction(
    (b) => {
      const rows = [...document.querySelectorAll('.xterm-rows > div')].map((d) => (d.textContent ?? '').trim()).filter(Boolean);
      return rows.join('\n') !== b && rows[rows.length - 1] === 'kubearch$';
    },
    before,
    { timeout },
  );
}
