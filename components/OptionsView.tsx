import type { SiteSettings } from '../lib/tab';
import { PageState } from './PageState';
import { SavedSite } from './SavedSite';

export interface OptionsViewProps {
  /** Saved settings by site origin. */
  sites: Record<string, SiteSettings>;
  /** New settings for a site; null = forget the site. */
  onChange(site: string, settings: SiteSettings | null): void;
}

/** The options page: every site with saved secrets or a lifetime, each editable and forgettable. */
export function OptionsView({ sites, onChange }: OptionsViewProps) {
  const names = Object.keys(sites).sort((a, b) => a.localeCompare(b));
  return (
    <div className="sl-app sl-options" data-layout="panel">
      <header className="sl-header">
        <h1 className="sl-title">Session Lens settings</h1>
      </header>
      <main className="sl-main">
        <p className="sl-intro">
          The secret keys and session lifetimes you saved, by site. They are kept only in this browser's extension storage; never synced or sent anywhere.
        </p>
        {names.length === 0 ? (
          <PageState tone="info" title="No saved sites yet">
            <p>Open Session Lens on a site and add its secret key to verify its sessions; the site will be listed here.</p>
          </PageState>
        ) : (
          <div className="sl-cards">
            {names.map((site) => (
              <SavedSite key={site} site={site} settings={sites[site]!} onChange={(settings) => onChange(site, settings)} />
            ))}
          </div>
        )}
      </main>
    </div>
  );
}
