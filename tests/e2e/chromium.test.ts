// The built extension in the real Chromium, against the real Flask tutorial app: site access through the popup's
// own button and Chromium's own permission prompt, login through the page, the real toolbar popup attached to the
// tab, the real devtools "Session" panel, secrets typed into the site's secret form, live logout, and no network traffic.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flaskUnavailableReason, startFlaskLoginApp, type RunningApp } from '../apps/flask-app';
import { sleep, type RemotePage } from './cdp';
import { startHitCounter, type HitCounter } from './hit-counter';
import {
  chromiumUnavailableReason,
  extensionCanRead,
  launchWithExtension,
  openDevtoolsPanel,
  openPopup,
  type ExtensionBrowser,
} from './chromium-harness';

const SECRET = 'e2e-flask-secret-key';
const WRONG_SECRET = 'not-the-flask-secret';
const USERNAME = 'zoë';
const EMAIL = 'zoe@example.com';

const unavailable = chromiumUnavailableReason() ?? flaskUnavailableReason();
if (unavailable && process.env.CI) throw new Error(`CI must run the Chromium end-to-end test, but ${unavailable}`);

/** What a Session Lens page (popup or panel) shows, read the way a user reads it. */
interface ViewSnapshot {
  /** Headings of whole-page states ("Session Lens needs permission…", "No cookies on …"). */
  states: string[];
  buttons: string[];
  cards: { name: string; format: string; status: string; badge: string; text: string }[];
}

function readView(): ViewSnapshot | null {
  const app = document.querySelector('.sl-app');
  if (!app) return null;
  const text = (element: Element | null | undefined) => element?.textContent?.trim() ?? '';
  return {
    states: [...app.querySelectorAll('section.sl-state > h2')].map(text),
    buttons: [...app.querySelectorAll('button')].map(text),
    cards: [...app.querySelectorAll('article')].map((card) => {
      const badge = card.querySelector('[data-status]');
      return {
        name: text(document.getElementById(card.getAttribute('aria-labelledby') ?? '')),
        format: text(card.querySelector('.sl-format')),
        status: badge?.getAttribute('data-status') ?? '',
        badge: text(badge),
        text: text(card),
      };
    }),
  };
}

/** Waits until the view satisfies `check` (run in Node on each snapshot) and returns that snapshot. */
async function waitForView(view: RemotePage, what: string, check: (snapshot: ViewSnapshot) => boolean, timeoutMs = 15_000): Promise<ViewSnapshot> {
  const deadline = Date.now() + timeoutMs;
  let last: ViewSnapshot | null = null;
  while (Date.now() < deadline) {
    last = await view.evaluate(readView).catch(() => null);
    if (last && check(last)) return last;
    await sleep(50);
  }
  throw new Error(`Timed out waiting for ${what}; the page showed: ${JSON.stringify(last, null, 2)}`);
}

const sessionCard = (snapshot: ViewSnapshot) => snapshot.cards.find((card) => card.name === 'session');
/** A whole-page state that is not a busy one ("Reading cookies…", "Decoding 3 cookies…"). */
const settledState = (snapshot: ViewSnapshot) => snapshot.states.length > 0 && !snapshot.states.some((state) => state.endsWith('…'));

/**
 * Adds a secret as a user would: the session card's "Add secret key" opens the site's secret form with the cursor in
 * its field, then real keystrokes and a click on Add.
 */
async function addSecret(view: RemotePage, secret: string): Promise<void> {
  await view.click('the "Add secret key" button of the session card', labelled, 'button', 'Add secret key for session');
  await view.waitFor('the cursor in the site\'s secret key field', () => document.activeElement?.closest('.sl-site-secrets') != null && document.activeElement instanceof HTMLInputElement, []);
  await view.type(secret);
  await view.click('the Add button of the site\'s secret form', () => [...document.querySelectorAll('.sl-site-secrets button')].find((button) => button.textContent?.trim() === 'Add'));
}

/** The element whose accessible label (`aria-label`) is exactly `label`. */
function labelled(tag: string, label: string): Element | undefined {
  return [...document.querySelectorAll(tag)].find((element) => element.getAttribute('aria-label') === label);
}

