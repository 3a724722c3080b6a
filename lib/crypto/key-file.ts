import { isObject, parseJson } from '../codec/json';

type KeyFileSecrets = { ok: true; secrets: string[] } | { ok: false; reason: string };

const PEM_BEGIN = /^-----BEGIN ([^-\r\n]+)-----/gm;
// Line breaks inside a block are optional: a browser's one-line field drops them, and jose reads the key without.
const PEM_BLOCK = /^-----BEGIN ([^-\r\n]+)-----[\s\S]*?-----END \1-----/gm;
/** `{"`: a JSON object, never a plain secret in practice (`{secret}` still is one). */
const JSON_OBJECT_START = /^\s*\{\s*"/;

/**
 * The secrets a key file (or a pasted key) holds. A public key is many lines long, so the file's shape decides:
 * - PEM: each `-----BEGIN X-----` … `-----END X-----` block is one key; text between blocks (openssl's
 *   `subject=` lines, comments) is not a key and is ignored;
 * - JSON: a JWK is one key, a JWK Set (`{"keys": [...]}`) one key per entry, as the JSON text the JWT verifier takes;
 * - anything else is a plain list: one secret per line, taken verbatim (spaces included), blank lines skipped.
 */
export function secretsFromKeyText(text: string): KeyFileSecrets {
  const begun = Array.from(text.matchAll(PEM_BEGIN));
  if (begun.length > 0) return pemBlocks(text, begun);
  if (JSON_OBJECT_START.test(text)) return jwkSecrets(text.trim());
  return { ok: true, secrets: text.split(/\r?\n/).filter((line) => line !== '') };
}

function pemBlocks(text: string, begun: RegExpExecArray[]): KeyFileSecrets {
  const blocks = Array.from(text.matchAll(PEM_BLOCK));
  const unended = begun.find((begin) => !blocks.some((block) => block.index === begin.index));
  if (unended) return { ok: false, reason: `"-----BEGIN ${unended[1]}-----" has no matching "-----END ${unended[1]}-----"` };
  return { ok: true, secrets: blocks.map((block) => block[0]) };
}

function jwkSecrets(text: string): KeyFileSecrets {
  const parsed = parseJson(text);
  if (!parsed.ok) return { ok: false, reason: 'looks like JSON (a JWK?) but is not valid JSON' };
  const json = parsed.json as { kty?: unknown; keys?: unknown };
  if (Array.isArray(json.keys)) {
    const keys = json.keys.filter(isObject);
    if (keys.length === 0) return { ok: false, reason: 'a JWK Set with no keys' };
    return { ok: true, secrets: keys.map((key) => JSON.stringify(key)) };
  }
  if (typeof json.kty === 'string') return { ok: true, secrets: [text] };
  return { ok: false, reason: 'JSON, but neither a JWK (no "kty") nor a JWK Set (no "keys")' };
}
