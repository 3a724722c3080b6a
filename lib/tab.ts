import type { CookieInput } from './types';

/** What the background found for one tab: its cookies, or why there are none to show. */
export type TabCookies =
  | {
      kind: 'cookies';
      url: string;
      /** The site's origin (`https://example.com`): secrets and settings are kept per site. */
      site: string;
      /** The cookie store the tab uses (incognito, Firefox containers). */
      storeId?: string;
      /** The tab is in a private (incognito) window: secrets added there stay in memory unless the user keeps them. */
      incognito?: boolean;
      cookies: CookieInput[];
    }
  /** The extension has no host permission for this site yet: the user can grant it. */
  | { kind: 'no-access'; url: string; site: string; host: string }
  /** Pages that cannot have cookies (`chrome://`, `about:`, the web store, `file:`). */
  | { kind: 'unsupported'; url: string; reason: string }
  | { kind: 'error'; message: string };

/** What the user saved for one site. Kept in extension local storage only. */
export interface SiteSettings {
  /** The app's secret keys, tried in order (key rotation, SECRET_KEY_FALLBACKS). */
  secrets: string[];
  /** Server-side session lifetime in seconds (Flask PERMANENT_SESSION_LIFETIME), when not the framework's default. */
  maxAge?: number;
  /** A custom itsdangerous salt. */
  salt?: string;
}

export const EMPTY_SITE_SETTINGS: SiteSettings = { secrets: [] };

/** Where a saved secret is kept: in extension local storage, or in memory until the browser closes. */
export type SecretPlace = 'device' | 'memory';

export interface SavedSecret {
  secret: string;
  kept: SecretPlace;
}
