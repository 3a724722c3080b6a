import { decodeBase64 } from '../codec/base64';
import { isObject, parseJson, TOO_DEEP } from '../codec/json';
import { decodeUtf8 } from '../codec/text';
import { malformed, type Problem, type TypedValue, type Warning } from '../types';
import { isMarshal, readMarshal } from './marshal';

/** What the app's cookie jar gets out of a verified or decrypted Rails cookie. */
export interface RailsMessage {
  /** The value as the jar returns it (Marshal read without loading anything); null when unreadable. */
  payload: unknown;
  /** Marshal's classes, for display. */
  typed?: TypedValue;
  serializer: 'JSON' | 'Marshal' | 'text';
  /** `_rails.exp` in unix seconds, or null (no envelope, or written without expiry). */
  expiresAt: number | null;
  /** `_rails.pur`, e.g. `cookie.user_id`; null when absent. */
  purpose: string | null;
  /** Whether the envelope's purpose lets this cookie name read it (a value moved to another cookie does not). */
  purposeMatches: boolean;
  metadata: boolean;
  /** Why the value is not shown (JSON nested too deep, Marshal unreadable). */
  problem?: Problem;
}

/**
 * The plaintext of a Rails cookie: with `use_cookies_with_metadata` (6.0+), `{"_rails":{"message":b64(serialized),
 * "exp":ISO|null,"pur":"cookie.<name>"}}`; before that, the serialized value itself. JSON or Marshal either way.
 */
export function readRailsMessage(plain: Uint8Array, cookieName: string): RailsMessage {
  const envelope = railsEnvelope(plain);
  if (!envelope) return { ...deserialize(plain), expiresAt: null, purpose: null, purposeMatches: true, metadata: false };
  const inner = decodeBase64(envelope.message);
  const value = inner ? deserialize(inner) : { payload: envelope.message, serializer: 'text' as const };
  return {
    ...value,
    expiresAt: envelope.exp,
    purpose: envelope.pur,
    // The jar asks for purpose "cookie.<name>" and then for none, which only matches envelopes without a purpose.
    purposeMatches: envelope.pur === null || envelope.pur === `cookie.${cookieName}`,
    metadata: true,
  };
}

interface Envelope {
  message: string;
  exp: number | null;
  pur: string | null;
}

function railsEnvelope(plain: Uint8Array): Envelope | null {
  const text = decodeUtf8(plain);
  if (text === null || !text.startsWith('{"_rails":')) return null;
  const parsed = parseJson(text);
  if (!parsed.ok || !isObject(parsed.json)) return null;
  const rails = parsed.json._rails;
  if (!isObject(rails) || typeof rails.message !== 'string') return null;
  return { message: rails.message, exp: isoSeconds(rails.exp), pur: typeof rails.pur === 'string' ? rails.pur : null };
}

/** As the `:hybrid` serializer reads (and `:marshal`, `:json` their own data): Marshal 4.8 when it starts so, else JSON. */
function deserialize(bytes: Uint8Array): Pick<RailsMessage, 'payload' | 'typed' | 'serializer' | 'problem'> {
  if (isMarshal(bytes)) {
    const read = readMarshal(bytes);
    return read.ok ? { payload: read.payload, typed: read.typed, serializer: 'Marshal' } : { payload: null, serializer: 'Marshal', problem: read.problem };
  }
  const text = decodeUtf8(bytes);
  if (text === null) return { payload: null, serializer: 'text' };
  const parsed = parseJson(text);
  if (parsed.ok) return { payload: parsed.json, serializer: 'JSON' };
  return parsed.reason === TOO_DEEP ? { payload: null, serializer: 'JSON', problem: malformed(TOO_DEEP) } : { payload: text, serializer: 'text' };
}

/** `Time#iso8601(3)` as Rails writes `exp`, e.g. `2026-11-22T00:36:48.170Z`. */
function isoSeconds(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : Math.floor(ms / 1000);
}

/** What the reports say about a message's serializer and envelope. */
export function messageNotes(message: RailsMessage, cookieName: string): { facts: Record<string, string>; warnings: Warning[] } {
  const facts: Record<string, string> = { serializer: message.serializer };
  const warnings: Warning[] = [];
  if (message.purpose !== null) facts.purpose = message.purpose;
  if (!message.metadata) facts.metadata = 'none (written before Rails 6.0 or without use_cookies_with_metadata)';
  if (message.serializer === 'Marshal') {
    warnings.push({
      code: 'code-execution-serializer',
      message: 'Ruby Marshal serializer (read here without loading anything): with the secret_key_base anyone can make the server load arbitrary Ruby objects and run code.',
    });
  }
  if (!message.purposeMatches) {
    warnings.push({ code: 'other-cookie', message: `Written for ${JSON.stringify(message.purpose)}, not for "cookie.${cookieName}": Rails discards a value moved to another cookie.` });
  }
  return { facts, warnings };
}
