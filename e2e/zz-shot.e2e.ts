import { it } from 'node:test';
import { openApp, servedBrowser, screenshot } from './harness';
const browser = servedBrowser();
it('shot', async () => {
  const { page } = await openApp(browser());
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.getByTestId('component-kube-apiserver').waitFor();
  await page.waitForTimeout(1500);
  await screenshot(page, 'baseline');
});
