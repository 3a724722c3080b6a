import { describe, expect, it } from 'vitest';
import { readOpenPageRequest } from '../../lib/browser/page-requests';
import { readTabCookiesUpdate, readWatchTab, type TabCookies } from '../../lib/browser/tab-channel';
import { readDecodeRequest, readDecodeResponse } from '../../lib/decode/request';

const JUNK: unknown[] = [null, undefined, 42, 'watch', [], {}, { type: 'other' }];

describe('messages between contexts are checked on arrival', () => {
  it('page -> background: which tab to watch', () => {
    expect(readWatchTab({ type: 'watch', tabId: 7 })).toEqual({ type: 'watch', tabId: 7 });
    expect(readWatchTab({ type: 'watch', tabId: 7, url: 'https://a.example/' })).toEqual({ type: 'watch', tabId: 7, url: 'https://a.example/' });
    for (const message of [...JUNK, { type: 'watch', tabId: '7' }, { type: 'watch', tabId: 1.5 }, { type: 'watch', tabId: 7, url: 1 }]) {
      expect(readWatchTab(message)).toBeNull();
    }
  });

  it('background -> page: the tab state, every kind', () => {
    const tabs: TabCookies[] = [
      { kind: 'cookies', url: 'https://a.example/', site: 'https://a.example', cookies: [{ name: 'session', value: 'x' }] },
      { kind: 'no-access', url: 'https://a.example/', site: 'https://a.example', host: 'a.example' },
      { kind: 'unsupported', url: 'about:blank', reason: 'no cookies here' },
      { kind: 'error', message: 'gone' },
    ];
    for (const tab of tabs) expect(readTabCookiesUpdate({ type: 'tab-cookies', tab })).toEqual({ type: 'tab-cookies', tab });
    const broken = [
      { type: 'tab-cookies', tab: { kind: 'cookies', url: 'https://a.example/', site: 'https://a.example', cookies: [{ name: 'session' }] } },
      { type: 'tab-cookies', tab: { kind: 'cookies', url: 'https://a.example/', site: 'https://a.example', cookies: 'session=x' } },
      { type: 'tab-cookies', tab: { kind: 'surprise' } },
      { type: 'tab-cookies' },
    ];
    for (const message of [...JUNK, ...broken]) expect(readTabCookiesUpdate(message)).toBeNull();
  });

  it('page -> background: open a page for a page that lacks the API', () => {
    expect(readOpenPageRequest({ type: 'open-options' })).toEqual({ type: 'open-options' });
    expect(readOpenPageRequest({ type: 'open-site-access', tabId: 3, url: 'https://a.example/' })).toEqual({ type: 'open-site-access', tabId: 3, url: 'https://a.example/' });
    for (const message of [...JUNK, { type: 'open-site-access', tabId: 3 }, { type: 'open-site-access', tabId: '3', url: 'x' }]) expect(readOpenPageRequest(message)).toBeNull();
  });

  it('page <-> decode worker', () => {
    const request = { id: 1, cookies: [{ name: 'a', value: 'b' }], options: { secrets: ['k'] } };
    expect(readDecodeRequest(request)).toEqual(request);
    expect(readDecodeResponse({ id: 1, reports: [] })).toEqual({ id: 1, reports: [] });
    expect(readDecodeResponse({ id: 1, error: 'stopped' })).toEqual({ id: 1, error: 'stopped' });
    for (const message of [...JUNK, { id: 1, cookies: [] }, { id: 'one', cookies: [], options: {} }]) expect(readDecodeRequest(message)).toBeNull();
    for (const message of [...JUNK, { id: 1 }, { id: 1, reports: 'none' }]) expect(readDecodeResponse(message)).toBeNull();
  });
});
