import { useId, useState } from 'react';
import type { CookieInput } from '../lib/types';
import { FieldError } from './FieldError';
import type { WriteCookies } from './SessionEditor';
import { WriteNote } from './WriteNote';

export interface RawValueEditorProps {
  cookie: CookieInput;
  onWrite: WriteCookies;
  onClose(): void;
}

/**
 * Why the browser would refuse this value, or null: RFC 6265 cookie values have no control characters and no `;`
 * (the browser would cut the cookie there); everything else is the site's business.
 */
export function rawValueProblem(value: string): string | null {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) return 'A cookie value cannot hold control characters (line breaks, tabs): the browser refuses it.';
  if (value.includes(';')) return 'A cookie value cannot hold ";": the browser would end the cookie there.';
  return null;
}

/** Edit a cookie's value as text, as cookie editors do, and write it back with its attributes kept. */
export function RawValueEditor({ cookie, onWrite, onClose }: RawValueEditorProps) {
  const id = useId();
  const [value, setValue] = useState(cookie.value);
  const [reload, setReload] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const problem = rawValueProblem(value);

  async function write() {
    setBusy(true);
    const answer = await onWrite({ label: `Raw edit of ${cookie.name}`, originals: [cookie], cookies: [{ name: cookie.name, value }], remove: [], reload });
    setBusy(false);
    if (answer.ok) onClose();
    else setFailed('message' in answer ? answer.message : 'The browser refused the cookie.');
  }

  return (
    <div className="sl-raw-editor">
      <label htmlFor={`${id}-value`}>New value of {cookie.name.slice(0, 80)}</label>
      <textarea
        id={`${id}-value`}
        className="sl-input sl-raw-editor-value"
        spellCheck={false}
        autoComplete="off"
        rows={3}
        value={value}
        aria-invalid={problem !== null}
        aria-describedby={problem ? `${id}-problem` : undefined}
        onChange={(event) => setValue(event.currentTarget.value)}
      />
      <FieldError id={`${id}-problem`} message={problem} />
      <WriteNote />
      <div className="sl-editor-actions">
        <label className="sl-check">
          <input type="checkbox" checked={reload} onChange={(event) => setReload(event.currentTarget.checked)} /> Reload the tab after writing
        </label>
        <button type="button" className="sl-button sl-button--primary" disabled={problem !== null || value === cookie.value || busy} onClick={() => void write()}>
          Write value
        </button>
        <button type="button" className="sl-button" onClick={onClose}>
          Cancel
        </button>
      </div>
      <FieldError message={failed === null ? null : `Not written: ${failed}`} />
    </div>
  );
}
