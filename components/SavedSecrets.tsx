import { secretStrength, type SecretStrengthLevel } from '../lib/known-keys/strength';
import type { SavedSecret, SecretPlace } from '../lib/browser/site-settings';

/** Every saved secret looks the same: no character and no length to read over a shoulder or in a screenshot. */
const MASK = '••••••••';

const LEVEL_TEXT: Record<SecretStrengthLevel, string> = {
  known: 'Publicly known key',
  weak: 'Weak key',
  fair: 'Could be stronger',
  strong: 'Strong key',
};

const PLACE_TEXT: Record<SecretPlace, string> = {
  device: 'Kept on this device',
  memory: 'In memory until the browser closes',
};

/**
 * A site's saved secret keys, masked, told apart only by their number (as the signature badge counts them), each
 * with where it is kept, a strength note and a remove button.
 */
export function SavedSecrets({ secrets, onRemove }: { secrets: readonly SavedSecret[]; onRemove(index: number): void }) {
  if (secrets.length === 0) return <p className="sl-muted sl-saved-none">No secret keys saved for this site yet.</p>;
  return (
    <ol className="sl-saved-secrets" aria-label="Saved secret keys">
      {secrets.map(({ secret, kept }, index) => {
        const strength = secretStrength(secret);
        return (
          <li key={index} className="sl-saved-secret">
            <span className="sl-secret-number">#{index + 1}</span>{' '}
            <code className="sl-secret-mask">{MASK}</code>{' '}
            <span className={`sl-secret-place sl-secret-place--${kept}`}>{PLACE_TEXT[kept]}</span>{' '}
            <button type="button" className="sl-button sl-button--small" aria-label={`Remove secret #${index + 1}`} onClick={() => onRemove(index)}>
              Remove
            </button>
            {strength.level !== 'strong' && (
              <p className={`sl-secret-strength sl-secret-strength--${strength.level}`}>
                <strong>{LEVEL_TEXT[strength.level]}:</strong> {strength.notes.join(' ')}
              </p>
            )}
          </li>
        );
      })}
    </ol>
  );
}
