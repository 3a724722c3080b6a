// Tokens beyond cookies in the real Chromium, against the real Flask app's single-page app: the JWT its script keeps in
// localStorage and the Bearer header it sends to /api/me, decoded in the devtools panel (and the storage token in the
// popup), verified once the app's secret is added in the site's secret form.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flaskUnavailableReason, startFlaskLoginApp, type RunningApp } from '../apps/flask-app';
import { sleep, type RemotePage } from './cdp';
import { chromiumUnavailableReason, extensionCanRead, launchWithExtension, openDevtoolsPanel, openPopup, type ExtensionBrowser } from './chromium-harness';

const SECRET = 'e2e-tokens-secret-key';
const USERNAME = 'zoë';

const unavailable = chromiumUnavailableReason() ?? flaskUnavailableReason();
if (unavailable && process.env.CI) throw new Error(`CI must run the Chromium tokens end-to-end test, but ${unavailable}`);

/** One card of a tokens section, read as a user reads it. */
interface TokenCard {
  section: string;
  where: string;
  name: string;
  format: string;
  status: string;
  text: string;
  requests: string[];
}

/** Runs in the page: the cards of the "Tokens in page storage" and "Tokens sent in requests" sections. */
function readTokenCards(): TokenCard[] {
  const text = (element: Element | null | undefined) => element?.textContent?.trim() ?? '';
  return [...document.querySelectorAll('section.sl-page-tokens')].flatMap((section) =>
    [...section.querySelectorAll('.sl-token')].map((token) => {
      const card = token.querySelector('article');
      return {
        section: text(section.querySelector('h2')),
        where: text(token.querySelector('.sl-token-where')),
        name: text(document.getElementById(card?.getAttribute('aria-labelledby') ?? '')),
        format: text(card?.querySelector('.sl-format')),
        status: card?.querySelector('[data-status]')?.getAttribute('data-status') ?? '',
        text: text(card),
        requests: [...token.querySelectorAll('.sl-token-requests li')].map(text),
      };
    }),
  );
}

async function waitForTokens(view: RemotePage, what: string, check: (cards: TokenCard[]) => boolean): Promise<TokenCard[]> {
  const deadline = Date.now() + 15_000;
  let last: TokenCard[] | null = null;
  while (Date.now() < deadline) {
    last = await view.evaluate(readTokenCards).catch(() => null);
    if (last && check(last)) return last;
    await sleep(50);
  }
  throw new Error(`Timed out waiting for ${what}; the page showed: ${JSON.stringify(last, null, 2)}`);
}

const storageToken = (cards: TokenCard[]) => cards.find((card) => card.section === 'Tokens in page storage' && card.name === 'spa_token');
const bearerToken = (cards: TokenCard[]) => cards.find((card) => card.section === 'Tokens sent in requests' && card.name === 'Authorization: Bearer');

/** Types the secret into the "Add secret key" field of the site's one secret form, with real clicks and keystrokes. */
async function addSecret(view: RemotePage, secret: string): Promise<void> {
  const inSiteForm = (label: string, tag: 'label' | 'button') => {
    const element = [...document.querySelectorAll(`.sl-site-secrets ${tag}`)].find((candidate) => candidate.textContent?.trim() === label);
    return element instanceof HTMLLabelElement ? element.control : element;
  };
  await view.click('the "Add secret key" field of the site\'s secret form', inSiteForm, 'Add secret key', 'label');
  await view.type(secret);
  await view.click('the Add button of the site\'s secret form', inSiteForm, 'Add', 'button');
}

async function logIn(page: Page, app: RunningApp): Promise<void> {
  await page.goto(`${app.url}/login`);
  await page.fill('#username', USERNAME);
  await page.fill('#email', 'zoe@example.com');
  await Promise.all([page.waitForURL(`${app.url}/profile`), page.click('#login')]);
}

describe.skipIf(unavailable !== null)(`Tokens beyond cookies in real Chromium with the real Flask app${unavailable ? ` (SKIPPED: ${unavailable})` : ''}`, () => {
  let app: RunningApp;
  let browser: ExtensionBrowser;
  let page: Page;
  let panel: RemotePage;

  beforeAll(async () => {
    app = await startFlaskLoginApp(SECRET);
    browser = await launchWithExtension({ devtools: true, nativeUi: true });
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    await logIn(page, app);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('decodes the JWT the page keeps in localStorage and the Bearer token it sends, in the devtools panel; both verify once the key is saved', async () => {
    ({ panel } = await openDevtoolsPanel(browser));
    const popup = await openPopup(browser, app.url);
    const host = new URL(app.url).host;
    await popup.click('the Allow button', (label) => [...document.querySelectorAll('button')].find((button) => button.textContent?.trim() === label), `Allow Session Lens to read cookies on ${host}`);
    await browser.nativeUi!.pressDialogButton('ExtensionInstallDialogView', 'Allow');
    await expect.poll(() => extensionCanRead(browser, app.url), { timeout: 10_000 }).toBe(true);

    await page.goto(`${app.url}/spa`);
    await page.getByText(`API says: ${USERNAME} (viewer)`).waitFor();

    const before = await waitForTokens(panel, 'the storage and Bearer tokens in the panel', (cards) => Boolean(storageToken(cards)?.status && bearerToken(cards)?.status));
    for (const card of [storageToken(before)!, bearerToken(before)!]) {
      expect(card.format).toBe('JSON Web Token');
      expect(card.status).toBe('unverified');
      expect(card.text).toContain(USERNAME);
      expect(card.text).toContain('"viewer"');
    }
    expect(storageToken(before)!.where).toBe('In localStorage');
    expect(bearerToken(before)!.where).toBe('Sent in the Authorization: Bearer header');
    expect(bearerToken(before)!.requests).toEqual([`GET ${app.url}/api/me 200`]);

    await addSecret(panel, SECRET);
    const after = await waitForTokens(panel, 'both tokens verified', (cards) => storageToken(cards)?.status === 'valid' && bearerToken(cards)?.status === 'valid');
    expect(storageToken(after)!.text).toContain('Valid — secret #1');
    expect(bearerToken(after)!.text).toContain('Valid — secret #1');
  });

  it('shows the storage token, verified with the saved key, in the popup, and follows the page storing a new one', async () => {
    const popup = await openPopup(browser, app.url);
    const cards = await waitForTokens(popup, 'the storage token in the popup', (found) => storageToken(found)?.status === 'valid');
    expect(cards.filter((card) => card.section === 'Tokens sent in requests')).toEqual([]);

    await page.evaluate(() => localStorage.setItem('spa_token', 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJtYWxsb3J5In0.c2lnbmF0dXJlLW9mLWFub3RoZXIta2V5LTAwMDAwMDA'));
    const changed = await waitForTokens(popup, 'the new, foreign token in the open popup', (found) => storageToken(found)?.text.includes('mallory') === true);
    expect(storageToken(changed)!.status).toBe('invalid');
  });
});
