import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { linkedTab } from '../../lib/browser/tab-link';
import { SessionLensApp } from '../../components/SessionLensApp';
import '../../components/styles.css';

// Firefox devtools pages have no tabs/cookies API: the background reads the inspected tab for us.
// Outside devtools (the page opened as `devtools-panel.html?tabId=N`, see tab-link.ts) there is no inspected
// window: the query names the tab.
const inspected = typeof browser.devtools?.inspectedWindow?.tabId === 'number' ? browser.devtools.inspectedWindow : undefined;
const linked = inspected ? null : linkedTab(location.search);
const tabId = inspected ? inspected.tabId : (linked?.tabId ?? null);
const url = inspected ? await inspectedUrl() : linked?.url;
createRoot(document.getElementById('root')!).render(<SessionLensApp tabId={tabId} {...(url ? { url } : {})} layout="panel" />);

async function inspectedUrl(): Promise<string | undefined> {
  try {
    // Firefox resolves [result, exceptionInfo]; Chromium's native promise resolves the bare result.
    const result = (await browser.devtools.inspectedWindow.eval('location.href')) as unknown;
    const href = Array.isArray(result) ? result[0] : result;
    return typeof href === 'string' ? href : undefined;
  } catch {
    return undefined;
  }
}
