import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { useInspectedUrl } from '../../components/useInspectedUrl';
import { readInspectedUrl } from '../../lib/browser/inspected-url';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

/** devtools.network.onNavigated as a browser fires it, with the listeners the panel keeps on it. */
function fakeNavigations() {
  const listeners = new Set<(url: string) => void>();
  const { onNavigated } = fakeBrowser.devtools.network;
  vi.spyOn(onNavigated, 'addListener').mockImplementation((listener) => void listeners.add(listener));
  vi.spyOn(onNavigated, 'removeListener').mockImplementation((listener) => void listeners.delete(listener));
  return { listeners, navigate: (url: string) => act(() => listeners.forEach((listener) => listener(url))) };
}

describe('the devtools panel follows the inspected page', () => {
  it('takes the new URL on each navigation of the inspected tab, cross-site included', () => {
    const { navigate } = fakeNavigations();
    const { result } = renderHook(() => useInspectedUrl('http://127.0.0.1:5000/profile'));
    expect(result.current).toBe('http://127.0.0.1:5000/profile');
    navigate('http://localhost:5000/profile');
    expect(result.current).toBe('http://localhost:5000/profile');
    navigate('http://127.0.0.1:5000/profile?back');
    expect(result.current).toBe('http://127.0.0.1:5000/profile?back');
  });

  it('stops listening when the panel goes away', () => {
    const { listeners } = fakeNavigations();
    const { unmount } = renderHook(() => useInspectedUrl(undefined));
    expect(listeners.size).toBe(1);
    unmount();
    expect(listeners.size).toBe(0);
  });

  it('reads the URL from Firefox\'s [result, exceptionInfo] and from Chromium\'s bare result; a failed eval is no URL', async () => {
    const evaluate = vi.spyOn(fakeBrowser.devtools.inspectedWindow, 'eval');
    evaluate.mockResolvedValueOnce(['http://a.test/', undefined] as never);
    expect(await readInspectedUrl()).toBe('http://a.test/');
    evaluate.mockResolvedValueOnce('http://b.test/' as never);
    expect(await readInspectedUrl()).toBe('http://b.test/');
    evaluate.mockRejectedValueOnce(new Error('no inspected window'));
    expect(await readInspectedUrl()).toBeUndefined();
  });
});
