// The background answers a page watching a tab with the tab's cookies and their reports in one message, decoded with
// the site's saved secrets, and sends them again when the saved settings change.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { mockWebRequest } from './fake-web-request';
import type { Browser } from 'wxt/browser';
import background from '../../entrypoints/background';
import { siteSettingsStore } from '../../lib/browser/site-settings';
import { readTabCookiesUpdate, TAB_COOKIES_PORT, type TabCookiesUpdate } from '../../lib/browser/tab-channel';
import { BROWSER_FLAGS, signFlaskSession, SITE } from '../components/helpers';

const TAB_ID = 4;
const SECRET = 'background-decodes-this-key';
const SESSION = { ...BROWSER_FLAGS, domain: 'app.example.com', name: 'session', value: signFlaskSession({ _user_id: '7' }, SECRET), storeId: '0' };

/** A page's end of the port: what arrives, read as the page reads it after Chromium's JSON copy. */
function connectPage() {
  const received: TabCookiesUpdate[] = [];
  const listeners: ((message: unknown) => void)[] = [];
  const port = {
    name: TAB_COOKIES_PORT,
    onMessage: { addListener: (listener: (message: unknown) => void) => listeners.push(listener) },
    onDisconnect: { addListener: () => undefined },
    postMessage: (message: object) => received.push(readTabCookiesUpdate(JSON.parse(JSON.stringify(message)))!),
  };
  connect(port as unknown as Browser.runtime.Port);
  for (const listener of listeners) listener({ type: 'watch', tabId: TAB_ID });
  return received;
}

let connect: (port: Browser.runtime.Port) => void;

const verdicts = (update: TabCookiesUpdate | undefined) => (update?.decoded && 'reports' in update.decoded ? update.decoded.reports.map((report) => report.signature.status) : null);

describe('background: the tab\'s reports come with its cookies', () => {
  beforeEach(async () => {
    fakeBrowser.reset();
    vi.spyOn(fakeBrowser.tabs, 'get').mockResolvedValue({ id: TAB_ID, index: 0, windowId: 1, url: `${SITE}/profile` } as never);
    vi.spyOn(fakeBrowser.permissions, 'contains').mockResolvedValue(true as never);
    vi.spyOn(fakeBrowser.cookies, 'getAllCookieStores').mockResolvedValue([{ id: '0', tabIds: [TAB_ID] }] as never);
    vi.spyOn(fakeBrowser.cookies, 'getAll').mockResolvedValue([SESSION] as never);
    await siteSettingsStore.setValue({ [SITE]: { secrets: [SECRET] } });
    for (const event of [fakeBrowser.cookies.onChanged, fakeBrowser.permissions.onAdded, fakeBrowser.permissions.onRemoved]) vi.spyOn(event, 'addListener').mockImplementation(() => undefined);
    mockWebRequest();
    vi.spyOn(fakeBrowser.runtime.onConnect, 'addListener').mockImplementation((listener) => (connect = listener));
    background.main();
  });
  afterEach(() => vi.restoreAllMocks());

  it('in the first message, verified with the site\'s saved secret', async () => {
    const received = connectPage();
    await vi.waitFor(() => expect(received).toHaveLength(1));
    expect(received[0]!.tab).toMatchObject({ kind: 'cookies', site: SITE, cookies: [{ name: 'session', value: SESSION.value }] });
    expect(verdicts(received[0])).toEqual(['valid']);
  });

  it('again when the saved secrets change', async () => {
    const received = connectPage();
    await vi.waitFor(() => expect(received).toHaveLength(1));
    await siteSettingsStore.setValue({});
    await vi.waitFor(() => expect(verdicts(received.at(-1))).toEqual(['unverified']));
  });
});
