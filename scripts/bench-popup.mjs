// npm run bench:popup [-- --runs N] [-- --extension DIR] [-- --previous DIR]
//
// Session Lens's real toolbar popup against a reference that only lists the tab's cookies
// (scripts/bench/trivial-extension/), both loaded in the same headless Chromium and opened the same way
// (Extensions.triggerAction on the tab, as a click on the button), interleaved, on a page that sets 50 cookies: one
// Flask session (its secret saved, so it is verified) and 49 ordinary ones. Timed inside each popup, from its
// navigation start: Session Lens to its session card with the verdict, the reference to its list of 50. Warm, and
// with Session Lens's service worker stopped before each open (as the browser stops it after ~30 s idle). Long tasks
// (over 50 ms) on each popup's page are counted. Prints medians and ratios; nothing is asserted: not a test.
// Needs the build: npm run build (or `--extension DIR`, another build of Session Lens). `--previous DIR` adds another
// build of Session Lens (e.g. the last commit's) to the same run, timed the same way, interleaved with the other two.
import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, resolve } from 'node:path';
import { chromiumUnavailableReason, grantSiteAccess, launchWithExtension, tabTargetId } from '../tests/e2e/chromium-harness.ts';
import { median } from './bench/stats.ts';
import { sleep } from '../tests/e2e/cdp.ts';
import { demoSessions } from './demo-site.mjs';

const COOKIES = 50;
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 15;
const argument = (name) => (process.argv.includes(name) ? resolve(process.argv[process.argv.indexOf(name) + 1]) : undefined);
const extensionDir = argument('--extension');
const previousDir = argument('--previous');
const REFERENCE_DIR = realpathSync(join(import.meta.dirname, 'bench/trivial-extension'));

const unavailable = chromiumUnavailableReason();
if (unavailable) {
  console.error(`Cannot run: ${unavailable}`);
  process.exit(1);
}

/** Chromium names an unpacked extension after its directory: the first 32 hex digits of SHA-256(path), as a–p. */
function unpackedExtensionId(dir) {
  return [...createHash('sha256').update(dir).digest('hex').slice(0, 32)].map((digit) => String.fromCharCode(97 + parseInt(digit, 16))).join('');
}

const flask = demoSessions().find((session) => session.framework === 'Flask');

/** One Flask session and 49 ordinary cookies. */
function benchCookies() {
  const cookies = [`${flask.fixture.cookie.name}=${flask.fixture.cookie.value}; ${flask.attributes}`];
  const fillers = ['ui_pref_%d=compact', '_ga_%d=GA1.1.%d.1795300000', 'ab_test_%d=variant-b', 'recently_viewed_%d=sku-10%d%2Csku-20%d'];
  for (let i = 0; cookies.length < COOKIES; i++) cookies.push(`${fillers[i % fillers.length].replaceAll('%d', String(i + 1))}; Path=/; SameSite=Lax`);
  return cookies;
}

/** Run in each popup as soon as it is reached: resolves when `ready()` holds, with the time since navigation start. */
function timedInPopup(ready) {
  return `(() => {
    const ready = ${ready};
    const longTasks = [];
    try { new PerformanceObserver((list) => longTasks.push(...list.getEntries().map((entry) => entry.duration))).observe({ type: 'longtask', buffered: true }); } catch {}
    return new Promise((resolve) => {
      const done = () => { if (!ready()) return false; const at = performance.now(); setTimeout(() => resolve({ at, longTasks }), 100); return true; };
      if (done()) return;
      new MutationObserver((_, observer) => { if (done()) observer.disconnect(); }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    });
  })()`;
}

const SESSION_LENS_READY = `() => document.querySelectorAll('article [data-status="valid"]').length === 1 && !document.querySelector('.sl-state--busy')`;
const REFERENCE_READY = `() => document.getElementById('count')?.dataset.count === '${COOKIES}'`;

const server = createServer((request, response) => {
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'set-cookie': benchCookies(), 'cache-control': 'no-store' });
  response.end('<!doctype html><title>50 cookies</title><h1>50 cookies</h1>');
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
const url = `http://127.0.0.1:${server.address().port}/`;
const origin = url.slice(0, -1);

const browser = await launchWithExtension({ nativeUi: true, alongside: [REFERENCE_DIR, ...(previousDir ? [previousDir] : [])], ...(extensionDir ? { extensionDir } : {}) });
const cdp = browser.cdp;
/** The builds of Session Lens have a service worker (stopped before their "stopped" opens) and need site access. */
const extensions = {
  'Session Lens': { id: browser.extensionId, ready: SESSION_LENS_READY, sessionLens: true },
  ...(previousDir ? { previous: { id: unpackedExtensionId(previousDir), ready: SESSION_LENS_READY, sessionLens: true } } : {}),
  reference: { id: unpackedExtensionId(REFERENCE_DIR), ready: REFERENCE_READY, sessionLens: false },
};
const names = Object.keys(extensions);
const popupUrlOf = (id) => `chrome-extension://${id}/popup.html`;

