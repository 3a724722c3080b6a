import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { setCookieResponse, watchSetCookieResponses } from '../../lib/browser/set-cookie-responses';
import { mockWebRequest } from './fake-web-request';

const SITE = 'http://127.0.0.1:5000';
const TAB_ID = 7;

const DETAILS = { tabId: TAB_ID, method: 'POST', url: `${SITE}/login`, statusCode: 302, timeStamp: 1_700_000_000_123.5, responseHeaders: [{ name: 'Set-Cookie', value: 'a=1\nsession=x; HttpOnly' }, { name: 'Location', value: '/profile' }] };

describe('setCookieResponse (a webRequest response as the history keeps it)', () => {
  it('keeps the method, URL, status, arrival time and each Set-Cookie header', () => {
    expect(setCookieResponse(DETAILS)).toEqual({ method: 'POST', url: `${SITE}/login`, status: 302, at: 1_700_000_000_123.5, setCookies: ['a=1', 'session=x; HttpOnly'] });
  });

  it('leaves out responses that set no cookie and requests of no tab (the extension\'s own, a service worker\'s)', () => {
    expect(setCookieResponse({ ...DETAILS, responseHeaders: [{ name: 'Location', value: '/' }] })).toBeNull();
    expect(setCookieResponse({ ...DETAILS, responseHeaders: undefined })).toBeNull();
    expect(setCookieResponse({ ...DETAILS, tabId: -1 })).toBeNull();
  });
});

describe('watchSetCookieResponses (the background\'s webRequest listener)', () => {
  let onGranted: (() => void) | undefined;
  beforeEach(() => {
    fakeBrowser.reset();
    onGranted = undefined;
    vi.spyOn(fakeBrowser.permissions.onAdded, 'addListener').mockImplementation((listener) => void (onGranted = listener as () => void));
  });
  afterEach(() => vi.restoreAllMocks());

  it('passes each tab response that sets cookies on, asking Chromium for Set-Cookie (extraHeaders)', () => {
    const added = mockWebRequest();
    const seen = vi.fn();
    watchSetCookieResponses(seen);
    expect(added.extraInfo).toEqual([['responseHeaders', 'extraHeaders']]);
    const listener = added.listeners[0] as (details: unknown) => void;
    listener({ ...DETAILS, responseHeaders: [{ name: 'Location', value: '/' }] });
    listener(DETAILS);
    expect(seen).toHaveBeenCalledTimes(1);
    expect(seen).toHaveBeenCalledWith(TAB_ID, setCookieResponse(DETAILS));
  });

  it('listens again when a site is granted: Chromium sends a listener added before nothing of that site', () => {
    const added = mockWebRequest();
    watchSetCookieResponses(vi.fn());
    onGranted!();
    expect(fakeBrowser.webRequest.onHeadersReceived.removeListener).toHaveBeenCalledWith(added.listeners[0]);
    expect(fakeBrowser.webRequest.onHeadersReceived.addListener).toHaveBeenCalledTimes(2);
    expect(added.listeners).toHaveLength(1);
  });

  it('listens without extraHeaders where the browser knows no such option (Firefox), once: later grants reach it', () => {
    const added = mockWebRequest();
    const add = vi.mocked(fakeBrowser.webRequest.onHeadersReceived.addListener);
    const record = add.getMockImplementation()!;
    add.mockImplementation((listener, filter, extraInfo) => {
      if (extraInfo?.includes('extraHeaders')) throw new Error('Invalid enumeration value "extraHeaders"');
      record(listener, filter, extraInfo);
    });
    watchSetCookieResponses(vi.fn());
    expect(added.extraInfo).toEqual([['responseHeaders']]);
    expect(onGranted).toBeUndefined();
  });
});
