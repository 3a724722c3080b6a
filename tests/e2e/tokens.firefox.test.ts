// Tokens beyond cookies in the real Firefox (firefox-esr through WebDriver BiDi), against the real Flask app's
// single-page app: the JWT its script keeps in localStorage and the Bearer header it sends to /api/me, decoded in the
// devtools panel and verified once the app's secret is saved; the storage token in the toolbar popup too.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flaskUnavailableReason, startFlaskLoginApp, type RunningApp } from '../apps/flask-app';
import { firefoxUnavailableReason, type BiDiSession, type RunningFirefox } from './firefox-bidi';
import { firefoxBuild, launchFirefoxWithExtension, waitForTabPage } from './firefox-extension';
import type { FirefoxUi, PageTarget } from './firefox-ui';

const unavailable = firefoxUnavailableReason() ?? flaskUnavailableReason();
if (unavailable && process.env.CI) throw new Error(`CI must run the Firefox tokens end-to-end test, but ${unavailable}`);

describe.skipIf(unavailable !== null)(`Tokens beyond cookies in real Firefox${unavailable ? ` (SKIPPED: ${unavailable})` : ''}`, () => {
  const secret = randomBytes(24).toString('hex');
  let app: RunningApp;
  let firefox: RunningFirefox;
  let bidi: BiDiSession;
  let ui: FirefoxUi;
  let tab: string;
  const popup: PageTarget = { kind: 'popup' };
  const panel: PageTarget = { kind: 'panel' };

  beforeAll(async () => {
    const manifest = await firefoxBuild();
    [app, { firefox, bidi, ui, tab }] = await Promise.all([startFlaskLoginApp(secret), launchFirefoxWithExtension(manifest)]);
  }, 120_000);

  afterAll(async () => {
    await firefox?.close();
    await app?.stop();
  });

  /** Waits until the tab's page text passes `check`. */
  async function waitForTab(what: string, check: (text: string) => boolean): Promise<void> {
    await waitForTabPage(bidi, tab, what, (page) => check(page.text));
  }

  it('decodes the JWT the page keeps in localStorage and the Bearer token it sends, in the devtools panel; both verify once the key is saved', async () => {
    await bidi.send('browsingContext.navigate', { context: tab, url: `${app.url}/login`, wait: 'complete' });
    await bidi.call(tab, `() => {
      document.querySelector('#username').value = 'zoë';
      document.querySelector('#email').value = 'zoe@example.com';
      document.querySelector('#login').click();
    }`);
    await waitForTab('the login', (text) => text.endsWith('Logged in as zoë'));

    await ui.openPopup(`${app.url}/profile`);
    await ui.click(popup, 'button', 'Allow Session Lens to read cookies on');
    await ui.acceptPermissionPrompt();
    await ui.waitForPage(popup, 'the decoded session', (page) => page.usernames.length > 0);
    await ui.closePopups();

    await ui.openPanel(`${app.url}/profile`);
    await ui.waitForPage(panel, 'the decoded session', (page) => page.usernames.length > 0);
    await bidi.send('browsingContext.navigate', { context: tab, url: `${app.url}/spa`, wait: 'complete' });
    await waitForTab('the API to answer the Bearer token', (text) => text.includes('API says: zoë (viewer)'));

    // Cards in order: the Flask session cookie, the localStorage JWT, the Bearer token.
    const before = await ui.waitForPage(panel, 'the storage and Bearer tokens', (page) => page.badges.length === 3 && page.text.includes('Sent in 1 request'));
    expect(before.badges).toEqual(['unverified', 'unverified', 'unverified']);
    const words = before.text.replace(/\s+/g, ' ');
    expect(words).toContain('Tokens in page storage In localStorage spa_token JSON Web Token');
    expect(words).toContain('Tokens sent in requests Sent in the Authorization: Bearer header Authorization: Bearer JSON Web Token');
    expect(words.match(/sub: "zoë" role: "viewer"/g)).toHaveLength(2);
    await ui.click(panel, 'summary', 'Sent in 1 request');
    const requests = await ui.waitForPage(panel, 'the request list', (page) => page.text.includes('/api/me'));
    expect(requests.text).toContain(`GET ${app.url}/api/me 200`);

    await ui.type(panel, '.sl-secret-form input[autocomplete="off"]', secret);
    await ui.click(panel, '.sl-secret-form button[type="submit"]', 'Add');
    const after = await ui.waitForPage(panel, 'every verdict valid', (page) => page.badges.length === 3 && page.badges.every((badge) => badge === 'valid'));
    expect(after.text.match(/Valid — secret #1/g)).toHaveLength(3);
    await ui.closePanel();
  });

  it('shows the storage token, verified with the saved key, in the toolbar popup (which sees no requests)', async () => {
    await ui.openPopup(`${app.url}/spa`);
    const page = await ui.waitForPage(popup, 'the verified storage token', (snapshot) => snapshot.badges.length === 2 && snapshot.badges.every((badge) => badge === 'valid'));
    expect(page.text.replace(/\s+/g, ' ')).toContain('In localStorage spa_token');
    expect(page.text).not.toContain('Tokens sent in requests');
    await ui.closePopups();
  });
});
