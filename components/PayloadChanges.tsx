import type { PayloadChange } from '../lib/edit/diff';
import { LongText } from './LongText';
import { valueWithType } from './typed-value-text';

const KIND_WORD: Record<PayloadChange['kind'], string> = { added: 'Added', removed: 'Removed', changed: 'Changed' };

/** A payload diff: each key path added, removed or changed, with old → new values and their types. */
export function PayloadChanges({ changes }: { changes: readonly PayloadChange[] }) {
  if (changes.length === 0) return <p className="sl-muted">The payload is unchanged.</p>;
  return (
    <ul className="sl-changes" aria-label="Payload changes">
      {changes.map((change, index) => (
        <li key={index} className={`sl-change sl-change--${change.kind}`}>
          <strong className="sl-change-kind">{KIND_WORD[change.kind]}</strong> <code className="sl-code">{pathText(change.path)}</code>
          {change.before && (
            <>
              {' '}
              <span className="sl-change-old">
                <LongText text={valueWithType(change.before)} limit={120} />
              </span>
            </>
          )}
          {change.before && change.after && ' → '}
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

function pathText(path: readonly (string | number)[]): string {
  if (path.length === 0) return '(whole value)';
  return path.map((step, index) => (typeof step === 'number' ? `[${step}]` : index === 0 ? step : `.${step}`)).join('');
}
