import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PageTokens } from '../../components/PageTokens';
import { SessionLensView } from '../../components/SessionLensView';
import { STORAGE_REFRESH_MS, usePageTokens } from '../../components/usePageTokens';
import type { PageStorage } from '../../lib/browser/page-storage';
import { saveSiteSettings, type SiteSettings } from '../../lib/browser/site-settings';
import { decodedJarMessage, readDecodeTokensRequest } from '../../lib/browser/tab-channel';
import { decodeForSite } from '../../lib/browser/tab-reports';
import { cookiesTab, NOW, onDevice, PAGE_URL, SITE, viewProps } from './helpers';

const part = (json: unknown) => Buffer.from(JSON.stringify(json)).toString('base64url');
function hs256(claims: unknown, secret: string): string {
  const input = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}
const SECRET = 'spa-jwt-secret';
const JWT = hs256({ sub: 'ada', role: 'viewer', exp: 4_000_000_000 }, SECRET);
const OTHER_JWT = hs256({ sub: 'bob', role: 'admin', exp: 4_000_000_000 }, SECRET);

/** The background's answer to a decode request: the real decoder with the site's saved settings, copied as a message is. */
async function backgroundDecode(message: unknown): Promise<unknown> {
  const request = readDecodeTokensRequest(message)!;
  let answer: object = {};
  await decodeForSite(request.site, request.tokens, (decoded) => (answer = decodedJarMessage(decoded)));
  return JSON.parse(JSON.stringify(answer));
}

let storage: PageStorage;
const harListeners = new Set<(entry: unknown) => void>();

