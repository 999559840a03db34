// Opens a myelin report in headless Chromium and checks that it rendered: a screenshot that is not
// blank, every <img> loaded (decoded, with a size), and no console error or failed request.
// Usage: node check.mjs REPORT.html SCREENSHOT.png
import fs from 'node:fs';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import { PNG } from 'pngjs';

const [report, shot] = process.argv.slice(2);
if (!report || !shot) {
  console.error('usage: node check.mjs REPORT.html SCREENSHOT.png');
  process.exit(2);
}
const chromium = process.env.CHROMIUM || '/usr/bin/chromium';
const browser = await puppeteer.launch({
  executablePath: chromium,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});
const problems = [];
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1400, height: 900 });
  page.on('console', (m) => { if (m.type() === 'error') problems.push('console error: ' + m.text()); });
  page.on('pageerror', (e) => problems.push('page error: ' + e.message));
  page.on('requestfailed', (r) => problems.push('request failed: ' + r.url().slice(0, 80)));
  await page.goto('file://' + path.resolve(report), { waitUntil: 'load' });
  const images = await page.evaluate(async () => {
    const imgs = [...document.images];
    await Promise.all(imgs.map((i) => (i.decode ? i.decode().catch(() => {}) : null)));
    return imgs.map((i) => ({ ok: i.complete && i.naturalWidth > 0, alt: i.alt.slice(0, 40) }));
  });
  for (const i of images) if (!i.ok) problems.push('image did not load: ' + i.alt);
  if (images.length === 0) problems.push('the report has no images');
  fs.mkdirSync(path.dirname(path.resolve(shot)), { recursive: true });
  await page.screenshot({ path: shot, fullPage: true });
  const png = PNG.sync.read(fs.readFileSync(shot));
  const colours = new Set();
  for (let k = 0; k < png.data.length; k += 4 * 97) {
    colours.add((png.data[k] << 16) | (png.data[k + 1] << 8) | png.data[k + 2]);
  }
  if (colours.size < 50) problems.push('the screenshot looks blank: ' + colours.size + ' colours');
  console.log(`report-check: ${images.length} images, ${png.width} x ${png.height} screenshot, ${colours.size} colours sampled`);
} finally {
  await browser.close();
}
if (problems.length) {
  for (const p of problems) console.error('report-check: ' + p);
  process.exit(1);
}
