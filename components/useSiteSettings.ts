import { useCallback, useEffect, useRef, useState } from 'react';
import { saveSiteSettings, settingsFor, siteSettingsStore } from '../lib/browser/site-settings';
import { EMPTY_SITE_SETTINGS, type SiteSettings } from '../lib/tab';

/** Every saved site's settings, live across pages (a secret added in the panel shows in the popup). */
export function useAllSiteSettings(): Record<string, SiteSettings> | null {
  const [all, setAll] = useState<Record<string, SiteSettings> | null>(null);
  useEffect(() => {
    void siteSettingsStore.getValue().then(setAll);
    return siteSettingsStore.watch((value) => setAll(value ?? {}));
  }, []);
  return all;
}

export interface SiteSettingsControls {
  settings: SiteSettings;
  addSecret(secret: string): void;
  removeSecret(index: number): void;
  setMaxAge(seconds: number | undefined): void;
}

/** One site's settings and the changes the page can make to them. */
export function useSiteSettings(site: string | null): SiteSettingsControls {
  const all = useAllSiteSettings();
  const settings = site && all ? settingsFor(all, site) : EMPTY_SITE_SETTINGS;
  // Changes are read-modify-writes of storage: one at a time, or the keys of one paste, added in a row, would each
  // start from the same stored list and the last would drop the others.
  const pending = useRef<Promise<void>>(Promise.resolve());
  const update = useCallback(
    (change: (current: SiteSettings) => SiteSettings) => {
      if (!site) return;
      const saved = pending.current.then(async () => saveSiteSettings(site, change(settingsFor(await siteSettingsStore.getValue(), site))));
      pending.current = saved.catch(() => undefined);
    },
    [site],
  );
  return {
    settings,
    addSecret: (secret) => update((current) => (current.secrets.includes(secret) ? current : { ...current, secrets: [...current.secrets, secret] })),
    removeSecret: (index) => update((current) => ({ ...current, secrets: current.secrets.filter((_, i) => i !== index) })),
    setMaxAge: (seconds) =>
      update(({ maxAge: _previous, ...rest }) => (seconds === undefined ? rest : { ...rest, maxAge: seconds })),
  };
}
