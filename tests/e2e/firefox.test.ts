// The Firefox build: web-ext lint, then the built add-on in a real Firefox (Debian firefox-esr, driven through its
// built-in WebDriver BiDi) against the real Flask tutorial app: the toolbar popup, the devtools panel, Firefox's own
// permission prompt, containers, a private window, first-party isolation.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { flaskUnavailableReason, startFlaskLoginApp, type RunningApp } from '../apps/flask-app';
import { firefoxUnavailableReason, type BiDiSession, type RunningFirefox } from './firefox-bidi';
import { FIREFOX_EXTENSION_DIR, firefoxBuild, launchFirefoxWithExtension, waitForTabPage, type FirefoxManifest } from './firefox-extension';
import type { FirefoxUi, PageTarget } from './firefox-ui';

const ROOT = join(import.meta.dirname, '../..');
const run = promisify(execFile);

const unavailable = firefoxUnavailableReason() ?? flaskUnavailableReason();
if (unavailable && process.env.CI) throw new Error(`CI must run the Firefox end-to-end test, but ${unavailable}`);

let manifest: FirefoxManifest;

beforeAll(async () => {
  manifest = await firefoxBuild();
}, 120_000);

interface LintMessage {
  code: string;
  message: string;
  file?: string;
  line?: number;
  column?: number;
}

describe('the Firefox build', () => {
  it('is Manifest V3 with a gecko id, no data collection and only optional host access', () => {
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.browser_specific_settings?.gecko?.id).toMatch(/^\{[0-9a-f-]{36}\}$/);
    expect(manifest.browser_specific_settings?.gecko?.data_collection_permissions).toEqual({ required: ['none'] });
    expect(manifest.optional_host_permissions).toEqual(['http://*/*', 'https://*/*']);
    expect(manifest.host_permissions).toBeUndefined();
    // None of them adds an install warning; each is said why in wxt.config.ts.
    expect(manifest.permissions).toEqual(['cookies', 'storage', 'activeTab', 'scripting', 'webRequest']);
  });

  it('passes web-ext lint: no errors, and the only warnings are react-dom\'s innerHTML assignments', async () => {
    const result = await run(join(ROOT, 'node_modules/.bin/web-ext'), ['lint', '--source-dir', FIREFOX_EXTENSION_DIR, '--output', 'json', '--no-input'], { cwd: ROOT }).catch(
      (error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }), // exits 1 when there are errors: report them below
    );
    const report = JSON.parse(result.stdout.slice(result.stdout.indexOf('{'))) as { errors: LintMessage[]; warnings: LintMessage[]; notices: LintMessage[] };
    expect(report.errors).toEqual([]);
    // react-dom sets innerHTML for dangerouslySetInnerHTML (which Session Lens never uses): name the code it flags.
    const ours = report.warnings.filter((warning) => !(warning.code === 'UNSAFE_VAR_ASSIGNMENT' && flaggedCode(warning).includes('.__html')));
    expect(ours).toEqual([]);
    expect(report.notices).toEqual([]);
  });
});

/** The built code around a lint message's position. */
function flaggedCode({ file, line, column }: LintMessage): string {
  if (!file || !line) return '';
  const text = readFileSync(join(FIREFOX_EXTENSION_DIR, file), 'utf8').split('\n')[line - 1] ?? '';
  return text.slice(Math.max(0, (column ?? 0) - 120), (column ?? 0) + 120);
}

