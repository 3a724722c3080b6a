// The URL of the page a devtools window inspects (devtools pages only).
import { browser } from 'wxt/browser';

/** The inspected page's URL, or undefined when it cannot be read. */
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
