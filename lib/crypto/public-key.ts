import { exportJWK, exportSPKI, importJWK, importSPKI, importX509, type JWK } from 'jose';
import { decodeBase64, decodeBase64Url, encodeBase64 } from '../codec/base64';
import { isObject, parseJson, type JsonObject } from '../codec/json';
import { concatBytes, encodeUtf8 } from '../codec/text';
import type { Secret } from '../types';
import { checkSecret, type HmacCheck, type HmacMatch } from './hmac-check';

/** The PEM blocks that hold a public key: SPKI, PKCS#1 RSA and X.509 certificates. */
type PublicPemLabel = 'PUBLIC KEY' | 'RSA PUBLIC KEY' | 'CERTIFICATE';
const PUBLIC_PEM_LABELS: ReadonlySet<string> = new Set<PublicPemLabel>(['PUBLIC KEY', 'RSA PUBLIC KEY', 'CERTIFICATE']);

/** Whitespace may be missing entirely: a one-line input field drops the line breaks of a pasted PEM. */
const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\s]*)-----END \1-----/g;

/** A certificate chain is a handful of blocks; more is no key anyone pastes. */
const MAX_PEM_BLOCKS = 16;

interface PemBlock {
  label: PublicPemLabel;
  der: Uint8Array;
}

/** Public key material a user can save as a site's key: PEM blocks, or the asymmetric keys of a JWK / JWK Set. */
type PublicKeyText = { kind: 'pem'; blocks: PemBlock[] } | { kind: 'jwk'; keys: JsonObject[] };

/** The public key material in a secret, or null when the secret is anything else (a symmetric key). */
export function readPublicKeyText(secret: Secret): PublicKeyText | null {
  if (typeof secret !== 'string') return null;
  const text = secret.trim();
  if (text.startsWith('-----BEGIN ')) {
    const blocks = readPemBlocks(text);
    return blocks ? { kind: 'pem', blocks } : null;
  }
  const json = readJsonObject(text);
  if (!json) return null;
  const keys = Array.isArray(json.keys) ? json.keys.filter(isAsymmetricJwk) : isAsymmetricJwk(json) ? [json] : [];
  return keys.length > 0 ? { kind: 'jwk', keys } : null;
}

/**
 * What an HMAC check may use of a secret: the secret itself; an `oct` JWK's key bytes (`k`), as a symmetric JWK is
 * nothing but the HMAC key written in JSON; null for public key material, which no app signs its sessions with:
 * a token whose HMAC it verifies was forged with it (see `findPublicKeyForgery`).
 */
export function hmacSecret(secret: Secret): Secret | null {
  if (readPublicKeyText(secret)) return null;
  const json = typeof secret === 'string' ? readJsonObject(secret.trim()) : null;
  if (json?.kty !== 'oct' || typeof json.k !== 'string') return secret;
  return decodeBase64Url(json.k) ?? secret;
}

/**
 * The first public key among the secrets that is the HMAC secret of a check marked `publicKeyAttack`: the token
 * was forged with that public key's text (JWT algorithm confusion). The attacker signs with the bytes a server
 * holds, which may be another form of the same key than the one saved here, so every usual form is tried.
 */
export async function findPublicKeyForgery(checks: readonly HmacCheck[], secrets: readonly Secret[]): Promise<HmacMatch | null> {
  const attackable = checks.filter((check) => check.publicKeyAttack !== undefined);
  if (attackable.length === 0) return null;
  for (let secretIndex = 0; secretIndex < secrets.length; secretIndex++) {
    const secret = secrets[secretIndex]!;
    const material = readPublicKeyText(secret);
    if (!material || typeof secret !== 'string') continue;
    for (const candidate of await publicKeyHmacSecretsOnce(secret, material)) {
      const check = attackable.find((attackableCheck) => checkSecret(attackableCheck, candidate));
      if (check) return { secretIndex, check };
    }
  }
  return null;
}

/**
 * The extension decodes a tab's cookies again on every cookie change; a key's forms (about a millisecond of jose
 * imports and exports) do not depend on the cookie, so recent ones are kept.
 */
const keyForms = new Map<string, Promise<Uint8Array[]>>();
const KEY_FORMS_KEPT = 64;

function publicKeyHmacSecretsOnce(text: string, material: PublicKeyText): Promise<Uint8Array[]> {
  const kept = keyForms.get(text);
  if (kept) return kept;
  if (keyForms.size >= KEY_FORMS_KEPT) keyForms.delete(keyForms.keys().next().value!);
  const forms = publicKeyHmacSecrets(text, material);
  keyForms.set(text, forms);
  return forms;
}

/**
 * The byte strings a server holding this key may have used as an HMAC secret: the saved text and, for each key in
 * it, its SPKI PEM, its PKCS#1 PEM (RSA) and its certificate's PEM, each with LF or CRLF line ends and with or
 * without the final newline (PEM files end with one; `$(cat key.pem)` drops it).
 */
async function publicKeyHmacSecrets(text: string, material: PublicKeyText): Promise<Uint8Array[]> {
  const texts = new Set(lineEndVariants(text.trim()));
  texts.add(text);
  const blocks = material.kind === 'pem' ? [...material.blocks] : [];
  for (const key of await importKeys(material)) blocks.push(...(await pemBlocksOf(key)));
  for (const block of blocks) for (const variant of lineEndVariants(pemText(block))) texts.add(variant);
  return [...texts].map(encodeUtf8);
}

