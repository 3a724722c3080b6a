import { describe, expect, it } from 'vitest';
import { readOpenPageRequest } from '../../lib/browser/page-requests';
import { decodedJarMessage, readDecoded, readDecodeTokensRequest, readTabCookiesUpdate, readWatchTab, tabCookiesMessage, type TabCookies } from '../../lib/browser/tab-channel';
import { decodeCookies } from '../../lib/decode/decode';
import type { SessionReport } from '../../lib/types';

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

  it('background -> page: the reports with the cookies, whole through Chromium\'s JSON (NaN and ±Infinity kept)', async () => {
    const tab: TabCookies = { kind: 'cookies', url: 'https://a.example/', site: 'https://a.example', cookies: [{ name: 'session', value: 'x' }, { name: 'theme', value: 'dark' }] };
    const [plain] = await decodeCookies([{ name: 'session', value: 'x' }]);
    const floats: SessionReport = { ...plain!, payload: { nan: NaN, big: Infinity }, typed: { type: 'list', items: [{ type: 'number', value: -Infinity }, { type: 'number', value: NaN }] } };
    const reports = [floats, { ...plain!, name: 'theme', payload: { '@non-finite-number': 'x', n: 1 } }];
    const viaJson = (message: object) => JSON.parse(JSON.stringify(message)) as unknown;
    expect(readTabCookiesUpdate(viaJson(tabCookiesMessage({ type: 'tab-cookies', tab, decoded: { reports } })))).toEqual({ type: 'tab-cookies', tab, decoded: { reports } });
    expect(readTabCookiesUpdate(viaJson(tabCookiesMessage({ type: 'tab-cookies', tab, decoded: { error: 'stopped' } })))).toEqual({ type: 'tab-cookies', tab, decoded: { error: 'stopped' } });
    const broken = [
      { type: 'tab-cookies', tab, decoded: { reportsJson: '[{' } },
      { type: 'tab-cookies', tab, decoded: { reportsJson: '[{}]' } },
      { type: 'tab-cookies', tab, decoded: { reportsJson: '[1, 2]' } },
      { type: 'tab-cookies', tab, decoded: { reports } },
      { type: 'tab-cookies', tab, decoded: 'stopped' },
      { type: 'tab-cookies', tab: { kind: 'error', message: 'gone' }, decoded: { error: 'stopped' } },
    ];
    for (const message of broken) expect(readTabCookiesUpdate(message)).toBeNull();
  });
});

describe('tokens found outside the cookie jar, decoded by the background', () => {
  it('takes a request of name/value tokens only, bounded, and nothing else of them', () => {
    const tokens = [{ name: 'token', value: 'a.b.c', domain: 'evil.example', extra: 1 }];
    expect(readDecodeTokensRequest({ type: 'decode-tokens', site: 'https://app.example', tokens })).toEqual({ type: 'decode-tokens', site: 'https://app.example', tokens: [{ name: 'token', value: 'a.b.c' }] });
    for (const bad of [{ type: 'decode-tokens', site: 'https://app.example', tokens: 'x' }, { type: 'decode-tokens', site: 1, tokens: [] }, { type: 'decode-tokens', site: 'https://app.example', tokens: [{ name: 'x' }] }]) {
      expect(readDecodeTokensRequest(bad)).toBeNull();
    }
    expect(readDecodeTokensRequest({ type: 'decode-tokens', site: 'https://app.example', tokens: Array(1001).fill({ name: 't', value: 'v' }) })).toBeNull();
  });

  it('answers with the reports as JSON text that keeps NaN, read back on arrival', async () => {
    const reports = await decodeCookies([{ name: 'token', value: 'eyJhbGciOiJIUzI1NiJ9.eyJuIjoxfQ.x' }], { knownSecrets: false });
    reports[0]!.payload = { n: Number.NaN };
    expect(readDecoded(JSON.parse(JSON.stringify(decodedJarMessage({ reports })))))
      .toEqual({ reports: [{ ...reports[0], payload: { n: Number.NaN } }] });
    expect(readDecoded({ reportsJson: '{' })).toBeNull();
  });
});
