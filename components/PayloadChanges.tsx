import type { PayloadChange } from '../lib/edit/diff';
import { LongText } from './LongText';
import { CHANGE_WORD, pathText, valueWithType } from './typed-value-text';

/** A payload diff: each key path added, removed or changed, with old → new values and their types. */
export function PayloadChanges({ changes }: { changes: readonly PayloadChange[] }) {
  if (changes.length === 0) return <p className="sl-muted">The payload is unchanged.</p>;
  return (
    <ul className="sl-changes" aria-label="Payload changes">
      {changes.map((change, index) => (
        <li key={index} className={`sl-change sl-change--${change.kind}`}>
          <strong className="sl-change-kind">{CHANGE_WORD[change.kind]}</strong> <code className="sl-code">{pathText(change.path)}</code>
          {change.before && (
            <>
              {' '}
              <span className="sl-change-old">
                <LongText text={valueWithType(change.before)} limit={120} />
              </span>
            </>
          )}
          {change.before ? change.after && ' → ' : ' '}
          {change.after && (
            <span className="sl-change-new">
              <LongText text={valueWithType(change.after)} limit={120} />
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}