beforeEach(() => {
  fakeBrowser.reset();
  harListeners.clear();
  storage = { kind: 'storage', origin: SITE, entries: [] };
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation((async (message: { type: string }) =>
    message.type === 'read-page-storage' ? structuredClone(storage) : message.type === 'decode-tokens' ? backgroundDecode(message) : undefined) as never);
  const network = fakeBrowser.devtools.network;
  vi.spyOn(network.onRequestFinished, 'addListener').mockImplementation((listener) => void harListeners.add(listener as (entry: unknown) => void));
  vi.spyOn(network.onRequestFinished, 'removeListener').mockImplementation((listener) => void harListeners.delete(listener as (entry: unknown) => void));
  vi.spyOn(network, 'getHAR').mockImplementation((async () => ({ entries: [] })) as never);
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

/** The tokens section as the app wires it: the hook for tab 7 on SITE, the cards with the site's settings. */
function Tokens({ settings }: { settings: SiteSettings }) {
  const tokens = usePageTokens(7, SITE, settings);
  return <PageTokens {...tokens} savedSecrets={onDevice(settings.secrets)} pageUrl={PAGE_URL} now={NOW} />;
}

function finishRequest(url: string, authorization: string, status = 200) {
  act(() => harListeners.forEach((listener) => listener({ request: { method: 'GET', url, headers: [{ name: 'Authorization', value: authorization }] }, response: { status } })));
}

function card(name: string): HTMLElement {
  return screen.getByRole('heading', { level: 3, name }).closest('article')!;
}

describe('PageTokens', () => {
  it('shows a JWT of localStorage on a session card: not verified, then valid with the site\'s key', async () => {
    storage = { kind: 'storage', origin: SITE, entries: [{ area: 'localStorage', key: 'token', value: JWT }, { area: 'localStorage', key: 'theme', value: 'dark' }] };
    const { rerender } = render(<Tokens settings={{ secrets: [] }} />);
    await waitFor(() => expect(card('token')).toBeTruthy());
    expect(screen.getByText('In localStorage')).toBeTruthy();
    expect(within(card('token')).getByText('Not verified — add the secret')).toBeTruthy();
    expect(within(card('token')).getByText('viewer', { selector: 'bdi' })).toBeTruthy();
    expect(screen.queryByRole('heading', { level: 3, name: 'theme' })).toBeNull();
    await saveSiteSettings(SITE, { secrets: [SECRET] });
    rerender(<Tokens settings={{ secrets: [SECRET] }} />);
    await waitFor(() => expect(within(card('token')).getByText('Valid — secret #1')).toBeTruthy());
  });

  it('reads the storage again while open: a token the page stores later appears, one it removes goes', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    render(<Tokens settings={{ secrets: [] }} />);
    await waitFor(() => expect(screen.getByText(/No tokens Session Lens recognises in this page's localStorage or sessionStorage/)).toBeTruthy());
    storage = { kind: 'storage', origin: SITE, entries: [{ area: 'sessionStorage', key: 'auth', value: JSON.stringify({ access_token: JWT }) }] };
    await act(() => vi.advanceTimersByTimeAsync(STORAGE_REFRESH_MS));
    await waitFor(() => expect(card('auth.access_token')).toBeTruthy());
    expect(screen.getByText('In sessionStorage')).toBeTruthy();
    storage = { kind: 'storage', origin: SITE, entries: [] };
    await act(() => vi.advanceTimersByTimeAsync(STORAGE_REFRESH_MS));
    await waitFor(() => expect(screen.queryByRole('heading', { level: 3, name: 'auth.access_token' })).toBeNull());
  });

  it('shows nothing of another site\'s storage (the tab moved on), and says why a read failed', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    storage = { kind: 'storage', origin: 'https://elsewhere.example', entries: [{ area: 'localStorage', key: 'token', value: JWT }] };
    render(<Tokens settings={{ secrets: [] }} />);
    await waitFor(() => expect(screen.getByText(/No tokens Session Lens recognises/)).toBeTruthy());
    expect(screen.queryByRole('heading', { level: 3, name: 'token' })).toBeNull();
    storage = { kind: 'error', message: 'The browser did not let Session Lens read this page\'s storage (Cannot access contents of the page.).' };
    await act(() => vi.advanceTimersByTimeAsync(STORAGE_REFRESH_MS));
    await waitFor(() => expect(screen.getByText(/did not let Session Lens read this page's storage/)).toBeTruthy());
  });

  it('groups the tokens requests sent, with the requests that carried each', async () => {
    await saveSiteSettings(SITE, { secrets: [SECRET] });
    render(<Tokens settings={{ secrets: [SECRET] }} />);
    await waitFor(() => expect(screen.getByText(/No request since devtools opened sent a token/)).toBeTruthy());
    finishRequest(`${SITE}/api/me`, `Bearer ${JWT}`);
    finishRequest(`${SITE}/api/orders`, `Bearer ${JWT}`, 403);
    finishRequest(`${SITE}/api/admin`, `Bearer ${OTHER_JWT}`);
    finishRequest(`${SITE}/api/x`, 'Bearer opaque-random-token-0123456789');
    await waitFor(() => expect(screen.getAllByRole('heading', { level: 3, name: 'Authorization: Bearer' })).toHaveLength(2));
    const [first, second] = screen.getAllByRole('heading', { level: 3, name: 'Authorization: Bearer' }).map((heading) => heading.closest('.sl-token') as HTMLElement);
    expect(within(first!).getByText('Valid — secret #1')).toBeTruthy();
    expect(within(first!).getByText('Sent in 2 requests')).toBeTruthy();
    expect(within(first!).getByRole('list', { name: 'Requests that sent Authorization: Bearer' }).textContent).toBe(`GET ${SITE}/api/me 200GET ${SITE}/api/orders 403`);
    expect(within(second!).getByText('admin', { selector: 'bdi' })).toBeTruthy();
    expect(screen.getByText('1 other token sent in requests, not in a format Session Lens recognises.')).toBeTruthy();
  });

  it('counts a later request with a token already shown', async () => {
    render(<Tokens settings={{ secrets: [] }} />);
    finishRequest(`${SITE}/api/me`, `Bearer ${JWT}`);
    await waitFor(() => expect(screen.getByText('Sent in 1 request')).toBeTruthy());
    finishRequest(`${SITE}/api/orders`, `Bearer ${JWT}`);
    await waitFor(() => expect(screen.getByText('Sent in 2 requests')).toBeTruthy());
    expect(screen.getByRole('list', { name: 'Requests that sent Authorization: Bearer' }).textContent).toBe(`GET ${SITE}/api/me 200GET ${SITE}/api/orders 200`);
  });

  it('keeps what a site stored as text: no element, no script from a key or a value', async () => {
    const hostile = '<img src=x onerror="globalThis.pwned=1">';
    storage = { kind: 'storage', origin: SITE, entries: [{ area: 'localStorage', key: hostile, value: JWT }] };
    const { container } = render(<Tokens settings={{ secrets: [] }} />);
    await waitFor(() => expect(card(hostile)).toBeTruthy());
    expect(container.querySelector('img')).toBeNull();
    expect((globalThis as { pwned?: number }).pwned).toBeUndefined();
  });
});

describe('SessionLensView: the tokens slot', () => {
  it('shows the tokens below the cookies, and on a site without cookies', () => {
    const tokens = <p>the tokens</p>;
    const { rerender } = render(<SessionLensView {...viewProps({ tab: cookiesTab([]), reports: [], tokens })} />);
    expect(screen.getByRole('heading', { name: 'No cookies on app.example.com' })).toBeTruthy();
    expect(screen.getByText('the tokens')).toBeTruthy();
    const cookies = [{ name: 'theme', value: 'dark' }];
    rerender(<SessionLensView {...viewProps({ tab: cookiesTab(cookies), cookies, reports: [], tokens })} />);
    expect(screen.getByText('the tokens')).toBeTruthy();
  });
});
