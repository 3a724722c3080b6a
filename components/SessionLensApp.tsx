import { useEffect, useMemo, useState } from 'react';
import { browser } from 'wxt/browser';
import type { OpenPageRequest } from '../lib/browser/page-requests';
import { sitePattern } from '../lib/browser/page-kind';
import { findScanTarget } from '../lib/scan/target';
import { SessionLensView } from './SessionLensView';
import { useSessionReports } from './useSessionReports';
import { useSiteSettings } from './useSiteSettings';
import { useTabCookies } from './useTabCookies';
import { useWordlistScan } from './useWordlistScan';
import { SessionHistory } from './SessionHistory';
import { useSessionHistory } from './useSessionHistory';
import { useWrittenChanges } from './useWrittenChanges';
import { WrittenChanges } from './WrittenChanges';
import { WordlistScan } from './WordlistScan';

export interface SessionLensAppProps {
  /** The tab to show: the active tab (popup) or the inspected one (devtools panel); null until known. */
  tabId: number | null;
  /** The tab's URL when the page knows it better than the tab API does. */
  url?: string;
  layout: 'popup' | 'panel';
}

/** Wires the shared view to the background (cookies), extension storage (secrets) and the decode worker. */
export function SessionLensApp({ tabId, url, layout }: SessionLensAppProps) {
  const tab = useTabCookies(tabId, url);
  const site = tab?.kind === 'cookies' ? tab.site : null;
  const siteSettings = useSiteSettings(site);
  const { settings } = siteSettings;
  // Where a secret the wordlist scan found goes when saved: in memory in a private window, like a typed one.
  const scanFindPlace = tab?.kind === 'cookies' && tab.incognito ? 'memory' : 'device';
  const { decoded, error: decodeError } = useSessionReports(tab?.kind === 'cookies' ? tab.cookies : null, settings);
  const now = useNow();
  const cookies = decoded?.cookies ?? (tab?.kind === 'cookies' ? tab.cookies : []);
  const scannable = useMemo(
    () => [...new Set((decoded?.reports ?? []).filter((report) => report.isSession && findScanTarget(decoded!.cookies, { name: report.name })).map((report) => report.name))],
    [decoded],
  );
  const scan = useWordlistScan(cookies);
  const written = useWrittenChanges(site, tabId);
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
  return (
    <SessionLensView
      tab={tab}
      reports={decoded?.reports ?? null}
      decodeError={decodeError}
      cookies={cookies}
      {...siteSettings}
      now={now}
      layout={layout}
      onRequestAccess={requestAccess}
      onOpenOptions={openOptions}
      onWriteCookies={written.write}
      history={site !== null && <SessionHistory site={site} now={now} {...history} />}
      writtenChanges={written.changes.length > 0 ? <WrittenChanges changes={written.changes} now={now} onUndo={written.undo} onForget={written.forget} /> : null}
      tools={
        <WordlistScan cookieNames={scannable} state={scan.state} onStart={scan.start} onCancel={scan.cancel} onSave={(secret) => siteSettings.onAddSecret(secret, scanFindPlace)} savedSecrets={settings.secrets} />
      }
    />
  );
}

/** Unix seconds, ticking every 15 s so "3 min ago" and "expired" stay true while the page is open. */
function useNow(): number {
  const [now, setNow] = useState(() => Math.floor(Date.now() / 1000));
  useEffect(() => {
    const timer = setInterval(() => setNow(Math.floor(Date.now() / 1000)), 15_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}
