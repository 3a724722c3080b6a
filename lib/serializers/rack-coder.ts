import { parseJson } from '../codec/json';
import { decodeUtf8 } from '../codec/text';
import { inflateZlib } from '../codec/zlib';
import { malformed, type Problem, type TypedValue } from '../types';
import { isMarshal, readMarshal } from './marshal';

/** The coders `Rack::Session::Cookie` ships (after base64): Marshal is its default. */
type RackCoder = 'Base64::Marshal' | 'Base64::JSON' | 'Base64::ZipJSON';

export interface RackSessionData {
  coder: RackCoder;
  /** The session as the coder decodes it (Marshal read without loading anything); null when unreadable. */
  payload: unknown;
  typed?: TypedValue;
  problem?: Problem;
}

/** zlib's first byte for a 32 KB window (`Zlib::Deflate.deflate`), whatever the level. */
const ZLIB_HEADER = 0x78;

/** The session in the bytes under the base64 text, by the coder they are made with; null when none of Rack's coders. */
export function readRackCoder(bytes: Uint8Array): RackSessionData | null {
  if (isMarshal(bytes)) {
    const read = readMarshal(bytes);
    return read.ok ? { coder: 'Base64::Marshal', payload: read.payload, typed: read.typed } : { coder: 'Base64::Marshal', payload: null, problem: read.problem };
  }
  if (bytes[0] === ZLIB_HEADER) {
    const inflated = inflateZlib(bytes);
    if (!inflated.ok) return { coder: 'Base64::ZipJSON', payload: null, problem: malformed(inflated.reason) };
    return jsonSession('Base64::ZipJSON', inflated.bytes) ?? { coder: 'Base64::ZipJSON', payload: null, problem: malformed('the inflated data is not JSON') };
  }
  return jsonSession('Base64::JSON', bytes);
}

function jsonSession(coder: RackCoder, bytes: Uint8Array): RackSessionData | null {
  const text = decodeUtf8(bytes);
  if (text === null || !text.startsWith('{')) return null;
  const parsed = parseJson(text);
  return parsed.ok ? { coder, payload: parsed.json } : { coder, payload: null, problem: malformed(parsed.reason) };
}
