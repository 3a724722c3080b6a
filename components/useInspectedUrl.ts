import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';

/** The URL of the page the devtools window inspects, or undefined when it cannot be read. */
export async function readInspectedUrl(): Promise<string | undefined> {
  try {
    // Firefox resolves [result, exceptionInfo]; Chromium's native promise resolves the bare result.
    const result = (await browser.devtools.inspectedWindow.eval('location.href')) as unknown;
    const href = Array.isArray(result) ? result[0] : result;
    return typeof href === 'string' ? href : undefined;
  } catch {
    return undefined;
  }
}

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
