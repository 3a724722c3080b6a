// Secrets and per-site settings live in extension local storage only: never storage.sync, never logged, never sent.
import { storage } from 'wxt/utils/storage';
import { EMPTY_SITE_SETTINGS, type SiteSettings } from '../tab';

export const siteSettingsStore = storage.defineItem<Record<string, SiteSettings>>('local:siteSettings', { fallback: {} });

export function settingsFor(all: Record<string, SiteSettings>, site: string): SiteSettings {
  return Object.hasOwn(all, site) ? all[site]! : EMPTY_SITE_SETTINGS;
}

/** Replaces one site's settings; null (or nothing left to keep) forgets the site. */
export async function saveSiteSettings(site: string, settings: SiteSettings | null): Promise<void> {
  const all = { ...(await siteSettingsStore.getValue()) };
  const empty = !settings || (settings.secrets.length === 0 && settings.maxAge === undefined && settings.salt === undefined);
  if (empty) delete all[site];
  else all[site] = settings;
  await siteSettingsStore.setValue(all);
}
