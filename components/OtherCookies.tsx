import { useId, useState } from 'react';
import type { CookieInput, SessionReport } from '../lib/types';
import { CookieFlags } from './CookieFlags';
import { LongText } from './LongText';
import { RawValueEditor } from './RawValueEditor';
import type { WriteCookies } from './SessionEditor';

export interface OtherCookie {
  report: SessionReport;
  cookie: CookieInput | undefined;
}

export interface OtherCookiesProps {
  entries: readonly OtherCookie[];
  /** The tab's URL, for judging flags. */
  pageUrl: string;
  /** Start expanded (when there are no session cookies to look at first). */
  defaultOpen?: boolean;
  /** Writes a cookie back (raw edit); absent where the page cannot write. */
  onWriteCookies?: WriteCookies;
}

function matches(entry: OtherCookie, query: string): boolean {
  if (query === '') return true;
  const needle = query.toLowerCase();
  return [entry.report.name, entry.cookie?.value ?? '', entry.report.format === 'unknown' ? '' : entry.report.label].some((text) => text.toLowerCase().includes(needle));
}

/** The cookies that are not sessions: a collapsed list, searchable by name or value, each with its flags. */
export function OtherCookies({ entries, pageUrl, defaultOpen = false, onWriteCookies }: OtherCookiesProps) {
  const id = useId();
  const [editing, setEditing] = useState<CookieInput | null>(null);
  const [open, setOpen] = useState(defaultOpen);
  const [query, setQuery] = useState('');
  const shown = entries.filter((entry) => matches(entry, query));

  return (
    <section className="sl-others" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="sl-others-title">
        <button type="button" className="sl-toggle sl-toggle--heading" aria-expanded={open} aria-controls={`${id}-list`} onClick={() => setOpen(!open)}>
          <span className="sl-caret" aria-hidden="true">
            {open ? '▾' : '▸'}
          </span>
          Other cookies ({entries.length})
        </button>
      </h2>
      {open && (
        <div id={`${id}-list`} className="sl-others-body">
          {entries.length > 0 && (
            <div className="sl-search">
              <label htmlFor={`${id}-search`}>Search other cookies</label>
              <input id={`${id}-search`} className="sl-input" type="search" autoComplete="off" spellCheck={false} value={query} onChange={(event) => setQuery(event.target.value)} />
              <span className="sl-muted" role="status">
                {query === '' ? '' : `${shown.length} of ${entries.length} shown`}
              </span>
            </div>
          )}
          {entries.length === 0 ? (
            <p className="sl-muted">No other cookies on this page.</p>
          ) : shown.length === 0 ? (
            <p className="sl-muted">No cookie name or value contains “{query}”.</p>
          ) : (
            <ul className="sl-other-list">
              {shown.map((entry) => {
                const index = entries.indexOf(entry);
                return (
                  <li key={index} className="sl-other">
                    <div className="sl-other-head">
                      <span className="sl-other-name">
                        <LongText text={entry.report.name} limit={80} />
                      </span>
                      {entry.report.format !== 'unknown' && <span className="sl-format">{entry.report.label}</span>}
                    </div>
                    <code className="sl-other-value">{entry.cookie ? <LongText text={entry.cookie.value} limit={120} /> : null}</code>
                    {entry.cookie && <CookieFlags cookie={entry.cookie} pageUrl={pageUrl} isSession={false} />}
                    {onWriteCookies && entry.cookie && (
                      editing === entry.cookie ? (
                        <RawValueEditor cookie={entry.cookie} onWrite={onWriteCookies} onClose={() => setEditing(null)} />
                      ) : (
                        <button type="button" className="sl-button sl-button--small" aria-label={`Edit the value of ${entry.report.name.slice(0, 80)}`} onClick={() => setEditing(entry.cookie ?? null)}>
                          Edit value
                        </button>
                      )
                    )}
                  </li>
                );
              })}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
