import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { readPageStorage, readPageStorageAnswer, readPageStorageRequest } from '../../lib/browser/page-storage';
import { STORAGE_LIMITS } from '../../lib/decode/page-tokens';

type Injection = { target: { tabId: number }; func: (...args: unknown[]) => unknown; args: unknown[] };

/** executeScript as the browser runs it in the tab's top frame: here, happy-dom's window is the page. */
function runInThisPage() {
  return vi.spyOn(fakeBrowser.scripting, 'executeScript').mockImplementation((async (injection: Injection) => [{ frameId: 0, result: injection.func(...injection.args) }]) as never);
}

beforeEach(() => {
  fakeBrowser.reset();
  localStorage.clear();
  sessionStorage.clear();
});

describe('reading a page\'s storage', () => {
  it('reads both areas of the tab\'s top frame, with the page\'s origin', async () => {
    const inject = runInThisPage();
    localStorage.setItem('token', 'eyJhbGciOiJIUzI1NiJ9.e30.x');
    sessionStorage.setItem('csrf', 'abc');
    expect(await readPageStorage(7)).toEqual({
      kind: 'storage',
      origin: location.origin,
      entries: [
        { area: 'localStorage', key: 'token', value: 'eyJhbGciOiJIUzI1NiJ9.e30.x' },
        { area: 'sessionStorage', key: 'csrf', value: 'abc' },
      ],
    });
    expect(inject.mock.calls[0]![0]).toMatchObject({ target: { tabId: 7 } });
    expect(inject.mock.calls[0]![0]).not.toHaveProperty('target.allFrames');
  });

  it('reads at most the entry limit, and leaves out oversized keys and values', async () => {
    runInThisPage();
    localStorage.setItem('big', 'x'.repeat(STORAGE_LIMITS.valueChars + 1));
    localStorage.setItem('y'.repeat(STORAGE_LIMITS.valueChars + 1), 'v');
    for (let index = 0; index < STORAGE_LIMITS.entries + 20; index++) sessionStorage.setItem(`k${index}`, 'v');
    const storage = await readPageStorage(7);
    expect(storage.kind === 'storage' && storage.entries.length).toBe(STORAGE_LIMITS.entries);
    expect(storage.kind === 'storage' && storage.entries.every((entry) => entry.area === 'sessionStorage')).toBe(true);
  });

  it('says plainly when the browser refuses (no host permission, a page it protects)', async () => {
    vi.spyOn(fakeBrowser.scripting, 'executeScript').mockRejectedValue(new Error('Cannot access contents of the page.'));
    expect(await readPageStorage(7)).toEqual({ kind: 'error', message: 'The browser did not let Session Lens read this page\'s storage (Cannot access contents of the page.).' });
  });

  it('checks what arrives: entries of the wrong shape or size are dropped, anything else is an error', () => {
    const answer = {
      kind: 'storage',
      origin: 'https://app.example',
      entries: [
        { area: 'localStorage', key: 'ok', value: 'v', extra: () => 1 },
        { area: 'cookies', key: 'k', value: 'v' },
        { area: 'localStorage', key: 1, value: 'v' },
        { area: 'localStorage', key: 'k', value: { toString: () => 'x' } },
        { area: 'sessionStorage', key: 'k', value: 'x'.repeat(STORAGE_LIMITS.valueChars + 1) },
        null,
      ],
    };
    expect(readPageStorageAnswer(answer)).toEqual({ kind: 'storage', origin: 'https://app.example', entries: [{ area: 'localStorage', key: 'ok', value: 'v' }] });
    for (const bad of [undefined, null, 'x', { origin: 1, entries: [] }, { origin: 'o', entries: {} }]) expect(readPageStorageAnswer(bad).kind).toBe('error');
    expect(readPageStorageAnswer({ kind: 'error', message: 'no' })).toEqual({ kind: 'error', message: 'no' });
  });

  it('accepts only well-formed requests', () => {
    expect(readPageStorageRequest({ type: 'read-page-storage', tabId: 3 })).toEqual({ type: 'read-page-storage', tabId: 3 });
    for (const bad of [null, { type: 'read-page-storage' }, { type: 'read-page-storage', tabId: '3' }, { type: 'read-page-storage', tabId: 1.5 }, { type: 'other', tabId: 3 }]) {
      expect(readPageStorageRequest(bad)).toBeNull();
    }
  });
});
