import { memorySecretsFor, settingsFor } from '../lib/browser/site-settings';
import type { SiteSettings } from '../lib/browser/site-settings';
import { PageState } from './PageState';
import { SavedSite } from './SavedSite';

export interface OptionsViewProps {
  /** Settings kept on this device, by site origin. */
  sites: Record<string, SiteSettings>;
  /** Secrets kept in memory until the browser closes (added in private windows), by site origin. */
  memorySecrets: Record<string, string[]>;
  /** New settings for a site; null = forget the site. */
  onChange(site: string, settings: SiteSettings | null): void;
  /** New in-memory secrets for a site; empty = forget them. */
  onChangeMemorySecrets(site: string, secrets: string[]): void;
}

/** The options page: every site with saved secrets (on this device or in memory), a lifetime or a salt, each editable and forgettable. */
export function OptionsView({ sites, memorySecrets, onChange, onChangeMemorySecrets }: OptionsViewProps) {
  const names = [...new Set([...Object.keys(sites), ...Object.keys(memorySecrets)])].sort((a, b) => a.localeCompare(b));
  return (
    <div className="sl-app sl-options" data-layout="panel">
      <header className="sl-header">
        <h1 className="sl-title">Session Lens settings</h1>
      </header>
      <main className="sl-main">
        <p className="sl-intro">
          The secret keys, session lifetimes and salts you saved, by site. They are kept only in this browser's extension storage (secret keys added in a
          private window: in memory until the browser closes, unless you chose to keep them); never synced or sent anywhere.
        </p>
        {names.length === 0 ? (
          <PageState tone="info" title="No saved sites yet">
            <p>Open Session Lens on a site and add its secret key to verify its sessions; the site will be listed here.</p>
          </PageState>
        ) : (
          <div className="sl-cards">
            {names.map((site) => (
              <SavedSite
                key={site}
                site={site}
                settings={settingsFor(sites, site)}
                memorySecrets={memorySecretsFor(memorySecrets, site)}
                onChange={(settings) => onChange(site, settings)}
                onChangeMemorySecrets={(secrets) => onChangeMemorySecrets(site, secrets)}
              />
            ))}
          </div>
        )}
      </main>
    </div>
  );
}
