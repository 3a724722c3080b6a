import { decodeBase64 } from '../codec/base64';
import { isObject } from '../codec/json';
import { fromHex } from '../codec/text';
import { DIGEST_LABEL } from '../crypto/digest';
import { readRackCoder, type RackSessionData } from '../serializers/rack-coder';
import { rackSessionChecks } from '../signing/rack';
import type { Warning } from '../types';
import type { SessionFormat, Signing } from './format';

/** `Rack::Session::Cookie`'s `key:` default, which Sinatra keeps. */
const RACK_SESSION_KEY = 'rack.session';

/** `[str].pack("m0")` (strict base64), then `--` and the hex HMAC (SHA-1 by default; any OpenSSL digest by `hmac:`). */
const SIGNED = /^([A-Za-z0-9+/]+={0,2})--([0-9a-f]{40}|[0-9a-f]{56}|[0-9a-f]{64}|[0-9a-f]{96}|[0-9a-f]{128})$/;
const UNSIGNED = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * Rack 2's cookie session (`Rack::Session::Cookie`, Sinatra's `enable :sessions`): the session hash by a coder
 * (Marshal by default, JSON, zlib-deflated JSON), strict base64, `--hex(HMAC)` unless the app set no secret.
 */
export const rackSession: SessionFormat = {
  id: 'rack-session',
  read(cookie) {
    const signed = SIGNED.exec(cookie.value);
    const data = signed ? signed[1]! : cookie.name === RACK_SESSION_KEY && UNSIGNED.test(cookie.value) ? cookie.value : null;
    const bytes = data === null ? null : decodeBase64(data);
    const session = bytes && readRackCoder(bytes);
    if (!session || !isRackSession(cookie.name, session)) return null;
    const signing: Signing = signed ? { kind: 'hmac', checks: rackSessionChecks(data!, fromHex(signed[2]!)!) } : { kind: 'unsigned' };
    return {
      format: 'rack-session',
      label: 'Rack session cookie',
      isSession: true,
      payload: session.payload,
      ...(session.typed ? { typed: session.typed } : {}),
      issuedAt: null,
      signing,
      warnings: warnings(session, signed !== null),
      facts: {
        coder: session.coder,
        ...(signing.kind === 'hmac' ? { digest: DIGEST_LABEL[signing.checks[0]!.digest] } : { signature: 'none: the app set no secret' }),
      },
      ...(session.problem ? { problem: session.problem } : {}),
    };
  },
};

/**
 * Under Rack's own key, any of its coders; under another key, only a session (it always holds `session_id`) that a Rails
 * 3 CookieStore session (`_<app>_session`, Marshal with the same HMAC) cannot be.
 */
function isRackSession(name: string, session: RackSessionData): boolean {
  if (name === RACK_SESSION_KEY) return true;
  if (!isObject(session.payload) || !Object.hasOwn(session.payload, 'session_id')) return false;
  return session.coder !== 'Base64::Marshal' || !name.endsWith('_session');
}

function warnings(session: RackSessionData, signed: boolean): Warning[] {
  if (!signed) {
    return [{ code: 'code-execution-serializer', message: 'No secret: Rack loads this cookie from anyone, and with the Marshal coder any client can make the server run code.' }];
  }
  if (session.coder !== 'Base64::Marshal') return [];
  return [{ code: 'code-execution-serializer', message: "Rack's Marshal coder (read here without loading anything): with the secret anyone can make the server load arbitrary Ruby objects and run code." }];
}
