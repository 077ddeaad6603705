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
page.on('console', (m) => console.log('PAGE', m.text()));
try {
  await page.goto(app.url);
  await waitForApp(page);
  await zoomTo(page, 'xy', 0.4);
  const err = demo.errors[0]!;
  console.log('zoom', (await axonState(page)).view.zoom);
  const p = await pointAt(page, err.voxel);
  console.log('point', p);
  await page.mouse.dblclick(p.x, p.y);
  await page.waitForTimeout(500);
  let s = await axonState(page);
  console.log('selection', s.selection, 'pos', s.view.position);
  await page.keyboard.press('x');
  await page.waitForTimeout(300);
  s = await axonState(page);
  console.log('tool', s.tool, s.splitSeeds, s.hint);
  const q = await pointAt(page, err.seeds[0]!.voxel);
  await page.mouse.click(q.x, q.y);
  await page.waitForTimeout(500);
  s = await axonState(page);
  console.log('after click', s.splitSeeds, s.hint, s.errors);
  await page.screenshot({ path: '/tmp/explore1.png' });
} finally {
  await browser.close();
  await app.stop();
}
