import { decodeBase64, encodeBase64 } from '../codec/base64';
import { dumpJson, isObject } from '../codec/json';
import { fromHex } from '../codec/text';
import { DIGEST_LABEL } from '../crypto/digest';
import { dumpMarshal } from '../serializers/marshal';
import { readRackCoder, type RackSessionData } from '../serializers/rack-coder';
import { RACK_SESSION_DIGEST, rackSessionChecks, rackSessionSign } from '../signing/rack';
import type { Warning } from '../types';
import type { SessionFormat, Signing } from './format';
import { cannotWrite, written } from './write';

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
  /**
   * With the default coder, Base64::Marshal (objects as `readMarshal` shows them, `{"@class": …, "@ivar": …}`), signed
   * with the `hmac:` digest (SHA-1 unless told), URL-encoded as Rack sets it.
   */
  write(payload, secret, options) {
    if (!isObject(payload)) return cannotWrite('a Rack session is a hash: the payload must be a JSON object');
    const json = dumpJson(payload);
    if (!json.ok) return cannotWrite(json.reason);
    const marshal = dumpMarshal(payload);
    if (!marshal.ok) return cannotWrite(marshal.reason);
    const value = rackSessionSign(encodeBase64(marshal.bytes), secret, options.digest ?? RACK_SESSION_DIGEST);
    return written([options.name ?? RACK_SESSION_KEY, encodeURIComponent(value)]);
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
