// Opens chart pages in headless Chromium through Playwright (playwright-core, Debian's chromium)
// and reports what the page shows: the charting library's own series data, visibility and
// markers (read through window.taChart, which holds the library's objects), the DOM's messages,
// switches and crosshair read-out, every request the page tried beyond its own file, and every
// script error. The Java tests assert on the report.
//
// Usage: node chart-probe.mjs SPEC.json    (prints the report as JSON on stdout)
// SPEC: {"chromium": "/usr/bin/chromium", "pages": [{"file": "/abs/page.html", "steps": [...]}]}
// Steps: {"do": "wait"} | {"do": "read", "as": NAME} | {"do": "click", "selector": CSS}
//        | {"do": "select", "selector": CSS, "value": V} | {"do": "hover", "x": 0..1, "y": 0..1}
//        | {"do": "screenshot", "path": FILE}
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const require = createRequire(process.env.TA_PLAYWRIGHT_DIR + '/');
const { chromium } = require('playwright-core');
const spec = JSON.parse(readFileSync(process.argv[2], 'utf8'));

function snapshot() {
  const t = window.taChart;
  const $ = (id) => document.getElementById(id);
  const visible = (el) => !!el && !el.hidden && el.getClientRects().length > 0;
  const pairs = (s) => s.data().map((d) => [d.time, d.value]);
  const out = {
    state: t ? t.state : null,
    title: $('title').textContent,
    meta: $('meta').textContent,
    message: { visible: visible($('message')), kind: $('message').className, text: $('message').textContent },
    lag: { visible: visible($('lag')), kind: $('lag').className, text: $('lag').textContent },
    chartVisible: visible($('chart')),
    canvases: document.querySelectorAll('#chart canvas').length,
    symbol: t ? t.symbol : null,
    lane: t ? t.lane : null,
    symbolOptions: [...document.querySelectorAll('#symbol option')].map((o) => o.textContent),
    toggles: Object.fromEntries([...document.querySelectorAll('#toggles input')].map((b) => [b.id, b.checked])),
    footer: $('footer').textContent,
  };
  if (t && t.chart) {
    out.panes = t.chart.panes().length;
    out.candles = t.candles.data().map((d) => [d.time, d.open, d.high, d.low, d.close]);
    out.volume = pairs(t.volume);
    out.series = Object.fromEntries(Object.entries(t.series).map(([id, s]) =>
      [id, { visible: s.options().visible, pane: s.getPane().paneIndex(), data: pairs(s) }]));
    out.live = Object.fromEntries(Object.entries(t.live).map(([id, s]) =>
      [id, { visible: s.options().visible, data: pairs(s) }]));
    out.markers = t.markers.markers().map((m) => [m.time, m.text]);
    out.rsiGuides = t.rsiGuides.map((g) => g.options().price);
    const r = $('readout');
    out.readout = {
      visible: visible(r),
      time: r.dataset.time ? Number(r.dataset.time) : null,
      values: Object.fromEntries([...r.querySelectorAll('.item')].map((i) =>
        [i.dataset.field, i.dataset.value === undefined ? null : i.dataset.value])),
      text: r.textContent,
    };
    const p = $('parity');
    out.parity = {
      visible: visible(p),
      summary: p.querySelector('.summary').textContent,
      rows: [...p.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((td) => td.textContent)),
    };
  }
  return out;
}

// Two frames: the library draws (and fits a box just shown) on the next animation frame.
const frames = (page) =>
  page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

const browser = await chromium.launch({
  executablePath: spec.chromium,
  headless: true,
  // As root, and on a machine whose only network is the package registries: no sandbox, and
  // none of Chromium's own background traffic.
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const report = { pages: [] };
try {
  for (const p of spec.pages) {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1080 } });
    const page = await context.newPage();
    const url = pathToFileURL(p.file).href;
    const result = { file: p.file, reads: {}, requests: [], errors: [] };
    await page.route('**/*', (route) => {
      const u = route.request().url();
      if (u === url) return route.continue();
      result.requests.push(u);
      return route.abort();
    });
    page.on('pageerror', (e) => result.errors.push('pageerror: ' + e.message));
    page.on('console', (m) => { if (m.type() === 'error') result.errors.push('console: ' + m.text()); });
    await page.goto(url);
    for (const step of p.steps) {
      if (step.do === 'wait') {
        await page.waitForFunction(() => window.taChart && window.taChart.ready, null, { timeout: 15000 });
        await frames(page);
      } else if (step.do === 'read') {
        result.reads[step.as] = await page.evaluate(snapshot);
      } else if (step.do === 'click') {
        await page.click(step.selector);
        await frames(page);
      } else if (step.do === 'select') {
        await page.selectOption(step.selector, step.value);
        await frames(page);
      } else if (step.do === 'hover') {
        const box = await page.locator('#chart').boundingBox();
        // Two moves: the library reads the crosshair from pointer movement, not a jump.
        await page.mouse.move(box.x + box.width * step.x - 5, box.y + box.height * step.y);
        await page.mouse.move(box.x + box.width * step.x, box.y + box.height * step.y, { steps: 3 });
        await frames(page);
      } else if (step.do === 'screenshot') {
        await page.screenshot({ path: step.path, fullPage: true });
      } else {
        throw new Error('unknown step ' + JSON.stringify(step));
      }
    }
    report.pages.push(result);
    await context.close();
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(report));
