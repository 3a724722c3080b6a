import { describe, expect, it } from 'vitest';
import { linkedTab, linkToTab } from '../../lib/browser/tab-link';

describe('deep links to a tab (popup.html?tabId=N)', () => {
  it('round-trips the tab id and the URL hint', () => {
    const link = linkToTab('moz-extension://uuid/popup.html', { tabId: 42, url: 'http://localhost:5000/profile?a=1&b=2#x' });
    expect(link).toBe('moz-extension://uuid/popup.html?tabId=42&url=http%3A%2F%2Flocalhost%3A5000%2Fprofile%3Fa%3D1%26b%3D2%23x');
    expect(linkedTab(new URL(link).search)).toEqual({ tabId: 42, url: 'http://localhost:5000/profile?a=1&b=2#x' });
    expect(linkedTab('?tabId=7')).toEqual({ tabId: 7 });
  });

  it('ignores anything that is not a plain tab id', () => {
    for (const search of ['', '?url=http://x/', '?tabId=', '?tabId=-1', '?tabId=1.5', '?tabId=0x10', '?tabId=1e3', '?tabId=99999999999999999999']) {
      expect(linkedTab(search)).toBeNull();
    }
  });
});
