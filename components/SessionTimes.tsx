import type { SessionReport } from '../lib/types';
import { inDateRange, isoTime, localTime, outOfRangeText, relativeTime } from '../lib/display/time';

/** An instant as local clock time plus how long ago (or until) it is. */
function Moment({ seconds, now }: { seconds: number; now: number }) {
  if (!inDateRange(seconds)) return <>{outOfRangeText(seconds)}</>;
  return (
    <>
      <time dateTime={isoTime(seconds)}>{localTime(seconds)}</time> <span className="sl-relative">({relativeTime(seconds, now)})</span>
    </>
  );
}

/** When the session was issued, when the server stops accepting it, and when the browser deletes the cookie. */
export function SessionTimes({ report, now }: { report: SessionReport; now: number }) {
  return (
    <dl className="sl-times">
      <div className="sl-time sl-time--issued">
        <dt>Issued</dt>
        <dd>{report.issuedAt !== null ? <Moment seconds={report.issuedAt} now={now} /> : <span className="sl-muted">Not recorded in the cookie</span>}</dd>
      </div>
      <div className={report.expired ? 'sl-time sl-time--expired' : 'sl-time'}>
        <dt>Server-side expiry</dt>
        <dd>
          {report.expiresAt !== null ? (
            <Moment seconds={report.expiresAt} now={now} />
          ) : report.issuedAt !== null ? (
            <span className="sl-muted">Unknown: set the session lifetime below</span>
          ) : (
            <span className="sl-muted">Not recorded in the cookie</span>
          )}
        </dd>
      </div>
      <div className="sl-time">
        <dt>Browser cookie expiry</dt>
        <dd>{report.cookieExpiresAt !== null ? <Moment seconds={report.cookieExpiresAt} now={now} /> : 'Ends with the browser session'}</dd>
      </div>
    </dl>
  );
}
