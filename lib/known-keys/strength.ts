import { encodeUtf8 } from '../codec/text';
import { knownSecrets } from './list';

export type SecretStrengthLevel = 'known' | 'weak' | 'fair' | 'strong';

interface SecretStrength {
  level: SecretStrengthLevel;
  /** Plain notes for the person who entered the key, most serious first. */
  notes: string[];
}

/** Words that mark a key somebody meant to replace. */
const PLACEHOLDER = /change|replace|your|example|sample|dummy|placeholder|todo|fixme|xxx|secret|default|insecure|test|dev/i;

/** 32 random bytes: what the frameworks' own key generators produce. */
const STRONG_BYTES = 32;

/**
 * How safe a secret key the user entered looks. Judges only what can be seen in the text:
 * a publicly known key, its length, an obvious placeholder, a tiny alphabet.
 */
export function secretStrength(secret: string): SecretStrength {
  const notes: string[] = [];
  const known = knownSecrets().find((entry) => entry.secret === secret);
  if (known) notes.push(`This key is publicly known (${known.source}): anyone can forge sessions signed with it.`);
  const bytes = encodeUtf8(secret).length;
  // Notes give no exact length or count: they are shown beside the masked key, which must not reveal its length.
  if (bytes < 16) notes.push(`Shorter than 16 bytes: a key should be at least ${STRONG_BYTES} random bytes.`);
  else if (bytes < STRONG_BYTES) notes.push(`Shorter than ${STRONG_BYTES} bytes: ${STRONG_BYTES} random bytes or more is the usual advice.`);
  if (PLACEHOLDER.test(secret)) notes.push('Looks like a placeholder or a made-up phrase rather than random bytes.');
  const distinct = new Set(secret).size;
  if (secret.length >= 8 && distinct < Math.min(10, secret.length / 2)) notes.push('Uses only a few different characters.');
  const level: SecretStrengthLevel = known ? 'known' : notes.length === 0 ? 'strong' : bytes < 16 || PLACEHOLDER.test(secret) ? 'weak' : 'fair';
  return { level, notes };
}
