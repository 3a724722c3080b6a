import { useId, useState } from 'react';
import { displaySecret } from '../lib/display/python-literal';
import type { WordlistScanState } from './useWordlistScan';
import { durationText } from '../lib/display/time';
import { VisibleText } from './VisibleText';
import { MAX_LINE_BYTES, type WordlistCounts } from '../lib/scan/wordlist';
import { FieldError } from './FieldError';

export interface WordlistScanProps {
  /** The signed session cookies a wordlist can be tried against. */
  cookieNames: string[];
  state: WordlistScanState;
  onStart(cookieName: string, file: File): void;
  onCancel(): void;
  /** Save a found secret as this site's secret key. */
  onSave(secret: string): void;
  /** Secrets already saved for the site (a found one may be among them). */
  savedSecrets: readonly string[];
}

const number = new Intl.NumberFormat('en-US');
const percent = new Intl.NumberFormat('en-US', { style: 'percent' });

/** Try a wordlist of candidate keys (plain lines or Flask-Unsign's quoted literals) against a session's signature. */
export function WordlistScan({ cookieNames, state, onStart, onCancel, onSave, savedSecrets }: WordlistScanProps) {
  const id = useId();
  const [cookieName, setCookieName] = useState(cookieNames[0] ?? '');
  const [file, setFile] = useState<File | null>(null);
  const busy = state.phase === 'scanning';
  const chosen = cookieNames.includes(cookieName) ? cookieName : (cookieNames[0] ?? '');
  if (cookieNames.length === 0) return null;
  return (
    <details className="sl-scan">
      <summary>Find the secret key with a wordlist</summary>
      <p className="sl-muted">
        Tries every line of a wordlist as the session's secret key, on all your cores, right here in the browser. Plain lines and the quoted Python strings of lists such as
        Flask-Unsign's are both read.
      </p>
      <form
        className="sl-scan-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (file && chosen) onStart(chosen, file);
        }}
      >
        <label htmlFor={`${id}-cookie`}>Session cookie</label>
        <select id={`${id}-cookie`} className="sl-input" value={chosen} disabled={busy} onChange={(event) => setCookieName(event.target.value)}>
          {cookieNames.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-file`}>Wordlist file</label>
        <input id={`${id}-file`} type="file" accept=".txt,.lst,.list,text/plain" disabled={busy} onChange={(event) => setFile(event.target.files?.[0] ?? null)} />
        <div className="sl-input-row">
          <button type="submit" className="sl-button sl-button--primary" disabled={busy || !file}>
            Scan
          </button>
          {busy && (
            <button type="button" className="sl-button" onClick={onCancel}>
              Cancel
            </button>
          )}
        </div>
      </form>
      <ScanStatus state={state} onSave={onSave} savedSecrets={savedSecrets} />
    </details>
  );
}

function ScanStatus({ state, onSave, savedSecrets }: { state: WordlistScanState; onSave(secret: string): void; savedSecrets: readonly string[] }) {
  switch (state.phase) {
    case 'idle':
      return null;
    case 'scanning': {
      const progress = state.progress;
      return (
        <div role="status" className="sl-scan-progress">
          <progress max={1} value={progress?.fraction ?? 0} aria-label="Scan progress" />
          <p>
            {progress ? `${number.format(progress.attempts)} tried · ${percent.format(progress.fraction)} of ${state.fileName}` : `Reading ${state.fileName}…`}
            {progress && progress.rate > 0 ? ` · ${number.format(Math.round(progress.rate))} attempts/s` : ''}
            {progress?.remainingSeconds != null ? ` · about ${durationText(Math.ceil(progress.remainingSeconds))} left` : ''}
          </p>
        </div>
      );
    }
    case 'error':
      return <FieldError message={state.message} />;
    case 'done': {
      const { result } = state;
      const summary = `${number.format(result.attempts)} attempts in ${result.seconds.toFixed(2)} s (${number.format(Math.round(result.attempts / Math.max(result.seconds, 1e-3)))} attempts/s on ${state.threads} worker${state.threads === 1 ? '' : 's'})`;
      if (result.cancelled) return <p role="status">Cancelled after {summary}.</p>;
      if (!result.found || result.secret === undefined) return <p role="status">{notFound(state.fileName, state.counts)} {summary}.</p>;
      const secret = result.secret;
      const text = displaySecret(secret);
      return (
        <div role="status" className="sl-scan-found">
          <p>
            <strong>Found the secret key of {state.cookieName}:</strong> <code><VisibleText text={text} /></code>
          </p>
          <p className="sl-muted">{summary}.</p>
          {typeof secret !== 'string' ? (
            <p className="sl-muted">It is raw bytes, which Session Lens cannot save as a site secret.</p>
          ) : savedSecrets.includes(secret) ? (
            <p className="sl-muted">Already saved for this site.</p>
          ) : (
            <button type="button" className="sl-button sl-button--primary" onClick={() => onSave(secret)}>
              Save as this site's secret key
            </button>
          )}
        </div>
      );
    }
  }
}

/** What a scan that found nothing went through: never a bare "not found". */
function notFound(fileName: string, { entries, skippedLines }: WordlistCounts): string {
  const skipped = skippedLines > 0 ? ` (${number.format(skippedLines)} line${skippedLines === 1 ? '' : 's'} over ${number.format(MAX_LINE_BYTES)} bytes skipped)` : '';
  return `None of the ${number.format(entries)} entr${entries === 1 ? 'y' : 'ies'} in ${fileName} is the secret key${skipped}.`;
}