/** Replaces the text of the field labelled `label` as a user would: click into it, select all, type. */
async function replaceText(view: RemotePage, label: string, text: string): Promise<void> {
  await view.click(`the field "${label}"`, labelled, 'textarea, input', label);
  await view.evaluate((name) => (document.activeElement?.getAttribute('aria-label') === name ? (document.activeElement as HTMLInputElement).select() : null), label);
  await view.type(text);
}

async function logIn(page: Page, app: RunningApp): Promise<void> {
  await page.goto(`${app.url}/login`);
  await page.fill('#username', USERNAME);
  await page.fill('#email', EMAIL);
  await Promise.all([page.waitForURL(`${app.url}/profile`), page.click('#login')]);
  await page.getByText(`Logged in as ${USERNAME}`).waitFor();
}

/**
 * Each way a page can reach a server, at its own path of the hit counter, with the CSP directive that must block it
 * in extension pages. The form is asked separately, last: it navigates the page away when allowed.
 */
const REACH: Record<string, string> = {
  '/img': 'img-src',
  '/stylesheet': 'style-src-elem',
  '/iframe': 'frame-src',
  '/css-background': 'img-src',
  '/fetch': 'connect-src',
  '/xhr': 'connect-src',
  '/websocket': 'connect-src',
  '/eventsource': 'connect-src',
  '/beacon': 'connect-src',
};
const FORM: Record<string, string> = { '/form': 'form-action' };

/** Runs in the page: asks `base` for something every way at once, recording each CSP violation in `violations`. */
function injectRequests(base: string): void {
  const page = window as unknown as { violations: { directive: string; blocked: string }[] };
  page.violations = [];
  document.addEventListener('securitypolicyviolation', (event) => page.violations.push({ directive: event.effectiveDirective, blocked: event.blockedURI }), true);
  const attempts: (() => unknown)[] = [
    () => document.body.append(Object.assign(document.createElement('img'), { src: `${base}/img` })),
    () => document.head.append(Object.assign(document.createElement('link'), { rel: 'stylesheet', href: `${base}/stylesheet` })),
    () => document.body.append(Object.assign(document.createElement('iframe'), { src: `${base}/iframe` })),
    () => {
      const box = document.createElement('div');
      box.style.cssText = `width: 20px; height: 20px; background: url("${base}/css-background")`;
      document.body.prepend(box);
    },
    () => fetch(`${base}/fetch`).catch(() => undefined),
    () => {
      const request = new XMLHttpRequest();
      request.open('GET', `${base}/xhr`);
      request.send();
    },
    () => new WebSocket(`${base.replace(/^http/, 'ws')}/websocket`),
    () => {
      const source = new EventSource(`${base}/eventsource`);
      source.onerror = () => source.close();
    },
    () => navigator.sendBeacon(`${base}/beacon`, 'secret'),
  ];
  for (const attempt of attempts) {
    try {
      attempt();
    } catch {
      // A synchronous refusal (a blocked WebSocket may throw) is reported as a violation all the same.
    }
  }
}

/** Runs in the page: submits a form to `base`, once this evaluation has returned (it may navigate the page away). */
function submitForm(base: string): void {
  const form = Object.assign(document.createElement('form'), { method: 'post', action: `${base}/form` });
  document.body.append(form);
  setTimeout(() => form.submit(), 0);
}

type Violation = { directive: string; blocked: string };
const readViolations = () => (window as unknown as { violations: Violation[] }).violations;

/** The paths of `expected` that a violation of their directive blocked (Chromium reports a blocked frame by its origin only). */
function blockedPaths(counter: HitCounter, violations: Violation[], expected: Record<string, string>): string[] {
  const blocked = (violation: Violation, path: string) => [`${counter.url}${path}`, `${counter.url}/`].includes(violation.blocked.replace(/^ws:/, 'http:'));
  return Object.entries(expected)
    .filter(([path, directive]) => violations.some((violation) => violation.directive === directive && blocked(violation, path)))
    .map(([path]) => path);
}

