import { useState } from 'react';
import { LongText } from './LongText';

type CopyState = 'idle' | 'copied' | 'failed';

/** The cookie's value exactly as the browser holds it, with a copy button. */
export function RawValue({ value, label = 'Raw value' }: { value: string; label?: string }) {
  const [state, setState] = useState<CopyState>('idle');

  async function copy() {
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(value);
      setState('copied');
    } catch {
      setState('failed');
    }
  }

  return (
    <div className="sl-raw">
      <div className="sl-raw-head">
        <span className="sl-raw-label">{label}</span>
        <button type="button" className="sl-button sl-button--small" onClick={() => void copy()}>
          Copy raw value
        </button>
        <span className="sl-copy-status" role="status">
          {state === 'copied' ? 'Copied to the clipboard.' : state === 'failed' ? 'Could not copy automatically: select the value and press Ctrl+C (⌘C on a Mac).' : ''}
        </span>
      </div>
      <code className="sl-raw-value">{value === '' ? <span className="sl-muted">(empty)</span> : <LongText text={value} limit={300} />}</code>
    </div>
  );
}
