// A site's custom itsdangerous salt, set in the site's secret form, through the real wiring: the settings hook on WXT's fake
// browser storage, and the decode queue with a worker that runs the real decode request handler.
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SessionLensView } from '../../components/SessionLensView';
import { useSessionReports } from '../../components/useSessionReports';
import { useSiteSettings } from '../../components/useSiteSettings';
import { siteSettingsStore, type SiteSettings } from '../../lib/browser/site-settings';
import type { TabCookies } from '../../lib/browser/tab-channel';
import { answerDecodeRequest, readDecodeRequest, type DecodeResponse } from '../../lib/decode/request';
import type { CookieInput } from '../../lib/types';
import { BROWSER_FLAGS, cookiesTab, signFlaskSession, SITE, viewProps } from './helpers';

/** The decode worker in the page's thread: the same request handler, answering through onmessage. */
class InlineDecodeWorker {
  onmessage: ((event: MessageEvent<DecodeResponse>) => void) | null = null;
  onerror: (() => void) | null = null;

  postMessage(message: unknown) {
    const request = readDecodeRequest(structuredClone(message));
    if (request) void answerDecodeRequest(request, (response) => act(() => this.onmessage?.({ data: response } as MessageEvent<DecodeResponse>)));
  }

  terminate() {}
}

const SECRET = 'k7Qx9vR2mW4pL8sT-salted-app';
const APP_SALT = 'my-app';

beforeEach(() => {
  fakeBrowser.reset();
  vi.stubGlobal('Worker', InlineDecodeWorker);
});

afterEach(() => vi.unstubAllGlobals());

/** SessionLensApp's wiring without the background: the view on the real settings hook and decode queue. */
function Page({ tab }: { tab: Extract<TabCookies, { kind: 'cookies' }> }) {
  const siteSettings = useSiteSettings(tab.site);
  const { decoded } = useSessionReports(tab.cookies, siteSettings.settings);
  return <SessionLensView {...viewProps({ tab, reports: decoded?.reports ?? null, cookies: tab.cookies })} {...siteSettings} />;
}

/** A Flask session signed with the app's salt, on a site whose secret key is saved (with `settings`). */
async function renderSaltedSession(settings: Partial<SiteSettings> = {}) {
  await siteSettingsStore.setValue({ [SITE]: { secrets: [SECRET], ...settings } });
  const issuedAt = Math.floor(Date.now() / 1000) - 60;
  const cookies: CookieInput[] = [{ ...BROWSER_FLAGS, name: 'session', value: signFlaskSession({ _user_id: '7' }, SECRET, { issuedAt, salt: APP_SALT }) }];
  render(<Page tab={cookiesTab(cookies) as Extract<TabCookies, { kind: 'cookies' }>} />);
  await screen.findByRole('article');
  return { card: within(screen.getByRole('article')), form: within(screen.getByRole('region', { name: /^Secret keys/ })) };
}

const savedSettings = async () => (await siteSettingsStore.getValue())[SITE];

describe('a custom salt set in the site\'s secret form', () => {
  it('is saved for the site, and the session signed with it verifies, naming the salt', async () => {
    const user = userEvent.setup();
    const { card, form } = await renderSaltedSession();
    await waitFor(() => expect(card.getByText('Invalid signature')).toBeTruthy());
    await user.type(form.getByLabelText('Custom salt'), `${APP_SALT}{Enter}`);
    await waitFor(() => expect(card.getByText('Valid — secret #1')).toBeTruthy());
    expect(await savedSettings()).toEqual({ secrets: [SECRET], salt: APP_SALT });
    expect(card.getByText(/^Verified with secret #1 \(salt my-app, key derivation hmac, digest SHA-1\)/)).toBeTruthy();
    expect(form.getByText(/^Saved:/).textContent).toBe(
      'Saved: "my-app". A custom salt is tried first, before the usual ones (cookie-session, flask-session, itsdangerous, …), and kept for this site only.',
    );
  });

  it('goes back to the usual salts with "Use default salts"', async () => {
    const user = userEvent.setup();
    const { card, form } = await renderSaltedSession({ salt: APP_SALT });
    await waitFor(() => expect(card.getByText('Valid — secret #1')).toBeTruthy());
    await user.click(form.getByRole('button', { name: 'Use default salts' }));
    await waitFor(() => expect(card.getByText('Invalid signature')).toBeTruthy());
    expect(await savedSettings()).toEqual({ secrets: [SECRET] });
    expect(form.queryByRole('button', { name: 'Use default salts' })).toBeNull();
    expect(form.getByText(/^No custom salt\./)).toBeTruthy();
  });
});
