import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { SessionLensApp } from '../../components/SessionLensApp';
import '../../components/styles.css';

// Firefox devtools pages have no tabs/cookies API: the background reads the inspected tab for us.
const tabId = browser.devtools.inspectedWindow.tabId;
const url = await inspectedUrl();
createRoot(document.getElementById('root')!).render(<SessionLensApp tabId={tabId} {...(url ? { url } : {})} layout="panel" />);

async function inspectedUrl(): Promise<string | undefined> {
  try {
    const [href] = (await browser.devtools.inspectedWindow.eval('location.href')) as unknown as [unknown];
    return typeof href === 'string' ? href : undefined;
  } catch {
    return undefined;
  }
}