async function closePopups() {
  const popups = Object.values(extensions).map(({ id }) => popupUrlOf(id));
  for (const open of [...cdp.sessions.values()].filter((target) => popups.includes(target.url))) {
    await cdp.client.send('Target.closeTarget', { targetId: open.targetId }).catch(() => undefined);
  }
  while ([...cdp.sessions.values()].some((target) => popups.includes(target.url))) await sleep(20);
}

const workers = async (id) => (await cdp.client.send('Target.getTargets')).targetInfos.filter((target) => target.type === 'service_worker' && target.url.startsWith(`chrome-extension://${id}/`));

/** Stops the extension's service worker as the browser does when it idles out; the next event starts it again. */
async function stopServiceWorker(id) {
  for (const worker of await workers(id)) await cdp.client.send('Target.closeTarget', { targetId: worker.targetId }).catch(() => undefined);
  for (let waited = 0; (await workers(id)).length > 0; waited += 20) {
    if (waited > 10_000) throw new Error('the service worker did not stop');
    await sleep(20);
  }
}

/** Opens one extension's popup on the tab; its time from navigation start to ready, and its long tasks. */
async function timeOpen(name, tab) {
  const { id, ready } = extensions[name];
  const popupUrl = popupUrlOf(id);
  const known = new Set(cdp.sessions.values());
  await cdp.client.send('Extensions.triggerAction', { id, targetId: tab });
  const popup = await cdp.waitForSession((target) => target.url === popupUrl && !known.has(target), `${name} popup`);
  const { at, longTasks } = await popup.evaluateExpression(timedInPopup(ready));
  return { ms: at, longTasks };
}

try {
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  await page.goto(url);
  const cookieCount = (await browser.context.cookies(url)).length;
  if (cookieCount !== COOKIES) throw new Error(`the page set ${cookieCount} cookies, not ${COOKIES}`);
  const tab = await tabTargetId(browser, url);

  // Site access for each build of Session Lens the way a user gives it, then the Flask secret, saved as the options
  // page does.
  for (const { id, sessionLens } of Object.values(extensions)) {
    if (!sessionLens) continue;
    await grantSiteAccess(browser, url, id);
    const worker = browser.context.serviceWorkers().find((candidate) => candidate.url().startsWith(`chrome-extension://${id}/`));
    await worker.evaluate(([site, secret]) => globalThis.chrome.storage.local.set({ siteSettings: { [site]: { secrets: [secret] } } }), [origin, flask.secret]);
  }

  const times = { warm: Object.fromEntries(names.map((name) => [name, []])), stopped: Object.fromEntries(names.map((name) => [name, []])) };
  const longTasks = Object.fromEntries(names.map((name) => [name, []]));
  for (let run = 0; run <= runs; run++) {
    for (const state of ['warm', 'stopped']) {
      const order = [...names.slice(run % names.length), ...names.slice(0, run % names.length)];
      for (const name of order) {
        const { id, sessionLens } = extensions[name];
        await closePopups();
        if (sessionLens && state === 'stopped') await stopServiceWorker(id);
        if (sessionLens && state === 'warm' && (await workers(id)).length === 0) throw new Error(`${name}'s service worker stopped in the warm state`);
        await sleep(300);
        const { ms, longTasks: tasks } = await timeOpen(name, tab);
        if (run === 0) continue; // warm-up
        times[state][name].push(ms);
        longTasks[name].push(...tasks);
      }
    }
    if (run > 0) console.log(`run ${run}: ${['warm', 'stopped'].map((state) => `${state} ${names.map((name) => times[state][name].at(-1).toFixed(0)).join(' / ')} ms`).join(', ')} (${names.join(' / ')})`);
  }
  await closePopups();

  const range = (values) => `${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)}`;
  console.log(`\nPopup navigation start -> ready, ${COOKIES} cookies, ${runs} interleaved runs each (Session lens: its verified session card; reference: its list of ${COOKIES}):`);
  for (const state of ['warm', 'stopped']) {
    const medians = Object.fromEntries(names.map((name) => [name, median(times[state][name])]));
    const ratio = (a, b) => `${a}/${b} ${(medians[a] / medians[b]).toFixed(2)}`;
    console.log(
      `  ${state === 'warm' ? 'warm                   ' : 'service worker stopped '}: ${names.map((name) => `${name} median ${medians[name].toFixed(0)} ms (${range(times[state][name])})`).join(', ')}; ` +
        `ratio ${[ratio('Session Lens', 'reference'), ...(previousDir ? [ratio('previous', 'reference'), ratio('Session Lens', 'previous')] : [])].join(', ')}`,
    );
  }
  for (const [name, tasks] of Object.entries(longTasks)) {
    console.log(`  long tasks (> 50 ms) in ${name}'s popups: ${tasks.length}${tasks.length ? ` (longest ${Math.max(...tasks).toFixed(0)} ms)` : ''}`);
  }
} finally {
  await browser.close();
  server.close();
  server.closeAllConnections();
}
