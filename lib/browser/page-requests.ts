// runtime.sendMessage from a page that lacks an API itself to the background, checked on arrival.
import { isObject } from '../codec/json';

/**
 * Page -> background, from a page that lacks the API itself: Firefox's devtools panel has no `permissions` and no
 * `runtime.openOptionsPage`. `site-access` opens the popup page for that tab in a new tab, where the user can grant
 * the site (a permission request needs the click of a page that has the API).
 */
export type OpenPageRequest = { type: 'open-options' } | { type: 'open-site-access'; tabId: number; url: string };

/** The message as an OpenPageRequest, or null when it is not one. */
export function readOpenPageRequest(message: unknown): OpenPageRequest | null {
  if (!isObject(message)) return null;
  if (message.type === 'open-options') return { type: 'open-options' };
  if (message.type === 'open-site-access' && Number.isInteger(message.tabId) && typeof message.url === 'string') {
    return { type: 'open-site-access', tabId: message.tabId as number, url: message.url };
  }
  return null;
}