function lineEndVariants(text: string): string[] {
  const lf = text.replace(/\r\n/g, '\n');
  const crlf = lf.replace(/\n/g, '\r\n');
  return [lf, `${lf}\n`, crlf, `${crlf}\r\n`];
}

/** PEM as OpenSSL, Node and jose write it: 64 base64 characters a line. */
export function pemText({ label, der }: PemBlock): string {
  const lines = encodeBase64(der).match(/.{1,64}/g) ?? [];
  return [`-----BEGIN ${label}-----`, ...lines, `-----END ${label}-----`].join('\n');
}

/** The signature algorithms a public key may be for: jose imports a key only for an algorithm that fits it. */
const KEY_ALGS = ['RS256', 'PS256', 'ES256', 'ES384', 'ES512', 'EdDSA'];

async function importKeys(material: PublicKeyText): Promise<CryptoKey[]> {
  const keys = await Promise.all(
    material.kind === 'jwk'
      ? material.keys.map((jwk) => firstImport((alg) => importJWK(publicJwk(jwk), alg, { extractable: true }) as Promise<CryptoKey>))
      : material.blocks.map((block) =>
          firstImport((alg) => (block.label === 'CERTIFICATE' ? importX509(pemText(block), alg, { extractable: true }) : importSPKI(pemText(spkiBlock(block)), alg, { extractable: true }))),
        ),
  );
  return keys.filter((key): key is CryptoKey => key !== null);
}

async function firstImport(importFor: (alg: string) => Promise<CryptoKey>): Promise<CryptoKey | null> {
  for (const alg of KEY_ALGS) {
    try {
      return await importFor(alg);
    } catch {
      // Not a key for this algorithm (or no key at all): try the next.
    }
  }
  return null;
}

async function pemBlocksOf(key: CryptoKey): Promise<PemBlock[]> {
  const spki = readPemBlocks(await exportSPKI(key))![0]!;
  const jwk = await exportJWK(key);
  const n = jwk.n === undefined ? null : decodeBase64Url(jwk.n);
  const e = jwk.e === undefined ? null : decodeBase64Url(jwk.e);
  return n && e ? [spki, { label: 'RSA PUBLIC KEY', der: derSequence(derInteger(n), derInteger(e)) }] : [spki];
}

/** A PKCS#1 RSA key wrapped as SPKI (what jose and WebCrypto import); other blocks as they are. */
export function spkiBlock(block: PemBlock): PemBlock {
  if (block.label !== 'RSA PUBLIC KEY') return block;
  return { label: 'PUBLIC KEY', der: derSequence(RSA_ALGORITHM_IDENTIFIER, derTlv(0x03, concatBytes(Uint8Array.of(0), block.der))) };
}

/** SEQUENCE { OID 1.2.840.113549.1.1.1 (rsaEncryption), NULL } */
const RSA_ALGORITHM_IDENTIFIER = Uint8Array.of(0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00);

function derTlv(tag: number, content: Uint8Array): Uint8Array {
  const length: number[] = [];
  for (let rest = content.length; rest > 0; rest = Math.floor(rest / 256)) length.unshift(rest % 256);
  const header = content.length < 0x80 ? [tag, content.length] : [tag, 0x80 | length.length, ...length];
  return concatBytes(Uint8Array.from(header), content);
}

function derSequence(...items: Uint8Array[]): Uint8Array {
  return derTlv(0x30, concatBytes(...items));
}

/** A non-negative INTEGER: no leading zero bytes, except one that keeps the top bit clear. */
function derInteger(magnitude: Uint8Array): Uint8Array {
  let start = 0;
  while (start < magnitude.length - 1 && magnitude[start] === 0) start++;
  const trimmed = magnitude.subarray(start);
  return derTlv(0x02, trimmed[0]! & 0x80 ? concatBytes(Uint8Array.of(0), trimmed) : trimmed);
}

/** A text made of public PEM blocks only (whitespace between them), or null. */
function readPemBlocks(text: string): PemBlock[] | null {
  const blocks: PemBlock[] = [];
  let end = 0;
  for (const match of text.matchAll(PEM_BLOCK)) {
    if (text.slice(end, match.index).trim() !== '' || blocks.length === MAX_PEM_BLOCKS || !PUBLIC_PEM_LABELS.has(match[1]!)) return null;
    const der = decodeBase64(match[2]!.replace(/\s/g, ''));
    if (!der?.length) return null;
    blocks.push({ label: match[1] as PublicPemLabel, der });
    end = match.index + match[0].length;
  }
  return blocks.length > 0 && text.slice(end).trim() === '' ? blocks : null;
}

function readJsonObject(text: string): JsonObject | null {
  if (!text.startsWith('{')) return null;
  const parsed = parseJson(text);
  return parsed.ok && isObject(parsed.json) ? parsed.json : null;
}

/** RSA, EC and OKP keys have a public half; `oct` keys are symmetric. */
function isAsymmetricJwk(value: unknown): value is JsonObject {
  return isObject(value) && (value.kty === 'RSA' || value.kty === 'EC' || value.kty === 'OKP');
}

/** The public half of a JWK: a private JWK also holds it, and nothing private is ever used. */
export function publicJwk(jwk: JsonObject): JWK {
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, oth: _oth, key_ops: _ops, ...rest } = jwk;
  return rest as JWK;
}
