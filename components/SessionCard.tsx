import { useId, useState } from 'react';
import type { SavedSecret } from '../lib/browser/site-settings';
import type { CookieInput, SessionReport } from '../lib/types';
import { CookieFlags } from './CookieFlags';
import { KnownSecretAlert } from './KnownSecretAlert';
import { LongText } from './LongText';
import { PublicKeyForgeryAlert } from './PublicKeyForgeryAlert';
import { RawValue } from './RawValue';
import { RawValueEditor } from './RawValueEditor';
import type { WriteCookies } from './SessionEditor';
import { canRewrite } from '../lib/edit/writable';
import { LazySessionEditor, OnDemand } from './on-demand';
import { cardWarnings, readableError } from './report-text';
import { keyFixAdvice } from './framework-advice';
import { SessionTimes } from './SessionTimes';
import { SignatureBadge } from './SignatureBadge';
import { localTime, relativeTime } from '../lib/display/time';
import { ValueTree } from './ValueTree';

export interface SessionCardProps {
  report: SessionReport;
  /** The raw cookie the report was made from (flags, raw value); undefined when not known. */
  cookie: CookieInput | undefined;
  /** The tab's URL, for judging the cookie's flags. */
  pageUrl: string;
  /** The site's secrets (`settings.secrets`) with where each is kept (the editor signs with them). */
  savedSecrets: readonly SavedSecret[];
  /** Unix seconds, for "3 min ago". */
  now: number;
  /** Opens the site's one secret form and moves focus there; absent where the page has none. */
  onAskForSecret?(): void;
  /** Every cookie of the tab (the session's companions and chunks). */
  jar: readonly CookieInput[];
  /** Writes cookies back through the browser; absent where the page cannot write (then there is no Edit). */
  onWriteCookies?: WriteCookies;
}

/** Everything about one session cookie, loudest first: forgeable key, expiry, errors, then contents and details. */
export function SessionCard({ report, cookie, pageUrl, savedSecrets, now, onAskForSecret, jar, onWriteCookies }: SessionCardProps) {
  const id = useId();
  const [editing, setEditing] = useState<'session' | 'raw' | null>(null);
  const status = report.signature.status;
  const warnings = cardWarnings(report);
  const facts = Object.entries(report.facts);
  const forgeable = report.signature.knownSecret !== undefined || report.signature.attack !== undefined;

  return (
    <article className={`sl-card${forgeable ? ' sl-card--danger' : report.expired ? ' sl-card--expired' : ''}`} aria-labelledby={`${id}-name`}>
      <header className="sl-card-head">
        <h3 id={`${id}-name`} className="sl-card-name">
          <LongText text={report.name} limit={80} />
        </h3>
        <span className="sl-format">{report.label}</span>
        <SignatureBadge signature={report.signature} />
      </header>

      {report.signature.knownSecret !== undefined && <KnownSecretAlert knownSecret={report.signature.knownSecret} format={report.format} />}
      {report.signature.attack === 'jwt-algorithm-confusion' && <PublicKeyForgeryAlert secretIndex={report.signature.secretIndex} />}

      {report.expired === true && report.expiresAt !== null && (
        <p className="sl-expired">
          <strong className="sl-expired-word">Expired</strong> — the server stopped accepting this session {relativeTime(report.expiresAt, now)} ({localTime(report.expiresAt)}).
        </p>
      )}

      {report.problem !== undefined && (
        <p className="sl-error" role="note">
          <LongText text={readableError(report)} limit={500} />
        </p>
      )}

      {report.signature.detail !== undefined && (
        <p className="sl-signature-detail">
          <LongText text={report.signature.detail} limit={300} />
        </p>
      )}

      {(status === 'unverified' || status === 'invalid') && (
        <p className="sl-key-need">
          The signature is checked with {keyFixAdvice(report.format).setting}.{' '}
          {onAskForSecret && (
            <button type="button" className="sl-link-button" aria-label={`Add secret key for ${report.name.slice(0, 80)}`} onClick={onAskForSecret}>
              Add secret key
            </button>
          )}
        </p>
      )}

      <SessionTimes report={report} now={now} />

      <section className="sl-card-section" aria-labelledby={`${id}-contents`}>
        <h4 id={`${id}-contents`}>Contents</h4>
        {report.typed ? <ValueTree value={report.typed} format={report.format} label={`Contents of ${report.name.slice(0, 80)}`} /> : <p className="sl-muted">Nothing decoded to show.</p>}
        {onWriteCookies && cookie && canRewrite(report.format) && report.problem === undefined && (
          editing === 'session' ? (
            <OnDemand what="the session editor" announce>
              <LazySessionEditor report={report} cookie={cookie} jar={jar} savedSecrets={savedSecrets} onWrite={onWriteCookies} onClose={() => setEditing(null)} />
            </OnDemand>
          ) : (
            <button type="button" className="sl-button" aria-label={`Edit session ${report.name.slice(0, 80)}`} onClick={() => setEditing('session')}>
              Edit session
            </button>
          )
        )}
      </section>

      {warnings.length > 0 && (
        <section className="sl-card-section" aria-labelledby={`${id}-warnings`}>
          <h4 id={`${id}-warnings`}>Warnings</h4>
          <ul className="sl-warnings">
            {warnings.map((warning, index) => (
              <li key={index} className="sl-level--warn">
                <strong className="sl-level-word">Warning:</strong> <LongText text={warning} limit={500} />
              </li>
            ))}
          </ul>
        </section>
      )}

      {facts.length > 0 && (
        <section className="sl-card-section" aria-labelledby={`${id}-facts`}>
          <h4 id={`${id}-facts`}>Facts</h4>
          <dl className="sl-facts">
            {facts.map(([key, value]) => (
              <div key={key} className="sl-fact">
                <dt>
                  <LongText text={key} limit={80} />
                </dt>
                <dd>
                  <LongText text={value} limit={300} />
                </dd>
              </div>
            ))}
          </dl>
        </section>
      )}

      <section className="sl-card-section" aria-labelledby={`${id}-cookie`}>
        <h4 id={`${id}-cookie`}>Cookie</h4>
        {cookie ? <CookieFlags cookie={cookie} pageUrl={pageUrl} isSession={report.isSession} /> : null}
        <RawValue value={cookie?.value ?? ''} />
        {onWriteCookies && cookie && (
          editing === 'raw' ? (
            <RawValueEditor cookie={cookie} onWrite={onWriteCookies} onClose={() => setEditing(null)} />
          ) : (
            <button type="button" className="sl-button sl-button--small" aria-label={`Edit raw value of ${report.name.slice(0, 80)}`} onClick={() => setEditing('raw')}>
              Edit raw value
            </button>
          )
        )}
      </section>
    </article>
  );
}
