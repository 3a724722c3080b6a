import { browser } from 'wxt/browser';
import { linkedTab } from '../../lib/browser/tab-link';
import { TabWatch } from '../../lib/browser/tab-watch';
// A <link> in popup.html, loaded with the page, not after the views' code.
import '../../components/styles.css';
import { prepareLocalTime } from '../../lib/display/time';

// As the toolbar popup: the active tab. Opened as `popup.html?tabId=N` (a deep link, see tab-link.ts): tab N.
const linked = linkedTab(location.search);
const [active] = linked ? [] : await browser.tabs.query({ active: true, currentWindow: true });
const tab = linked ?? { tabId: active?.id ?? null, url: active?.url };
// The tab is watched before the views load: a background stopped when idle starts meanwhile, not after them.
const watch = tab.tabId === null ? undefined : new TabWatch(tab.tabId, tab.url);
const views = import('./popup');
// The first local time a page formats loads the locale's data (15–30 ms in a new process): done while the views load.
prepareLocalTime();
const { showPopup } = await views;
showPopup(tab.tabId, tab.url, watch);
