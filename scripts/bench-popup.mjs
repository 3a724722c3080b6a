// npm run bench:popup [-- --runs N] [-- --no-secrets]
//
// Time from opening the real toolbar popup (Extensions.triggerAction on a tab, as a click on the button) to its
// decoded session cards on screen, on a page that sets 50 cookies: the demo's real framework sessions (Flask,
// Flask-Login, Flask with the known key 'dev', Django, JWT, Express cookie-session pair) and ordinary ones. Runs in
// headless Chromium with the built extension (npm run build first); the site's secrets are saved, so every card is
// verified as well as decoded. Prints the median of the runs in ms. Not a test: nothing is asserted but the cards.
import { createServer } from 'node:http';
import { chromiumUnavailableReason, extensionCanRead, launchWithExtension, openPopup, tabTargetId } from '../tests/e2e/chromium-harness.ts';
import { sleep } from '../tests/e2e/cdp.ts';
import { demoCookies, demoSessions } from './demo-site.mjs';

const COOKIES = 50;
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 10;
const withSecrets = !process.argv.includes('--no-secrets');

const unavailable = chromiumUnavailableReason();
if (unavailable) {
  console.error(`Cannot run: ${unavailable}`);
  process.exit(1);
}

/** The demo's sessions and ordinary cookies, topped up with ordinary ones to 50. */
function benchCookies() {
  const cookies = demoCookies().map((cookie) => `${cookie.name}=${cookie.value}; ${cookie.attributes}`);
  const fillers = ['ui_pref_%d=compact', '_ga_%d=GA1.1.%d.1795300000', 'ab_test_%d=variant-b', 'recently_viewed_%d=sku-10%d%2Csku-20%d'];
  for (let i = 0; cookies.length < COOKIES; i++) cookies.push(`${fillers[i % fillers.length].replaceAll('%d', String(i + 1))}; Path=/; SameSite=Lax`);
  return cookies;
}

const server = createServer((request, response) => {
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'set-cookie': benchCookies(), 'cache-control': 'no-store' });
  response.end('<!doctype html><title>50 cookies</title><h1>50 cookies</h1>');
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
const url = `http://127.0.0.1:${server.address().port}/`;
const origin = url.slice(0, -1);
const sessionCount = demoSessions().length;

const browser = await launchWithExtension({ nativeUi: true });
try {
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  await page.goto(url);
  const cookieCount = (await browser.context.cookies(url)).length;
  if (cookieCount !== COOKIES) throw new Error(`the page set ${cookieCount} cookies, not ${COOKIES}`);

  // Site access the way a user gives it: the popup's button, then Allow in Chromium's prompt.
  const first = await openPopup(browser, url);
  await first.click('the Allow button', () => [...document.querySelectorAll('button')].find((button) => button.textContent?.startsWith('Allow Session Lens')));
  await browser.nativeUi.pressDialogButton('ExtensionInstallDialogView', 'Allow');
  for (let waited = 0; !(await extensionCanRead(browser, url)); waited += 100) {
    if (waited > 10_000) throw new Error('site access was not granted');
    await sleep(100);
  }
  if (withSecrets) {
    const secrets = [...new Set(demoSessions().flatMap((session) => (session.secret === null ? [] : [session.secret])))];
    const worker = browser.context.serviceWorkers().find((candidate) => candidate.url().startsWith(`chrome-extension://${browser.extensionId}/`));
    await worker.evaluate(([site, list]) => globalThis.chrome.storage.local.set({ siteSettings: { [site]: { secrets: list } } }), [origin, secrets]);
  }

  const popupUrl = `chrome-extension://${browser.extensionId}/popup.html`;
  const tab = await tabTargetId(browser, url);
  /** Resolves (in the popup) with performance.now() at the first moment every session card has its verdict. */
  const cardsRendered = `new Promise((resolve) => {
    const done = () => document.querySelectorAll('article [data-status]').length === ${sessionCount} && !document.querySelector('.sl-state--busy');
    if (done()) return resolve({ at: performance.now(), late: true });
    new MutationObserver((_, observer) => { if (done()) { observer.disconnect(); resolve({ at: performance.now(), late: false }); } })
      .observe(document.documentElement, { subtree: true, childList: true, attributes: true });
  }).then(({ at, late }) => ({ renderedAt: performance.timeOrigin + at, pageStart: performance.timeOrigin, late, verified: document.querySelectorAll('article [data-status="valid"]').length }))`;

  const results = [];
  const inPageTimes = [];
  for (let run = 0; run <= runs; run++) {
    for (const open of [...browser.cdp.sessions.values()].filter((target) => target.url === popupUrl)) {
      await browser.cdp.client.send('Target.closeTarget', { targetId: open.targetId }).catch(() => undefined);
    }
    while ([...browser.cdp.sessions.values()].some((target) => target.url === popupUrl)) await sleep(20);
    await sleep(300);
    const known = new Set(browser.cdp.sessions.keys());
    const started = performance.timeOrigin + performance.now();
    await browser.cdp.client.send('Extensions.triggerAction', { id: browser.extensionId, targetId: tab });
    const popup = await browser.cdp.waitForSession((target) => target.url === popupUrl && ![...known].some((id) => browser.cdp.sessions.get(id) === target), 'popup');
    await popup.waitFor('the popup document', (expected) => location.href === expected && document.readyState !== 'loading', [popupUrl]);
    const { renderedAt, pageStart, late, verified } = await popup.evaluateExpression(cardsRendered);
    const ms = renderedAt - started;
    const inPage = renderedAt - pageStart;
    if (run === 0) {
      console.log(`warm-up: ${ms.toFixed(0)} ms (${sessionCount} session cards, ${verified} verified)`);
      continue;
    }
    results.push(ms);
    inPageTimes.push(inPage);
    console.log(`run ${run}: ${ms.toFixed(1)} ms (popup page started after ${(ms - inPage).toFixed(0)} ms, cards ${inPage.toFixed(0)} ms later)${late ? ' (cards were there before the observer: an upper bound)' : ''}`);
  }
  const median = (values) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  };
  results.sort((a, b) => a - b);
  console.log(
    `\nPopup open -> ${sessionCount} decoded session cards (${COOKIES} cookies, ${withSecrets ? 'secrets saved' : 'no secrets'}): ` +
      `median ${median(results).toFixed(0)} ms over ${results.length} runs (min ${results[0].toFixed(0)}, max ${results.at(-1).toFixed(0)}); ` +
      `of which ${median(inPageTimes).toFixed(0)} ms (median) inside the popup page, from its navigation start`,
  );
} finally {
  await browser.close();
  server.close();
  server.closeAllConnections();
}
