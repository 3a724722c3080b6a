import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { canOpenSidePanel, openSidePanel } from '../../lib/browser/side-panel';

describe('the side panel, opened from the popup', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(() => vi.restoreAllMocks());

  it('Chrome: opens the window\'s side panel by the popup\'s tab, in the click itself (nothing awaited first)', () => {
    const open = vi.spyOn(fakeBrowser.sidePanel, 'open').mockResolvedValue(undefined);
    expect(canOpenSidePanel()).toBe(true);
    void openSidePanel(7);
    expect(open).toHaveBeenCalledWith({ tabId: 7 });
  });

  it('Firefox: opens its sidebar', async () => {
    const sidebarOpen = vi.fn().mockResolvedValue(undefined);
    const firefoxLike = fakeBrowser as unknown as { sidePanel?: unknown; sidebarAction?: unknown };
    const sidePanel = firefoxLike.sidePanel;
    firefoxLike.sidePanel = undefined;
    firefoxLike.sidebarAction = { open: sidebarOpen };
    try {
      expect(canOpenSidePanel()).toBe(true);
      await openSidePanel(7);
      expect(sidebarOpen).toHaveBeenCalledTimes(1);
      firefoxLike.sidebarAction = undefined;
      expect(canOpenSidePanel()).toBe(false);
      await expect(openSidePanel(7)).rejects.toThrow('no side panel');
    } finally {
      firefoxLike.sidePanel = sidePanel;
      delete firefoxLike.sidebarAction;
    }
  });
});
