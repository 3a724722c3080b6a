import { createRoot } from 'react-dom/client';
import { linkedTab } from '../../lib/browser/tab-link';
import { SessionLensApp } from '../../components/SessionLensApp';
import { useActiveTab } from '../../components/useActiveTab';
import '../../components/styles.css';

// Chrome's side panel and Firefox's sidebar: the active tab of the panel's window, followed as the user switches tabs.
// Opened as `sidepanel.html?tabId=N` (a deep link, see tab-link.ts): tab N.
const root = createRoot(document.getElementById('root')!);
const linked = linkedTab(location.search);
root.render(linked ? <SessionLensApp tabId={linked.tabId} {...(linked.url ? { url: linked.url } : {})} layout="sidepanel" /> : <ActiveTab />);

function ActiveTab() {
  const active = useActiveTab();
  // A new tab is a new page: nothing of the previous tab's (its cookies, an open editor) carries over.
  return <SessionLensApp key={active?.tabId ?? 'none'} tabId={active?.tabId ?? null} {...(active?.url ? { url: active.url } : {})} layout="sidepanel" />;
}
