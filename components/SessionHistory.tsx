import { useId, useState } from 'react';
import { localTime, relativeTime } from '../lib/display/time';
import type { HistoryEvent } from '../lib/history/events';
import { exportedEvents, historyJson } from '../lib/history/export';
import { setCookieFor, type SetCookieResponse } from '../lib/history/requests';
import { byCookie, expiryChange, historyMarkdown, KIND_TEXT, requestText, setCookieAttributesText, verdictText } from './history-text';
import { LongText } from './LongText';
import { PayloadChanges } from './PayloadChanges';
import { saveTextFile } from './save-file';

export interface SessionHistoryProps {
  /** The site (origin) the events are of. */
  site: string;
  /** The tab's events on the site, newest first. */
  events: readonly HistoryEvent[];
  /** Unix seconds, for "2 min ago". */
  now: number;
  /** The response whose Set-Cookie made the change, or null. */
  responseOf(event: HistoryEvent): SetCookieResponse | null;
  recordInBackground: boolean;
  onSetRecordInBackground(on: boolean): void;
}

type ExportFormat = 'markdown' | 'json';

/**
 * What happened to the tab's session cookies while Session Lens watched: grouped by cookie, newest first, each change
 * with its payload diff, its verdict and expiry before and after, and the request that made it. Copy or save it,
 * raw values redacted unless asked.
 */
export function SessionHistory({ site, events, now, responseOf, recordInBackground, onSetRecordInBackground }: SessionHistoryProps) {
  const title = useId();
  const [format, setFormat] = useState<ExportFormat>('markdown');
  const [includeRaw, setIncludeRaw] = useState(false);
  const [status, setStatus] = useState('');
  const exportText = () => {
    const exported = exportedEvents(events, responseOf, includeRaw);
    return format === 'json' ? historyJson(site, exported, Date.now(), !includeRaw) : historyMarkdown(site, exported, !includeRaw);
  };
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(exportText());
      setStatus(`Copied the history as ${format === 'json' ? 'JSON' : 'Markdown'}.`);
    } catch {
      setStatus('The browser did not let Session Lens copy here: use Save instead.');
    }
  };
  const save = () => {
    const fileName = `session-history-${new URL(site).host.replace(/[^\w.-]/g, '_')}.${format === 'json' ? 'json' : 'md'}`;
    saveTextFile(fileName, exportText(), format === 'json' ? 'application/json' : 'text/markdown');
    setStatus('Saved the history.');
  };
  return (
    <section className="sl-history" aria-labelledby={title}>
      <h2 id={title} className="sl-section-title">
        History
      </h2>
      <label className="sl-check">
        <input type="checkbox" checked={recordInBackground} onChange={(event) => onSetRecordInBackground(event.target.checked)} /> Record in the background on this site
      </label>
      <p className="sl-muted">
        {recordInBackground ? 'Changes are recorded even while Session Lens is closed.' : 'Changes are recorded while Session Lens is open on this tab.'} Kept until the browser
        closes, never sent anywhere.
      </p>
      {events.length === 0 ? (
        <p className="sl-muted">No changes to the session cookies yet.</p>
      ) : (
        <>
          {byCookie(events).map(([cookie, entries]) => (
            <section key={cookie} className="sl-history-cookie" aria-label={`History of ${cookie}`}>
              <h3 className="sl-history-cookie-name">
                <LongText text={cookie} limit={80} /> <span className="sl-muted">({entries[0]!.label})</span>
              </h3>
              <ol className="sl-history-list">
                {entries.map((event) => (
                  <HistoryEntry key={event.id} event={event} now={now} response={responseOf(event)} />
                ))}
              </ol>
            </section>
          ))}
          <div className="sl-input-row sl-history-export">
            <select aria-label="Export format" value={format} onChange={(event) => setFormat(event.target.value as ExportFormat)}>
              <option value="markdown">Markdown</option>
              <option value="json">JSON</option>
            </select>
            <button type="button" className="sl-button" onClick={() => void copy()}>
              Copy
            </button>
            <button type="button" className="sl-button" onClick={save}>
              Save
            </button>
            <label className="sl-check">
              <input type="checkbox" checked={includeRaw} onChange={(event) => setIncludeRaw(event.target.checked)} /> Include raw values and signatures
            </label>
          </div>
          <p className="sl-muted" role="status">
            {status}
          </p>
        </>
      )}
    </section>
  );
}

function HistoryEntry({ event, now, response }: { event: HistoryEvent; now: number; response: SetCookieResponse | null }) {
  const seconds = Math.floor(event.at / 1000);
  const expiry = expiryChange(event);
  const setCookie = response && setCookieFor(event, response);
  return (
    <li className={`sl-history-entry sl-history-entry--${event.kind}`} data-kind={event.kind}>
      <p className="sl-history-what">
        <strong>{KIND_TEXT[event.kind]}</strong>{' '}
        <time dateTime={new Date(event.at).toISOString()} title={localTime(seconds)}>
          {relativeTime(seconds, now)}
        </time>
        {event.bySessionLens && <span className="sl-history-own"> · written by Session Lens</span>}
      </p>
      {response && setCookie ? (
        <>
          <p className="sl-history-request">
            by <LongText text={requestText(response)} limit={160} />
          </p>
          <p className="sl-history-set-cookie sl-muted">
            Set-Cookie: <LongText text={setCookieAttributesText(setCookie.cookie, !event.after)} limit={300} />
          </p>
        </>
      ) : (
        !event.bySessionLens && <p className="sl-muted">No response seen setting it: a script changed it, or the browser did before this tab was recorded.</p>
      )}
      {event.kind === 're-signed' ? <p className="sl-muted">Same payload, new signature or time.</p> : <PayloadChanges changes={event.changes} />}
      <p className="sl-history-verdict">Signature: {verdictText(event)}</p>
      {expiry && <p className="sl-history-expiry">Expiry: {expiry}</p>}
    </li>
  );
}
