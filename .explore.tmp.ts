import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemo } from './shared/demo/generateDemo';
import { waitForApp } from './test/e2e/foundationKit';
import { launchBrowser, startApp } from './test/e2e/harness';
import { axonState, pointAt, zoomTo } from './test/e2e/proofreadKit';
const demo = generateDemo();
const home = mkdtempSync(join(tmpdir(), 'axon-explore-'));
const app = await startApp([], { AXON_PROOFREADER_HOME: home });
const browser = await launchBrowser();
const page = await browser.newPage({ viewport: { width: 1500, height: 950 } });
page.on('pageerror', (m) => console.log('PAGEERROR', m.message));
try {
  await page.goto(app.url);
  await waitForApp(page);
  await zoomTo(page, 'xy', 0.4);
  await page.keyboard.press('s');
  const err = demo.errors.filter((e) => e.kind === 'fragment').at(-1)!;
  const host = err.seeds[1]!.voxel;
  const p = await pointAt(page, host);
  await page.mouse.dblclick(p.x, p.y);
  await page.waitForFunction(() => window.__axon!.meshesShown >= 1, undefined, { timeout: 60000 });
  await page.waitForTimeout(500);
  await page.getByTestId('view-3d').screenshot({ path: '/tmp/ex-before.png' });
  const q = await pointAt(page, err.seeds[0]!.voxel);
  await page.keyboard.down('Shift');
  await page.mouse.click(q.x, q.y);
  await page.keyboard.up('Shift');
  await page.waitForTimeout(3000);
  const s = await axonState(page);
  console.log(s.lastOutcome, s.errors, await page.evaluate(() => window.__axon!.meshesShown));
  await page.getByTestId('view-3d').screenshot({ path: '/tmp/ex-after.png' });
} finally {
  await browser.close();
  await app.stop();
}
