/**
 * Why a page cannot have cookies the extension may read, or null when it can.
 * Browsers keep their own pages and their extension stores off limits to every extension.
 */
export function unsupportedPageReason(url: string | undefined): string | null {
  // The browser hides the address of a tab on a site the extension may not read, as it does a new tab's.
  if (!url) return 'Session Lens can\'t see which page this tab shows: a new tab or one still loading, a browser page, or a site you have not allowed Session Lens to read. To allow a site, open Session Lens from the toolbar while on it.';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'This tab\'s address is not a web page.';
  }
  const { protocol, hostname, pathname } = parsed;
  if (protocol === 'file:') return 'Local files (file://) have no cookies.';
  if (protocol !== 'http:' && protocol !== 'https:') return `Browser pages (${protocol}//) cannot have cookies: open a web site to see its sessions.`;
  const isStore =
    hostname === 'chromewebstore.google.com' ||
    (hostname === 'chrome.google.com' && pathname.startsWith('/webstore')) ||
    hostname === 'microsoftedge.microsoft.com' ||
    hostname === 'addons.mozilla.org';
  if (isStore) return 'The browser does not let extensions read the extension store\'s cookies.';
  return null;
}

/** The match pattern that grants access to one site's cookies (any path, this scheme and host). */
export function sitePattern(url: string): string {
  const { protocol, hostname } = new URL(url);
  return `${protocol}//${hostname}/*`;
}

/** Whether a cookie's domain applies to a page's host (RFC 6265 domain matching). */
export function domainApplies(cookieDomain: string, host: string): boolean {
  const domain = cookieDomain.replace(/^\./, '').toLowerCase();
  const lowerHost = host.toLowerCase();
  return lowerHost === domain || lowerHost.endsWith(`.${domain}`);
}
