import { browser } from 'wxt/browser';
import { linkedTab } from '../../lib/browser/tab-link';
import { TabWatch } from '../../lib/browser/tab-watch';

// As the toolbar popup: the active tab. Opened as `popup.html?tabId=N` (a deep link, see tab-link.ts): tab N.
const linked = linkedTab(location.search);
const [active] = linked ? [] : await browser.tabs.query({ active: true, currentWindow: true });
const tab = linked ?? { tabId: active?.id ?? null, url: active?.url };
// The tab is watched before the views load: a background stopped when idle starts meanwhile, not after them.
const watch = tab.tabId === null ? undefined : new TabWatch(tab.tabId, tab.url);
const { showPopup } = await import('./popup');
showPopup(tab.tabId, tab.url, watch);
