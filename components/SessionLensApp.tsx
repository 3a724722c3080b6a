import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import type { OpenPageRequest } from '../lib/browser/page-requests';
import { sitePattern } from '../lib/browser/page-kind';
import { canOpenSidePanel, openSidePanel } from '../lib/browser/side-panel';
import type { TabWatch } from '../lib/browser/tab-watch';
import type { CookieInput } from '../lib/types';
import { LazyTabWordlistScan, OnDemand } from './on-demand';
import { PageTokens } from './PageTokens';
import { SessionLensView, type SessionLensViewProps } from './SessionLensView';
import { usePageTokens } from './usePageTokens';
import { useSiteSettings } from './useSiteSettings';
import { useTabCookies } from './useTabCookies';
import { SessionHistory } from './SessionHistory';
import { useSessionHistory } from './useSessionHistory';
import { useWordlistScan } from './useWordlistScan';
import { useWrittenChanges } from './useWrittenChanges';
import { WrittenChanges } from './WrittenChanges';

export interface SessionLensAppProps {
  /** The tab to show: the active tab (popup, side panel) or the inspected one (devtools panel); null until known. */
  tabId: number | null;
  /** The tab's URL when the page knows it better than the tab API does. */
  url?: string;
  layout: SessionLensViewProps['layout'];
  /** The watch of this tab the page started before it loaded the views (useTabCookies). */
  watch?: TabWatch;
}

/** Wires the shared view to the background (cookies and their reports) and extension storage (secrets). */
export function SessionLensApp({ tabId, url, layout, watch }: SessionLensAppProps) {
  const update = useTabCookies(tabId, url, watch);
  const tab = update?.tab ?? null;
  const site = tab?.kind === 'cookies' ? tab.site : null;
  const siteSettings = useSiteSettings(site);
  const { settings } = siteSettings;
  // Where a secret the wordlist scan found goes when saved: in memory in a private window, like a typed one.
  const scanFindPlace = tab?.kind === 'cookies' && tab.incognito ? 'memory' : 'device';
  const reports = update?.decoded && 'reports' in update.decoded ? update.decoded.reports : null;
  const decodeError = update?.decoded && 'error' in update.decoded ? update.decoded.error : null;
  const now = useNow();
  const cookies = tab?.kind === 'cookies' ? tab.cookies : NO_COOKIES;
  const scan = useWordlistScan(cookies);
  const written = useWrittenChanges(site, tabId);
  const pageTokens = usePageTokens(tabId, site, settings);
  const history = useSessionHistory(tabId, site);
  const requestAccess = () => {
    if (tab?.kind !== 'no-access') return;
    // Must run in the click's user gesture, before any await.
    if (browser.permissions) void browser.permissions.request({ origins: [sitePattern(tab.url)] });
    // Firefox's devtools panel has no permissions API: the popup page for this tab, in a tab, asks instead.
    else if (tabId !== null) void browser.runtime.sendMessage({ type: 'open-site-access', tabId, url: tab.url } satisfies OpenPageRequest);
  };
  const openOptions = () => {
    if (browser.runtime.openOptionsPage) void browser.runtime.openOptionsPage();
    else void browser.runtime.sendMessage({ type: 'open-options' } satisfies OpenPageRequest); // Firefox's devtools panel
  };
  // Must run in the click's user gesture; the popup then goes, the side panel goes on showing the tab.
  const openInSidePanel = () => tabId !== null && void openSidePanel(tabId).then(() => window.close(), () => undefined);
  return (
    <SessionLensView
      tab={tab}
      reports={reports}
      decodeError={decodeError}
      cookies={cookies}
      {...siteSettings}
      now={now}
      layout={layout}
      onRequestAccess={requestAccess}
      onOpenOptions={openOptions}
      {...(layout === 'popup' && canOpenSidePanel() ? { onOpenSidePanel: openInSidePanel } : {})}
      onWriteCookies={written.write}
      tokens={tab?.kind === 'cookies' && <PageTokens {...pageTokens} savedSecrets={siteSettings.savedSecrets} pageUrl={tab.url} now={now} />}
      history={site !== null && <SessionHistory site={site} now={now} {...history} />}
      writtenChanges={written.changes.length > 0 ? <WrittenChanges changes={written.changes} now={now} onUndo={written.undo} onForget={written.forget} /> : null}
      tools={
        reports && (
          <OnDemand what="the wordlist scan">
            <LazyTabWordlistScan cookies={cookies} reports={reports} scan={scan} onSave={(secret) => siteSettings.onAddSecret(secret, scanFindPlace)} savedSecrets={settings.secrets} />
          </OnDemand>
        )
      }
    />
  );
}

const NO_COOKIES: CookieInput[] = [];

/** Unix seconds, ticking every 15 s so "3 min ago" and "expired" stay true while the page is open. */
function useNow(): number {
  const [now, setNow] = useState(() => Math.floor(Date.now() / 1000));
  useEffect(() => {
    const timer = setInterval(() => setNow(Math.floor(Date.now() / 1000)), 15_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}
