import type { FormatId } from '../lib/types';
import { keyFixAdvice } from './framework-advice';
import { VisibleText } from './VisibleText';

/** The loudest thing a card can say: the session is signed with a key anyone can look up. */
export function KnownSecretAlert({ knownSecret, format }: { knownSecret: string; format: FormatId }) {
  const advice = keyFixAdvice(format);
  return (
    <div className="sl-known-key" role="alert">
      <p className="sl-known-key-title">
        <span aria-hidden="true">⚠ </span>
        Signed with a publicly known key <code className="sl-code"><VisibleText text={knownSecret} /></code>: anyone can forge this session.
      </p>
      <p className="sl-known-key-fix">
        Fix: generate a random key of 32+ bytes (<code className="sl-code">{advice.command}</code>), set it as {advice.setting} and redeploy; existing sessions will be logged out.
      </p>
    </div>
  );
}
