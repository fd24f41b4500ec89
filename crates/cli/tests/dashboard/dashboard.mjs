// Drives the dashboard of a running `sitrep serve` in Debian's Chromium
// with Playwright (playwright-core: no browser download). Run by
// crates/cli/tests/dashboard.rs, which makes the store and starts the
// server; this script does what a person would and checks what they see.
//
//   node dashboard.mjs BASE_URL OUT_DIR   (env: SITREP_CHROMIUM, SITREP_E2E_TOKEN,
//                                          E2E_ACTOR, E2E_FROM, E2E_TO, E2E_XSS_DOC)
//
// Prints one line per step and, at the end, a JSON summary; exits 1 on the
// first failed check.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const [base, outDir] = process.argv.slice(2);
const env = (k) => {
  const v = process.env[k];
  if (!v) throw new Error(`${k} is not set`);
  return v;
};
const actor = env('E2E_ACTOR');
const from = env('E2E_FROM');
const to = env('E2E_TO');
const xssDoc = env('E2E_XSS_DOC');
const token = env('SITREP_E2E_TOKEN');
mkdirSync(outDir, { recursive: true });

const summary = { steps: [], screenshots: [], console: [], dialogs: [] };
function check(cond, what) {
  if (!cond) throw new Error('check failed: ' + what);
}
function step(name) {
  summary.steps.push(name);
  console.log('step: ' + name);
}

