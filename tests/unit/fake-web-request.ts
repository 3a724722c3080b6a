import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

/** The fake browser has no webRequest events: stands them in, and returns the listeners added (the current last). */
export function mockWebRequest(): { listeners: unknown[]; extraInfo: unknown[][] } {
  const added = { listeners: [] as unknown[], extraInfo: [] as unknown[][] };
  const event = fakeBrowser.webRequest.onHeadersReceived;
  vi.spyOn(event, 'addListener').mockImplementation((listener, _filter, extraInfo) => {
    added.listeners.push(listener);
    added.extraInfo.push(extraInfo ?? []);
  });
  vi.spyOn(event, 'removeListener').mockImplementation((listener) => {
    const index = added.listeners.indexOf(listener);
    if (index >= 0) added.listeners.splice(index, 1);
  });
  return added;
}
