import { dumpJson, parseJson } from '../codec/json';
import {
  dumpUrlSafe,
  loadUrlSafePayload,
  signerChecks,
  signerConfigs,
  splitSigned,
  splitTimed,
  timedFacts,
  timestampSign,
  type SigningConfig,
} from '../signing/itsdangerous';
import type { SessionFormat, WriteOptions, WriteResult } from './format';
import { cannotWrite, signingTime, written } from './write';
import type { Secret } from '../types';

const PRINTABLE = /^[^\u0000-\u001f\u007f]+$/;

/** `URLSafeTimedSerializer(secret_key)`'s defaults. */
const ITSDANGEROUS_SIGNER: SigningConfig = { salt: 'itsdangerous', keyDerivation: 'django-concat', digest: 'sha1' };

/** Generic itsdangerous tokens: timed or not, URL-safe JSON, plain JSON (`Serializer`) or a raw signed string (`Signer`). */
export const itsdangerousToken: SessionFormat = {
  id: 'itsdangerous',
  read(cookie, context) {
    const signed = splitTimed(cookie.value) ?? splitSigned(cookie.value);
    if (!signed) return null;
    const content = readContent(signed.body);
    if (!content) return null;
    const shared = timedFacts(signed, content.compressed);
    return {
      format: 'itsdangerous',
      label: 'itsdangerous token',
      isSession: true,
      payload: content.payload,
      issuedAt: signed.timestamp?.unix ?? null,
      signing: { kind: 'hmac', checks: signerChecks(signed, signerConfigs(context.salt)) },
      warnings: shared.warnings,
      facts: { ...shared.facts, serializer: content.serializer },
    };
  },
  /** A URLSafeTimedSerializer token (`_CompactJSON`: insertion order, raw UTF-8) of any JSON value. */
  write(payload, secret, options) {
    const json = dumpJson(payload);
    return json.ok ? writeTimed(json.text, secret, options, ITSDANGEROUS_SIGNER, options.name) : cannotWrite(json.reason);
  },
};

/** `URLSafeTimedSerializer.dumps` of JSON text, the options' signer over the format's defaults; no cookie quoting (Werkzeug sets it as is). */
export function writeTimed(json: string, secret: Secret, options: WriteOptions, defaults: SigningConfig, name: string | undefined): WriteResult {
  if (name === undefined) return cannotWrite('the cookie name is needed');
  const signer = { salt: options.salt ?? defaults.salt, keyDerivation: options.keyDerivation ?? defaults.keyDerivation, digest: options.digest ?? defaults.digest };
  return written([name, timestampSign(dumpUrlSafe(json), secret, signer, signingTime(options))]);
}

interface Content {
  payload: unknown;
  serializer: string;
  compressed: boolean;
}

function readContent(body: string): Content | null {
  const urlSafe = loadUrlSafePayload(body);
  if (urlSafe.ok) return { payload: urlSafe.json, serializer: 'URL-safe', compressed: urlSafe.compressed };
  const plain = parseJson(body);
  if (plain.ok && plain.json !== null && typeof plain.json === 'object') return { payload: plain.json, serializer: 'plain JSON', compressed: false };
  if (body.length > 0 && PRINTABLE.test(body)) return { payload: body, serializer: 'raw string (Signer)', compressed: false };
  return null;
}
