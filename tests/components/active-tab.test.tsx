import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { useActiveTab } from '../../components/useActiveTab';

/** The window the side panel lives in (WXT's fake browser has no focused window of its own). */
const PANEL_WINDOW = 0;

beforeEach(() => {
  fakeBrowser.reset();
  const panelWindow = async () => ({ id: PANEL_WINDOW, alwaysOnTop: false, focused: true, incognito: false });
  vi.spyOn(fakeBrowser.windows, 'getCurrent').mockImplementation(panelWindow as typeof fakeBrowser.windows.getCurrent);
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('the side panel follows the active tab of its window', () => {
  it('starts on the active tab, then follows each switch of tab', async () => {
    const first = await fakeBrowser.tabs.create({ url: 'http://127.0.0.1:5000/profile', active: true });
    const { result } = renderHook(() => useActiveTab());
    await waitFor(() => expect(result.current).toEqual({ tabId: first.id, url: 'http://127.0.0.1:5000/profile' }));

    const second = await act(() => fakeBrowser.tabs.create({ url: 'http://localhost:5000/login', active: true }));
    await waitFor(() => expect(result.current).toEqual({ tabId: second.id, url: 'http://localhost:5000/login' }));

    await act(() => fakeBrowser.tabs.onActivated.trigger({ tabId: first.id!, windowId: PANEL_WINDOW }));
    await waitFor(() => expect(result.current).toEqual({ tabId: first.id, url: 'http://127.0.0.1:5000/profile' }));
  });

  it('ignores tab switches in other windows', async () => {
    const mine = await fakeBrowser.tabs.create({ url: 'http://127.0.0.1:5000/profile', active: true });
    const { result } = renderHook(() => useActiveTab());
    await waitFor(() => expect(result.current?.tabId).toBe(mine.id));
    const elsewhere = await fakeBrowser.tabs.create({ url: 'http://localhost:5000/login' });
    await act(async () => {
      await fakeBrowser.tabs.onActivated.trigger({ tabId: elsewhere.id!, windowId: PANEL_WINDOW + 1 });
      await new Promise((settled) => setTimeout(settled, 0)); // any tab read it started has answered
    });
    expect(result.current?.tabId).toBe(mine.id);
  });

  it('stops listening when the page closes', async () => {
    await fakeBrowser.tabs.create({ url: 'http://127.0.0.1:5000/', active: true });
    const { result, unmount } = renderHook(() => useActiveTab());
    await waitFor(() => expect(result.current).not.toBeNull());
    unmount();
    expect(fakeBrowser.tabs.onActivated.hasListeners()).toBe(false);
  });
});
