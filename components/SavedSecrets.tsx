import { secretStrength, type SecretStrengthLevel } from '../lib/known-keys/strength';
import { maskSecret } from './secret-mask';

const LEVEL_TEXT: Record<SecretStrengthLevel, string> = {
  known: 'Publicly known key',
  weak: 'Weak key',
  fair: 'Could be stronger',
  strong: 'Strong key',
};

/** A site's saved secret keys, masked, numbered as the signature badge counts them, each removable, each with a strength note. */
export function SavedSecrets({ secrets, onRemove }: { secrets: readonly string[]; onRemove(index: number): void }) {
  if (secrets.length === 0) return <p className="sl-muted sl-saved-none">No secret keys saved for this site yet.</p>;
  return (
    <ol className="sl-saved-secrets" aria-label="Saved secret keys">
      {secrets.map((secret, index) => {
        const strength = secretStrength(secret);
        return (
          <li key={index} className="sl-saved-secret">
            <span className="sl-secret-number">#{index + 1}</span>{' '}
            <code className="sl-secret-mask">{maskSecret(secret)}</code>{' '}
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
