// The history of a tab's session cookies in the real Firefox, against the real Flask app: the open devtools panel
// shows each step (log in as alice, the app changes her role, log out, log in as bob) with its diff and the response
// that caused it (its Set-Cookie, seen by the background); the deep-linked panel page shows the same history.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flaskUnavailableReason, startFlaskLoginApp, type RunningApp } from '../apps/flask-app';
import { firefoxUnavailableReason, type BiDiSession, type RunningFirefox } from './firefox-bidi';
import { firefoxBuild, launchFirefoxWithExtension, waitForTabPage } from './firefox-extension';
import type { FirefoxUi, PageTarget } from './firefox-ui';
import { readHistory, waitForHistory, type HistoryEntry } from './history-page';

const SECRET = 'e2e-history-secret';

const unavailable = firefoxUnavailableReason() ?? flaskUnavailableReason();
if (unavailable && process.env.CI) throw new Error(`CI must run the Firefox history end-to-end test, but ${unavailable}`);

/** readHistory in the page `win` (a frame script's content window): its `document` is the page's. */
const READ_HISTORY = `(win) => ((document) => (${readHistory.toString()})())(win.document)`;

describe.skipIf(unavailable !== null)(`Session history in real Firefox with the real Flask app${unavailable ? ` (SKIPPED: ${unavailable})` : ''}`, () => {
  let app: RunningApp;
  let firefox: RunningFirefox;
  let bidi: BiDiSession;
  let ui: FirefoxUi;
  let tab: string;
  const popup: PageTarget = { kind: 'popup' };
  const panel: PageTarget = { kind: 'panel' };

  const historyIn = (target: PageTarget) => () => ui.evaluate<HistoryEntry[]>(target, READ_HISTORY);

  /** Waits until the tab shows `text` at `path`. */
  async function waitForPage(path: string, text: string): Promise<void> {
    await waitForTabPage(bidi, tab, `"${text}" at ${path}`, (page) => page.path === path && page.text.includes(text));
  }

  async function logIn(username: string): Promise<void> {
    await bidi.send('browsingContext.navigate', { context: tab, url: `${app.url}/login`, wait: 'complete' });
    await bidi.call(tab, `(username) => {
      document.querySelector('#username').value = username;
      document.querySelector('#email').value = username + '@example.com';
      document.querySelector('#login').click();
    }`, [username]);
    await waitForPage('/profile', `Logged in as ${username}`);
  }

  beforeAll(async () => {
    const manifest = await firefoxBuild();
    [app, { firefox, bidi, ui, tab }] = await Promise.all([startFlaskLoginApp(SECRET), launchFirefoxWithExtension(manifest)]);
    await bidi.send('browsingContext.navigate', { context: tab, url: `${app.url}/login`, wait: 'complete' });
    await ui.openPopup(app.url);
    await ui.click(popup, 'button', 'Allow Session Lens to read cookies on');
    await ui.acceptPermissionPrompt();
    await ui.waitForPage(popup, 'the site read', (page) => page.state === `No cookies on ${new URL(app.url).host}`);
    await ui.closePopups();
    await ui.openPanel(app.url);
    await ui.waitForPage(panel, 'the history', (page) => page.text.includes('History'));
  }, 120_000);

  afterAll(async () => {
    await firefox?.close();
    await app?.stop();
  });

  it('shows alice\'s login as a new session, its keys added, made by POST /login', async () => {
    await logIn('alice');
    const [created] = await waitForHistory(historyIn(panel), 'the login in the history', (entries) => entries.length === 1 && entries[0]!.text.includes('by POST'));
    expect(created).toMatchObject({ cookie: 'History of session', kind: 'created' });
    expect(created!.text).toContain('Added username "alice" (string)');
    expect(created!.text).toContain(`by POST ${app.url}/login → 302`);
    expect(created!.text).toContain('Signature: Not verified');
  });

  it('shows the role the app changed, viewer → admin, verified with the secret added since, made by POST /role', async () => {
    await ui.click(panel, 'summary', 'Secret keys and lifetime');
    await ui.type(panel, '.sl-secret-form input[autocomplete="off"]', SECRET);
    await ui.click(panel, '.sl-secret-form button[type="submit"]', 'Add');
    await ui.waitForPage(panel, 'a valid signature', (page) => page.badges[0] === 'valid');
    await bidi.call(tab, `() => {
      document.querySelector('#new-role').value = 'admin';
      document.querySelector('#change-role').click();
    }`);
    await waitForPage('/profile', 'Role: admin');
    const [changed] = await waitForHistory(historyIn(panel), 'the role change in the history', (entries) => entries.length === 2 && entries[0]!.text.includes('by POST'));
    expect(changed!.kind).toBe('changed');
    expect(changed!.text).toContain('Changed role "viewer" (string) → "admin" (string)');
    expect(changed!.text).not.toContain('username');
    expect(changed!.text).toContain(`by POST ${app.url}/role → 302`);
    expect(changed!.text).toContain('Signature: Valid signature');
  });

  it('shows the logout as the session removed by GET /logout, then bob\'s login, newest first', async () => {
    await bidi.send('browsingContext.navigate', { context: tab, url: `${app.url}/logout`, wait: 'complete' });
    const [removed] = await waitForHistory(historyIn(panel), 'the logout in the history', (entries) => entries.length === 3 && entries[0]!.text.includes('by GET'));
    expect(removed!.kind).toBe('removed');
    expect(removed!.text).toContain('Removed role "admin" (string)');
    expect(removed!.text).toContain(`by GET ${app.url}/logout → 302`);
    await logIn('bob');
    const entries = await waitForHistory(historyIn(panel), 'bob\'s login in the history', (shown) => shown.length === 4 && shown[0]!.text.includes('by POST'));
    expect(entries.map((entry) => entry.kind)).toEqual(['created', 'removed', 'changed', 'created']);
    expect(entries[0]!.text).toContain('Added username "bob" (string)');
    expect(entries[0]!.text).toContain('Signature: Valid signature');
  });

  it('shows the same history on the deep-linked panel page (devtools-panel.html?tabId=N), with the responses behind it', async () => {
    const tabId = await ui.tabId(app.url);
    const origin = await ui.chromeScript<string>('(h, id) => WebExtensionPolicy.getByID(id).getURL("").replace(/\\/$/, "")', [ui.extensionId]);
    const deepLink = `${origin}/devtools-panel.html?tabId=${tabId}`;
    const { context: linked } = await bidi.send<{ context: string }>('browsingContext.create', { type: 'tab' });
    await bidi.send('browsingContext.navigate', { context: linked, url: deepLink, wait: 'complete' });
    const entries = await waitForHistory(historyIn({ kind: 'tab', urlPrefix: deepLink }), 'the history on the deep-linked page', (shown) => shown.length === 4 && shown.every((entry) => entry.text.includes(' → 302')));
    expect(entries.map((entry) => entry.kind)).toEqual(['created', 'removed', 'changed', 'created']);
    expect(entries[2]!.text).toContain('Changed role "viewer" (string) → "admin" (string)');
    expect(entries[2]!.text).toContain(`by POST ${app.url}/role → 302`);
    expect(entries[1]!.text).toContain(`by GET ${app.url}/logout → 302`);
    expect(entries[1]!.text).toContain('Set-Cookie: HttpOnly · Path=/ · already expired: deletes the cookie');
    await bidi.send('browsingContext.close', { context: linked });
  });
});
