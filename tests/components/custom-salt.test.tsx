// A site's custom itsdangerous salt, set in the site's secret form, through the real wiring: the settings hook on WXT's
// fake browser storage, and the background's decoding of the tab's cookies with the saved settings (lib/browser/tab-reports).
import { render, screen, waitFor, within } from '@testing-library/react';
import { useEffect, useState } from 'react';
import userEvent from '@testing-library/user-event';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach, describe, expect, it } from 'vitest';
import { SessionLensView } from '../../components/SessionLensView';
import { useSiteSettings } from '../../components/useSiteSettings';
import { siteSettingsStore, type SiteSettings } from '../../lib/browser/site-settings';
import { readTabCookiesUpdate, tabCookiesMessage, type TabCookies } from '../../lib/browser/tab-channel';
import { decodeTabCookies, watchDecodeSettings } from '../../lib/browser/tab-reports';
import type { CookieInput, SessionReport } from '../../lib/types';
import { BROWSER_FLAGS, cookiesTab, signFlaskSession, SITE, viewProps } from './helpers';

type CookiesTab = Extract<TabCookies, { kind: 'cookies' }>;

/** The background's part: the tab's reports, decoded with the saved settings and again when they change, as sent (JSON). */
function useBackgroundReports(tab: CookiesTab): SessionReport[] | null {
  const [reports, setReports] = useState<SessionReport[] | null>(null);
  useEffect(() => {
    const send = () =>
      void decodeTabCookies(tab, (decoded) => {
        const update = readTabCookiesUpdate(JSON.parse(JSON.stringify(tabCookiesMessage({ type: 'tab-cookies', tab, decoded }))));
        setReports(update?.decoded && 'reports' in update.decoded ? update.decoded.reports : null);
      });
    send();
    watchDecodeSettings(send);
  }, [tab]);
  return reports;
}

const SECRET = 'k7Qx9vR2mW4pL8sT-salted-app';
const APP_SALT = 'my-app';

beforeEach(() => fakeBrowser.reset());

/** SessionLensApp's wiring without the port: the view on the real settings hook and the background's decoding. */
function Page({ tab }: { tab: CookiesTab }) {
  const siteSettings = useSiteSettings(tab.site);
  const reports = useBackgroundReports(tab);
  return <SessionLensView {...viewProps({ tab, reports, cookies: tab.cookies })} {...siteSettings} />;
}

/** A Flask session signed with the app's salt, on a site whose secret key is saved (with `settings`). */
async function renderSaltedSession(settings: Partial<SiteSettings> = {}) {
  await siteSettingsStore.setValue({ [SITE]: { secrets: [SECRET], ...settings } });
  const issuedAt = Math.floor(Date.now() / 1000) - 60;
  const cookies: CookieInput[] = [{ ...BROWSER_FLAGS, name: 'session', value: signFlaskSession({ _user_id: '7' }, SECRET, { issuedAt, salt: APP_SALT }) }];
  render(<Page tab={cookiesTab(cookies) as CookiesTab} />);
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
