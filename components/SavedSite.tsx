import { useId, useState } from 'react';
import { savedSecrets, withMaxAge, withSalt } from '../lib/browser/site-settings';
import type { SiteSettings } from '../lib/browser/site-settings';
import { SavedSecrets } from './SavedSecrets';
import { SessionLifetimeField } from './SessionLifetimeField';
import { CustomSaltField } from './CustomSaltField';
import { LongText } from './LongText';

export interface SavedSiteProps {
  site: string;
  /** What is kept on this device for the site. */
  settings: SiteSettings;
  /** The site's secrets kept in memory (added in private windows). */
  memorySecrets: readonly string[];
  onChange(settings: SiteSettings | null): void;
  onChangeMemorySecrets(secrets: string[]): void;
}

/** One site on the options page: its masked secrets, its session lifetime, its custom salt, and "forget this site" (with a confirm step). */
export function SavedSite({ site, settings, memorySecrets, onChange, onChangeMemorySecrets }: SavedSiteProps) {
  const id = useId();
  const [confirming, setConfirming] = useState(false);
  const secrets = savedSecrets(settings, memorySecrets);
  const count = secrets.length;
  const remove = (index: number) => {
    const removed = secrets[index]!;
    if (removed.kept === 'device') onChange({ ...settings, secrets: settings.secrets.filter((secret) => secret !== removed.secret) });
    else onChangeMemorySecrets(memorySecrets.filter((secret) => secret !== removed.secret));
  };
  const forget = () => {
    onChange(null);
    if (memorySecrets.length > 0) onChangeMemorySecrets([]);
  };
  return (
    <section className="sl-card sl-saved-site" aria-labelledby={`${id}-site`}>
      <h2 id={`${id}-site`} className="sl-card-name">
        <LongText text={site} limit={120} />
      </h2>
      <h3 className="sl-subtitle">Secret keys</h3>
      <SavedSecrets secrets={secrets} onRemove={remove} />
      <SessionLifetimeField key={String(settings.maxAge)} maxAge={settings.maxAge} onSetMaxAge={(maxAge) => onChange(withMaxAge(settings, maxAge))} />
      <CustomSaltField salt={settings.salt} onSetSalt={(salt) => onChange(withSalt(settings, salt))} />
      <div className="sl-forget" role="group" aria-labelledby={`${id}-site`}>
        {confirming ? (
          <>
            <p>
              Forget <LongText text={site} limit={120} />? {count === 1 ? 'Its secret key' : `Its ${count} secret keys`} and settings will be deleted from this browser.
            </p>
            <button type="button" className="sl-button sl-button--danger" onClick={forget}>
              Yes, forget this site
            </button>{' '}
            <button type="button" className="sl-button" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </>
        ) : (
          <button type="button" className="sl-button sl-button--danger" onClick={() => setConfirming(true)}>
            Forget this site
          </button>
        )}
      </div>
    </section>
  );
}
