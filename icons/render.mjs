// Draws the toolbar icons: one SVG per state (icons/src/<state>.svg, the committed source) and
// PNGs at 16/32/48/128 rendered by headless Chromium (Debian's /usr/bin/chromium).
//   node icons/render.mjs
import { chromium } from 'playwright-core';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const DIR = path.dirname(fileURLToPath(import.meta.url));
const SIZES = [16, 32, 48, 128];

// A snowman on a disc in the state's colour; its body carries the state's mark.
const STATES = {
  safe: { color: '#188038', mark: '<path d="M50 89 l10 10 l19 -20" fill="none" stroke="COLOR" stroke-width="8" stroke-linecap="round" stroke-linejoin="round"/>' },
  suspicious: { color: '#e37400', mark: '<path d="M55 80 a9.5 9.5 0 1 1 13 8.5 q-4 2 -4 7 v2" fill="none" stroke="COLOR" stroke-width="7" stroke-linecap="round"/><circle cx="64" cy="107" r="4.5" fill="COLOR"/>' },
  dangerous: { color: '#c5221f', mark: '<rect x="59.5" y="70" width="9" height="24" rx="4" fill="COLOR"/><circle cx="64" cy="104" r="5" fill="COLOR"/>' },
  unscored: { color: '#80868b', mark: '<rect x="50" y="85" width="28" height="7" rx="3.5" fill="COLOR"/>' },
  error: { color: '#3c4043', mark: '<path d="M54 78 l20 20 M74 78 l-20 20" stroke="COLOR" stroke-width="7" stroke-linecap="round"/>' },
};

function svg(state) {
  const { color, mark } = STATES[state];
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 128 128" width="128" height="128">
  <title>Snowman: ${state}</title>
  <circle cx="64" cy="64" r="62" fill="${color}"/>
  <circle cx="64" cy="89" r="29" fill="#ffffff"/>
  <circle cx="64" cy="45" r="19" fill="#ffffff"/>
  <rect x="45" y="22" width="38" height="6" rx="3" fill="#202124"/>
  <rect x="52" y="6" width="24" height="18" rx="3" fill="#202124"/>
  <circle cx="57.5" cy="43" r="3.2" fill="${color}"/>
  <circle cx="70.5" cy="43" r="3.2" fill="${color}"/>
  ${mark.replaceAll('COLOR', color)}
</svg>
`;
}

await mkdir(path.join(DIR, 'src'), { recursive: true });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage();
  for (const state of Object.keys(STATES)) {
    const source = svg(state);
    await writeFile(path.join(DIR, 'src', `${state}.svg`), source);
    const data = `data:image/svg+xml;base64,${Buffer.from(source).toString('base64')}`;
    for (const size of SIZES) {
      await page.setViewportSize({ width: size, height: size });
      await page.setContent(`<html><body style="margin:0;background:transparent"><img src="${data}" width="${size}" height="${size}" style="display:block"></body></html>`);
      await page.locator('img').evaluate((img) => img.decode());
      await page.screenshot({ path: path.join(DIR, `${state}-${size}.png`), omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    }
  }
} finally {
  await browser.close();
}
console.log(`icons: ${Object.keys(STATES).length} states × ${SIZES.join('/')} px`);
