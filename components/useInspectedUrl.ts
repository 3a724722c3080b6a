import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';

/**
 * The inspected page's URL, starting from `initial` and following every navigation of the inspected tab: after a
 * cross-site one, the panel must show the new site (its access, cookies and secrets), never the one it was opened on.
 */
export function useInspectedUrl(initial: string | undefined): string | undefined {
  const [url, setUrl] = useState(initial);
  useEffect(() => {
    const navigated = (next: string) => setUrl(next);
    browser.devtools.network.onNavigated.addListener(navigated);
    return () => browser.devtools.network.onNavigated.removeListener(navigated);
  }, []);
  return url;
}
