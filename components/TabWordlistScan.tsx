import { useMemo } from 'react';
import { findScanTarget } from '../lib/scan/target';
import type { CookieInput, SessionReport } from '../lib/types';
import type { WordlistScanControls } from './useWordlistScan';
import { WordlistScan } from './WordlistScan';

export interface TabWordlistScanProps {
  /** The tab's cookies, in the same order as `reports`. */
  cookies: readonly CookieInput[];
  reports: readonly SessionReport[];
  /** The page's scan (useWordlistScan), which outlives this view while the tab's cookies are read again. */
  scan: WordlistScanControls;
  /** Save a found secret as this site's secret key. */
  onSave(secret: string): void;
  /** Secrets already saved for the site. */
  savedSecrets: readonly string[];
}

/** The wordlist scan offered for the tab's sessions whose signature a wordlist can be tried against. */
export function TabWordlistScan({ cookies, reports, scan, onSave, savedSecrets }: TabWordlistScanProps) {
  const scannable = useMemo(
    () => [...new Set(reports.filter((report) => report.isSession && findScanTarget(cookies, { name: report.name })).map((report) => report.name))],
    [reports, cookies],
  );
  return <WordlistScan cookieNames={scannable} state={scan.state} onStart={scan.start} onCancel={scan.cancel} onSave={onSave} savedSecrets={savedSecrets} />;
}