/**
 * Waits until each path of `expected` was either blocked (a violation of its directive) or reached the server, and
 * returns the blocked ones. A blocked request never reaches the server later: the hit count is final for them then.
 */
async function waitForEveryPath(counter: HitCounter, where: string, violations: () => Promise<Violation[]>, expected: Record<string, string>): Promise<string[]> {
  const deadline = Date.now() + 15_000;
  let blocked: string[] = [];
  while (Date.now() < deadline) {
    blocked = blockedPaths(counter, await violations(), expected);
    if (Object.keys(expected).every((path) => blocked.includes(path) || counter.hits.includes(path))) return blocked;
    await sleep(50);
  }
  throw new Error(`Timed out waiting in ${where} for ${Object.keys(expected).join(' ')}: blocked ${JSON.stringify(blocked)}, server hits ${JSON.stringify(counter.hits)}`);
}

describe.skipIf(unavailable !== null)(`Session Lens in real Chromium with the real Flask app${unavailable ? ` (SKIPPED: ${unavailable})` : ''}`, () => {
  let app: RunningApp;
  let browser: ExtensionBrowser;
  let page: Page;
  let popup: RemotePage;
  let panel: RemotePage;
  let host: string;
  let counter: HitCounter | undefined;
  /** The popup the network test injects into (its CSP violations are on purpose). */
  let injected: RemotePage;

  beforeAll(async () => {
    app = await startFlaskLoginApp(SECRET);
    host = new URL(app.url).host;
    browser = await launchWithExtension({ devtools: true, nativeUi: true });
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    await page.goto(`${app.url}/login`);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await counter?.stop();
  });

  it('asks for access to the site first, in the panel and the popup, and gets it through its own button and Chromium\'s real prompt', async () => {
    ({ panel } = await openDevtoolsPanel(browser));
    const needsAccess = `Session Lens needs permission to read cookies on ${host}`;
    const panelBefore = await waitForView(panel, 'the no-access state in the panel', settledState);
    expect(panelBefore.states).toEqual([needsAccess]);

    popup = await openPopup(browser, app.url);
    const popupBefore = await waitForView(popup, 'the no-access state in the popup', settledState);
    expect(popupBefore.states).toEqual([needsAccess]);
    expect(popupBefore.buttons).toContain(`Allow Session Lens to read cookies on ${host}`);
    expect(await extensionCanRead(browser, app.url)).toBe(false);

    await popup.click('the Allow button', (label) => [...document.querySelectorAll('button')].find((button) => button.textContent?.trim() === label), `Allow Session Lens to read cookies on ${host}`);
    // The popup closes as Chromium's own permission prompt (a native dialog) takes focus: read the prompt, press Allow.
    const prompt = await browser.nativeUi!.pressDialogButton('ExtensionInstallDialogView', 'Allow');
    expect(prompt.texts).toEqual(expect.arrayContaining([expect.stringContaining('Session Lens'), 'Read and change your data on 127.0.0.1']));
    expect(prompt.buttons).toEqual(expect.arrayContaining(['Allow', 'Deny']));
    await expect.poll(() => extensionCanRead(browser, app.url), { timeout: 10_000 }).toBe(true);

    // The open panel follows the grant without being reopened: the login page has no cookies yet.
    const panelAfter = await waitForView(panel, 'the panel to read the site once allowed', (view) => settledState(view) && !view.states.includes(needsAccess));
    expect(panelAfter.states).toEqual([`No cookies on ${host}`]);
  });

  it('decodes the session of a login made in the page (live in the panel), not verified until the secret is added', async () => {
    await logIn(page, app);
    const inPanel = await waitForView(panel, 'the session card to appear in the open panel', (view) => Boolean(sessionCard(view)?.status));
    expect(sessionCard(inPanel)!.text).toContain(USERNAME);
    expect(sessionCard(inPanel)!.status).toBe('unverified');

    popup = await openPopup(browser, app.url);
    const view = await waitForView(popup, 'the session card in the popup', (snapshot) => Boolean(sessionCard(snapshot)?.status));
    const card = sessionCard(view)!;
    expect(card.format).toMatch(/Flask/);
    expect(card.text).toContain(USERNAME);
    expect(card.text).toContain(EMAIL);
    expect(card.status).toBe('unverified');
    expect(card.badge).toMatch(/Not verified/);
  });

  it('says invalid for a wrong secret and valid once the right one is added, typed into the site\'s secret form; the panel follows', async () => {
    await addSecret(popup, WRONG_SECRET);
    const wrong = await waitForView(popup, 'an invalid signature', (view) => sessionCard(view)?.status === 'invalid');
    expect(sessionCard(wrong)!.badge).toMatch(/Invalid signature/);

    await addSecret(popup, SECRET);
    const right = await waitForView(popup, 'a valid signature', (view) => sessionCard(view)?.status === 'valid');
    expect(sessionCard(right)!.badge).toMatch(/Valid — secret #2/);
    expect(sessionCard(right)!.text).toContain(USERNAME);

    // Secrets live in extension storage: the open panel verifies with them too, without being reopened.
    const inPanel = await waitForView(panel, 'the panel to verify the session', (view) => sessionCard(view)?.status === 'valid');
    expect(sessionCard(inPanel)!.badge).toMatch(/Valid — secret #2/);

  });

  it('edits the session in the popup (zoë → mallory, viewer → admin), writes it back and reloads: the app says so, the card verifies it; Undo restores zoë', async () => {
    await popup.click('the Edit session button', labelled, 'button', 'Edit session session');
    await replaceText(popup, 'Value of username', 'mallory');
    await replaceText(popup, 'Value of role', 'admin');
    await popup.waitFor('a preview that verifies with the key', () => document.querySelector('.sl-editor-preview [data-status="valid"]') !== null, []);

    const written = page.waitForEvent('load');
    await popup.click('the Write button', (text) => [...document.querySelectorAll('button')].find((button) => button.textContent?.trim() === text), 'Write to the browser');
    await written;
    await page.getByText('Logged in as mallory').waitFor();
    expect(await page.locator('#role').textContent()).toBe('Role: admin');
    const edited = await waitForView(popup, 'the written session, verified', (view) => sessionCard(view)?.status === 'valid' && sessionCard(view)!.text.includes('mallory'));
    expect(sessionCard(edited)!.text).toContain('"admin"');
    expect(sessionCard(edited)!.text).toContain(EMAIL);

    const undone = page.waitForEvent('load');
    await popup.click('the Undo button', labelled, 'button', `Undo: Edited session (Flask session)`);
    await undone;
    await page.getByText(`Logged in as ${USERNAME}`).waitFor();
    expect(await page.locator('#role').textContent()).toBe('Role: viewer');
    const restored = await waitForView(popup, 'the original session, verified, and no undo left', (view) => sessionCard(view)?.status === 'valid' && sessionCard(view)!.text.includes(USERNAME) && !view.buttons.some((button) => button === 'Undo'));
    expect(sessionCard(restored)!.text).not.toContain('mallory');
  });

  it('drops the session card live, in the open popup and panel, when the tab logs out', async () => {
    await page.goto(`${app.url}/logout`);
    await page.waitForURL(`${app.url}/`);
    expect(await page.locator('h1').textContent()).toBe('Home');
    for (const [name, view] of [['popup', popup], ['panel', panel]] as const) {
      const after = await waitForView(view, `the ${name} to drop the session card`, (snapshot) => sessionCard(snapshot) === undefined && settledState(snapshot));
      expect(after.states, name).toEqual([`No cookies on ${host}`]);
    }
  });

  it('shows the session again, live and verified, in the open panel when the tab logs back in', async () => {
    // Close the popup first, as clicking into devtools would.
    await browser.cdp.client.send('Target.closeTarget', { targetId: popup.target.targetId });
    await logIn(page, app);
    const view = await waitForView(panel, 'the verified session card in the panel', (snapshot) => sessionCard(snapshot)?.status === 'valid');
    expect(sessionCard(view)!.text).toContain(USERNAME);
  });

  it('follows a cross-site navigation in the open panel: the new site\'s access request, never the previous site\'s session or secret; and back', async () => {
    const other = app.url.replace('127.0.0.1', 'localhost');
    const otherHost = new URL(other).host;
    await page.goto(`${other}/login`);
    const away = await waitForView(panel, 'the panel to show the new site', (view) => settledState(view) && view.states.includes(`Session Lens needs permission to read cookies on ${otherHost}`));
    expect(away.cards).toEqual([]);
    expect(JSON.stringify(away)).not.toContain(host);

    await page.goto(`${app.url}/profile`);
    const back = await waitForView(panel, 'the panel to show the first site again', (view) => sessionCard(view)?.status === 'valid');
    expect(sessionCard(back)!.text).toContain(USERNAME);
  });

  it('made no network requests from extension pages or workers other than its own files', () => {
    const own = `chrome-extension://${browser.extensionId}/`;
    // Every kind of extension context was attached with the Network domain on (so an empty list below means something)…
    const recorded = browser.cdp.attached.filter((target) => target.url.startsWith(own));
    expect(new Set(recorded.map((target) => target.type))).toEqual(new Set(['service_worker', 'page', 'iframe']));
    expect(recorded.map((target) => target.url)).toEqual(expect.arrayContaining([`${own}background.js`, `${own}popup.html`, `${own}devtools.html`, `${own}devtools-panel.html`]));
    // …and seen loading the extension's own pages and scripts.
    const fromExtension = browser.cdp.requests.filter((request) => request.target.url.startsWith(own) || request.documentUrl.startsWith(own));
    expect(fromExtension.map((request) => request.url)).toEqual(
      expect.arrayContaining([`${own}popup.html`, `${own}devtools-panel.html`, expect.stringMatching(/^chrome-extension:\/\/[a-p]{32}\/chunks\/SessionLensApp-[\w-]+\.js$/)]),
    );
    // A `data:` URL is read from memory, not fetched (Chromium's own date-time field draws its calendar icon from one).
    const elsewhere = fromExtension.filter((request) => !request.url.startsWith(own) && !request.url.startsWith('data:'));
    expect(elsewhere.map((request) => `${request.target.type} ${request.target.url} (${request.documentUrl}) -> ${request.url}`)).toEqual([]);
  });

  it('lets nothing injected into the popup reach a server (elements, CSS, form, fetch, XHR, sockets, beacon); a normal page reaches it every way', async () => {
    counter = await startHitCounter();
    injected = await openPopup(browser, app.url);
    await injected.evaluate(injectRequests, counter.url);
    const blocked = await waitForEveryPath(counter, 'the popup', () => injected.evaluate(readViolations), REACH);
    await injected.evaluate(submitForm, counter.url);
    const blockedForm = await waitForEveryPath(counter, 'the popup', () => injected.evaluate(readViolations), FORM);
    expect(counter.hits).toEqual([]);
    expect([...blocked, ...blockedForm].sort()).toEqual([...Object.keys(REACH), ...Object.keys(FORM)].sort());

    // The control: the same in an ordinary page (the app's tab, no CSP; its last use) reaches the server every way.
    await page.goto(app.url);
    await page.evaluate(injectRequests, counter.url);
    await waitForEveryPath(counter, 'the control page', async () => [], REACH);
    await page.evaluate(submitForm, counter.url);
    await waitForEveryPath(counter, 'the control page', async () => [], FORM);
    // (Once the form has navigated the page there, Chromium may also ask that server for /favicon.ico.)
    expect(counter.hits).toEqual(expect.arrayContaining([...Object.keys(REACH), ...Object.keys(FORM)]));
  });

  it('shows no Content Security Policy violation in any extension page or worker it did not inject', () => {
    const own = `chrome-extension://${browser.extensionId}/`;
    const violations = browser.cdp.logEntries.filter(
      (entry) => entry.target.url.startsWith(own) && entry.target.targetId !== injected.target.targetId && /Content Security Policy/i.test(entry.text),
    );
    expect(violations.map((entry) => `${entry.target.type} ${entry.target.url}: ${entry.text}`)).toEqual([]);
    // The injected popup's violations were logged: an empty list above means something.
    expect(browser.cdp.logEntries.some((entry) => entry.target.targetId === injected.target.targetId && /Content Security Policy/i.test(entry.text))).toBe(true);
  });
});
