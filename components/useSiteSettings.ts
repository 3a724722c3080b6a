import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { WxtStorageItem } from 'wxt/utils/storage';
import {
  memorySecretsFor,
  memorySecretsStore,
  saveMemorySecrets,
  saveSiteSettings,
  savedSecrets,
  settingsFor,
  siteSettingsStore,
  withMaxAge,
  withSalt,
} from '../lib/browser/site-settings';
import { EMPTY_SITE_SETTINGS, type SavedSecret, type SecretPlace, type SiteSettings } from '../lib/browser/site-settings';

/** A stored value, live across pages (a secret added in the panel shows in the popup); null until read. */
export function useStoredValue<T>(item: WxtStorageItem<T, Record<string, unknown>>, empty: T): T | null {
  const [value, setValue] = useState<T | null>(null);
  useEffect(() => {
    // A change can arrive before the first read answers: the read, older, must not overwrite it.
    let changed = false;
    void item.getValue().then((first) => changed || setValue(first));
    return item.watch((next) => {
      changed = true;
      setValue(next ?? empty);
    });
  }, [item, empty]);
  return value;
}

/** One empty object for "nothing stored", so that values derived from it stay the same between renders. */
const NO_SITES = {};

/** Every site's settings kept on this device. */
export function useAllSiteSettings(): Record<string, SiteSettings> | null {
  return useStoredValue(siteSettingsStore, NO_SITES);
}

/** Every site's secrets kept in memory (added in private windows). */
export function useAllMemorySecrets(): Record<string, string[]> | null {
  return useStoredValue(memorySecretsStore, NO_SITES);
}

/** A site's settings and the changes a page can make to them, named as the views take them. */
export interface SiteSettingsControls {
  /** What decoding uses: every saved secret (on the device, then in memory) and the site's lifetime and salt. */
  settings: SiteSettings;
  /** The same secrets, in the same order, with where each is kept. */
  savedSecrets: readonly SavedSecret[];
  onAddSecret(secret: string, kept: SecretPlace): void;
  /** Removes `savedSecrets[index]`. */
  onRemoveSecret(index: number): void;
  onSetMaxAge(seconds: number | undefined): void;
  onSetSalt(salt: string | undefined): void;
}

/** One site's settings and the changes the page can make to them. */
export function useSiteSettings(site: string | null): SiteSettingsControls {
  const all = useAllSiteSettings();
  const memory = useAllMemorySecrets();
  const device = site && all ? settingsFor(all, site) : EMPTY_SITE_SETTINGS;
  const inMemory = memorySecretsFor(site && memory ? memory : NO_SITES, site ?? '');
  const saved = useMemo(() => savedSecrets(device, inMemory), [device, inMemory]);
  const settings = useMemo(() => ({ ...device, secrets: saved.map((entry) => entry.secret) }), [device, saved]);
  // Changes are read-modify-writes of storage: one at a time, or the keys of one paste, added in a row, would each
  // start from the same stored list and the last would drop the others.
  const pending = useRef<Promise<void>>(Promise.resolve());
  const inTurn = useCallback((write: () => Promise<void>) => {
    const done = pending.current.then(write);
    pending.current = done.catch(() => undefined);
  }, []);
  const update = useCallback(
    (change: (current: SiteSettings) => SiteSettings) => {
      if (site) inTurn(async () => saveSiteSettings(site, change(settingsFor(await siteSettingsStore.getValue(), site))));
    },
    [site, inTurn],
  );
  const updateMemory = useCallback(
    (change: (current: readonly string[]) => string[]) => {
      if (site) inTurn(async () => saveMemorySecrets(site, change(memorySecretsFor(await memorySecretsStore.getValue(), site))));
    },
    [site, inTurn],
  );
  const without = (secret: string) => (secrets: readonly string[]) => secrets.filter((other) => other !== secret);
  return {
    settings,
    savedSecrets: saved,
    onAddSecret: (secret, kept) => {
      if (settings.secrets.includes(secret)) return;
      if (kept === 'device') update((current) => ({ ...current, secrets: [...current.secrets, secret] }));
      else updateMemory((current) => [...current, secret]);
    },
    onRemoveSecret: (index) => {
      const entry = saved[index];
      if (entry?.kept === 'device') update((current) => ({ ...current, secrets: without(entry.secret)(current.secrets) }));
      else if (entry) updateMemory(without(entry.secret));
    },
    onSetMaxAge: (seconds) => update((current) => withMaxAge(current, seconds)),
    onSetSalt: (salt) => update((current) => withSalt(current, salt)),
  };
}
