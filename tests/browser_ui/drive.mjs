// Drives Neo4j Browser in Debian's chromium (headless, no browser download) the way a
// user does: connect over Bolt, `:style` the project's GraSS, `:play` its guide, then for
// each query click the guide's `:param` lines and body and run them. Prints what the graph
// view drew (node fill, radius and caption lines; relationship captions) as JSON on stdout;
// tests/test_browser_ui.py judges it. Usage:
//   BROWSER_UI_PASSWORD=… node drive.mjs plan.json
// plan.json: {browser, bolt, user, style, guide, artefacts, queries: [{name, slide, blocks}]}
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const plan = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const password = process.env.BROWSER_UI_PASSWORD;
const shot = (name) => join(plan.artefacts, name);

const browser = await chromium.launch({
  executablePath: plan.chromium || '/usr/bin/chromium',
  args: ['--no-sandbox'],  // runs as root in CI, where chromium's sandbox cannot start
  headless: true,
});
const page = await browser.newPage({ viewport: { width: 1400, height: 1500 } });
page.setDefaultTimeout(30_000);

const newestFrame = () => page.locator('[data-testid=stream] [data-testid=frame]').first();

async function run(text) {
  // Monaco takes typed keys; an empty text runs what a guide click put in the editor
  await page.click('#monaco-main-editor');
  if (text) await page.keyboard.type(text);
  const before = await page.locator('[data-testid=frame]').count();
  await page.keyboard.press('Control+Enter');
  await page.waitForFunction(
    (n) => document.querySelectorAll('[data-testid=frame]').length > n, before);
}

async function frameText(frame) {
  await frame.locator('[data-testid=frameContents]').waitFor();
  const text = await frame.locator('[data-testid=frameContents]').innerText();
  if (/\bERROR\b/.test(text)) throw new Error(`Browser frame failed: ${text.slice(0, 300)}`);
  return text;
}

async function settledGraph(frame) {
  // the force layout moves nodes for a few seconds: wait until two reads agree
  const nodes = frame.locator('svg g.node');
  await nodes.first().waitFor();
  let last = '';
  for (let i = 0; i < 40; i++) {
    const now = await frame.evaluate((f) => [...f.querySelectorAll('svg g.node')]
      .map((n) => n.getAttribute('transform')).join('|'));
    if (now === last) break;
    last = now;
    await page.waitForTimeout(500);
  }
  return frame.evaluate((f) => ({
    nodes: [...f.querySelectorAll('svg g.node')].map((n) => {
      const circle = n.querySelector('circle.b-outline');
      return {
        fill: circle.getAttribute('fill'),
        r: Number(circle.getAttribute('r')),
        caption: [...n.querySelectorAll('text.caption')].map((t) => t.textContent.trim()),
      };
    }),
    relationships: [...f.querySelectorAll('svg g.relationship text')]
      .map((t) => t.textContent.trim()),
  }));
}

const report = { queries: [] };
try {
  await page.goto(plan.browser);
  await page.selectOption('[data-testid=bolt-scheme-select]', 'bolt://');
  await page.fill('[data-testid=boltaddress]', plan.bolt);
  await page.fill('[data-testid=username]', plan.user);
  await page.fill('[data-testid=password]', password);
  await page.click('[data-testid=connect]');
  await page.locator('[data-testid=frameCommand]', { hasText: ':server connect' })
    .first().waitFor({ state: 'detached' }).catch(() => {});
  await page.getByText('You are connected as user').first().waitFor();
  report.connected = true;
  // the usage-data banner would cover the top of every screenshot: its ✕ closes it
  await page.evaluate(() => [...document.querySelectorAll('span')]
    .find((s) => s.textContent.startsWith('To help make Neo4j Browser better'))
    ?.nextElementSibling?.click());

  // 'Connect result nodes' off: a result draws only the relationships it returns
  await run(':config autoComplete: false');
  await run(`:style ${plan.style}`);
  report.style = await frameText(newestFrame());
  await run(`:play ${plan.guide}`);
  const guide = newestFrame();
  report.guide = (await frameText(guide)).slice(0, 200);
  await guide.locator('[title="Pin at top"]').click();  // results then stream below it
  const carousel = guide.locator('[data-testid=carousel]');

  for (const query of plan.queries) {
    await carousel.locator(`li[aria-label="${query.slide}"]`).click();
    for (const block of query.blocks) {
      // a click on a runnable block puts its text into the editor, as for a user
      const pre = carousel.locator('pre.runnable');
      const exact = await pre.evaluateAll((els, text) =>
        els.findIndex((e) => e.textContent.trim() === text), block);
      if (exact < 0) throw new Error(`guide slide ${query.slide} lacks the block:\n${block}`);
      await pre.nth(exact).click();
      await run('');
    }
    const frame = page.locator('[data-testid=stream] [data-testid=frame]').nth(1);  // 0: pinned guide
    const graph = await settledGraph(frame);
    await frame.screenshot({ path: shot(`${query.name}.png`) });
    report.queries.push({ name: query.name, ...graph });
  }
  // the README's picture: the pinned guide on the last query's slide and its graph
  const bottom = await page.locator('[data-testid=stream] [data-testid=frame]').nth(1)
    .boundingBox();
  await page.screenshot({
    path: shot('guide-and-graph.png'),
    clip: { x: 0, y: 0, width: 1400, height: Math.ceil(bottom.y + bottom.height + 8) },
  });
  report.chromium = browser.version();
} catch (error) {
  await page.screenshot({ path: shot('failure.png') }).catch(() => {});
  report.error = String(error.stack || error).slice(0, 2000);
}
await browser.close();
process.stdout.write(JSON.stringify(report));
process.exitCode = report.error ? 1 : 0;
