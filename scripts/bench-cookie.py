#!/usr/bin/python3
"""A real Flask session cookie for scripts/bench-scan.ts.

    /usr/bin/python3 scripts/bench-cookie.py                 -> writes scripts/bench-cookie.json (the committed
                                                                fallback, signed with a key of its own)
    /usr/bin/python3 scripts/bench-cookie.py --last WORDLIST -> prints JSON for a cookie signed with the last
                                                                entry of WORDLIST, read as Flask-Unsign reads it

Flask's own SecureCookieSessionInterface signs the session (itsdangerous URLSafeTimedSerializer, salt
"cookie-session", HMAC key derivation, SHA-1), exactly as a Flask app's `session` cookie.
"""
import ast
import json
import sys
import warnings

import flask
import itsdangerous
from flask import Flask
from flask.sessions import SecureCookieSessionInterface

# Keys in sorted order, as Flask's session serializer writes them in real apps (sorted dicts).
PAYLOAD = {'is_admin': False, 'user_id': 1}
OWN_KEY = 'session-lens bench key: not in any list'


def flask_unsign_parse(line):
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        try:
            return ast.literal_eval(line.strip())
        except (SyntaxError, ValueError):
            return line.strip()


def sign(secret):
    app = Flask('bench')
    app.secret_key = secret
    serializer = SecureCookieSessionInterface().get_signing_serializer(app)
    return serializer.dumps(PAYLOAD)


def describe(secret):
    return {'hex': secret.hex()} if isinstance(secret, bytes) else {'text': secret}


def main():
    versions = {'python': sys.version.split()[0], 'flask': flask.__version__ if hasattr(flask, '__version__') else '?', 'itsdangerous': getattr(itsdangerous, '__version__', '?')}
    if len(sys.argv) == 3 and sys.argv[1] == '--last':
        with open(sys.argv[2], encoding='utf-8') as f:
            lines = [line for line in f.read().split('\n') if line.strip()]
        secret = flask_unsign_parse(lines[-1])
        if not isinstance(secret, (str, bytes)):
            secret = lines[-1].strip()
        print(json.dumps({'generator': 'scripts/bench-cookie.py --last', 'versions': versions, 'secret': describe(secret), 'payload': PAYLOAD, 'cookie': sign(secret)}))
        return
    out = {
        'generator': 'scripts/bench-cookie.py',
        'versions': versions,
        'secret': describe(OWN_KEY),
        'payload': PAYLOAD,
        'cookie': sign(OWN_KEY),
    }
    with open('scripts/bench-cookie.json', 'w', encoding='utf-8') as f:
        json.dump(out, f, indent=1)
        f.write('\n')
    print('scripts/bench-cookie.json')


if __name__ == '__main__':
    main()
