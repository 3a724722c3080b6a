import { useId, useState, type Ref } from 'react';
import type { FormatId, SessionReport } from '../lib/types';
import { keyFixAdvice } from './framework-advice';
import { LongText } from './LongText';
import { SALTED_FORMATS, SecretForm } from './SecretForm';
import type { SiteSettingsControls } from './useSiteSettings';

export interface SiteSecretsProps extends SiteSettingsControls {
  /** The site (origin) the secrets belong to. */
  site: string;
  privateTab: boolean;
  /** The site's sessions, most severe first: what keys they need and which format the form speaks for. */
  sessions: readonly SessionReport[];
  /** The folding element, so a card's "Add secret key" can open it and move focus into the form. */
  detailsRef?: Ref<HTMLDetailsElement>;
}

/** The sessions a key could verify (an unsigned cookie or a bare session id has nothing to check). */
function keyedSessions(sessions: readonly SessionReport[]): SessionReport[] {
  return sessions.filter((report) => report.signature.status !== 'unsigned');
}

/**
 * The format the form speaks for (lifetime default, salt field): one signed in itsdangerous' scheme when the site has
 * one, as only those take a salt; otherwise the most severe session's.
 */
function formFormat(sessions: readonly SessionReport[]): FormatId | undefined {
  return (sessions.find((report) => SALTED_FORMATS.has(report.format)) ?? sessions[0])?.format;
}

/** The site's one secret form, for all its sessions: which key each session needs, then the form. */
export function SiteSecrets({ site, settings, savedSecrets, privateTab, sessions, onAddSecret, onRemoveSecret, onSetMaxAge, onSetSalt, detailsRef }: SiteSecretsProps) {
  const id = useId();
  const keyed = keyedSessions(sessions);
  const needsKey = keyed.some((report) => report.signature.status === 'unverified' || report.signature.status === 'invalid');
  const [open, setOpen] = useState(needsKey);
  const format = formFormat(keyed.length > 0 ? keyed : sessions);
  return (
    <section className="sl-site-secrets" aria-labelledby={`${id}-title`}>
      <details ref={detailsRef} open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
        <summary id={`${id}-title`}>Secret keys and lifetime{savedSecrets.length > 0 ? ` (${savedSecrets.length} saved)` : ''}</summary>
        {keyed.length > 0 && (
          <ul className="sl-key-needs" aria-label="Keys these sessions need">
            {keyed.map((report, index) => (
              <li key={index}>
                <span className="sl-key-need-name">
                  <LongText text={report.name} limit={60} />
                </span>{' '}
                ({report.label}): {keyFixAdvice(report.format).setting}
              </li>
            ))}
          </ul>
        )}
        <SecretForm
          site={site}
          secrets={savedSecrets}
          privateTab={privateTab}
          maxAge={settings.maxAge}
          salt={settings.salt}
          {...(format !== undefined ? { format } : {})}
          onAddSecret={onAddSecret}
          onRemoveSecret={onRemoveSecret}
          onSetMaxAge={onSetMaxAge}
          onSetSalt={onSetSalt}
        />
      </details>
    </section>
  );
}