describe.skipIf(unavailable !== null)(`Session Lens in real Firefox${unavailable ? ` (SKIPPED: ${unavailable})` : ''}`, () => {
  const secret = randomBytes(24).toString('hex');
  let app: RunningApp;
  let firefox: RunningFirefox;
  let bidi: BiDiSession;
  let ui: FirefoxUi;
  /** The default-store tab, logged in to the Flask app. */
  let defaultTab: string;
  const popup: PageTarget = { kind: 'popup' };
  const panel: PageTarget = { kind: 'panel' };
  const at = (tab: string) => `${app.url}/profile?tab=${tab}`;

  beforeAll(async () => {
    // Allowed in private windows, as a user would allow it.
    [app, { firefox, bidi, ui, tab: defaultTab }] = await Promise.all([startFlaskLoginApp(secret), launchFirefoxWithExtension(manifest, { allowPrivateBrowsing: true })]);
  }, 60_000);

  afterAll(async () => {
    await firefox?.close();
    await app?.stop();
  });

  // Each test opens what it looks at; a failed one must not leave its popup or toolbox over the next.
  afterEach(async () => {
    await ui?.closePopups();
    await ui?.closePanel();
  });

  /** Logs in to the Flask app in a tab (a real form post), then parks the tab on /profile?tab=<marker>. */
  async function logIn(context: string, username: string, marker: string, base = app.url): Promise<void> {
    await bidi.send('browsingContext.navigate', { context, url: `${base}/login`, wait: 'complete' });
    await bidi.call(context, `(username) => {
      document.querySelector('#username').value = username;
      document.querySelector('#email').value = username + '@example.com';
      document.querySelector('#login').click();
    }`, [username]);
    await waitForTabPage(bidi, context, `the app to log ${username} in`, (page) => page.path === '/profile' && page.text.endsWith(`Logged in as ${username}`));
    await bidi.send('browsingContext.navigate', { context, url: `${base}/profile?tab=${marker}`, wait: 'complete' });
  }

  it('toolbar popup: the user grants the site through Firefox\'s own prompt; the session decodes, unverified', async () => {
    await logIn(defaultTab, 'alice', 'default');
    await ui.openPopup(at('default'));
    const asking = await ui.waitForPage(popup, 'the site access request', (page) => page.state?.startsWith('Session Lens needs permission') === true);
    expect(asking.state).toBe(`Session Lens needs permission to read cookies on ${new URL(app.url).host}`);

    await ui.click(popup, 'button', 'Allow Session Lens to read cookies on');
    const prompt = await ui.acceptPermissionPrompt();
    expect(prompt).toContain('Session Lens');
    expect(prompt).toContain('127.0.0.1');

    // The popup stays open and updates by itself once Firefox grants the site.
    const page = await ui.waitForPage(popup, 'the decoded session', (snapshot) => snapshot.usernames.length > 0);
    expect(page.usernames).toEqual(['alice']);
    expect(page.badges).toEqual(['unverified']);
    expect(page.text).toContain('Flask session');
    expect(page.text).toContain('email: "alice@example.com"');
  });

  it('devtools Session panel: same session; the secret added there verifies it, live in the panel and the popup', async () => {
    await ui.openPanel(at('default'));
    const before = await ui.waitForPage(panel, 'the decoded session', (page) => page.usernames.length > 0);
    expect(before.usernames).toEqual(['alice']);
    expect(before.badges).toEqual(['unverified']);

    // The card's "Add secret key" opens the site's one secret form.
    await ui.click(panel, '.sl-key-need button', 'Add secret key');
    await ui.type(panel, '.sl-secret-form input[autocomplete="off"]', secret);
    await ui.click(panel, '.sl-secret-form button[type="submit"]', 'Add');
    const after = await ui.waitForPage(panel, 'a valid signature', (page) => page.badges[0] === 'valid');
    expect(after.text).toContain('Valid — secret #1');

    // Live: a new login in the inspected tab shows up in the open panel.
    await logIn(defaultTab, 'bob', 'default');
    const relogged = await ui.waitForPage(panel, 'the new session', (page) => page.usernames[0] === 'bob');
    expect(relogged.badges).toEqual(['valid']);

    await ui.openPopup(at('default'));
    const popupPage = await ui.waitForPage(popup, 'the verified session', (page) => page.badges[0] === 'valid');
    expect(popupPage.usernames).toEqual(['bob']);
  });

  it('devtools panel: edits the session (bob → mallory, viewer → admin), writes it back through the background and reloads: the app says so, the card verifies it; Undo restores bob', async () => {
    await ui.openPanel(at('default'));
    await ui.waitForPage(panel, 'the verified session', (page) => page.badges[0] === 'valid' && page.usernames[0] === 'bob');
    await ui.click(panel, 'button', 'Edit session');
    // The editor's code loads when it is first opened.
    await ui.waitForPage(panel, 'the session editor', (page) => page.text.includes('Key and signing configuration'));
    await ui.type(panel, 'textarea[aria-label="Value of username"]', 'mallory');
    await ui.type(panel, 'textarea[aria-label="Value of role"]', 'admin');
    await ui.waitForPage(panel, 'a preview that verifies with the key', (page) => page.badges[1] === 'valid');

    await ui.click(panel, 'button', 'Write to the browser');
    await waitForTabText('the app to see mallory, an admin', (text) => text.includes('Role: admin') && text.endsWith('Logged in as mallory'));
    const edited = await ui.waitForPage(panel, 'the written session, verified', (page) => page.usernames[0] === 'mallory' && page.badges.length === 1);
    expect(edited.badges).toEqual(['valid']);
    expect(edited.text).toContain('role: "admin"');

    await ui.click(panel, 'button', 'Undo');
    await waitForTabText('the app to see bob again, a viewer', (text) => text.includes('Role: viewer') && text.endsWith('Logged in as bob'));
    const restored = await ui.waitForPage(panel, 'the original session, verified, no undo left', (page) => page.usernames[0] === 'bob' && !page.text.includes('Undo'));
    expect(restored.badges).toEqual(['valid']);
  });

  /** Waits until the default tab's page text satisfies `check` (the tab reloads after a write). */
  async function waitForTabText(what: string, check: (text: string) => boolean): Promise<void> {
    await waitForTabPage(bidi, defaultTab, what, (page) => check(page.text));
  }

  it('devtools panel across a cross-site navigation: shows the new site (not granted: its access request), never the previous site\'s session or secret; and back', async () => {
    const localhost = app.url.replace('127.0.0.1', 'localhost');
    await ui.openPanel(at('default'));
    await ui.waitForPage(panel, 'the verified session', (page) => page.badges[0] === 'valid');

    await bidi.send('browsingContext.navigate', { context: defaultTab, url: `${localhost}/login`, wait: 'complete' });
    const away = await ui.waitForPage(panel, 'the new site\'s access request', (page) => page.state === `Session Lens needs permission to read cookies on ${new URL(localhost).host}`);
    expect(away.usernames).toEqual([]);
    expect(away.badges).toEqual([]);
    expect(away.text).not.toContain(new URL(app.url).host);

    await bidi.send('browsingContext.navigate', { context: defaultTab, url: at('default'), wait: 'complete' });
    const back = await ui.waitForPage(panel, 'the first site\'s session again', (page) => page.usernames.length > 0);
    expect(back.usernames).toEqual(['bob']);
    expect(back.badges).toEqual(['valid']);
  });

  it('Options in the devtools panel opens the options page (Firefox panels have no openOptionsPage), which lists the saved site', async () => {
    await ui.openPanel(at('default'));
    await ui.click(panel, 'button', 'Options');
    const options: PageTarget = { kind: 'tab', urlPrefix: `${await extensionOrigin()}/options.html` };
    await waitUntil('the options tab', () => ui.tabId(options.urlPrefix).then(() => true, () => false));
    const page = await ui.waitForPage(options, 'the saved site', (snapshot) => snapshot.text.includes(new URL(app.url).host));
    expect(page.text).not.toContain(secret); // masked
    await closeTabs(options.urlPrefix);
  });

  it('toolbar popup: Side panel opens Firefox\'s sidebar, where Session Lens shows the tab\'s session', async () => {
    await ui.openPopup(at('default'));
    await ui.click(popup, 'button', 'Side panel');
    try {
      const page = await ui.waitForPage({ kind: 'sidebar' }, 'the session in the sidebar', (snapshot) => snapshot.text.includes('Flask session'));
      expect(page.state).toBeNull();
      expect(page.text).toContain(new URL(app.url).host);
    } finally {
      await ui.chromeScript('(h) => h.windows()[0].SidebarController.hide()');
    }
  });

  it('container tab: the popup and the panel read the container\'s cookie store; the default-store tab never sees that session', async () => {
    const { userContext } = await bidi.send<{ userContext: string }>('browser.createUserContext', {});
    const { context: containerTab } = await bidi.send<{ context: string }>('browsingContext.create', { type: 'tab', userContext });
    await logIn(containerTab, 'carol', 'container');

    await ui.openPopup(at('container'));
    const container = await ui.waitForPage(popup, 'the container session', (page) => page.usernames.length > 0);
    expect(container.usernames).toEqual(['carol']);
    expect(container.badges).toEqual(['valid']); // same site, same saved secret

    await ui.openPopup(at('default'));
    const main = await ui.waitForPage(popup, 'the default-store session', (page) => page.usernames.length > 0);
    expect(main.usernames).toEqual(['bob']);
    await ui.closePopups();

    await ui.openPanel(at('container'));
    expect((await ui.waitForPage(panel, 'the container session', (page) => page.usernames.length > 0)).usernames).toEqual(['carol']);
    await ui.closePanel();

    // The panel page deep-linked to the container tab (how the panel runs outside devtools) reads the same store.
    const tabId = await ui.tabId(at('container'));
    const { context: linked } = await bidi.send<{ context: string }>('browsingContext.create', { type: 'tab' });
    const deepLink = `${await extensionOrigin()}/devtools-panel.html?tabId=${tabId}`;
    await bidi.send('browsingContext.navigate', { context: linked, url: deepLink, wait: 'complete' });
    const linkedPage = await ui.waitForPage({ kind: 'tab', urlPrefix: deepLink }, 'the container session', (page) => page.usernames.length > 0);
    expect(linkedPage.usernames).toEqual(['carol']);
    await bidi.send('browsingContext.close', { context: linked });
    await bidi.send('browsingContext.close', { context: containerTab });
  });

  it('private window: the popup and the panel read the private cookie store', async () => {
    const privateUrl = `${app.url}/login`;
    await ui.openPrivateWindow(privateUrl);
    const tree = await bidi.send<{ contexts: { context: string; url: string }[] }>('browsingContext.getTree', {});
    const privateTab = tree.contexts.find((context) => context.url.startsWith(privateUrl))!.context;
    await logIn(privateTab, 'pat', 'private');

    await ui.openPopup(at('private'));
    const page = await ui.waitForPage(popup, 'the private session', (snapshot) => snapshot.usernames.length > 0);
    expect(page.usernames).toEqual(['pat']);
    await ui.openPanel(at('private'));
    expect((await ui.waitForPage(panel, 'the private session', (snapshot) => snapshot.usernames.length > 0)).usernames).toEqual(['pat']);
    await ui.closePanel();
    await ui.openPopup(at('default'));
    expect((await ui.waitForPage(popup, 'the default session', (snapshot) => snapshot.usernames.length > 0)).usernames).toEqual(['bob']);
    await bidi.send('browsingContext.close', { context: privateTab });
  });

  it('a site not granted yet, from the devtools panel: Allow opens the popup page for that tab, which asks Firefox; the panel updates', async () => {
    const localhost = app.url.replace('127.0.0.1', 'localhost');
    const { context: tab } = await bidi.send<{ context: string }>('browsingContext.create', { type: 'tab' });
    await logIn(tab, 'luke', 'localhost', localhost);
    const tabUrl = `${localhost}/profile?tab=localhost`;
    await ui.openPanel(tabUrl);
    await ui.waitForPage(panel, 'the site access request', (page) => page.state === `Session Lens needs permission to read cookies on ${new URL(localhost).host}`);

    await ui.click(panel, 'button', 'Allow Session Lens to read cookies on');
    const accessPage: PageTarget = { kind: 'tab', urlPrefix: `${await extensionOrigin()}/popup.html?tabId=${await ui.tabId(tabUrl)}&` };
    await ui.waitForPage(accessPage, 'the site access request', (page) => page.state?.startsWith('Session Lens needs permission') === true);
    await ui.click(accessPage, 'button', 'Allow Session Lens to read cookies on');
    expect(await ui.acceptPermissionPrompt()).toContain('localhost');

    const page = await ui.waitForPage(panel, 'the granted site\'s session', (snapshot) => snapshot.usernames.length > 0);
    expect(page.usernames).toEqual(['luke']);
    expect(page.badges).toEqual(['unverified']); // secrets are per site: localhost has none
    expect((await ui.waitForPage(accessPage, 'the session', (snapshot) => snapshot.usernames.length > 0)).usernames).toEqual(['luke']);
    await closeTabs(accessPage.urlPrefix);
    await bidi.send('browsingContext.close', { context: tab });
  });

  it('first-party isolation: the popup shows the cookies stored for the page\'s own first party only', async () => {
    await ui.setPref('privacy.firstparty.isolate', true);
    try {
      const { context: tab } = await bidi.send<{ context: string }>('browsingContext.create', { type: 'tab' });
      await logIn(tab, 'fiona', 'isolated');
      await ui.openPopup(at('isolated'));
      // bob's cookie (stored before isolation, no first party) is not sent to the page any more: not shown.
      const page = await ui.waitForPage(popup, 'the isolated session', (snapshot) => snapshot.usernames.length > 0);
      expect(page.usernames).toEqual(['fiona']);
      await bidi.send('browsingContext.close', { context: tab });
    } finally {
      await ui.setPref('privacy.firstparty.isolate', false);
    }
  });

  async function extensionOrigin(): Promise<string> {
    return ui.chromeScript<string>('(h, id) => WebExtensionPolicy.getByID(id).getURL("").replace(/\\/$/, "")', [ui.extensionId]);
  }

  async function closeTabs(urlPrefix: string): Promise<void> {
    await ui.chromeScript(`(h, prefix) => {
      for (const win of h.windows()) for (const tab of [...win.gBrowser.tabs]) if (tab.linkedBrowser.currentURI.spec.startsWith(prefix)) win.gBrowser.removeTab(tab);
    }`, [urlPrefix]);
  }
});

async function waitUntil(what: string, check: () => Promise<boolean>, timeout = 10_000): Promise<void> {
  const end = Date.now() + timeout;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
