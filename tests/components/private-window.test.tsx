// Secrets typed into the site's secret form in a private (incognito) window, through the real storage wiring (WXT's fake browser):
// in memory (storage.session) unless the user keeps them; on the device in a normal window.
import { screen, render, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach, describe, expect, it } from 'vitest';
import { SessionLensView } from '../../components/SessionLensView';
import { useSiteSettings } from '../../components/useSiteSettings';
import type { TabCookies } from '../../lib/browser/tab-channel';
import type { CookieInput, SessionReport } from '../../lib/types';
import { browserCookie, cookiesTab, decode, SITE, viewProps } from './helpers';

beforeEach(() => fakeBrowser.reset());

/** The popup's wiring (SessionLensApp) without the background and the decode worker: the view on the real settings hook. */
function Page({ tab, reports, cookies }: { tab: Extract<TabCookies, { kind: 'cookies' }>; reports: SessionReport[]; cookies: CookieInput[] }) {
  return <SessionLensView {...viewProps({ tab, reports, cookies })} {...useSiteSettings(tab.site)} />;
}

async function renderTab(incognito: boolean) {
  const cookies = [browserCookie('flask-no-secret')];
  const tab = { ...(cookiesTab(cookies) as Extract<TabCookies, { kind: 'cookies' }>), ...(incognito ? { incognito: true } : {}) };
  render(<Page tab={tab} reports={await decode(cookies)} cookies={cookies} />);
  return within(screen.getByRole('region', { name: /^Secret keys/ }));
}

async function addSecret(form: ReturnType<typeof within>, secret: string, { keep = false } = {}) {
  const user = userEvent.setup();
  if (keep) await user.click(form.getByRole('checkbox', { name: 'Keep on this device' }));
  await user.type(form.getByLabelText('Add secret key'), `${secret}{Enter}`);
}

const savedOnDevice = async () => ((await fakeBrowser.storage.local.get('siteSettings')).siteSettings ?? {}) as Record<string, { secrets: string[] }>;
const savedInMemory = async () => ((await fakeBrowser.storage.session.get('memorySecrets')).memorySecrets ?? {}) as Record<string, string[]>;
/** Where each saved secret of the form says it is kept. */
function places(form: ReturnType<typeof within>): (string | null | undefined)[] {
  const list = form.queryByRole('list', { name: 'Saved secret keys' });
  return list ? within(list).getAllByRole('listitem').map((item) => item.querySelector('.sl-secret-place')?.textContent) : [];
}

describe('secrets added in a private window', () => {
  it('stay in memory only (storage.session), and the form says so', async () => {
    const form = await renderTab(true);
    await addSecret(form, 'private-window-secret');
    await waitFor(() => expect(places(form)).toEqual(['In memory until the browser closes']));
    expect(await savedInMemory()).toEqual({ [SITE]: ['private-window-secret'] });
    expect(await savedOnDevice()).toEqual({});
  });

  it('are kept on the device when the user ticks "Keep on this device"; listed device first', async () => {
    const form = await renderTab(true);
    await addSecret(form, 'in-memory');
    await waitFor(() => expect(places(form)).toHaveLength(1));
    await addSecret(form, 'kept-on-device', { keep: true });
    await waitFor(() => expect(places(form)).toEqual(['Kept on this device', 'In memory until the browser closes']));
    expect(await savedOnDevice()).toEqual({ [SITE]: { secrets: ['kept-on-device'] } });
    expect(await savedInMemory()).toEqual({ [SITE]: ['in-memory'] });

    await userEvent.setup().click(form.getByRole('button', { name: 'Remove secret #2' }));
    await waitFor(() => expect(places(form)).toEqual(['Kept on this device']));
    expect(await savedInMemory()).toEqual({});
    expect(await savedOnDevice()).toEqual({ [SITE]: { secrets: ['kept-on-device'] } });
  });
});

describe('secrets added in a normal window', () => {
  it('are kept on the device, with no choice to make', async () => {
    const form = await renderTab(false);
    expect(form.queryByRole('checkbox')).toBeNull();
    await addSecret(form, 'normal-window-secret');
    await waitFor(() => expect(places(form)).toEqual(['Kept on this device']));
    expect(await savedOnDevice()).toEqual({ [SITE]: { secrets: ['normal-window-secret'] } });
    expect(await savedInMemory()).toEqual({});
  });
});