const browser = await chromium.launch({
  executablePath: process.env.SITREP_CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-extensions', '--disable-default-apps'],
});
let failed = null;
try {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  // Anything the page logs as an error or warning, any uncaught exception,
  // any failed request and any dialog (an XSS payload's alert) is a failure.
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') summary.console.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => summary.console.push('pageerror: ' + e.message));
  page.on('requestfailed', (r) => summary.console.push(`requestfailed: ${r.url()} ${r.failure()?.errorText}`));
  page.on('dialog', (d) => { summary.dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  const idle = () => page.waitForFunction(() => document.body.dataset.ready === '1' && !document.body.dataset.loading, null, { timeout: 30000 });
  const shot = async (name) => {
    const path = join(outDir, name + '.png');
    await page.screenshot({ path });
    summary.screenshots.push(path);
  };
  const apiTotal = (params) => page.evaluate(async (q) => (await (await fetch('/api/events?' + new URLSearchParams(q))).json()).total, params);

  step('load');
  const res = await page.goto(base, { waitUntil: 'load' });
  check(res.ok(), 'the page answered ' + res.status());
  const csp = res.headers()['content-security-policy'] || '';
  check(csp.includes("script-src 'self'") && !csp.includes('unsafe-inline'), 'strict CSP header: ' + csp);
  await idle();
  const drawn = await page.evaluate(() => ({
    countries: document.querySelectorAll('#map svg path.map-country').length,
    markers: document.querySelectorAll('#map svg circle.marker').length,
    held: document.querySelectorAll('#map svg circle.held').length,
    bars: document.querySelectorAll('#timeline svg rect.bar').length,
    nodes: document.querySelectorAll('#network svg g.node').length,
    edges: document.querySelectorAll('#network svg path[marker-end]').length,
    events: document.querySelectorAll('#event-list li[tabindex]').length,
    contradictions: document.querySelectorAll('#contradictions > li').length,
    boxes: ['map', 'timeline', 'network', 'event-list', 'detail'].map((id) => {
      const r = document.getElementById(id).getBoundingClientRect();
      return [id, Math.round(r.x), Math.round(r.y), Math.round(r.width), Math.round(r.height)];
    }),
  }));
  summary.loaded = drawn;
  check(drawn.countries >= 2, 'country outlines drawn: ' + drawn.countries);
  check(drawn.markers >= 3, 'event markers drawn: ' + drawn.markers);
  check(drawn.bars >= 3, 'timeline bars drawn: ' + drawn.bars);
  check(drawn.nodes >= 3 && drawn.edges >= 2, `network drawn: ${drawn.nodes} nodes, ${drawn.edges} edges`);
  check(drawn.events >= 5, 'event list filled: ' + drawn.events);
  // Everything on one 1366×768 screen, no panel squeezed to nothing.
  for (const [id, x, y, w, h] of drawn.boxes) {
    check(x >= 0 && y >= 0 && x + w <= 1366 && y + h <= 768 && w >= 150 && h >= 80, `${id} on the first screen: ${x},${y} ${w}×${h}`);
  }
  await shot('dashboard-load');

  step('filter by actor');
  await page.selectOption('#f-actor', actor);
  await idle();
  const byActor = await apiTotal({ actor });
  const shownActor = await page.textContent('#events-count');
  check(shownActor.startsWith(byActor + ' '), `count for actor ${actor}: page says "${shownActor}", API ${byActor}`);
  check(byActor < drawn.events, 'the actor filter narrows the list');
  check(await page.$eval('#network g.node.selected', (g) => g.dataset.id) === actor, 'the chosen actor is marked in the network');

  step('filter by date');
  await page.fill('#f-from', from);
  await page.fill('#f-to', to);
  await page.dispatchEvent('#f-to', 'change');
  await idle();
  const byDate = await apiTotal({ actor, from, to });
  const shownDate = await page.textContent('#events-count');
  check(shownDate.startsWith(byDate + ' '), `count for actor and dates: page says "${shownDate}", API ${byDate}`);
  check(byDate >= 1 && byDate < byActor, `the date filter narrows the list (${byActor} -> ${byDate})`);
  const dates = await page.$$eval('#event-list li[tabindex] .row1 span:first-child', (s) => s.map((x) => x.textContent));
  for (const d of dates) check(d >= from.slice(0, d.length) && d.slice(0, 10) <= to, `listed date ${d} within ${from}..${to}`);
  check(await page.inputValue('#date-slider') !== '' && (await page.textContent('#slider-date')) === to, 'the map date follows the To date');

  step('open an event with the mouse');
  const item = page.locator('#event-list li[tabindex]', { hasText: 'Evil <b>Outlet</b>' }).first();
  check(await item.count() === 1, 'the hostile article\'s event is listed (outlet shown as literal text)');
  await item.click();
  await page.waitForSelector('#evidence');
  await page.waitForSelector('#source-link h4');
  const evidence = await page.textContent('#evidence');
  const apiEvidence = await page.evaluate(async (doc) => (await (await fetch('/api/documents/' + doc)).json()).events[0].evidence, xssDoc);
  check(evidence === apiEvidence, `evidence shown as stored:\n  page: ${evidence}\n  api:  ${apiEvidence}`);
  check(evidence.includes('<script>') && evidence.includes('<img src=x onerror='), 'the payload is shown as literal text');
  const marked = await page.$$eval('#evidence mark', (m) => m.map((x) => x.textContent));
  check(marked.length >= 1, 'the trigger is highlighted in the evidence');
  const sourceText = await page.textContent('#source-link');
  check(sourceText.includes('<script>window.__pwned=1</script>Raid'), 'the hostile title is shown as text: ' + sourceText);
  check(await page.$$eval('#source-link a', (a) => a.length) === 0, 'a javascript: URL is not made a link');
  await shot('dashboard-event');

  step('nothing ran');
  const safe = await page.evaluate(() => ({
    pwned: window.__pwned === undefined ? null : String(window.__pwned),
    title: document.title,
    scripts: [...document.scripts].map((s) => s.getAttribute('src')),
    imgs: document.images.length,
    bolds: document.querySelectorAll('main b').length,
  }));
  summary.xss = safe;
  check(safe.pwned === null, 'window.__pwned was set: ' + safe.pwned);
  check(safe.title === 'sitrep dashboard', 'the title changed: ' + safe.title);
  check(safe.scripts.length === 1 && safe.scripts[0] === '/assets/app.js', 'only app.js is a script: ' + safe.scripts);
  check(safe.imgs === 0 && safe.bolds === 0, 'no element was made from article text');

  step('keyboard');
  await page.click('#f-reset');
  await idle();
  await page.focus('#event-list li[tabindex]');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('#event-list li[aria-current="true"]'));
  const keyed = await page.evaluate(() => {
    const items = [...document.querySelectorAll('#event-list li[tabindex]')];
    return { current: items.findIndex((li) => li.getAttribute('aria-current') === 'true'), focus: document.activeElement.id };
  });
  check(keyed.current === 1, 'Down then Enter opened the second event: ' + JSON.stringify(keyed));
  check(keyed.focus === 'detail-panel', 'focus moved to the evidence panel');
  await page.waitForSelector('#evidence');
  await page.focus('#date-slider');
  await page.keyboard.press('Home');
  const mapNote = await page.textContent('#map-note');
  const first = await page.evaluate(() => new Date(Number(document.getElementById('date-slider').min) * 86400000).toISOString().slice(0, 10));
  check(mapNote.includes('as of ' + first), `the slider moved the map date to ${first}: ${mapNote}`);
  const outline = await page.$eval('#date-slider', (e) => getComputedStyle(e).outlineStyle);
  check(outline !== 'none', 'the focused control has a visible outline');
  await shot('dashboard-keyboard');

  check(summary.console.length === 0, 'console errors:\n' + summary.console.join('\n'));
  step('post an article');
  const posted = await page.evaluate(async (tok) => {
    const body = JSON.stringify({ id: 'e2e-post', outlet: 'Example Wire', published: '2020-06-30', text: 'Forces of the Libyan National Army shelled Misrata on Monday, residents said.' });
    const anon = await fetch('/api/articles', { method: 'POST', body });
    const ok = await fetch('/api/articles', { method: 'POST', body, headers: { Authorization: 'Bearer ' + tok, 'Content-Type': 'application/json' } });
    return { anon: anon.status, status: ok.status, body: await ok.json() };
  }, token);
  check(posted.anon === 401, 'a post without the token is refused: ' + posted.anon);
  // The browser logs the refused post itself; that line is expected.
  summary.console = summary.console.filter((l) => !l.includes('status of 401'));
  check(posted.status === 201 && posted.body.added === 1, 'a post with the token is stored: ' + JSON.stringify(posted));
  await page.reload();
  await idle();
  const afterPost = await page.textContent('#events-count');
  check(Number(afterPost.split(' ')[0]) === drawn.events + posted.body.events, `the new events are listed: ${afterPost}`);

  check(summary.dialogs.length === 0, 'dialogs opened: ' + summary.dialogs.join('; '));
  check(summary.console.length === 0, 'console errors:\n' + summary.console.join('\n'));
  step('done');
} catch (e) {
  failed = e;
} finally {
  await browser.close();
}
console.log('summary: ' + JSON.stringify(summary));
if (failed) {
  console.error(failed.stack || String(failed));
  process.exit(1);
}
