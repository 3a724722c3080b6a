// The history of a tab's session cookies in the real Chromium, against the real Flask app: the open devtools panel
// shows each step (log in as alice, the app changes her role, log out, log in as bob) with its diff and the response
// that caused it (its Set-Cookie, seen by the background); the deep-linked panel page shows the same history.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flaskUnavailableReason, startFlaskLoginApp, type RunningApp } from '../apps/flask-app';
import type { RemotePage } from './cdp';
import { chromiumUnavailableReason, launchWithExtension, openDevtoolsPanel, openPopup, type ExtensionBrowser } from './chromium-harness';
import { readHistory, waitForHistory } from './history-page';

const SECRET = 'e2e-history-secret';

const unavailable = chromiumUnavailableReason() ?? flaskUnavailableReason();
if (unavailable && process.env.CI) throw new Error(`CI must run the Chromium history end-to-end test, but ${unavailable}`);

describe.skipIf(unavailable !== null)(`Session history in real Chromium with the real Flask app${unavailable ? ` (SKIPPED: ${unavailable})` : ''}`, () => {
  let app: RunningApp;
  let browser: ExtensionBrowser;
  let page: Page;
  let panel: RemotePage;
  const inPanel = () => panel.evaluate(readHistory);

  beforeAll(async () => {
    app = await startFlaskLoginApp(SECRET);
    browser = await launchWithExtension({ devtools: true, nativeUi: true });
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    await page.goto(`${app.url}/login`);
    ({ panel } = await openDevtoolsPanel(browser));
    const popup = await openPopup(browser, app.url);
    const allow = `Allow Session Lens to read cookies on ${new URL(app.url).host}`;
    await popup.click('the Allow button', (label) => [...document.querySelectorAll('button')].find((button) => button.textContent?.trim() === label), allow);
    await browser.nativeUi!.pressDialogButton('ExtensionInstallDialogView', 'Allow');
    await panel.waitFor('the panel to read the site', () => document.querySelector('.sl-history') !== null, []);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  async function logIn(username: string): Promise<void> {
    await page.goto(`${app.url}/login`);
    await page.fill('#username', username);
    await page.fill('#email', `${username}@example.com`);
    await Promise.all([page.waitForURL(`${app.url}/profile`), page.click('#login')]);
    await page.getByText(`Logged in as ${username}`).waitFor();
  }

  it('shows alice\'s login as a new session, its keys added, made by POST /login', async () => {
    await logIn('alice');
    const [created] = await waitForHistory(inPanel, 'the login in the history', (entries) => entries.length === 1 && entries[0]!.text.includes('by POST'));
    expect(created).toMatchObject({ cookie: 'History of session', kind: 'created' });
    expect(created!.text).toContain('Added username "alice" (string)');
    expect(created!.text).toContain('Added role "viewer" (string)');
    expect(created!.text).toContain(`by POST ${app.url}/login → 302`);
    expect(created!.text).toContain('Signature: Not verified');
  });

  it('shows the role the app changed, viewer → admin, verified with the secret added since, made by POST /role', async () => {
    await panel.click('the "Add secret key" field of the site\'s secret form', () => [...document.querySelectorAll<HTMLLabelElement>('.sl-site-secrets label')].find((label) => label.textContent?.trim() === 'Add secret key')?.control);
    await panel.type(SECRET);
    await panel.click('the Add button of the site\'s secret form', () => [...document.querySelectorAll('.sl-site-secrets button')].find((button) => button.textContent?.trim() === 'Add'));
    await panel.waitFor('the card to verify', () => document.querySelector('article [data-status="valid"]') !== null, []);
    await page.fill('#new-role', 'admin');
    await Promise.all([page.waitForURL(`${app.url}/profile`), page.click('#change-role')]);
    await page.getByText('Role: admin').waitFor();
    const [changed] = await waitForHistory(inPanel, 'the role change in the history', (entries) => entries.length === 2 && entries[0]!.text.includes('by POST'));
    expect(changed!.kind).toBe('changed');
    expect(changed!.text).toContain('Changed role "viewer" (string) → "admin" (string)');
    expect(changed!.text).not.toContain('username');
    expect(changed!.text).toContain(`by POST ${app.url}/role → 302`);
    expect(changed!.text).toContain('Signature: Valid signature');
  });

  it('shows the logout as the session removed by GET /logout, then bob\'s login, newest first', async () => {
    await page.goto(`${app.url}/logout`);
    const [removed] = await waitForHistory(inPanel, 'the logout in the history', (entries) => entries.length === 3 && entries[0]!.text.includes('/logout'));
    expect(removed!.kind).toBe('removed');
    expect(removed!.text).toContain('Removed role "admin" (string)');
    expect(removed!.text).toContain(`by GET ${app.url}/logout → 302`);
    await logIn('bob');
    const entries = await waitForHistory(inPanel, 'bob\'s login in the history', (shown) => shown.length === 4 && shown[0]!.text.includes('by POST'));
    expect(entries.map((entry) => entry.kind)).toEqual(['created', 'removed', 'changed', 'created']);
    expect(entries[0]!.text).toContain('Added username "bob" (string)');
    expect(entries[0]!.text).toContain('Signature: Valid signature');
  });

  it('shows the same history on the deep-linked panel page (devtools-panel.html?tabId=N), with the responses behind it', async () => {
    const worker = browser.context.serviceWorkers().find((candidate) => candidate.url().startsWith(`chrome-extension://${browser.extensionId}/`))!;
    const tabId = await worker.evaluate((url) => (globalThis as any).chrome.tabs.query({ url: `${url}/*` }).then((tabs: { id: number }[]) => tabs[0]!.id), app.url);
    const linked = await browser.context.newPage();
    await linked.goto(`chrome-extension://${browser.extensionId}/devtools-panel.html?tabId=${tabId}`);
    const entries = await waitForHistory(() => linked.evaluate(readHistory), 'the history on the deep-linked page', (shown) => shown.length === 4 && shown.every((entry) => entry.text.includes(' → 302')));
    expect(entries.map((entry) => entry.kind)).toEqual(['created', 'removed', 'changed', 'created']);
    expect(entries[2]!.text).toContain('Changed role "viewer" (string) → "admin" (string)');
    expect(entries[2]!.text).toContain(`by POST ${app.url}/role → 302`);
    expect(entries[1]!.text).toContain(`by GET ${app.url}/logout → 302`);
    expect(entries[1]!.text).toContain('Set-Cookie: HttpOnly · Path=/ · already expired: deletes the cookie');
    await linked.close();
  });
});
