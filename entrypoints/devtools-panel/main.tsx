import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { readInspectedUrl } from '../../lib/browser/inspected-url';
import { linkedTab } from '../../lib/browser/tab-link';
import { SessionLensApp } from '../../components/SessionLensApp';
import { useInspectedUrl } from '../../components/useInspectedUrl';
import '../../components/styles.css';

// Firefox devtools pages have no tabs/cookies API: the background reads the inspected tab for us.
// Outside devtools (the page opened as `devtools-panel.html?tabId=N`, see tab-link.ts) there is no inspected
// window: the query names the tab.
const root = createRoot(document.getElementById('root')!);
const inspected = typeof browser.devtools?.inspectedWindow?.tabId === 'number' ? browser.devtools.inspectedWindow : undefined;
if (inspected) {
  root.render(<InspectedTab tabId={inspected.tabId} initialUrl={await readInspectedUrl()} />);
} else {
  const linked = linkedTab(location.search);
  root.render(<SessionLensApp tabId={linked?.tabId ?? null} {...(linked?.url ? { url: linked.url } : {})} layout="panel" />);
}

function InspectedTab({ tabId, initialUrl }: { tabId: number; initialUrl: string | undefined }) {
  const url = useInspectedUrl(initialUrl);
  return <SessionLensApp tabId={tabId} {...(url ? { url } : {})} layout="panel" />;
}
