import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { linkedTab } from '../../lib/browser/tab-link';
import { SessionLensApp } from '../../components/SessionLensApp';
import '../../components/styles.css';

const root = createRoot(document.getElementById('root')!);
// As the toolbar popup: the active tab. Opened as `popup.html?tabId=N` (a deep link, see tab-link.ts): tab N.
const linked = linkedTab(location.search);
if (linked) {
  root.render(<SessionLensApp tabId={linked.tabId} {...(linked.url ? { url: linked.url } : {})} layout="popup" />);
} else {
  const [active] = await browser.tabs.query({ active: true, currentWindow: true });
  root.render(<SessionLensApp tabId={active?.id ?? null} {...(active?.url ? { url: active.url } : {})} layout="popup" />);
}
