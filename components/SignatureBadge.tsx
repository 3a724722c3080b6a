import type { SignatureReport } from '../lib/types';

/** What the badge says and how it looks, in words first (colour only repeats it). */
function signatureVerdict(signature: SignatureReport): { tone: 'good' | 'bad' | 'danger' | 'unknown' | 'neutral'; icon: string; text: string } {
  switch (signature.status) {
    case 'valid':
      if (signature.knownSecret !== undefined) return { tone: 'danger', icon: '⚠', text: 'Valid — publicly known key' };
      return { tone: 'good', icon: '✓', text: signature.secretIndex !== undefined ? `Valid — secret #${signature.secretIndex + 1}` : 'Valid signature' };
    case 'invalid':
      if (signature.attack !== undefined) return { tone: 'danger', icon: '⚠', text: 'Forged — public key as HMAC secret' };
      return { tone: 'bad', icon: '✗', text: 'Invalid signature' };
    case 'unverified':
      return { tone: 'unknown', icon: '?', text: 'Not verified — add the secret' };
    case 'unsigned':
      return { tone: 'neutral', icon: '–', text: 'Unsigned' };
  }
}

/** The signature verdict as a coloured label with an icon and words; `detail` is its tooltip. */
export function SignatureBadge({ signature }: { signature: SignatureReport }) {
  const verdict = signatureVerdict(signature);
  return (
    <span className={`sl-badge sl-badge--${verdict.tone}`} data-status={signature.status} title={signature.detail}>
      <span className="sl-badge-icon" aria-hidden="true">
        {verdict.icon}
      </span>
      <span className="sl-badge-text">{verdict.text}</span>
    </span>
  );
}
