// Secrets and per-site settings live in extension storage only: never storage.sync, never logged, never sent.
import { storage } from 'wxt/utils/storage';
import type { DecodeOptions } from '../types';

/** What the user saved for one site. Kept in extension local storage only. */
export interface SiteSettings {
  /** The app's secret keys, tried in order (key rotation, SECRET_KEY_FALLBACKS). */
  secrets: string[];
  /** Server-side session lifetime in seconds (Flask PERMANENT_SESSION_LIFETIME), when not the framework's default. */
  maxAge?: number;
  /** A custom itsdangerous salt (`URLSafeTimedSerializer(key, salt=...)`), tried before the usual ones; kept exactly as typed. */
  salt?: string;
}

export const EMPTY_SITE_SETTINGS: SiteSettings = { secrets: [] };

/** Where a saved secret is kept: in extension local storage, or in memory until the browser closes. */
export type SecretPlace = 'device' | 'memory';

export interface SavedSecret {
  secret: string;
  kept: SecretPlace;
}

/** What the user keeps on this device, by site (extension local storage). */
export const siteSettingsStore = storage.defineItem<Record<string, SiteSettings>>('local:siteSettings', { fallback: {} });

/**
 * Secrets added in private windows and not kept on the device, by site: in memory (storage.session) until the
 * browser closes, so a private window leaves no secret on disk.
 */
export const memorySecretsStore = storage.defineItem<Record<string, string[]>>('session:memorySecrets', { fallback: {} });

export function settingsFor(all: Record<string, SiteSettings>, site: string): SiteSettings {
  return Object.hasOwn(all, site) ? all[site]! : EMPTY_SITE_SETTINGS;
}

const NO_SECRETS: readonly string[] = [];

export function memorySecretsFor(all: Record<string, string[]>, site: string): readonly string[] {
  return Object.hasOwn(all, site) ? all[site]! : NO_SECRETS;
}

/** The settings with this session lifetime (undefined: the framework's default). */
export function withMaxAge(settings: SiteSettings, maxAge: number | undefined): SiteSettings {
  const { maxAge: _old, ...rest } = settings;
  return maxAge === undefined ? rest : { ...rest, maxAge };
}

/** The settings with this custom salt (undefined: only the usual salts). */
export function withSalt(settings: SiteSettings, salt: string | undefined): SiteSettings {
  const { salt: _old, ...rest } = settings;
  return salt === undefined ? rest : { ...rest, salt };
}

/** A site's secrets in the order they are tried and numbered: those kept on the device, then those in memory. */
export function savedSecrets(settings: SiteSettings, memory: readonly string[]): SavedSecret[] {
  return [...settings.secrets.map((secret) => ({ secret, kept: 'device' as const })), ...memory.map((secret) => ({ secret, kept: 'memory' as const }))];
}

/** Replaces one site's settings; null (or nothing left to keep) forgets the site. */
export async function saveSiteSettings(site: string, settings: SiteSettings | null): Promise<void> {
  const all = { ...(await siteSettingsStore.getValue()) };
  const empty = !settings || (settings.secrets.length === 0 && settings.maxAge === undefined && settings.salt === undefined);
  if (empty) delete all[site];
  else all[site] = settings;
  await siteSettingsStore.setValue(all);
}

/** Replaces one site's secrets kept in memory; an empty list forgets them. */
export async function saveMemorySecrets(site: string, secrets: readonly string[]): Promise<void> {
  const all = { ...(await memorySecretsStore.getValue()) };
  if (secrets.length === 0) delete all[site];
  else all[site] = [...secrets];
  await memorySecretsStore.setValue(all);
}

/** What the site's reports are decoded with: every saved secret (on the device, then in memory), its lifetime and salt. */
export async function siteDecodeOptions(site: string): Promise<DecodeOptions> {
  const [all, memory] = await Promise.all([siteSettingsStore.getValue(), memorySecretsStore.getValue()]);
  const { secrets, maxAge, salt } = settingsFor(all, site);
  return {
    secrets: savedSecrets({ secrets }, memorySecretsFor(memory, site)).map((saved) => saved.secret),
    ...(maxAge !== undefined ? { maxAge } : {}),
    ...(salt !== undefined ? { salt } : {}),
  };
}
