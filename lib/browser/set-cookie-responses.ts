// The Set-Cookie headers of the tabs' responses (webRequest, in the background): the history names the response
// that made each change. Chromium shows Set-Cookie to extensions only with `extraHeaders`; Firefox always does and
// knows no such option. The browser reports only responses of sites Session Lens may read.
import { browser, type Browser } from 'wxt/browser';
import { setCookieHeaders, type SetCookieResponse } from '../history/requests';

type HeadersDetails = Browser.webRequest.OnHeadersReceivedDetails;

/** Calls `seen` with each tab response that sets cookies (redirects included: a login's 302 sets the session). */
export function watchSetCookieResponses(seen: (tabId: number, response: SetCookieResponse) => void): void {
  const onHeaders = browser.webRequest?.onHeadersReceived;
  if (!onHeaders) return;
  const listener = (details: HeadersDetails) => {
    const response = setCookieResponse(details);
    if (response) seen(details.tabId, response);
    return undefined;
  };
  const filter = { urls: ['http://*/*', 'https://*/*'] };
  try {
    onHeaders.addListener(listener, filter, ['responseHeaders', 'extraHeaders']);
  } catch {
    // Firefox: no such option, Set-Cookie shown all the same, and sites granted later reach the listener.
    onHeaders.addListener(listener, filter, ['responseHeaders']);
    return;
  }
  // Chromium sends a listener no response of a site granted after it was added, until it is added again.
  browser.permissions.onAdded.addListener(() => {
    onHeaders.removeListener(listener);
    onHeaders.addListener(listener, filter, ['responseHeaders', 'extraHeaders']);
  });
}

/** The response as a SetCookieResponse; null when it sets no cookie or belongs to no tab. */
export function setCookieResponse(details: Pick<HeadersDetails, 'tabId' | 'method' | 'url' | 'statusCode' | 'timeStamp' | 'responseHeaders'>): SetCookieResponse | null {
  if (details.tabId < 0) return null;
  const setCookies = setCookieHeaders(details.responseHeaders ?? []);
  if (setCookies.length === 0) return null;
  return { method: details.method, url: details.url, status: details.statusCode, at: details.timeStamp, setCookies };
}
