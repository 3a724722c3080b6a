// @vitest-environment node
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { WriteOptions } from '../../lib/formats/format';
import { writeCookie } from '../../lib/formats/registry';
import type { FormatId } from '../../lib/types';

/** The frameworks' own readers, as installed for the system Python and Ruby (see README: real frameworks). */
const SYSTEM_PYTHON = '/usr/bin/python3';
const APPS = join(import.meta.dirname, '..', 'apps');

function unavailable(command: string, args: string[], install: string): string | null {
  const probe = spawnSync(command, args, { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) return `${command} cannot load it (${install})`;
  return null;
}

const readers = {
  flask: unavailable(SYSTEM_PYTHON, ['-c', 'import flask'], 'apt-get install python3-flask'),
  django: unavailable(SYSTEM_PYTHON, ['-c', 'import django'], 'apt-get install python3-django'),
  tornado: unavailable(SYSTEM_PYTHON, ['-c', 'import tornado.web'], 'apt-get install python3-tornado'),
  rails: unavailable('ruby', ['-e', 'require "active_support"; require "active_support/message_encryptor"'], 'apt-get install ruby-activesupport'),
};
for (const [reader, reason] of Object.entries(readers)) {
  if (reason && process.env.CI) throw new Error(`CI must read written cookies with ${reader}, but ${reason}`);
}

const SECRET = 'interop-write-secret ✓';
const SESSION = { user: 'zoë', cart: [1, 2, { sku: 'A-1' }], html: '<b>&</b>' };

async function written(format: FormatId, options: WriteOptions = {}): Promise<string> {
  const result = await writeCookie(format, SESSION, SECRET, options);
  if (!result.ok) throw new Error(result.problem.message);
  return result.cookies[0]!.value;
}

function run(command: string, args: string[]): string {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} refused the cookie: ${result.stderr}`);
  return result.stdout.trim();
}

describe('cookies Session Lens writes, read by the frameworks themselves', () => {
  it.skipIf(readers.flask !== null)(`Flask's session interface${readers.flask ? ` (SKIPPED: ${readers.flask})` : ''}`, async () => {
    const value = await written('flask');
    expect(JSON.parse(run(SYSTEM_PYTHON, [join(APPS, 'read_session_cookie.py'), 'flask', SECRET, value]))).toEqual(SESSION);
  });

  it.skipIf(readers.django !== null)(`Django's signed_cookies backend${readers.django ? ` (SKIPPED: ${readers.django})` : ''}`, async () => {
    const value = await written('django-session');
    expect(JSON.parse(run(SYSTEM_PYTHON, [join(APPS, 'read_session_cookie.py'), 'django', SECRET, value]))).toEqual(SESSION);
  });

  it.skipIf(readers.tornado !== null)(`Tornado's create_signed_value(version=1), byte for byte${readers.tornado ? ` (SKIPPED: ${readers.tornado})` : ''}`, async () => {
    const result = await writeCookie('tornado', 'zoë ✓', SECRET, { name: 'user', digest: 'sha1', issuedAt: 1_795_306_559 });
    if (!result.ok) throw new Error(result.problem.message);
    const script = [
      'import sys, tornado.web as w',
      'secret, name, value, ts = sys.argv[1:5]',
      'print(w.create_signed_value(secret, name, value, version=1, clock=lambda: int(ts)).decode())',
    ].join('\n');
    expect(run(SYSTEM_PYTHON, ['-c', script, SECRET, 'user', 'zoë ✓', '1795306559'])).toBe(result.cookies[0]!.value);
  });

  for (const [format, kind] of [['rails-encrypted', 'encrypted'], ['rails-signed', 'signed']] as const) {
    it.skipIf(readers.rails !== null)(`ActiveSupport's ${kind} cookie reader${readers.rails ? ` (SKIPPED: ${readers.rails})` : ''}`, async () => {
      const value = await written(format, { name: '_app_session' });
      const message = run('ruby', [join(APPS, 'read_rails_cookie.rb'), SECRET, kind, '_app_session', value]);
      expect(JSON.parse(message)).toEqual(SESSION);
      expect(run('ruby', [join(APPS, 'read_rails_cookie.rb'), SECRET, kind, '_other_session', value])).toBe('REJECTED');
    });
  }
});
