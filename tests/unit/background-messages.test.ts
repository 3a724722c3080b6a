import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { mockWebRequest } from './fake-web-request';
import type { Browser } from 'wxt/browser';
import background from '../../entrypoints/background';
import { writtenChangesStore } from '../../lib/browser/cookie-write';

const SITE = 'https://app.example.com';
const SESSION = { name: 'session', value: 'old', domain: 'app.example.com', path: '/', hostOnly: true, httpOnly: true, secure: true, sameSite: 'lax', session: true, storeId: '0' } as const;

/** What the background's listeners answer a page's message with (the polyfill resolves sendMessage with it). */
async function answerTo(message: unknown): Promise<unknown[]> {
  return (await fakeBrowser.runtime.onMessage.trigger(message, {}, () => undefined)).filter((answer) => answer !== undefined);
}

// Each test starts the real background on a fresh fake browser; its events are silenced but for runtime.onMessage.
beforeEach(() => {
  fakeBrowser.reset();
  for (const event of [fakeBrowser.runtime.onConnect, fakeBrowser.cookies.onChanged, fakeBrowser.permissions.onAdded, fakeBrowser.permissions.onRemoved]) vi.spyOn(event, 'addListener').mockImplementation(() => undefined);
  mockWebRequest();
  background.main();
});
afterEach(() => vi.restoreAllMocks());

describe('background: write, undo and forget messages', () => {
  it('answers a write with the recorded change, an undo with its result, a forget once done', async () => {
    const set = vi.spyOn(fakeBrowser.cookies, 'set').mockImplementation(async (details) => ({ ...SESSION, value: details.value }) as Browser.cookies.Cookie);
    vi.spyOn(fakeBrowser.cookies, 'getAll').mockResolvedValue([SESSION] as never);
    const write = { type: 'write-cookies', tabId: 1, site: SITE, label: 'Edit', originals: [SESSION], cookies: [{ name: 'session', value: 'new' }], remove: [], reload: false };
    const [answer] = (await answerTo(write)) as [{ ok: true; change: { id: string } }];
    expect(answer).toMatchObject({ ok: true, change: { label: 'Edit', written: [{ name: 'session', value: 'new' }] } });
    expect(set).toHaveBeenCalledTimes(1);
    // The cookie still holds 'old' here (getAll's answer): the site changed it since the write.
    expect(await answerTo({ type: 'undo-write', tabId: 1, site: SITE, changeId: answer.change.id, force: false })).toEqual([
      { ok: false, conflict: [{ name: 'session', written: 'new', current: 'old' }] },
    ]);
    expect(await answerTo({ type: 'forget-write', site: SITE, changeId: answer.change.id })).toEqual([{ ok: true }]);
    expect(await writtenChangesStore.getValue()).toEqual({});
  });

  it('answers nothing to a malformed write, and writes nothing', async () => {
    const set = vi.spyOn(fakeBrowser.cookies, 'set');
    expect(await answerTo({ type: 'write-cookies', tabId: 1, site: SITE, label: 'Edit', originals: [], cookies: [{ name: 'session', value: 'new' }], remove: [], reload: false })).toEqual([]);
    expect(set).not.toHaveBeenCalled();
  });
});

describe('background: page storage messages', () => {
  it('answers a read with the tab\'s storage, and nothing to a malformed one', async () => {
    const inject = vi.spyOn(fakeBrowser.scripting, 'executeScript').mockResolvedValue([{ frameId: 0, result: { origin: SITE, entries: [{ area: 'localStorage', key: 'token', value: 'abc' }] } }] as never);
    expect(await answerTo({ type: 'read-page-storage', tabId: 4 })).toEqual([{ kind: 'storage', origin: SITE, entries: [{ area: 'localStorage', key: 'token', value: 'abc' }] }]);
    expect(inject).toHaveBeenCalledWith(expect.objectContaining({ target: { tabId: 4 } }));
    expect(await answerTo({ type: 'read-page-storage', tabId: 'all' })).toEqual([]);
    expect(inject).toHaveBeenCalledTimes(1);
  });
});
